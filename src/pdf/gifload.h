/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/gifload.h - GIF and WebP images made ready for the PDF (as
 * pngload.h's PNGs), decoded by giflib and libwebp: the first frame of
 * an animation.  Safe on any thread.
 */
#ifndef QUIRE_PDF_GIFLOAD_H
#define QUIRE_PDF_GIFLOAD_H

#include <stdio.h>

struct png_ready;

/* 0 with *out filled, or -1 with out->why set and nothing to free: the
 * image read from fp (the caller closes it). */
int	gif_ready_load(FILE *fp, struct png_ready *out);
int	webp_ready_load(FILE *fp, struct png_ready *out);

#endif
