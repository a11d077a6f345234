/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * runner.h - every thread quire uses: a pool of workers made by main and
 * passed down explicitly.
 *
 * Work is handed over as a task.  A task is started only when a worker
 * is free for it at once (or can be made), so a started task never waits
 * in a queue behind others; when none can be had, runner_start returns
 * NULL and the caller does the work itself, as on one thread.  Every
 * caller has such a path already, and the output never depends on which
 * one ran: threads only change when work is done, never what it makes.
 *
 * A runner's `threads` is what the user allowed (-j): how many tasks the
 * caller should split its work into.  The pool may hold a few more
 * workers than that, for tasks that mostly wait (reading ahead, freeing).
 */
#ifndef QUIRE_RUNNER_H
#define QUIRE_RUNNER_H

struct runner;
struct runner_task;

/* A runner for `threads` (at least 1); freed by runner_free. */
struct runner	*runner_new(int threads);

/* A view of the same pool with a smaller share, for one of several
 * documents made side by side (--each); freed by runner_free, which
 * then frees only the view. */
struct runner	*runner_share(struct runner *, int threads);

/* Wait for every detached task and end the pool's workers (the owner's
 * runner only); tasks started while it waits, by any thread, run on
 * their callers.  NULL is allowed. */
void		 runner_free(struct runner *);

/* The threads the user allowed this runner: 1 for NULL. */
int		 runner_threads(const struct runner *);

/*
 * fn(arg) on a worker of its own, started now; NULL when no worker can
 * be had (r NULL, or one thread allowed, or the pool full): the caller
 * then calls fn itself.  Each started task is joined exactly once.
 */
struct runner_task	*runner_start(struct runner *, void *(*fn)(void *),
		    void *arg);

/* Wait for the task, free it and return what fn returned. */
void		*runner_join(struct runner_task *);

/* fn(arg) on a worker, never joined by the caller: runner_free waits for
 * it.  With no worker to be had, fn runs here and now. */
void		 runner_detach(struct runner *, void (*fn)(void *),
		    void *arg);

#endif
