/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * split.c - the body laid out in two parts at once.
 *
 * Turning paragraphs into items and breaking them into lines is most of
 * the layout, and a block's entries depend only on the block and its
 * column.  So with a thread to spare the body is cut, between two
 * top-level blocks, into two parts of about equal text; the second is
 * laid out on another thread into a list of its own, with module states
 * of its own (width cache, word cache, hyphenation cache, line breaker,
 * pool), while this thread lays out the first; then the second list is
 * appended to the first.
 *
 * The result must be the one thread's to the byte, so the second part
 * is kept unit by unit (a top-level block, or a whole chapter), only
 * where nothing in the unit could have come out otherwise:
 *   - it asked for no fallback font (cover() assigns faces in the order
 *     asked) and no JPEG (made when asked; a PNG is made when drawn,
 *     image.c); a family's face it loaded first is the same face (its
 *     subset's tag is given at the end, fontsave.c), and what loading
 *     said is held, to be said in its place (see below);
 *   - it said nothing (the first part may already have said a warning
 *     given once);
 *   - where it meets what comes before it, that ended with vertical
 *     space: the unit began with a marker standing for that space, so
 *     its own leading space joined it, and a "keep with the previous
 *     entry" reached it, as vl_glue and the setters would have.
 * A unit that cannot be kept is laid out again by this thread, in its
 * place among the kept ones, as one thread would have; the second
 * thread starts its caches again after one that was refused an answer.
 * The fonts are asked under their lock by both threads meanwhile.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "hyph.h"
#include "inline.h"
#include "layout.h"
#include "linebreak.h"
#include "metrics.h"
#include "pool.h"
#include "split.h"
#include "util/runner.h"
#include "vlist.h"

/* Below this much text (bytes) one thread is as quick. */
#define SPLIT_MIN	(64 * 1024)

/*
 * The metrics a thread's context sees: the device's, asked under its
 * lock.  The second part's thread is refused what would come out in
 * another order (a fallback font, an image); it may load a family's
 * face, and what loading said (a font not installed) is held, to be
 * said where one thread would have said it: when the first part's
 * thread first asks about that face, or else after the first part.
 */
struct held {
	int		 face;
	struct diag_buf	*msgs;	/* on the heap: its stream writes there */
};

struct split_guard {
	struct lo_metrics	 lm;		/* first: what the context sees */
	const struct lo_metrics	*m;		/* the device's */
	struct split_guard		*first;		/* the first part's guard */
	int			 refused;	/* it asked what it may not */
	uint32_t		 refused_cp;	/* a fallback font for it */
	struct held		*held;		/* in the first part's guard */
	size_t			 nheld;
};

/* The first thread asks about face (-1: any): what the second said
 * loading it, now.  Under the lock. */
static void
say_held(struct split_guard *g, int face)
{
	for (size_t i = 0; i < g->nheld; i++)
		if (g->held[i].msgs != NULL && (face < 0 ||
		    g->held[i].face == face)) {
			diag_buf_flush(g->held[i].msgs, 1);
			free(g->held[i].msgs);
			g->held[i].msgs = NULL;
		}
}

/* Those held from i to j, once the second part's unit that loaded them
 * is kept.  Under the lock. */
static void
say_held_range(struct split_guard *g, size_t i, size_t j)
{
	for (; i < j && i < g->nheld; i++)
		if (g->held[i].msgs != NULL) {
			diag_buf_flush(g->held[i].msgs, 1);
			free(g->held[i].msgs);
			g->held[i].msgs = NULL;
		}
}

/* A question of the second thread that may load face: what it says is
 * caught, to be held for the first.  Under the lock. */
static struct diag_buf *
hold_start(struct split_guard *g, int face, struct diag_buf **b)
{
	*b = NULL;
	if (g->first == NULL || g->m->ready(g->m->ctx, face))
		return NULL;
	*b = xmalloc(sizeof(**b));
	diag_buf_init(*b);
	return diag_capture(*b);
}

static void
hold_end(struct split_guard *g, int face, struct diag_buf *b,
    struct diag_buf *prev)
{
	struct split_guard *f = g->first;

	if (b == NULL)
		return;
	diag_capture(prev);
	if (b->fp == NULL || fflush(b->fp) != 0 ||
	    (b->len == 0 && b->warnings == 0)) {
		diag_buf_flush(b, 0);
		free(b);
		return;
	}
	f->held = xrealloc(f->held, (f->nheld + 1) * sizeof(*f->held));
	f->held[f->nheld].face = face;
	f->held[f->nheld++].msgs = b;
}

/* Around a question about a face, which may load it: the lock taken,
 * what was held said when this is the first thread, and what loading
 * says now held (ask_end gives it back). */
static struct diag_buf *
ask_begin(struct split_guard *g, int face, struct diag_buf **b)
{
	g->m->lock(g->m->ctx);
	if (g->first == NULL)
		say_held(g, face);
	return hold_start(g, face, b);
}

static void
ask_end(struct split_guard *g, int face, struct diag_buf *b, struct diag_buf *prev)
{
	hold_end(g, face, b, prev);
	g->m->unlock(g->m->ctx);
}

static int
g_advance(void *ctx, int face, uint32_t cp)
{
	struct split_guard	*g = ctx;
	struct diag_buf	*b, *prev = ask_begin(g, face, &b);
	int		 r = g->m->advance(g->m->ctx, face, cp);

	ask_end(g, face, b, prev);
	return r;
}

static int
g_cover(void *ctx, uint32_t cp, int sty)
{
	struct split_guard	*g = ctx;
	int		 r = -1;

	if (g->first != NULL) {
		if (!g->refused)
			g->refused_cp = cp;
		g->refused = 1;
		return -1;
	}
	g->m->lock(g->m->ctx);
	r = g->m->cover(g->m->ctx, cp, sty);
	g->m->unlock(g->m->ctx);
	return r;
}

static double
g_shaped(void *ctx, int face, const char *s, size_t len, int rtl)
{
	struct split_guard	*g = ctx;
	struct diag_buf	*b, *prev = ask_begin(g, face, &b);
	double		 r = g->m->shaped(g->m->ctx, face, s, len, rtl);

	ask_end(g, face, b, prev);
	return r;
}

/* The second thread may ask only about images made in no order (a
 * PNG's object is made when drawn); a JPEG is made when asked. */
static int
g_image_size(void *ctx, const char *path, double *w, double *h,
    const char **why)
{
	struct split_guard	*g = ctx;
	int		 r, pure = g->m->image_pure != NULL &&
			    g->m->image_pure(g->m->image_ctx, path);

	if (g->first != NULL && !pure) {
		g->refused = 1;
		*why = NULL;
		return -1;
	}
	if (pure)	/* image.c has a lock of its own */
		return g->m->image_size(g->m->image_ctx, path, w, h, why);
	/* A JPEG is made in libharu's document, which is the lock's. */
	g->m->lock(g->m->ctx);
	r = g->m->image_size(g->m->image_ctx, path, w, h, why);
	g->m->unlock(g->m->ctx);
	return r;
}

static struct split_guard *
guard_new(const struct lo_metrics *m, struct split_guard *first)
{
	struct split_guard *g = xcalloc(1, sizeof(*g));

	g->m = m;
	g->first = first;
	g->lm.ctx = g;
	g->lm.advance = g_advance;
	g->lm.cover = m->cover != NULL ? g_cover : NULL;
	g->lm.shaped = m->shaped != NULL ? g_shaped : NULL;
	g->lm.image_size = m->image_size != NULL ? g_image_size : NULL;
	g->lm.image_ctx = g;
	/* Safe on any thread, and the same answer for each (emoji.c). */
	g->lm.emoji = m->emoji;
	return g;
}

struct split_guard *
split_guard(const struct lo_metrics *m, struct runner *run)
{
	if (runner_threads(run) < 2 || m->lock == NULL || m->unlock == NULL ||
	    m->ready == NULL)
		return NULL;
	return guard_new(m, NULL);
}

const struct lo_metrics *
split_metrics(struct split_guard *g)
{
	return &g->lm;
}

void
split_guard_free(struct split_guard *g)
{
	if (g == NULL)
		return;
	say_held(g, -1);	/* none left: each was said */
	free(g->held);
	free(g);
}

/*
 * The second part: from `from` in chapter ch (NULL: ch's start) to the
 * end, in a context and a list of its own, unit by unit (a block of ch,
 * then whole chapters), each unit's entries after a marker standing for
 * the entry before it.  A unit that may not be kept (it asked for a
 * fallback font or a JPEG, or said something) is laid out again by the
 * first thread, in its place; the units after it go on.
 */
struct unit {
	const struct node	*ch, *from;	/* from in ch; NULL: all ch */
	size_t			 start, end;	/* its entries, marker first */
	size_t			 held0, held1;	/* messages held meanwhile */
	int			 ok;
	int			 kind0, keep0;	/* the entry before it, as the
						   unit found it */
};

struct part {
	struct lo_ctx		 c;
	struct split_guard		*g;
	const struct node	*ch, *from;
	const struct lo_column	*col;
	struct vlist		 v;
	struct diag_buf		 msgs;
	struct unit		*u;
	size_t			 nu;
};

static size_t
held_now(struct part *p)
{
	size_t n;

	p->g->m->lock(p->g->m->ctx);
	n = p->g->first->nheld;
	p->g->m->unlock(p->g->m->ctx);
	return n;
}

static void *
second(void *arg)
{
	struct part		*p = arg;
	struct diag_buf		*prev = diag_capture(&p->msgs);
	const struct node	*ch = p->ch, *k = p->from;
	int			 pending = 0;	/* ch's start: part one */
	size_t			 said = 0, cap = 0;

	while (ch != NULL) {
		struct unit *u;

		if (p->nu == cap) {
			cap = cap ? 2 * cap : 64;
			p->u = xrealloc(p->u, cap * sizeof(*p->u));
		}
		u = &p->u[p->nu++];
		u->ch = ch;
		u->from = k;
		u->start = p->v.n;
		u->held0 = held_now(p);
		p->g->refused = 0;
		/* The entry before the unit, as the unit will find it in
		 * the list: the unit before's last (its kind and keep; a
		 * unit not kept must have left the same), or at first the
		 * first part's closing space (checked when joining). */
		if (p->nu == 1) {
			u->kind0 = V_GLUE;
			u->keep0 = 0;
		} else {
			u->kind0 = p->v.e[p->v.n - 1].kind;
			u->keep0 = p->v.e[p->v.n - 1].keep;
		}
		vl_push(&p->v, u->kind0, u->kind0 == V_GLUE ? -1 : 0)->keep =
		    u->keep0;
		if (k != NULL) {
			chapter_part(&p->c, &p->v, ch, k, k->next, p->col,
			    &pending);
			if ((k = k->next) == NULL)
				ch = ch->next;
		} else {
			blocks_until(&p->c, &p->v, ch, ch->next, p->col);
			ch = ch->next;
		}
		u->end = p->v.n;
		u->held1 = held_now(p);
		u->ok = fflush(p->msgs.fp) == 0 && !p->g->refused &&
		    p->msgs.len == said && p->msgs.warnings == 0;
		said = p->msgs.len;
		p->msgs.warnings = 0;
		if (p->g->refused) {
			/* Its answers (no fallback font) are cached, and
			 * in the words made: start those caches again. */
			widths_free(p->c.widths);
			p->c.widths = widths_new(p->c.m);
			par_state_free(p->c.par);
			p->c.par = par_state_new();
		}
	}
	diag_capture(prev);
	return NULL;
}

/* Text bytes under n, a measure of its layout's work. */
static size_t
weight(const struct node *n)
{
	struct node	*k = NULL;
	size_t		 w = 0;
	int		 entering;

	while ((k = doc_next(n, k, &entering)) != NULL)
		if (entering)
			w += 16 + (k->text != NULL ? strlen(k->text) : 0);
	return w;
}

static int
all_blocks(const struct node *ch)
{
	for (const struct node *k = ch->first; k != NULL; k = k->next)
		if (!doc_is_block(k))
			return 0;
	return 1;
}

/* Where to cut: before `from` in chapter *ch, or before chapter *ch
 * (from NULL); 0 when the body is not worth cutting. */
static int
cut(const struct node *root, const struct node **ch,
    const struct node **from)
{
	size_t		 total = 0, sum = 0, half, *w, n = 0, i;
	const struct node *k;

	for (k = root->first; k != NULL; k = k->next, n++)
		if (k->type != N_CHAPTER)
			return 0;
	if (n == 0)
		return 0;
	w = xmalloc(n * sizeof(*w));
	for (k = root->first, i = 0; k != NULL; k = k->next, i++)
		total += w[i] = weight(k);
	half = total / 2;
	*ch = NULL;
	*from = NULL;
	for (k = root->first, i = 0; k != NULL && *ch == NULL;
	    k = k->next, i++) {
		if (sum + w[i] < half) {
			sum += w[i];
			continue;
		}
		if (all_blocks(k) && k->first != NULL) {
			/* Within this chapter, before the block that
			 * passes the half. */
			for (const struct node *b = k->first; b != NULL;
			    b = b->next) {
				size_t bw = weight(b);

				if (sum + bw >= half && b != k->first) {
					*ch = k;
					*from = b;
					break;
				}
				sum += bw;
			}
		}
		if (*ch == NULL)	/* at a chapter's end, or start */
			*ch = sum >= half || k->next == NULL ? k : k->next;
		if (*ch == root->first && *from == NULL)
			*ch = (*ch)->next;
	}
	free(w);
	return total >= SPLIT_MIN && *ch != NULL;
}

/* Under -v: where the second part began, and how much was kept. */
static void
note(const struct part *p, size_t kept)
{
	const struct node *at = p->from != NULL ? p->from : p->ch;

	diag_note("layout: second part from %s:%d, on another thread: %zu of "
	    "%zu blocks kept%s", at->file, at->line, kept, p->nu,
	    p->g->refused_cp ? " (others needed a fallback font, or said "
	    "something)" : kept < p->nu ? " (others needed a JPEG, or said "
	    "something)" : "");
}

/* Unit u's entries after v's, if they are what one thread would have
 * made there; 0 otherwise (nothing is changed then). */
static int
join(struct vlist *v, struct part *p, const struct unit *u)
{
	const struct lo_entry	*mk = &p->v.e[u->start];
	struct lo_entry		*last;
	size_t			 m = u->end - u->start - 1;

	/* What comes before must be what the unit found (a glue's height
	 * aside: glues join, the larger wins), and the marker may only
	 * have taken space (a glue) and a keep. */
	if (!u->ok || v->n == 0 || v->e[v->n - 1].kind != u->kind0 ||
	    v->e[v->n - 1].keep != u->keep0 || !vl_space_only(mk) ||
	    (u->kind0 != V_GLUE && mk->h != 0))
		return 0;
	last = &v->e[v->n - 1];
	if (u->kind0 == V_GLUE && mk->h > last->h)
		last->h = mk->h;
	last->keep = mk->keep;
	/* Grown by half at least, so that many small units joined one by
	 * one cost linear time, not a copy of the whole list each. */
	if (v->cap < v->n + m) {
		v->cap = v->n + m > v->cap + v->cap / 2 ? v->n + m :
		    v->cap + v->cap / 2;
		v->e = xrealloc(v->e, v->cap * sizeof(*v->e));
	}
	memcpy(v->e + v->n, p->v.e + u->start + 1, m * sizeof(*v->e));
	v->n += m;
	return 1;
}

void
split_body(const struct lo_ctx *c, struct vlist *v, const struct node *root,
    const struct lo_column *body)
{
	struct part	 p;
	struct runner_task *task;
	struct split_guard *first = c->split;
	int		 pending = 1;
	size_t		 kept = 0;

	memset(&p, 0, sizeof(p));
	if (first == NULL || !cut(root, &p.ch, &p.from)) {
		blocks(c, v, root->first, body);
		return;
	}
	diag_buf_init(&p.msgs);
	if (first->m->prepare != NULL) {
		first->m->lock(first->m->ctx);
		first->m->prepare(first->m->ctx);
		first->m->unlock(first->m->ctx);
	}
	p.g = guard_new(first->m, first);
	p.c = *c;
	p.c.m = &p.g->lm;
	p.c.pool = pool_new();
	p.c.widths = widths_new(p.c.m);
	p.c.hyph = hyph_share(c->hyph);
	p.c.kp = kp_new();
	p.c.par = par_state_new();
	p.c.unshown = xcalloc(N_TYPE_COUNT, sizeof(*p.c.unshown));
	p.col = body;
	if (p.msgs.fp != NULL &&
	    (task = runner_start(c->run, second, &p)) != NULL) {
		/* The first part, meanwhile. */
		blocks_until(c, v, root->first, p.ch, body);
		if (p.from != NULL) {
			if (p.ch->file != NULL)
				par_source(c, p.ch->file);
			chapter_part(c, v, p.ch, p.ch->first, p.from, body,
			    &pending);
		}
		(void)runner_join(task);
		for (size_t i = 0; i < p.nu; i++) {
			const struct unit *u = &p.u[i];

			/* A unit of the chapter whose start is still to
			 * mark, or one not kept: laid out here, in turn. */
			if ((u->from != NULL && pending) || !join(v, &p, u)) {
				vl_drop(&p.v, u->start, u->end);
				if (u->from != NULL)
					chapter_part(c, v, u->ch, u->from,
					    u->from->next, body, &pending);
				else
					blocks_until(c, v, u->ch, u->ch->next,
					    body);
				continue;
			}
			kept++;
			/* What loading its faces said, in its place. */
			first->m->lock(first->m->ctx);
			say_held_range(first, u->held0, u->held1);
			first->m->unlock(first->m->ctx);
		}
		if (diag_verbose)
			note(&p, kept);
		free(p.v.e);
		pool_adopt(c->pool, p.c.pool);
		p.c.pool = NULL;
	} else
		blocks(c, v, root->first, body);	/* no thread */
	if (p.msgs.fp != NULL)
		diag_buf_flush(&p.msgs, 0);
	pool_free(p.c.pool);
	widths_free(p.c.widths);
	hyph_close(p.c.hyph);
	kp_free(p.c.kp);
	par_state_free(p.c.par);
	free(p.c.unshown);
	free(p.u);
	free(p.g);
}
