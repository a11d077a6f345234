/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/coverpage.h - the cover image as the PDF's first page
 * (coverpage.c).
 */
#ifndef QUIRE_PDF_COVERPAGE_H
#define QUIRE_PDF_COVERPAGE_H

#include "haru/haru.h"

struct doc;
struct pdf_images;

/* A page pw x ph points with d's cover image on it, before any other
 * page; nothing (with a warning when it cannot be drawn) without one.
 * -1 when libharu fails. */
int	pdf_cover_page(HPDF_Doc, struct pdf_images *, const struct doc *d,
	    double pw, double ph, int tagged);

#endif
