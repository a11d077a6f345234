/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inline.h - paragraphs: inline nodes to Knuth-Plass items (inline.c),
 * and the lines linebreak.c chooses to vertical entries (parset.c).
 */
#ifndef QUIRE_LO_INLINE_H
#define QUIRE_LO_INLINE_H

#include "items.h"

struct lo_ctx;
struct node;
struct vlist;
struct par_state;

/* The paragraph code's own state (parstate.h): a recycled item array,
 * the line being set and the count of warnings given. */
struct par_state *par_state_new(void);
void		  par_state_free(struct par_state *);

/* The input file the next paragraphs come from, for warnings. */
void	par_source(const struct lo_ctx *, const char *file);

void	par_init(struct lo_par *);
void	par_free(struct lo_par *);
/* A new item of the given type at the end of p, zeroed but for it. */
struct lo_item *par_push(struct lo_par *, int type);
/* par_init/par_free that recycle the item array through the context, so
 * that paragraphs share one array instead of each allocating its own. */
void	par_take(const struct lo_ctx *, struct lo_par *);
void	par_give(const struct lo_ctx *, struct lo_par *);
void	par_add_inlines(const struct lo_ctx *, struct lo_par *,
	    const struct node *parent, const struct lo_fmt *);
void	par_add_text(const struct lo_ctx *, struct lo_par *, const char *,
	    const struct lo_fmt *);
void	par_finish(struct lo_par *);
/* A forced line break, as a <br> makes. */
void	par_break_line(struct lo_par *);
/* An image in running text (inlineimage.c): a box of the paragraph
 * sized to the text or the column; -1 when it cannot be drawn (warned
 * once: its alt text stands in). */
int	par_add_image(const struct lo_ctx *, struct lo_par *,
	    const struct node *img, const struct lo_fmt *);
/* Colour emoji (inlineemoji.c): where the first sequence in s starts
 * (len if none), its length in *elen; and its box onto p. */
struct lo_emoji;
size_t	lo_emoji_next(const struct lo_ctx *, const char *s, size_t len,
	    size_t *elen, struct lo_emoji *e);
void	par_add_emoji(const struct lo_ctx *, struct lo_par *,
	    const struct lo_fmt *, const char *s, size_t len,
	    const struct lo_emoji *);
/* The natural size in points of an image that can be drawn; -1 when it
 * cannot, warned once. */
/* Whether an image's alt text is empty: it is decoration, and shows
 * nothing when it is not drawn. */
int	lo_image_decorative(const struct node *img);
int	lo_image_natural(const struct lo_ctx *, const struct node *img,
	    double *w, double *h);
/* Where a LINK leads, as the device wants it: its URL, "#" and the id of
 * a place in the document, or NULL when it leads nowhere. */
const char *link_dest(const struct lo_ctx *, const struct node *link);
/* Break into lines of width `width` and stack them onto v at x.  Returns
 * the number of lines. */
int	par_set(const struct lo_ctx *, struct lo_par *, struct vlist *v,
	    double x, double width, double size, int align, int ragged);
/* Set text without markup, left-aligned and ragged, as one paragraph:
 * the title block, the footer, flattened blocks. */
int	par_set_plain(const struct lo_ctx *, struct vlist *v, const char *text,
	    const struct lo_fmt *, double x, double width);
/* Content widths for tables: longest unbreakable piece and widest line. */
void	par_minmax(const struct lo_par *, double *wmin, double *smin,
	    double *max);

#endif
