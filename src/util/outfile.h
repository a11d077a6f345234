/*
 * outfile.h - atomic output: every publication is written to a temporary
 * file in its target directory, flushed to disk and renamed into place
 * only when complete, so a failed run never leaves half a file and never
 * touches the previous output.
 */
#ifndef QUIRE_OUTFILE_H
#define QUIRE_OUTFILE_H

#include <stdio.h>

struct outfile {
	char	*path;		/* final name, or "-" for stdout */
	char	*tmp;		/* temporary name, NULL for stdout */
	FILE	*fp;
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
/* Close and remove the temporary file; the previous output is kept. */
void	outfile_abort(struct outfile *);

#endif
