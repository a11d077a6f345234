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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/tmpfiles.h"

/* The handler may only touch lock-free atomics. */
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "pointers must be lock-free");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "ints must be lock-free");

/*
 * The table grows in chunks that are never moved or freed, so the
 * handler can walk it while a thread adds a chunk: --each keeps every
 * document's outputs as temporary files until all are made (three
 * formats for each of thousands of documents).  Chunks are filled in
 * order; where each name sits is found again through `where` (used
 * under the lock only), so adding and removing cost the same however
 * many are pending.
 */
#define CHUNK		256
#define MAX_CHUNKS	8192	/* two million names */
struct chunk {
	_Atomic(char *)	 slot[CHUNK];
};
static _Atomic(struct chunk *) chunks[MAX_CHUNKS];
static size_t nslots;		/* slots in the chunks made so far */
static size_t *free_slots;	/* slots emptied, to fill first */
static size_t nfree, free_cap;
/* Open addressing: a name's pointer to its slot + 1 (0: empty). */
static struct where {
	char	*tmp;
	size_t	 slot1;
} *where;
static size_t where_cap, where_n;
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
	for (i = 0; i < MAX_CHUNKS; i++) {
		struct chunk *c = atomic_load(&chunks[i]);
		size_t k;

		if (c == NULL)
			break;
		for (k = 0; k < CHUNK; k++)
			if ((p = atomic_load(&c->slot[k])) != NULL)
				unlink(p);
	}
}

static size_t
where_hash(const char *tmp, size_t cap)
{
	uintptr_t h = (uintptr_t)tmp;

	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15ULL;
	return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* The entry of tmp in `where`, or the empty one where it would go. */
static struct where *
where_find(const char *tmp)
{
	size_t i = where_hash(tmp, where_cap);

	while (where[i].slot1 != 0 && where[i].tmp != tmp)
		i = (i + 1) & (where_cap - 1);
	return &where[i];
}

static void
where_put(char *tmp, size_t slot)
{
	struct where *old = where;
	size_t i, cap = where_cap;

	if ((where_n + 1) * 2 > where_cap) {
		where_cap = cap ? cap * 2 : 64;
		where = xcalloc(where_cap, sizeof(*where));
		for (i = 0; i < cap; i++)
			if (old[i].slot1 != 0)
				*where_find(old[i].tmp) = old[i];
		free(old);
	}
	*where_find(tmp) = (struct where){ tmp, slot + 1 };
	where_n++;
}

/* Take tmp out of `where` (backward-shift deletion); its slot, or
 * (size_t)-1 when it is not there. */
static size_t
where_take(const char *tmp)
{
	struct where *w;
	size_t i, j, k, slot;

	if (where_cap == 0 || (w = where_find(tmp))->slot1 == 0)
		return (size_t)-1;
	slot = w->slot1 - 1;
	i = (size_t)(w - where);
	for (j = (i + 1) & (where_cap - 1); where[j].slot1 != 0;
	    j = (j + 1) & (where_cap - 1)) {
		k = where_hash(where[j].tmp, where_cap);
		/* Move j into the hole at i unless its home lies
		 * cyclically in (i, j]. */
		if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
			where[i] = where[j];
			i = j;
		}
	}
	where[i] = (struct where){ NULL, 0 };
	where_n--;
	return slot;
}

/* A free slot for a new name: one emptied, or the next of the chunks,
 * a new chunk made when they are full; (size_t)-1 past the last. */
static size_t
free_slot(void)
{
	if (nfree > 0)
		return free_slots[--nfree];
	if (nslots == (size_t)MAX_CHUNKS * CHUNK)
		return (size_t)-1;
	if (nslots % CHUNK == 0)
		atomic_store(&chunks[nslots / CHUNK], xcalloc(1,
		    sizeof(struct chunk)));
	return nslots++;
}

/* A slot emptied, to be filled first. */
static void
give_back(size_t slot)
{
	if (nfree == free_cap) {
		free_cap = free_cap ? free_cap * 2 : 64;
		free_slots = xrealloc(free_slots, free_cap *
		    sizeof(*free_slots));
	}
	free_slots[nfree++] = slot;
}

static _Atomic(char *) *
slot_at(size_t slot)
{
	return &atomic_load(&chunks[slot / CHUNK])->slot[slot % CHUNK];
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

/* Put `tmp` into the table (add = 1) or take it out.  With make, the
 * file is made here (mkstemp on the template tmp), inside the window the
 * handler waits on: a signal handled on another thread between making
 * the file and recording it would otherwise leave it behind.  Returns
 * mkstemp's descriptor (or -1 with errno), else 0. */
static int
change(char *tmp, int add, int make)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sigset_t old;
	size_t slot;
	int fd = 0, err = 0;

	tmpfiles_block(&old);
	pthread_once(&once, install);
	pthread_mutex_lock(&pending_lock);
	/* The bookkeeping first, outside the handler's wait: running out
	 * of memory here runs the cleanup, which must not wait for us. */
	if (add)
		slot = free_slot();
	else if ((slot = where_take(tmp)) != (size_t)-1)
		give_back(slot);
	if (add && !make && slot != (size_t)-1)
		where_put(tmp, slot);
	atomic_fetch_add(&inside, 1);
	if (atomic_load(&dying)) {
		/* The table is being emptied; the process is about to end,
		 * and a name taken out now could be freed under the cleanup. */
		atomic_fetch_sub(&inside, 1);
		if (add && !make)
			unlink(tmp);
		for (;;)
			pause();
	}
	if (make && (fd = mkstemp(tmp)) == -1)
		err = errno;
	if (slot != (size_t)-1 && fd != -1)
		atomic_store(slot_at(slot), add ? tmp : NULL);
	atomic_fetch_sub(&inside, 1);
	/* Its name is known now (mkstemp fills the template in). */
	if (make && slot != (size_t)-1) {
		if (fd != -1)
			where_put(tmp, slot);
		else
			give_back(slot);
	}
	pthread_mutex_unlock(&pending_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* Made while another thread ran out of memory: its cleanup may
	 * have run before this was in the table. */
	if (add && fd != -1 && diag_dying())
		unlink(tmp);
	errno = err;
	return fd;
}

void
tmpfiles_add(char *tmp)
{
	(void)change(tmp, 1, 0);
}

int
tmpfiles_make(char *tmp)
{
	return change(tmp, 1, 1);
}

void
tmpfiles_remove(char *tmp)
{
	(void)change(tmp, 0, 0);
}
