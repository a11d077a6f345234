/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tagref.h - each drawn operation's reference to the model node whose
 * structure element it belongs to (struct lo_op's tag and tagrole), for
 * the tagged PDF (src/pdf/tag.h).  Layout knows nodes, not the PDF's
 * structure: the device maps a node to its element.
 *
 * The setters stamp after the fact and from the inside out: block.c
 * stamps what a block made with the block's node once the block is set,
 * leaving alone what a block inside it stamped already, so every op
 * ends up with the innermost node that made it.
 */
#ifndef QUIRE_LO_TAGREF_H
#define QUIRE_LO_TAGREF_H

#include <stddef.h>

struct node;
struct vlist;
struct lo_ops;

/* Every op of v's entries from `from` on that has no node yet gets n
 * (role LO_TAG_*); a table row's cells are stamped by table.c. */
void	lo_tag_entries(struct vlist *v, size_t from, const struct node *n,
	    int role);
/* Likewise for one entry's operations. */
void	lo_tag_ops(struct lo_ops *ops, const struct node *n, int role);

#endif
