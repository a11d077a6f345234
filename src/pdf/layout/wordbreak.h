/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wordbreak.h - where a line may break inside text written without
 * spaces: Thai, Lao, Khmer and Myanmar words, Chinese and Japanese
 * characters (wordbreak.c, through ICU).
 */
#ifndef QUIRE_LO_WORDBREAK_H
#define QUIRE_LO_WORDBREAK_H

#include <stddef.h>

struct lo_wordbreak;

/* lang: the document's language, for ICU's rules (dictionaries are per
 * script, so any language works). */
struct lo_wordbreak *wordbreak_new(const char *lang);
void	wordbreak_free(struct lo_wordbreak *);

/* Whether the space-free word s holds a script that breaks without
 * spaces: the fast test that keeps every other word away from ICU. */
int	wordbreak_needed(const char *s, size_t len);

/* The places inside s (byte offsets, increasing, neither 0 nor len)
 * where a line may break, at most max of them; returns their count.
 * None when ICU cannot be used. */
size_t	wordbreak_find(struct lo_wordbreak *, const char *s, size_t len,
	    size_t *at, size_t max);

#endif
