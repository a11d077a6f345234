/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/jpegcheck.h - a JPEG file checked before the PDF embeds it.
 *
 * The PDF carries a JPEG's bytes as they are (DCTDecode), and libharu
 * reads no more than its size from them, so a truncated or damaged file,
 * or one a PDF cannot show (not 8 bits, an odd number of components),
 * would be embedded whole and fail only in the reader.  libjpeg reads
 * the header and decodes every scan here, at an eighth of the size.
 */
#ifndef QUIRE_PDF_JPEGCHECK_H
#define QUIRE_PDF_JPEGCHECK_H

#include <stdio.h>

/* The most pixels an image may have, PNG or JPEG: a header can claim any
 * size for a few bytes, and this is more than a page can show (8000 x
 * 8000, some 200 dpi across a poster). */
#define IMAGE_MAX_PIXELS	(64u << 20)

/* 0 when the JPEG read from fp is whole and a PDF can show it; -1 with
 * *why saying what is wrong.  Safe on any thread; the caller closes
 * fp. */
int	jpeg_check(FILE *fp, const char **why);

#endif
