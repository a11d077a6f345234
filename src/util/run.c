/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.c - independent jobs side by side (see run.h).
 *
 * The jobs are taken in order from one counter, so the first ones (the
 * longest, when the caller puts them first) start first.  Each worker
 * captures its job's messages (diag_capture), and the main thread prints
 * them in job order after the join: stderr never depends on which thread
 * finished first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/run.h"
#include "util/runner.h"

/* More would only add threads that wait. */
#define MAX_THREADS 64

struct queue {
	struct job	*jobs;
	size_t		 n;
	size_t		 next;		/* the next job to take */
	size_t		 failed;	/* the first failed job known, or n */
	pthread_mutex_t	 lock;
};

/* The next job worth running, or NULL: one after a known failure would
 * not have run one after another, so it is not started. */
static struct job *
take(struct queue *q)
{
	struct job *j = NULL;

	pthread_mutex_lock(&q->lock);
	while (j == NULL && q->next < q->n && q->next < q->failed) {
		j = &q->jobs[q->next++];
		if (j->run == NULL) {	/* failed before it could start */
			j->rc = -1;
			q->failed = (size_t)(j - q->jobs);
			j = NULL;
		}
	}
	pthread_mutex_unlock(&q->lock);
	return j;
}

static void
done(struct queue *q, struct job *j)
{
	size_t i = (size_t)(j - q->jobs);

	if (j->rc == 0)
		return;
	pthread_mutex_lock(&q->lock);
	if (i < q->failed)
		q->failed = i;
	pthread_mutex_unlock(&q->lock);
}

static void *
worker(void *arg)
{
	struct queue *q = arg;
	struct diag_buf *outer;
	struct job *j;

	while ((j = take(q)) != NULL) {
		/* The caller's thread may be capturing for a job of its
		 * own (a document of --each): kept, and restored. */
		outer = diag_capture(&j->diag);
		j->rc = j->run(j->arg) == 0 ? 0 : -1;
		diag_capture(outer);
		done(q, j);
	}
	return NULL;
}

/* One after another, on this thread, messages straight to stderr. */
static size_t
run_in_order(struct job *jobs, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		/* What the caller captured for it (a failed open) first. */
		diag_buf_flush(&jobs[i].diag, 1);
		jobs[i].rc = jobs[i].run == NULL ? -1 :
		    jobs[i].run(jobs[i].arg) == 0 ? 0 : -1;
		if (jobs[i].rc != 0)
			break;
	}
	for (k = i + 1; k < n; k++)
		diag_buf_flush(&jobs[k].diag, 0);
	return i;
}

void
run_workers(struct runner *r, void *(*work)(void *), void *arg, int threads)
{
	struct runner_task *t[MAX_THREADS];
	int k, started = 0;

	for (k = 1; k < threads && k <= MAX_THREADS; k++)
		if ((t[started] = runner_start(r, work, arg)) != NULL)
			started++;
	work(arg);
	for (k = 0; k < started; k++)
		(void)runner_join(t[k]);
}

size_t
run_jobs(struct runner *r, struct job *jobs, size_t n, int threads)
{
	struct queue q = { jobs, n, 0, n, PTHREAD_MUTEX_INITIALIZER };
	size_t i, first = n;

	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads <= 1 || n <= 1)
		return run_in_order(jobs, n);
	for (i = 0; i < n; i++)
		jobs[i].rc = 0;
	run_workers(r, worker, &q, (size_t)threads < n ? threads : (int)n);
	pthread_mutex_destroy(&q.lock);
	for (i = 0; i < n; i++) {
		diag_buf_flush(&jobs[i].diag, i <= first);
		if (i < first && jobs[i].rc != 0)
			first = i;
	}
	return first;
}

void
turns_init(struct turns *t)
{
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->next = 0;
}

void
turns_wait(struct turns *t, size_t i)
{
	pthread_mutex_lock(&t->lock);
	while (t->next < i)
		pthread_cond_wait(&t->cv, &t->lock);
	pthread_mutex_unlock(&t->lock);
}

void
turns_done(struct turns *t, size_t i)
{
	pthread_mutex_lock(&t->lock);
	while (t->next < i)
		pthread_cond_wait(&t->cv, &t->lock);
	t->next = i + 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->lock);
}

void
turns_free(struct turns *t)
{
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->lock);
}

int
run_threads(int option)
{
	const char *s = getenv("QUIRE_JOBS");
	long v;
	char *end;

	if (option > 0)
		return option;
	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || *end != '\0' || v < 1 || v > 1024) {
			diag_error(NULL, 0, "QUIRE_JOBS=\"%s\" is not a number "
			    "of threads", s);
			return -1;
		}
		return (int)v;
	}
	v = sysconf(_SC_NPROCESSORS_ONLN);
	return v > 0 ? (int)v : 1;
}
