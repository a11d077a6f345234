/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linebreak.c - Knuth-Plass total-fit line breaking.
 *
 * Items are boxes, glue and penalties (items.h).  The algorithm keeps a
 * list of active breakpoints and, at each legal breakpoint, the cheapest
 * way to reach it from each active one, scored by demerits (badness of
 * the line, penalty, consecutive hyphens, a hyphen before the last line,
 * fitness-class jumps).  A first
 * pass only accepts lines stretched up to a ratio of 1.5; when that finds
 * nothing the second pass accepts any ratio, and if even that leaves no
 * way forward (a single box wider than the measure) a line is forced, so
 * breaking always succeeds.
 *
 * Ragged-right text is broken with the same machinery, scoring each
 * line's shortfall against a fixed stretch instead of the spaces.
 *
 * Font expansion (pdfTeX's \pdfadjustspacing): a justified line's
 * glyphs may be drawn up to a share kp_set_expansion() gives wider or
 * narrower, which adds that share of its text's width to the line's
 * stretch and shrink.  A line takes its expansion in proportion to its
 * ratio, as its spaces do, up to the bound: a line that needs more
 * stretch than that puts the rest into its spaces.  Only lines with
 * spaces that stretch are expanded (not a word cut into pieces, not a
 * line of code spaces), and never an inline picture.
 */
#include <math.h>
#include <stdlib.h>

#include "util/diag.h"
#include "items.h"
#include "linebreak.h"
#include "params.h"

/* Sums of widths, stretch and shrink from the paragraph's start. */
struct kp_sums {
	double	w, st, sh;
	double	ng;		/* spaces (glue items) */
	double	wst;		/* the stretch of word spaces: not code's */
	double	ex;		/* text that may be expanded: boxes that are
				   not pictures */
};

struct kp_node {
	size_t	pos;		/* item index of the break */
	int	fitness;	/* class of the line ending here, 0 to 3 */
	int	flagged;	/* it ends with a hyphen */
	int	stub;		/* it ends a paragraph whose last line is a
				   short stub of a hyphenated word */
	struct kp_sums after;	/* sums after the break */
	double	demerits;	/* of the best way here from the start */
	double	ratio;		/* of the line ending here: its spaces' */
	double	expand;		/* its glyphs' expansion, a share of their
				   width (negative: narrower) */
	long	prev;		/* index of the previous break, -1 */
};

struct kp_state {
	struct kp_node	*nodes;
	size_t		 nn, capn;
	size_t		*act;		/* active node indices */
	size_t		 na, capa;
	double		 expand;	/* the bound of font expansion */
	int		 full_only;	/* no one-line shortcut (tests) */
	/* What kp_break returns, kept from one paragraph to the next:
	 * three arrays malloc'd and freed per paragraph were 2 % of the
	 * layout. */
	size_t		*brk;
	double		*ratio, *expands;
	size_t		 capout;
};

/* A legal breakpoint being tried. */
struct kp_brk {
	size_t	pos;
	int	pen;		/* its penalty */
	int	flagged;	/* a hyphen is drawn if the line ends here */
	double	pw;		/* the hyphen's width */
};

/* One pass over a paragraph, at one tolerance. */
struct kp_pass {
	struct kp_state		*k;
	const struct lo_par	*p;
	double			 width, tol;
	int			 ragged;
	double			 expand;	/* 0 when ragged */
	struct kp_sums		 sum;		/* up to the current item */
	long			 last_dead;	/* the last node deactivated,
						   to force a line from */
};

static size_t
add_node(struct kp_state *k, struct kp_node n)
{
	if (k->nn == k->capn) {
		k->capn = k->capn ? 2 * k->capn : 64;
		k->nodes = xrealloc(k->nodes, k->capn * sizeof(*k->nodes));
	}
	k->nodes[k->nn] = n;
	return k->nn++;
}

static void
activate(struct kp_state *k, size_t idx)
{
	if (k->na == k->capa) {
		k->capa = k->capa ? 2 * k->capa : 32;
		k->act = xrealloc(k->act, k->capa * sizeof(*k->act));
	}
	k->act[k->na++] = idx;
}

/* Sums just after a break at b: discardable items that follow vanish. */
static void
after_break(const struct lo_par *p, size_t b, const struct kp_sums *sum,
    struct kp_node *n)
{
	size_t i;

	n->after = *sum;
	for (i = b; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_BOX)
			break;
		if (it->type == IT_GLUE) {
			n->after.w += it->w;
			n->after.st += it->st;
			n->after.sh += it->sh;
			n->after.ng++;
			n->after.wst += it->code ? 0 : it->st;
		} else if (it->pen <= -PEN_INF && i > b)
			break;
	}
}

static int
fitness(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1.0)
		return 2;
	return 3;
}

/* The adjustment ratio of the line from a to the break at: how much of
 * its stretch (r > 0) or shrink (r < 0) it takes to fill the width. */
static double
line_ratio(const struct kp_pass *ps, const struct kp_node *a,
    const struct kp_brk *at, double *ex, int *rag)
{
	double L = ps->sum.w - a->after.w + at->pw;
	double str = ps->sum.st - a->after.st, shr = ps->sum.sh - a->after.sh;
	double wst = ps->sum.wst - a->after.wst;

	*ex = 0;
	/* A line of code (its spaces stretch less than its word spaces
	 * would: "Type: string | number | ...") is set ragged whatever
	 * its breaks, as code spaces opened far read as holes: it is
	 * scored as ragged lines are, by its shortfall, so that such
	 * lines are filled evenly instead of all being equally and
	 * infinitely bad.  A line without a space (one word) stays
	 * infinitely bad. */
	*rag = !ps->ragged && str < LO_INF / 2 && wst <= str - wst &&
	    ps->sum.ng > a->after.ng;
	if (ps->ragged || *rag) {
		str = str >= LO_INF / 2 ? str : ps->width * RAGGED_STRETCH;
		shr = ps->ragged ? 0 : shr;
	} else if (str > 0 && ps->expand > 0) {
		/* The glyphs' share: what the text (and a hyphen drawn at
		 * the break) may grow or lose. */
		*ex = ps->expand * (ps->sum.ex - a->after.ex + at->pw);
		str += *ex;
		shr += *ex;
	}
	if (L < ps->width)
		return str > 0 ? (ps->width - L) / str : LO_INF;
	/* A line as long as the measure give or take rounding (a table
	 * column as wide as its widest line) fits as it is. */
	if (L > ps->width + FIT_SLACK)
		return shr > 0 ? (ps->width - L) / shr : -LO_INF;
	return 0;
}

/* The demerits of reaching the break at through a with a line of ratio
 * r and fitness class f; short: the line is a paragraph's last and
 * shorter than STUB_SHARE of the measure. */
static double
demerits(const struct kp_node *a, const struct kp_brk *at, double r, int f,
    int short_last)
{
	double bad, d, ar = fabs(r);

	/* Knuth's badness, 100 |r|^3, capped (multiplied out: pow() was
	 * a twentieth of the line breaker's time). */
	bad = r > 1e3 ? MAX_BADNESS : 100 * (ar * ar * ar);
	if (bad > MAX_BADNESS)
		bad = MAX_BADNESS;
	d = (LINE_PEN + bad) * (LINE_PEN + bad);
	if (at->pen > 0)
		d += (double)at->pen * at->pen;
	else if (at->pen > -PEN_INF)
		d -= (double)at->pen * at->pen;
	if (at->flagged && a->flagged)
		d += FLAG_DEM;
	/* A hyphen on the line before a paragraph's last (TeX's
	 * \finalhyphendemerits) leaves a stub of a word there.  Alone on
	 * a short last line, the fragment is worse than a loose line
	 * before it: in a list item of two lines ("applica-" / "tions.")
	 * the only other way is a line stretched to a ratio of about 2,
	 * which FINAL_HYPH_DEM alone does not outweigh. */
	if (a->flagged && at->pen <= -PEN_INF)
		d += short_last ? FINAL_STUB_DEM : FINAL_HYPH_DEM;
	if (abs(f - a->fitness) > 1)
		d += FIT_DEM;
	return d + a->demerits;
}

/* The line from a of ratio r shared between its spaces and, when it
 * may expand its glyphs by ex, its glyphs: up to a ratio of 1 both take
 * r of their stretch or shrink, beyond it the glyphs stay at their
 * bound and the spaces take the rest.  Into n's ratio and expand. */
static void
line_split(const struct kp_pass *ps, const struct kp_node *a, double r,
    double ex, int rag, struct kp_node *n)
{
	double st = ps->sum.st - a->after.st;

	/* A line of code set ragged keeps its spaces unless it is too
	 * long without shrinking them. */
	n->ratio = rag && r > 0 ? 0 : r;
	n->expand = 0;
	/* A line that ends with a glue that fills it (a paragraph's last,
	 * one before a hard break) is set at its natural width. */
	if (ex <= 0 || (r >= 0 && st >= LO_INF / 2))
		return;
	n->expand = ps->expand * (r > 1 ? 1 : r < -1 ? -1 : r);
	if (r > 1 && st < LO_INF / 2)
		n->ratio = (r * (st + ex) - ex) / st;
}

/* A break ragged lines avoid: a hyphen, or a cut inside a name of code
 * (a camel-case hump, "Writable|Stream") or inside a word. */
static int
ragged_dear(const struct kp_brk *at)
{
	return at->flagged || (at->pen >= CODE_HUMP_PEN && at->pen < PEN_INF);
}

/*
 * The best line from any active node to the break at, one candidate per
 * fitness class; nodes too far back to reach it (the line would be
 * overfull) are deactivated, and all are at a forced break.  Returns the
 * least demerits found.
 */
static double
best_lines(struct kp_pass *ps, const struct kp_brk *at,
    struct kp_node cand[4], int have[4])
{
	struct kp_state	*k = ps->k;
	double		 mind = LO_INF * LO_INF;

	for (size_t ai = 0; ai < k->na; ) {
		struct kp_node *a = &k->nodes[k->act[ai]];
		double	ex, r, d;
		int	f, stub, rag;

		r = line_ratio(ps, a, at, &ex, &rag);

		if (r < -1 || at->pen <= -PEN_INF) {
			/* Deactivate; remember it for rescue. */
			ps->last_dead = (long)k->act[ai];
			k->act[ai] = k->act[--k->na];
			if (r < -1)
				continue;
		} else
			ai++;
		if (r > ps->tol)
			continue;
		f = fitness(r);
		stub = a->flagged && at->pen <= -PEN_INF &&
		    ps->sum.w - a->after.w < ps->width * STUB_SHARE;
		if (rag && ragged_dear(at)) {
			/* A line of code is set ragged: scored so too. */
			struct kp_brk dear = *at;

			dear.pen += RAGGED_HYPH_PEN;
			d = demerits(a, &dear, r, f, stub);
		} else
			d = demerits(a, at, r, f, stub);
		if (!have[f] || d < cand[f].demerits) {
			have[f] = 1;
			cand[f].pos = at->pos;
			cand[f].fitness = f;
			cand[f].flagged = at->flagged;
			cand[f].stub = stub;
			cand[f].demerits = d;
			line_split(ps, a, r, ex, rag, &cand[f]);
			cand[f].prev = a - k->nodes;
		}
		if (d < mind)
			mind = d;
	}
	return mind;
}

/* Try a break at one legal breakpoint: the good candidates become active
 * nodes.  Returns -1 when nothing can go on from here in this pass. */
static int
try_break(struct kp_pass *ps, const struct kp_brk *at)
{
	struct kp_state	*k = ps->k;
	struct kp_node	 cand[4];
	int		 have[4] = { 0, 0, 0, 0 }, added = 0;
	double		 mind = best_lines(ps, at, cand, have);

	for (int f = 0; f < 4; f++) {
		if (!have[f] || cand[f].demerits > mind + FIT_DEM)
			continue;
		after_break(ps->p, at->pos, &ps->sum, &cand[f]);
		activate(k, add_node(k, cand[f]));
		added = 1;
	}
	if (k->na == 0 && !added) {
		/* No feasible line at all: force one. */
		if (ps->tol < LO_INF || ps->last_dead < 0)
			return -1;
		struct kp_node n = { at->pos, 1, at->flagged, 0,
		    { 0, 0, 0, 0, 0, 0 }, k->nodes[ps->last_dead].demerits +
		    LO_INF, -1, 0, ps->last_dead };
		after_break(ps->p, at->pos, &ps->sum, &n);
		activate(k, add_node(k, n));
	}
	return 0;
}

/* The node that ends the paragraph with the least demerits, or -1. */
static long
best_end(const struct kp_state *k, const struct lo_par *p)
{
	long best = -1;

	/* The final forced break left the nodes that end the paragraph. */
	for (size_t i = 0; i < k->na; i++) {
		const struct kp_node *n = &k->nodes[k->act[i]];

		if (n->pos + 1 >= p->n && (best < 0 ||
		    n->demerits < k->nodes[best].demerits))
			best = (long)k->act[i];
	}
	return best;
}

/* One pass at tolerance tol: *best receives the last node of the best
 * breaks.  Returns -1 when the pass finds none. */
static int
kp_pass(struct kp_state *k, const struct lo_par *p, double width,
    int ragged, double tol, long *best)
{
	struct kp_pass	ps = { k, p, width, tol, ragged,
			    ragged ? 0 : k->expand, { 0, 0, 0, 0, 0, 0 }, -1 };
	struct kp_node	start = { 0, 1, 0, 0, { 0, 0, 0, 0, 0, 0 }, 0, 0, 0, -1 };

	k->nn = k->na = 0;
	activate(k, add_node(k, start));
	for (size_t b = 0; b < p->n; b++) {
		const struct lo_item *it = &p->it[b];
		struct kp_brk	at = { b, 0, 0, 0 };
		int		legal = 0;

		if (it->type == IT_BOX) {
			ps.sum.w += it->w;
			if (it->image == NULL)
				ps.sum.ex += it->w;
			continue;
		}
		if (it->type == IT_GLUE) {
			legal = b > 0 && p->it[b - 1].type == IT_BOX;
		} else if (it->pen < PEN_INF) {
			legal = 1;
			at.pen = it->pen;
			/* A break after a word's own hyphen ends the line
			 * with one too, as TeX counts it. */
			at.flagged = it->flag || (b > 0 &&
			    p->it[b - 1].type == IT_BOX && p->it[b - 1].len > 0 &&
			    p->it[b - 1].s[p->it[b - 1].len - 1] == '-');
			/* Ragged text has little reason to hyphenate, or
			 * to cut a name of code. */
			if (ragged && ragged_dear(&at))
				at.pen += RAGGED_HYPH_PEN;
			at.pw = it->w;
		}
		if (legal && try_break(&ps, &at) != 0)
			return -1;
		if (it->type == IT_GLUE) {
			ps.sum.w += it->w;
			ps.sum.st += it->st;
			ps.sum.sh += it->sh;
			ps.sum.ng++;
			ps.sum.wst += it->code ? 0 : it->st;
		}
	}
	*best = best_end(k, p);
	return *best < 0 ? -1 : 0;
}

/*
 * A paragraph that fits on one line (most table cells and list items):
 * the full pass would end it with the line from its start, found
 * without the node lists.  That is so when the line from the start
 * stays active to the end (no forced break before it, no legal break
 * past the measure) and costs less than any two lines could: every line
 * costs at least LINE_PEN squared when no break has a negative penalty
 * (which lowers demerits) and the last is not flagged (ragged lines and
 * a final hyphen change its score).  Then the full pass's best end is
 * that line, with the same sums added in the same order, so the same
 * ratio and expansion.  Returns 0 and fills *end, or -1 when the
 * paragraph needs the full pass.
 */
static int
one_line(struct kp_state *k, const struct lo_par *p, double width,
    int ragged, struct kp_node *end)
{
	struct kp_pass	ps = { k, p, width, FIRST_TOLERANCE, ragged,
			    ragged ? 0 : k->expand, { 0, 0, 0, 0, 0, 0 }, -1 };
	struct kp_node	start = { 0, 1, 0, 0, { 0, 0, 0, 0, 0, 0 }, 0, 0, 0, -1 };
	struct kp_brk	at;
	const struct lo_item *it, *last;
	double		ex, r;
	int		rag;

	if (k->full_only || p->n < 2)
		return -1;
	for (size_t b = 0; b + 1 < p->n; b++) {
		it = &p->it[b];
		if (it->type == IT_BOX) {
			ps.sum.w += it->w;
			if (it->image == NULL)
				ps.sum.ex += it->w;
			continue;
		}
		if (it->type == IT_PEN) {
			if (it->pen >= PEN_INF)
				continue;
			if (it->pen < 0 || ps.sum.w + it->w > width)
				return -1;
			continue;
		}
		if (b > 0 && p->it[b - 1].type == IT_BOX && ps.sum.w > width)
			return -1;
		ps.sum.w += it->w;
		ps.sum.st += it->st;
		ps.sum.sh += it->sh;
		ps.sum.ng++;
		ps.sum.wst += it->code ? 0 : it->st;
	}
	last = &p->it[p->n - 1];
	if (last->type != IT_PEN || last->pen > -PEN_INF || last->flag)
		return -1;
	it = &p->it[p->n - 2];
	if (it->type == IT_BOX && it->len > 0 && it->s[it->len - 1] == '-')
		return -1;
	at = (struct kp_brk){ p->n - 1, last->pen, 0, last->w };
	r = line_ratio(&ps, &start, &at, &ex, &rag);
	if (r < -1 || r > FIRST_TOLERANCE)
		return -1;
	*end = (struct kp_node){ at.pos, fitness(r), 0, 0,
	    { 0, 0, 0, 0, 0, 0 }, 0, 0, 0, 0 };
	end->demerits = demerits(&start, &at, r, end->fitness, 0);
	if (!(end->demerits < 2 * LINE_PEN * LINE_PEN))
		return -1;
	line_split(&ps, &start, r, ex, rag, end);
	return 0;
}

/* Room for n lines (and one more) in what kp_break returns. */
static void
out_room(struct kp_state *k, size_t n)
{
	if (n + 1 <= k->capout)
		return;
	k->capout = 2 * (n + 1);
	k->brk = xrealloc(k->brk, k->capout * sizeof(*k->brk));
	k->ratio = xrealloc(k->ratio, k->capout * sizeof(*k->ratio));
	k->expands = xrealloc(k->expands, k->capout * sizeof(*k->expands));
}

void
kp_set_full(struct kp_state *k, int full_only)
{
	k->full_only = full_only;
}

struct kp_state *
kp_new(void)
{
	return xcalloc(1, sizeof(struct kp_state));
}

void
kp_set_expansion(struct kp_state *k, double expand)
{
	k->expand = expand > 0 ? expand : 0;
}

size_t
kp_break(struct kp_state *k, const struct lo_par *p, double width,
    int ragged, size_t **breaks, double **ratios, double **expands)
{
	long		 best = -1, i;
	size_t		 n = 0, j;

	struct kp_node	 end;

	if (one_line(k, p, width, ragged, &end) == 0) {
		out_room(k, 1);
		k->brk[0] = end.pos;
		k->ratio[0] = end.ratio;
		k->expands[0] = end.expand;
		*breaks = k->brk;
		*ratios = k->ratio;
		if (expands != NULL)
			*expands = k->expands;
		return 1;
	}
	/* The node arrays are kept for the next paragraph.  A stub left
	 * by the first pass may be avoidable only by a line looser than
	 * its tolerance, which the second pass weighs against it. */
	if (kp_pass(k, p, width, ragged, FIRST_TOLERANCE, &best) != 0 ||
	    k->nodes[best].stub)
		kp_pass(k, p, width, ragged, LO_INF, &best);
	for (i = best; i > 0; i = k->nodes[i].prev)
		n++;
	out_room(k, n);
	j = n;
	for (i = best; i > 0; i = k->nodes[i].prev) {
		j--;
		k->brk[j] = k->nodes[i].pos;
		k->ratio[j] = k->nodes[i].ratio;
		k->expands[j] = k->nodes[i].expand;
	}
	*breaks = k->brk;
	*ratios = k->ratio;
	if (expands != NULL)
		*expands = k->expands;
	return n;
}

void
kp_free(struct kp_state *k)
{
	if (k != NULL) {
		free(k->nodes);
		free(k->act);
		free(k->brk);
		free(k->ratio);
		free(k->expands);
		free(k);
	}
}
