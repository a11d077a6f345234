/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * publish.c - one document read and its formats made from it, each
 * written atomically (see publish.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "model/doc.h"
#include "options.h"
#include "publish.h"
#include "read/read.h"
#include "util/diag.h"
#include "util/outfile.h"
#include "util/run.h"


/* Whether no output wanted shows code's tokens (a man page alone): code
 * is then not tokenised at all. */
int
publish_plain_code(const struct options *o)
{
	for (size_t i = 0; i < NEMITTERS; i++)
		if ((o->mask & FORMAT_BIT(i)) && emitters[i].tokens)
			return 0;
	return !o->dump;
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
 * The outputs written, each to a temporary file beside its place, and
 * closed (a write error, such as a full disk, found in any before the
 * first is renamed).  Kept NULL: renamed into place now, together, so a
 * failed run leaves the previous publications as they were.  Otherwise
 * they are handed over unrenamed into kept[0..*nkept) (--each renames
 * every document's at the end); on failure none is kept.
 */
int
publish(const struct options *o, const struct doc *d,
    const struct style *st, const char *output, double *t,
    struct outfile *kept, size_t *nkept)
{
	struct emission e[NEMITTERS];
	struct job jobs[NEMITTERS];
	struct outfile *outs[NEMITTERS];
	size_t i, n;
	int rc = EXIT_OK, dir, side = o->threads > 1;

	if (nkept != NULL)
		*nkept = 0;
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
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (e[i].out.fp != NULL && outfile_close(&e[i].out) != 0)
			rc = EXIT_OUTPUT;
	for (i = 0; i < n; i++)
		outs[i] = &e[i].out;
	if (rc != EXIT_OK)
		for (i = 0; i < n; i++)
			outfile_abort(outs[i]);
	else if (kept != NULL) {
		for (i = 0; i < n; i++)
			kept[i] = e[i].out;
		*nkept = n;
	} else if (outfile_commit_all(outs, n) != 0)
		rc = EXIT_OUTPUT;
	diag_stage(t, "write");
	return rc;
}

int
read_one(const struct options *o, char **files, int nfiles,
    const struct style *st, double *t, struct doc **d)
{
	struct read_request q = { o->overrides, o->noverrides, o->css,
	    publish_plain_code(o), o->run };
	int rc = read_document(&q, files, nfiles, st, d);

	diag_stage(t, "read+parse");
	return rc;
}

int
emit_doc(const struct options *o, const struct doc *d,
    const struct style *st, const char *output, double *t,
    struct outfile *kept, size_t *nkept)
{
	/* The dump is what the model tests compare: it also checks the
	 * guarantees emitters rely on (a broken one is quire's fault). */
	if (o->dump && doc_check(d) != 0)
		return EXIT_OUTPUT;
	if (o->dump) {
		doc_dump(d, stdout);
		return fflush(stdout) != 0 ? EXIT_OUTPUT : EXIT_OK;
	}
	return publish(o, d, st, output, t, kept, nkept);
}
