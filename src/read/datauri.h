/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/datauri.h - the bytes a data: URI carries (RFC 2397), for images
 * written into the document itself.
 */
#ifndef QUIRE_READ_DATAURI_H
#define QUIRE_READ_DATAURI_H

#include <stddef.h>

/* The most bytes a data: URI may carry: pictures this large belong in
 * files of their own. */
#define DATA_URI_MAX	((size_t)8 << 20)

/* Whether url is a data: URI (any case, spaces before it allowed). */
int	data_uri_is(const char *url);
/* Its bytes, decoded (base64 or percent-encoded), in *out (malloc'd:
 * the caller frees it) and *len: 0, or -1 with *why saying what is
 * wrong. */
int	data_uri_decode(const char *url, unsigned char **out, size_t *len,
	    const char **why);

#endif
