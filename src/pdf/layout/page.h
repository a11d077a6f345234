/*
 * page.h - pagination (page.c).
 */
#ifndef QUIRE_LO_PAGE_H
#define QUIRE_LO_PAGE_H

struct lo_ctx;
struct vlist;

/* Cut v into pages appended to c->out's, with their marks. */
void	paginate(const struct lo_ctx *, struct vlist *v);
/* Once every list is paginated: each page's footer, "N / M" and the
 * document's title, or with running set the current chapter's; none on
 * the first page with bare_first (a title page). */
void	paginate_footers(const struct lo_ctx *, int running, int bare_first);

#endif
