/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harufont.c - fonts written as glyph ids (haru.h).
 *
 * libharu, in UTF-8 mode, writes a Type0 font whose codes are the
 * characters themselves, builds its widths and CIDToGIDMap for every
 * code, and makes the descriptor and the embedded subset while saving.
 * quire writes glyph ids instead (fonts.c, fontsave.c): the font gets
 * an encoder that maps almost nothing, and its CIDFont, ToUnicode
 * stream, subset flags and embedded file are reached here.
 */
#include <stdio.h>
#include <string.h>

#include "haruint.h"

/* libharu calls this on the encoder's first use (HPDF_GetFont).  One
 * code, the space, is mapped, since libharu refuses an encoder that
 * maps none; the registry and ordering make the font's /Encoding
 * /Identity-H, and the rest is what libharu's UTF-8 encoder has. */
static HPDF_STATUS
gid_encoder_init(HPDF_Encoder e)
{
	static const HPDF_CidRange_Rec space = { 0x0000, 0xFFFF, 0 };
	static const HPDF_CidRange_Rec cids[] = {
		{ 0x0020, 0x0020, 1 }, { 0xFFFF, 0xFFFF, 0 }
	};
	static const HPDF_UnicodeMap_Rec uni[] = {
		{ 0x0020, 0x0020 }, { 0xFFFF, 0xFFFF }
	};
	HPDF_CMapEncoderAttr a;
	HPDF_STATUS ret;

	if ((ret = HPDF_CMapEncoder_InitAttr(e)) != HPDF_OK)
		return ret;
	if (HPDF_CMapEncoder_AddCMap(e, cids) != HPDF_OK ||
	    HPDF_CMapEncoder_AddCodeSpaceRange(e, space) != HPDF_OK)
		return e->error->error_no;
	HPDF_CMapEncoder_SetUnicodeArray(e, uni);
	a = (HPDF_CMapEncoderAttr)e->attr;
	a->is_lead_byte_fn = NULL;
	a->is_trial_byte_fn = NULL;
	snprintf(a->registry, sizeof(a->registry), "Adobe");
	snprintf(a->ordering, sizeof(a->ordering), "Identity-H");
	a->suppliment = 0;
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

int
haru_gid_encoder(HPDF_Doc pdf, const char *name)
{
	HPDF_Encoder e;

	if (pdf == NULL || name == NULL || (e = HPDF_CMapEncoder_New(pdf->mmgr,
	    (char *)name, gid_encoder_init)) == NULL)
		return -1;
	return haru_rc(HPDF_Doc_RegisterEncoder(pdf, e));
}

/* A TrueType font definition's own part, NULL for anything else. */
static HPDF_TTFontDefAttr
tt(HPDF_FontDef def)
{
	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return NULL;
	return (HPDF_TTFontDefAttr)def->attr;
}

HPDF_FontDef
haru_ttf(HPDF_Doc pdf, const char *name)
{
	if (pdf == NULL || name == NULL)
		return NULL;
	return HPDF_Doc_FindFontDef(pdf, name);
}

unsigned
haru_ttf_glyphs(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = tt(def);

	return a != NULL ? a->num_glyphs : 0;
}

unsigned
haru_ttf_glyph(HPDF_FontDef def, uint16_t cp)
{
	return tt(def) != NULL ? HPDF_TTFontDef_GetGlyphid(def, cp) : 0;
}

int
haru_ttf_width(HPDF_FontDef def, unsigned gid)
{
	if (tt(def) == NULL)
		return 0;
	return HPDF_TTFontDef_GetGidWidth(def, (HPDF_UINT16)gid);
}

void
haru_ttf_set_tag(HPDF_FontDef def, const char *tag)
{
	char t[HPDF_TTF_FONT_TAG_LEN + 1];

	if (tt(def) == NULL || tag == NULL ||
	    strlen(tag) != HPDF_TTF_FONT_TAG_LEN)
		return;
	memcpy(t, tag, sizeof(t));
	HPDF_TTFontDef_SetTagName(def, t);
}

static int
rd16(FILE *fp, unsigned *v)
{
	int a = getc(fp), b = getc(fp);

	if (a == EOF || b == EOF)
		return -1;
	*v = (unsigned)a << 8 | (unsigned)b;
	return 0;
}

/* The components of the composite glyph at the file's current offset
 * (its header's contour count read already) that are not flagged yet,
 * flagged now; whether there were any. */
static int
flag_parts(FILE *fp, HPDF_TTFontDefAttr a)
{
	unsigned	flags, comp, more;
	int		changed = 0;

	do {
		if (rd16(fp, &flags) != 0 || rd16(fp, &comp) != 0)
			break;
		more = flags & 32;
		/* The arguments, then the scale, by the flags. */
		fseek(fp, (flags & 1) ? 4 : 2, SEEK_CUR);
		if (flags & 8)
			fseek(fp, 2, SEEK_CUR);
		else if (flags & 64)
			fseek(fp, 4, SEEK_CUR);
		else if (flags & 128)
			fseek(fp, 8, SEEK_CUR);
		if (comp < a->num_glyphs && a->glyph_tbl.flgs[comp] == 0) {
			a->glyph_tbl.flgs[comp] = 1;
			changed = 1;
		}
	} while (more);
	return changed;
}

/*
 * libharu flags the components of a composite glyph it keeps, but reads
 * their ids as signed 16-bit numbers, so components past glyph 32767
 * (common in CJK fonts such as Droid Sans Fallback) are left out and
 * the character draws blank.  Flag them from the glyf table of the file,
 * until no composite adds anything new.  A glyph is marked 2 once its
 * components are flagged, and back to 1 at the end, which is what
 * libharu's subsetting looks for.
 */
static void
flag_components(HPDF_TTFontDefAttr a, const char *path)
{
	FILE	*fp;
	int	 changed = 1;

	if (path == NULL || (fp = fopen(path, "rb")) == NULL)
		return;
	while (changed) {
		changed = 0;
		for (unsigned gid = 0; gid < a->num_glyphs; gid++) {
			unsigned long	off = a->glyph_tbl.offsets[gid];
			unsigned	nc;

			if (a->glyph_tbl.flgs[gid] != 1)
				continue;
			a->glyph_tbl.flgs[gid] = 2;
			if (a->header.index_to_loc_format == 0)
				off *= 2;
			off += a->glyph_tbl.base_offset;
			/* A composite has -1 contours; then the bounding box. */
			if (fseek(fp, (long)off, SEEK_SET) != 0 ||
			    rd16(fp, &nc) != 0 || nc != 0xFFFF ||
			    fseek(fp, 8, SEEK_CUR) != 0)
				continue;
			if (flag_parts(fp, a))
				changed = 1;
		}
	}
	for (unsigned gid = 0; gid < a->num_glyphs; gid++)
		if (a->glyph_tbl.flgs[gid])
			a->glyph_tbl.flgs[gid] = 1;
	fclose(fp);
}

void
haru_ttf_subset(HPDF_FontDef def, const char *path, const uint8_t *used)
{
	HPDF_TTFontDefAttr a = tt(def);

	if (a == NULL || a->glyph_tbl.flgs == NULL || used == NULL)
		return;
	/* A font must keep its notdef glyph. */
	a->glyph_tbl.flgs[0] = 1;
	for (unsigned gid = 0; gid < a->num_glyphs; gid++)
		if (used[gid >> 3] & (1u << (gid & 7)))
			a->glyph_tbl.flgs[gid] = 1;
	flag_components(a, path);
}

int
haru_ttf_kept(HPDF_FontDef def, unsigned gid)
{
	HPDF_TTFontDefAttr a = tt(def);

	return a != NULL && a->glyph_tbl.flgs != NULL &&
	    gid < a->num_glyphs && a->glyph_tbl.flgs[gid] != 0;
}

/* A Type0 font's own part (libharu's other fonts have other parts). */
static HPDF_FontAttr
type0(HPDF_Font font)
{
	HPDF_FontAttr a;

	if (font == NULL || (a = (HPDF_FontAttr)font->attr) == NULL ||
	    a->type != HPDF_FONT_TYPE0_TT)
		return NULL;
	return a;
}

struct haru_dict *
haru_font_cidfont(HPDF_Font font)
{
	HPDF_FontAttr a = type0(font);

	return a != NULL ? haru_d(a->descendant_font) : NULL;
}

struct haru_dict *
haru_font_tounicode(HPDF_Font font)
{
	HPDF_FontAttr a = type0(font);

	/* The CMap libharu made is the ToUnicode stream only with an
	 * Identity-H encoding; otherwise it is the /Encoding. */
	if (a == NULL || a->cmap_stream == NULL ||
	    haru_D(haru_dict_get_dict(haru_d(font), "ToUnicode")) !=
	    a->cmap_stream)
		return NULL;
	return haru_d(a->cmap_stream);
}

int
haru_font_identity_map(HPDF_Font font)
{
	HPDF_FontAttr a = type0(font);

	if (a == NULL || a->descendant_font == NULL ||
	    HPDF_Dict_AddName(a->descendant_font, "CIDToGIDMap",
	    "Identity") != HPDF_OK)
		return -1;
	if (a->map_stream != NULL && a->map_stream->stream != NULL)
		HPDF_MemStream_FreeData(a->map_stream->stream);
	return 0;
}

/* libharu makes the descriptor and the subset in the font's
 * before-write hook (CIDFontType2_BeforeWrite_Func), once per font
 * definition; run it now and never again. */
int
haru_font_finish_now(HPDF_Font font)
{
	if (type0(font) == NULL)
		return -1;
	if (font->before_write_fn != NULL) {
		if (font->before_write_fn(font) != HPDF_OK)
			return -1;
		font->before_write_fn = NULL;
	}
	return 0;
}

struct haru_dict *
haru_font_file(HPDF_Font font)
{
	HPDF_FontAttr a = type0(font);

	if (a == NULL || a->fontdef == NULL || a->fontdef->descriptor == NULL)
		return NULL;
	return haru_dict_get_dict(haru_d(a->fontdef->descriptor), "FontFile2");
}

HPDF_Font
haru_font_of(struct haru_dict *d)
{
	/* HPDF_Font is a dictionary to libharu; only its page resource
	 * naming (HPDF_Page_GetLocalFontName) sees fonts made this way,
	 * and it looks at nothing but the object itself. */
	return (HPDF_Font)haru_D(d);
}

int
haru_pdf_version(HPDF_Doc pdf, int minor)
{
	if (pdf == NULL || minor < 2 || minor > 7)
		return -1;
	if ((int)pdf->pdf_version < minor - 2)
		pdf->pdf_version = (HPDF_PDFVer)(minor - 2);
	return 0;
}
