/*
 * page.h - pagination (page.c).
 */
#ifndef QUIRE_LO_PAGE_H
#define QUIRE_LO_PAGE_H

struct lo_ctx;
struct vlist;

/* Cut v into the pages of c->out, with marks and footers. */
void	paginate(const struct lo_ctx *, struct vlist *v);

#endif
