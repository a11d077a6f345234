/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linebreak.h - Knuth-Plass line breaking (linebreak.c).
 */
#ifndef QUIRE_LO_LINEBREAK_H
#define QUIRE_LO_LINEBREAK_H

#include <stddef.h>

struct lo_par;
struct kp_state;

/* The breaker's scratch arrays, kept from one paragraph to the next. */
struct kp_state	*kp_new(void);
void		 kp_free(struct kp_state *);

/* The bound of font expansion for the paragraphs that follow, a share
 * of a glyph's width (0.02: 2 % wider or narrower); 0 turns it off.
 * Ragged text is never expanded. */
void	kp_set_expansion(struct kp_state *, double expand);

/* Unit tests: 1 makes every paragraph take the full passes, without
 * the shortcut for one that fits on one line, to compare the two. */
void	kp_set_full(struct kp_state *, int full_only);

/* Break p into lines of the given width.  *breaks receives the item
 * indices of the chosen breakpoints (the last is the paragraph's final
 * forced break), *ratios each line's adjustment ratio of its spaces,
 * *expands (unless expands is NULL) its glyphs' expansion, a share of
 * their width; all are the state's, good until its next kp_break or
 * kp_free.  Returns the number of lines. */
size_t	kp_break(struct kp_state *, const struct lo_par *p, double width,
	    int ragged, size_t **breaks, double **ratios, double **expands);

#endif
