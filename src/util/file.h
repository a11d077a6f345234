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

#endif
