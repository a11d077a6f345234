/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_frames.c - the HTML mapper's stack of frames and where what
 * arrives goes: each element that makes a container pushes a frame
 * saying how it takes what arrives (blocks, inlines, rows, items...).
 * What arrives where it cannot stand is put where a browser would put
 * it: loose text in a block becomes a paragraph, a block inside a
 * paragraph splits the paragraph around it, a block inside a table but
 * outside its cells follows the table.  Used by the walk (html_map.c)
 * and the elements (html_element.c), and calling neither.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"
#include "read/html_mapper.h"

struct frame *
html_push(struct mapper *m, xmlNodePtr el, enum mode mode, struct node *n)
{
	struct frame *f;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->f = xrealloc(m->f, m->cap * sizeof(*m->f));
	}
	f = &m->f[m->n++];
	memset(f, 0, sizeof(*f));
	f->el = el;
	f->mode = mode;
	f->node = n;
	return f;
}

struct node *
html_new(struct mapper *m, enum node_type t)
{
	return doc_node(m->d, t, m->file, m->line);
}

/* The frame that takes content: the innermost that is not M_PASS. */
size_t
html_taker(const struct mapper *m, size_t i)
{
	while (i > 0 && m->f[i].mode == M_PASS)
		i--;
	return i;
}

/* The innermost block container at or below frame i. */
static size_t
block_frame(const struct mapper *m, size_t i)
{
	while (i > 0 && m->f[i].mode != M_BLOCK)
		i--;
	return i;
}

/* A list item or a definition for what arrived where only those stand. */
static struct node *
implied(struct mapper *m, struct frame *f, enum node_type t)
{
	/* Strays in a row share one, until a real one comes. */
	if (f->implicit == NULL || f->node->last != f->implicit) {
		f->implicit = html_new(m, t);
		doc_append(f->node, f->implicit);
	}
	return f->implicit;
}

/* The paragraph a container's loose inlines go into. */
static struct node *
loose_para(struct mapper *m, struct node *c)
{
	if (c->last == NULL || c->last->type != N_PARAGRAPH) {
		doc_append(c, html_new(m, N_PARAGRAPH));
	}
	return c->last;
}

/*
 * A block where inlines are: it goes into the enclosing block container,
 * and the inline containers open above it are split around it (made
 * again for what follows, see revive), so the text keeps its order.
 */
static void
lift(struct mapper *m, size_t i, struct node *b)
{
	size_t bi = block_frame(m, i), k;

	doc_append(m->f[bi].node, b);
	m->f[bi].para = NULL;
	for (k = bi + 1; k < m->n; k++)
		if (m->f[k].mode == M_INLINE)
			m->f[k].stale = 1;
}

/* Make again the inline containers a block split, outermost first. */
static void
revive(struct mapper *m, size_t i)
{
	size_t bi = block_frame(m, i), k;
	struct node *parent = NULL, *clone;

	for (k = bi + 1; k <= i; k++) {
		struct frame *f = &m->f[k];

		if (f->mode != M_INLINE || !f->stale) {
			if (f->mode == M_INLINE)
				parent = f->node;
			continue;
		}
		if (parent == NULL && (f->node->type == N_SUMMARY ||
		    f->node->type == N_CAPTION ||
		    f->node->type == N_DEFTERM)) {
			/* A part stands once, where it began: its text after
			 * the block that split it (an unclosed <summary>
			 * before Markdown) is a paragraph of its own. */
			clone = html_new(m, N_PARAGRAPH);
			doc_append(m->f[bi].node, clone);
			f->node = clone;
			f->stale = 0;
			parent = clone;
			continue;
		}
		clone = doc_node(m->d, f->node->type, f->node->file,
		    f->node->line);
		clone->u = f->node->u;
		if (parent != NULL)
			doc_append(parent, clone);
		else if (doc_is_block(f->node) || f->node->type == N_HEADING)
			doc_append(m->f[bi].node, clone);
		else {
			/* An inline of the loose paragraph. */
			m->f[bi].para = html_new(m, N_PARAGRAPH);
			doc_append(m->f[bi].node, m->f[bi].para);
			doc_append(m->f[bi].para, clone);
		}
		f->node = clone;
		f->stale = 0;
		parent = clone;
	}
}

void
html_put_block(struct mapper *m, size_t i, struct node *b)
{
	struct frame *f = &m->f[i = html_taker(m, i)];

	switch (f->mode) {
	case M_BLOCK:
		doc_append(f->node, b);
		f->para = NULL;
		break;
	case M_INLINE:
		lift(m, i, b);
		break;
	case M_TABLE:
	case M_ROW:
		/* Outside the cells: after the table (browsers put it
		 * before; after keeps the reading order). */
		while (i > 0 && m->f[i].mode != M_TABLE)
			i--;
		if (m->f[i].after == NULL)
			m->f[i].after = html_new(m, N_DIV);
		doc_append(m->f[i].after, b);
		break;
	case M_LIST:
		doc_append(implied(m, f, N_ITEM), b);
		break;
	case M_DEFLIST:
		doc_append(implied(m, f, N_DEFDATA), b);
		break;
	case M_TEXT:
		doc_text(b, &m->text, TEXT_BLOCKS);
		break;
	case M_DROP:
	case M_PASS:
		/* Stitched Markdown in a dropped element is kept where the
		 * element was. */
		while (i > 0 && m->f[i].mode == M_DROP)
			i--;
		html_put_block(m, i, b);
		break;
	}
}

void
html_put_inline(struct mapper *m, size_t i, struct node *x)
{
	struct frame *f = &m->f[i = html_taker(m, i)];
	struct node *c;

	switch (f->mode) {
	case M_INLINE:
		if (f->stale)
			revive(m, i);
		doc_append(f->node, x);
		break;
	case M_BLOCK:
		if (f->para == NULL) {
			f->para = html_new(m, N_PARAGRAPH);
			doc_append(f->node, f->para);
		}
		doc_append(f->para, x);
		break;
	case M_LIST:
		doc_append(loose_para(m, implied(m, f, N_ITEM)), x);
		break;
	case M_DEFLIST:
		doc_append(loose_para(m, implied(m, f, N_DEFDATA)), x);
		break;
	case M_TABLE:
	case M_ROW:
		/* Text outside the cells: a paragraph after the table. */
		c = html_new(m, N_PARAGRAPH);
		doc_append(c, x);
		html_put_block(m, i, c);
		break;
	case M_TEXT:
		doc_text(x, &m->text, 0);
		break;
	case M_DROP:
	case M_PASS:
		break;
	}
}
