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

size_t
shaper_run(struct shaper *sh, const char *path, const char *s, size_t len,
    int rtl, const struct shaped_glyph **out)
{
	hb_glyph_info_t		*info;
	hb_glyph_position_t	*pos;
	unsigned		 n;
	double			 k;
	int			 fi;

	*out = NULL;
	if (len == 0 || len > (size_t)1 << 30 || (fi = font_for(sh, path)) < 0)
		return 0;
	hb_buffer_clear_contents(sh->buf);
	hb_buffer_add_utf8(sh->buf, s, (int)len, 0, (int)len);
	hb_buffer_set_direction(sh->buf, rtl ? HB_DIRECTION_RTL :
	    HB_DIRECTION_LTR);
	hb_buffer_set_language(sh->buf, sh->lang);
	hb_buffer_guess_segment_properties(sh->buf);
	/* Joiners and variation selectors have done their work once the
	 * run is shaped: drawn, even blank, a reader would take them for
	 * a space and widen the word's box. */
	hb_buffer_set_flags(sh->buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_shape(sh->f[fi].font, sh->buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(sh->buf, &n);
	pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (n > sh->cap) {
		sh->cap = n + 16;
		sh->g = xrealloc(sh->g, sh->cap * sizeof(*sh->g));
	}
	k = sh->f[fi].scale;
	for (unsigned i = 0; i < n; i++) {
		hb_font_t	*font = sh->f[fi].font;
		hb_position_t	 own = hb_font_get_glyph_h_advance(font,
				    info[i].codepoint);

		sh->g[i].gid = info[i].codepoint;
		sh->g[i].cluster = info[i].cluster;
		/* The glyph's own advance as the PDF's W array has it, a
		 * whole number of thousandths, cut down (libharu's widths),
		 * plus whatever the shaper added (kerning, mark zeroing):
		 * text needs a TJ number only where the font asks. */
		sh->g[i].adv = (double)((long)own * 1000 / sh->f[fi].upem) +
		    (pos[i].x_advance - own) * k;
		sh->g[i].dx = pos[i].x_offset * k;
		sh->g[i].dy = pos[i].y_offset * k;
	}
	*out = sh->g;
	return n;
}

unsigned
shaper_glyph(struct shaper *sh, const char *path, uint32_t cp)
{
	hb_codepoint_t	gid = 0;
	int		fi;

	if ((fi = font_for(sh, path)) < 0 ||
	    !hb_font_get_nominal_glyph(sh->f[fi].font, cp, &gid) ||
	    gid > 0xFFFF)
		return 0;
	return gid;
}
