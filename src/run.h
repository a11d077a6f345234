/*
 * run.h - independent jobs on several threads, with the result of
 * running them one after another: the same messages in the same order,
 * the same first failure.
 */
#ifndef QUIRE_RUN_H
#define QUIRE_RUN_H

#include <stddef.h>

#include "diag.h"

struct job {
	int		(*run)(void *arg);	/* 0, or -1 after a message;
						   NULL: failed already */
	void		 *arg;
	int		  rc;		/* what run returned; -1 when NULL */
	struct diag_buf	  diag;		/* its messages; diag_buf_init'd
					   by the caller, flushed here */
};

/*
 * Run jobs[0..n) on up to `threads` threads (the caller's among them),
 * as if one after another in order: a job after a failed one may be
 * skipped, and its messages are dropped if it ran; everything up to and
 * including the first failure is printed in job order once all are
 * done.  A job whose run is NULL counts as failed, with the messages
 * the caller captured in its diag.  Returns the
 * index of the first failed job, or n.
 */
size_t	run_jobs(struct job *jobs, size_t n, int threads);

/*
 * How many threads to use: `option` (-j N) when positive, else
 * $QUIRE_JOBS, else the number of online cores.  Returns -1 after a
 * message when QUIRE_JOBS is not a positive number.
 */
int	run_threads(int option);

#endif
