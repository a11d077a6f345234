/*
 * linebreak.c - Knuth-Plass total-fit line breaking.
 *
 * Items are boxes, glue and penalties (items.h).  The algorithm keeps a
 * list of active breakpoints and, at each legal breakpoint, the cheapest
 * way to reach it from each active one, scored by demerits (badness of
 * the line, penalty, consecutive hyphens, fitness-class jumps).  A first
 * pass only accepts lines stretched up to a ratio of 1.5; when that finds
 * nothing the second pass accepts any ratio, and if even that leaves no
 * way forward (a single box wider than the measure) a line is forced, so
 * breaking always succeeds.
 *
 * Ragged-right text is broken with the same machinery, scoring each
 * line's shortfall against a fixed stretch instead of the spaces.
 */
#include <math.h>
#include <stdlib.h>

#include "diag.h"
#include "items.h"
#include "linebreak.h"

#define BIG		1e9
#define LINE_PEN	10.0
#define FLAG_DEM	3000.0
#define FIT_DEM		3000.0

struct kp_node {
	size_t	pos;		/* item index of the break */
	int	fit;
	int	flagged;
	double	tw, ty, tz;	/* totals after the break */
	double	dem;
	double	ratio;		/* of the line ending here */
	long	prev;		/* index of the previous break, -1 */
};

struct kp_state {
	struct kp_node	*nodes;
	size_t		 nn, capn;
	size_t		*act;		/* active node indices */
	size_t		 na, capa;
};

static size_t
addnode(struct kp_state *k, struct kp_node n)
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

/* Totals just after a break at b: discardable items that follow vanish. */
static void
after_break(const struct lo_par *p, size_t b, double W, double Y, double Z,
    struct kp_node *n)
{
	size_t i;

	n->tw = W;
	n->ty = Y;
	n->tz = Z;
	for (i = b; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_BOX)
			break;
		if (it->type == IT_GLUE) {
			n->tw += it->w;
			n->ty += it->st;
			n->tz += it->sh;
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

static int
run(const struct lo_par *p, double width, int ragged, double tol,
    struct kp_state *k, long *best)
{
	double	W = 0, Y = 0, Z = 0, rag = width * 0.25;
	struct kp_node start = { 0, 1, 0, 0, 0, 0, 0, 0, -1 };
	long	last_dead = -1;

	k->nn = k->na = 0;
	activate(k, addnode(k, start));
	for (size_t b = 0; b < p->n; b++) {
		const struct lo_item *it = &p->it[b];
		int	legal = 0, pen = 0, flagged = 0;
		double	pw = 0;

		if (it->type == IT_BOX) {
			W += it->w;
			continue;
		}
		if (it->type == IT_GLUE) {
			legal = b > 0 && p->it[b - 1].type == IT_BOX;
		} else if (it->pen < PEN_INF) {
			legal = 1;
			pen = it->pen;
			flagged = it->flag;
			/* Ragged text has little reason to hyphenate. */
			if (ragged && flagged)
				pen += 250;
			pw = it->w;
		}
		if (legal) {
			struct kp_node cand[4];
			int	   have[4] = { 0, 0, 0, 0 };
			double	   mind = BIG * BIG;

			for (size_t ai = 0; ai < k->na; ) {
				struct kp_node *a = &k->nodes[k->act[ai]];
				double L = W - a->tw + pw, r, bad, d;
				double str = Y - a->ty, shr = Z - a->tz;

				if (ragged) {
					str = str >= BIG / 2 ? str : rag;
					shr = 0;
				}
				if (L < width)
					r = str > 0 ? (width - L) / str : BIG;
				else if (L > width)
					r = shr > 0 ? (width - L) / shr : -BIG;
				else
					r = 0;
				if (r < -1 || pen <= -PEN_INF) {
					/* Deactivate; remember it for rescue. */
					last_dead = (long)k->act[ai];
					k->act[ai] = k->act[--k->na];
					if (r < -1)
						continue;
				} else
					ai++;
				if (r > tol)
					continue;
				bad = r > 1e3 ? 1e6 : 100 * pow(fabs(r), 3);
				if (bad > 1e6)
					bad = 1e6;
				d = (LINE_PEN + bad) * (LINE_PEN + bad);
				if (pen > 0)
					d += (double)pen * pen;
				else if (pen > -PEN_INF)
					d -= (double)pen * pen;
				if (flagged && a->flagged)
					d += FLAG_DEM;
				int f = fitness(r);
				if (abs(f - a->fit) > 1)
					d += FIT_DEM;
				d += a->dem;
				if (!have[f] || d < cand[f].dem) {
					have[f] = 1;
					cand[f].pos = b;
					cand[f].fit = f;
					cand[f].flagged = flagged;
					cand[f].dem = d;
					cand[f].ratio = r;
					cand[f].prev = a - k->nodes;
				}
				if (d < mind)
					mind = d;
			}
			int added = 0;
			for (int f = 0; f < 4; f++) {
				if (!have[f] || cand[f].dem > mind + FIT_DEM)
					continue;
				after_break(p, b, W, Y, Z, &cand[f]);
				activate(k, addnode(k, cand[f]));
				added = 1;
			}
			if (k->na == 0 && !added) {
				/* No feasible line at all: force one. */
				if (tol < BIG || last_dead < 0)
					return -1;
				struct kp_node n = { b, 1, flagged, 0, 0, 0,
				    k->nodes[last_dead].dem + BIG, -1,
				    last_dead };
				after_break(p, b, W, Y, Z, &n);
				activate(k, addnode(k, n));
			}
		}
		if (it->type == IT_GLUE) {
			W += it->w;
			Y += it->st;
			Z += it->sh;
		}
	}
	/* The final forced break left the nodes that end the paragraph. */
	*best = -1;
	for (size_t i = 0; i < k->na; i++) {
		struct kp_node *n = &k->nodes[k->act[i]];

		if (n->pos + 1 >= p->n && (*best < 0 ||
		    n->dem < k->nodes[*best].dem))
			*best = (long)k->act[i];
	}
	return *best < 0 ? -1 : 0;
}

struct kp_state *
kp_new(void)
{
	return xcalloc(1, sizeof(struct kp_state));
}

size_t
kp_break(struct kp_state *k, const struct lo_par *p, double width,
    int ragged, size_t **breaks, double **ratios)
{
	long		 best = -1, i;
	size_t		 n = 0, j;

	/* The node arrays are kept for the next paragraph. */
	if (run(p, width, ragged, 1.5, k, &best) != 0)
		run(p, width, ragged, BIG, k, &best);
	for (i = best; i > 0; i = k->nodes[i].prev)
		n++;
	*breaks = xmalloc((n + 1) * sizeof(**breaks));
	*ratios = xmalloc((n + 1) * sizeof(**ratios));
	j = n;
	for (i = best; i > 0; i = k->nodes[i].prev) {
		j--;
		(*breaks)[j] = k->nodes[i].pos;
		(*ratios)[j] = k->nodes[i].ratio;
	}
	return n;
}

void
kp_free(struct kp_state *k)
{
	if (k != NULL) {
		free(k->nodes);
		free(k->act);
		free(k);
	}
}
