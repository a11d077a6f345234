/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.h - independent jobs on several threads, with the result of
 * running them one after another: the same messages in the same order,
 * the same first failure.
 */
#ifndef QUIRE_RUN_H
#define QUIRE_RUN_H

#include <pthread.h>
#include <stddef.h>

#include "util/diag.h"

struct job {
	int		(*run)(void *arg);	/* 0, or -1 after a message;
						   NULL: failed already */
	void		 *arg;
	int		  rc;		/* what run returned; -1 when NULL */
	struct diag_buf	  diag;		/* its messages; diag_buf_init'd
					   by the caller, flushed here */
};

/*
 * Run jobs[0..n) on up to `threads` threads (the runner's and the
 * caller's),
 * as if one after another in order: a job after a failed one may be
 * skipped, and its messages are dropped if it ran; everything up to and
 * including the first failure is printed in job order once all are
 * done.  A job whose run is NULL counts as failed, with the messages
 * the caller captured in its diag.  Returns the
 * index of the first failed job, or n.
 */
struct runner;
size_t	run_jobs(struct runner *, struct job *jobs, size_t n, int threads);

/* Run work(arg) on `threads` threads at once (the runner's workers and
 * the caller's own), and return when all have: work takes its share
 * from arg until none is left.  A worker the runner cannot give only
 * means fewer at once. */
void	run_workers(struct runner *, void *(*work)(void *), void *arg,
	    int threads);

/*
 * Turns in job order, for the one step of a job that must come in the
 * order of running the jobs one after another: documents of --each
 * renaming their outputs into place, so that two writing the same path
 * leave the later one's, as on one thread.  Every job i calls
 * turns_done(t, i) exactly once; turns_wait(t, i) before it only waits.
 * Job i waits only for jobs before it, which run_jobs has started
 * already, so no wait is endless.
 */
struct turns {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cv;
	size_t		 next;		/* the job whose turn it is */
};
void	turns_init(struct turns *);
void	turns_wait(struct turns *, size_t i);
void	turns_done(struct turns *, size_t i);
void	turns_free(struct turns *);

/*
 * How many threads to use: `option` (-j N) when positive, else
 * $QUIRE_JOBS, else the number of online cores.  Returns -1 after a
 * message when QUIRE_JOBS is not a positive number.
 */
int	run_threads(int option);

#endif
