/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * release.c - the layout's pool freed page by page while the pages are
 * drawn.
 *
 * The pool (pool.c) holds the operations and strings every page draws:
 * on a long reference, a third of the run's memory, which was all kept
 * until the last page was drawn while libharu's objects and the tagged
 * PDF's structure grew beside it.  The pool's blocks are filled in the
 * order the layout makes things, which is nearly the pages' order, so
 * most of them are read by a few neighbouring pages only: each block is
 * freed once the last page that reads it is drawn.  What is read after
 * the pages (the links, the outline) is copied out of the blocks first:
 * the marks' strings (release_plan) and each page's links as the page is
 * done (release_page).
 */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "util/diag.h"
#include "layout.h"
#include "pool.h"
#include "release.h"

#define NONE	(-1)		/* read by no page */

struct lo_release {
	struct pool_span *span;		/* sorted by address */
	long		 *last;		/* each span's last page, or the above */
	size_t		  nspan;
	size_t		 *order;	/* span indices by last page */
	size_t		  next;		/* the first of order not yet freed */
	struct lo_op	 *blank;	/* zeroed, as long as the longest run */
	struct lo_pool	 *links;	/* the links' copies */
	size_t		  hit;		/* the span found last */
	size_t		  unreturned;	/* bytes freed since the last trim */
};

/*
 * Freed memory is reused by the drawing's own allocations, but only in
 * the allocator's arena it was freed to: the blocks a second layout
 * thread made (split.c) are in another, which the drawing never takes
 * from, so the process kept their pages.  GNU malloc_trim hands the
 * pages of free memory back to the system, in every arena; every few
 * megabytes freed is often enough and costs little.
 */
#define TRIM_EVERY	(8u << 20)

static void
drop(struct lo_release *r, size_t i)
{
	r->unreturned += (size_t)(r->span[i].hi - r->span[i].lo);
	free(r->span[i].blk);
	r->span[i].blk = NULL;
#ifdef __GLIBC__
	if (r->unreturned >= TRIM_EVERY) {
		malloc_trim(0);
		r->unreturned = 0;
	}
#endif
}

static int
by_address(const void *a, const void *b)
{
	const struct pool_span *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The span holding p, or nspan when p is not in the pool. */
static size_t
find(struct lo_release *r, const void *p)
{
	const char *c = p;
	size_t	    lo = 0, hi = r->nspan;

	if (r->hit < r->nspan && c >= r->span[r->hit].lo &&
	    c < r->span[r->hit].hi)
		return r->hit;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r->span[mid].lo)
			hi = mid;
		else if (c >= r->span[mid].hi)
			lo = mid + 1;
		else
			return r->hit = mid;
	}
	return r->nspan;
}

static void
read_by(struct lo_release *r, const void *p, long page)
{
	size_t i;

	if (p != NULL && (i = find(r, p)) < r->nspan)
		r->last[i] = page;
}

/* Each span's last page: the pages are visited in order. */
static size_t
last_pages(struct lo_release *r, const struct lo_doc *d)
{
	size_t longest = 1;

	for (size_t k = 0; k < d->npages; k++) {
		const struct lo_page *pg = &d->pages[k];

		for (size_t i = 0; i < pg->n; i++) {
			const struct lo_run *run = &pg->runs[i];

			read_by(r, run->op, (long)k);
			for (size_t j = 0; j < run->n; j++)
				read_by(r, run->op[j].str, (long)k);
			if (run->n > longest)
				longest = run->n;
		}
	}
	return longest;
}

/* An entry of the order blocks are freed in: by last page, then by
 * address, so that the order is the same on every run. */
struct when {
	long	 last;
	size_t	 i;
};

static int
by_last(const void *a, const void *b)
{
	const struct when *x = a, *y = b;

	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* r->order: the spans by last page (NONE first). */
static void
order(struct lo_release *r)
{
	struct when *w = xcalloc(r->nspan ? r->nspan : 1, sizeof(*w));

	for (size_t i = 0; i < r->nspan; i++) {
		w[i].last = r->last[i];
		w[i].i = i;
	}
	qsort(w, r->nspan, sizeof(*w), by_last);
	for (size_t i = 0; i < r->nspan; i++)
		r->order[i] = w[i].i;
	free(w);
}

/* A copy of s outside the blocks to be freed, when it is in one: a
 * heading's id and title are read after the pages (the outline and the
 * links), and they are in nearly every block. */
static const char *
keep(struct lo_release *r, const char *s)
{
	if (s == NULL || find(r, s) == r->nspan)
		return s;
	return pool_strdup(r->links, s);
}

struct lo_release *
release_plan(struct lo_doc *d, struct lo_pool *pool)
{
	struct lo_release *r = xcalloc(1, sizeof(*r));

	r->nspan = pool_take(pool, &r->span);
	qsort(r->span, r->nspan, sizeof(*r->span), by_address);
	r->last = xcalloc(r->nspan ? r->nspan : 1, sizeof(*r->last));
	r->order = xcalloc(r->nspan ? r->nspan : 1, sizeof(*r->order));
	for (size_t i = 0; i < r->nspan; i++)
		r->last[i] = NONE;
	r->links = pool_new();
	for (size_t i = 0; i < d->nmarks; i++) {
		d->marks[i].id = keep(r, d->marks[i].id);
		d->marks[i].title = keep(r, d->marks[i].title);
	}
	r->blank = xcalloc(last_pages(r, d), sizeof(*r->blank));
	order(r);
	/* NONE sorts first: no page reads those blocks. */
	while (r->next < r->nspan && r->last[r->order[r->next]] == NONE) {
		drop(r, r->order[r->next++]);
	}
	return r;
}

/* A run's links copied, everything else in it blank: links() reads the
 * type of each operation and counts them, and only a link further. */
static const struct lo_op *
copy_links(struct lo_release *r, const struct lo_run *run)
{
	struct lo_op *o = NULL;

	for (size_t j = 0; j < run->n; j++) {
		if (run->op[j].type != LO_LINK)
			continue;
		if (o == NULL) {
			o = pool_alloc(r->links, run->n * sizeof(*o));
			memset(o, 0, run->n * sizeof(*o));
		}
		o[j] = run->op[j];
		if (o[j].str != NULL)
			o[j].str = pool_strdup(r->links, o[j].str);
	}
	return o != NULL ? o : r->blank;
}

void
release_page(struct lo_release *r, struct lo_doc *d, size_t k)
{
	struct lo_page *pg;

	if (r == NULL || k >= d->npages)
		return;
	pg = &d->pages[k];
	for (size_t i = 0; i < pg->n; i++)
		pg->runs[i].op = copy_links(r, &pg->runs[i]);
	while (r->next < r->nspan && r->last[r->order[r->next]] <= (long)k) {
		drop(r, r->order[r->next++]);
	}
}

void
release_free(struct lo_release *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nspan; i++)
		free(r->span[i].blk);
	free(r->span);
	free(r->last);
	free(r->order);
	free(r->blank);
	pool_free(r->links);
	free(r);
}
