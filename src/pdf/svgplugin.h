/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgplugin.h - SVG pictures through the plugin libquire-svg.so
 * (svgplugin.c): svgload.c and svgform.cc, with librsvg, cairo, pango
 * and qpdf, loaded only when a document has an SVG picture, so that a
 * run without one does not pay for loading them.
 */
#ifndef QUIRE_PDF_SVGPLUGIN_H
#define QUIRE_PDF_SVGPLUGIN_H

#include <stddef.h>

#include "haru/haru.h"

struct png_ready;
struct svg_form;

/* Whether the plugin is loaded (on first call); when not, *why says
 * why. */
int		 svgp_ready(const char **why);

/* svgload.h's and svgform.h's functions, through the plugin; call them
 * only once svgp_ready() said yes (svgp_form_free(NULL) any time).
 * The drawing ones run in this process, with no time limit: the child
 * of svgchild.c calls them. */
unsigned char	*svgp_local_to_pdf(const unsigned char *data, size_t len,
		    double *w, double *h, size_t *outlen);
int		 svgp_local_raster(const unsigned char *data, size_t len,
		    struct png_ready *out);
struct svg_form	*svgp_form_read(unsigned char *pdf, size_t len, double w,
		    double h);
HPDF_Image	 svgp_form_make(HPDF_Doc pdf, struct svg_form *);
void		 svgp_form_free(struct svg_form *);

/* The same drawings made by a child process within a time limit
 * (svgchild.c); the caller holds image.c's svg_lock.  NULL (or -1)
 * when not drawn; *why (out->why) set when trying again as pixels is
 * pointless (the picture took too long). */
unsigned char	*svgc_to_pdf(const unsigned char *data, size_t len,
		    double *w, double *h, size_t *outlen, const char **why);
int		 svgc_raster(const unsigned char *data, size_t len,
		    struct png_ready *out);

#endif
