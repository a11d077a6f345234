/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/tbl.c - a table as tbl(1) source: the format lines (with "s" and
 * "^" where cells span), and each row as T{ T} text blocks, a row split
 * into several tbl rows where its cells break lines (mandoc drops .br in
 * a text block).  The widths come decided from table.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "man.h"
#include "roff.h"
#include "mantable.h"


int
man_cell_empty(const struct node *cell)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(cell, n, &entering)) != NULL)
		if (entering && n->text != NULL && (n->text[0] > ' ' ||
		    n->text[strspn(n->text, " \t\n")] != '\0'))
			return 0;
		else if (entering && n->type == N_LINK &&
		    n->u.link.kind == LINK_EXTERNAL)
			return 0;
	return 1;
}

/* The text of n that a cell shows as it is, or NULL. */
static const char *
shown_text(const struct node *n, int entering)
{
	if (n->type == N_TEXT || n->type == N_CODE)
		return n->text;
	if (n->type == N_LINK && entering && n->u.link.kind == LINK_EXTERNAL)
		return n->u.link.href;
	return NULL;
}

/* A separator no cell contains.  Cells are T{ T} blocks, whose lines tbl
 * never splits, so a clash could only come from a bug; still, pick a
 * character the text does not use: the first candidate no text holds.
 * Each text is searched (strchr) for the candidate in hand; when one
 * holds it, the next candidate is tried on every text again, which
 * happens rarely, the first one or two being seldom in tables. */
static char
separator(const struct node *table)
{
	static const char cand[] = "@|#^~%:;!&+=";
	struct node *n;
	int entering;
	const char *c, *s;

	for (c = cand; *c != '\0'; c++) {
		n = NULL;
		while ((n = doc_next(table, n, &entering)) != NULL)
			if ((s = shown_text(n, entering)) != NULL &&
			    strchr(s, *c) != NULL)
				break;
		if (n == NULL)
			return *c;
	}
	return '\a';	/* tbl accepts any character; BEL is never text */
}

/* The body of a cell: inline text, or its blocks one per line with list
 * items as bulleted lines. */
void
man_cell_body(struct man *m, const struct node *cell, enum inl_mode mode,
    int flags)
{
	const struct node *b, *item, *p;
	int first = 1;

	if (cell->first == NULL || !doc_is_block(cell->first)) {
		man_inlines(m, cell, mode, flags);
		return;
	}
	for (b = cell->first; b != NULL; b = b->next) {
		if (b->type == N_LIST) {
			/* Each item hangs from its bullet: the indent
			 * breaks the line before it and after it. */
			for (item = b->first; item != NULL;
			    item = item->next) {
				first = 0;
				roff_req(&m->r, ".in +2n");
				roff_eol(&m->r);
				roff_req(&m->r, ".ti -2n");
				roff_eol(&m->r);
				roff_raw(&m->r, "\\(bu\\ ");
				for (p = item->first; p != NULL; p = p->next)
					man_inlines(m, p, mode, flags);
				roff_req(&m->r, ".in -2n");
				roff_eol(&m->r);
			}
			continue;
		}
		if (!first) {
			roff_req(&m->r, ".br");
			roff_eol(&m->r);
		}
		first = 0;
		man_inlines(m, b, mode, flags);
	}
}

/*
 * A cell as lines: the runs of its inlines between hard breaks, or its
 * blocks with one line per list item.  mandoc drops ".br" inside a tbl
 * text block (gluing "techniques.- Ensure"), so each line becomes a cell
 * of its own in a sub-row of the table row instead.
 */
struct seg {
	const struct node *first, *stop;	/* inline siblings */
	const struct node *item;		/* or a list item */
};

/* The lines of cell written to v, or only counted (v NULL); returns
 * how many.  Counted first, so a row's lines take one allocation. */
static size_t
segments(const struct node *cell, struct seg *v)
{
	const struct node *b, *n, *start;
	size_t len = 0;

#define PUSH(f, s, i) do {						\
		if (v != NULL) {					\
			v[len].first = (f);				\
			v[len].stop = (s);				\
			v[len].item = (i);				\
		}							\
		len++;							\
	} while (0)

	if (cell->first != NULL && doc_is_block(cell->first)) {
		for (b = cell->first; b != NULL; b = b->next)
			if (b->type == N_LIST)
				for (n = b->first; n != NULL; n = n->next)
					PUSH(NULL, NULL, n);
			else
				PUSH(b, b->next, NULL);
	} else {
		start = cell->first;
		for (n = cell->first; n != NULL; n = n->next)
			if (n->type == N_LINEBREAK) {
				PUSH(start, n, NULL);
				start = n->next;
			}
		if (start != NULL || len == 0)
			PUSH(start, NULL, NULL);
	}
#undef PUSH
	return len;
}

static int
seg_empty(const struct seg *s)
{
	const struct node *n;

	if (s->item != NULL)
		return 0;
	for (n = s->first; n != NULL && n != s->stop; n = n->next)
		if (!man_cell_empty(n))
			return 0;
	return 1;
}

/* A block in a cell, on its line: its inlines, or (a code block, a
 * table in the table) its text. */
static void
block_line(struct man *m, const struct node *b, int flags)
{
	char *t;

	if (b->first != NULL && doc_is_inline(b->first)) {
		man_inlines(m, b, INL_CELL, flags);
		return;
	}
	if (b->type != N_CODE_BLOCK)
		emit_fallback_warn(m->unshown, b, "man page table cell");
	t = doc_text_dup(b, TEXT_BLOCKS);
	roff_text(&m->r, t, strlen(t), flags | ESC_ONELINE);
	free(t);
}

static void
seg_write(struct man *m, const struct seg *s, int flags)
{
	const struct node *p;

	if (s->item == NULL) {
		if (s->first != NULL && doc_is_block(s->first))
			block_line(m, s->first, flags);
		else
			man_inline_range(m, s->first, s->stop, INL_CELL,
			    flags);
		return;
	}
	/* The bullet is glued to the first word by an unbreakable space,
	 * and the item's further lines hang from it.  Only groff knows
	 * indents in a text block (mandoc would print the request); it
	 * keeps the indent to the block. */
	roff_req(&m->r, ".if \\n(.l>0 .in +2n");
	roff_eol(&m->r);
	roff_req(&m->r, ".if \\n(.l>0 .ti -2n");
	roff_eol(&m->r);
	roff_raw(&m->r, "\\(bu\\ ");
	for (p = s->item->first; p != NULL; p = p->next) {
		if (p != s->item->first)
			m->r.space = 1;
		man_inlines(m, p, INL_CELL, flags);
	}
}

const struct node *
man_first_row(const struct node *table)
{
	const struct node *row = table->first;

	while (row != NULL && row->type != N_ROW)
		row = row->next;
	return row;
}

/*
 * Where each column of a row stands: a cell starts there, the cell to
 * its left spans over it, or a cell of a row above reaches down into
 * it.  down[k] counts the rows a cell above still covers in column k.
 */
enum slot { SLOT_CELL, SLOT_RIGHT, SLOT_DOWN };

static void
row_map(const struct node *row, int ncols, int *down, enum slot *slot,
    const struct node **cell)
{
	const struct node *c;
	int k, j;

	for (k = 0; k < ncols; k++) {
		slot[k] = down[k] > 0 ? SLOT_DOWN : SLOT_CELL;
		cell[k] = NULL;
		if (down[k] > 0)
			down[k]--;
	}
	for (c = row->first; c != NULL; c = c->next) {
		if ((k = c->u.cell.col) >= ncols)
			continue;
		slot[k] = SLOT_CELL;
		cell[k] = c;
		for (j = 0; j < c->u.cell.colspan && k + j < ncols; j++) {
			if (j > 0)
				slot[k + j] = SLOT_RIGHT;
			down[k + j] = c->u.cell.rowspan - 1;
		}
	}
}

/* The lines of each cell (see segments), all in one array (*all, for
 * the caller to free); returns how many tbl rows the table row takes. */
static size_t
row_lines(const struct node *const *cell, int ncols, struct seg **segs,
    size_t *nseg, struct seg **all)
{
	size_t nsub = 1, total = 0, at = 0;
	int k;

	for (k = 0; k < ncols; k++) {
		nseg[k] = cell[k] != NULL ? segments(cell[k], NULL) : 0;
		total += nseg[k];
	}
	*all = total > 0 ? xmalloc(total * sizeof(**all)) : NULL;
	for (k = 0; k < ncols; k++) {
		segs[k] = NULL;
		if (cell[k] == NULL)
			continue;
		segs[k] = *all + at;
		segments(cell[k], segs[k]);
		at += nseg[k];
		/* Trailing empty lines (a final <br>) add nothing. */
		while (nseg[k] > 0 && seg_empty(&segs[k][nseg[k] - 1]))
			nseg[k]--;
		if (nseg[k] > nsub)
			nsub = nseg[k];
	}
	return nsub;
}

/* Columns whose per-row arrays grid_row() keeps on the stack. */
#define ROW_STACK	16

static void
grid_row(struct man *m, const struct node *row, char sep, int ncols,
    const enum slot *slot, const struct node *const *cell)
{
	struct seg *segs_here[ROW_STACK], **segs = segs_here, *all;
	size_t nseg_here[ROW_STACK], *nseg = nseg_here, sub, nsub;
	char tmp[2] = { sep, '\0' };
	int k, field;

	if (ncols > ROW_STACK) {
		segs = xcalloc((size_t)ncols, sizeof(*segs));
		nseg = xcalloc((size_t)ncols, sizeof(*nseg));
	}
	nsub = row_lines(cell, ncols, segs, nseg, &all);
	for (sub = 0; sub < nsub; sub++) {
		for (k = 0, field = 0; k < ncols; k++) {
			if (slot[k] == SLOT_RIGHT)
				continue;	/* spanned: no field */
			if (field++ > 0)
				roff_raw(&m->r, tmp);
			/* The last line kept is not empty (row_lines). */
			if (slot[k] != SLOT_CELL || sub >= nseg[k] ||
			    (sub + 1 < nseg[k] && seg_empty(&segs[k][sub])))
				continue;
			roff_raw(&m->r, "T{");
			roff_eol(&m->r);
			if (row->u.row.header)
				roff_font_push(&m->r, FONT_BOLD);
			seg_write(m, &segs[k][sub], ESC_TABLE);
			if (row->u.row.header)
				roff_font_pop(&m->r, FONT_BOLD);
			roff_eol(&m->r);
			roff_raw(&m->r, "T}");
		}
		roff_eol(&m->r);
	}
	free(all);
	if (segs != segs_here) {
		free(segs);
		free(nseg);
	}
}

/*
 * A row's tbl text does not depend on the grid's widths, only on the
 * row and on where the writer stands (its line, fonts, what it owes, and
 * the emitter's own state).  When a table is written as several grids,
 * the first writes each row and remembers where its text lies in the
 * output and the state before and after; a later grid finding the
 * writer as it was copies the text and takes the state after, the same
 * bytes and state writing it again would give.  The code points written
 * as \[uXXXX] (roff.seen) are a set the first writing filled already.
 */
struct row_state {
	int		 bol, space, inword, dashword, nowrap, chunked;
	size_t		 col;		/* out.len - linestart */
	size_t		 wordlen;
	int		 font[FONT_NBITS];
	const char	*cur;
	int		 width, indent, fresh, gap, pd0, layout;
	const struct node *skip_node;
	size_t		 skip;
	int		 unshown[N_TYPE_COUNT];
};

struct row_copy {
	size_t		 start, end;	/* its text in m->r.out */
	struct row_state before, after;
};

struct row_cache {
	struct row_copy	*row;		/* by the row's place in the table */
	size_t		 n, cap;
	char		 sep;		/* 0: not chosen yet */
};

struct row_cache *
man_row_cache_new(void)
{
	return xcalloc(1, sizeof(struct row_cache));
}

void
man_row_cache_free(struct row_cache *rc)
{
	if (rc == NULL)
		return;
	free(rc->row);
	free(rc);
}

static void
state_take(const struct man *m, struct row_state *s)
{
	int k;

	memset(s, 0, sizeof(*s));
	s->bol = m->r.bol;
	s->space = m->r.space;
	s->inword = m->r.inword;
	s->dashword = m->r.dashword;
	s->nowrap = m->r.nowrap;
	s->chunked = m->r.chunked;
	s->col = m->r.out.len - m->r.linestart;
	s->wordlen = m->r.wordlen;
	for (k = 0; k < FONT_NBITS; k++)
		s->font[k] = m->r.font[k];
	s->cur = m->r.cur;
	s->width = m->width;
	s->indent = m->indent;
	s->fresh = m->fresh;
	s->gap = m->gap;
	s->pd0 = m->pd0;
	s->layout = m->layout;
	s->skip_node = m->skip_node;
	s->skip = m->skip;
	memcpy(s->unshown, m->unshown, sizeof(s->unshown));
}

static void
state_give(struct man *m, const struct row_state *s)
{
	int k;

	m->r.bol = s->bol;
	m->r.space = s->space;
	m->r.inword = s->inword;
	m->r.dashword = s->dashword;
	m->r.nowrap = s->nowrap;
	m->r.chunked = s->chunked;
	m->r.linestart = m->r.out.len - s->col;
	m->r.wordlen = s->wordlen;
	for (k = 0; k < FONT_NBITS; k++)
		m->r.font[k] = s->font[k];
	m->r.cur = s->cur;
	m->width = s->width;
	m->indent = s->indent;
	m->fresh = s->fresh;
	m->gap = s->gap;
	m->pd0 = s->pd0;
	m->layout = s->layout;
	m->skip_node = s->skip_node;
	m->skip = s->skip;
	memcpy(m->unshown, s->unshown, sizeof(s->unshown));
}

/* state_take cleared the padding, so the bytes compare. */
static int
state_same(const struct row_state *a, const struct row_state *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* Row i of the table, written or copied (see struct row_cache). */
static void
cached_row(struct man *m, struct row_cache *rc, size_t i,
    const struct node *row, char sep, int ncols, const enum slot *slot,
    const struct node *const *cell)
{
	struct row_state now;
	struct row_copy *rw;
	size_t len;

	/* Only at a line's start: roff.c looks back along the current
	 * line (can_wrap), which earlier grids began differently. */
	if (rc == NULL || m->r.out.len != m->r.linestart) {
		grid_row(m, row, sep, ncols, slot, cell);
		return;
	}
	state_take(m, &now);
	if (i < rc->n && state_same(&rc->row[i].before, &now)) {
		rw = &rc->row[i];
		len = rw->end - rw->start;
		buf_grow(&m->r.out, len);
		buf_put(&m->r.out, m->r.out.data + rw->start, len);
		state_give(m, &rw->after);
		return;
	}
	if (i == rc->n && rc->n == rc->cap) {
		rc->cap = rc->cap ? 2 * rc->cap : 16;
		rc->row = xrealloc(rc->row, rc->cap * sizeof(*rc->row));
	}
	rw = i <= rc->n ? &rc->row[i] : NULL;
	if (rw != NULL) {
		rw->start = m->r.out.len;
		rw->before = now;
	}
	grid_row(m, row, sep, ncols, slot, cell);
	if (rw != NULL) {
		rw->end = m->r.out.len;
		state_take(m, &rw->after);
		if (i == rc->n)
			rc->n++;
	}
}

/* s written at tmp[n] (a format entry's few bytes); the new length. */
static size_t
put_str(char *tmp, size_t n, const char *s)
{
	size_t len = strlen(s);

	memcpy(tmp + n, s, len);
	return n + len;
}

/* The decimal digits of v written at tmp[n]; the new length. */
static size_t
put_int(char *tmp, size_t n, long v)
{
	char d[24];
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	int k = 0;

	if (v < 0)
		tmp[n++] = '-';
	do
		d[k++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	while (k > 0)
		tmp[n++] = d[--k];
	return n;
}

/* One column's format: its key and width, or a span. */
static void
format_entry(struct man *m, const struct node *table, const struct grid *g,
    int k, enum slot slot, const struct node *cell, int last)
{
	enum align a = cell != NULL && cell->u.cell.align != AL_NONE ?
	    cell->u.cell.align : table->u.table.aligns[k];
	char key = a == AL_CENTER ? 'c' : a == AL_RIGHT ? 'r' : 'l', tmp[64];
	const struct col *c = &g->c[k];
	size_t n = 0;

	/* Put together by hand: snprintf cost more than the rest of a
	 * table's format, and there is one entry per column and row. */
	if (k)
		tmp[n++] = ' ';
	if (slot == SLOT_RIGHT)
		tmp[n++] = 's';
	else if (slot == SLOT_DOWN)
		tmp[n++] = '^';
	else if (g->how == GRID_EXPAND && !c->short_col) {
		tmp[n++] = key;
		tmp[n++] = 'x';
	} else if (g->how == GRID_SCALE && c->width < c->natural) {
		tmp[n++] = key;
		n = put_str(tmp, n, "w(\\n[qW");
		n = put_int(tmp, n, k);
		n = put_str(tmp, n, "]u)");
	} else {
		/* mandoc breaks no line at "\:": its fixed columns hold
		 * their longest words whole. */
		tmp[n++] = key;
		n = put_str(tmp, n, "w(");
		n = put_int(tmp, n, g->how == GRID_EXPAND &&
		    c->maxtok > c->width ? c->maxtok : c->width);
		n = put_str(tmp, n, "n)");
	}
	if (last)
		tmp[n++] = '.';
	tmp[n] = '\0';
	roff_raw(&m->r, tmp);
}

/* What column k lacks to hold its longest word whole. */
static int
lack(const struct col *c)
{
	int want = c->maxtok < c->natural ? c->maxtok : c->natural;

	return want > c->width ? want - c->width : 0;
}

/*
 * For groff, which knows its line length: the room beyond the decided
 * widths (qE) first lets each column hold its longest word whole (qF,
 * shared by what each lacks), and the rest (qR) goes to the columns
 * that wrap in proportion to the text they hold, never past their
 * natural width.  So a wider terminal shows words whole and longer
 * lines instead of the 80-column grid.  Column k's width is qW<k>.
 */
static void
scale_widths(struct man *m, const struct grid *g)
{
	long total = 0, share;
	int lacks = 0, k;
	char tmp[160];
	size_t n;

	for (k = 0; k < g->ncols; k++) {
		lacks += lack(&g->c[k]);
		if (g->c[k].width < g->c[k].natural)
			total += g->c[k].content > 0 ? g->c[k].content : 1;
	}
	if (total == 0)
		return;
	/* By hand, as format entries are: a table's few numbers. */
	n = put_int(tmp, put_str(tmp, 0, ".nr qE \\n(.l-\\n(.i-"), g->total);
	tmp[n++] = 'n';
	tmp[n] = '\0';
	roff_req(&m->r, tmp);
	roff_eol(&m->r);
	n = put_int(tmp, put_str(tmp, 0, ".nr qF \\n(qE<?"), lacks);
	tmp[n++] = 'n';
	tmp[n] = '\0';
	roff_req(&m->r, tmp);
	roff_eol(&m->r);
	roff_req(&m->r, ".nr qR \\n(qE-\\n(qF");
	roff_eol(&m->r);
	for (k = 0; k < g->ncols; k++) {
		const struct col *c = &g->c[k];

		if (c->width >= c->natural)
			continue;
		share = (c->content > 0 ? c->content : 1) * 1000 / total;
		n = put_int(tmp, put_str(tmp, 0, ".nr qW"), k);
		n = put_int(tmp, put_str(tmp, n, " (\\n(qF*"), lack(c));
		n = put_int(tmp, put_str(tmp, n, "/"), lacks > 0 ? lacks : 1);
		n = put_int(tmp, put_str(tmp, n, ")+(\\n(qR*"), share);
		n = put_int(tmp, put_str(tmp, n, "/1000)+"), c->width);
		n = put_int(tmp, put_str(tmp, n, "n<?"), c->natural);
		n = put_str(tmp, n, "n");
		tmp[n] = '\0';
		roff_req(&m->r, tmp);
		roff_eol(&m->r);
	}
}

static int
has_spans(const struct node *table)
{
	const struct node *r, *c;

	for (r = table->first; r != NULL; r = r->next)
		for (c = r->first; c != NULL; c = c->next)
			if (c->type == N_CELL && (c->u.cell.colspan > 1 ||
			    c->u.cell.rowspan > 1))
				return 1;
	return 0;
}

/*
 * The format lines: one for the whole table, or, when cells span, one
 * per tbl row (a table row takes as many as it has lines), so each can
 * say "s" (spanned from the left) or "^" (from above).
 */
static void
formats(struct man *m, const struct node *table, const struct grid *g)
{
	const struct node *row, **cell;
	enum slot *slot;
	struct seg **segs, *all;
	size_t *nseg, sub, nsub;
	int *down, k, spans = has_spans(table), ncols = g->ncols;

	if (!spans) {
		for (k = 0; k < ncols; k++)
			format_entry(m, table, g, k, SLOT_CELL, NULL,
			    k == ncols - 1);
		roff_eol(&m->r);
		return;
	}
	slot = xcalloc((size_t)ncols, sizeof(*slot));
	cell = xcalloc((size_t)ncols, sizeof(*cell));
	down = xcalloc((size_t)ncols, sizeof(*down));
	segs = xcalloc((size_t)ncols, sizeof(*segs));
	nseg = xcalloc((size_t)ncols, sizeof(*nseg));
	for (row = table->first; row != NULL; row = row->next) {
		if (row->type != N_ROW)
			continue;
		row_map(row, ncols, down, slot, cell);
		nsub = row_lines(cell, ncols, segs, nseg, &all);
		free(all);
		for (sub = 0; sub < nsub; sub++) {
			if (sub > 0 || row != man_first_row(table))
				roff_eol(&m->r);
			for (k = 0; k < ncols; k++)
				format_entry(m, table, g, k, slot[k],
				    cell[k], k == ncols - 1 && sub == nsub - 1 &&
				    row->next == NULL);
		}
	}
	roff_eol(&m->r);
	free(slot);
	free(cell);
	free(down);
	free(segs);
	free(nseg);
}

/* A rule over this row?  Under the header always, between body rows
 * when the grid asks for them, and never through a cell reaching down
 * into the row. */
static int
rule_over(const struct grid *g, const struct node *prev,
    const enum slot *slot)
{
	int i;

	for (i = 0; i < g->ncols && slot[i] != SLOT_DOWN; i++)
		;
	return prev != NULL && i == g->ncols &&
	    (g->rules || prev->u.row.header);
}

/*
 * The tbl grid.  For mandoc, which cannot test the line length, prose
 * columns expand (x) to whatever line it formats for, and only short
 * columns are fixed; for groff the widths are fixed (w) or scale with
 * the line (scale_widths).
 */
void
man_grid(struct man *m, const struct node *table, const struct grid *g)
{
	const struct node *row, *prev = NULL, **cell;
	char sep, tmp[64];
	enum slot *slot;
	int *down, ncols = g->ncols;
	size_t i = 0, n;

	if (g->cache == NULL)
		sep = separator(table);
	else if ((sep = g->cache->sep) == 0)
		sep = g->cache->sep = separator(table);

	/* Ragged right and no hyphenation in cells: groff cannot justify
	 * a narrow column without gaps (and warns "cannot adjust line"),
	 * and would split a label like "Respon-sibilities" to fill a line.
	 * Both modes are restored after the table. */
	if (g->how == GRID_EXPAND) {
		/* mandoc draws rules one column past an expanded table. */
		roff_req(&m->r, ".ll -2n");
		roff_eol(&m->r);
	}
	if (g->how == GRID_SCALE)
		scale_widths(m, g);
	roff_req(&m->r, ".nr qH \\n[.hy]");
	roff_eol(&m->r);
	roff_req(&m->r, ".nh");
	roff_eol(&m->r);
	roff_req(&m->r, ".na");
	roff_eol(&m->r);
	roff_req(&m->r, ".TS");
	roff_eol(&m->r);
	/* nokeep: groff 1.22's keeps leave blank lines in mid-table when
	 * man-db renders continuously. */
	n = put_str(tmp, 0, "tab(");
	tmp[n++] = sep;
	n = put_str(tmp, n, ") nokeep;");
	tmp[n] = '\0';
	roff_raw(&m->r, tmp);
	roff_eol(&m->r);
	formats(m, table, g);
	slot = xcalloc((size_t)ncols, sizeof(*slot));
	cell = xcalloc((size_t)ncols, sizeof(*cell));
	down = xcalloc((size_t)ncols, sizeof(*down));
	for (row = table->first; row != NULL; row = row->next) {
		if (row->type != N_ROW)
			continue;
		row_map(row, ncols, down, slot, cell);
		if (rule_over(g, prev, slot)) {
			roff_raw(&m->r, "_");
			roff_eol(&m->r);
		}
		cached_row(m, g->cache, i++, row, sep, ncols, slot, cell);
		prev = row;
	}
	free(slot);
	free(cell);
	free(down);
	roff_req(&m->r, ".TE");
	roff_eol(&m->r);
	roff_req(&m->r, ".ad");
	roff_eol(&m->r);
	roff_req(&m->r, ".hy \\n(qH");
	roff_eol(&m->r);
	if (g->how == GRID_EXPAND) {
		roff_req(&m->r, ".ll");
		roff_eol(&m->r);
	}
}
