/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strmap.h - a map from strings to pointers, for ids, paths and the like.
 *
 * Open addressing over a power-of-two table, keys hashed with hash.h.  The
 * map does not own its keys: they must outlive it (the document's arena
 * is the usual owner).
 */
#ifndef QUIRE_STRMAP_H
#define QUIRE_STRMAP_H

#include <stddef.h>

struct strmap {
	const char	**key;
	void		**val;
	size_t		  mask;		/* table size - 1 */
	size_t		  n;
};

void	 strmap_init(struct strmap *);
void	 strmap_free(struct strmap *);
/* The value stored under key, or NULL. */
void	*strmap_get(const struct strmap *, const char *key);
/* Store val under key (replacing any); the key is not copied. */
void	 strmap_put(struct strmap *, const char *key, void *val);

#endif
