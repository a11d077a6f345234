/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * runner.c - the pool every thread of quire comes from (see runner.h).
 *
 * Workers are made when a task finds none idle and are kept for the next
 * task until runner_free, so a document's many short tasks (compressing
 * pages, freeing) do not each pay for a thread.  A task is handed to one
 * worker directly: there is no shared queue, since a task that cannot
 * start at once is better done by its caller than left waiting.
 */
#include <pthread.h>
#include <stdlib.h>

#include "util/diag.h"
#include "util/runner.h"

/* Beyond -j's share, room for tasks that mostly wait; past this many
 * workers a task is done by its caller. */
#define MAX_WORKERS	64

struct runner_task {
	void		*(*fn)(void *);
	void		 (*detached)(void *);	/* instead of fn */
	void		 *arg;
	void		 *result;
	int		  done;
	struct pool	 *pool;
	struct runner_task	 *next;		/* the pool's detached tasks */
};

struct worker {
	pthread_t	 tid;
	struct pool	*pool;
	struct runner_task	*task;		/* handed over; NULL: idle */
	int		 quit;
	pthread_cond_t	 wake;
	struct worker	*next_idle;
};

struct pool {
	pthread_mutex_t	 lock;
	pthread_cond_t	 finished;	/* some task is done */
	struct worker	*idle;
	struct worker	*all[MAX_WORKERS];
	int		 nall;
	struct runner_task	*detached;
	int		 closing;	/* runner_free has begun: hand out nothing */
};

struct runner {
	struct pool	*pool;
	int		 threads;
	int		 owner;		/* 0: a share of another's pool */
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	struct runner_task *t;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (w->task == NULL && !w->quit)
			pthread_cond_wait(&w->wake, &p->lock);
		if ((t = w->task) == NULL)
			break;
		pthread_mutex_unlock(&p->lock);
		/* A task starts as on a thread of its own: its messages
		 * go straight out unless it captures them itself. */
		diag_capture(NULL);
		if (t->detached != NULL)
			t->detached(t->arg);
		else
			t->result = t->fn(t->arg);
		diag_capture(NULL);
		pthread_mutex_lock(&p->lock);
		t->done = 1;
		w->task = NULL;
		w->next_idle = p->idle;
		p->idle = w;
		pthread_cond_broadcast(&p->finished);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* An idle worker, or a new one; NULL when the pool is full or a thread
 * cannot be made.  Called with the lock held. */
static struct worker *
take_worker(struct pool *p)
{
	struct worker *w = p->idle;

	if (w != NULL) {
		p->idle = w->next_idle;
		return w;
	}
	if (p->nall == MAX_WORKERS)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->pool = p;
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->tid, NULL, work, w) != 0) {
		pthread_cond_destroy(&w->wake);
		free(w);
		return NULL;
	}
	p->all[p->nall++] = w;
	return w;
}

/* The task handed to a worker, or NULL (freed) when none can be had. */
static struct runner_task *
hand(struct runner *r, struct runner_task *t)
{
	struct pool *p;
	struct worker *w;

	if (r == NULL || r->threads <= 1) {
		free(t);
		return NULL;
	}
	p = r->pool;
	t->pool = p;
	pthread_mutex_lock(&p->lock);
	if (p->closing || (w = take_worker(p)) == NULL) {
		pthread_mutex_unlock(&p->lock);
		free(t);
		return NULL;
	}
	if (t->detached != NULL) {
		t->next = p->detached;
		p->detached = t;
	}
	w->task = t;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&p->lock);
	return t;
}

struct runner *
runner_new(int threads)
{
	struct runner *r = xcalloc(1, sizeof(*r));

	r->pool = xcalloc(1, sizeof(*r->pool));
	pthread_mutex_init(&r->pool->lock, NULL);
	pthread_cond_init(&r->pool->finished, NULL);
	r->threads = threads > 0 ? threads : 1;
	r->owner = 1;
	return r;
}

struct runner *
runner_share(struct runner *r, int threads)
{
	struct runner *v = xcalloc(1, sizeof(*v));

	v->pool = r->pool;
	v->threads = threads > 0 ? threads : 1;
	return v;
}

int
runner_threads(const struct runner *r)
{
	return r != NULL ? r->threads : 1;
}

struct runner_task *
runner_start(struct runner *r, void *(*fn)(void *), void *arg)
{
	struct runner_task *t = xcalloc(1, sizeof(*t));

	t->fn = fn;
	t->arg = arg;
	return hand(r, t);
}

void *
runner_join(struct runner_task *t)
{
	struct pool *p = t->pool;
	void *result;

	pthread_mutex_lock(&p->lock);
	while (!t->done)
		pthread_cond_wait(&p->finished, &p->lock);
	pthread_mutex_unlock(&p->lock);
	result = t->result;
	free(t);
	return result;
}

void
runner_detach(struct runner *r, void (*fn)(void *), void *arg)
{
	struct runner_task *t = xcalloc(1, sizeof(*t));

	t->detached = fn;
	t->arg = arg;
	if (hand(r, t) == NULL)
		fn(arg);
}

void
runner_free(struct runner *r)
{
	struct pool *p;
	struct runner_task *t;
	int i;

	if (r == NULL)
		return;
	if (!r->owner) {
		free(r);
		return;
	}
	p = r->pool;
	pthread_mutex_lock(&p->lock);
	/* From here a task started, by a detached one or by any thread,
	 * runs on its caller, so the list below no longer grows and no
	 * worker is added while they are told to quit. */
	p->closing = 1;
	for (t = p->detached; t != NULL; t = t->next)
		while (!t->done)
			pthread_cond_wait(&p->finished, &p->lock);
	for (i = 0; i < p->nall; i++) {
		p->all[i]->quit = 1;
		pthread_cond_signal(&p->all[i]->wake);
	}
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nall; i++) {
		pthread_join(p->all[i]->tid, NULL);
		pthread_cond_destroy(&p->all[i]->wake);
		free(p->all[i]);
	}
	while ((t = p->detached) != NULL) {
		p->detached = t->next;
		free(t);
	}
	pthread_cond_destroy(&p->finished);
	pthread_mutex_destroy(&p->lock);
	free(p);
	free(r);
}
