/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * foot.c - footnotes at the foot of the page: each note set once, and
 * the pieces of notes each page holds, decided while page.c fills it.
 *
 * The rules are LaTeX's and groff ms's: a note goes on the page whose
 * text calls for it, in order, under a short rule, above the footer.  A
 * line whose notes do not fit moves to the next page with them, unless
 * the last of them is long (NOTE_SPLIT_LINES or more): that one may be
 * split, NOTE_KEEP_LINES at least on either side, and goes on at the
 * foot of the next page, before any note of its own, under a line that
 * says it is continued.  A continuation takes at most NOTE_MAX_SHARE of
 * a page, so a note pages long still leaves room for the text.
 *
 * Placement is undone as page.c backs up (foot_rewind): pieces are kept
 * in one array in page order, and a page's are always its tail.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "foot.h"
#include "inline.h"
#include "layout.h"
#include "metrics.h"
#include "page.h"
#include "params.h"
#include "pool.h"
#include "util/strmap.h"
#include "tagref.h"
#include "vlist.h"

/* A range of one note's lines on one page. */
struct foot_piece {
	int		 note;		/* index in doc->notes */
	int		 page;
	size_t		 from, to;	/* entries of the note's list */
	double		 h;		/* height, the continued line's too */
	int		 first;		/* the note starts here */
	int		 cont;		/* under a "continued" line */
};

struct foot_note {
	const struct node *node;	/* the FOOTNOTE */
	struct vlist	 v;		/* its lines */
	size_t		 start, end;	/* its first and past its last line */
	int		 placed;	/* its first piece is on a page */
	struct lo_ops	 cont;		/* its "continued" line, or empty */
};

struct lo_foot {
	const struct lo_ctx *c;
	struct foot_note *notes;
	size_t		 nnotes;
	struct strmap	 ix;		/* note id -> index + 1 */
	struct foot_piece *pc;
	size_t		 npc, cap;
	size_t		 pstart;	/* the current page's first piece */
	int		 page;
	double		 height;	/* the current page's, or 0 */
	double		 size, lineh;	/* the notes' text */
	double		 band, gap;	/* the rule's band, between notes */
	int		*want;		/* scratch: notes to place */
	size_t		 nwant, capwant;
};

/* ---- setting the notes ------------------------------------------------ */

/* Where a note's number w wide hangs: in the indent before the text,
 * at its left, or at its right in a right-to-left document. */
static double
num_x(const struct lo_ctx *c, const struct lo_foot *f, double w)
{
	if (c->rtl)
		return c->left + c->width - f->size * (NOTE_INDENT -
		    NOTE_NUM_GAP);
	return c->left + f->size * (NOTE_INDENT - NOTE_NUM_GAP) - w;
}

/* A note's number onto ops, hanging before the text at baseline y;
 * returns its width. */
static double
number_op(const struct lo_ctx *c, const struct lo_foot *f,
    const struct foot_note *fn, struct lo_ops *ops, double y)
{
	int		 face = LO_FACE(c->fam_body, 0);
	char		 num[24];
	struct lo_op	*o = ops_push(ops);

	snprintf(num, sizeof(num), "%d", fn->node->u.footnote.num);
	o->type = LO_TEXT;
	o->face = face;
	o->size = f->size;
	o->rgb = c->text_rgb;
	o->str = pool_strdup(c->pool, num);
	o->w = lo_text_width(c->widths, face, f->size, num, strlen(num));
	o->x = num_x(c, f, o->w);
	o->y = y;
	return o->w;
}

/* The number before the note's first line, leading back to its first
 * reference. */
static void
number(const struct lo_ctx *c, struct lo_foot *f, struct foot_note *fn)
{
	struct lo_entry	*e = &fn->v.e[fn->start];
	const struct node *ref = fn->node->u.footnote.ref;
	double		 y = lo_baseline(f->size, c->lead), w;
	struct lo_op	*o;

	for (size_t i = 0; i < e->ops.n; i++)
		if (e->ops.op[i].type == LO_TEXT) {
			y = e->ops.op[i].y;
			break;
		}
	w = number_op(c, f, fn, &e->ops, y);
	/* The number is the note's label, in the tagged PDF the text of
	 * the Link back (tag.c). */
	e->ops.op[e->ops.n - 1].tag = fn->node;
	e->ops.op[e->ops.n - 1].tagrole = LO_TAG_LBL;
	if (ref == NULL || ref->u.footref.id == NULL)
		return;
	o = ops_push(&e->ops);
	o->tag = fn->node;
	o->tagrole = LO_TAG_LBL;
	o->type = LO_LINK;
	o->x = num_x(c, f, w);
	o->w = w;
	o->h = e->h;
	o->str = pool_alloc(c->pool, strlen(ref->u.footref.id) + 2);
	snprintf((char *)o->str, strlen(ref->u.footref.id) + 2, "#%s",
	    ref->u.footref.id);
}

/* Set one note into fn->v, in the note size, indented for its number. */
static void
set_note(const struct lo_ctx *c, struct lo_foot *f, struct foot_note *fn)
{
	struct lo_column col;

	memset(&col, 0, sizeof(col));
	col.align = AL_NONE;
	col.x = c->rtl ? c->left : c->left + f->size * NOTE_INDENT;
	col.width = c->width - f->size * NOTE_INDENT;
	col.size = f->size;
	col.skip = f->size * NOTE_PAR_SKIP;
	col.ragged = c->ragged;
	col.depth = 0;
	blocks(c, &fn->v, fn->node->first, &col);
	/* Spaces at either end are not the note's. */
	fn->start = 0;
	fn->end = fn->v.n;
	while (fn->start < fn->end && fn->v.e[fn->start].kind == V_GLUE)
		fn->start++;
	while (fn->end > fn->start && fn->v.e[fn->end - 1].kind == V_GLUE)
		fn->end--;
	if (fn->start == fn->end || fn->v.e[fn->start].kind != V_BOX) {
		/* An empty note, or one opening with a table: a line of
		 * its own for the number. */
		vl_push(&fn->v, V_BOX, f->lineh);
		memmove(fn->v.e + fn->start + 1, fn->v.e + fn->start,
		    (fn->v.n - fn->start - 1) * sizeof(*fn->v.e));
		memset(&fn->v.e[fn->start], 0, sizeof(*fn->v.e));
		fn->v.e[fn->start].kind = V_BOX;
		fn->v.e[fn->start].h = f->lineh;
		fn->end++;
	}
	number(c, f, fn);
	lo_tag_entries(&fn->v, 0, fn->node, LO_TAG_SELF);
}

struct lo_foot *
foot_new(const struct lo_ctx *c)
{
	struct lo_foot	*f;
	const struct node *n;
	size_t		 i;

	if (c->doc->notes == NULL || c->doc->notes->first == NULL)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->c = c;
	f->size = c->body_size * NOTE_SIZE;
	f->lineh = f->size * c->lead;
	f->band = c->body_size * NOTE_RULE_SKIP + f->size * NOTE_RULE_GAP;
	f->gap = f->size * NOTE_GAP;
	f->page = 0;
	strmap_init(&f->ix);
	for (n = c->doc->notes->first; n != NULL; n = n->next)
		f->nnotes++;
	f->notes = xcalloc(f->nnotes, sizeof(*f->notes));
	for (n = c->doc->notes->first, i = 0; n != NULL; n = n->next, i++) {
		f->notes[i].node = n;
		strmap_put(&f->ix, n->u.footnote.id,
		    (void *)(uintptr_t)(i + 1));
		if (n->file != NULL)
			par_source(c, n->file);
		set_note(c, f, &f->notes[i]);
	}
	return f;
}

void
foot_free(struct lo_foot *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nnotes; i++) {
		vl_free(&f->notes[i].v);
		if (f->notes[i].cont.cap > 0)
			free(f->notes[i].cont.op);
	}
	free(f->notes);
	free(f->pc);
	free(f->want);
	strmap_free(&f->ix);
	free(f);
}

/* ---- fitting ---------------------------------------------------------- */

/* Lines (not spaces) of note fn in [from, to). */
static int
lines(const struct foot_note *fn, size_t from, size_t to)
{
	int n = 0;

	for (size_t i = from; i < to; i++)
		n += fn->v.e[i].kind != V_GLUE;
	return n;
}

static double
height(const struct foot_note *fn, size_t from, size_t to)
{
	double h = 0;

	for (size_t i = from; i < to; i++)
		h += fn->v.e[i].h;
	return h;
}

/* Where a piece of fn starting at from ends when it has room points:
 * as many lines as fit, never ending on a space. */
static size_t
fit(const struct foot_note *fn, size_t from, double room)
{
	size_t	to = from;
	double	h = 0;

	while (to < fn->end && h + fn->v.e[to].h <= room + FIT_SLACK)
		h += fn->v.e[to++].h;
	while (to > from && fn->v.e[to - 1].kind == V_GLUE)
		to--;
	return to;
}

/* The line after the space that follows a piece ending at to. */
static size_t
next_line(const struct foot_note *fn, size_t to)
{
	while (to < fn->end && fn->v.e[to].kind == V_GLUE)
		to++;
	return to;
}

static void
add_piece(struct lo_foot *f, int k, size_t from, size_t to, int first)
{
	struct foot_note *fn = &f->notes[k];
	struct foot_piece *p;

	if (f->npc == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 32;
		f->pc = xrealloc(f->pc, f->cap * sizeof(*f->pc));
	}
	p = &f->pc[f->npc++];
	p->note = k;
	p->page = f->page;
	p->from = from;
	p->to = to;
	p->first = first;
	p->cont = !first && from > fn->start && to > from;
	p->h = height(fn, from, to) + (p->cont ? f->lineh : 0);
	if (first)
		fn->placed = 1;
	/* An empty piece (nothing fitted) only says the note is due. */
	if (to > from)
		f->height += (f->height == 0 ? f->band : f->gap) + p->h;
}

/* The notes refs call for that are not placed yet, in order, into
 * f->want; returns how many. */
static size_t
wanted(struct lo_foot *f, const struct node *const *refs, size_t nrefs)
{
	f->nwant = 0;
	for (size_t i = 0; i < nrefs; i++) {
		uintptr_t k = (uintptr_t)strmap_get(&f->ix,
		    refs[i]->u.footref.note->u.footnote.id);
		size_t j;

		if (k == 0 || f->notes[k - 1].placed)
			continue;
		for (j = 0; j < f->nwant && f->want[j] != (int)k - 1; j++)
			;
		if (j < f->nwant)
			continue;
		if (f->nwant == f->capwant) {
			f->capwant = f->capwant ? 2 * f->capwant : 8;
			f->want = xrealloc(f->want, f->capwant *
			    sizeof(*f->want));
		}
		f->want[f->nwant++] = (int)k - 1;
	}
	return f->nwant;
}

/* Where a split of fn may end with room points: enough lines here and
 * enough for the next page, or 0 when no split is good. */
static size_t
split_at(const struct foot_note *fn, double room)
{
	size_t to = fit(fn, fn->start, room);

	if (lines(fn, fn->start, fn->end) < NOTE_SPLIT_LINES)
		return 0;
	while (to > fn->start && lines(fn, to, fn->end) < NOTE_KEEP_LINES)
		to--;
	while (to > fn->start && fn->v.e[to - 1].kind == V_GLUE)
		to--;
	return lines(fn, fn->start, to) >= NOTE_KEEP_LINES ? to : 0;
}

/* Forced: every wanted note as far as room goes, the rest due. */
static void
place_forced(struct lo_foot *f, double room)
{
	for (size_t i = 0; i < f->nwant; i++) {
		struct foot_note *fn = &f->notes[f->want[i]];
		double	before = f->height == 0 ? f->band : f->gap;
		size_t	to = room > before ? fit(fn, fn->start, room - before) :
			    fn->start;

		add_piece(f, f->want[i], fn->start, to, 1);
		room -= to > fn->start ? before + height(fn, fn->start, to) :
		    0;
		if (to < fn->end)
			room = 0;	/* the rest go after its end */
	}
}

int
foot_place(struct lo_foot *f, const struct node *const *refs, size_t nrefs,
    double room, int force)
{
	double	 need;
	size_t	 i, last, to;

	if (f == NULL || nrefs == 0 || wanted(f, refs, nrefs) == 0)
		return 0;
	need = f->height == 0 ? f->band - f->gap : 0;
	for (i = 0; i < f->nwant; i++) {
		const struct foot_note *fn = &f->notes[f->want[i]];

		need += f->gap + height(fn, fn->start, fn->end);
	}
	if (need <= room + FIT_SLACK) {
		for (i = 0; i < f->nwant; i++)
			add_piece(f, f->want[i], f->notes[f->want[i]].start,
			    f->notes[f->want[i]].end, 1);
		return 0;
	}
	/* All but the last whole, and the last split well? */
	last = (size_t)f->want[f->nwant - 1];
	need -= f->gap + height(&f->notes[last], f->notes[last].start,
	    f->notes[last].end);
	if ((to = split_at(&f->notes[last], room - need - f->gap)) > 0) {
		for (i = 0; i + 1 < f->nwant; i++)
			add_piece(f, f->want[i], f->notes[f->want[i]].start,
			    f->notes[f->want[i]].end, 1);
		add_piece(f, (int)last, f->notes[last].start, to, 1);
		return 0;
	}
	if (!force)
		return -1;
	place_forced(f, room);
	return 0;
}

size_t
foot_mark(const struct lo_foot *f)
{
	return f != NULL ? f->npc : 0;
}

void
foot_rewind(struct lo_foot *f, size_t mark)
{
	if (f == NULL || mark >= f->npc)
		return;
	for (size_t i = mark; i < f->npc; i++)
		if (f->pc[i].first)
			f->notes[f->pc[i].note].placed = 0;
	f->npc = mark;
	f->height = 0;
	for (size_t i = f->pstart; i < f->npc; i++)
		if (f->pc[i].to > f->pc[i].from)
			f->height += (f->height == 0 ? f->band : f->gap) +
			    f->pc[i].h;
}

/* Does piece p leave lines of its note for a later page? */
static int
unfinished(const struct lo_foot *f, const struct foot_piece *p)
{
	return next_line(&f->notes[p->note], p->to) < f->notes[p->note].end;
}

void
foot_new_page(struct lo_foot *f, int page, double room)
{
	size_t	 prev, end, i;

	if (f == NULL)
		return;
	prev = f->pstart;
	end = f->npc;
	f->pstart = f->npc;
	f->page = page;
	f->height = 0;
	for (i = prev; i < end; i++) {
		const struct foot_piece p = f->pc[i];
		const struct foot_note *fn = &f->notes[p.note];
		size_t	from = next_line(fn, p.to), to;
		double	before = f->height == 0 ? f->band : f->gap;
		/* The continued line, unless nothing was shown before. */
		double	mark = from > fn->start ? f->lineh : 0;

		if (p.page != page - 1 || !unfinished(f, &p))
			continue;
		to = room > before + mark ? fit(fn, from, room - before -
		    mark) : from;
		/* A line (a table row) too tall for any page goes on one
		 * by itself, or the note would never end. */
		if (to == from && f->height == 0 && from < fn->end)
			to = from + 1;
		add_piece(f, p.note, from, to, 0);
		room -= to > from ? before + mark + height(fn, from, to) : 0;
		if (to < fn->end)
			room = 0;
	}
}

void
foot_finish(struct lo_foot *f, double room)
{
	if (f == NULL)
		return;
	f->nwant = 0;
	for (size_t i = 0; i < f->nnotes; i++)
		if (!f->notes[i].placed) {
			if (f->nwant == f->capwant) {
				f->capwant = f->capwant ? 2 * f->capwant : 8;
				f->want = xrealloc(f->want, f->capwant *
				    sizeof(*f->want));
			}
			f->want[f->nwant++] = (int)i;
		}
	if (f->nwant > 0)
		place_forced(f, room - f->height);
}

int
foot_pending(const struct lo_foot *f)
{
	if (f == NULL)
		return 0;
	for (size_t i = f->pstart; i < f->npc; i++)
		if (unfinished(f, &f->pc[i]))
			return 1;
	return 0;
}

/* ---- drawing ---------------------------------------------------------- */

double
foot_height(const struct lo_foot *f)
{
	return f != NULL ? f->height : 0;
}

/* "3 (continued)": the number where it hangs, the words in italics. */
static const struct lo_ops *
cont_line(struct lo_foot *f, int note)
{
	const struct lo_ctx *c = f->c;
	struct foot_note *fn = &f->notes[note];
	struct vlist	 tmp = { NULL, 0, 0 };
	struct lo_fmt	 fmt;

	if (fn->cont.n > 0)
		return &fn->cont;
	memset(&fmt, 0, sizeof(fmt));
	fmt.fam = c->fam_body;
	fmt.sty = LO_ITALIC;
	fmt.size = f->size;
	fmt.rgb = SECONDARY_RGB;
	fmt.nohyph = 1;
	par_set_plain(c, &tmp, "(continued)", &fmt, c->rtl ? c->left :
	    c->left + f->size * NOTE_INDENT, c->width - f->size * NOTE_INDENT);
	number_op(c, f, fn, &fn->cont, lo_baseline(f->size, c->lead));
	for (size_t i = 0; tmp.n > 0 && i < tmp.e[0].ops.n; i++)
		*ops_push(&fn->cont) = tmp.e[0].ops.op[i];
	vl_free(&tmp);
	return &fn->cont;
}

/* One page's notes, pieces [i, j): the rule, then each piece, the last
 * ending at the bottom of the body's area. */
static void
draw_page(struct lo_foot *f, struct lo_doc *d, size_t i, size_t j, int base)
{
	const struct lo_ctx *c = f->c;
	int	 page = base + f->pc[i].page, any = 0;
	double	 y = c->bottom;
	struct lo_op *o;

	for (size_t k = i; k < j; k++)
		if (f->pc[k].to > f->pc[k].from) {
			y -= f->pc[k].h + (any ? f->gap : 0);
			any = 1;
		}
	if (!any)
		return;
	y -= f->band;
	o = pool_alloc(c->pool, sizeof(*o));
	memset(o, 0, sizeof(*o));
	o->type = LO_LINE;
	o->x = c->rtl ? c->left + c->width * (1 - NOTE_RULE_LENGTH) : c->left;
	o->y = y + c->body_size * NOTE_RULE_SKIP;
	o->w = c->width * NOTE_RULE_LENGTH;
	o->lw = NOTE_RULE_LW;
	o->rgb = RULE_RGB;
	page_add_run(&d->pages[page], o, 1, 0);
	y += f->band - f->gap;
	for (size_t k = i; k < j; k++) {
		const struct foot_piece *p = &f->pc[k];
		const struct vlist *v = &f->notes[p->note].v;

		if (p->to == p->from)
			continue;
		y += f->gap;
		if (p->cont) {
			const struct lo_ops *cl = cont_line(f, p->note);

			page_add_run(&d->pages[page], cl->op, cl->n, y);
			y += f->lineh;
		}
		if (p->first)
			page_add_mark(d, f->notes[p->note].node->u.footnote.id,
			    page, y);
		for (size_t e = p->from; e < p->to; e++) {
			page_draw_entry(c, d, page, &v->e[e], y);
			y += v->e[e].h;
		}
	}
}

void
foot_draw(struct lo_foot *f, struct lo_doc *d, int base)
{
	size_t i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->npc; i = j) {
		for (j = i; j < f->npc && f->pc[j].page == f->pc[i].page; j++)
			;
		draw_page(f, d, i, j, base);
	}
}
