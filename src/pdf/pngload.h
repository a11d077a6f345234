/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/pngload.h - a PNG file made ready for the PDF: decoded with libpng
 * and its colour and alpha compressed as PDF image streams, on any
 * thread (no libharu object is touched; image.c makes the objects).
 */
#ifndef QUIRE_PDF_PNGLOAD_H
#define QUIRE_PDF_PNGLOAD_H

#include <stddef.h>
#include <stdio.h>

struct png_ready {
	unsigned	 w, h;
	unsigned	 ncolor;	/* 1 grey, 3 RGB */
	/* zlib streams of the rows, each row PNG-"Up"-filtered (PDF
	 * /Predictor 15): the colour, and the alpha channel (NULL when
	 * the image has none, or every pixel is opaque). */
	unsigned char	*color, *alpha;
	size_t		 color_len, alpha_len;
	const char	*why;		/* on failure: what is wrong */
	/* The size of a pixel in points: 0.75 (96 per inch, the web's),
	 * or a rendered SVG's own. */
	double		 pt_per_px;
	/* An SVG's vectors, ready to be a form XObject (svgform.h), w x h
	 * points: then there are no pixels. */
	struct svg_form	*vector;
	double		 vw, vh;
};

/* 0 with *out filled, or -1 with out->why set and nothing to free:
 * the PNG read from fp (the caller closes it). */
int	png_ready_load(FILE *fp, struct png_ready *out);
/* The same from decoded pixels, w x h of n 8-bit channels each (grey,
 * grey and alpha, RGB, RGBA): what gifload.c, webpload.c and svgload.c
 * decode is made ready here. */
int	png_ready_pixels(const unsigned char *px, unsigned w, unsigned h,
	    unsigned n, struct png_ready *out);
void	png_ready_free(struct png_ready *);

#endif
