/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inlineemoji.c - colour emoji in running text: each sequence a box of
 * the word it is in, drawn as the picture the colour emoji font has for
 * it (pdf/emoji.c), at the size of the text, standing on its baseline
 * as the font places it.
 *
 * The box is an inline image whose path names the glyph and the text
 * (LO_EMOJI_MARK), so the device draws the picture and writes the text
 * under it for copying and searching.  Text, emoji and text with no
 * space between stay one word: no break falls inside.
 */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "inline.h"
#include "layout.h"
#include "pool.h"

/* Where the first colour emoji sequence of s starts (len if none), its
 * length in *elen and its size in *e.  Only characters from U+2000 on,
 * or one followed by VS16 (U+FE0F, "\xEF\xB8\x8F"), can start one: the
 * text of most words is never asked about. */
size_t
lo_emoji_next(const struct lo_ctx *c, const char *s, size_t len,
    size_t *elen, struct lo_emoji *e)
{
	const unsigned char *u = (const unsigned char *)s;

	if (c->m->emoji == NULL)
		return len;
	for (size_t i = 0; i < len; i++) {
		if ((u[i] & 0xC0) == 0x80)
			continue;
		size_t cl = u[i] >= 0xC0 ? 2 : 1;

		if (u[i] < 0xE2 && !(i + cl + 3 <= len &&
		    memcmp(s + i + cl, "\xEF\xB8\x8F", 3) == 0))
			continue;
		if ((*elen = c->m->emoji(s + i, len - i, e)) > 0)
			return i;
	}
	return len;
}

void
par_add_emoji(const struct lo_ctx *c, struct lo_par *p,
    const struct lo_fmt *f, const char *s, size_t len,
    const struct lo_emoji *e)
{
	struct lo_item	*b;
	char		 head[16];
	char		*path;
	int		 n = snprintf(head, sizeof(head), "%c%u:", LO_EMOJI_MARK,
			    e->gid);

	path = pool_alloc(c->pool, (size_t)n + len + 1);
	memcpy(path, head, (size_t)n);
	memcpy(path + n, s, len);
	path[n + len] = '\0';
	b = par_push(p, IT_BOX);
	b->s = "";
	b->image = path;
	b->w = e->adv * f->size;
	b->img_h = (e->top - e->bottom) * f->size;
	b->rise = f->rise + e->bottom * f->size;
	b->size = f->size;
	b->rgb = f->rgb;
	b->link = f->link;
	b->face = LO_FACE(f->fam, f->sty);
}
