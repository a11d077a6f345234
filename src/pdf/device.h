/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/device.h - the thin PDF device: draws what layout decided.
 */
#ifndef QUIRE_PDF_DEVICE_H
#define QUIRE_PDF_DEVICE_H

#include "haru/haru.h"

struct doc;
struct lo_doc;
struct pdf_fonts;
struct pdf_images;
struct pdf_zpages;
struct tag_tree;

/* Pages, links, outline and document info; each page is handed to the
 * compressors (may be NULL) once drawn, and what only it needed of the
 * layout freed (layout_page_drawn).  With tags (else NULL), a
 * tagged PDF (PDF/UA-1: tag.h), the tree filled in for haru_save_with().  Returns 0 or -1. */
int	pdf_draw(HPDF_Doc, struct pdf_fonts *, struct pdf_images *,
	    struct pdf_zpages *, struct lo_doc *, const struct doc *,
	    struct tag_tree *tags);

#endif
