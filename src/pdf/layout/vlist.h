/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vlist.h - the vertical list (vlist.c): what the block and table setters
 * stack and page.c cuts into pages.  An entry is a line or a space, or a
 * table row whose cells are vertical lists of their own; each entry
 * carries the operations that draw it, with y relative to its top.
 */
#ifndef QUIRE_LO_VLIST_H
#define QUIRE_LO_VLIST_H

#include <stddef.h>
#include <stdint.h>

#include "items.h"
#include "layout.h"

struct node;
struct lo_pool;

enum { V_BOX, V_GLUE, V_ROW };

struct lo_ops {
	struct lo_op	*op;
	size_t		 n, cap;
};

struct lo_row;

/* The pointers and sizes first, the flags packed after them: a list
 * holds an entry for every line (96 bytes, not 120 with the ints among
 * the pointers), all kept until the pages are made. */
struct lo_entry {
	double		 h;
	struct lo_ops	 ops;		/* y relative to the entry's top */
	const char	*mark_id;	/* heading anchor, or NULL */
	const char	*anchor;	/* a chapter's start, or NULL */
	const char	*mark_title;	/* outline entry, or NULL */
	struct lo_row	*row;		/* V_ROW */
	/* The footnote references set in this line (parset.c), whose
	 * notes go to the foot of its page (page.c, notes.c). */
	const struct node **refs;
	size_t		 nrefs;
	int		 mark_level;
	unsigned char	 kind;		/* V_* */
	unsigned char	 keep;		/* no page break right after this */
	unsigned char	 page_break;	/* start a new page before this */
	unsigned char	 drop_at_top;	/* leave out at the top of a page */
	unsigned char	 has_anchor;	/* an LO_ANCHOR op among ops */
};

/*
 * Whether e carries nothing but vertical space (h, for a V_GLUE) and a
 * keep: no drawing, no page break, no mark, anchor, row or note.  Such
 * an entry can be merged into the one before it without changing the
 * pages (split.c joins its parts this way).  Every field of lo_entry is
 * named in vl_space_only(); a field added to the struct must be added
 * there too, and vlist.c's size check fails until it is.
 */
int	vl_space_only(const struct lo_entry *e);

struct vlist {
	struct lo_entry	*e;
	size_t		 n, cap;
};

/*
 * A table and its rows, as table.c sets them and page.c places them.
 * They are declared here, not in table.h, because a row is a kind of
 * entry: freeing a list frees its rows' cells.
 */
struct lo_table {
	int		 ncols;
	double		*x, *w;		/* column left edges and widths */
	double		 left, width;	/* the whole table */
	int		 rtl;		/* x[0] is the rightmost column */
	double		 pad, vpad;
	double		 header_h;	/* height of the header row */
	double		 rule_w;
	uint32_t	 head_rgb;	/* the header row's shade */
	struct lo_row	*header;	/* repeated on every page, or NULL */
};

/* A table row: each cell is a vertical list of its own lines. */
struct lo_row {
	struct lo_table	*tab;
	int		 header;
	struct vlist	*cells;		/* ncols lists */
	/* A body row's label, to set again when page.c splits the row:
	 * label_cont is column 0 marked continued, made by row_cont() on
	 * the first split. */
	const struct node *label;	/* column 0's cell */
	struct lo_fmt	 label_fmt;
	int		 label_align;
	struct vlist	 label_cont;
	int		 label_cont_made;
	int		 has_anchor;	/* a cell's line holds an anchor */
	/* Columns whose cell goes on into the next row (rowspan): no
	 * rule below them.  NULL when none. */
	unsigned char	*open_below;
};

void	vl_free(struct vlist *);
/* The entries from n on freed; v keeps n. */
void	vl_truncate(struct vlist *, size_t n);
/* What entries from..to-1 hold freed (they stay, to be dropped). */
void	vl_drop(struct vlist *, size_t from, size_t to);
struct lo_entry *vl_push(struct vlist *, int kind, double h);
/*
 * Once the pages are made, what they draw is the operation arrays their
 * runs point to, not the entries: vl_release frees the entries (and its
 * rows' cells' entries) and hands the malloc'd operation arrays among
 * them to *arr (*n of *cap), for whoever frees the pages to free.
 */
void	vl_release(struct vlist *, struct lo_op ***arr, size_t *n,
	    size_t *cap);
/* The list's array no larger than its entries: a table's cells are
 * tens of thousands of lists of a line or two, each of which vl_push
 * starts with room for four, kept until the pages are drawn. */
void	vl_fit(struct vlist *);
/* Vertical space; adjacent spaces do not add up, the larger wins. */
void	vl_glue(struct vlist *, double h);
struct lo_op *ops_push(struct lo_ops *);
/* dst = an exact copy of src in the pool (cap 0 marks it: ops_push
 * moves it to the heap if it must grow).  Lines are set in one scratch
 * array and kept this way: a malloc per line was a fifth of the layout. */
void	ops_pool(struct lo_pool *, struct lo_ops *dst,
	    const struct lo_ops *src);

#endif
