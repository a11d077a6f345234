/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * place.h - a placement: where page.c put an entry (or a piece of a
 * table row), as pagedraw.c then draws it.
 */
#ifndef QUIRE_LO_PLACE_H
#define QUIRE_LO_PLACE_H

#include <stddef.h>

#include "vlist.h"

struct lo_ctx;
struct lo_doc;

struct place {
	size_t	 idx;		/* entry */
	int	 page;
	double	 y, h;
	int	 continued;	/* row piece after a split */
	int	 repeat;	/* a repeated header */
	int	*from, *to;	/* row pieces: line ranges per cell */
	size_t	 foot;		/* foot_mark() before its notes */
};

/* The lines of a row's cell k: the label's continued copy on the pages
 * after a split. */
static inline const struct vlist *
cell_list(const struct lo_row *r, int k, int continued)
{
	if (k == 0 && continued && r->label_cont.n > 0)
		return &r->label_cont;
	return &r->cells[k];
}

/* Each of the n placements pl on its page of d (page numbers offset by
 * base): runs that point into v's entries, and the rows drawn with their
 * rules, with the marks they hold. */
/* Placements pl[0..n) onto their pages, base on; a repeated header's
 * table is that of the first row placed after it in pl[0..nlook).
 * *last carries the entry placed last from one call to the next
 * (SIZE_MAX before the first). */
void	page_emit_places(const struct lo_ctx *, const struct vlist *v,
	    const struct place *pl, size_t n, size_t nlook, struct lo_doc *d,
	    int base, size_t *last);

#endif
