/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the command line (see options.h and docs/quire.1.md): each
 * option read and checked, so that main.c starts from a consistent
 * request.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "read/read.h"
#include "util/diag.h"
#include "util/fetch.h"
#include "model/style.h"
#include "util/run.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

static void
usage(FILE *fp)
{
	fputs(
"usage: quire [options] FILE...\n"
"Publish Markdown (CommonMark + GFM) as a PDF handout, an EPUB 3 book and a\n"
"man page, from one parse.  Several FILEs make one document, in order;\n"
"one FILE may be an mdBook book (its folder or its SUMMARY.md).\n"
"\n"
"  -e, --each          every FILE its own document (a man page each)\n"
"  -t, --to LIST       formats from pdf,epub,man, comma-separated (default: all)\n"
"  -o, --output PATH   output directory (default: out/); a file name when one\n"
"                      format is given or named by its extension (x.pdf,\n"
"                      x.epub, x.1); '-' writes that one format to stdout\n"
"  -M, --metadata K=V  set or override a metadata field\n"
"  -s, --style PATH    style file (default: the built-in styles/default.yaml)\n"
"      --css PATH      a stylesheet the EPUB uses after its own\n"
"      --paper SIZE    a4, letter, a5, legal... (overrides the style; its\n"
"                      default is the system's: $PAPERSIZE, /etc/papersize)\n"
"      --font-path DIR a folder of fonts, usable by family or file name\n"
"      --offline       fetch no remote image: only those already in the cache\n"
"      --dump          print the document model instead of publishing\n"
"  -j, --jobs N        at most N threads (default: $QUIRE_JOBS, else one per\n"
"                      core); the formats (--each: the documents) are made\n"
"                      side by side\n"
"  -q, --quiet         no warnings\n"
"      --fail-if-warnings  exit 4 when there was any warning (outputs are\n"
"                      still written)\n"
"      --watch         publish again whenever an input changes (Ctrl-C stops)\n"
"  -v, --verbose       print the time each stage takes\n"
"  -h, --help          this help\n"
"  -V, --version       the version, its libraries' and the licence\n"
"\n"
"Outputs are NAME.pdf, NAME.epub and NAME.SECTION, NAME and SECTION coming\n"
"from the metadata, a man page's title line or NAME section, or the first\n"
"file's name (foo.1.md gives foo.1).  Exit status: 0 success, 1 usage\n"
"error, 2 input error, 3 output error, 4 warnings under --fail-if-warnings;\n"
"with --each, the worst of them.  FILE '-' reads stdin.\n", fp);
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
		for (i = 0; i < NEMITTERS; i++)
			if (strlen(emitters[i].option) == n &&
			    !strncmp(emitters[i].option, p, n))
				break;
		if (i == NEMITTERS) {
			diag_error(NULL, 0, "unknown format \"%.*s\" (use pdf, "
			    "epub, man)", (int)n, p);
			return -1;
		}
		mask |= FORMAT_BIT(i);
		p = *e ? e + 1 : e;
	}
	if (mask == 0) {
		diag_error(NULL, 0, "no format given to --to");
		return -1;
	}
	return mask;
}

/* -j N: a positive number of threads, or -1 after a message. */
static int
parse_jobs(const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v < 1 || v > 1024) {
		diag_error(NULL, 0, "-j wants a number of threads, not \"%s\"",
		    arg);
		return -1;
	}
	return (int)v;
}

/* --version, as the GNU coding standards ask: the version, the licence,
 * and the libraries quire runs with, for a bug report. */
static void
version(void)
{
	size_t i;

	printf("quire %s\n", QUIRE_VERSION);
	printf("Libraries: ");
	read_libraries(stdout);
	for (i = 0; i < NEMITTERS; i++)
		if (emitters[i].libraries != NULL)
			emitters[i].libraries(stdout);
	printf("\nLicence GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n");
}

/* One option; returns 0 to go on, 1 to stop with success (--help,
 * --version), -1 on a usage error (after a message). */
static int
option(struct options *o, int c, const char *arg, const char *word)
{
	switch (c) {
	case 't':
		o->formats_given = 1;
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
	case 'c':
		o->css = arg;
		return 0;
	case 's':
		o->style = arg;
		return 0;
	case 'p':
		if (!style_paper_ok(arg)) {
			diag_error(NULL, 0, "--paper: \"%s\" is not a paper "
			    "size (a4, letter, a5, legal, ..., or WxH of at "
			    "least 66mmx91mm)", arg);
			return -1;
		}
		o->paper = arg;
		return 0;
	case 'W':
		o->strict = 1;
		return 0;
	case 'w':
		o->watch = 1;
		return 0;
	case 'd':
		o->dump = 1;
		return 0;
	case 'O':
		fetch_offline = 1;
		return 0;
	case 'F':
		o->font_path = arg;
		return 0;
	case 'j':
		return (o->jobs = parse_jobs(arg)) < 0 ? -1 : 0;
	case 'e':
		o->each = 1;
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
		version();
		return 1;
	default:
		if (optopt != 0 && strchr("toMsj", optopt) != NULL)
			diag_error(NULL, 0, "option -%c wants an argument (try "
			    "quire --help)", optopt);
		else
			diag_error(NULL, 0, "unknown option \"%s\" (try quire "
			    "--help)", word);
		return -1;
	}
}

int
path_is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/*
 * Without -t, an -o naming a file of one format asks for that format
 * alone, as pandoc reads it: report.pdf, book.epub, tool.1 or perl.3pm.
 * Anything else (a folder, a name with no such extension) keeps every
 * format, in a folder of that name.
 */
static int
format_of_output(const struct options *o)
{
	const char *out = o->output, *dot, *p;
	size_t i, n;

	if (out == NULL || (n = strlen(out)) == 0 || out[n - 1] == '/' ||
	    !strcmp(out, "-") || path_is_dir(out) || (o->each && o->nfiles > 1) ||
	    (dot = strrchr(out, '.')) == NULL || strchr(dot, '/') != NULL)
		return o->mask;
	for (i = 0; i < NEMITTERS; i++)
		if (emitters[i].extension != NULL &&
		    !strcmp(dot + 1, emitters[i].extension))
			return FORMAT_BIT(i);
	/* A man page's section: a digit, then maybe letters (3pm). */
	if (dot[1] >= '1' && dot[1] <= '9') {
		for (p = dot + 2; *p >= 'a' && *p <= 'z'; p++)
			;
		if (*p == '\0')
			return MAN_ONLY;
	}
	return o->mask;
}

/* Returns 0, 1 (done: help or version shown) or -1 (usage error). */
int
parse_args(struct options *o, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "metadata", required_argument, NULL, 'M' },
		{ "style", required_argument, NULL, 's' },
		{ "css", required_argument, NULL, 'c' },
		{ "paper", required_argument, NULL, 'p' },
		{ "dump", no_argument, NULL, 'd' },
		{ "offline", no_argument, NULL, 'O' },
		{ "font-path", required_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "each", no_argument, NULL, 'e' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "fail-if-warnings", no_argument, NULL, 'W' },
		{ "watch", no_argument, NULL, 'w' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->mask = ALL_FORMATS;
	o->overrides = xcalloc((size_t)argc + 1, sizeof(*o->overrides));
	opterr = 0;	/* our own message, in our own format */
	while ((c = getopt_long(argc, argv, "t:o:M:s:j:eqvhV", longopts,
	    NULL)) != -1)
		if ((rc = option(o, c, optarg, argv[optind - 1])) != 0)
			return rc;
	if (optind >= argc) {
		diag_error(NULL, 0, "no input file (try quire --help)");
		return -1;
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (!o->formats_given && !o->dump)
		o->mask = format_of_output(o);
	for (i = 0; i < NEMITTERS; i++)
		o->nformats += (o->mask & FORMAT_BIT(i)) != 0;
	if ((o->threads = run_threads(o->jobs)) < 0)
		return -1;
	if (o->output != NULL && !strcmp(o->output, "-") &&
	    (o->nformats != 1 || o->dump)) {
		diag_error(NULL, 0, o->dump ? "--dump prints to stdout: "
		    "-o - is not needed" : "-o - writes one format: add -t "
		    "pdf, -t epub or -t man");
		return -1;
	}
	for (i = 0; i < NEMITTERS; i++)
		if (o->output != NULL && !strcmp(o->output, "-") &&
		    (o->mask & FORMAT_BIT(i)) && emitters[i].binary &&
		    isatty(STDOUT_FILENO)) {
			diag_error(NULL, 0, "-o - would write the %s to the "
			    "terminal: redirect it (> x.%s) or name a file",
			    emitters[i].option, emitters[i].extension);
			return -1;
		}
	if (o->watch && (o->dump || (o->output != NULL &&
	    !strcmp(o->output, "-")) || (o->nfiles == 1 &&
	    !strcmp(o->files[0], "-")))) {
		diag_error(NULL, 0, "--watch publishes files from files: not "
		    "with --dump, -o - or standard input");
		return -1;
	}
	if (o->each && o->output != NULL && !strcmp(o->output, "-") &&
	    o->nfiles > 1) {
		diag_error(NULL, 0, "--each writes a file per input: -o - "
		    "takes only one");
		return -1;
	}
	return 0;
}
