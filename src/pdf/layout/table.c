/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.c - tables: content-sized columns, wrapped cells, rows as
 * vertical entries that page.c may split.
 *
 * Column widths follow a browser's automatic table layout: each column
 * has a minimum (its longest unbreakable piece: a word, or a syllable
 * where hyphenation is allowed) and a maximum (its widest paragraph set
 * on one line).  If the maxima fit they are used; otherwise each column
 * gets its minimum plus a share of the rest in proportion to max - min.
 * When even the minima do not fit, the font shrinks down to a floor, and
 * below that words are cut (parset.c), so nothing leaves the column.
 * A first column of short entries is a label column: bold, never
 * hyphenated.
 *
 * A cell may hold blocks (a list made from "<br>- " lines), which
 * set_cell() hands to blocks() in block.c, and block.c hands every table
 * to table_block(): block.c and table.c call each other, the one
 * recursion between the layout's files.  Everything else calls one way,
 * down the pipeline described in context.h.
 */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "inline.h"
#include "metrics.h"
#include "params.h"
#include "parstate.h"
#include "pool.h"
#include "model/style.h"
#include "table.h"
#include "tagref.h"
#include "vlist.h"

static struct lo_fmt
cell_fmt(const struct lo_ctx *c, double size, int header, int label)
{
	struct lo_fmt f;

	memset(&f, 0, sizeof(f));
	f.fam = c->fam_body;
	f.size = size;
	f.rgb = c->text_rgb;
	if (header || label)
		f.sty = LO_BOLD;
	f.nohyph = label || header;
	return f;
}

/* A column's content widths, padding included. */
struct col_widths {
	double	wmin;	/* widest word */
	double	smin;	/* widest syllable */
	double	max;	/* widest unbroken paragraph */
};

static void
widen(struct col_widths *w, double wmin, double smin, double max)
{
	if (wmin > w->wmin)
		w->wmin = wmin;
	if (smin > w->smin)
		w->smin = smin;
	if (max > w->max)
		w->max = max;
}

/*
 * The paragraphs of a table's cells as its last measure() made them, in
 * the order it visited them (two lists: single-column cells, then
 * spanning ones), for set_cell() to set rather than make again: making
 * a cell's paragraph was a third of a table's cost.  set_row() visits
 * the cells in the same order, so each list is read from its start.
 */
struct kept_par {
	const struct node *cell;
	struct lo_par	   p;
};

struct kept {
	struct kept_par	*k[2];
	size_t		 n[2], cap[2], next[2];
	size_t		 items;		/* room kept, against KEPT_ITEMS */
};

/* A huge table's paragraphs are made twice rather than all held: room
 * for 16,384 items (2.6 MB) at most, counted as allocated (a cell's
 * paragraph has room for 64 at least; cutting each to its length left
 * the heap in holes that raised the peak more than they saved). */
#define KEPT_ITEMS	16384

static void
kept_clear(struct kept *kp)
{
	for (int i = 0; kp != NULL && i < 2; i++) {
		for (size_t j = kp->next[i]; j < kp->n[i]; j++)
			free(kp->k[i][j].p.it);
		kp->n[i] = kp->next[i] = 0;
	}
	if (kp != NULL)
		kp->items = 0;
}

static void
kept_free(struct kept *kp)
{
	kept_clear(kp);
	free(kp->k[0]);
	free(kp->k[1]);
}

static void
kept_add(struct kept *kp, int spans, const struct node *cell,
    struct lo_par *p)
{
	struct kept_par *e;

	kp->items += p->cap;
	if (kp->n[spans] == kp->cap[spans]) {
		kp->cap[spans] = kp->cap[spans] ? 2 * kp->cap[spans] : 16;
		kp->k[spans] = xrealloc(kp->k[spans], kp->cap[spans] *
		    sizeof(*kp->k[spans]));
	}
	e = &kp->k[spans][kp->n[spans]++];
	e->cell = cell;
	e->p = *p;
	par_init(p);
}

/* The paragraph measure() made of cell, taken into *p; 0 if none. */
static int
kept_take(struct kept *kp, const struct node *cell, struct lo_par *p)
{
	int i = cell->u.cell.colspan > 1;

	if (kp == NULL || kp->next[i] >= kp->n[i] ||
	    kp->k[i][kp->next[i]].cell != cell)
		return 0;
	*p = kp->k[i][kp->next[i]++].p;
	return 1;
}

/* A paragraph's content widths; kept by kp (when not NULL) for the
 * cell it is. */
static void
minmax_par(const struct lo_ctx *c, const struct node *n,
    const struct lo_fmt *f, double indent, struct col_widths *w,
    struct kept *kp)
{
	struct lo_par	p;
	double		a, b, m;

	par_take(c, &p);
	par_add_inlines(c, &p, n, f);
	par_finish(&p);
	par_minmax(&p, &a, &b, &m);
	if (kp != NULL && p.n > 0 && kp->items + p.cap <= KEPT_ITEMS)
		kept_add(kp, n->u.cell.colspan > 1, n, &p);
	else
		par_give(c, &p);
	widen(w, a + indent, b + indent, m + indent);
}

static void
minmax_blocks(const struct lo_ctx *c, const struct node *n,
    const struct lo_fmt *f, double indent, struct col_widths *w, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type == N_LIST) {
			for (const struct node *it = n->first; it != NULL;
			    it = it->next)
				minmax_blocks(c, it->first, f, indent +
				    f->size * LIST_INDENT, w, depth + 1);
		} else if (n->type == N_QUOTE)
			minmax_blocks(c, n->first, f, indent + f->size *
			    MEASURE_QUOTE_INDENT, w, depth + 1);
		else if (n->type == N_CODE_BLOCK)
			widen(w, indent + f->size * CODE_MIN_WIDTH,
			    indent + f->size * CODE_MIN_WIDTH,
			    indent + f->size * CODE_MAX_WIDTH);
		else if (n->type == N_TABLE || n->type == N_ROW ||
		    n->type == N_DEFLIST || (n->first != NULL &&
		    doc_is_block(n->first)))
			/* Blocks of blocks (a table in the cell, a div):
			 * what they hold, without their own frames. */
			minmax_blocks(c, n->first, f, indent, w, depth + 1);
		else if (n->first != NULL || n->type == N_CELL)
			minmax_par(c, n, f, indent, w, NULL);
	}
}

/* One cell's content widths, padding included. */
static void
cell_widths(const struct lo_ctx *c, const struct node *cell,
    const struct lo_fmt *f, double pad, struct col_widths *w, struct kept *kp)
{
	memset(w, 0, sizeof(*w));
	if (cell->first != NULL && doc_is_block(cell->first))
		minmax_blocks(c, cell->first, f, 0, w, 0);
	else
		minmax_par(c, cell, f, 0, w, kp);
	w->wmin += 2 * pad;
	w->smin += 2 * pad;
	w->max += 2 * pad;
}

/* A cell over several columns wraps across all of them: when they are
 * narrower together than it needs, each is widened by an equal share. */
static void
spread(struct col_widths *w, int k, int span, const struct col_widths *need)
{
	double have[3] = { 0, 0, 0 };

	for (int j = k; j < k + span; j++) {
		have[0] += w[j].wmin;
		have[1] += w[j].smin;
		have[2] += w[j].max;
	}
	for (int j = k; j < k + span; j++) {
		if (need->wmin > have[0])
			w[j].wmin += (need->wmin - have[0]) / span;
		if (need->smin > have[1])
			w[j].smin += (need->smin - have[1]) / span;
		if (need->max > have[2])
			w[j].max += (need->max - have[2]) / span;
	}
}

static void
measure(const struct lo_ctx *c, const struct node *t, double size, int label,
    double pad, struct col_widths *w, struct kept *kp)
{
	int nc = t->u.table.ncols, pass;
	struct col_widths cw;

	kept_clear(kp);
	for (int k = 0; k < nc; k++)
		w[k].wmin = w[k].smin = w[k].max = 0;
	/* Single-column cells first; spanning ones then widen theirs. */
	for (pass = 0; pass < 2; pass++)
		for (const struct node *r = t->first; r != NULL; r = r->next) {
			if (r->type != N_ROW)
				continue;
			for (const struct node *cell = r->first; cell != NULL;
			    cell = cell->next) {
				int k = cell->u.cell.col;
				int span = cell->u.cell.colspan;
				struct lo_fmt f = cell_fmt(c, size,
				    r->u.row.header, label && k == 0);

				if (k >= nc || (span > 1) != pass)
					continue;
				if (k + span > nc)
					span = nc - k;
				cell_widths(c, cell, &f, pad, &cw, kp);
				if (pass == 0)
					widen(&w[k], cw.wmin, cw.smin, cw.max);
				else
					spread(w, k, span, &cw);
			}
		}
}

void
table_allot(int nc, const double *mn, const double *mx, double width,
    double *w)
{
	double smin = 0, smax = 0;

	for (int k = 0; k < nc; k++) {
		smin += mn[k];
		smax += mx[k] > mn[k] ? mx[k] : mn[k];
	}
	if (smax <= width) {
		for (int k = 0; k < nc; k++)
			w[k] = mx[k] > mn[k] ? mx[k] : mn[k];
		return;
	}
	if (smin <= width) {
		for (int k = 0; k < nc; k++) {
			double m = mx[k] > mn[k] ? mx[k] : mn[k];

			w[k] = mn[k] + (width - smin) *
			    (smax > smin ? (m - mn[k]) / (smax - smin) : 0);
		}
		return;
	}
	char	*fixed = xcalloc((size_t)nc, 1);
	double	 rest = width, restmin = smin;
	int	 left = nc, changed = 1;

	while (changed && left > 0) {
		changed = 0;
		for (int k = 0; k < nc; k++)
			if (!fixed[k] && mn[k] <= rest / left) {
				fixed[k] = 1;
				w[k] = mn[k];
				rest -= mn[k];
				restmin -= mn[k];
				left--;
				changed = 1;
			}
	}
	for (int k = 0; k < nc; k++)
		if (!fixed[k])
			w[k] = restmin > 0 ? rest * mn[k] / restmin :
			    rest / left;
	free(fixed);
}

/*
 * Widths fixed by the style, as a list under pdf.table.widths ("30%" of
 * the measure, or a length such as 40mm), used for tables with exactly
 * that many columns.  Returns 0 when the style fixes nothing here.
 */
static int
fixed_widths(const struct lo_ctx *c, int nc, double width, double *w)
{
	const struct pdf_style *st = &c->st->pdf;
	double	sum = 0;

	if (st->ntable_widths != nc)
		return 0;
	for (int k = 0; k < nc; k++) {
		w[k] = st->table_widths[k].pct ?
		    width * st->table_widths[k].value / 100 :
		    st->table_widths[k].value;
		sum += w[k];
	}
	if (sum > width)
		for (int k = 0; k < nc; k++)
			w[k] *= width / sum;
	return 1;
}

/* Trim vertical space at both ends of a cell. */
static void
trim(struct vlist *v)
{
	while (v->n > 0 && v->e[v->n - 1].kind == V_GLUE)
		v->n--;
	size_t k = 0;
	while (k < v->n && v->e[k].kind == V_GLUE)
		k++;
	if (k > 0) {
		memmove(v->e, v->e + k, (v->n - k) * sizeof(*v->e));
		v->n -= k;
	}
}

static void
set_cell(const struct lo_ctx *c, struct vlist *v, const struct node *cell,
    const struct lo_fmt *f, double x, double w, int align, int continued,
    struct kept *kp)
{
	struct vlist	*out = v;

	if (cell->first != NULL && doc_is_block(cell->first)) {
		struct lo_column col;

		col.x = x;
		col.width = w;
		col.size = f->size;
		col.skip = f->size * CELL_PAR_SKIP;
		col.ragged = 1;
		col.depth = 0;
		col.align = AL_NONE;
		col.captioned = 0;
		blocks(c, v, cell->first, &col);
	} else {
		struct lo_par p;

		/* Most cells are a paragraph of a line or two: set in the
		 * paragraph state's list and copied out at their size (a
		 * malloc to start a list and a realloc to fit it, per cell,
		 * were 3 % of the layout of a reference full of tables). */
		if (v->cap == 0)
			v = &c->par->cell;
		if (!continued && kept_take(kp, cell, &p))
			goto set;	/* made, and finished, by measure() */
		par_take(c, &p);
		par_add_inlines(c, &p, cell, f);
		if (continued) {
			struct lo_fmt note = *f;

			/* The label again, then "(continued)" below it. */
			note.sty = LO_ITALIC;
			note.size = f->size * CONTINUED_SIZE;
			note.nohyph = 1;
			par_finish(&p);
			par_add_text(c, &p, lo_text_width(c->widths,
			    LO_FACE(note.fam, note.sty), note.size,
			    "(continued)", 11) <= w ? "(continued)" : "(cont.)",
			    &note);
		}
		par_finish(&p);
set:
		par_set(c, &p, v, x, w, f->size, align ? align : AL_START, 1);
		par_give(c, &p);
	}
	trim(v);
	lo_tag_entries(v, 0, cell, LO_TAG_SELF);
	if (v == out)
		vl_fit(v);
	else {
		if (v->n > 0) {
			out->e = xmalloc(v->n * sizeof(*v->e));
			memcpy(out->e, v->e, v->n * sizeof(*v->e));
			out->n = out->cap = v->n;
		}
		v->n = 0;
	}
}

/*
 * The size a table's text is set at and its columns' minimum widths
 * (mn) and maximum widths (mx): whole words at the table's size if they
 * fit; else a smaller size, down to the floor; only then syllables.
 */
static double
fit_size(const struct lo_ctx *c, const struct node *t, int label, double pad,
    double width, double *mn, double *mx, struct kept *kp)
{
	int			 nc = t->u.table.ncols;
	double			 size = c->table_size, smin;
	struct col_widths	*cw = xcalloc((size_t)nc, sizeof(*cw));

	for (;;) {
		measure(c, t, size, label, pad, cw, kp);
		smin = 0;
		for (int k = 0; k < nc; k++)
			smin += cw[k].wmin;
		if (smin <= width || size <= c->table_floor)
			break;
		size = size - SIZE_STEP < c->table_floor ? c->table_floor :
		    size - SIZE_STEP;
	}
	for (int k = 0; k < nc; k++) {
		mn[k] = smin <= width ? cw[k].wmin : cw[k].smin;
		mx[k] = cw[k].max;
	}
	free(cw);
	return size;
}

/* The width a cell spans: its columns' widths added (not a difference
 * of edges, which rounding would leave a hair short of a word that
 * exactly fits). */
static double
span_width(const struct lo_table *tab, const struct node *cell)
{
	int k = cell->u.cell.col, end = k + cell->u.cell.colspan;
	double w = 0;

	if (end > tab->ncols)
		end = tab->ncols;
	for (; k < end; k++)
		w += tab->w[k];
	return w;
}

/* Set one row's cells and stack the row as one entry.  A cell is set in
 * its first column's list, as wide as the columns it spans; a cell that
 * spans rows is set whole in its first row, and down[] counts the rows
 * below that it still covers, whose rules stay open under it. */
static void
set_row(const struct lo_ctx *c, struct vlist *v, const struct node *r,
    struct lo_table *tab, double size, int label, int *down, struct kept *kp)
{
	int		 nc = tab->ncols, k;
	struct lo_row	*row = pool_alloc(c->pool, sizeof(*row));
	struct lo_entry	*e;
	double		 h = 0;

	memset(row, 0, sizeof(*row));
	row->tab = tab;
	row->header = r->u.row.header;
	row->cells = pool_alloc(c->pool, (size_t)nc * sizeof(struct vlist));
	memset(row->cells, 0, (size_t)nc * sizeof(struct vlist));
	for (k = 0; k < nc; k++)
		if (down[k] > 0)
			down[k]--;
	for (const struct node *cell = r->first; cell != NULL;
	    cell = cell->next) {
		struct lo_fmt f;
		double	      ch = 0;

		if ((k = cell->u.cell.col) >= nc)
			continue;
		f = cell_fmt(c, size, row->header, label && k == 0);
		set_cell(c, &row->cells[k], cell, &f, (tab->rtl ? tab->x[k] +
		    tab->w[k] - span_width(tab, cell) : tab->x[k]) + tab->pad,
		    span_width(tab, cell) - 2 * tab->pad, cell->u.cell.align,
		    0, kp);
		if (k == 0 && !row->header) {
			row->label = cell;
			row->label_fmt = f;
			row->label_align = cell->u.cell.align;
		}
		for (size_t i = 0; i < row->cells[k].n; i++) {
			ch += row->cells[k].e[i].h;
			row->has_anchor |= row->cells[k].e[i].has_anchor;
		}
		if (ch > h)
			h = ch;
		for (int j = 0; j < cell->u.cell.colspan && k + j < nc; j++)
			down[k + j] = cell->u.cell.rowspan - 1;
	}
	for (k = 0; k < nc; k++)
		if (down[k] > 0) {
			if (row->open_below == NULL) {
				row->open_below = pool_alloc(c->pool,
				    (size_t)nc);
				memset(row->open_below, 0, (size_t)nc);
			}
			row->open_below[k] = 1;
		}
	e = vl_push(v, V_ROW, h + 2 * tab->vpad);
	e->row = row;
	/* A cell reaching into the next row keeps the rows together. */
	e->keep = row->header || row->open_below != NULL;
	/* The header row repeats on every page the table reaches, unless
	 * it takes more than a quarter of a page: long words in narrow
	 * columns can make it nearly a page tall, and repeating it would
	 * leave each page a line or two of the rows, so that pages, and
	 * the memory of their repeated headers, grew as the square of the
	 * table. */
	if (row->header && tab->header == NULL &&
	    e->h <= (c->bottom - c->top) / 4) {
		tab->header = row;
		tab->header_h = e->h;
	}
}

/* A table's caption, above it: a paragraph in the table's size. */
static void
caption(const struct lo_ctx *c, struct vlist *v, const struct node *cap,
    const struct lo_table *tab, double size)
{
	struct lo_fmt f = cell_fmt(c, size, 0, 0);
	struct lo_par p;
	size_t from = v->n;

	f.sty |= LO_BOLD;
	par_take(c, &p);
	par_add_inlines(c, &p, cap, &f);
	par_finish(&p);
	par_set(c, &p, v, tab->left, tab->width, size, AL_START, 1);
	par_give(c, &p);
	lo_tag_entries(v, from, cap, LO_TAG_SELF);
	if (v->n > 0)
		v->e[v->n - 1].keep = 1;
	vl_glue(v, size * CAPTION_GAP);
	v->e[v->n - 1].keep = 1;
}

/* Right to left, the first column is the rightmost and the table keeps
 * to the right edge of its column, which ends at right. */
static void
mirror_columns(struct lo_table *tab, double right)
{
	for (int k = 0; k < tab->ncols; k++)
		tab->x[k] = right - (tab->x[k] - tab->left) - tab->w[k];
	tab->left = right - tab->width;
	tab->rtl = 1;
}

/*
 * A table of the text block whose words do not fit the measure at its
 * size may take the side margins too, as far as TABLE_PAGE_MARGIN from
 * the paper's edge: set wide it reads better than shrunk and hyphenated
 * into a measure chosen for prose.  Returns the width to set it in;
 * *size is the size fit_size() chose at that width when it was asked
 * (mn and mx then hold its answer), else 0: measuring a table's cells
 * is a third of its cost, and most tables fit.
 */
static double
break_out(const struct lo_ctx *c, const struct node *t, int label, double pad,
    const struct lo_column *col, double *mn, double *mx, double *size,
    struct kept *kp)
{
	double wide = c->pw - 2 * TABLE_PAGE_MARGIN;

	*size = 0;
	if (fabs(col->x - c->ml) > FIT_SLACK || fabs(col->width - c->width) >
	    FIT_SLACK || wide <= col->width + FIT_SLACK)
		return col->width;
	if ((*size = fit_size(c, t, label, pad, col->width, mn, mx, kp)) >=
	    c->table_size)
		return col->width;
	*size = 0;
	return wide;
}

/* A table set wider than the measure, centred on the text block. */
static void
centre_wide(const struct lo_ctx *c, struct lo_table *tab)
{
	double shift;

	if (tab->width <= c->width + FIT_SLACK)
		return;
	shift = c->ml + (c->width - tab->width) / 2 - tab->left;
	tab->left += shift;
	for (int k = 0; k < tab->ncols; k++)
		tab->x[k] += shift;
}

void
table_block(const struct lo_ctx *c, struct vlist *v, const struct node *t,
    const struct lo_column *col)
{
	double		 x = col->x, width = col->width;
	int		 nc = t->u.table.ncols, label = doc_labels(t, c->doc->set.pdf_labels);
	double		 size, pad, shade;
	double		*mn, *mx;
	struct lo_table	*tab;
	int		*down;
	struct kept	 kp;

	if (nc <= 0)
		return;
	memset(&kp, 0, sizeof(kp));
	mn = xcalloc((size_t)nc, sizeof(double));
	mx = xcalloc((size_t)nc, sizeof(double));
	pad = c->st->pdf.table_padding;
	width = break_out(c, t, label, pad, col, mn, mx, &size, &kp);
	if (size <= 0)
		size = fit_size(c, t, label, pad, width, mn, mx, &kp);
	tab = pool_alloc(c->pool, sizeof(*tab));
	memset(tab, 0, sizeof(*tab));
	tab->ncols = nc;
	tab->x = pool_alloc(c->pool, (size_t)nc * sizeof(double));
	tab->w = pool_alloc(c->pool, (size_t)nc * sizeof(double));
	tab->pad = pad;
	tab->vpad = pad * CELL_VPAD;
	tab->rule_w = c->st->pdf.table_rule_width;
	shade = c->st->pdf.table_header_shade;
	tab->head_rgb = 0x010101u * (uint32_t)(shade * 255 + 0.5);
	tab->left = x;
	if (!fixed_widths(c, nc, width, tab->w))
		table_allot(nc, mn, mx, width, tab->w);
	for (int k = 0; k < nc; k++)
		tab->x[k] = k ? tab->x[k - 1] + tab->w[k - 1] : x;
	tab->width = tab->x[nc - 1] + tab->w[nc - 1] - x;
	if (c->rtl)
		mirror_columns(tab, x + width);
	centre_wide(c, tab);
	free(mn);
	free(mx);

	vl_glue(v, col->skip);
	down = xcalloc((size_t)nc, sizeof(*down));
	for (const struct node *r = t->first; r != NULL; r = r->next)
		if (r->type == N_CAPTION)
			caption(c, v, r, tab, size);
		else
			set_row(c, v, r, tab, size, label, down, &kp);
	free(down);
	kept_free(&kp);
	vl_glue(v, col->skip);
}

void
row_cont(const struct lo_ctx *c, struct lo_row *r)
{
	const struct lo_table *t = r->tab;

	if (r->label_cont_made || r->label == NULL)
		return;
	r->label_cont_made = 1;
	set_cell(c, &r->label_cont, r->label, &r->label_fmt, t->x[0] + t->pad,
	    t->w[0] - 2 * t->pad, r->label_align, 1, NULL);
}
