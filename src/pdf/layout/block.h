/*
 * block.h - block nodes to vertical entries (block.c).
 */
#ifndef QUIRE_LO_BLOCK_H
#define QUIRE_LO_BLOCK_H

struct lo_ctx;
struct node;
struct vlist;

/* Set the blocks from first on, and its siblings, into v. */
void	blocks(struct lo_ctx *, struct vlist *, const struct node *first,
	    double x, double width, int depth);
void	title_block(struct lo_ctx *, struct vlist *);

#endif
