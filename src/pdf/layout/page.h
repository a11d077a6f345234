/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * page.h - pagination (page.c) and the pages' display lists
 * (pagedraw.c).
 */
#ifndef QUIRE_LO_PAGE_H
#define QUIRE_LO_PAGE_H

#include <stddef.h>

struct lo_ctx;
struct vlist;

/* Cut v into pages appended to c->out's, with their marks; with notes
 * set, the footnotes its lines call for at the pages' feet. */
void	paginate(const struct lo_ctx *, struct vlist *v, int notes);
/* Once every list is paginated: each page's footer, "N / M" and the
 * document's title, or with running set the current chapter's; none on
 * the first page with bare_first (a title page). */
void	paginate_footers(const struct lo_ctx *, int running, int bare_first);

/* For foot.c, which draws each page's notes (pagedraw.c): a run of
 * operations moved down by dy, a named place, and an entry drawn whole
 * at y (a line, or a table row with its rules) with its footnote
 * references' places. */
struct lo_doc;
struct lo_entry;
struct lo_op;
struct lo_page;
void	page_add_run(struct lo_page *, const struct lo_op *, size_t n,
	    double dy);
void	page_add_mark(struct lo_doc *, const char *id, int page, double y);
void	page_draw_entry(const struct lo_ctx *, struct lo_doc *, int page,
	    const struct lo_entry *, double y);

#endif
