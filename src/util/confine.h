/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * confine.h - the one rule for every file a document names (a book's
 * chapters, SUMMARY.md and book.toml, includes, images, a front matter's
 * stylesheet and cover): its real path, symbolic links resolved, lies
 * inside one of a few folders (the book's root, the document's folder),
 * and it is a regular file, never a FIFO, a device or a folder.  A
 * document from an untrusted source can then neither publish the build
 * machine's secrets nor hang the build on a pipe.  Paths the person
 * running quire gives on the command line are trusted and not checked.
 */
#ifndef QUIRE_CONFINE_H
#define QUIRE_CONFINE_H

#include <stddef.h>

/* The folders files may come from, as real paths. */
struct confine {
	char	**roots;
	size_t	  n;
};

enum confine_verdict {
	CONFINE_OK,
	CONFINE_MISSING,	/* no such file (errno says why) */
	CONFINE_OUTSIDE,	/* resolves outside every root */
	CONFINE_NOT_FILE	/* a folder, FIFO, device or socket */
};

void	confine_init(struct confine *);
void	confine_free(struct confine *);
/* Add a folder (resolved now; one that does not exist adds nothing). */
void	confine_add(struct confine *, const char *dir);
/* Add the folder a file is in ("." when the path has no '/'). */
void	confine_add_dir_of(struct confine *, const char *file);

/*
 * Judge path: CONFINE_OK with its real path in *real (malloc'd, the
 * caller frees it), or another verdict with *real NULL.
 */
enum confine_verdict confine_check(const struct confine *, const char *path,
	    char **real);

/*
 * confine_check, then the file opened for reading: CONFINE_OK with *fd
 * open (close-on-exec) and *real as confine_check gives it, both the
 * caller's; otherwise *fd is -1 and *real NULL.  The open is
 * confine_reopen's, on the real path just judged, so what is read is
 * the file that was judged: a link swapped into the path between the
 * check and the open is refused (CONFINE_OUTSIDE), a FIFO or device
 * swapped in is not a regular file, and nothing ever waits on a FIFO.
 */
enum confine_verdict confine_open(const struct confine *, const char *path,
	    char **real, int *fd);

/*
 * Open a real path a confine_open or confine_check returned, again, for
 * reading it later: no symbolic link may be met on the way (openat2's
 * RESOLVE_NO_SYMLINKS, or without it O_NOFOLLOW and the descriptor's own
 * path compared), so a link swapped into the path since the check is
 * refused instead of followed out of the root.  Returns the descriptor,
 * or -1 with errno set (ELOOP for a link, EINVAL for what is not a
 * regular file).
 */
int	confine_reopen(const char *real);

/* Whether a real path lies inside the real folder root. */
int	confine_under(const char *real, const char *root);

/*
 * The verdict in words, to follow the path in a message with no space
 * between: " lies outside PLACE" (place: "the book (/home/ann/book)"),
 * " is not a regular file", or for CONFINE_MISSING ": " and the error
 * err (errno when confine_check returned).  Written into buf, which is
 * returned.
 */
const char *confine_why(enum confine_verdict, int err, const char *place,
	    char *buf, size_t size);

#endif
