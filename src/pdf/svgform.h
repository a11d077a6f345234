/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgform.h - an SVG picture's vectors as a form XObject of the PDF
 * (svgform.cc, a C++ bridge to qpdf), from the one-page PDF cairo drew
 * it on (svgload.c).
 */
#ifndef QUIRE_PDF_SVGFORM_H
#define QUIRE_PDF_SVGFORM_H

#include <stddef.h>

#include "pdf/haru/haru.h"

struct svg_form;

/* Cairo's PDF (len bytes, copied) read and checked: every object its
 * page's resources reach can be written through libharu.  NULL when
 * not.  w and h are the page's size in points.  Any thread. */
struct svg_form	*svg_form_read(unsigned char *pdf, size_t len, double w,
		    double h);
/* The form XObject in pdf, drawn by HPDF_Page_DrawImage into the
 * picture's place; NULL on failure.  The thread that makes the PDF. */
HPDF_Image	 svg_form_make(HPDF_Doc pdf, struct svg_form *);
void		 svg_form_free(struct svg_form *);

#endif
