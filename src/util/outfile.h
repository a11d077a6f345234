/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.h - atomic output: every publication is written to a temporary
 * file beside its target, flushed to disk and renamed into place only
 * when complete, so a failed run never leaves half a file and never
 * touches the previous output.  A replaced file keeps its mode; a
 * symbolic link is followed and its target replaced.  What is not a
 * regular file (a FIFO, a character device such as /dev/null, a path
 * into /proc such as /dev/stdout) is written directly instead, since a
 * rename would put a regular file in its place.
 */
#ifndef QUIRE_OUTFILE_H
#define QUIRE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	char	*path;		/* final name, or "-" for stdout */
	char	*dest;		/* where the rename goes: `path` with its
				   symbolic links followed */
	char	*tmp;		/* temporary name; NULL when written
				   directly, or for stdout */
	FILE	*fp;
	int	 fd;		/* written directly: this process's own
				   descriptor behind the path, or -1 */
};

/* Returns 0, or -1 after "quire: PATH: reason". */
int	outfile_open(struct outfile *, const char *path);
/* Make the directory and its parents, as mkdir -p; returns 0, or -1
 * with errno set. */
int	outfile_mkdirs(const char *dir);
/* Flush, fsync and close, without renaming yet: with several outputs,
 * close them all first, so a write error (a full disk) in any of them
 * is found before the first is renamed into place.  On failure the
 * temporary file is removed.  Returns 0, or -1 after a message. */
int	outfile_close(struct outfile *);
/* Close if still open, then rename into place; on failure remove the
 * temporary file.  Returns 0, or -1 after a message. */
int	outfile_commit(struct outfile *);
/* outfile_commit for each of o[0..n), holding a lock (flock(2)) on every
 * folder they are renamed into, so two runs writing the same names at
 * once leave one run's whole set, never one's PDF beside the other's
 * EPUB.  Returns 0, or -1 when any failed (each with a message). */
int	outfile_commit_all(struct outfile **o, size_t n);
/* Close and remove the temporary file; the previous output is kept. */
void	outfile_abort(struct outfile *);

#endif
