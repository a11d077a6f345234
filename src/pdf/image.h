/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/image.h - images for the PDF device, loaded once and shared by
 * measuring and drawing: PNG, GIF and WebP decoded (pngload.c,
 * gifload.c, webpload.c), JPEG as it is (libharu), SVG as vectors
 * (svgload.c, svgform.cc), from files or the model's bytes (data: URIs,
 * cleaned SVG).
 */
#ifndef QUIRE_PDF_IMAGE_H
#define QUIRE_PDF_IMAGE_H

#include "haru/haru.h"

struct pdf_images;

struct doc;

/* The images of the PDF of d (NULL: none known ahead); when the runner
 * gives a thread, the document's PNGs are made ready on it from now on
 * (pdf_images_stop ends it; pdf_images_free stops it too). */
struct runner;
struct pdf_images *pdf_images_new(HPDF_Doc, const struct doc *d,
		       struct runner *);
void		   pdf_images_stop(struct pdf_images *);
void		   pdf_images_free(struct pdf_images *);

/* Natural size in points of the image at path (its kind told by its
 * first bytes); -1 when it cannot be used, *why saying why; 0 with *why
 * set when it is drawn less well (an SVG as pixels).  Safe from several
 * threads; pdf_images_get, when drawing, makes a decoded image's
 * object. */
int		   pdf_images_size(struct pdf_images *, const char *path,
		       double *w, double *h, const char **why);
HPDF_Image	   pdf_images_get(struct pdf_images *, const char *path);
/* Whether asking the size of the image at path makes no libharu object
 * (anything but a JPEG), so either layout thread may ask (split.c). */
/* Set by the fuzzer: SVG pictures keep their alt text.  librsvg's text
 * leaves pango's font caches behind, which the fuzzer's leak check
 * would count against every input; librsvg is not ours to fuzz. */
extern int	   pdf_images_no_svg;
int		   pdf_images_pure(struct pdf_images *, const char *path);

#endif
