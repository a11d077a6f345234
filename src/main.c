/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the command line: read, parse once, emit each format.
 *
 * quire [options] FILE...   (see options.c and docs/quire.1.md)
 *
 * Three steps: the options (parse_args), the one document read from
 * every input (read/read.c), and the publications written atomically
 * from it (publish.c); --each does the last two for every input in turn
 * (each.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "each.h"
#include "model/doc.h"
#include "model/style.h"
#include "options.h"
#include "publish.h"
#include "read/codeblock.h"
#include "read/meta.h"
#include "util/diag.h"
#include "util/runner.h"
#include "watch.h"

/* The style: the file -s names, or the built-in one (styles/default.yaml
 * compiled in, so quire needs no data files wherever it runs). */
static struct style *
load_style(const struct options *o)
{
	struct style *st = style_load(o->style);

	if (st != NULL && o->paper != NULL)
		style_set(st, "pdf.paper", o->paper);
	if (st != NULL && o->font_path != NULL) {
		/* The style's folder is relative to the style file; this
		 * one to the working directory. */
		char cwd[4096], *abs;

		if (o->font_path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
			style_set(st, "pdf.fonts.path", o->font_path);
		else {
			abs = xmalloc(strlen(cwd) + strlen(o->font_path) + 2);
			sprintf(abs, "%s/%s", cwd, o->font_path);
			style_set(st, "pdf.fonts.path", abs);
			free(abs);
		}
	}
	return st;
}

/*
 * -M's values checked before any input is read: a bad one is a usage
 * error (exit 1) whatever the inputs, not found only once the first
 * input was read (and after an input error in it).  Its messages are
 * said again when the values are set, so here they are kept only when
 * one fails.
 */
static int
check_overrides(const struct options *o)
{
	struct doc *scratch = doc_new();
	struct diag_buf held, *outer;
	size_t i;
	int bad = 0;

	diag_buf_init(&held);
	outer = diag_capture(&held);
	for (i = 0; i < o->noverrides; i++) {
		char *key = xstrdup(o->overrides[i]), *eq = strchr(key, '=');

		*eq = '\0';
		if (meta_override(scratch, key, eq + 1) != 0)
			bad = 1;
		free(key);
	}
	diag_capture(outer);
	diag_buf_flush(&held, bad);
	doc_free(scratch);
	return bad ? EXIT_USAGE : EXIT_OK;
}

/* One run: the style, the document (or each one), the publications;
 * returns the exit status.  --watch makes one after another. */
static int
build(void *arg)
{
	struct options *o = arg;
	struct style *st = NULL;
	double t = diag_clock();
	int rc = EXIT_OK;

	o->run = runner_new(o->threads);
	/* The style first: it says how the Markdown is read (after -M,
	 * a usage error before any input's). */
	if ((rc = check_overrides(o)) != EXIT_OK)
		;
	else if ((st = load_style(o)) == NULL)
		rc = EXIT_INPUT;
	else if (o->css != NULL && access(o->css, R_OK) != 0) {
		/* Given by the person running quire, like -s: an error. */
		diag_error(o->css, 0, "cannot read the stylesheet (--css): %s",
		    strerror(errno));
		rc = EXIT_INPUT;
	}
	diag_stage(&t, "style");
	if (rc == EXIT_OK && !o->each) {
		struct doc *d = NULL;

		rc = read_one(o, o->files, o->nfiles, st, &t, &d);
		if (rc == EXIT_OK)
			rc = emit_doc(o, d, st, o->output ? o->output : "out",
			    &t, NULL, NULL);
		doc_free(d);
	}
	/* --each: a failed file is named, the others are still written,
	 * and the exit status is the worst of them. */
	if (rc == EXIT_OK && o->each)
		rc = each(o, st);
	/* Counted under -q too: CI can be strict and quiet. */
	if (rc == EXIT_OK && o->strict && diag_warnings > 0) {
		diag_error(NULL, 0, "%d warning%s (--fail-if-warnings)",
		    diag_warnings, diag_warnings == 1 ? "" : "s");
		rc = EXIT_WARNINGS;
	}
	/* Every thread done, those freeing what emitters left too, before
	 * the style they may read goes. */
	runner_free(o->run);
	o->run = NULL;
	style_free(st);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct options o;
	int rc;

	if ((rc = parse_args(&o, argc, argv)) != 0) {
		free(o.overrides);
		return rc < 0 ? EXIT_USAGE : EXIT_OK;
	}
	rc = o.watch ? watch_loop(build, &o) : build(&o);
	free(o.overrides);
	codeblock_release();
	return rc;
}
