/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * each.c - --each: every input its own document, as many side by side as
 * there are threads (each then makes its formats on its share of them).
 *
 * A document is read, published into temporary files and freed before
 * the thread takes the next, so memory holds one document per thread
 * however many inputs there are.  Nothing is renamed into place until
 * every document is made: two whose outputs would share a name (known
 * only once a document is read: its front matter's name:, its man page
 * title) are then refused with every temporary file removed, so nothing
 * is published; otherwise every output is renamed together, in input
 * order, holding the folders' locks (util/outfile.h), so a run's set is
 * never mixed with another's.  Messages come out a document at a time in
 * input order as soon as the ones before are done, so stderr is the
 * same on one thread as on many.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "each.h"
#include "emit.h"
#include "model/doc.h"
#include "options.h"
#include "publish.h"
#include "read/read.h"
#include "util/diag.h"
#include "util/outfile.h"
#include "util/outnames.h"
#include "util/run.h"
#include "util/runner.h"
#include "util/strmap.h"

struct each_run;

/* One document of --each. */
struct each_doc {
	struct each_run		*run;
	char			**file;
	char			*output;	/* -o, or its folder for this one */
	struct outfile		 out[NEMITTERS];	/* made, not renamed */
	size_t			 nout;
	struct diag_buf		 held;		/* its messages until its turn */
	int			 rc;
	int			 finished;
};

struct each_run {
	const struct options	*o;	/* threads: each document's share */
	const struct style	*st;
	struct each_doc		*docs;
	size_t			 n;
	size_t			 printed;	/* documents whose messages are out */
	pthread_mutex_t		 lock;
};

/* Doc e is done: print its messages and those of the done documents
 * after it, if every one before it is out already. */
static void
print_in_order(struct each_run *r, struct each_doc *e)
{
	struct diag_buf *was;

	pthread_mutex_lock(&r->lock);
	e->finished = 1;
	while (r->printed < r->n && r->docs[r->printed].finished) {
		/* Straight to stderr, not into the job's capture: the
		 * run's messages go out as they come. */
		was = diag_capture(NULL);
		diag_buf_flush(&r->docs[r->printed].held, 1);
		diag_capture(was);
		r->printed++;
	}
	pthread_mutex_unlock(&r->lock);
}

/* One document read, made into temporary files, and freed. */
static int
each_job(void *arg)
{
	struct each_doc *e = arg;
	struct each_run *r = e->run;
	struct diag_buf *outer = diag_capture(&e->held);
	struct doc *d = NULL;
	double t = diag_clock();

	e->rc = read_one(r->o, e->file, 1, r->st, &t, &d);
	if (e->rc == EXIT_OK)
		e->rc = emit_doc(r->o, d, r->st, e->output, &t, e->out,
		    &e->nout);
	doc_free(d);
	if (e->rc != EXIT_OK)
		diag_error(*e->file, 0, "not published (the other files are)");
	diag_capture(outer);
	print_in_order(r, e);
	/* A failed file never stops the others. */
	return 0;
}

/* Two documents whose outputs would have one name (the same name: in
 * one folder), each reported naming both inputs; returns how many. */
static size_t
clashes(struct each_run *r)
{
	struct strmap seen;
	size_t i, k, found = 0;

	strmap_init(&seen);
	for (i = 0; i < r->n; i++) {
		struct each_doc *e = &r->docs[i];

		for (k = 0; k < e->nout; k++) {
			const struct each_doc *other;
			const char *path = e->out[k].path;

			if (strcmp(path, "-") == 0)
				continue;
			if ((other = strmap_get(&seen, path)) == NULL) {
				strmap_put(&seen, path, e);
				continue;
			}
			/* Once a document: its other formats clash with
			 * the same one. */
			diag_error(*e->file, 0, "its output %s would also be "
			    "%s's (give each a name: of its own); nothing is "
			    "published", path, *other->file);
			found++;
			break;
		}
	}
	strmap_free(&seen);
	return found;
}

/* Every document's outputs renamed into place together, or all removed
 * (abort); returns 0, or -1 when a rename failed (with a message). */
static int
commit_all(struct each_run *r, int abort)
{
	struct outfile **all = xcalloc(r->n * NEMITTERS + 1, sizeof(*all));
	size_t i, k, n = 0;
	int rc = 0;

	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->docs[i].nout; k++)
			all[n++] = &r->docs[i].out[k];
	if (abort)
		for (i = 0; i < n; i++)
			outfile_abort(all[i]);
	else
		rc = outfile_commit_all(all, n);
	free(all);
	return rc;
}

int
each(const struct options *o, const struct style *st)
{
	size_t n = (size_t)o->nfiles, i;
	const char *output = o->output ? o->output : "out";
	char **rel = outnames_folders(o->files, n);
	struct job *jobs = xcalloc(n, sizeof(*jobs));
	struct options inner = *o;
	struct each_run r = { &inner, st, xcalloc(n, sizeof(*r.docs)), n, 0,
	    PTHREAD_MUTEX_INITIALIZER };
	int side = o->dump ? 1 : o->threads < o->nfiles ? o->threads :
	    o->nfiles, worst = EXIT_OK;

	if (side > 1) {
		/* The libraries' global set-up, before any thread. */
		emit_init();
		read_init();
		inner.threads = o->threads / side;
		inner.run = runner_share(o->run, inner.threads);
	}
	for (i = 0; i < n; i++) {
		struct each_doc *e = &r.docs[i];

		e->run = &r;
		e->file = o->files + i;
		/* Under -o, in its input's folder relative to the inputs'
		 * common one. */
		e->output = xmalloc(strlen(output) + strlen(rel[i]) + 2);
		sprintf(e->output, "%s%s%s", output, *rel[i] ? "/" : "", rel[i]);
		free(rel[i]);
		diag_buf_init(&e->held);
		jobs[i].run = each_job;
		jobs[i].arg = e;
		diag_buf_init(&jobs[i].diag);
	}
	free(rel);
	(void)run_jobs(o->run, jobs, n, side);
	for (i = 0; i < n; i++)
		if (r.docs[i].rc > worst)
			worst = r.docs[i].rc;
	if (clashes(&r) > 0) {
		worst = EXIT_INPUT;
		(void)commit_all(&r, 1);
	} else if (commit_all(&r, 0) != 0 && worst < EXIT_OUTPUT)
		worst = EXIT_OUTPUT;
	for (i = 0; i < n; i++)
		free(r.docs[i].output);
	if (side > 1)
		runner_free(inner.run);
	pthread_mutex_destroy(&r.lock);
	free(r.docs);
	free(jobs);
	return worst;
}
