/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * block.h - block nodes to vertical entries (block.c).
 */
#ifndef QUIRE_LO_BLOCK_H
#define QUIRE_LO_BLOCK_H

#include <stddef.h>

struct lo_ctx;
struct node;
struct vlist;

/*
 * Where and how blocks are set: the body's text column, a list item's or
 * a quote's (narrower, one level deeper), or a table cell's, whose
 * blocks are smaller, closer together and ragged.
 */
struct lo_column {
	double		 x, width;
	double		 size;		/* body text */
	double		 skip;		/* space between paragraphs */
	int		 ragged;
	int		 depth;		/* block nesting so far */
	int		 align;		/* paragraphs' (AL_NONE: justified) */
	int		 captioned;	/* in a figure with a caption: images
					   show no alt text below */
};

/* Set first and the blocks after it into v (up to stop, NULL: all). */
void	blocks(const struct lo_ctx *, struct vlist *, const struct node *first,
	    const struct lo_column *);
void	blocks_until(const struct lo_ctx *, struct vlist *,
	    const struct node *first, const struct node *stop,
	    const struct lo_column *);
/* Chapter n's blocks from first up to stop (NULL: to its end); with
 * *pending, the first entry set (after from, for chapter_start) is
 * marked as the chapter's start (the links to its file lead there; in a
 * book it starts a page), and *pending is cleared.  split.c lays a
 * chapter out in parts; a chapter is chapter_part(n->first, NULL). */
void	chapter_part(const struct lo_ctx *, struct vlist *, const struct node *n,
	    const struct node *first, const struct node *stop,
	    const struct lo_column *, int *pending);
void	chapter_start(const struct lo_ctx *, struct vlist *,
	    const struct node *n, size_t from, int *pending);
/* A thematic break's rule across width at x, for text of size. */
void	block_rule(struct vlist *, double x, double width, double size);
/* The title block (front.c). */
void	title_block(const struct lo_ctx *, struct vlist *);

#endif
