/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/tagwrite.h - the structure tree (tag.h) written into the PDF,
 * with the catalog entries and XMP metadata of PDF/UA-1 (tagwrite.c).
 */
#ifndef QUIRE_PDF_TAGWRITE_H
#define QUIRE_PDF_TAGWRITE_H

#include "haru/haru.h"

struct doc;
struct tag_tree;

/* Once every page is drawn and every link made: orders the tree
 * (tag_finish) and writes it, pages[] being the document's pages.
 * Returns 0 or -1. */
int	tag_write(HPDF_Doc, struct tag_tree *, HPDF_Page *pages,
	    const struct doc *);

#endif
