/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tmpfiles.c - the temporary files in flight, removed when the process
 * dies of SIGINT, SIGTERM or SIGHUP, runs out of memory or exits, so no
 * ".NAME.XXXXXX" debris is left beside the outputs.
 *
 * The signal handler may run on any thread, while a worker on another
 * thread is adding or removing a name, so the table is shared without a
 * lock the handler could wait on forever.  Instead the handler first
 * says the process is dying, then waits until no thread is inside the
 * table: a thread that enters later sees the process dying and stops
 * there, leaving the table (and the names it points to) as they are.
 * Both sides use sequentially consistent atomics, so at least one of
 * them sees the other.  A thread changes the table with the fatal
 * signals blocked on itself, so the handler never runs in the middle of
 * its own change and never waits on its own thread.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/tmpfiles.h"

/* The handler may only touch lock-free atomics. */
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "pointers must be lock-free");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "ints must be lock-free");

/* Three formats for each of run.c's at most 64 threads. */
#define MAX_TMP 192
static _Atomic(char *) pending[MAX_TMP];
static atomic_int dying;	/* the table is frozen for the cleanup */
static atomic_int inside;	/* threads changing the table now */
/* Threads changing the table take turns, so two never pick one slot. */
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Freeze the table and remove every file in it; async-signal-safe, and
 * safe to call again (a signal during the cleanup at exit). */
static void
remove_pending(void)
{
	size_t i;
	char *p;

	atomic_store(&dying, 1);
	while (atomic_load(&inside) != 0)
		;	/* a change of a few stores, on a thread not blocked */
	for (i = 0; i < MAX_TMP; i++)
		if ((p = atomic_load(&pending[i])) != NULL)
			unlink(p);
}

static void
on_fatal_signal(int sig)
{
	int saved = errno;

	remove_pending();
	/* Die of the same signal, so the parent sees what happened; the
	 * signal is blocked while its handler runs, so it arrives when the
	 * handler returns. */
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

void
tmpfiles_block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, fatal_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void
install(void)
{
	struct sigaction sa, prev;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		/* A signal ignored by our parent (nohup) stays ignored. */
		if (sigaction(fatal_signals[i], NULL, &prev) == 0 &&
		    prev.sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &sa, NULL);
	diag_cleanup = remove_pending;
	/* A library that gives up by calling exit() (libhyphen and
	 * Source-highlight's parser do, out of memory) leaves no debris
	 * either; a committed or abandoned file is no longer in the
	 * table. */
	atexit(remove_pending);
}

/* Put `tmp` into the table (add = 1) or take it out. */
static void
change(char *tmp, int add)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sigset_t old;
	size_t i;

	tmpfiles_block(&old);
	pthread_once(&once, install);
	pthread_mutex_lock(&pending_lock);
	atomic_fetch_add(&inside, 1);
	if (atomic_load(&dying)) {
		/* The table is being emptied; the process is about to end,
		 * and a name taken out now could be freed under the cleanup. */
		atomic_fetch_sub(&inside, 1);
		if (add)
			unlink(tmp);
		for (;;)
			pause();
	}
	for (i = 0; i < MAX_TMP; i++) {
		char *want = add ? NULL : tmp;

		if (atomic_compare_exchange_strong(&pending[i], &want,
		    add ? tmp : NULL))
			break;
	}
	atomic_fetch_sub(&inside, 1);
	pthread_mutex_unlock(&pending_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* Made while another thread ran out of memory: its cleanup may
	 * have run before this was in the table. */
	if (add && diag_dying())
		unlink(tmp);
}

void
tmpfiles_add(char *tmp)
{
	change(tmp, 1);
}

void
tmpfiles_remove(char *tmp)
{
	change(tmp, 0);
}
