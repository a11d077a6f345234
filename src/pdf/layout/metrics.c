/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metrics.c - text widths, with glyph fallback and a cache.
 *
 * The device answers "how wide is this code point in this face"; layout
 * asks that once per (face, code point) and keeps the answer.  A face
 * without the glyph falls back to the same style of the fallback family,
 * then to the CJK family, then to whatever installed font the device
 * finds for that one character (cover(), e.g. Noto Sans Devanagari); a
 * character no font has is measured (and later drawn) as '?' after one
 * warning.
 */
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "layout.h"
#include "metrics.h"
#include "segment.h"
#include "util/utf8.h"

#define UNKNOWN		(-2)

struct lo_widths {
	const struct lo_metrics	*m;
	int16_t			*bmp[LO_ALLFACES];	/* BMP widths */
	int8_t			*dyn[4];	/* BMP, per style: the cover()
						   face's index */
	struct astral {
		uint32_t	 cp;
		int		 sty, face;
	}			*astral;	/* the rest, as asked */
	size_t			 nastral, capastral;
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
	for (int i = 0; i < LO_ALLFACES; i++)
		free(cache->bmp[i]);
	for (int i = 0; i < 4; i++)
		free(cache->dyn[i]);
	free(cache->astral);
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

/* Characters beyond the Basic Multilingual Plane (emoji, historic
 * scripts): their cover() answers in a list, the last asked first (a
 * document has few of them, used again and again), each asked once. */
static int
astral_face(struct lo_widths *cache, uint32_t cp, int sty)
{
	struct astral	t;
	size_t		i;
	int		f;

	for (i = cache->nastral; i-- > 0;)
		if (cache->astral[i].cp == cp && cache->astral[i].sty == sty)
			return cache->astral[i].face;
	f = cache->m->cover(cache->m->ctx, cp, sty);
	if (f < LO_NFACES || f >= LO_ALLFACES)
		f = -1;
	if (cache->nastral == cache->capastral) {
		cache->capastral = cache->capastral ? 2 * cache->capastral : 64;
		cache->astral = xrealloc(cache->astral,
		    cache->capastral * sizeof(*cache->astral));
	}
	t.cp = cp;
	t.sty = sty;
	t.face = f;
	cache->astral[cache->nastral++] = t;
	return f;
}

/* The face the device found for a character no family has, in a style
 * (bold text asks for a bold face), or -1; each code point is asked
 * once per style. */
static int
dyn_face(struct lo_widths *cache, uint32_t cp, int sty)
{
	int8_t	*d;
	int	 f;

	if (cache->m->cover == NULL)
		return -1;
	if (cp > 0xFFFF)
		return astral_face(cache, cp, sty);
	if ((d = cache->dyn[sty]) == NULL) {
		d = cache->dyn[sty] = xmalloc(0x10000);
		memset(d, UNKNOWN, 0x10000);
	}
	if (d[cp] == UNKNOWN) {
		f = cache->m->cover(cache->m->ctx, cp, sty);
		d[cp] = (int8_t)(f >= LO_NFACES && f < LO_ALLFACES ?
		    f - LO_NFACES : -1);
	}
	return d[cp] < 0 ? -1 : LO_FACE_DYN(d[cp]);
}

/* lo_advance() past the face's cached widths: the fallback chain. */
static double
advance_chain(struct lo_widths *cache, int face, uint32_t cp, int *usedface)
{
	int sty = face % 4, w;
	int tries[4] = { face, LO_FACE(FAM_FALLBACK, sty),
	    LO_FACE(FAM_CJK, 0), -1 };

	for (int i = 0; i < 4; i++) {
		if (i == 3 && (tries[3] = dyn_face(cache, cp,
		    face < LO_NFACES ? sty : 0)) < 0)
			break;
		if ((w = cached(cache, tries[i], cp)) >= 0) {
			*usedface = tries[i];
			return w;
		}
	}
	*usedface = -1;
	return cached(cache, face, '?') < 0 ? 500 : cached(cache, face, '?');
}

double
lo_advance(struct lo_widths *cache, int face, uint32_t cp, int *usedface)
{
	int16_t *t;

	/* The face's own width, known already: most characters asked, so
	 * the chain is a function of its own and this one stays short. */
	if (cp <= 0xFFFF && (t = cache->bmp[face]) != NULL && t[cp] >= 0) {
		*usedface = face;
		return t[cp];
	}
	return advance_chain(cache, face, cp, usedface);
}

size_t
lo_face_run(struct lo_widths *cache, int face, const char *s, size_t len,
    int *usedface, uint32_t *cp)
{
	size_t	 i = 0, k;
	uint32_t c;
	int	 used;

	*usedface = -1;
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &c)) == 0)
			k = 1, c = '?';
		lo_advance(cache, face, c, &used);
		if (i == 0) {
			*usedface = used;
			*cp = c;
		} else if (used != *usedface)
			break;
		i += k;
		if (used < 0)
			break;
	}
	return i;
}

/* Glyph by glyph, with the font's advances. */
static double
plain_width(struct lo_widths *cache, int face, const char *s, size_t len)
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
	return w;
}

/* Runs that need shaping are measured shaped, segment by segment, as
 * the device draws them (segment.h). */
double
lo_text_width(struct lo_widths *cache, int face, double size, const char *s,
    size_t len)
{
	const struct lo_metrics *m = cache->m;
	enum lo_seg kind;
	double	 w = 0, sw;
	size_t	 i, k;

	if (m->shaped == NULL || !lo_needs_shaping(s, len))
		return plain_width(cache, face, s, len) * size / 1000.0;
	for (i = 0; i < len; i += k) {
		k = lo_segment(s + i, len - i, &kind);
		if (kind == SEG_PLAIN || (sw = m->shaped(m->ctx, face, s + i, k,
		    kind == SEG_RTL)) < 0)
			sw = plain_width(cache, face, s + i, k);
		w += sw;
	}
	return w * size / 1000.0;
}

double
lo_text_width_units(struct lo_widths *cache, int face, double size,
    const char *s, size_t len, double units)
{
	if (cache->m->shaped == NULL || !lo_needs_shaping(s, len))
		return units * size / 1000.0;
	return lo_text_width(cache, face, size, s, len);
}

/* Whether face has every character of s. */
static int
covers(struct lo_widths *cache, int face, const char *s, size_t len)
{
	size_t	 i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return 0;
		if (cached(cache, face, cp) < 0)
			return 0;
	}
	return 1;
}

int
lo_run_face(struct lo_widths *cache, int face, const char *s, size_t len)
{
	int	 tried[8], ntried = 0, used;
	size_t	 i, k;
	uint32_t cp;

	for (i = 0; i < len && ntried < 8; i += k) {
		int seen = 0;

		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return -1;
		lo_advance(cache, face, cp, &used);
		if (used < 0)
			return -1;
		for (int j = 0; j < ntried; j++)
			seen |= tried[j] == used;
		if (seen)
			continue;
		if (covers(cache, used, s, len))
			return used;
		tried[ntried++] = used;
	}
	return -1;
}
