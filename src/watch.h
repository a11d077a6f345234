/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * watch.h - --watch: publish again whenever a file the last run read
 * changes (util/watchlist.h says which), through inotify.
 */
#ifndef QUIRE_WATCH_H
#define QUIRE_WATCH_H

/* Run build(arg) first, then again after every change, until the
 * process is stopped (Ctrl-C).  build returns an exit status; a failed
 * build leaves the last good outputs in place (they are only ever
 * replaced whole).  Returns only when watching is impossible: an exit
 * status, after a message. */
int	watch_loop(int (*build)(void *), void *arg);

#endif
