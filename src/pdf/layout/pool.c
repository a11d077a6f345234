/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pool.c - an arena for the layout's strings, freed with the lo_doc.
 *
 * Layout creates many small strings (one per drawn word) whose lifetime is
 * exactly the display list's, so one arena beats tracking each of them.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "pool.h"

#define POOL_BLOCK	(64 * 1024)

struct pblock {
	struct pblock	*next;
	size_t		 used, cap;
	max_align_t	 data[];
};

struct lo_pool {
	struct pblock	*head;
};

struct lo_pool *
pool_new(void)
{
	return xcalloc(1, sizeof(struct lo_pool));
}

void
pool_free(struct lo_pool *p)
{
	struct pblock *b, *next;

	if (p == NULL)
		return;
	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

void *
pool_alloc(struct lo_pool *p, size_t n)
{
	struct pblock	*b = p->head;
	size_t		 al = sizeof(max_align_t);
	void		*r;

	n = (n + al - 1) / al * al;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;

		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = p->head;
		p->head = b;
	}
	r = (char *)b->data + b->used;
	b->used += n;
	return r;
}

char *
pool_strndup(struct lo_pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct lo_pool *p, const char *s)
{
	return pool_strndup(p, s, strlen(s));
}

size_t
pool_take(struct lo_pool *p, struct pool_span **span)
{
	struct pblock	*b;
	size_t		 n = 0;

	for (b = p->head; b != NULL; b = b->next)
		n++;
	*span = xcalloc(n ? n : 1, sizeof(**span));
	n = 0;
	for (b = p->head; b != NULL; b = b->next, n++) {
		(*span)[n].lo = (const char *)b->data;
		(*span)[n].hi = (const char *)b->data + b->used;
		(*span)[n].blk = b;
	}
	p->head = NULL;
	return n;
}

void
pool_adopt(struct lo_pool *dst, struct lo_pool *src)
{
	struct pblock *tail;

	if (src->head != NULL) {
		/* Behind dst's current block, which stays current. */
		for (tail = src->head; tail->next != NULL; tail = tail->next)
			;
		if (dst->head == NULL)
			dst->head = src->head;
		else {
			tail->next = dst->head->next;
			dst->head->next = src->head;
		}
	}
	free(src);
}
