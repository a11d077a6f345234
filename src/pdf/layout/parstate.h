/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * parstate.h - the state the paragraph code keeps from one paragraph to
 * the next: inline.c makes and frees it and builds items with the
 * recycled array, parset.c sets lines into the line buffer.
 */
#ifndef QUIRE_LO_PARSTATE_H
#define QUIRE_LO_PARSTATE_H

#include <stdint.h>

#include "items.h"
#include "util/buf.h"
#include "params.h"
#include "vlist.h"

struct lo_wordbreak;
struct lo_wordcache;
struct node;

struct par_state {
	struct lo_par	 spare;		/* a recycled item array */
	struct lo_ops	 line;		/* the line being set */
	int		 nwarned;	/* glyph warnings given */
	uint32_t	 warned[MAX_GLYPH_WARNINGS];	/* for these */
	const char	*file;		/* for those warnings */
	int		 src_line;	/* the text's line there, or 0 */
	struct lo_wordbreak *wb;	/* wordbreak.c, made on first use */
	struct lo_wordcache *wc;	/* wordcache.c: words measured */
	/* Images that could not be drawn, warned about once each. */
	const struct node **img_warned;
	size_t		 nimg_warned;
	/* table.c: a paragraph cell's lines, set here and copied out at
	 * their size; its room is kept from cell to cell. */
	struct vlist	 cell;
	/* parset.c: the text of the run being set, kept from paragraph
	 * to paragraph (a malloc and a free each were 1 % of the layout). */
	struct buf	 text;
};

#endif
