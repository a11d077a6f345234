/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * front.h - a book's front matter in the PDF (front.c): the title page
 * and the contents page.
 */
#ifndef QUIRE_LO_FRONT_H
#define QUIRE_LO_FRONT_H

struct lo_ctx;
struct vlist;
struct front;

/* The title block on a page of its own, a third of the way down. */
void		 front_titlepage(const struct lo_ctx *, struct vlist *);
/* Room at a page's top: what follows starts a third of the way down (a
 * title page, a book's part page). */
void		 front_drop(const struct lo_ctx *, struct vlist *);
/* The contents of body (its heading marks, depth levels deep) set into
 * v, with a heading; their page numbers come with front_numbers(). */
struct front	*front_contents(const struct lo_ctx *, struct vlist *v,
		    const struct vlist *body, int depth, const char *heading);
/* Once every page is placed: each entry's page number and leaders;
 * frees f. */
void		 front_numbers(const struct lo_ctx *, struct front *f);

#endif
