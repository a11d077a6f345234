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
#include "layout.h"
#include "metrics.h"
#include "utf8.h"

#define UNKNOWN		(-2)

struct lo_widths {
	const struct lo_metrics	*m;
	int16_t			*bmp[LO_NFACES];	/* BMP widths */
};

struct lo_widths *
widths_new(const struct lo_metrics *m)
{
	struct lo_widths *cache = xcalloc(1, sizeof(*cache));

	cache->m = m;
	return cache;
}

void
widths_free(struct lo_widths *cache)
{
	if (cache == NULL)
		return;
	for (int i = 0; i < LO_NFACES; i++)
		free(cache->bmp[i]);
	free(cache);
}

static int
cached(struct lo_widths *cache, int face, uint32_t cp)
{
	int16_t *t;

	if (cp > 0xFFFF)
		return cache->m->advance(cache->m->ctx, face, cp);
	if ((t = cache->bmp[face]) == NULL) {
		t = cache->bmp[face] = xmalloc(0x10000 * sizeof(int16_t));
		for (size_t i = 0; i < 0x10000; i++)
			t[i] = UNKNOWN;
	}
	if (t[cp] == UNKNOWN)
		t[cp] = (int16_t)cache->m->advance(cache->m->ctx, face, cp);
	return t[cp];
}

double
lo_advance(struct lo_widths *cache, int face, uint32_t cp, int *usedface)
{
	int sty = face % 4, w;
	int tries[3] = { face, LO_FACE(FAM_FALLBACK, sty),
	    LO_FACE(FAM_CJK, 0) };

	for (int i = 0; i < 3; i++) {
		if ((w = cached(cache, tries[i], cp)) >= 0) {
			*usedface = tries[i];
			return w;
		}
	}
	*usedface = -1;
	return cached(cache, face, '?') < 0 ? 500 : cached(cache, face, '?');
}

double
lo_text_width(struct lo_widths *cache, int face, double size, const char *s,
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
		w += lo_advance(cache, face, cp, &used);
		i += k;
	}
	return w * size / 1000.0;
}
