/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/table.h - the man emitter's tables, shared by table.c (measuring,
 * widths, the choice of layout, the stacked layout) and tbl.c (the tbl
 * grid).  Private to src/man/.
 */
#ifndef QUIRE_MAN_TABLE_H
#define QUIRE_MAN_TABLE_H

struct man;
struct node;

#define GAP		3	/* tbl's default space between columns */

struct col {
	int	minw;		/* longest part of a word between break points */
	int	maxtok;		/* longest word, whole */
	int	natural;	/* longest line, unwrapped */
	long	content;	/* total text, for sharing the spare width */
	int	short_col;	/* every cell short: sized by its longest word */
	int	width;		/* decided */
	int	fixed;		/* width final while sharing */
};

/* Does the cell show nothing? */
int	man_cell_empty(const struct node *cell);
/* A cell's content: its inlines, or its blocks one per line with list
 * items as bulleted lines. */
void	man_cell_body(struct man *, const struct node *cell,
	    enum inl_mode, int flags);
/* The table's first row (after its caption). */
const struct node *man_first_row(const struct node *table);
/* How the grid's widths reach tbl. */
enum grid_widths {
	GRID_FIXED,	/* w(Nn): the widths decided for man.width */
	GRID_EXPAND,	/* prose columns x: mandoc fits them to its line */
	GRID_SCALE	/* prose columns grow with groff's line length */
};

struct row_cache;

struct grid {
	const struct col *c;
	int	ncols;
	int	total;		/* the decided widths and the gaps, in ens */
	enum grid_widths how;
	int	rules;		/* a rule between body rows, not only under
				 * the header: some row takes several lines */
	/* The rows as an earlier grid of the same table wrote them, or
	 * NULL (tbl.c: man_row_cache_new). */
	struct row_cache *cache;
};

/* A table written as several grids (one for each range of line
 * lengths) writes each row once and copies it for the others. */
struct row_cache *man_row_cache_new(void);
void	man_row_cache_free(struct row_cache *);

/* The tbl grid. */
void	man_grid(struct man *, const struct node *table, const struct grid *);

#endif
