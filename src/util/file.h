/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.h - reading a whole file into memory, the one way quire does it
 * (inputs, style files, stylesheets, images).
 */
#ifndef QUIRE_FILE_H
#define QUIRE_FILE_H

#include <stddef.h>

/*
 * Read PATH ("-" is standard input) whole into a malloc'd buffer, NUL
 * terminated (not counted in *len).  A file larger than max bytes is not
 * read.  Returns 0, or -1 with errno set (EFBIG when over max); the
 * caller says what went wrong, in its own words.
 */
int	file_read(const char *path, size_t max, char **data, size_t *len);
/* The same from an open descriptor (left open), to its end. */
int	file_read_fd(int fd, size_t max, char **data, size_t *len);
/* The same for a real path util/confine.c judged: opened again with no
 * symbolic link allowed on the way (confine_reopen), so a link swapped
 * in since the check is not followed out of the folder it was judged
 * inside.  ELOOP for a link, EINVAL for what is not a regular file. */
int	file_read_confined(const char *real, size_t max, char **data,
	    size_t *len);

#endif
