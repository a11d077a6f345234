/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the PDF's font files (src/pdf/fontsfile.c) and their
 * subsets (src/pdf/subset.c): faces of .ttf, .otf (CFF) and .ttc files,
 * by index and by name; why a file cannot be used; glyphs and widths
 * against FreeType's own reading; a subset that keeps the glyphs drawn
 * at their glyph ids with the components of composite glyphs (those
 * past glyph 32767 too, which libharu's subsetter lost) and nothing
 * else; a CID-keyed CFF's CIDs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "check.h"
#include "pdf/haru/haru.h"
#include "pdf/fonts_int.h"
#include "pdf/subset.h"
#include "util/buf.h"

#define DEJAVU	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DROID	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define TERMES	"/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf"
#define CJK	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

/* The components of glyph gid of the font at path, by FreeType, into
 * comp (up to max); how many. */
static int
components(const char *path, unsigned gid, int *comp, int max)
{
	FT_Library	lib;
	FT_Face		face;
	int		n = 0;

	if (FT_Init_FreeType(&lib) != 0)
		return 0;
	if (FT_New_Face(lib, path, 0, &face) == 0) {
		if (FT_Load_Glyph(face, gid, FT_LOAD_NO_RECURSE |
		    FT_LOAD_NO_SCALE) == 0 &&
		    face->glyph->format == FT_GLYPH_FORMAT_COMPOSITE)
			for (FT_UInt k = 0; k < face->glyph->num_subglyphs &&
			    n < max; k++) {
				FT_Int	  idx, a1, a2;
				FT_UInt	  fl;
				FT_Matrix m;

				if (FT_Get_SubGlyph_Info(face->glyph, k, &idx,
				    &fl, &a1, &a2, &m) == 0)
					comp[n++] = idx;
			}
		FT_Done_Face(face);
	}
	FT_Done_FreeType(lib);
	return n;
}

/* The first composite glyph of the font at path with a component past
 * 32767, or 0. */
static unsigned
high_composite(const char *path)
{
	FT_Library	lib;
	FT_Face		face;
	unsigned	found = 0;

	if (FT_Init_FreeType(&lib) != 0)
		return 0;
	if (FT_New_Face(lib, path, 0, &face) == 0) {
		for (long g = 1; g < face->num_glyphs && !found; g++) {
			if (FT_Load_Glyph(face, (FT_UInt)g, FT_LOAD_NO_RECURSE |
			    FT_LOAD_NO_SCALE) != 0 ||
			    face->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
				continue;
			for (FT_UInt k = 0; k < face->glyph->num_subglyphs;
			    k++) {
				FT_Int	  idx, a1, a2;
				FT_UInt	  fl;
				FT_Matrix m;

				if (FT_Get_SubGlyph_Info(face->glyph, k, &idx,
				    &fl, &a1, &a2, &m) == 0 && idx > 32767)
					found = (unsigned)g;
			}
		}
		FT_Done_Face(face);
	}
	FT_Done_FreeType(lib);
	return found;
}

static void
set(uint8_t *used, unsigned gid)
{
	used[gid >> 3] |= (uint8_t)(1u << (gid & 7));
}


/* Whether glyph gid of the font in bytes (a subset) has an outline,
 * read with FreeType. */
static int
drawn(const struct buf *b, unsigned gid)
{
	FT_Library	lib;
	FT_Face		face;
	int		yes = 0;

	if (FT_Init_FreeType(&lib) != 0)
		return 0;
	if (FT_New_Memory_Face(lib, (const FT_Byte *)b->data, (FT_Long)b->len,
	    0, &face) == 0) {
		yes = FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE) == 0 &&
		    face->glyph->outline.n_points > 0;
		FT_Done_Face(face);
	}
	FT_Done_FreeType(lib);
	return yes;
}

/* FreeType's advance of a glyph, in thousandths of an em. */
static int
ft_width(const char *path, unsigned gid)
{
	FT_Library	lib;
	FT_Face		face;
	int		w = -1;

	if (FT_Init_FreeType(&lib) != 0)
		return -1;
	if (FT_New_Face(lib, path, 0, &face) == 0) {
		if (FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE) == 0)
			w = (int)(face->glyph->metrics.horiAdvance * 1000 /
			    face->units_per_EM);
		FT_Done_Face(face);
	}
	FT_Done_FreeType(lib);
	return w;
}

static void
test_open(void)
{
	char		 why[160], junk[] = "/tmp/quire-junk-XXXXXX";
	struct fontfile	*ff;
	int		 fd = mkstemp(junk);

	CHECK("fontfile: a missing file, and why", fontfile_open(
	    "/nonexistent/x.otf", NULL, 0, why, sizeof(why)) == NULL &&
	    strcmp(why, strerror(ENOENT)) == 0);
	if (fd >= 0) {
		(void)!write(fd, "not a font\n", 11);
		close(fd);
	}
	CHECK("fontfile: not a font, and why", fd >= 0 && fontfile_open(
	    junk, NULL, 0, why, sizeof(why)) == NULL &&
	    strstr(why, "not a font file") != NULL);
	if (fd >= 0)
		unlink(junk);
	CHECK("fontfile: no such face", fontfile_open(DEJAVU, NULL, 3, why,
	    sizeof(why)) == NULL && strcmp(why, "no face 3: it has 1 (0 to 0)")
	    == 0);
	CHECK("fontfile: no face of that name", fontfile_open(CJK,
	    "Nonesuch", 0, why, sizeof(why)) == NULL &&
	    strstr(why, "no face named \"Nonesuch\"") != NULL);
	ff = fontfile_open(DEJAVU, NULL, 0, why, sizeof(why));
	CHECK("fontfile: TrueType", ff != NULL && !ff->cff &&
	    strcmp(ff->psname, "DejaVuSans") == 0 &&
	    strcmp(ff->key, DEJAVU) == 0 && !fontfile_variable(ff));
	fontfile_free(ff);
	ff = fontfile_open(TERMES, NULL, 0, why, sizeof(why));
	CHECK("fontfile: CFF in an .otf", ff != NULL && ff->cff &&
	    strcmp(ff->psname, "TeXGyreTermes-Regular") == 0);
	fontfile_free(ff);
	ff = fontfile_open(CJK, "Noto Sans CJK KR", 0, why, sizeof(why));
	CHECK("fontfile: a collection's face by name", ff != NULL &&
	    ff->cff && ff->index > 0 &&
	    strcmp(ff->psname, "NotoSansCJKkr-Regular") == 0 &&
	    strchr(ff->key, '#') != NULL);
	fontfile_free(ff);
}

static void
test_metrics(void)
{
	char		 why[160];
	struct fontfile	*ff = fontfile_open(DEJAVU, NULL, 0, why, sizeof(why));
	unsigned	 ga, gw;

	if (ff == NULL) {
		CHECK("fontfile: DejaVu Sans", 0);
		return;
	}
	ga = fontfile_glyph(ff, 'A');
	gw = fontfile_glyph(ff, 'W');
	CHECK("fontfile: glyphs of characters", ga > 0 && gw > 0 && ga != gw &&
	    fontfile_glyph(ff, 0xE000) == 0 && ff->nglyphs > 1000);
	CHECK("fontfile: widths are FreeType's advances",
	    fontfile_width(ff, ga) == ft_width(DEJAVU, ga) &&
	    fontfile_width(ff, gw) == ft_width(DEJAVU, gw) &&
	    fontfile_width(ff, ga) > 500);
	fontfile_free(ff);
}

static void
test_subset(void)
{
	static uint8_t	 used[0x10000 / 8];
	char		 why[160];
	struct fontfile	*ff = fontfile_open(DEJAVU, NULL, 0, why, sizeof(why));
	unsigned	 g, b;
	int		 comp[8], n, all = 1, rc;
	struct buf	 out;

	if (ff == NULL) {
		CHECK("subset: DejaVu Sans", 0);
		return;
	}
	g = fontfile_glyph(ff, 0xC4);	/* A with diaeresis: a composite */
	b = fontfile_glyph(ff, 'B');
	n = components(DEJAVU, g, comp, 8);
	set(used, g);
	buf_init(&out);
	rc = subset_font(ff->face, used, 0, &out);
	for (int i = 0; i < n; i++)
		all &= drawn(&out, (unsigned)comp[i]);
	CHECK("subset: the glyph drawn, at its glyph id", rc == 0 &&
	    drawn(&out, g));
	CHECK("subset: a composite glyph's components", n >= 2 && all);
	CHECK("subset: nothing else", !drawn(&out, b));
	buf_free(&out);
	fontfile_free(ff);
}

/* Droid Sans Fallback's composites point past glyph 32767. */
static void
test_high_components(void)
{
	static uint8_t	 used[0x10000 / 8];
	char		 why[160];
	struct fontfile	*ff = fontfile_open(DROID, NULL, 0, why, sizeof(why));
	unsigned	 g = high_composite(DROID);
	int		 comp[8], n = components(DROID, g, comp, 8), all = 1;
	struct buf	 out;

	buf_init(&out);
	set(used, g);
	if (ff != NULL && subset_font(ff->face, used, 0, &out) == 0)
		for (int i = 0; i < n; i++)
			all &= drawn(&out, (unsigned)comp[i]);
	CHECK("subset: components past glyph 32767", ff != NULL && g > 0 &&
	    n > 0 && out.len > 0 && all);
	buf_free(&out);
	fontfile_free(ff);
}

/* Noto Sans CJK's CFF is CID-keyed, its CIDs its glyph ids; TeX Gyre's
 * is not CID-keyed. */
static void
test_cids(void)
{
	static uint8_t	 used[0x10000 / 8];
	static uint16_t	 cid[0x10000];
	char		 why[160];
	struct fontfile	*ff = fontfile_open(CJK, NULL, 0, why, sizeof(why));
	unsigned	 g = ff != NULL ? fontfile_glyph(ff, 0x732B) : 0;
	struct buf	 out;

	set(used, g);
	CHECK("subset: a CID-keyed CFF's CIDs", g > 0 &&
	    subset_cids(CJK, 0, used, cid) == 1 && cid[g] == g);
	CHECK("subset: a CFF that is not CID-keyed",
	    subset_cids(TERMES, 0, used, cid) == 0);
	buf_init(&out);
	CHECK("subset: a CID-keyed CFF is its bare CFF table, renumbered",
	    ff != NULL && subset_font(ff->face, used, 1, &out) == 0 &&
	    out.len > 4 && out.len < 200000 && out.data[0] == 1);
	buf_free(&out);
	fontfile_free(ff);
}

int
main(void)
{
	test_open();
	test_metrics();
	test_subset();
	test_high_components();
	test_cids();
	return check_failed;
}
