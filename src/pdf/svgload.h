/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgload.h - SVG pictures for the PDF through librsvg (svgload.c).
 * Safe on any thread: each call has a librsvg handle of its own.
 */
#ifndef QUIRE_PDF_SVGLOAD_H
#define QUIRE_PDF_SVGLOAD_H

#include <stddef.h>

#include <librsvg/rsvg.h>

struct png_ready;

/* A librsvg handle on the picture and its size in points (*w, *h);
 * NULL when it cannot be read or has no size.  g_object_unref it. */
RsvgHandle	*svg_open(const unsigned char *data, size_t len, double *w,
		    double *h);
/* The picture drawn by cairo as a one-page PDF (malloc'd, *outlen
 * bytes), its size in points in *w, *h; NULL when it cannot be. */
unsigned char	*svg_to_pdf(const unsigned char *data, size_t len,
		    double *w, double *h, size_t *outlen);
/* The picture rendered as pixels, made ready as pngload.h's are, with
 * out->pt_per_px keeping its size: 0, or -1 with out->why set. */
int		 svg_raster(const unsigned char *data, size_t len,
		    struct png_ready *out);

#endif
