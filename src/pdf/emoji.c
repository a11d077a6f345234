/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/emoji.c - colour emoji: which text is an emoji sequence, and the
 * picture the colour emoji font has for it.
 *
 * Noto Color Emoji (fonts-noto-color-emoji) holds no outlines but a PNG
 * per glyph (its CBDT table), which a PDF cannot use as a font.  Its
 * glyphs are drawn as images instead: HarfBuzz shapes the sequence in
 * the font, so that a family joined with ZWJ, a skin tone, a flag's
 * two regional indicators or a keycap become the one glyph the font
 * made for them, and reads that glyph's PNG out of the font.  The
 * layout sets the picture as a box of the word (inlineemoji.c), and
 * image.c embeds each glyph's picture once.
 *
 * Without a colour font nothing here finds an emoji, and the
 * monochrome fonts (Symbola) draw them as before.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>
#include <unicode/uchar.h>

#include "util/utf8.h"
#include "layout/layout.h"
#include "emoji.h"
#include "fonts.h"

/* The longest sequence looked at: a family of four with skin tones is
 * under 60 bytes. */
#define MAX_SEQ		96

#define VS16		0xFE0Fu
#define KEYCAP		0x20E3u
#define ZWJ		0x200Du

static struct {
	pthread_once_t	 once;
	hb_font_t	*font;		/* NULL: no colour emoji font */
	double		 upem;
} emoji = { PTHREAD_ONCE_INIT, NULL, 0 };

/* Once per process, on the first emoji met. */
static void
emoji_open(void)
{
	unsigned	 index = 0;
	char		*path = pdf_fonts_colour_emoji(&index);
	hb_blob_t	*blob;
	hb_face_t	*face;

	if (path == NULL)
		return;
	blob = hb_blob_create_from_file(path);
	free(path);
	face = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	/* Pictures only (CBDT): a COLR or SVG colour font is not drawn
	 * here. */
	if (hb_ot_color_has_png(face)) {
		emoji.font = hb_font_create(face);
		hb_font_make_immutable(emoji.font);
		emoji.upem = hb_face_get_upem(face);
	}
	hb_face_destroy(face);
}

static hb_font_t *
emoji_font(void)
{
	pthread_once(&emoji.once, emoji_open);
	return emoji.font;
}

/* Whether the character at s, cp, begins an emoji shown in colour: one
 * shown so by default, or one asking for it with VS16 (U+FE0F) or a
 * keycap after it; text-style characters (U+2714 heavy check mark) stay
 * text, as browsers show them. */
static int
starts_emoji(const char *s, size_t len, size_t k, uint32_t cp)
{
	uint32_t next = 0;

	if (u_hasBinaryProperty((UChar32)cp, UCHAR_EMOJI_PRESENTATION))
		return 1;
	if (!u_hasBinaryProperty((UChar32)cp, UCHAR_EMOJI) || k >= len ||
	    utf8_decode(s + k, len - k, &next) == 0)
		return 0;
	return next == VS16 || next == KEYCAP;
}

/* The extent of the sequence at s's start: what its first glyph's
 * cluster covers once shaped (HarfBuzz keeps a grapheme together, and
 * the font's ligatures join a sequence into one glyph).  Sets *gid to
 * that glyph when it is the cluster's only one and has a picture. */
static size_t
shape_first(hb_font_t *font, const char *s, size_t len, unsigned *gid,
    double *adv)
{
	hb_buffer_t		*buf = hb_buffer_create();
	hb_glyph_info_t		*gi;
	hb_glyph_position_t	*gp;
	unsigned		 n, i, ng = 0;
	size_t			 end = len;

	hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, HB_SCRIPT_COMMON);
	hb_buffer_set_cluster_level(buf,
	    HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_shape(font, buf, NULL, 0);
	gi = hb_buffer_get_glyph_infos(buf, &n);
	gp = hb_buffer_get_glyph_positions(buf, NULL);
	*gid = 0;
	for (i = 0; i < n; i++) {
		if (gi[i].cluster > 0) {
			end = gi[i].cluster;
			break;
		}
		ng++;
		*gid = gi[i].codepoint;
		*adv = gp[i].x_advance;
	}
	if (ng != 1)
		*gid = 0;
	hb_buffer_destroy(buf);
	return end;
}

/* How far s runs before a space or a character that cannot be in an
 * emoji sequence's middle, at most MAX_SEQ bytes: what is shaped. */
static size_t
seq_span(const char *s, size_t len)
{
	size_t	 i = 0, k;
	uint32_t cp;

	while (i < len && i < MAX_SEQ) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 ||
		    cp < 0x80)
			break;
		i += k;
	}
	return i > 0 ? i : len < MAX_SEQ ? len : MAX_SEQ;
}

size_t
pdf_emoji_find(const char *s, size_t len, struct lo_emoji *e)
{
	hb_font_t		*font;
	hb_glyph_extents_t	 ext;
	size_t			 k, span, end;
	uint32_t		 cp;
	unsigned		 gid;
	double			 adv = 0;

	if (len == 0 || (k = utf8_decode(s, len, &cp)) == 0 ||
	    !starts_emoji(s, len, k, cp) || (font = emoji_font()) == NULL)
		return 0;
	/* A keycap's digit is ASCII: its sequence is the digit, VS16 and
	 * the keycap sign. */
	span = cp < 0x80 ? k + seq_span(s + k, len - k) : seq_span(s, len);
	end = shape_first(font, s, span, &gid, &adv);
	if (gid == 0 && end > k) {
		/* A sequence the font has no one glyph for (newer than
		 * the font): its first emoji alone, VS16 with it, then
		 * the rest as pictures of their own. */
		size_t	 v = k;
		uint32_t next;

		if (v < span && utf8_decode(s + v, span - v, &next) == 3 &&
		    next == VS16)
			v += 3;
		end = shape_first(font, s, v, &gid, &adv);
	}
	if (gid == 0 || !hb_font_get_glyph_extents(font, gid, &ext) ||
	    ext.width <= 0 || ext.height >= 0)
		return 0;
	/* A joiner left after a glyph (a sequence the font did not join)
	 * is shown by the pictures on either side of it. */
	if (end < len && utf8_decode(s + end, len - end, &cp) != 0 &&
	    cp == ZWJ)
		end += 3;
	e->gid = gid;
	e->adv = adv / emoji.upem;
	e->top = ext.y_bearing / emoji.upem;
	e->bottom = (ext.y_bearing + ext.height) / emoji.upem;
	return end;
}

FILE *
pdf_emoji_png(unsigned gid)
{
	hb_font_t	*font = emoji_font();
	hb_blob_t	*png;
	unsigned	 n;
	const char	*data;
	FILE		*fp;

	if (font == NULL)
		return NULL;
	/* The font's bytes stay mapped for the process: the blob's data
	 * outlives the stream read from it. */
	png = hb_ot_color_glyph_reference_png(font, gid);
	data = hb_blob_get_data(png, &n);
	fp = n > 0 ? fmemopen((void *)data, n, "rb") : NULL;
	hb_blob_destroy(png);
	return fp;
}

double
pdf_emoji_baseline(unsigned gid)
{
	hb_font_t		*font = emoji_font();
	hb_glyph_extents_t	 ext;

	if (font == NULL || !hb_font_get_glyph_extents(font, gid, &ext) ||
	    ext.height >= 0)
		return 0.8;
	return ext.y_bearing / (double)-ext.height;
}
