/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.h - tables (table.c).  Cells hold blocks, so table.c calls
 * blocks() and block.c calls table_block(): the one recursion between
 * the layout's files.
 */
#ifndef QUIRE_LO_TABLE_H
#define QUIRE_LO_TABLE_H

struct lo_column;
struct lo_ctx;
struct lo_row;
struct node;
struct vlist;

void	table_block(const struct lo_ctx *, struct vlist *, const struct node *,
	    const struct lo_column *);
/*
 * Column widths from each column's minimum (mn) and maximum (mx) content
 * width, as a browser's automatic table layout does: the maxima if they
 * fit; else each column gets its minimum plus a share of the rest in
 * proportion to max - min.  When even the minima do not fit, columns
 * narrower than an equal share keep their minimum and the others split
 * the rest in proportion to theirs (their words will be cut).
 */
void	table_allot(int ncols, const double *mn, const double *mx,
	    double width, double *w);
/* Set a body row's label again, marked continued, for a row that page.c
 * splits across pages (most rows never are). */
void	row_cont(const struct lo_ctx *, struct lo_row *);

#endif
