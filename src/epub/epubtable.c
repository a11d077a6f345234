/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/table.c - tables as XHTML: <thead>, <th scope="col">, a row-header
 * column when the first column holds labels, real lists in cells and
 * alignment through CSS classes.
 *
 * A table too wide for a phone (tablefit.c) also carries what a stacked
 * layout needs, one block per row, used by epub.css below the width the
 * wrapper's class names:
 *  - each body cell starts with its column heading in a
 *    <span class="cell-label">, hidden (the hidden attribute and the
 *    stylesheet) except in the stacked layout, and aria-hidden always:
 *    a screen reader already has the heading from the table itself, and
 *    must not hear it twice;
 *  - explicit ARIA roles equal to the elements' own (table, row, cell,
 *    columnheader, rowheader), because some engines (WebKit) drop a
 *    table's semantics once CSS changes its display, and the stacked
 *    layout does that.
 * Reading systems without media queries, or without the stylesheet, keep
 * the grid, and the labels stay hidden.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"

struct table {
	const struct epub	*e;
	int			 ncols;
	int			 labels;	/* column 0 holds row labels */
	int			 stacks;	/* may be stacked: labels, roles */
	char			**heads;	/* each column's heading, or NULL */
};

const char *
epub_align_class(int a)
{
	switch (a) {
	case AL_LEFT:	return "align-left";
	case AL_CENTER:	return "align-center";
	case AL_RIGHT:	return "align-right";
	default:	return NULL;
	}
}

/* A cell that is wholly one strong run ("**Aspect**"). */
static int
all_strong(const struct node *cell)
{
	return cell->first != NULL && cell->first == cell->last &&
	    cell->first->type == N_STRONG;
}

/* A cell's text on one line, white space collapsed (malloc'd). */
static char *
one_line(const struct node *c)
{
	char *s = doc_text_dup(c, TEXT_BLOCKS), *o = s;
	const char *i;
	int space = 0;

	for (i = s; *i != '\0'; i++) {
		if (*i == ' ' || *i == '\t' || *i == '\n' || *i == '\r') {
			space = o > s;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *i;
	}
	*o = '\0';
	return s;
}

/*
 * Each column's heading for the stacked layout: the texts of the header
 * cells above it, top row first, joined by " / " ("Scores / Math").  A
 * header cell spanning columns heads each of them, so a body cell's label
 * is the heading of the first column it covers.
 */
static void
column_heads(struct table *tb, const struct node *t)
{
	const struct node *r, *c;
	struct buf *b = xcalloc((size_t)tb->ncols, sizeof(*b));
	char *s;
	int k;

	for (k = 0; k < tb->ncols; k++)
		buf_init(&b[k]);
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type != N_ROW || !r->u.row.header)
			continue;
		for (c = r->first; c != NULL; c = c->next) {
			s = one_line(c);
			for (k = c->u.cell.col; s[0] != '\0' && k >= 0 &&
			    k < tb->ncols && k < c->u.cell.col +
			    (c->u.cell.colspan > 1 ? c->u.cell.colspan : 1);
			    k++) {
				if (b[k].len > 0)
					buf_puts(&b[k], " / ");
				buf_puts(&b[k], s);
			}
			free(s);
		}
	}
	tb->heads = xcalloc((size_t)tb->ncols, sizeof(char *));
	for (k = 0; k < tb->ncols; k++)
		if (b[k].len > 0)
			tb->heads[k] = b[k].data;	/* taken over */
		else
			buf_free(&b[k]);
	free(b);
}

/* "Heading: " before a body cell's content, for the stacked layout. */
static void
cell_label(const struct table *tb, struct xw *td, const struct node *c)
{
	const char *head;
	struct xw *span;
	size_t len;

	if (c->u.cell.col < 0 || c->u.cell.col >= tb->ncols ||
	    (head = tb->heads[c->u.cell.col]) == NULL || c->first == NULL)
		return;
	span = xw_el(td, "span");
	xw_attr(span, "class", "cell-label");
	xw_attr(span, "aria-hidden", "true");
	xw_attr(span, "hidden", "hidden");
	xw_text(span, head);
	len = strlen(head);
	xw_text(span, len > 0 && strchr(":?", head[len - 1]) ? " " : ": ");
}

/* The role an element has anyway, written out for the stacked layout. */
static void
role(const struct table *tb, struct xw *el, const char *r)
{
	if (tb->stacks && r != NULL)
		xw_attr(el, "role", r);
}

static void
cell(const struct table *tb, struct xw *tr, const struct node *c, int header,
    int row_label)
{
	const struct node *content = c;
	const char *cls = epub_align_class(c->u.cell.align), *scope = NULL;
	struct xw *el;

	/* A header cell is bold already: its one strong run adds nothing
	 * for a reader or a screen reader, so it is unwrapped. */
	if ((header || row_label) && all_strong(c))
		content = c->first;
	if ((header || c->u.cell.header) && c->first == NULL) {
		/* An empty header is no header (axe: empty-table-header). */
		el = xw_el(tr, "td");
		role(tb, el, "cell");
	} else if (header || row_label) {
		el = xw_el(tr, "th");
		scope = header ? (c->u.cell.colspan > 1 ? "colgroup" : "col") :
		    (c->u.cell.rowspan > 1 ? "rowgroup" : "row");
		xw_attr(el, "scope", scope);
		role(tb, el, header ? "columnheader" : "rowheader");
	} else {
		el = xw_el(tr, c->u.cell.header ? "th" : "td");
		/* A header cell of the body's own keeps the role its
		 * engine gives it. */
		role(tb, el, c->u.cell.header ? NULL : "cell");
	}
	if (cls != NULL)
		xw_attr(el, "class", cls);
	xw_num_attr(el, "colspan", c->u.cell.colspan);
	xw_num_attr(el, "rowspan", c->u.cell.rowspan);
	/* A header cell of the body's first column heads its row's block
	 * as a row label does, so it needs no column heading either. */
	if (tb->stacks && !header && !row_label &&
	    !(c->u.cell.header && c->u.cell.col == 0))
		cell_label(tb, el, c);
	if (content->first != NULL && doc_is_block(content->first))
		epub_blocks(tb->e, el, content->first, NULL, 1);
	else
		epub_inlines(tb->e, el, content, 0);
}

/* The wrapper: it scrolls sideways when a grid is wider than the screen,
 * and its class says below which width the table is stacked instead. */
static struct xw *
wrapper(struct xw *parent, int breakpoint)
{
	struct xw *wrap = xw_el(parent, "div");
	char cls[48];

	if (breakpoint > 0)
		snprintf(cls, sizeof(cls), "table-wrap stack-%d", breakpoint);
	else
		snprintf(cls, sizeof(cls), "table-wrap");
	xw_attr(wrap, "class", cls);
	return wrap;
}

void
epub_table(const struct epub *e, struct xw *parent, const struct node *t)
{
	const struct node *r, *c;
	struct xw *tbl, *sect = NULL, *tr;
	struct table tb;
	int in_head = -1, breakpoint, k;

	memset(&tb, 0, sizeof(tb));
	tb.e = e;
	tb.ncols = t->u.table.ncols;
	tb.labels = doc_labels(t, e->doc->set.epub_labels);
	breakpoint = epub_table_breakpoint(t, tb.labels);
	tb.stacks = breakpoint > 0 && tb.ncols > 0;
	if (tb.stacks)
		column_heads(&tb, t);
	tbl = xw_el(wrapper(parent, breakpoint), "table");
	role(&tb, tbl, "table");
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type == N_CAPTION) {
			epub_inlines(e, xw_el(tbl, "caption"), r, 0);
			continue;
		}
		if (r->u.row.header != in_head) {
			in_head = r->u.row.header != 0;
			sect = xw_el(tbl, in_head ? "thead" : "tbody");
			role(&tb, sect, "rowgroup");
		}
		tr = xw_el(sect, "tr");
		role(&tb, tr, "row");
		for (c = r->first; c != NULL; c = c->next)
			cell(&tb, tr, c, in_head, !in_head && tb.labels &&
			    c->u.cell.col == 0);
	}
	if (tb.heads != NULL)
		for (k = 0; k < tb.ncols; k++)
			free(tb.heads[k]);
	free(tb.heads);
}
