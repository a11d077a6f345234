/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page.c - cut the vertical list into pages: where each entry goes.
 *
 * fill_pages() places entries greedily.  When an entry does not fit, the
 * page ends at the last place where a break is allowed (an entry marked
 * keep forbids a break after it: headings, first and next-to-last lines
 * of paragraphs, a table's header row), so a heading never ends a page
 * and no paragraph leaves a single line behind.  Table rows are special:
 * a row that would fit on a fresh page moves there whole; a row taller
 * than a page is split between lines (split_row), its label repeated and
 * marked as continued; every page a table reaches starts with its header
 * row.  Then pagedraw.c puts each entry's operations on its page (by
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
#include "util/diag.h"
#include "foot.h"
#include "page.h"
#include "params.h"
#include "place.h"
#include "pool.h"
#include "table.h"
#include "vlist.h"

/* What a placement step returns when its entry does not fit the page. */
#define NO_FIT		SIZE_MAX

struct pager;
static size_t	place_box(struct pager *, size_t);

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
	int		 base;		/* the first page's number in the doc */
	size_t		 last;		/* the entry put on a page last */
	size_t		 released;	/* rows before this entry released */
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

/* The document's pages grown to hold this list's page and those
 * before it, the new ones empty. */
static void
pages_upto(struct pager *pager, int page)
{
	struct lo_doc	*d = pager->c->out;
	size_t		 want = (size_t)pager->base + (size_t)page + 1;

	if (d->npages >= want)
		return;
	d->pages = xrealloc(d->pages, want * sizeof(*d->pages));
	memset(d->pages + d->npages, 0, (want - d->npages) *
	    sizeof(*d->pages));
	d->npages = want;
}

/*
 * The placements of the pages finished so far put on them, and taken
 * out of the placement array: holding every entry's placement to the
 * end, beside the entries and the pages' runs, was 6 MB of the peak on
 * the code reference.  Nothing before the current page is placed again.
 * A repeated header is drawn with the table of the first row placed
 * after it, so it waits for that row (with what follows it).
 */
/*
 * The rows before entry upto, all placed and put on their pages: their
 * cells' lists go now (their operations stay, for the pages to draw),
 * but for a header a table repeats.  On a reference full of tables they
 * were a tenth of the layout's memory, kept to the end of pagination
 * beside the pages' runs.
 */
static void
release_rows(struct pager *pager, size_t upto)
{
	struct lo_doc	*d = pager->c->out;

	for (size_t i = pager->released; i < upto; i++) {
		struct lo_row *r = pager->v->e[i].row;

		if (r == NULL || r == r->tab->header)
			continue;
		for (int k = 0; k < r->tab->ncols; k++)
			vl_release(&r->cells[k], &d->heapops, &d->nheapops,
			    &d->capheapops);
		vl_release(&r->label_cont, &d->heapops, &d->nheapops,
		    &d->capheapops);
	}
	if (upto > pager->released)
		pager->released = upto;
}

static void
emit_finished(struct pager *pager, size_t next)
{
	struct place	*pl = pager->pl;
	size_t		 m = 0, n = pager->n;

	for (size_t j = 0; j < n; j++) {
		if (pl[j].idx == SIZE_MAX || pl[j].repeat) {
			size_t k = j + 1;

			while (k < n && (pl[k].idx == SIZE_MAX ||
			    pager->v->e[pl[k].idx].kind != V_ROW))
				k++;
			if (k == n)
				break;
		}
		m = j + 1;
	}
	if (m == 0)
		return;
	pages_upto(pager, pl[m - 1].page);
	page_emit_places(pager->c, pager->v, pl, m, n, pager->c->out,
	    pager->base, &pager->last);
	memmove(pl, pl + m, (n - m) * sizeof(*pl));
	pager->n -= m;
	pager->pstart = pager->pstart > m ? pager->pstart - m : 0;
	/* What is still to be put on a page: the placements held back,
	 * and the entries from next on. */
	for (size_t j = 0; j < pager->n; j++)
		if (pl[j].idx < next)
			next = pl[j].idx;
	release_rows(pager, next);
}

static void
new_page(struct pager *pager, size_t next)
{
	const struct lo_entry *e = next < pager->v->n ?
	    &pager->v->e[next] : NULL;

	emit_finished(pager, next);
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
	else if (pager->y + e->h > body_bottom(pager)) {
		/* After a kept line (a heading's last) the page must end
		 * where a break is allowed, not here: a heading alone at
		 * the foot of a page is what keep forbids. */
		if (i > 0 && pager->v->e[i - 1].keep)
			return end_page(pager, i);
		new_page(pager, i + 1);
	} else
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
	int		 nc = r->tab->ncols, any, all, moved = 0;
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
	for (int k = 0; k < nc; k++) {
		moved |= k > 0 && pager->to[k] > pager->cur[k];
		pager->cur[k] = pager->to[k];
	}
	if (!pager->continued)
		row_cont(pager->c, r);
	/* The label, marked continued, heads every page the row reaches,
	 * not just the first after the break: again from its start once
	 * it was shown whole and the row moved on (a label taller than a
	 * page goes on, and a page that only held the label is the last
	 * to). */
	if (r->label_cont.n > 0 && (!pager->continued || (moved &&
	    (size_t)pager->cur[0] >= r->label_cont.n)))
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

void
paginate(const struct lo_ctx *c, struct vlist *v, int notes)
{
	struct pager	 pager;
	struct lo_doc	*d = c->out;
	int		 base = (int)d->npages;

	memset(&pager, 0, sizeof(pager));
	pager.c = c;
	pager.v = v;
	pager.base = base;
	pager.last = SIZE_MAX;
	/* The notes' lines are drawn by reference too: the display list
	 * keeps them.  Only the body calls for notes. */
	if (notes)
		pager.foot = d->foot = foot_new(c);
	fill_pages(&pager);
	/* The pages follow those of earlier lists (a title page, the
	 * contents). */
	pages_upto(&pager, pager.page);
	page_emit_places(c, v, pager.pl, pager.n, pager.n, d, base,
	    &pager.last);
	foot_draw(pager.foot, d, base);
	free(pager.pl);
}
