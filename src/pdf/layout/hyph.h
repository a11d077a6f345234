/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hyph.h - hyphenation points from libhyphen's patterns (hyph.c).
 */
#ifndef QUIRE_LO_HYPH_H
#define QUIRE_LO_HYPH_H

#include <stddef.h>

struct lo_hyph;

/* The patterns for a language tag, or NULL (after a warning) when there
 * are none; a NULL hyphenator finds no points. */
struct lo_hyph	*hyph_open(const char *lang);
void		 hyph_close(struct lo_hyph *);
/* Another thread's handle on h's patterns (libhyphen only reads them),
 * with a cache of its own; closed before h. */
struct lo_hyph	*hyph_share(const struct lo_hyph *h);
/* Fill pts[0..len) with 1 where a hyphen may follow byte i of the word
 * (ASCII letters, a capital only first: never a name in camel case or
 * capitals; at least 2 letters before a hyphen and 3 after); returns
 * the number of points. */
int		 hyph_points(struct lo_hyph *, const char *word, size_t len,
		    char *pts);

#endif
