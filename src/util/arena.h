/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arena.h - a bump allocator for things that all die together.
 *
 * The document model (every node and string) and the PDF layout's display
 * list (every drawn word) are built piece by piece and freed at once, so a
 * chain of large blocks is both the fastest and the simplest owner.
 */
#ifndef QUIRE_ARENA_H
#define QUIRE_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
/* n bytes aligned for any type; uninitialised, or zeroed (calloc). */
void		*arena_alloc(struct arena *, size_t n);
void		*arena_calloc(struct arena *, size_t n);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);

#endif
