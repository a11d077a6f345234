/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util/webpdec.h - a WebP picture decoded to RGBA by libwebp: a still
 * one, or the first frame of an animation (libwebpdemux), composed on
 * its canvas as a browser first shows it.  The PDF draws the pixels;
 * the EPUB stores them as a PNG, as EPUB 3.2 readers need not show
 * WebP.
 */
#ifndef QUIRE_UTIL_WEBPDEC_H
#define QUIRE_UTIL_WEBPDEC_H

#include <stddef.h>

/* The pixels, 4 bytes each, row by row (malloc'd: the caller frees
 * them), *w by *h; NULL with *why saying what is wrong. */
unsigned char	*webp_rgba(const unsigned char *data, size_t len,
		    unsigned *w, unsigned *h, const char **why);

#endif
