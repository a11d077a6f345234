/*
 * metrics.c - text widths, with glyph fallback and a cache.
 *
 * The device answers "how wide is this code point in this face"; layout
 * asks that once per (face, code point) and keeps the answer.  A face
 * without the glyph falls back to the same style of the fallback family,
 * then to the CJK family; a character no font has is measured (and later
 * drawn) as '?' after one warning.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lo_int.h"
#include "utf8.h"

#define UNKNOWN		(-2)

static int
cached(struct lo_ctx *c, int face, uint32_t cp)
{
	int16_t *t;

	if (cp > 0xFFFF)
		return c->m->advance(c->m->ctx, face, cp);
	if ((t = c->wcache[face]) == NULL) {
		t = c->wcache[face] = xmalloc(0x10000 * sizeof(int16_t));
		for (size_t i = 0; i < 0x10000; i++)
			t[i] = UNKNOWN;
	}
	if (t[cp] == UNKNOWN)
		t[cp] = (int16_t)c->m->advance(c->m->ctx, face, cp);
	return t[cp];
}

/*
 * The advance of cp at size 1000 in the face that will actually draw it;
 * *usedface receives that face (-1 when no font has the glyph).
 */
double
lo_advance(struct lo_ctx *c, int face, uint32_t cp, int *usedface)
{
	int sty = face % 4, w;
	int tries[3] = { face, LO_FACE(FAM_FALLBACK, sty), LO_FACE(FAM_CJK, 0) };

	for (int i = 0; i < 3; i++) {
		if ((w = cached(c, tries[i], cp)) >= 0) {
			*usedface = tries[i];
			return w;
		}
	}
	*usedface = -1;
	return cached(c, face, '?') < 0 ? 500 : cached(c, face, '?');
}

double
lo_text_width(struct lo_ctx *c, int face, double size, const char *s,
    size_t len)
{
	double	 w = 0;
	size_t	 i = 0, k;
	uint32_t cp;
	int	 used;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;
			cp = '?';
		}
		w += lo_advance(c, face, cp, &used);
		i += k;
	}
	return w * size / 1000.0;
}
