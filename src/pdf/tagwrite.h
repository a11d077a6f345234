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
 * (tag_finish) and sets the catalog's entries, the XMP metadata and the
 * version.  Returns 0 or -1. */
int	tag_write(HPDF_Doc, struct tag_tree *, const struct doc *);
/* The tree's objects, for haru_save_with() (ctx: the tag_tree). */
int	tag_objects(void *ctx, long first, struct haru_objs *);

#endif
