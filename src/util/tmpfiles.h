/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tmpfiles.h - temporary files removed if the process dies first (a
 * fatal signal, running out of memory, exit() in a library).
 */
#ifndef QUIRE_TMPFILES_H
#define QUIRE_TMPFILES_H

#include <signal.h>

/* Block SIGINT, SIGTERM and SIGHUP on the calling thread; `old` gets the
 * mask to restore with pthread_sigmask(SIG_SETMASK, old, NULL).  Making a
 * file and adding it with them blocked leaves no moment when it exists
 * but is not in the table. */
void	tmpfiles_block(sigset_t *old);
/* Add a name (kept, not copied: it must live until removed), or take it
 * out again once the file is renamed or removed. */
void	tmpfiles_add(char *tmp);
void	tmpfiles_remove(char *tmp);
/* mkstemp(tmp) and tmpfiles_add(tmp) as one step no signal can come
 * between, on any thread: the handler waits while a file is being made.
 * Returns the descriptor, or -1 with errno set (nothing added). */
int	tmpfiles_make(char *tmp);

#endif
