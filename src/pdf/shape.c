/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/shape.c - text shaping with HarfBuzz.
 *
 * Scripts such as Arabic, Devanagari, Bengali or Thai are not drawn one
 * glyph per character: letters join or change form with their
 * neighbours, conjuncts replace consonant clusters, marks sit on their
 * base.  HarfBuzz reads those rules from the font's OpenType tables and
 * returns the glyphs to draw and where.  One HarfBuzz font per file,
 * made on first use; positions are asked in font units (scale = units
 * per em) and returned in thousandths of an em, the unit of the PDF's
 * text space.  A glyph's own advance is returned as the PDF's width
 * array gives it, so layout measures what the device draws.
 */
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "util/diag.h"
#include "util/utf8.h"
#include "shape.h"

#define NFONTS	48

struct shaper {
	hb_buffer_t		*buf;
	hb_language_t		 lang;
	struct {
		const char	*path;
		hb_font_t	*font;		/* NULL: cannot be read */
		double		 scale;		/* 1000 / units per em */
		long		 upem;
	}			 f[NFONTS];
	int			 nf;
	struct shaped_glyph	*g;
	size_t			 cap;
};

struct shaper *
shaper_new(const char *lang)
{
	struct shaper *sh = xcalloc(1, sizeof(*sh));

	sh->buf = hb_buffer_create();
	/* Never the locale's language: the output must not depend on the
	 * machine's settings. */
	sh->lang = hb_language_from_string(lang != NULL && *lang ? lang :
	    "und", -1);
	return sh;
}

void
shaper_free(struct shaper *sh)
{
	if (sh == NULL)
		return;
	for (int i = 0; i < sh->nf; i++)
		if (sh->f[i].font != NULL)
			hb_font_destroy(sh->f[i].font);
	hb_buffer_destroy(sh->buf);
	free(sh->g);
	free(sh);
}

static int
font_for(struct shaper *sh, const char *path)
{
	hb_blob_t	*blob;
	hb_face_t	*face;
	unsigned	 upem;
	int		 i;

	for (i = 0; i < sh->nf; i++)
		if (sh->f[i].path == path)
			return sh->f[i].font != NULL ? i : -1;
	if (sh->nf == NFONTS)
		return -1;
	sh->f[i].path = path;
	sh->nf++;
	blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL)
		return -1;
	face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	upem = hb_face_get_upem(face);
	if (upem == 0) {
		hb_face_destroy(face);
		return -1;
	}
	sh->f[i].font = hb_font_create(face);
	hb_face_destroy(face);
	hb_font_set_scale(sh->f[i].font, (int)upem, (int)upem);
	sh->f[i].scale = 1000.0 / upem;
	sh->f[i].upem = (long)upem;
	return i;
}

/*
 * HarfBuzz attaches each combining mark by looking back over the marks
 * before it for their base, so one letter carrying n marks costs it n
 * squared.  Unicode's stream-safe form allows 30 marks in a row; a run
 * longer than MARKS_MAX is shaped in pieces of at most MARKS_MAX marks
 * (the later ones drawn over the letter without the font's stacking,
 * which no reader could follow anyway), so the cost stays linear.
 */
#define MARKS_MAX	32

/* Whether the character at s is a combining mark. */
static int
is_mark(const char *s, size_t len)
{
	uint32_t cp;

	if (utf8_decode(s, len, &cp) == 0)
		return 0;
	switch (hb_unicode_general_category(hb_unicode_funcs_get_default(),
	    cp)) {
	case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
		return 1;
	default:
		return 0;
	}
}

/* Where the piece of s that starts at `from` ends: before the mark that
 * would make the run of marks too long, or at len. */
static size_t
piece_end(const char *s, size_t len, size_t from)
{
	size_t i = from, n, marks = 0;
	uint32_t cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1;
		if (!is_mark(s + i, len - i))
			marks = 0;
		else if (++marks > MARKS_MAX && i > from)
			return i;
		i += n;
	}
	return len;
}

/* Shape s[from..to) (the rest of s its context) and append its glyphs
 * to sh->g[*n..]; their clusters count from the start of s. */
static void
shape_piece(struct shaper *sh, int fi, const char *s, size_t len,
    size_t from, size_t to, int rtl, size_t *n)
{
	hb_glyph_info_t		*info;
	hb_glyph_position_t	*pos;
	hb_font_t		*font = sh->f[fi].font;
	unsigned		 got;
	double			 k = sh->f[fi].scale;
	int			 loose = from > 0 && is_mark(s + from,
				    len - from);

	hb_buffer_clear_contents(sh->buf);
	hb_buffer_add_utf8(sh->buf, s, (int)len, (unsigned)from,
	    (int)(to - from));
	hb_buffer_set_direction(sh->buf, rtl ? HB_DIRECTION_RTL :
	    HB_DIRECTION_LTR);
	hb_buffer_set_language(sh->buf, sh->lang);
	hb_buffer_guess_segment_properties(sh->buf);
	/* Joiners and variation selectors have done their work once the
	 * run is shaped: drawn, even blank, a reader would take them for
	 * a space and widen the word's box. */
	hb_buffer_set_flags(sh->buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_shape(font, sh->buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(sh->buf, &got);
	pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (*n + got > sh->cap) {
		sh->cap = 2 * (*n + got) + 16;
		sh->g = xrealloc(sh->g, sh->cap * sizeof(*sh->g));
	}
	for (unsigned i = 0; i < got; i++) {
		struct shaped_glyph *g = &sh->g[(*n)++];
		hb_position_t own = hb_font_get_glyph_h_advance(font,
		    info[i].codepoint);

		g->gid = info[i].codepoint;
		g->cluster = info[i].cluster;
		/* The glyph's own advance as the PDF's W array has it, a
		 * whole number of thousandths, cut down (libharu's widths),
		 * plus whatever the shaper added (kerning, mark zeroing):
		 * text needs a TJ number only where the font asks. */
		g->adv = (double)((long)own * 1000 / sh->f[fi].upem) +
		    (pos[i].x_advance - own) * k;
		/* A piece that starts part-way through a letter's marks has
		 * no base to stack them on: they are drawn where the letter
		 * is, rather than in a tower over the lines above. */
		g->dx = loose ? 0 : pos[i].x_offset * k;
		g->dy = loose ? 0 : pos[i].y_offset * k;
	}
}

/* Reverse sh->g[a..b), a piece's glyphs as a whole. */
static void
reverse(struct shaped_glyph *g, size_t a, size_t b)
{
	while (b > a + 1) {
		struct shaped_glyph t = g[a];

		g[a++] = g[--b];
		g[b] = t;
	}
}

size_t
shaper_run(struct shaper *sh, const char *path, const char *s, size_t len,
    int rtl, const struct shaped_glyph **out)
{
	size_t from, to, n = 0, first, pieces = 0;
	int fi;

	*out = NULL;
	if (len == 0 || len > (size_t)1 << 30 || (fi = font_for(sh, path)) < 0)
		return 0;
	for (from = 0; from < len; from = to, pieces++) {
		to = piece_end(s, len, from);
		first = n;
		shape_piece(sh, fi, s, len, from, to, rtl, &n);
		if (rtl)
			reverse(sh->g, first, n);
	}
	/* Right to left, each piece's glyphs come in visual order, and the
	 * pieces must too: each was reversed, now the whole is. */
	if (rtl)
		reverse(sh->g, 0, n);
	*out = sh->g;
	return n;
}

void
shaper_add(struct shaper *sh, const char *key, hb_face_t *face)
{
	unsigned upem = hb_face_get_upem(face);

	for (int i = 0; i < sh->nf; i++)
		if (sh->f[i].path == key)
			return;
	if (sh->nf == NFONTS || upem == 0)
		return;
	sh->f[sh->nf].path = key;
	sh->f[sh->nf].font = hb_font_create(face);
	hb_font_set_scale(sh->f[sh->nf].font, (int)upem, (int)upem);
	sh->f[sh->nf].scale = 1000.0 / upem;
	sh->f[sh->nf].upem = (long)upem;
	sh->nf++;
}
