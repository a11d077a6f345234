/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_mapper.h - the HTML mapper's walk (html_map.c) and its elements
 * (html_element.c): the stack of frames, and what each half gives the
 * other.  Private to those two files.
 */
#ifndef QUIRE_HTML_MAPPER_H
#define QUIRE_HTML_MAPPER_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "model/doc.h"

struct html_warned;

enum mode {
	M_BLOCK,	/* blocks; loose inlines go into a paragraph */
	M_INLINE,	/* inlines; a block splits it (see lift) */
	M_TABLE,	/* a caption and rows */
	M_ROW,		/* cells */
	M_LIST,		/* items */
	M_DEFLIST,	/* terms and definitions */
	M_TEXT,		/* pre and code: their text only */
	M_DROP,		/* dropped: only stitched Markdown is kept */
	M_PASS		/* no container of its own: the one below takes */
};

struct frame {
	xmlNodePtr	 el;		/* the element that pushed it */
	enum mode	 mode;
	struct node	*node;		/* the container */
	struct node	*para;		/* M_BLOCK: the loose-text paragraph */
	int		 stale;		/* M_INLINE: split by a block */
	int		 header;	/* M_TABLE, thead: header rows */
	int		 brk_after;	/* a page break after the element */
	struct node	*after;		/* M_TABLE: what follows it */
	struct node	*implicit;	/* the item it made for strays */
};

struct mapper {
	struct doc		*d;
	struct html_warned	*w;
	const char		*file;
	int			 line0, line;
	struct frame		*f;
	size_t			 n, cap;
	struct node		**md;	/* the stitched Markdown blocks */
	size_t			 nmd;
	char			*used;	/* md[k] placed */
	struct buf		 text;	/* what M_TEXT collects */
};

/* The walk's (html_map.c): a new frame for el on top of the stack; a
 * node at the current line; the frame that takes content at or below
 * frame i (the innermost that is not M_PASS); a block or an inline put
 * where it can stand, from frame i down. */
struct frame	*html_push(struct mapper *, xmlNodePtr el, enum mode,
		    struct node *);
struct node	*html_new(struct mapper *, enum node_type);
size_t		 html_taker(const struct mapper *, size_t i);
void		 html_put_block(struct mapper *, size_t i, struct node *);
void		 html_put_inline(struct mapper *, size_t i, struct node *);

/* The elements' (html_element.c): enter an element, leave it (its frames
 * end), and finish a frame's container as it ends. */
void	html_open_el(struct mapper *, xmlNodePtr el);
void	html_close_el(struct mapper *, xmlNodePtr el);
void	html_finish(struct mapper *, struct frame *);

#endif
