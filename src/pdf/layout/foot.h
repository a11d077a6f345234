/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * foot.h - footnotes at the foot of the page (foot.c).
 *
 * Every note is set once, before pagination, as a vertical list of its
 * own in the note size, its number hanging before its first line.  While
 * page.c fills a page it asks foot_place() to make room for the notes a
 * line calls for: the page's body then ends that much higher.  A note is
 * placed as pieces (a range of its lines on a page); the last note on a
 * page may be split, the rest of it continuing at the foot of the next
 * page under a "continued" line.  foot_draw() draws the pieces with
 * pagedraw.c's primitives.
 */
#ifndef QUIRE_LO_FOOT_H
#define QUIRE_LO_FOOT_H

#include <stddef.h>

struct lo_ctx;
struct node;

struct lo_foot;

/* Set every note of the document; NULL when it has none. */
struct lo_foot	*foot_new(const struct lo_ctx *);
void		 foot_free(struct lo_foot *);

/* The height the current page's notes take, the rule above them
 * included; 0 when it has none. */
double		 foot_height(const struct lo_foot *);

/*
 * Make room on the current page for the notes first called for by refs
 * (FOOTREF nodes, nrefs of them), with room points free below the line
 * that calls for them.  Returns 0 when they are placed, -1 (and nothing
 * placed) when they do not fit well: the line should move on.  With
 * force set they are always placed, as far as room allows, the rest
 * continuing on the next page.
 */
int		 foot_place(struct lo_foot *, const struct node *const *refs,
		    size_t nrefs, double room, int force);

/* Undo every placement since foot_mark() returned mark (page.c moves
 * the lines that called for them to the next page). */
size_t		 foot_mark(const struct lo_foot *);
void		 foot_rewind(struct lo_foot *, size_t mark);

/* A new page begins: the notes the last one could not finish go on at
 * its foot, taking at most room points. */
void		 foot_new_page(struct lo_foot *, int page, double room);
/* After the last line: place any note nothing on a page called for
 * (its reference was in the title) in room points.  Then, while notes
 * remain unfinished, foot_pending() says so and page.c adds pages. */
void		 foot_finish(struct lo_foot *, double room);
int		 foot_pending(const struct lo_foot *);

/* Once the pages are made: draw every page's notes at its foot, under
 * a short rule, ending at the bottom of the body's area; the pager's
 * page 0 is the document's page base (after a title page, contents). */
struct lo_doc;
void		 foot_draw(struct lo_foot *, struct lo_doc *, int base);

#endif
