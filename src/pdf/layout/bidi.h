/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bidi.h - the Unicode bidirectional algorithm (UAX #9, through FriBidi)
 * for the paragraph code: levels for a paragraph's items before its
 * lines are chosen (bidi.c), the visual order of each line after.
 */
#ifndef QUIRE_LO_BIDI_H
#define QUIRE_LO_BIDI_H

#include <stddef.h>

struct lo_ctx;
struct lo_par;

/*
 * Resolve the embedding level of every item of p (lo_item.level) for a
 * paragraph whose block asks for direction p->dir (DIR_*): DIR_DOC is
 * the document's, which may leave it to the first strong character.
 * A box whose characters resolve to different levels ("שלום123") is
 * split where they change, so every box has one level.  Returns the
 * paragraph's base level (0 or 1), or -1 for a left-to-right paragraph
 * without right-to-left text: every level is 0 and nothing changed.
 */
int	bidi_levels(const struct lo_ctx *, struct lo_par *p);

/*
 * The visual order of a line's n items from their levels (rule L2:
 * from the highest level down to the lowest odd one, every run at that
 * level or above is reversed).  order[k] receives the index, 0 to n-1,
 * of the item drawn k-th from the left.
 */
void	bidi_order(const int *level, size_t n, size_t *order);

struct node;
/* The direction (DIR_*) the source gives block n (<p dir>, <div dir>),
 * DIR_DOC when it gives none. */
int	bidi_source_dir(const struct node *n);

#endif
