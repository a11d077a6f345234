/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pool.h - the layout's arena: strings and small arrays that live exactly
 * as long as the display list (struct lo_doc) and are freed with it.
 */
#ifndef QUIRE_LO_POOL_H
#define QUIRE_LO_POOL_H

#include <stddef.h>

struct lo_pool;

struct lo_pool	*pool_new(void);
void		 pool_free(struct lo_pool *);
void		*pool_alloc(struct lo_pool *, size_t);
char		*pool_strndup(struct lo_pool *, const char *, size_t);
char		*pool_strdup(struct lo_pool *, const char *);
/* Every block of the pool taken out of it into *span (n of them, in no
 * order), each with the address range it holds: the caller frees each
 * span's blk with free(), and the pool is left empty (release.c frees
 * them page by page as the pages are drawn). */
struct pool_span {
	const char	*lo, *hi;
	void		*blk;
};
size_t		 pool_take(struct lo_pool *, struct pool_span **span);
/* src's memory becomes dst's (freed with it); src is freed. */
void		 pool_adopt(struct lo_pool *dst, struct lo_pool *src);

#endif
