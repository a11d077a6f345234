/*
 * page.c - cut the vertical list into pages and emit the display list.
 *
 * fill_pages() places entries greedily.  When an entry does not fit, the
 * page ends at the last place where a break is allowed (an entry marked
 * keep forbids a break after it: headings, first and next-to-last lines
 * of paragraphs, a table's header row), so a heading never ends a page
 * and no paragraph leaves a single line behind.  Table rows are special:
 * a row that would fit on a fresh page moves there whole; a row taller
 * than a page is split between lines (split_row), its label repeated and
 * marked as continued; every page a table reaches starts with its header
 * row.  Then emit_places() puts each entry's operations on its page (by
 * reference: see struct lo_run), and the footers are added once the page
 * count is known.
 *
 * Footnotes (foot.c) take the foot of the page: a line that calls for
 * notes is placed only when they fit below it (or split well), so the
 * body of a page ends higher by their height; backing up to an earlier
 * break takes them off again (foot_rewind), and a new page starts with
 * what the last one could not finish.
 */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "diag.h"
#include "doc.h"
#include "foot.h"
#include "inline.h"
#include "metrics.h"
#include "page.h"
#include "params.h"
#include "pool.h"
#include "table.h"
#include "vlist.h"

/* What a placement step returns when its entry does not fit the page. */
#define NO_FIT		SIZE_MAX

struct pager;
static size_t	place_box(struct pager *, size_t);

struct place {
	size_t	 idx;		/* entry */
	int	 page;
	double	 y, h;
	int	 continued;	/* row piece after a split */
	int	 repeat;	/* a repeated header */
	int	*from, *to;	/* row pieces: line ranges per cell */
	size_t	 foot;		/* foot_mark() before its notes */
};

struct pager {
	const struct lo_ctx *c;
	struct vlist	*v;
	struct place	*pl;
	size_t		 n, cap;
	size_t		 pstart;	/* first placement of this page */
	int		 page;
	double		 y;
	int		 content;	/* anything but a repeated header */
	/* A row split across pages: the first line of each cell still to
	 * place (cur), the line each piece ends before (to). */
	int		*cur, *to;
	int		 ncur;		/* room in cur and to */
	int		 continued;	/* cur is inside a split row */
	struct lo_foot	*foot;		/* the notes, or NULL */
	const struct node **refs;	/* scratch: a row piece's references */
	size_t		 nrefs, caprefs;
};

static struct place *
place(struct pager *pager, size_t idx, double h)
{
	struct place *p;

	if (pager->n == pager->cap) {
		pager->cap = pager->cap ? 2 * pager->cap : 256;
		pager->pl = xrealloc(pager->pl,
		    pager->cap * sizeof(*pager->pl));
	}
	p = &pager->pl[pager->n++];
	memset(p, 0, sizeof(*p));
	p->idx = idx;
	p->page = pager->page;
	p->y = pager->y;
	p->h = h;
	p->foot = foot_mark(pager->foot);
	pager->y += h;
	return p;
}

/* Take back the last placement (its notes did not fit). */
static void
unplace(struct pager *pager, int content)
{
	pager->n--;
	pager->y -= pager->pl[pager->n].h;
	pager->content = content;
}

/* Where the body of the page ends: above its notes. */
static double
body_bottom(const struct pager *pager)
{
	return pager->c->bottom - foot_height(pager->foot);
}

static const struct vlist *
cell_list(const struct lo_row *r, int k, int continued)
{
	if (k == 0 && continued && r->label_cont.n > 0)
		return &r->label_cont;
	return &r->cells[k];
}

/* Height of a row from the given line of each cell, to the line each
 * piece ends before (to), or to the end (to NULL). */
static double
row_rest(const struct lo_row *r, const int *cur, const int *to, int continued)
{
	double h = 0;

	for (int k = 0; k < r->tab->ncols; k++) {
		const struct vlist *l = cell_list(r, k, continued);
		size_t end = to != NULL ? (size_t)to[k] : l->n;
		double s = 0;

		for (size_t i = (size_t)cur[k]; i < end; i++)
			s += l->e[i].h;
		if (s > h)
			h = s;
	}
	return h + 2 * r->tab->vpad;
}

static void
place_row(struct pager *pager, size_t idx, const struct lo_row *r,
    const int *from, const int *to, int continued, int repeat, double h)
{
	int		 nc = r->tab->ncols;
	struct place	*p = place(pager, idx, h);

	p->continued = continued;
	p->repeat = repeat;
	p->from = pool_alloc(pager->c->pool, 2 * (size_t)nc * sizeof(int));
	p->to = p->from + nc;
	for (int k = 0; k < nc; k++) {
		p->from[k] = from[k];
		p->to[k] = to ? to[k] : (int)cell_list(r, k, continued)->n;
	}
	if (!repeat)
		pager->content = 1;
}

static void
new_page(struct pager *pager, size_t next)
{
	const struct lo_entry *e = next < pager->v->n ?
	    &pager->v->e[next] : NULL;

	pager->page++;
	pager->y = pager->c->top;
	pager->pstart = pager->n;
	pager->content = 0;
	/* A note the last page could not finish goes on here first; past
	 * the text, it may take the whole page. */
	foot_new_page(pager->foot, pager->page, (pager->c->bottom -
	    pager->c->top) * (e != NULL ? NOTE_MAX_SHARE : 1));
	/* A table continuing here starts with its header row again. */
	if (e != NULL && e->kind == V_ROW && !e->row->header &&
	    e->row->tab->header != NULL) {
		const struct lo_row *h = e->row->tab->header;
		int *z = xcalloc((size_t)h->tab->ncols, sizeof(int));

		place_row(pager, SIZE_MAX, h, z, NULL, 0, 1, h->tab->header_h);
		free(z);
	}
}

/*
 * Where may the page end?  Returns the placement to move to the next
 * page (pager->n for "just before the entry being placed"), or SIZE_MAX.
 */
static size_t
last_break(struct pager *pager, size_t i)
{
	const struct lo_entry *entries = pager->v->e;

	if (i > 0 && !entries[i - 1].keep)
		return pager->n;
	for (size_t j = pager->n; j-- > pager->pstart + 1; ) {
		const struct place *p = &pager->pl[j];

		if (p->repeat || p->continued || p->idx == SIZE_MAX ||
		    p->idx == 0)
			continue;
		if (!entries[p->idx - 1].keep && (j == 0 ||
		    !pager->pl[j - 1].repeat))
			return j;
	}
	return SIZE_MAX;
}

/* Entry i does not fit: end the page at the best place.  Returns the
 * entry to go on with. */
static size_t
end_page(struct pager *pager, size_t i)
{
	const struct lo_entry *e = &pager->v->e[i];
	size_t b = last_break(pager, i);

	if (b == SIZE_MAX) {
		new_page(pager, i);
		/* At the top of a page a line is always placed. */
		return e->kind == V_BOX ? place_box(pager, i) : i;
	}
	if (b < pager->n) {
		i = pager->pl[b].idx;
		foot_rewind(pager->foot, pager->pl[b].foot);
		pager->n = b;
	}
	new_page(pager, i);
	return i;
}

/* Space between blocks: dropped at the top of a page, and a page break
 * where it does not fit. */
static size_t
place_glue(struct pager *pager, size_t i)
{
	const struct lo_entry *e = &pager->v->e[i];

	if (!pager->content)
		;
	else if (pager->y + e->h > body_bottom(pager))
		new_page(pager, i + 1);
	else
		place(pager, i, e->h);
	return i + 1;
}

/* The height of the lines that must stay on the page with entry i (it
 * is marked keep, and so on): a note called for there must leave room
 * for them, or the page would end before the line calling for it. */
static double
kept_after(const struct pager *pager, size_t i)
{
	const struct vlist *v = pager->v;
	double	h = 0;

	for (size_t j = i + 1; j < v->n && j <= i + MAX_KEPT &&
	    v->e[j - 1].keep; j++)
		h += v->e[j].h;
	return h;
}

/* A line: placed where it fits with the notes it calls for, and always
 * at the top of a page. */
static size_t
place_box(struct pager *pager, size_t i)
{
	const struct lo_entry *e = &pager->v->e[i];
	double	bottom = body_bottom(pager);
	int	had = pager->content;

	if (pager->y + e->h > bottom + FIT_SLACK && pager->content)
		return NO_FIT;
	place(pager, i, e->h);
	if (e->nrefs > 0 && foot_place(pager->foot, e->refs, e->nrefs, bottom -
	    pager->y - kept_after(pager, i), !had) != 0) {
		unplace(pager, had);
		return NO_FIT;
	}
	pager->content = 1;
	return i + 1;
}

/* The footnote references in lines [from[k], to[k]) of a row's cells
 * (to NULL: to their ends), placed like a line's. */
static int
row_notes(struct pager *pager, const struct lo_row *r, const int *from,
    const int *to, double room, int force)
{
	pager->nrefs = 0;
	for (int k = 0; k < r->tab->ncols; k++) {
		const struct vlist *l = cell_list(r, k, pager->continued);
		size_t end = to != NULL ? (size_t)to[k] : l->n;

		for (size_t i = (size_t)from[k]; i < end; i++)
			for (size_t j = 0; j < l->e[i].nrefs; j++) {
				if (pager->nrefs == pager->caprefs) {
					pager->caprefs = pager->caprefs ?
					    2 * pager->caprefs : 8;
					pager->refs = xrealloc(pager->refs,
					    pager->caprefs *
					    sizeof(*pager->refs));
				}
				pager->refs[pager->nrefs++] = l->e[i].refs[j];
			}
	}
	return foot_place(pager->foot, pager->refs, pager->nrefs, room, force);
}

/*
 * How far each cell of a split row gets in the height avail: to[k] is
 * the first line of cell k left for the next page.  *any says whether
 * any line fits; returns whether every cell is done.
 */
static int
fit_lines(struct pager *pager, const struct lo_row *r, double avail,
    int *any)
{
	int *cur = pager->cur, *to = pager->to, all = 1;

	*any = 0;
	for (int k = 0; k < r->tab->ncols; k++) {
		const struct vlist *l = cell_list(r, k, pager->continued);
		double s = 0;

		to[k] = cur[k];
		while ((size_t)to[k] < l->n && s + l->e[to[k]].h <= avail) {
			s += l->e[to[k]].h;
			to[k]++;
		}
		/* Never end a cell on spacing. */
		while (to[k] > cur[k] && l->e[to[k] - 1].kind == V_GLUE)
			to[k]--;
		if (to[k] > cur[k])
			*any = 1;
		if ((size_t)to[k] < l->n)
			all = 0;
	}
	return all;
}

/*
 * How far a split row gets on this page with the notes its lines call
 * for: as many lines as fit above them, half a line less at a time while
 * they do not; at the top of a page, as many as fit the page, the notes
 * going as far as they can.  *any and the result as fit_lines().
 */
static int
fit_with_notes(struct pager *pager, const struct lo_row *r, int *any)
{
	double	bottom = body_bottom(pager), vpad = 2 * r->tab->vpad;
	double	avail = bottom - pager->y - vpad;
	double	step = pager->c->body_size * pager->c->lead / 2;
	int	all;

	for (;;) {
		all = fit_lines(pager, r, avail, any);
		if (!*any)
			return all;
		if (row_notes(pager, r, pager->cur, pager->to, bottom -
		    pager->y - row_rest(r, pager->cur, pager->to,
		    pager->continued), !pager->content) == 0)
			return all;
		avail -= step;
	}
}

/* Place as much of row entry i as fits this page, between lines; the
 * rest goes on, with its label marked continued, on the next. */
static size_t
split_row(struct pager *pager, size_t i)
{
	struct lo_row	*r = pager->v->e[i].row;
	int		 nc = r->tab->ncols, any, all;
	size_t		 mark = foot_mark(pager->foot);

	all = fit_with_notes(pager, r, &any);
	if (!any && pager->content) {
		new_page(pager, i);
		return i;
	}
	if (!any) {
		/* Not even one line fits a page. */
		for (int k = 0; k < nc; k++)
			if ((size_t)pager->cur[k] <
			    cell_list(r, k, pager->continued)->n)
				pager->to[k] = pager->cur[k] + 1;
		row_notes(pager, r, pager->cur, pager->to, 0, 1);
	}
	place_row(pager, i, r, pager->cur, pager->to, pager->continued, 0,
	    body_bottom(pager) - pager->y);
	/* Backing up to this piece takes its notes off too. */
	pager->pl[pager->n - 1].foot = mark;
	if (all) {
		pager->continued = 0;
		return i + 1;
	}
	for (int k = 0; k < nc; k++)
		pager->cur[k] = pager->to[k];
	if (!pager->continued)
		row_cont(pager->c, r);
	if (!pager->continued && r->label_cont.n > 0)
		pager->cur[0] = 0;
	pager->continued = 1;
	new_page(pager, i);
	return i;
}

/* A table row: whole where it fits, moved to a fresh page where it would
 * fit there, else split. */
static size_t
place_row_entry(struct pager *pager, size_t i)
{
	const struct lo_row *r = pager->v->e[i].row;
	int	nc = r->tab->ncols, had = pager->content;
	double	bottom = body_bottom(pager), rh, fresh;

	if (pager->ncur < nc) {
		pager->cur = xrealloc(pager->cur, (size_t)nc * sizeof(int));
		pager->to = xrealloc(pager->to, (size_t)nc * sizeof(int));
		pager->ncur = nc;
	}
	if (!pager->continued)
		memset(pager->cur, 0, (size_t)nc * sizeof(int));
	rh = row_rest(r, pager->cur, NULL, pager->continued);
	fresh = pager->c->bottom - pager->c->top - (r->tab->header &&
	    !r->header ? r->tab->header_h : 0);
	if (pager->y + rh <= bottom + FIT_SLACK) {
		place_row(pager, i, r, pager->cur, NULL, pager->continued, 0,
		    rh);
		if (row_notes(pager, r, pager->cur, NULL, bottom - pager->y,
		    !had) == 0) {
			pager->continued = 0;
			return i + 1;
		}
		/* It fits, its notes do not: on, or split if it must. */
		unplace(pager, had);
		return rh > fresh ? split_row(pager, i) : NO_FIT;
	}
	if (!pager->content || rh > fresh)
		return split_row(pager, i);
	return NO_FIT;
}

/* Place every entry on a page. */
static void
fill_pages(struct pager *pager)
{
	const struct vlist *v = pager->v;

	pager->y = pager->c->top;
	for (size_t i = 0; i < v->n; ) {
		const struct lo_entry *e = &v->e[i];
		size_t next;

		if (e->page_break && pager->content && !pager->continued) {
			new_page(pager, i);
			continue;
		}
		if (e->drop_at_top && !pager->content) {
			i++;
			continue;
		}
		if (e->kind == V_GLUE)
			next = place_glue(pager, i);
		else if (e->kind == V_BOX)
			next = place_box(pager, i);
		else
			next = place_row_entry(pager, i);
		i = next != NO_FIT ? next : end_page(pager, i);
	}
	/* Notes still to place or to finish: below the last line, then on
	 * pages of their own. */
	foot_finish(pager->foot, pager->c->bottom - pager->y);
	while (foot_pending(pager->foot))
		new_page(pager, v->n);
	free(pager->cur);
	free(pager->to);
	free(pager->refs);
}

/* Place o's operations on the page, shifted down by dy (no copy). */
static void
add_run(struct lo_page *pg, const struct lo_op *op, size_t n, double dy)
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
	pg->n++;
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
    const struct place *p)
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

		for (int i = p->from[k]; i < p->to[k]; i++) {
			add_run(pg, l->e[i].ops.op, l->e[i].ops.n, yy);
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
	par_set_plain(c, &tmp, pool_strndup(c->pool, title, len), &f, c->left,
	    width);
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
	draw_row(c, &d->pages[page], e->row, &p);
	row_marks(d, e->row, &p);
}

/* Each placement's operations on its page: runs that point into the
 * entries, and the rows drawn with their rules. */
static void
emit_places(const struct pager *pager, struct lo_doc *d, int base)
{
	const struct lo_ctx *c = pager->c;
	const struct vlist *v = pager->v;
	size_t		 last = SIZE_MAX;

	for (size_t j = 0; j < pager->n; j++) {
		struct place q = pager->pl[j], *p = &q;
		struct lo_page *pg;

		q.page += base;
		pg = &d->pages[p->page];
		if (p->idx == SIZE_MAX || p->repeat) {
			const struct lo_row *h = NULL;

			/* Find the table whose header repeats here. */
			for (size_t k = j + 1; k < pager->n && h == NULL; k++) {
				size_t idx = pager->pl[k].idx;

				if (idx != SIZE_MAX && v->e[idx].kind == V_ROW)
					h = v->e[idx].row->tab->header;
			}
			if (h != NULL)
				draw_row(c, pg, h, p);
			continue;
		}
		const struct lo_entry *e = &v->e[p->idx];

		if (e->kind == V_ROW)
			draw_row(c, pg, e->row, p);
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
}

void
paginate(const struct lo_ctx *c, struct vlist *v, int notes)
{
	struct pager	 pager;
	struct lo_doc	*d = c->out;
	int		 base = (int)d->npages;

	memset(&pager, 0, sizeof(pager));
	pager.c = c;
	pager.v = v;
	/* The notes' lines are drawn by reference too: the display list
	 * keeps them.  Only the body calls for notes. */
	if (notes)
		pager.foot = d->foot = foot_new(c);
	fill_pages(&pager);
	/* The pages follow those of earlier lists (a title page, the
	 * contents). */
	d->npages += (size_t)pager.page + 1;
	d->pages = xrealloc(d->pages, d->npages * sizeof(*d->pages));
	memset(d->pages + base, 0, ((size_t)pager.page + 1) *
	    sizeof(*d->pages));
	emit_places(&pager, d, base);
	foot_draw(pager.foot, d, base);
	free(pager.pl);
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
