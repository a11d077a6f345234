/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fontcodes.c - text as the PDF's codes: glyph ids.
 *
 * Every font is drawn with /CIDToGIDMap /Identity (fontsave.c), so a
 * code is a glyph id.  Plain text maps each character to its glyph
 * through the font's cmap (cached); shaped text (shape.c) is already
 * glyphs.  Each glyph drawn is recorded for the subset, the widths, and
 * for the ToUnicode map with what it stands for, so that copying and
 * pdftotext give the characters back.
 */
#include <stdlib.h>
#include <string.h>

#include "haru/haru.h"
#include "util/buf.h"
#include "util/diag.h"
#include "fonts.h"
#include "fonts_int.h"
#include "shape.h"
#include "util/utf8.h"

/* A byte of a literal string: the delimiters, the escape and the line
 * ends (a reader would turn a bare CR into LF) take a backslash. */
static char *
lit(char *o, unsigned c)
{
	switch (c) {
	case '(': case ')': case '\\':
		*o++ = '\\';
		*o++ = (char)c;
		break;
	case '\r':
		*o++ = '\\';
		*o++ = 'r';
		break;
	case '\n':
		*o++ = '\\';
		*o++ = 'n';
		break;
	default:
		*o++ = (char)c;
	}
	return o;
}

unsigned
pdf_fonts_gid_cached(struct pdf_fonts *fs, struct face *f, uint32_t cp)
{
	uint16_t *c;

	if (cp > 0xFFFF)
		return pdf_fonts_gid(fs, f, cp);
	c = &f->g->gidof[cp];
	if (*c == 0)
		*c = (uint16_t)(pdf_fonts_gid(fs, f, cp) + 1);
	return *c - 1u;
}

/* Record that gid stands for one character.  Of several characters
 * drawn with one glyph (a space and a no-break space, say), the lowest
 * wins, whatever came first: the map does not depend on the order. */
static void
stands_for(struct glyphs *g, unsigned gid, uint32_t cp)
{
	uint32_t *u = &g->uni[gid];

	g->used[gid >> 3] |= (uint8_t)(1u << (gid & 7));
	if (*u == 0 || (*u & MULTI) || cp < *u)
		*u = cp;
}

/* ... or for several (a ligature, a conjunct): the first such text
 * seen, unless a single character is known. */
static void
stands_for_text(struct glyphs *g, unsigned gid, const char *s, size_t n)
{
	g->used[gid >> 3] |= (uint8_t)(1u << (gid & 7));
	/* A ToUnicode target is short: longer clusters keep their first
	 * characters (ActualText has them all). */
	if (n > 64) {
		n = 64;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (g->uni[gid] != 0 || n == 0 || g->multi.len >= MULTI)
		return;
	g->uni[gid] = MULTI | (uint32_t)g->multi.len;
	buf_put(&g->multi, s, n);
	buf_putc(&g->multi, '\0');
}

static char *
code(char *o, unsigned gid)
{
	o = lit(o, (gid >> 8) & 255);
	return lit(o, gid & 255);
}

void
pdf_fonts_codes(struct pdf_fonts *fs, int face, const char *s, size_t n,
    struct buf *out)
{
	struct face	*f = pdf_fonts_face(fs, face);
	size_t		 k;
	uint32_t	 cp;
	unsigned	 gid;
	char		*o;

	if (f == NULL)
		return;
	buf_grow(out, 4 * n);
	o = out->data + out->len;
	while (n > 0) {
		unsigned char b = (unsigned char)*s;

		/* ASCII whose glyph is known already (most of a listing):
		 * what utf8_decode and the cache would say, without the
		 * calls. */
		if (b < 0x80 && f->g->gidof[b] > 1) {
			gid = f->g->gidof[b] - 1u;
			cp = b;
			k = 1;
		} else {
			if ((k = utf8_decode(s, n, &cp)) == 0)
				k = 1, cp = '?';
			if ((gid = pdf_fonts_gid_cached(fs, f, cp)) == 0)
				gid = pdf_fonts_gid_cached(fs, f, cp = '?');
		}
		stands_for(f->g, gid, cp);
		o = code(o, gid);
		s += k;
		n -= k;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}

/* The glyphs [i, j) of one cluster, in drawing order, standing for the
 * characters s[0..n): one each when every glyph is the font's own glyph
 * for its character, in logical order (a letter and its marks);
 * otherwise the first glyph stands for them all (a ligature, a
 * conjunct, a vowel sign the shaper moved before its consonant, a mark
 * variant, which poppler would otherwise read as a line of its own). */
static void
cluster_stands_for(struct pdf_fonts *fs, struct face *f,
    const struct shaped_glyph *g, size_t i, size_t j, int rtl, const char *s,
    size_t n)
{
	size_t	 m = 0, k, at;
	uint32_t cp;
	int	 own = 1;

	for (at = 0; at < n; at += k, m++) {
		if ((k = utf8_decode(s + at, n - at, &cp)) == 0)
			return;
		if (m >= j - i || g[rtl ? j - 1 - m : i + m].gid !=
		    pdf_fonts_gid_cached(fs, f, cp))
			own = 0;
	}
	if (!own || m != j - i) {
		/* The rest are drawn (used) but stand for nothing. */
		stands_for_text(f->g, g[rtl ? j - 1 : i].gid, s, n);
		for (k = i; k < j; k++)
			stands_for_text(f->g, g[k].gid, "", 0);
		return;
	}
	for (at = 0, m = 0; at < n; at += k, m++) {
		k = utf8_decode(s + at, n - at, &cp);
		stands_for(f->g, g[rtl ? j - 1 - m : i + m].gid, cp);
	}
}

size_t
pdf_fonts_shape(struct pdf_fonts *fs, int face, const char *s, size_t len,
    int rtl, const struct shaped_glyph **out)
{
	struct face	*f = pdf_fonts_face(fs, face);
	const struct shaped_glyph *g;
	size_t		 n, i, j, lo, hi;

	if (f == NULL || f->ff == NULL ||
	    (n = shaper_run(fs->shaper, f->ff->key, s, len, rtl, out)) == 0)
		return 0;
	g = *out;
	for (i = 0; i < n; i++)
		if (g[i].gid > 0xFFFF)
			return 0;
	/* Clusters are monotonic (HarfBuzz's default): a cluster's glyphs
	 * are together, and its characters end where the next cluster in
	 * logical order starts. */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && g[j].cluster == g[i].cluster; j++)
			;
		lo = g[i].cluster;
		hi = rtl ? (i > 0 ? g[i - 1].cluster : len) :
		    (j < n ? g[j].cluster : len);
		if (hi > lo && hi <= len)
			cluster_stands_for(fs, f, g, i, j, rtl, s + lo,
			    hi - lo);
		else
			for (size_t k = i; k < j; k++)
				stands_for_text(f->g, g[k].gid, "", 0);
	}
	return n;
}

void
pdf_fonts_glyph(struct buf *out, unsigned gid)
{
	buf_grow(out, 4);
	out->len = (size_t)(code(out->data + out->len, gid) - out->data);
	out->data[out->len] = '\0';
}

int
pdf_fonts_glyph_width(struct pdf_fonts *fs, int face, unsigned gid)
{
	struct face *f = pdf_fonts_face(fs, face);

	return f == NULL ? 0 : fontfile_width(f->ff, gid);
}

double
pdf_fonts_shaped_width(void *ctx, int face, const char *s, size_t len,
    int rtl)
{
	struct pdf_fonts *fs = ctx;
	struct face	 *f;
	const struct shaped_glyph *g;
	size_t		  n;
	double		  w = 0;

	if (face < 0 || face >= LO_ALLFACES ||
	    (f = &fs->f[face])->ff == NULL ||
	    (n = shaper_run(fs->shaper, f->ff->key, s, len, rtl, &g)) == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (g[i].gid > 0xFFFF)		/* as pdf_fonts_shape */
			return -1;
		w += g[i].adv;
	}
	return w;
}
