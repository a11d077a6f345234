/*
 * pdf/fonts.c - fonts for the PDF device.
 *
 * Families come from the style (pdf.fonts.serif, .sans, .mono, .fallback,
 * .cjk) and are resolved to files by fontconfig.  libharu only loads
 * TrueType outlines, so a match in another format (CFF/OpenType, a TTC)
 * is replaced by the DejaVu face of the same role, with a warning.
 *
 * libharu 2.3.0, in UTF-8 mode, writes a Type0 font whose codes are the
 * Unicode values themselves (CIDToGIDMap does the glyph mapping), but its
 * ToUnicode stream is a copy of the encoding CMap ("begincidrange"),
 * which is not a valid ToUnicode CMap: poppler warns and some viewers
 * paste garbage.  We record every code point drawn with each font and,
 * just before saving, rewrite that stream in place as a bfchar map from
 * each code to itself.
 *
 * A character none of the style's families has is looked up among all
 * installed fonts (pdf_fonts_cover): the first TrueType file in
 * fontconfig's sort order whose charset has it becomes one of LO_NDYN
 * extra faces, and later characters try the faces already found first,
 * so a script is set in one font.  The choice depends only on the
 * document and on the installed fonts (FcFontSort's order is
 * deterministic for one font configuration), so the output stays
 * byte-reproducible on one machine.  These characters are drawn one
 * glyph per code point, unshaped: no conjuncts (Devanagari), no joining
 * (Arabic), no mark positioning.  That needs HarfBuzz and text drawn by
 * glyph id, which libharu's UTF-8 fonts cannot do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <hpdf.h>

#include "buf.h"
#include "diag.h"
#include "layout/layout.h"
#include "fonts.h"
#include "style.h"
#include "utf8.h"

struct face {
	int		 tried;
	const char	*name;		/* libharu font name, NULL if none */
	const char	*path;		/* its file */
	HPDF_FontDef	 def;
	HPDF_Font	 font;
	uint8_t		*used;		/* bitmap of BMP code points drawn */
	int		 owner;		/* used is ours, not a shared face's */
};

/* Files loaded: one per face, and some found by pdf_fonts_cover that
 * turned out not to have the character after all. */
#define NPATHS		(LO_ALLFACES + 8)
/* Files libharu refused, not to be tried again. */
#define NREJECT		16

struct pdf_fonts {
	HPDF_Doc		 pdf;
	const struct style	*st;
	struct face		 f[LO_ALLFACES];
	char			*paths[NPATHS];		/* loaded files */
	const char		*pnames[NPATHS];
	int			 npaths;
	char			*reject[NREJECT];
	int			 nreject;
	int			 ndyn;		/* faces found by cover */
	int			 full_warned;
	int			 fc_ok;
};

/* The layout's families are the style's font roles, in the same order. */
_Static_assert((int)FAM_SERIF == (int)STYLE_SERIF &&
    (int)FAM_CJK == (int)STYLE_CJK && (int)LO_NFAMILIES == (int)STYLE_NFONTS,
    "layout families and style font roles differ");

struct pdf_fonts *
pdf_fonts_new(HPDF_Doc pdf, const struct style *st)
{
	struct pdf_fonts *fs = xcalloc(1, sizeof(*fs));

	fs->pdf = pdf;
	fs->st = st;
	fs->fc_ok = FcInit();
	return fs;
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < LO_ALLFACES; i++)
		if (fs->f[i].owner)
			free(fs->f[i].used);
	for (int i = 0; i < fs->npaths; i++)
		free(fs->paths[i]);
	for (int i = 0; i < fs->nreject; i++)
		free(fs->reject[i]);
	if (fs->fc_ok)
		FcFini();
	free(fs);
}

/* A font's file if libharu can load it: TrueType outlines (glyf) in a
 * .ttf, not CFF-based OpenType and not the faces of a collection. */
static const FcChar8 *
truetype_file(FcPattern *m)
{
	FcChar8	*file = NULL, *fmt = NULL;
	int	 idx = 0;
	size_t	 n;

	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch ||
	    FcPatternGetString(m, FC_FONTFORMAT, 0, &fmt) != FcResultMatch ||
	    strcmp((const char *)fmt, "TrueType") != 0 ||
	    (FcPatternGetInteger(m, FC_INDEX, 0, &idx) == FcResultMatch &&
	    idx != 0))
		return NULL;
	n = strlen((const char *)file);
	if (n <= 4 || strcasecmp((const char *)file + n - 4, ".ttf") != 0)
		return NULL;
	return file;
}

/* The file fontconfig picks for family + style, if it is TrueType. */
static char *
lookup(const char *family, int sty, int *exact)
{
	FcPattern	*pat, *m;
	FcResult	 res;
	const FcChar8	*file;
	FcChar8		*fam = NULL;
	char		*r = NULL;

	*exact = 0;
	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, (sty & LO_BOLD) ?
	    FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, (sty & LO_ITALIC) ?
	    FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	if (m == NULL)
		return NULL;
	if ((file = truetype_file(m)) != NULL)
		r = xstrdup((const char *)file);
	if (FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
	    strcasecmp((const char *)fam, family) == 0)
		*exact = 1;
	FcPatternDestroy(m);
	return r;
}

/*
 * Load a font file (once; path is taken over).  libharu's error handler
 * is silenced meanwhile: a font it cannot parse is a warning, or for a
 * font found by cover() just a candidate skipped, and must not fail the
 * whole document, which the handler would.
 */
static const char *
load_file(struct pdf_fonts *fs, char *path, const char **keep, int quiet)
{
	const char	  *name;
	HPDF_Error_Handler handler;

	for (int i = 0; i < fs->npaths; i++)
		if (strcmp(fs->paths[i], path) == 0) {
			free(path);
			*keep = fs->paths[i];
			return fs->pnames[i];
		}
	if (fs->npaths == NPATHS) {
		free(path);
		return NULL;
	}
	handler = fs->pdf->error.error_fn;
	fs->pdf->error.error_fn = NULL;
	name = HPDF_LoadTTFontFromFile(fs->pdf, path, HPDF_TRUE);
	fs->pdf->error.error_fn = handler;
	if (name == NULL) {
		if (!quiet)
			diag_warn(path, 0, "libharu cannot load this font");
		HPDF_ResetError(fs->pdf);
		if (fs->nreject < NREJECT)
			fs->reject[fs->nreject++] = path;
		else
			free(path);
		return NULL;
	}
	if (diag_verbose)
		diag_note("font %s: %s", name, path);
	fs->paths[fs->npaths] = path;
	fs->pnames[fs->npaths++] = name;
	*keep = path;
	return name;
}

static struct face *
face_load(struct pdf_fonts *fs, int face)
{
	struct face	*f = &fs->f[face];
	int		 fam = face / 4, sty = face % 4, exact;
	const char	*family;
	char		*path;

	if (f->tried || face >= LO_NFACES)	/* found faces: by cover() */
		return f->name ? f : NULL;
	f->tried = 1;
	if (!fs->fc_ok)
		return NULL;
	family = fs->st->pdf.font[fam];
	path = lookup(family, sty, &exact);
	if (fam == FAM_CJK && (!exact || path == NULL)) {
		/* No CJK font installed: that is fine, just no fallback. */
		free(path);
		return NULL;
	}
	if (path == NULL || !exact) {
		if (path == NULL || fam != FAM_FALLBACK)
			diag_warn(NULL, 0, "font \"%s\" is %s; using \"%s\"",
			    family, path ? "not installed" :
			    "not TrueType (libharu needs .ttf)", style_default_font((enum style_font)fam));
		free(path);
		path = lookup(style_default_font((enum style_font)fam), sty, &exact);
	}
	if (path == NULL)
		return NULL;
	if ((f->name = load_file(fs, path, &f->path, 0)) == NULL)
		return NULL;
	f->def = HPDF_Doc_FindFontDef(fs->pdf, f->name);
	return f->def ? f : NULL;
}

int
pdf_fonts_advance(void *ctx, int face, uint32_t cp)
{
	struct pdf_fonts *fs = ctx;
	struct face	 *f;
	HPDF_UINT16	  gid;

	if (face < 0 || face >= LO_ALLFACES || cp > 0xFFFF || cp < 0x20)
		return -1;
	if ((f = face_load(fs, face)) == NULL)
		return -1;
	gid = HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp);
	if (gid == 0)
		return -1;
	return HPDF_TTFontDef_GetGidWidth(f->def, gid);
}

static int
has_glyph(const struct face *f, uint32_t cp)
{
	return f->def != NULL &&
	    HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0;
}

/* One of FcFontSort's fonts for cp: the face it becomes, or -1 when it
 * lacks cp, is not TrueType, or libharu refuses it. */
static int
candidate(struct pdf_fonts *fs, FcPattern *m, uint32_t cp)
{
	FcCharSet	*cs;
	const FcChar8	*file;
	struct face	*f = &fs->f[LO_FACE_DYN(fs->ndyn)];

	if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch ||
	    !FcCharSetHasChar(cs, cp) || (file = truetype_file(m)) == NULL)
		return -1;
	for (int i = 0; i < fs->nreject; i++)
		if (strcmp(fs->reject[i], (const char *)file) == 0)
			return -1;
	f->name = load_file(fs, xstrdup((const char *)file), &f->path, 1);
	if (f->name == NULL)
		return -1;
	f->def = HPDF_Doc_FindFontDef(fs->pdf, f->name);
	f->tried = 1;
	if (!has_glyph(f, cp)) {
		/* fontconfig and libharu read the cmap differently (libharu
		 * knows only format 4); keep the file loaded but unused. */
		memset(f, 0, sizeof(*f));
		return -1;
	}
	if (diag_verbose)
		diag_note("font for U+%04X: %s", (unsigned)cp, f->path);
	return LO_FACE_DYN(fs->ndyn++);
}

int
pdf_fonts_cover(void *ctx, uint32_t cp)
{
	struct pdf_fonts *fs = ctx;
	FcPattern	 *pat;
	FcCharSet	 *cs;
	FcFontSet	 *set;
	FcResult	  res;
	int		  face = -1;

	if (!fs->fc_ok || cp < 0x20 || cp > 0xFFFF)
		return -1;
	/* A font already found for this script first: one font per script,
	 * and fewer fonts embedded. */
	for (int i = 0; i < fs->ndyn; i++)
		if (has_glyph(&fs->f[LO_FACE_DYN(i)], cp))
			return LO_FACE_DYN(i);
	if (fs->ndyn == LO_NDYN) {
		if (!fs->full_warned++)
			diag_warn(NULL, 0, "more than %d fallback fonts "
			    "needed; the rest of the characters are '?'",
			    LO_NDYN);
		return -1;
	}
	pat = FcPatternCreate();
	cs = FcCharSetCreate();
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcCharSetDestroy(cs);
	FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	/* Untrimmed: trimming drops a font that adds nothing to the fonts
	 * before it, which can be the only TrueType one with cp.  Coverage
	 * ranks above family in the sort, so fonts with cp come first. */
	set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
	FcPatternDestroy(pat);
	for (int i = 0; set != NULL && i < set->nfont && face < 0; i++)
		face = candidate(fs, set->fonts[i], cp);
	if (set != NULL)
		FcFontSetDestroy(set);
	return face;
}

HPDF_Font
pdf_fonts_get(struct pdf_fonts *fs, int face)
{
	struct face *f;

	if (face < 0 || face >= LO_ALLFACES || (f = face_load(fs, face)) == NULL)
		return NULL;
	if (f->font == NULL) {
		/* Faces sharing a file share the font object. */
		for (int i = 0; i < LO_ALLFACES; i++)
			if (i != face && fs->f[i].font != NULL &&
			    fs->f[i].name == f->name) {
				f->font = fs->f[i].font;
				f->used = fs->f[i].used;
				return f->font;
			}
		f->font = HPDF_GetFont(fs->pdf, f->name, "UTF-8");
		f->used = xcalloc(0x10000 / 8, 1);
		f->owner = 1;
	}
	return f->font;
}

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

void
pdf_fonts_codes(struct pdf_fonts *fs, int face, const char *s, size_t n,
    struct buf *out)
{
	struct face	 *f = &fs->f[face];
	size_t		  k;
	uint32_t	  cp;
	char		 *o;

	buf_grow(out, 4 * n);
	o = out->data + out->len;
	while (n > 0) {
		if ((k = utf8_decode(s, n, &cp)) == 0)
			k = 1, cp = '?';
		if (cp > 0xFFFF)
			cp = '?';
		if (f->used != NULL)
			f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		o = lit(o, cp >> 8);
		o = lit(o, cp & 255);
		s += k;
		n -= k;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}

static void
write_cmap(struct buf *b, const uint8_t *used)
{
	size_t	n = 0, cp, inblock = 0;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (cp = 0; cp < 0x10000; cp++)
		if (used[cp >> 3] & (1u << (cp & 7)))
			n++;
	for (cp = 0; cp < 0x10000; cp++) {
		if (!(used[cp >> 3] & (1u << (cp & 7))))
			continue;
		if (inblock == 0)
			buf_printf(b, "%zu beginbfchar\n", n < 100 ? n : 100);
		buf_printf(b, "<%04zX> <%04zX>\n", cp, cp);
		n--;
		if (++inblock == 100) {
			buf_puts(b, "endbfchar\n");
			inblock = 0;
		}
	}
	if (inblock)
		buf_puts(b, "endbfchar\n");
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
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

/*
 * libharu subsets by flagging the glyphs it draws, and for a composite
 * glyph it flags the components too, but reads their ids as signed 16-bit
 * numbers, so components past glyph 32767 (common in CJK fonts such as
 * Droid Sans Fallback) are left out and the character draws blank.  Flag
 * them ourselves, reading the glyf table from the font file, until no
 * composite adds anything new.
 */
static void
flag_components(struct face *f)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)f->def->attr;
	FILE		  *fp;
	int		   changed = 1;

	if (a == NULL || a->glyph_tbl.flgs == NULL || f->path == NULL ||
	    (fp = fopen(f->path, "rb")) == NULL)
		return;
	while (changed) {
		changed = 0;
		for (unsigned gid = 0; gid < a->num_glyphs; gid++) {
			unsigned long off = a->glyph_tbl.offsets[gid];
			unsigned      nc, flags, comp, more;

			if (a->glyph_tbl.flgs[gid] != 1)
				continue;
			a->glyph_tbl.flgs[gid] = 2;	/* seen */
			if (a->header.index_to_loc_format == 0)
				off *= 2;
			off += a->glyph_tbl.base_offset;
			if (fseek(fp, (long)off, SEEK_SET) != 0 ||
			    rd16(fp, &nc) != 0 || nc != 0xFFFF ||
			    fseek(fp, 8, SEEK_CUR) != 0)
				continue;
			do {
				if (rd16(fp, &flags) != 0 || rd16(fp, &comp) != 0)
					break;
				more = flags & 32;
				fseek(fp, (flags & 1) ? 4 : 2, SEEK_CUR);
				if (flags & 8)
					fseek(fp, 2, SEEK_CUR);
				else if (flags & 64)
					fseek(fp, 4, SEEK_CUR);
				else if (flags & 128)
					fseek(fp, 8, SEEK_CUR);
				if (comp < a->num_glyphs &&
				    a->glyph_tbl.flgs[comp] == 0) {
					a->glyph_tbl.flgs[comp] = 1;
					changed = 1;
				}
			} while (more);
		}
	}
	for (unsigned gid = 0; gid < a->num_glyphs; gid++)
		if (a->glyph_tbl.flgs[gid])
			a->glyph_tbl.flgs[gid] = 1;
	fclose(fp);
}

/*
 * Text is written into the content streams directly (device.c), so
 * libharu never measured it and has flagged no glyph for the subset:
 * flag each code drawn.  GetCharWidth does that, and also flags the
 * components of a composite glyph (below 32768, see flag_components).
 */
static void
flag_glyphs(struct face *f)
{
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (f->used[cp >> 3] & (1u << (cp & 7)))
			(void)HPDF_TTFontDef_GetCharWidth(f->def,
			    (HPDF_UINT16)cp);
}

/*
 * libharu's W array lists the width of every code in the font whose
 * width differs from the default, whatever was drawn: some 60 kB of
 * uncompressed text per DejaVu font.  Rewrite it for the codes used.
 */
static int
trim_widths(struct face *f, HPDF_FontAttr attr)
{
	HPDF_Array w, run = NULL;
	long	   prev = -2;

	if (attr->descendant_font == NULL ||
	    (w = HPDF_Dict_GetItem(attr->descendant_font, "W",
	    HPDF_OCLASS_ARRAY)) == NULL)
		return 0;
	HPDF_Array_Clear(w);
	for (long cp = 0; cp < 0x10000; cp++) {
		HPDF_UINT16 gid;

		if (!(f->used[cp >> 3] & (1u << (cp & 7))))
			continue;
		gid = HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp);
		if (cp != prev + 1 || run == NULL) {
			if ((run = HPDF_Array_New(w->mmgr)) == NULL ||
			    HPDF_Array_AddNumber(w, (HPDF_INT32)cp) != HPDF_OK ||
			    HPDF_Array_Add(w, run) != HPDF_OK)
				return -1;
		}
		if (HPDF_Array_AddNumber(run,
		    HPDF_TTFontDef_GetGidWidth(f->def, gid)) != HPDF_OK)
			return -1;
		prev = cp;
	}
	return 0;
}

int
pdf_fonts_fix_tounicode(struct pdf_fonts *fs)
{
	for (int i = 0; i < LO_ALLFACES; i++) {
		struct face	*f = &fs->f[i];
		HPDF_FontAttr	 attr;
		HPDF_Dict	 cmap;
		struct buf	 b;
		int		 dup = 0;

		if (f->font == NULL)
			continue;
		for (int j = 0; j < i; j++)
			if (fs->f[j].font == f->font)
				dup = 1;
		if (dup)
			continue;
		flag_glyphs(f);
		flag_components(f);
		attr = (HPDF_FontAttr)f->font->attr;
		if (attr == NULL || trim_widths(f, attr) != 0)
			return -1;
		if ((cmap = attr->cmap_stream) == NULL || cmap->stream == NULL)
			continue;
		buf_init(&b);
		write_cmap(&b, f->used);
		HPDF_MemStream_FreeData(cmap->stream);
		if (HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data,
		    (HPDF_UINT)b.len) != HPDF_OK) {
			buf_free(&b);
			return -1;
		}
		buf_free(&b);
	}
	return 0;
}
