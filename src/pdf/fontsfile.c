/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fontsfile.c - one face of a font file, read with HarfBuzz.
 *
 * libharu reads only TrueType outlines in a .ttf; HarfBuzz reads every
 * OpenType flavour and collections, and its subsetter (subset.c) writes
 * what the PDF embeds, so the layout's measures, the shaper's glyphs and
 * the embedded font all come from one reading of the file.  A face is
 * chosen in a collection by index or by name (its full, PostScript or
 * family name).  CFF2 outlines (variable OpenType) are refused: no PDF
 * reader draws them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hb.h>
#include <hb-ot.h>

#include "haru/haru.h"
#include "util/diag.h"
#include "fonts_int.h"

static int
has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t	*b = hb_face_reference_table(face, tag);
	int		 has = hb_blob_get_length(b) > 0;

	hb_blob_destroy(b);
	return has;
}

/* Whether face is the one named: its full, PostScript, family or
 * typographic family name, in any case. */
static int
named(hb_face_t *face, const char *name)
{
	static const hb_ot_name_id_t ids[] = {
		HB_OT_NAME_ID_FULL_NAME, HB_OT_NAME_ID_POSTSCRIPT_NAME,
		HB_OT_NAME_ID_FONT_FAMILY, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY
	};
	char		 s[256];

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		unsigned n = sizeof(s);

		if (hb_ot_name_get_utf8(face, ids[i], HB_LANGUAGE_INVALID, &n,
		    s) > 0 && strcasecmp(s, name) == 0)
			return 1;
	}
	return 0;
}

/* The face of blob asked for (by name when facename is given), or NULL
 * with why. */
static hb_face_t *
pick_face(hb_blob_t *blob, const char *facename, unsigned *index,
    char *why, size_t whylen)
{
	unsigned	 n = hb_face_count(blob);
	hb_face_t	*face;

	if (n == 0) {
		snprintf(why, whylen, "not a font file (.ttf, .otf, .ttc or "
		    ".otc)");
		return NULL;
	}
	if (facename != NULL) {
		for (unsigned i = 0; i < n; i++) {
			face = hb_face_create(blob, i);
			if (named(face, facename)) {
				*index = i;
				return face;
			}
			hb_face_destroy(face);
		}
		snprintf(why, whylen, "no face named \"%s\" among its %u",
		    facename, n);
		return NULL;
	}
	if (*index >= n) {
		snprintf(why, whylen, "no face %u: it has %u (0 to %u)",
		    *index, n, n - 1);
		return NULL;
	}
	return hb_face_create(blob, *index);
}

/* The PostScript name, kept to the characters a PDF name may hold
 * without escapes. */
static void
ps_name(hb_face_t *face, char *out, size_t len)
{
	char		 s[128];
	unsigned	 n = sizeof(s);
	size_t		 k = 0;

	if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &n, s) == 0)
		s[0] = '\0';
	for (const char *p = s; *p && k + 1 < len; p++)
		if (*p > 0x20 && *p < 0x7F && !strchr("()<>[]{}/%#", *p))
			out[k++] = *p;
	if (k == 0)
		k = (size_t)snprintf(out, len, "Font");
	out[k] = '\0';
}

static int
outlines(struct fontfile *ff, char *why, size_t whylen)
{
	if (has_table(ff->face, HB_TAG('g', 'l', 'y', 'f')))
		ff->cff = 0;
	else if (has_table(ff->face, HB_TAG('C', 'F', 'F', ' ')))
		ff->cff = 1;
	else if (has_table(ff->face, HB_TAG('C', 'F', 'F', '2'))) {
		snprintf(why, whylen, "its outlines are CFF2 (a variable "
		    "OpenType font), which PDF cannot embed; use a static "
		    "instance of it");
		return -1;
	} else {
		snprintf(why, whylen, "it has no outlines a PDF can embed "
		    "(TrueType or CFF)");
		return -1;
	}
	return 0;
}

struct fontfile *
fontfile_open(const char *path, const char *facename, unsigned index,
    char *why, size_t whylen)
{
	struct fontfile	*ff;
	hb_blob_t	*blob;
	hb_face_t	*face;
	FILE		*fp;
	char		 key[32];

	/* HarfBuzz says only that it failed: ask the system why. */
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	fclose(fp);
	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		snprintf(why, whylen, "it cannot be read");
		return NULL;
	}
	face = pick_face(blob, facename, &index, why, whylen);
	hb_blob_destroy(blob);
	if (face == NULL)
		return NULL;
	ff = xcalloc(1, sizeof(*ff));
	ff->face = face;
	ff->index = index;
	ff->upem = hb_face_get_upem(face);
	ff->nglyphs = hb_face_get_glyph_count(face);
	if (ff->nglyphs == 0 || ff->upem == 0) {
		snprintf(why, whylen, "not a font file (.ttf, .otf, .ttc or "
		    ".otc)");
		fontfile_free(ff);
		return NULL;
	}
	if (outlines(ff, why, whylen) != 0) {
		fontfile_free(ff);
		return NULL;
	}
	ff->path = xstrdup(path);
	snprintf(key, sizeof(key), "#%u", index);
	ff->key = xmalloc(strlen(path) + strlen(key) + 1);
	strcpy(ff->key, path);
	if (index != 0)
		strcat(ff->key, key);
	ff->font = hb_font_create(face);
	hb_font_set_scale(ff->font, (int)ff->upem, (int)ff->upem);
	ps_name(face, ff->psname, sizeof(ff->psname));
	return ff;
}

void
fontfile_free(struct fontfile *ff)
{
	if (ff == NULL)
		return;
	if (ff->font != NULL)
		hb_font_destroy(ff->font);
	hb_face_destroy(ff->face);
	free(ff->path);
	free(ff->key);
	free(ff);
}

unsigned
fontfile_glyph(const struct fontfile *ff, uint32_t cp)
{
	hb_codepoint_t gid = 0;

	if (!hb_font_get_nominal_glyph(ff->font, cp, &gid) ||
	    gid >= ff->nglyphs || gid > 0xFFFF)
		return 0;
	return gid;
}

int
fontfile_width(const struct fontfile *ff, unsigned gid)
{
	long adv = hb_font_get_glyph_h_advance(ff->font, gid);

	return (int)(adv * 1000 / (long)ff->upem);
}

int
fontfile_variable(const struct fontfile *ff)
{
	return hb_ot_var_has_data(ff->face);
}

/* A big-endian 16-bit number of a table, 0 past its end. */
static int
be16(hb_blob_t *b, unsigned off)
{
	unsigned	 n;
	const char	*d = hb_blob_get_data(b, &n);

	if (d == NULL || off + 2 > n)
		return 0;
	return (int16_t)((unsigned char)d[off] << 8 | (unsigned char)d[off + 1]);
}

static int
thousandths(const struct fontfile *ff, long v)
{
	return (int)(v * 1000 / (long)ff->upem);
}

void
fontfile_metrics(const struct fontfile *ff, struct fontfile_metrics *m)
{
	hb_blob_t	*head = hb_face_reference_table(ff->face,
			    HB_TAG('h', 'e', 'a', 'd'));
	hb_blob_t	*post = hb_face_reference_table(ff->face,
			    HB_TAG('p', 'o', 's', 't'));
	hb_position_t	 v;

	/* head: xMin, yMin, xMax, yMax at 36; post: isFixedPitch, a
	 * 32-bit number at 12. */
	for (int i = 0; i < 4; i++)
		m->bbox[i] = thousandths(ff, be16(head, 36 + 2 * (unsigned)i));
	m->fixed_pitch = be16(post, 12) != 0 || be16(post, 14) != 0;
	hb_blob_destroy(head);
	hb_blob_destroy(post);
	hb_ot_metrics_get_position_with_fallback(ff->font,
	    HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v);
	m->ascent = thousandths(ff, v);
	hb_ot_metrics_get_position_with_fallback(ff->font,
	    HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v);
	m->descent = thousandths(ff, v);
	hb_ot_metrics_get_position_with_fallback(ff->font,
	    HB_OT_METRICS_TAG_CAP_HEIGHT, &v);
	m->capheight = thousandths(ff, v);
	m->italic_angle = hb_style_get_value(ff->font,
	    HB_STYLE_TAG_SLANT_ANGLE);
}
