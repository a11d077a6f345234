/*
 * main.c - the command line: read, parse once, emit each format.
 *
 * quire [options] FILE...   (see usage() and docs/quire.1.md)
 *
 * Three steps, one function each: the options (parse_args), the one
 * document built from every input (build), and the publications written
 * atomically from it (publish).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "doc.h"
#include "emit.h"
#include "hash.h"
#include "input.h"
#include "meta.h"
#include "outfile.h"
#include "parse.h"
#include "style.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif
#ifndef QUIRE_DATADIR
#define QUIRE_DATADIR "/usr/local/share/quire"
#endif

enum { F_PDF = 1, F_EPUB = 2, F_MAN = 4 };

static const struct format {
	int		 bit;
	const char	*name;
	int		(*emit)(const struct doc *, const struct style *, FILE *);
} formats[] = {
	{ F_PDF, "pdf", emit_pdf },
	{ F_EPUB, "epub", emit_epub },
	{ F_MAN, "man", emit_man },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* What the command line asked for. */
struct options {
	int		 mask;		/* F_* */
	int		 nformats;
	int		 dump;
	const char	*output;	/* NULL: out/ */
	const char	*style;		/* NULL: the default style */
	const char	*paper;
	const char	**overrides;	/* -M KEY=VALUE, in order */
	size_t		 noverrides;
	char		**files;
	int		 nfiles;
};

static void
usage(FILE *fp)
{
	fputs(
"usage: quire [options] FILE...\n"
"Publish Markdown (CommonMark + GFM) as a PDF handout, an EPUB 3 book and a\n"
"man page, from one parse.  Several FILEs make one document, in order.\n"
"\n"
"  -t, --to LIST       formats from pdf,epub,man, comma-separated (default: all)\n"
"  -o, --output PATH   output directory (default: out/); a file name when one\n"
"                      format is given; '-' writes the man page to stdout\n"
"  -M, --metadata K=V  set or override a metadata field\n"
"  -s, --style PATH    style file (default: styles/default.yaml)\n"
"      --paper SIZE    a4 or letter (overrides the style)\n"
"      --dump          print the document model instead of publishing\n"
"  -q, --quiet         no warnings\n"
"  -v, --verbose       print the time each stage takes\n"
"  -h, --help          this help\n"
"  -V, --version       the version\n"
"\n"
"Outputs are NAME.pdf, NAME.epub and NAME.SECTION, NAME being the 'name'\n"
"field or the first file's base name.  Exit status: 0 success, 1 usage\n"
"error, 2 input error, 3 output error.\n", fp);
}

static int
parse_formats(const char *list)
{
	const char *p = list, *e;
	size_t i, n;
	int mask = 0;

	while (*p) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		for (i = 0; i < NFORMATS; i++)
			if (strlen(formats[i].name) == n &&
			    !strncmp(formats[i].name, p, n))
				break;
		if (i == NFORMATS) {
			diag_error(NULL, 0, "unknown format \"%.*s\" (use pdf, "
			    "epub, man)", (int)n, p);
			return -1;
		}
		mask |= formats[i].bit;
		p = *e ? e + 1 : e;
	}
	if (mask == 0) {
		diag_error(NULL, 0, "no format given to --to");
		return -1;
	}
	return mask;
}

/* One option; returns 0 to go on, 1 to stop with success (--help,
 * --version), -1 on a usage error (after a message). */
static int
option(struct options *o, int c, const char *arg, const char *word)
{
	switch (c) {
	case 't':
		return (o->mask = parse_formats(arg)) < 0 ? -1 : 0;
	case 'o':
		o->output = arg;
		return 0;
	case 'M':
		if (strchr(arg, '=') == NULL || arg[0] == '=') {
			diag_error(NULL, 0, "-M wants KEY=VALUE, not \"%s\"", arg);
			return -1;
		}
		o->overrides[o->noverrides++] = arg;
		return 0;
	case 's':
		o->style = arg;
		return 0;
	case 'p':
		if (strcmp(arg, "a4") && strcmp(arg, "letter")) {
			diag_error(NULL, 0, "--paper wants a4 or letter, not "
			    "\"%s\"", arg);
			return -1;
		}
		o->paper = arg;
		return 0;
	case 'd':
		o->dump = 1;
		return 0;
	case 'q':
		diag_quiet = 1;
		return 0;
	case 'v':
		diag_verbose = 1;
		return 0;
	case 'h':
		usage(stdout);
		return 1;
	case 'V':
		printf("quire %s\n", QUIRE_VERSION);
		return 1;
	default:
		if (optopt != 0 && strchr("toMs", optopt) != NULL)
			diag_error(NULL, 0, "option -%c wants an argument (try "
			    "quire --help)", optopt);
		else
			diag_error(NULL, 0, "unknown option \"%s\" (try quire "
			    "--help)", word);
		return -1;
	}
}

/* Returns 0, 1 (done: help or version shown) or -1 (usage error). */
static int
parse_args(struct options *o, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "metadata", required_argument, NULL, 'M' },
		{ "style", required_argument, NULL, 's' },
		{ "paper", required_argument, NULL, 'p' },
		{ "dump", no_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->mask = F_PDF | F_EPUB | F_MAN;
	o->overrides = xcalloc((size_t)argc + 1, sizeof(*o->overrides));
	opterr = 0;	/* our own message, in our own format */
	while ((c = getopt_long(argc, argv, "t:o:M:s:qvhV", longopts,
	    NULL)) != -1)
		if ((rc = option(o, c, optarg, argv[optind - 1])) != 0)
			return rc;
	if (optind >= argc) {
		diag_error(NULL, 0, "no input file (try quire --help)");
		return -1;
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	for (i = 0; i < NFORMATS; i++)
		o->nformats += (o->mask & formats[i].bit) != 0;
	if (o->output != NULL && !strcmp(o->output, "-") &&
	    (o->mask != F_MAN || o->dump)) {
		diag_error(NULL, 0, "-o - writes only the man page: add -t man");
		return -1;
	}
	return 0;
}

/* SOURCE_DATE_EPOCH fixes every timestamp, for reproducible builds. */
static int
get_epoch(long *epoch)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		*epoch = (long)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < 0) {
		diag_error(NULL, 0, "SOURCE_DATE_EPOCH=\"%s\" is not a number "
		    "of seconds", s);
		return -1;
	}
	*epoch = v;
	return 0;
}

/* -M KEY=VALUE, in order.  Returns EXIT_OK or EXIT_USAGE. */
static int
apply_overrides(const struct options *o, struct doc *d)
{
	char *key, *eq;
	size_t i;
	int rc;

	for (i = 0; i < o->noverrides; i++) {
		key = xstrdup(o->overrides[i]);
		eq = strchr(key, '=');
		*eq = '\0';
		rc = meta_override(d, key, eq + 1);
		free(key);
		if (rc != 0)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* How the Markdown is read: as the style says, unless the metadata (the
 * first file's front matter, then -M, the later winning) has "smart". */
static void
reading(struct doc *d, const struct style *st)
{
	const char *v = meta_extra(&d->meta, "smart");
	int b;

	d->opts.smart = st->markdown.smart;
	d->opts.notes_restart = st->markdown.footnotes == NOTES_CHAPTER;
	if (v == NULL)
		return;
	if ((b = style_parse_bool(v)) < 0)
		diag_warn(NULL, 0, "smart: \"%s\" is not true or false; "
		    "keeping %s", v, d->opts.smart ? "true" : "false");
	else
		d->opts.smart = b;
}

/*
 * Read and parse every input into one document, apply -M and settle the
 * metadata.  Returns EXIT_OK with *out set, or an exit status after a
 * message.
 */
static int
build(const struct options *o, const struct style *st, struct doc **out)
{
	struct doc *d = doc_new();
	struct hash128 text;
	struct input in;
	int f;

	*out = d;
	if (get_epoch(&d->epoch) != 0)
		return EXIT_USAGE;
	hash128_init(&text);
	for (f = 0; f < o->nfiles; f++) {
		if (input_read(o->files[f], &in) != 0)
			return EXIT_INPUT;
		if (meta_front_matter(d, o->files[f], f == 0, in.text,
		    in.len) != 0) {
			input_free(&in);
			return EXIT_INPUT;
		}
		/*
		 * -M right after the first file's front matter, which it
		 * overrides (later files only fill what is unset), so that
		 * "smart" is known before any Markdown is read; the title
		 * given here still replaces a first heading repeating it.
		 */
		if (f == 0 && apply_overrides(o, d) != EXIT_OK) {
			input_free(&in);
			return EXIT_USAGE;
		}
		if (f == 0)
			reading(d, st);
		hash128_add(&text, in.text, in.len);
		hash128_add(&text, o->files[f], strlen(o->files[f]));
		parse_chapter(d, o->files[f], in.text, in.len);
		input_free(&in);
	}
	parse_finish(d);
	if (meta_finish(d, o->files[0], &text) != 0)
		return EXIT_INPUT;
	return EXIT_OK;
}

static int
is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static struct style *
load_style(const struct options *o)
{
	static const char *const tries[] = {
		"styles/default.yaml", QUIRE_DATADIR "/styles/default.yaml",
	};
	struct style *st = NULL;
	size_t i;

	if (o->style != NULL)
		st = style_load(o->style);
	for (i = 0; o->style == NULL && st == NULL &&
	    i < sizeof(tries) / sizeof(tries[0]); i++)
		if (access(tries[i], R_OK) == 0)
			st = style_load(tries[i]);
	if (st == NULL && o->style == NULL)
		st = style_load(NULL);		/* built-in defaults */
	if (st != NULL && o->paper != NULL)
		style_set(st, "pdf.paper", o->paper);
	return st;
}

/*
 * Write every wanted format.  Each goes to a temporary file first; only
 * when all of them are complete are they renamed into place, so a failed
 * run leaves the previous publications as they were.
 */
static int
publish(const struct options *o, const struct doc *d,
    const struct style *st, double *t)
{
	struct outfile outs[NFORMATS];
	const char *output = o->output ? o->output : "out";
	char *path;
	size_t i, plen;
	int rc = EXIT_OK;

	memset(outs, 0, sizeof(outs));
	/* -o: a directory, or a file name when one format is wanted. */
	if ((o->nformats > 1 || is_dir(output)) && !is_dir(output) &&
	    mkdir(output, 0777) != 0) {
		diag_error(output, 0, "cannot create the output directory: %s",
		    strerror(errno));
		return EXIT_OUTPUT;
	}
	plen = strlen(output) + strlen(d->meta.name) +
	    strlen(d->meta.section) + 8;
	path = xmalloc(plen);
	for (i = 0; i < NFORMATS && rc == EXIT_OK; i++) {
		const struct format *f = &formats[i];

		if (!(o->mask & f->bit))
			continue;
		if (o->nformats == 1 && !is_dir(output))
			snprintf(path, plen, "%s", output);
		else
			snprintf(path, plen, "%s/%s.%s", output, d->meta.name,
			    f->bit == F_MAN ? d->meta.section : f->name);
		if (outfile_open(&outs[i], path) != 0 ||
		    f->emit(d, st, outs[i].fp) != 0)
			rc = EXIT_OUTPUT;
		diag_stage(t, f->name);
	}
	free(path);
	/* Close every output before renaming any, so a write error in
	 * one (a full disk) keeps all the previous publications. */
	for (i = 0; i < NFORMATS && rc == EXIT_OK; i++)
		if (outs[i].fp != NULL && outfile_close(&outs[i]) != 0)
			rc = EXIT_OUTPUT;
	for (i = 0; i < NFORMATS; i++) {
		if (outs[i].path == NULL)
			continue;
		if (rc != EXIT_OK)
			outfile_abort(&outs[i]);
		else if (outfile_commit(&outs[i]) != 0)
			rc = EXIT_OUTPUT;
	}
	diag_stage(t, "write");
	return rc;
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct style *st = NULL;
	struct doc *d = NULL;
	double t = diag_clock();
	int rc;

	if ((rc = parse_args(&o, argc, argv)) != 0) {
		free(o.overrides);
		return rc < 0 ? EXIT_USAGE : EXIT_OK;
	}
	/* The style first: it says how the Markdown is read. */
	if ((st = load_style(&o)) == NULL)
		rc = EXIT_INPUT;
	diag_stage(&t, "style");
	if (rc == EXIT_OK)
		rc = build(&o, st, &d);
	diag_stage(&t, "read+parse");
	if (rc == EXIT_OK && o.dump) {
		doc_dump(d, stdout);
		if (fflush(stdout) != 0)
			rc = EXIT_OUTPUT;
	} else if (rc == EXIT_OK)
		rc = publish(&o, d, st, &t);
	style_free(st);
	doc_free(d);
	free(o.overrides);
	return rc;
}
