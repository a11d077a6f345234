/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.h - reading input files into clean UTF-8 text.
 */
#ifndef QUIRE_INPUT_H
#define QUIRE_INPUT_H

#include <stddef.h>

/* Inputs larger than this are refused: the whole pipeline keeps a few
 * copies of the text in memory, and nobody writes a 64 MiB handout. */
#define INPUT_MAX ((size_t)64 * 1024 * 1024)

struct input {
	char	*text;	/* NUL terminated; never contains NUL */
	size_t	 len;
};

/*
 * Read PATH ("-" is standard input) and clean it: a UTF-8 byte-order mark
 * is dropped, CRLF and lone CR become LF, and invalid UTF-8 and NUL bytes
 * become U+FFFD with one warning naming the first bad line.  Returns 0, or
 * prints "quire: PATH: reason" and returns -1.
 */
int	input_read(const char *path, struct input *);
/* The same for a file the document names: read from real, its real
 * path as util/confine.c judged it (file.h's file_read_confined), and
 * named path in messages.  real NULL: input_read. */
int	input_read_confined(const char *path, const char *real,
	    struct input *);
void	input_free(struct input *);

/* The cleaning step alone, for text from elsewhere (tests, fuzzing). */
void	input_clean(const char *path, const char *raw, size_t len,
	    struct input *);

#endif
