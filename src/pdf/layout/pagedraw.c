/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pagedraw.c - the pages' display lists, once page.c has decided where
 * every entry goes: each placement's operations on its page (by
 * reference: see struct lo_run), table rows with their rules, the marks
 * (outline entries, named places, footnote references) links lead to,
 * and each page's footer with its running head.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "inline.h"
#include "metrics.h"
#include "page.h"
#include "params.h"
#include "place.h"
#include "pool.h"
#include "vlist.h"

/* Place o's operations on the page, shifted down by dy (no copy);
 * artifact: drawn again (a repeated header, a label's continued copy),
 * furniture for the tagged PDF whatever its operations' tags say. */
static void
add_run_as(struct lo_page *pg, const struct lo_op *op, size_t n, double dy,
    int artifact)
{
	if (n == 0)
		return;
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? 2 * pg->cap : 64;
		pg->runs = xrealloc(pg->runs, pg->cap * sizeof(*pg->runs));
	}
	pg->runs[pg->n].op = op;
	pg->runs[pg->n].n = n;
	pg->runs[pg->n].dy = dy;
	pg->runs[pg->n].artifact = artifact;
	pg->n++;
}

static void
add_run(struct lo_page *pg, const struct lo_op *op, size_t n, double dy)
{
	add_run_as(pg, op, n, dy, 0);
}

/* A new operation of the page's own (rules, shading, the footer). */
static struct lo_op *
page_op(const struct lo_ctx *c, struct lo_page *pg)
{
	struct lo_op *o = pool_alloc(c->pool, sizeof(*o));

	memset(o, 0, sizeof(*o));
	add_run(pg, o, 1, 0);
	return o;
}

static void	anchors(struct lo_doc *, const struct lo_entry *, int, double);

static void
draw_row(const struct lo_ctx *c, struct lo_page *pg, const struct lo_row *r,
    const struct place *p, int again)
{
	const struct lo_table *t = r->tab;
	struct lo_op *o;

	if (r->header) {
		o = page_op(c, pg);
		o->type = LO_RECT;
		o->x = t->left;
		o->y = p->y;
		o->w = t->width;
		o->h = p->h;
		o->rgb = t->head_rgb;
	}
	for (int k = 0; k < t->ncols; k++) {
		const struct vlist *l = cell_list(r, k, p->continued);
		double yy = p->y + t->vpad;
		/* A header drawn again, a label repeated: read once. */
		int copy = again || l == &r->label_cont;

		for (int i = p->from[k]; i < p->to[k]; i++) {
			add_run_as(pg, l->e[i].ops.op, l->e[i].ops.n, yy, copy);
			if (r->has_anchor && !p->repeat)
				anchors(c->out, &l->e[i], p->page, yy);
			yy += l->e[i].h;
		}
	}
	/* Thin rules: above the header, below every row, except under a
	 * cell that goes on into the next row. */
	for (int edge = r->header ? 0 : 1; edge < 2; edge++)
		for (int k = 0, from = 0; k <= t->ncols; k++) {
			if (k < t->ncols && !(edge && r->open_below != NULL &&
			    r->open_below[k]))
				continue;
			if (k > from) {
				o = page_op(c, pg);
				o->type = LO_LINE;
				o->x = t->x[from];
				o->y = p->y + (edge ? p->h : 0);
				o->w = (k == t->ncols ? t->left + t->width :
				    t->x[k]) - t->x[from];
				if (t->rtl) {
					/* Columns from..k-1 run leftwards. */
					o->x = t->x[k - 1];
					o->w = t->x[from] + t->w[from] - o->x;
				}
				o->lw = r->header ? t->rule_w * HEADER_RULE_W :
				    t->rule_w;
				o->rgb = r->header ? HEADER_RULE_RGB : RULE_RGB;
			}
			from = k + 1;
		}
}

static void
add_mark(struct lo_doc *d, const char *id, const char *title, int level,
    int page, double y)
{
	struct lo_mark *m;

	if (d->nmarks == d->capmarks) {
		d->capmarks = d->capmarks ? 2 * d->capmarks : 32;
		d->marks = xrealloc(d->marks, d->capmarks * sizeof(*d->marks));
	}
	m = &d->marks[d->nmarks++];
	m->id = id;
	m->title = title;
	m->level = level;
	m->page = page;
	m->y = y;
}

/* The places named in running text (<a id>) on an entry's line. */
static void
anchors(struct lo_doc *d, const struct lo_entry *e, int page, double y)
{
	if (!e->has_anchor)
		return;
	for (size_t i = 0; i < e->ops.n; i++)
		if (e->ops.op[i].type == LO_ANCHOR)
			add_mark(d, e->ops.op[i].str, NULL, 0, page, y);
}

/* The title in a footer: set like any text (glyph fallback included) in
 * width, and only the first line kept, so a long title is shortened
 * rather than overlap the page number. */
static void
footer_title(const struct lo_ctx *c, struct lo_page *pg, const char *title,
    double width, double base)
{
	struct vlist	tmp = { NULL, 0, 0 };
	struct lo_fmt	f;
	struct lo_par	p;
	size_t		len = strlen(title);

	memset(&f, 0, sizeof(f));
	f.fam = c->fam_head;
	f.size = FOOTER_SIZE;
	f.rgb = FOOTER_RGB;
	f.nohyph = 1;
	/* A footer line never holds more than a few hundred bytes; setting
	 * only those keeps a huge title from costing a whole paragraph per
	 * page. */
	if (len > FOOTER_TITLE_MAX) {
		len = FOOTER_TITLE_MAX;
		while (len > 0 && ((unsigned char)title[len] & 0xC0) == 0x80)
			len--;
	}
	/* The footer keeps its places in every direction: the title at
	 * the left, the number at the right (its words still in bidi
	 * order). */
	par_take(c, &p);
	p.dir = DIR_LTR;
	par_add_text(c, &p, pool_strndup(c->pool, title, len), &f);
	par_finish(&p);
	par_set(c, &p, &tmp, c->left, width, f.size, AL_START, 1);
	par_give(c, &p);
	if (tmp.n > 0) {
		/* tmp is freed here: the page keeps a copy. */
		size_t		 nops = tmp.e[0].ops.n;
		struct lo_op	*ops = pool_alloc(c->pool, nops * sizeof(*ops));

		memcpy(ops, tmp.e[0].ops.op, nops * sizeof(*ops));
		add_run(pg, ops, nops, base - lo_baseline(f.size, c->lead));
	}
	vl_free(&tmp);
}

/* The footer: a hairline, the title at the left, "N / M" at the right;
 * drawn in that order so text extraction reads "title N / M". */
static void
footer(const struct lo_ctx *c, struct lo_page *pg, int n, int total,
    const char *title)
{
	char	 num[64];
	int	 face = LO_FACE(c->fam_head, 0);
	double	 size = FOOTER_SIZE, base = c->ph - c->mb, numw;
	struct lo_op *o;

	snprintf(num, sizeof(num), "%d / %d", n, total);
	numw = lo_text_width(c->widths, face, size, num, strlen(num));
	o = page_op(c, pg);
	o->type = LO_LINE;
	o->x = c->left;
	o->y = base - size * FOOTER_RULE_UP;
	o->w = c->width;
	o->lw = FOOTER_RULE_LW;
	o->rgb = FOOTER_RULE_RGB;
	if (*title)
		footer_title(c, pg, title, c->width - numw - FOOTER_GAP, base);
	o = page_op(c, pg);
	o->type = LO_TEXT;
	o->face = face;
	o->size = size;
	o->rgb = FOOTER_RGB;
	o->str = pool_strdup(c->pool, num);
	o->w = numw;
	o->x = c->left + c->width - numw;
	o->y = base;
}

/* Where each footnote reference in a line is, for the note's link back
 * to it. */
static void
ref_marks(struct lo_doc *d, const struct lo_entry *e, int page, double y)
{
	for (size_t k = 0; k < e->nrefs; k++)
		add_mark(d, e->refs[k]->u.footref.id, NULL, 0, page, y);
}

static void
row_marks(struct lo_doc *d, const struct lo_row *r, const struct place *p)
{
	for (int k = 0; k < r->tab->ncols; k++) {
		const struct vlist *l = cell_list(r, k, p->continued);
		double y = p->y + r->tab->vpad;

		for (int i = p->from[k]; i < p->to[k]; i++) {
			ref_marks(d, &l->e[i], p->page, y);
			y += l->e[i].h;
		}
	}
}

/* For foot.c: drawing its notes with the page's own primitives. */
void
page_add_run(struct lo_page *pg, const struct lo_op *op, size_t n, double dy)
{
	add_run(pg, op, n, dy);
}

void
page_add_mark(struct lo_doc *d, const char *id, int page, double y)
{
	add_mark(d, id, NULL, 0, page, y);
}

void
page_draw_entry(const struct lo_ctx *c, struct lo_doc *d, int page,
    const struct lo_entry *e, double y)
{
	struct place	 p;

	if (e->kind != V_ROW) {
		add_run(&d->pages[page], e->ops.op, e->ops.n, y);
		ref_marks(d, e, page, y);
		return;
	}
	memset(&p, 0, sizeof(p));
	p.page = page;
	p.y = y;
	p.h = e->h;
	p.from = pool_alloc(c->pool, 2 * (size_t)e->row->tab->ncols *
	    sizeof(int));
	p.to = p.from + e->row->tab->ncols;
	for (int k = 0; k < e->row->tab->ncols; k++) {
		p.from[k] = 0;
		p.to[k] = (int)e->row->cells[k].n;
	}
	draw_row(c, &d->pages[page], e->row, &p, 0);
	row_marks(d, e->row, &p);
}

/* Each placement's operations on its page: runs that point into the
 * entries, and the rows drawn with their rules. */
void
page_emit_places(const struct lo_ctx *c, const struct vlist *v,
    const struct place *pl, size_t n, size_t nlook, struct lo_doc *d,
    int base, size_t *lastp)
{
	size_t		 last = *lastp;

	for (size_t j = 0; j < n; j++) {
		struct place q = pl[j], *p = &q;
		struct lo_page *pg;

		q.page += base;
		pg = &d->pages[p->page];
		if (p->idx == SIZE_MAX || p->repeat) {
			const struct lo_row *h = NULL;

			/* Find the table whose header repeats here. */
			for (size_t k = j + 1; k < nlook && h == NULL; k++) {
				size_t idx = pl[k].idx;

				if (idx != SIZE_MAX && v->e[idx].kind == V_ROW)
					h = v->e[idx].row->tab->header;
			}
			if (h != NULL)
				draw_row(c, pg, h, p, 1);
			continue;
		}
		const struct lo_entry *e = &v->e[p->idx];

		if (e->kind == V_ROW)
			draw_row(c, pg, e->row, p, 0);
		else
			add_run(pg, e->ops.op, e->ops.n, p->y);
		if (e->kind == V_ROW)
			row_marks(d, e->row, p);
		else
			ref_marks(d, e, p->page, p->y);
		if (p->idx != last && (e->mark_id || e->mark_title)) {
			add_mark(d, e->mark_id, e->mark_title, e->mark_level,
			    p->page, p->y);
			/* A file's first line, a heading: its title. */
			d->marks[d->nmarks - 1].chapter = e->anchor != NULL;
		}
		if (p->idx != last && e->anchor != NULL)
			add_mark(d, e->anchor, NULL, 0, p->page, p->y);
		if (p->idx != last && e->kind != V_ROW)
			anchors(d, e, p->page, p->y);
		last = p->idx;
	}
	*lastp = last;
}

/*
 * The running head of page k: the title of the last chapter begun on or
 * before it (a book's files' first headings; in a single file, its
 * shallowest headings), or NULL before the first.
 */
static const char *
running_head(const struct lo_doc *d, size_t k, int by_file, int top,
    size_t *m)
{
	const char *t = NULL;

	while (*m < d->nmarks && d->marks[*m].page <= (int)k) {
		const struct lo_mark *mk = &d->marks[*m];

		if (mk->title != NULL && (by_file ? mk->chapter :
		    mk->level <= top))
			t = mk->title;
		(*m)++;
	}
	return t;
}

void
paginate_footers(const struct lo_ctx *c, int running, int bare_first)
{
	const struct lo_doc *d = c->out;
	const char *title = c->doc->meta.title && !c->doc->meta.untitled ?
	    c->doc->meta.title : "", *head = NULL, *t;
	int top = 99, by_file;
	size_t m = 0;

	for (size_t i = 0; i < d->nmarks; i++)
		if (d->marks[i].title != NULL && d->marks[i].level < top)
			top = d->marks[i].level;
	by_file = c->doc->root->first != NULL &&
	    c->doc->root->first->next != NULL;
	for (size_t k = bare_first ? 1 : 0; k < d->npages; k++) {
		if (running && (t = running_head(d, k, by_file, top, &m)) !=
		    NULL)
			head = t;
		footer(c, &d->pages[k], (int)k + 1, (int)d->npages,
		    running && head != NULL ? head : title);
	}
}
