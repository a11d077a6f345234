/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inlineimage.c - an image in running text as a box of the paragraph,
 * broken into lines like a word.
 *
 * Most images inside a paragraph are badges and icons: a few text lines
 * high at most, they are scaled to the height of the text around them,
 * keeping their shape, and centred on it, so that a row of badges reads
 * as a line of text.  A larger one (a screenshot, a chart, an image the
 * author gave a size) keeps its size, fitted to the column and the
 * page; its bottom sits on the baseline, as in a browser, and parset.c
 * makes its line taller.  One at least half as wide as the column is
 * set alone on its line, as a block.  An image that cannot be drawn
 * gets one warning, and its alt text stands in; an empty alt text marks
 * an image as decoration, and nothing stands in for it.
 */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "inline.h"
#include "layout.h"
#include "params.h"
#include "parstate.h"

/* Up to this many times the text size high, an image without a size
 * of the author's is a badge or an icon. */
#define BADGE_MAX_H	2.5
/* A badge's height, in text sizes: from the descenders to the tops of
 * the capitals. */
#define BADGE_H		1.0
#define BADGE_DROP	0.2
/* At least this share of the column wide, an image is set as a block. */
#define BLOCK_W		0.5

/* Whether an image was warned about already: a table's cells are
 * measured and then set, and both meet it. */
static int
warned_once(struct par_state *ps, const struct node *n)
{
	size_t n_ = ps->nimg_warned;

	for (size_t i = 0; i < n_; i++)
		if (ps->img_warned[i] == n)
			return 1;
	/* A power of two: the array is full. */
	if ((n_ & (n_ - 1)) == 0)
		ps->img_warned = xrealloc(ps->img_warned, (n_ ? 2 * n_ : 1) *
		    sizeof(*ps->img_warned));
	ps->img_warned[ps->nimg_warned++] = n;
	return 0;
}

/* The natural size of an image that can be drawn, in points; -1 (and
 * one warning) when it cannot. */
int
lo_image_natural(const struct lo_ctx *c, const struct node *img, double *w,
    double *h)
{
	const char *why = NULL;

	if (c->m->image_size == NULL || img->u.link.kind != LINK_FILE)
		return -1;
	if (c->m->image_size(c->m->image_ctx, img->u.link.path, w, h,
	    &why) == 0) {
		if (why != NULL && !warned_once(c->par, img))
			diag_warn(img->file, img->line, "image %s: %s",
			    img->u.link.path, why);
		return 0;
	}
	if (!warned_once(c->par, img))
		diag_warn(img->file, img->line, "image %s: %s; showing its "
		    "alt text", img->u.link.path, why != NULL ? why :
		    "cannot be drawn");
	return -1;
}

int
lo_image_decorative(const struct node *img)
{
	char	*alt = doc_text_dup(img, 0);
	int	 empty = alt[strspn(alt, " \t\r\n")] == '\0';

	free(alt);
	return empty;
}

/* Whether anything but space follows n in its paragraph before a line
 * break: a block image then needs a break of its own after it. */
static int
more_after(const struct node *n)
{
	for (const struct node *k = n; k != NULL && k->type >= N_TEXT;
	    k = k->parent)
		for (const struct node *s = k->next; s != NULL; s = s->next) {
			if (s->type == N_LINEBREAK)
				return 0;
			if (s->type == N_SOFTBREAK || (s->type == N_TEXT &&
			    s->text[strspn(s->text, " \t\r\n")] == '\0'))
				continue;
			return 1;
		}
	return 0;
}

/* Whether the paragraph so far ends with a forced break (or is empty). */
static int
at_line_start(const struct lo_par *p)
{
	size_t i = p->n;

	while (i > 0 && p->it[i - 1].type == IT_GLUE)
		i--;
	return i == 0 || (p->it[i - 1].type == IT_PEN &&
	    p->it[i - 1].pen <= -PEN_INF);
}

int
par_add_image(const struct lo_ctx *c, struct lo_par *p,
    const struct node *img, const struct lo_fmt *f)
{
	double	 w, h, aw, ah, k = 1;
	double	 maxh = (c->bottom - c->top) * FIGURE_MAX_H;
	int	 block;
	struct lo_item *b;

	if (lo_image_natural(c, img, &w, &h) != 0)
		return -1;
	aw = img->u.link.width * PX;
	ah = img->u.link.height * PX;
	if (aw > 0 && ah > 0)
		w = aw, h = ah;
	else if (aw > 0)
		h *= aw / w, w = aw;
	else if (ah > 0)
		w *= ah / h, h = ah;
	else if (h <= f->size * BADGE_MAX_H)
		k = f->size * BADGE_H / h;
	if (w * k > c->width)
		k = c->width / w;
	if (h * k > maxh)
		k = maxh / h;
	w *= k;
	h *= k;
	block = w >= c->width * BLOCK_W;
	if (block && !at_line_start(p))
		par_break_line(p);
	else if (p->n > 0 && p->it[p->n - 1].type == IT_BOX)
		/* Side by side with no space, as badges often are: a line
		 * may still break between them. */
		par_push(p, IT_PEN)->pen = 0;
	b = par_push(p, IT_BOX);
	b->s = "";
	b->image = img->u.link.path;
	b->w = w;
	b->img_h = h;
	b->size = f->size;
	b->link = f->link;
	/* Its own Figure (or an artifact), not the paragraph's text. */
	b->tagnode = img;
	b->face = LO_FACE(f->fam, f->sty);
	/* A badge is centred on the text; a picture stands on the
	 * baseline. */
	b->rise = h <= f->size * BADGE_MAX_H && !block ?
	    f->rise - f->size * BADGE_DROP : f->rise;
	if (block && more_after(img))
		par_break_line(p);
	return 0;
}
