/*
 * main.c - the command line: read, parse once, emit each format.
 *
 * quire [options] FILE...   (see usage() and docs/quire.1.md)
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

static int
is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static struct style *
load_style(const char *path)
{
	static const char *const tries[] = {
		"styles/default.yaml", QUIRE_DATADIR "/styles/default.yaml",
	};
	size_t i;

	if (path != NULL)
		return style_load(path);
	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++)
		if (access(tries[i], R_OK) == 0)
			return style_load(tries[i]);
	return style_load(NULL);	/* built-in defaults */
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
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
	const char *output = NULL, *style_path = NULL, *paper = NULL;
	const char **overrides;
	struct style *st = NULL;
	struct doc *d = NULL;
	struct input in;
	struct outfile outs[NFORMATS];
	uint64_t hash[2] = { META_HASH0, META_HASH0 ^ 0x9e3779b97f4a7c15ULL };
	char *path = NULL, *eq;
	double t;
	size_t i, nover = 0, plen;
	int c, mask = F_PDF | F_EPUB | F_MAN, dump = 0, rc = EXIT_OK, nfmt;

	memset(outs, 0, sizeof(outs));
	opterr = 0;	/* our own message, in our own format */
	overrides = xcalloc((size_t)argc + 1, sizeof(*overrides));
	while ((c = getopt_long(argc, argv, "t:o:M:s:qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if ((mask = parse_formats(optarg)) < 0)
				goto usage_error;
			break;
		case 'o':
			output = optarg;
			break;
		case 'M':
			if (strchr(optarg, '=') == NULL || optarg[0] == '=') {
				diag_error(NULL, 0, "-M wants KEY=VALUE, not "
				    "\"%s\"", optarg);
				goto usage_error;
			}
			overrides[nover++] = optarg;
			break;
		case 's':
			style_path = optarg;
			break;
		case 'p':
			if (strcmp(optarg, "a4") && strcmp(optarg, "letter")) {
				diag_error(NULL, 0, "--paper wants a4 or "
				    "letter, not \"%s\"", optarg);
				goto usage_error;
			}
			paper = optarg;
			break;
		case 'd':
			dump = 1;
			break;
		case 'q':
			diag_quiet = 1;
			break;
		case 'v':
			diag_verbose = 1;
			break;
		case 'h':
			usage(stdout);
			free(overrides);
			return EXIT_OK;
		case 'V':
			printf("quire %s\n", QUIRE_VERSION);
			free(overrides);
			return EXIT_OK;
		default:
			if (optopt != 0 && strchr("toMs", optopt) != NULL)
				diag_error(NULL, 0, "option -%c wants an "
				    "argument (try quire --help)", optopt);
			else
				diag_error(NULL, 0, "unknown option \"%s\" "
				    "(try quire --help)", argv[optind - 1]);
			goto usage_error;
		}
	}
	if (optind >= argc) {
		diag_error(NULL, 0, "no input file (try quire --help)");
		goto usage_error;
	}
	for (nfmt = 0, i = 0; i < NFORMATS; i++)
		nfmt += (mask & formats[i].bit) != 0;
	if (output != NULL && !strcmp(output, "-") &&
	    (mask != F_MAN || dump)) {
		diag_error(NULL, 0, "-o - writes only the man page: add -t man");
		goto usage_error;
	}

	t = diag_clock();
	d = doc_new();
	if (get_epoch(&d->epoch) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (c = optind; c < argc; c++) {
		if (input_read(argv[c], &in) != 0) {
			rc = EXIT_INPUT;
			goto out;
		}
		if (meta_front_matter(d, argv[c], c == optind, in.text,
		    in.len) != 0) {
			input_free(&in);
			rc = EXIT_INPUT;
			goto out;
		}
		hash[0] = meta_hash(hash[0], in.text, in.len + 1);
		hash[1] = meta_hash(hash[1], in.text, in.len + 1);
		hash[1] = meta_hash(hash[1], argv[c], strlen(argv[c]));
		parse_chapter(d, argv[c], in.text, in.len);
		input_free(&in);
	}
	diag_stage(&t, "read+parse");
	parse_finish(d);
	for (i = 0; i < nover; i++) {
		eq = strchr(overrides[i], '=');
		*eq = '\0';
		if (meta_override(d, overrides[i], eq + 1) != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (meta_finish(d, argv[optind], hash) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	diag_stage(&t, "model");
	if (dump) {
		doc_dump(d, stdout);
		if (fflush(stdout) != 0)
			rc = EXIT_OUTPUT;
		goto out;
	}

	if ((st = load_style(style_path)) == NULL) {
		rc = EXIT_INPUT;
		goto out;
	}
	if (paper != NULL)
		style_set(st, "pdf.paper", paper);
	diag_stage(&t, "style");

	/* -o: a directory, or a file name when one format is wanted. */
	if (output == NULL)
		output = "out";
	if (nfmt > 1 || is_dir(output)) {
		if (!is_dir(output) && mkdir(output, 0777) != 0) {
			diag_error(output, 0, "cannot create the output "
			    "directory: %s", strerror(errno));
			rc = EXIT_OUTPUT;
			goto out;
		}
	}
	/* Every format goes to a temporary file first; only when all of
	 * them are complete are they renamed into place, so a failed run
	 * leaves the previous publications as they were. */
	plen = strlen(output) + strlen(d->meta.name) +
	    strlen(d->meta.section) + 8;
	path = xmalloc(plen);
	for (i = 0; i < NFORMATS && rc == EXIT_OK; i++) {
		const struct format *f = &formats[i];

		if (!(mask & f->bit))
			continue;
		if (nfmt == 1 && !is_dir(output))
			snprintf(path, plen, "%s", output);
		else
			snprintf(path, plen, "%s/%s.%s", output, d->meta.name,
			    f->bit == F_MAN ? d->meta.section : f->name);
		if (outfile_open(&outs[i], path) != 0 ||
		    f->emit(d, st, outs[i].fp) != 0)
			rc = EXIT_OUTPUT;
		diag_stage(&t, f->name);
	}
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
	diag_stage(&t, "write");
out:
	free(path);
	style_free(st);
	doc_free(d);
	free(overrides);
	return rc;
usage_error:
	free(overrides);
	return EXIT_USAGE;
}
