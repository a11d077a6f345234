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
/* Set a body row's label again, marked continued, for a row that page.c
 * splits across pages (most rows never are). */
void	row_cont(const struct lo_ctx *, struct lo_row *);

#endif
