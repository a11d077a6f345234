/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * watchlist.h - the files a run read, for --watch (watch.c): every
 * chapter, include, SUMMARY.md, book.toml, style, stylesheet and image
 * is noted where it is opened (file.c, resolve.c), also when it is
 * missing, so that a file that appears later starts a rebuild too.
 * Off (and free) unless watchlist_start was called.
 */
#ifndef QUIRE_WATCHLIST_H
#define QUIRE_WATCHLIST_H

#include <stddef.h>

/* Start (or restart, forgetting what was noted) noting files. */
void	watchlist_start(void);
/* Note a file read (a path as given; "-" is not a file).  Thread-safe. */
void	watchlist_note(const char *path);
/* The files noted, each as "FOLDER/NAME" with FOLDER a real path, in
 * the order first noted; valid until the next watchlist_start. */
const char *const *watchlist_files(size_t *n);
void	watchlist_free(void);

#endif
