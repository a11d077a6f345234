/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the fence around libharu (src/pdf/haru/) - fonts written
 * as glyph ids: the glyph-id encoder, the TrueType font's glyphs and
 * widths, the subset's glyphs (composite glyphs' components included,
 * those past glyph 32767 too), the CIDFont's /W and /CIDToGIDMap, the
 * ToUnicode stream, the subset's tag and its embedded file.  Components
 * are read independently with FreeType.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "check.h"
#include "pdf/haru/haru.h"

#define DEJAVU	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DROID	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define GIDS	"Adobe-Identity-UCS"

static int errors;

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)code;
	(void)detail;
	(void)data;
	errors++;
}

static HPDF_Doc
doc(void)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);

	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(pdf);
	return pdf;
}

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

/* The glyphs and widths libharu reads, against its own public width of
 * a character (through a UTF-8 font of the same file). */
static void
test_metrics(HPDF_Doc pdf, HPDF_FontDef def, const char *name)
{
	HPDF_Font f8 = HPDF_GetFont(pdf, name, "UTF-8");
	unsigned  ga = haru_ttf_glyph(def, 'A'), gw = haru_ttf_glyph(def, 'W');

	CHECK("haru ttf found by name", def != NULL &&
	    haru_ttf(pdf, "NoSuchFont") == NULL);
	CHECK("haru ttf glyph count", haru_ttf_glyphs(def) > 1000 &&
	    haru_ttf_glyphs(NULL) == 0);
	CHECK("haru ttf glyph of a character", ga > 0 && gw > 0 && ga != gw &&
	    haru_ttf_glyph(def, 0xE000) == 0);
	CHECK("haru ttf width is libharu's width of the character",
	    f8 != NULL && haru_ttf_width(def, ga) ==
	    HPDF_Font_GetUnicodeWidth(f8, 'A') && haru_ttf_width(def, gw) ==
	    HPDF_Font_GetUnicodeWidth(f8, 'W'));
}

static void
test_subset(HPDF_FontDef def)
{
	static uint8_t	used[0x10000 / 8];
	unsigned	g = haru_ttf_glyph(def, 0xC4);	/* A with diaeresis */
	int		comp[8], n = components(DEJAVU, g, comp, 8), all = 1;

	set(used, g);
	haru_ttf_subset(def, DEJAVU, used);
	for (int i = 0; i < n; i++)
		all &= haru_ttf_kept(def, (unsigned)comp[i]);
	CHECK("haru subset keeps the glyph drawn and notdef",
	    haru_ttf_kept(def, g) && haru_ttf_kept(def, 0));
	CHECK("haru subset keeps a composite glyph's components",
	    n >= 2 && all);
	CHECK("haru subset keeps nothing else",
	    !haru_ttf_kept(def, haru_ttf_glyph(def, 'B')));
}

/* Droid Sans Fallback's composites point past glyph 32767, which
 * libharu's own walk reads as negative numbers. */
static void
test_high_components(void)
{
	static uint8_t	used[0x10000 / 8];
	HPDF_Doc	pdf = doc();
	const char	*name;
	HPDF_FontDef	def;
	unsigned	g = high_composite(DROID);
	int		comp[8], n = components(DROID, g, comp, 8), all = 1;

	name = HPDF_LoadTTFontFromFile(pdf, DROID, HPDF_TRUE);
	def = name != NULL ? haru_ttf(pdf, name) : NULL;
	set(used, g);
	haru_ttf_subset(def, DROID, used);
	for (int i = 0; i < n; i++)
		all &= haru_ttf_kept(def, (unsigned)comp[i]);
	CHECK("haru subset keeps components past glyph 32767",
	    def != NULL && g > 0 && n > 0 && all);
	HPDF_Free(pdf);
}

static const char *
object_with(const char *s, size_t len, const char *what, char *o, size_t cap)
{
	size_t	wl = strlen(what), i, from, to;

	for (i = 0; i + wl <= len && memcmp(s + i, what, wl) != 0; i++)
		;
	if (i + wl > len)
		return NULL;
	for (from = i; from > 0 && memcmp(s + from, "obj\n", 4) != 0; from--)
		;
	for (to = i; to + 6 <= len && memcmp(s + to, "endobj", 6) != 0; to++)
		;
	if (to - from >= cap)
		return NULL;
	memcpy(o, s + from, to - from);
	o[to - from] = '\0';
	return o;
}

static void
test_font_objects(HPDF_Doc pdf, HPDF_FontDef def, HPDF_Font font)
{
	struct haru_dict  *cid = haru_font_cidfont(font);
	struct haru_dict  *tu = haru_font_tounicode(font);
	struct haru_array *w = haru_dict_get_array(cid, "W"), *run;
	unsigned	   ga = haru_ttf_glyph(def, 'A');
	unsigned char	  *b;
	size_t		   n;
	char		   want[64], o[4096];

	CHECK("haru font parts", cid != NULL && tu != NULL && w != NULL);
	CHECK("haru font identity map", haru_font_identity_map(font) == 0);
	haru_array_clear(w);
	run = haru_array_new(pdf, 0);
	haru_array_int(w, ga);
	haru_array_array(w, run);
	haru_array_int(run, haru_ttf_width(def, ga));
	haru_stream_clear(tu);
	haru_stream_write(tu, "% quire's CMap\n", 15);
	haru_ttf_set_tag(def, "QUIREA");
	CHECK("haru font file made now", haru_font_file(font) == NULL &&
	    haru_font_finish_now(font) == 0 && haru_font_file(font) != NULL &&
	    haru_font_finish_now(font) == 0);
	CHECK("haru font saved", haru_save(pdf, &b, &n) == 0);
	snprintf(want, sizeof(want), "/W [ %u [ %d ] ]\n", ga,
	    haru_ttf_width(def, ga));
	CHECK("haru font /W as set, /CIDToGIDMap /Identity",
	    object_with((char *)b, n, "/Subtype /CIDFontType2", o, sizeof(o)) &&
	    strstr(o, want) && strstr(o, "/CIDToGIDMap /Identity\n"));
	CHECK("haru font tag", object_with((char *)b, n, "/Subtype /Type0", o,
	    sizeof(o)) && strstr(o, "/BaseFont /QUIREA+DejaVuSans") &&
	    strstr(o, "/Encoding /Identity-H\n"));
	CHECK("haru font ToUnicode as written", object_with((char *)b, n,
	    "% quire's CMap", o, sizeof(o)) != NULL);
	CHECK("haru font descriptor with its file, made once",
	    object_with((char *)b, n, "/Type /FontDescriptor", o, sizeof(o)) &&
	    strstr(o, "/FontFile2 ") && strstr(strstr(o, "/FontFile2 ") + 1,
	    "/FontFile2 ") == NULL);
	free(b);
}

int
main(void)
{
	HPDF_Doc	 pdf = doc();
	const char	*name;
	HPDF_FontDef	 def;
	HPDF_Font	 font;

	CHECK("haru gid encoder registered", haru_gid_encoder(pdf, GIDS) == 0);
	name = HPDF_LoadTTFontFromFile(pdf, DEJAVU, HPDF_TRUE);
	def = name != NULL ? haru_ttf(pdf, name) : NULL;
	font = name != NULL ? HPDF_GetFont(pdf, name, GIDS) : NULL;
	CHECK("haru font with the gid encoder", font != NULL);
	CHECK("haru font parts of NULL", haru_font_cidfont(NULL) == NULL &&
	    haru_font_file(NULL) == NULL && haru_font_finish_now(NULL) == -1);
	test_metrics(pdf, def, name);
	test_subset(def);
	if (font != NULL)
		test_font_objects(pdf, def, font);
	CHECK("haru font no error", errors == 0);
	HPDF_Free(pdf);
	test_high_components();
	return check_failed;
}
