/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vlist.c - the vertical list: the entries (lines, spaces, table rows)
 * that block.c, table.c and parset.c stack and page.c cuts into pages,
 * and the operation arrays each entry draws.
 *
 * The list has a file of its own because every stage writes to it: with
 * it in block.c, parset.c (which sets lines) and block.c (which sets
 * paragraphs through parset.c) called each other.
 */
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "pool.h"
#include "vlist.h"

void
vl_free(struct vlist *v)
{
	vl_truncate(v, 0);
	free(v->e);
	v->e = NULL;
	v->n = v->cap = 0;
}

void
vl_truncate(struct vlist *v, size_t n)
{
	vl_drop(v, n, v->n);
	if (n < v->n)
		v->n = n;
}

void
vl_drop(struct vlist *v, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < v->n; i++) {
		if (v->e[i].ops.cap > 0)	/* else in the pool, or none */
			free(v->e[i].ops.op);
		if (v->e[i].row != NULL) {
			struct lo_row *r = v->e[i].row;

			for (int k = 0; k < r->tab->ncols; k++)
				vl_free(&r->cells[k]);
			vl_free(&r->label_cont);
		}
	}
}

/* Each malloc'd operation array of v's entries and of its rows' cells
 * into *arr (n of cap), recursively; the entries themselves freed. */
void
vl_release(struct vlist *v, struct lo_op ***arr, size_t *n, size_t *cap)
{
	for (size_t i = 0; i < v->n; i++) {
		struct lo_row *r = v->e[i].row;

		if (v->e[i].ops.cap > 0) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 256;
				*arr = xrealloc(*arr, *cap * sizeof(**arr));
			}
			(*arr)[(*n)++] = v->e[i].ops.op;
		}
		if (r != NULL) {
			for (int k = 0; k < r->tab->ncols; k++)
				vl_release(&r->cells[k], arr, n, cap);
			vl_release(&r->label_cont, arr, n, cap);
		}
	}
	free(v->e);
	v->e = NULL;
	v->n = v->cap = 0;
}

struct lo_entry *
vl_push(struct vlist *v, int kind, double h)
{
	struct lo_entry *e;

	if (v->n == v->cap) {
		/* Most lists are a table cell's few lines: start small. */
		v->cap = v->cap ? 2 * v->cap : 4;
		v->e = xrealloc(v->e, v->cap * sizeof(*v->e));
	}
	e = &v->e[v->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->h = h;
	return e;
}

void
vl_fit(struct vlist *v)
{
	if (v->cap > v->n && v->n > 0) {
		v->e = xrealloc(v->e, v->n * sizeof(*v->e));
		v->cap = v->n;
	}
}

/* Vertical space; adjacent spaces do not add up, the larger wins. */
void
vl_glue(struct vlist *v, double h)
{
	struct lo_entry *e;

	if (v->n > 0 && v->e[v->n - 1].kind == V_GLUE) {
		e = &v->e[v->n - 1];
		if (h > e->h)
			e->h = h;
		return;
	}
	int keep = v->n > 0 ? v->e[v->n - 1].keep : 0;
	e = vl_push(v, V_GLUE, h);
	e->keep = keep;
}

struct lo_op *
ops_push(struct lo_ops *o)
{
	if (o->n >= o->cap) {	/* >: a pooled array has cap 0 */
		size_t cap = o->n ? 2 * o->n : 8;

		if (o->cap == 0 && o->n > 0) {
			/* A pooled array (ops_pool) grows into a malloc'd
			 * one. */
			struct lo_op *op = xmalloc(cap * sizeof(*op));

			memcpy(op, o->op, o->n * sizeof(*op));
			o->op = op;
		} else
			o->op = xrealloc(o->op, cap * sizeof(*o->op));
		o->cap = cap;
	}
	memset(&o->op[o->n], 0, sizeof(o->op[0]));
	return &o->op[o->n++];
}

void
ops_pool(struct lo_pool *pool, struct lo_ops *dst, const struct lo_ops *src)
{
	dst->op = NULL;
	dst->n = src->n;
	dst->cap = 0;
	if (src->n > 0) {
		dst->op = pool_alloc(pool, src->n * sizeof(*dst->op));
		memcpy(dst->op, src->op, src->n * sizeof(*dst->op));
	}
}

/* The fields of lo_entry, counted by size: a new one changes it.  On
 * other ABIs the check is skipped, not the comparison. */
#if defined(__x86_64__) && defined(__LP64__)
_Static_assert(sizeof(struct lo_entry) == 96, "lo_entry has a new field: "
    "say in vl_space_only() whether a space-only entry may carry it");
#endif

int
vl_space_only(const struct lo_entry *e)
{
	/* kind and h are the space; keep is the keep. */
	return e->ops.n == 0 && !e->page_break && !e->drop_at_top &&
	    e->mark_id == NULL && e->anchor == NULL && !e->has_anchor &&
	    e->mark_title == NULL && e->mark_level == 0 && e->row == NULL &&
	    e->refs == NULL && e->nrefs == 0;
}
