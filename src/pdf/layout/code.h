/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * code.h - code blocks to vertical entries (code.c).
 */
#ifndef QUIRE_LO_CODE_H
#define QUIRE_LO_CODE_H

struct lo_column;
struct lo_ctx;
struct node;
struct vlist;

/* Set the CODE_BLOCK n into v: its lines on a shade, wrapped at the
 * column's measure, its tokens in the style's colours. */
void	code_block(const struct lo_ctx *, struct vlist *, const struct node *n,
	    const struct lo_column *);

#endif
