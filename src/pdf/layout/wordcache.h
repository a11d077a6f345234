/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wordcache.h - the items a word became, kept for its next occurrence.
 *
 * Measuring a word (its faces, fallback fonts, shaping, hyphenation
 * points, the width of each piece) was a third of the PDF layout, and
 * running text repeats its words: a Zipf-shaped vocabulary where a few
 * thousand words make most of the text.  The items a word gives depend
 * only on its bytes and on the family, style, size and hyphenation
 * switch of its format, so the first occurrence is recorded and later
 * ones replay the record: the same items, the same widths to the bit.
 * Words whose items depend on what comes before them (a leading soft
 * hyphen) are never recorded.
 */
#ifndef QUIRE_LO_WORDCACHE_H
#define QUIRE_LO_WORDCACHE_H

#include <stddef.h>

#include "items.h"

struct lo_wordcache;

struct lo_wordcache *wordcache_new(void);
void	wordcache_free(struct lo_wordcache *);

/* Push the items recorded for the word s[0..len) in format f onto p;
 * 0 (and nothing pushed) when there is no record. */
int	wordcache_replay(struct lo_wordcache *, struct lo_par *p,
	    const struct lo_fmt *f, const char *s, size_t len);

/* Record p's items from index `from` on, just made from the word
 * s[0..len) in format f (its boxes point into s, or are a lone "?"). */
void	wordcache_record(struct lo_wordcache *, const struct lo_par *p,
	    size_t from, const struct lo_fmt *f, const char *s, size_t len);

#endif
