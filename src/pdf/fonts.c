/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fonts.c - fonts for the PDF device.
 *
 * Families come from the style (pdf.fonts.serif, .sans, .mono, .fallback,
 * .cjk) and are resolved to files by fontconfig.  libharu only loads
 * TrueType outlines, so a match in another format (CFF/OpenType, a TTC)
 * is replaced by the DejaVu face of the same role, with a warning.
 *
 * libharu 2.3.0, in UTF-8 mode, writes a Type0 font whose codes are the
 * Unicode values themselves, but shaped text (shape.c) is a sequence of
 * glyphs, not characters.  So the text is written with glyph ids as
 * codes (device.c), and just before saving, each font used gets
 * /CIDToGIDMap /Identity, a W array by glyph id and a ToUnicode CMap
 * from each glyph drawn to the characters it stands for (libharu's own
 * was a copy of the encoding CMap, not a valid ToUnicode map at all).
 *
 * A character none of the style's families has is looked up among all
 * installed fonts (pdf_fonts_cover): the first TrueType file in
 * fontconfig's sort order whose charset has it becomes one of LO_NDYN
 * extra faces, and later characters try the faces already found first,
 * so a script is set in one font.  The choice depends only on the
 * document and on the installed fonts (FcFontSort's order is
 * deterministic for one font configuration), so the output stays
 * byte-reproducible on one machine.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

#include "haru/haru.h"
#include "util/buf.h"
#include "util/diag.h"
#include "layout/layout.h"
#include "fonts.h"
#include "fonts_int.h"
#include "shape.h"
#include "model/style.h"
#include "util/utf8.h"

/* The layout's families are the style's font roles, in the same order. */
_Static_assert((int)FAM_SERIF == (int)STYLE_SERIF &&
    (int)FAM_CJK == (int)STYLE_CJK && (int)LO_NFAMILIES == (int)STYLE_NFONTS,
    "layout families and style font roles differ");

/*
 * fontconfig is started once per process and shut down only at exit:
 * FcFini tears down process-wide state that another PDF being made at
 * the same time (--each -j N) would still be using.  At exit every
 * thread has been joined, and shutting it down keeps valgrind's leak
 * check quiet.
 */
static pthread_once_t	fc_once = PTHREAD_ONCE_INIT;
static int		fc_ok;
/* fontconfig's matching takes turns: its lazily made internal locks and
 * caches are published in ways ThreadSanitizer cannot follow, and the
 * calls are few (one per face, one per character no face has). */
static pthread_mutex_t	fc_lock = PTHREAD_MUTEX_INITIALIZER;
static void
fc_stop(void)
{
	FcFini();
}

static void
fc_start(void)
{
	if ((fc_ok = FcInit()) != 0)
		atexit(fc_stop);
}

/*
 * The encoder the fonts are made with (haru_gid_encoder).  Text is
 * written as glyph ids and fontsave.c replaces the font's widths,
 * CIDToGIDMap and ToUnicode, so the encoder's code map is never used;
 * but libharu builds a font's widths and map from it, for every one of
 * the UTF-8 encoder's 65536 codes: a cmap search, a width and a number
 * object each, some 5 ms per font.  This one maps a single code.  Its
 * name is written as the ToUnicode stream's CMapName, so it is the
 * name fontsave.c's CMap gives itself.
 */
#define GID_ENCODER	"Adobe-Identity-UCS"	/* the ToUnicode's CMapName */

struct pdf_fonts *
pdf_fonts_new(HPDF_Doc pdf, const struct style *st, const char *lang)
{
	struct pdf_fonts *fs = xcalloc(1, sizeof(*fs));

	pthread_mutex_init(&fs->lock, NULL);
	fs->gid_encoder = haru_gid_encoder(pdf, GID_ENCODER) == 0;
	fs->pdf = pdf;
	fs->st = st;
	pthread_once(&fc_once, fc_start);
	fs->fc_ok = fc_ok;
	fs->shaper = shaper_new(lang);
	return fs;
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < LO_ALLFACES; i++)
		if (fs->f[i].owner) {
			buf_free(&fs->f[i].g->multi);
			free(fs->f[i].g);
		}
	shaper_free(fs->shaper);
	for (int i = 0; i < fs->npaths; i++)
		free(fs->paths[i]);
	for (int i = 0; i < fs->nreject; i++)
		free(fs->reject[i]);
	for (int k = 0; k < fs->nlooked; k++)
		free(fs->looked[k].path);
	pthread_mutex_destroy(&fs->lock);
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
lookup_locked(const char *family, int sty, int *exact)
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

/* The file for family + style (the caller's to free): as asked ahead,
 * or asked now. */
static char *
lookup(struct pdf_fonts *fs, const char *family, int sty, int *exact)
{
	char *r;

	for (int i = 0; i < fs->nlooked; i++)
		if (fs->looked[i].sty == sty &&
		    !strcmp(fs->looked[i].family, family)) {
			*exact = fs->looked[i].exact;
			return fs->looked[i].path ?
			    xstrdup(fs->looked[i].path) : NULL;
		}
	pthread_mutex_lock(&fc_lock);
	r = lookup_locked(family, sty, exact);
	pthread_mutex_unlock(&fc_lock);
	if (fs->nlooked < (int)(sizeof(fs->looked) / sizeof(fs->looked[0]))) {
		struct looked *l = &fs->looked[fs->nlooked++];

		l->family = family;
		l->sty = sty;
		l->exact = *exact;
		l->path = r ? xstrdup(r) : NULL;
	}
	return r;
}

/*
 * Ask fontconfig now for every face a family may need, its own and the
 * default it falls back to, loading nothing: then the layout's second
 * thread (layout/split.c) never calls fontconfig, which crashes when an
 * allocation fails, in the middle of the first thread's peak.
 */
void
pdf_fonts_prepare(void *ctx)
{
	struct pdf_fonts *fs = ctx;
	int		  exact;

	if (!fs->fc_ok)
		return;
	for (int fam = 0; fam < LO_NFAMILIES; fam++)
		for (int sty = 0; sty < 4; sty++) {
			free(lookup(fs, fs->st->pdf.font[fam], sty, &exact));
			if (!exact)
				free(lookup(fs, style_default_font(
				    (enum style_font)fam), sty, &exact));
		}
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
	handler = haru_error_handler(fs->pdf, NULL);
	name = HPDF_LoadTTFontFromFile(fs->pdf, path, HPDF_TRUE);
	haru_error_handler(fs->pdf, handler);
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
	path = lookup(fs, family, sty, &exact);
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
		path = lookup(fs, style_default_font((enum style_font)fam), sty,
		    &exact);
	}
	if (path == NULL)
		return NULL;
	if ((f->name = load_file(fs, path, &f->path, 0)) == NULL)
		return NULL;
	f->def = haru_ttf(fs->pdf, f->name);
	return f->def ? f : NULL;
}

void
pdf_fonts_lock(void *ctx)
{
	pthread_mutex_lock(&((struct pdf_fonts *)ctx)->lock);
}

void
pdf_fonts_unlock(void *ctx)
{
	pthread_mutex_unlock(&((struct pdf_fonts *)ctx)->lock);
}

/* A family's face is loaded on its first question; a found face (by
 * cover) exists only once loaded. */
int
pdf_fonts_ready(void *ctx, int face)
{
	struct pdf_fonts *fs = ctx;

	return face < 0 || face >= LO_NFACES || fs->f[face].tried;
}

int
pdf_fonts_advance(void *ctx, int face, uint32_t cp)
{
	struct pdf_fonts *fs = ctx;
	struct face	 *f;
	unsigned	  gid;

	if (face < 0 || face >= LO_ALLFACES || cp < 0x20)
		return -1;
	if ((f = face_load(fs, face)) == NULL)
		return -1;
	/* The device asks for each justified line's space: cached. */
	gid = f->g != NULL ? pdf_fonts_gid_cached(fs, f, cp) :
	    pdf_fonts_gid(fs, f, cp);
	if (gid == 0)
		return -1;
	return haru_ttf_width(f->def, gid);
}

unsigned
pdf_fonts_gid(struct pdf_fonts *fs, const struct face *f, uint32_t cp)
{
	unsigned	 n = haru_ttf_glyphs(f->def), gid;

	if (n == 0)
		return 0;
	if (cp <= 0xFFFF)
		gid = haru_ttf_glyph(f->def, (uint16_t)cp);
	else
		gid = f->path != NULL ? shaper_glyph(fs->shaper, f->path, cp) : 0;
	/* A malformed cmap can point past the glyphs: no glyph. */
	return gid < n ? gid : 0;
}

static int
has_glyph(struct pdf_fonts *fs, const struct face *f, uint32_t cp)
{
	return pdf_fonts_gid(fs, f, cp) != 0;
}

/* One of FcFontSort's fonts for cp: the face it becomes, or -1 when it
 * lacks cp, is not TrueType, or libharu refuses it. */
static int
candidate(struct pdf_fonts *fs, FcPattern *m, uint32_t cp, int sty)
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
	f->def = haru_ttf(fs->pdf, f->name);
	f->tried = 1;
	if (!has_glyph(fs, f, cp)) {
		/* fontconfig and libharu read the cmap differently (libharu
		 * knows only format 4); keep the file loaded but unused. */
		memset(f, 0, sizeof(*f));
		return -1;
	}
	f->sty = sty;
	if (diag_verbose)
		diag_note("font for U+%04X: %s", (unsigned)cp, f->path);
	return LO_FACE_DYN(fs->ndyn++);
}

int
pdf_fonts_cover(void *ctx, uint32_t cp, int sty)
{
	struct pdf_fonts *fs = ctx;
	FcPattern	 *pat;
	FcCharSet	 *cs;
	FcFontSet	 *set;
	FcResult	  res;
	int		  face = -1;

	if (!fs->fc_ok || cp < 0x20)
		return -1;
	/* A font already found for this script and style first: one font
	 * per script, and fewer fonts embedded. */
	for (int i = 0; i < fs->ndyn; i++)
		if (fs->f[LO_FACE_DYN(i)].sty == sty &&
		    has_glyph(fs, &fs->f[LO_FACE_DYN(i)], cp))
			return LO_FACE_DYN(i);
	if (fs->ndyn == LO_NDYN) {
		if (!fs->full_warned++)
			diag_warn(NULL, 0, "more than %d fallback fonts "
			    "needed; the rest of the characters are '?'",
			    LO_NDYN);
		return -1;
	}
	pthread_mutex_lock(&fc_lock);
	pat = FcPatternCreate();
	cs = FcCharSetCreate();
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcCharSetDestroy(cs);
	/* Bold text in a bold face where one is installed (Noto Sans
	 * Devanagari Bold); otherwise the sort gives the regular one. */
	FcPatternAddInteger(pat, FC_WEIGHT, (sty & LO_BOLD) ?
	    FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, (sty & LO_ITALIC) ?
	    FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	/* Untrimmed: trimming drops a font that adds nothing to the fonts
	 * before it, which can be the only TrueType one with cp.  Coverage
	 * ranks above family in the sort, so fonts with cp come first. */
	set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
	FcPatternDestroy(pat);
	for (int i = 0; set != NULL && i < set->nfont && face < 0; i++)
		face = candidate(fs, set->fonts[i], cp, sty);
	if (set != NULL)
		FcFontSetDestroy(set);
	pthread_mutex_unlock(&fc_lock);
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
				f->g = fs->f[i].g;
				return f->font;
			}
		if ((f->font = HPDF_GetFont(fs->pdf, f->name,
		    fs->gid_encoder ? GID_ENCODER : "UTF-8")) == NULL)
			return NULL;
		f->g = xcalloc(1, sizeof(*f->g));
		buf_init(&f->g->multi);
		f->owner = 1;
	}
	return f->font;
}

struct face *
pdf_fonts_face(struct pdf_fonts *fs, int face)
{
	return face >= 0 && face < LO_ALLFACES && pdf_fonts_get(fs, face) != NULL &&
	    fs->f[face].g != NULL ? &fs->f[face] : NULL;
}
