/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the command line: read, parse once, emit each format.
 *
 * quire [options] FILE...   (see options.c and docs/quire.1.md)
 *
 * Three steps: the options (parse_args), the one document read from
 * every input (read/read.c), and the publications written atomically
 * from it (publish).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "read/codeblock.h"
#include "read/meta.h"
#include "read/read.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "options.h"
#include "util/outfile.h"
#include "util/outnames.h"
#include "util/strmap.h"
#include "util/run.h"
#include "util/runner.h"
#include "model/style.h"
#include "util/yaml_flat.h"
#include "watch.h"

/* Whether no output wanted shows code's tokens (a man page alone): code
 * is then not tokenised at all. */
static int
plain_code(const struct options *o)
{
	for (size_t i = 0; i < NEMITTERS; i++)
		if ((o->mask & FORMAT_BIT(i)) && emitters[i].tokens)
			return 0;
	return !o->dump;
}


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
 * Where the outputs go: returns 1 when -o names a directory (made if
 * need be), 0 when it names the one file to write (its folder made), or
 * -1 after a message.
 */
static int
output_dir(const struct options *o, const char *output)
{
	int dir = o->nformats > 1 || (o->each && o->nfiles > 1) ||
	    path_is_dir(output) || output[strlen(output) - 1] == '/';

	if (!dir && strrchr(output, '/') != NULL && strcmp(output, "-") != 0) {
		/* A file name: its folder is made if need be. */
		char *parent = xstrdup(output);

		*strrchr(parent, '/') = '\0';
		if (*parent != '\0' && !path_is_dir(parent))
			(void)outfile_mkdirs(parent);
		free(parent);
	}
	if (dir && !path_is_dir(output) && outfile_mkdirs(output) != 0) {
		diag_error(output, 0, "cannot create the output directory: %s",
		    strerror(errno));
		return -1;
	}
	return dir;
}

/* One format's publication: a job for run_jobs(). */
struct emission {
	const struct emitter	*f;
	const struct doc	*d;
	const struct style	*st;
	struct runner		*run;
	struct outfile		 out;
};

/* The emitter, writing into its open temporary file; under -v, its own
 * time (the emitters may run side by side, so not a shared clock's). */
static int
emit_one(void *arg)
{
	struct emission *e = arg;
	double t = diag_clock();
	int rc = e->f->emit(e->d, e->st, e->run, e->out.fp);

	diag_stage(&t, e->f->option);
	return rc;
}

/*
 * A job for every wanted format, its temporary file opened here, before
 * the emitters start.  An open's message is captured into its job, so
 * it comes out after the previous formats' own; opening stops at the
 * first failure, as making them one by one would.  Returns the number
 * of jobs.
 */
static size_t
open_jobs(const struct options *o, const struct doc *d,
    const struct style *st, const char *output, int dir, struct emission *e,
    struct job *jobs)
{
	size_t i, n = 0, plen = strlen(output) + strlen(d->meta.name) +
	    strlen(d->meta.section) + 8;
	char *path = xmalloc(plen);
	struct diag_buf *outer;

	for (i = 0; i < NEMITTERS; i++) {
		const struct emitter *f = &emitters[i];

		if (!(o->mask & FORMAT_BIT(i)))
			continue;
		if (!dir)
			snprintf(path, plen, "%s", output);
		else
			snprintf(path, plen, "%s/%s.%s", output, d->meta.name,
			    f->extension ? f->extension : d->meta.section);
		e[n] = (struct emission){ f, d, st, o->run,
		    { NULL, NULL, NULL, NULL, -1 } };
		jobs[n].run = emit_one;
		jobs[n].arg = &e[n];
		diag_buf_init(&jobs[n].diag);
		outer = diag_capture(&jobs[n].diag);
		if (outfile_open(&e[n].out, path) != 0)
			jobs[n].run = NULL;
		diag_capture(outer);
		if (jobs[n++].run == NULL)
			break;
	}
	free(path);
	return n;
}

/*
 * Write every wanted format.  Each goes to a temporary file first; only
 * when all of them are complete are they renamed into place, so a failed
 * run leaves the previous publications as they were.  The emitters only
 * read the document and the style, so they run side by side (-j).
 * `output` is -o's path, or a folder under it for a document of --each,
 * which renames in its turn when made beside others (turns, index; NULL
 * when alone).
 */
static int
publish(const struct options *o, const struct doc *d,
    const struct style *st, const char *output, double *t,
    struct turns *turns, size_t index)
{
	struct emission e[NEMITTERS];
	struct job jobs[NEMITTERS];
	struct outfile *outs[NEMITTERS];
	size_t i, n;
	int rc = EXIT_OK, dir, side = o->threads > 1;

	if ((dir = output_dir(o, output)) < 0)
		return EXIT_OUTPUT;
	n = open_jobs(o, d, st, output, dir, e, jobs);
	side = side && n > 1;
	if (side)
		emit_init();
	if (run_jobs(o->run, jobs, n, side ? o->threads : 1) != n)
		rc = EXIT_OUTPUT;
	/* Each emitter timed itself; side by side, the whole too. */
	if (side)
		diag_stage(t, "emit");
	*t = diag_clock();
	/* Close every output before renaming any, so a write error in
	 * one (a full disk) keeps all the previous publications. */
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (e[i].out.fp != NULL && outfile_close(&e[i].out) != 0)
			rc = EXIT_OUTPUT;
	if (turns != NULL)
		turns_wait(turns, index);
	for (i = 0; i < n; i++)
		outs[i] = &e[i].out;
	if (rc != EXIT_OK)
		for (i = 0; i < n; i++)
			outfile_abort(outs[i]);
	else if (outfile_commit_all(outs, n) != 0)
		rc = EXIT_OUTPUT;
	diag_stage(t, "write");
	return rc;
}

/* The document from `nfiles` inputs, into *d; returns an exit status. */
static int
read_one(const struct options *o, char **files, int nfiles,
    const struct style *st, double *t, struct doc **d)
{
	struct read_request q = { o->overrides, o->noverrides, o->css,
	    plain_code(o), o->run };
	int rc = read_document(&q, files, nfiles, st, d);

	diag_stage(t, "read+parse");
	return rc;
}

/* A document read: dumped or published into `output` (turns, index: see
 * publish). */
static int
emit_doc(const struct options *o, const struct doc *d,
    const struct style *st, const char *output, double *t,
    struct turns *turns, size_t index)
{
	/* The dump is what the model tests compare: it also checks the
	 * guarantees emitters rely on (a broken one is quire's fault). */
	if (o->dump && doc_check(d) != 0)
		return EXIT_OUTPUT;
	if (o->dump) {
		doc_dump(d, stdout);
		return fflush(stdout) != 0 ? EXIT_OUTPUT : EXIT_OK;
	}
	return publish(o, d, st, output, t, turns, index);
}

/* One document of --each: read by one job, published by another. */
struct each_doc {
	const struct options	*o;	/* threads: this document's share */
	char			**file;
	const struct style	*st;
	struct turns		*turns;	/* NULL: one document at a time */
	size_t			 index;
	char			*output; /* -o, or its folder for this one */
	struct doc		*d;
	struct diag_buf		 held;	/* the reading's messages */
	double			 t;
	int			 rc;
};

/* The reading's messages are held, to come out just before the
 * document's own publishing's: each document's messages stay together. */
static int
each_read(void *arg)
{
	struct each_doc *e = arg;
	struct diag_buf *outer = diag_capture(&e->held);

	e->t = diag_clock();
	e->rc = read_one(e->o, e->file, 1, e->st, &e->t, &e->d);
	diag_capture(outer);
	return 0;
}

static int
each_publish(void *arg)
{
	struct each_doc *e = arg;

	diag_buf_flush(&e->held, 1);
	if (e->rc == EXIT_OK)
		e->rc = emit_doc(e->o, e->d, e->st, e->output, &e->t, e->turns,
		    e->index);
	doc_free(e->d);
	e->d = NULL;
	if (e->rc != EXIT_OK)
		diag_error(*e->file, 0, "not published (the other files are)");
	if (e->turns != NULL)
		turns_done(e->turns, e->index);
	/* A failed file never stops the others. */
	return 0;
}

/*
 * Where each document of --each goes: under -o, in its input's folder
 * relative to the inputs' common one.  Returns the number of clashes:
 * two documents whose outputs would have one name (the same `name:` in
 * one folder), each reported naming both inputs.
 */
static size_t
each_outputs(const struct options *o, struct each_doc *e, size_t n)
{
	const char *output = o->output ? o->output : "out";
	char **rel = outnames_folders(o->files, n), **paths;
	size_t i, k, np = 0, clashes = 0;
	struct strmap seen;
	int dir = !o->dump && (o->nfiles > 1 || path_is_dir(output) ||
	    output[strlen(output) - 1] == '/');

	paths = xcalloc(n * NEMITTERS + 1, sizeof(*paths));
	strmap_init(&seen);
	for (i = 0; i < n; i++) {
		e[i].output = xmalloc(strlen(output) + strlen(rel[i]) + 2);
		sprintf(e[i].output, "%s%s%s", output, *rel[i] ? "/" : "",
		    rel[i]);
		free(rel[i]);
		for (k = 0; dir && e[i].rc == EXIT_OK && k < NEMITTERS; k++) {
			const struct meta *m = &e[i].d->meta;
			const char *ext = emitters[k].extension ?
			    emitters[k].extension : m->section;
			const struct each_doc *other;

			if (!(o->mask & FORMAT_BIT(k)))
				continue;
			paths[np] = xmalloc(strlen(e[i].output) +
			    strlen(m->name) + strlen(ext) + 3);
			sprintf(paths[np], "%s/%s.%s", e[i].output, m->name, ext);
			if ((other = strmap_get(&seen, paths[np])) == NULL)
				strmap_put(&seen, paths[np++], &e[i]);
			else {
				/* Once a document: its other formats clash
				 * with the same one. */
				diag_error(*e[i].file, 0, "its output %s would "
				    "also be %s's (give each a name: of its "
				    "own); nothing is published", paths[np++],
				    *other->file);
				clashes++;
				break;
			}
		}
	}
	strmap_free(&seen);
	for (i = 0; i < np; i++)
		free(paths[i]);
	free(paths);
	free(rel);
	return clashes;
}

/* each_outputs, its messages after the documents' own; whether any
 * two clash (then nothing is published). */
static int
each_clash(const struct options *o, struct each_doc *e, size_t n)
{
	struct diag_buf b, *outer;
	size_t i, clashes;

	diag_buf_init(&b);
	outer = diag_capture(&b);
	clashes = each_outputs(o, e, n);
	diag_capture(outer);
	for (i = 0; clashes > 0 && i < n; i++)
		diag_buf_flush(&e[i].held, 1);
	diag_buf_flush(&b, 1);
	return clashes > 0;
}

/*
 * --each: every file its own document, as many side by side as there
 * are threads (each then makes its formats on its share of them; --dump
 * prints in order, one at a time).  Every document is read first, so two
 * whose outputs would share a name are refused before anything is
 * written.  Every document's messages are held and printed in input
 * order, and outputs are renamed into place in input order, so stderr
 * and every file are as on one thread.  Returns the worst exit status.
 */
static int
each(const struct options *o, const struct style *st)
{
	size_t n = (size_t)o->nfiles, i;
	struct each_doc *e = xcalloc(n, sizeof(*e));
	struct job *jobs = xcalloc(n, sizeof(*jobs));
	struct options inner = *o;
	struct turns turns;
	int side = o->dump ? 1 : o->threads < o->nfiles ? o->threads :
	    o->nfiles, worst = EXIT_OK, pass;

	if (side > 1) {
		/* The libraries' global set-up, before any thread. */
		emit_init();
		read_init();
		/* Each document its share of the threads. */
		inner.threads = o->threads / side;
		inner.run = runner_share(o->run, inner.threads);
		turns_init(&turns);
	}
	for (i = 0; i < n; i++) {
		e[i] = (struct each_doc){ &inner, o->files + i, st,
		    side > 1 ? &turns : NULL, i, NULL, NULL,
		    { 0 }, 0, EXIT_OK };
		diag_buf_init(&e[i].held);
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			jobs[i].run = pass == 0 ? each_read : each_publish;
			jobs[i].arg = &e[i];
			diag_buf_init(&jobs[i].diag);
		}
		(void)run_jobs(o->run, jobs, n, side);
		if (pass == 0 && each_clash(o, e, n)) {
			worst = EXIT_INPUT;
			break;
		}
	}
	for (i = 0; i < n; i++) {
		if (e[i].rc > worst)
			worst = e[i].rc;
		diag_buf_flush(&e[i].held, 1);
		doc_free(e[i].d);
		free(e[i].output);
	}
	if (side > 1) {
		turns_free(&turns);
		runner_free(inner.run);
	}
	free(jobs);
	free(e);
	return worst;
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
			    &t, NULL, 0);
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
