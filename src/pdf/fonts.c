/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fonts.c - fonts for the PDF device.
 *
 * The style names each role's font (pdf.fonts.serif, .sans, .mono,
 * .fallback, .cjk) by family, found by fontconfig, or by file: a path
 * relative to the style file (or found in pdf.fonts.path, the folder
 * --font-path gives, whose fonts fontconfig also knows by family), a
 * face of a collection picked by index or name after a '#'
 * ("NotoSansCJK-Regular.ttc#2", "...ttc#Noto Sans CJK JP").  Any
 * TrueType or CFF outlines will do: they are read with HarfBuzz
 * (fontsfile.c) and embedded by its subsetter (fontsave.c, subset.c),
 * so libharu's own TrueType-only font loading is not used at all.
 * A family that is not installed, or a file that cannot be used, is
 * said once, and the role's built-in family is used instead.
 *
 * Text is written with glyph ids as codes (fontcodes.c, device.c), and
 * just before saving each font used gets its subset, a W array by glyph
 * id and a ToUnicode CMap from each glyph drawn to the characters it
 * stands for (fontsave.c).
 *
 * A character none of the style's families has is looked up among all
 * installed fonts (pdf_fonts_cover): the first file in fontconfig's sort
 * order whose charset has it becomes one of LO_NDYN extra faces, and
 * later characters try the faces already found first, so a script is
 * set in one font.  The choice depends only on the document and on the
 * installed fonts (FcFontSort's order is deterministic for one font
 * configuration), so the output stays byte-reproducible on one machine.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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
/* Font folders given to fontconfig already (pdf.fonts.path): each is
 * scanned once per process, whatever number of documents name it. */
static char		*fc_dirs[8];
static int		 fc_ndirs;

static int	 fonts_is_file(const char *);

static void
fc_stop(void)
{
	FcFini();
	for (int i = 0; i < fc_ndirs; i++)
		free(fc_dirs[i]);
}

static void
fc_start(void)
{
	if ((fc_ok = FcInit()) != 0)
		atexit(fc_stop);
}

/* The style's font folder, relative to the style file; NULL if none. */
static char *
font_dir(const struct style *st)
{
	const char *d = st->pdf.font_path;
	char	   *r;

	if (d == NULL || *d == '\0')
		return NULL;
	if (d[0] == '/' || st->dir == NULL)
		return xstrdup(d);
	r = xmalloc(strlen(st->dir) + strlen(d) + 2);
	sprintf(r, "%s/%s", st->dir, d);
	return r;
}

/* The font folder's fonts become known to fontconfig by family. */
static void
add_font_dir(const char *dir)
{
	struct stat sb;
	int	    i;

	if (stat(dir, &sb) != 0) {
		diag_warn(NULL, 0, "cannot read %s: %s", dir, strerror(errno));
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		diag_warn(NULL, 0, "cannot read %s: not a folder", dir);
		return;
	}
	pthread_mutex_lock(&fc_lock);
	for (i = 0; i < fc_ndirs && strcmp(fc_dirs[i], dir) != 0; i++)
		;
	if (i == fc_ndirs) {
		if (!FcConfigAppFontAddDir(NULL, (const FcChar8 *)dir))
			diag_warn(NULL, 0, "cannot read %s: not a folder of "
			    "fonts fontconfig can read", dir);
		else if (fc_ndirs < (int)(sizeof(fc_dirs) / sizeof(fc_dirs[0])))
			fc_dirs[fc_ndirs++] = xstrdup(dir);
	}
	pthread_mutex_unlock(&fc_lock);
}

struct pdf_fonts *
pdf_fonts_new(HPDF_Doc pdf, const struct style *st, const char *lang)
{
	struct pdf_fonts *fs = xcalloc(1, sizeof(*fs));

	pthread_mutex_init(&fs->lock, NULL);
	fs->pdf = pdf;
	fs->st = st;
	pthread_once(&fc_once, fc_start);
	fs->fc_ok = fc_ok;
	fs->shaper = shaper_new(lang);
	if ((fs->dir = font_dir(st)) != NULL && fc_ok)
		add_font_dir(fs->dir);
	return fs;
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	if (fs == NULL)
		return;
	shaper_free(fs->shaper);
	for (int i = 0; i < fs->nfiles; i++) {
		if (fs->files[i]->g != NULL) {
			buf_free(&fs->files[i]->g->multi);
			free(fs->files[i]->g);
		}
		fontfile_free(fs->files[i]);
	}
	for (int i = 0; i < fs->nreject; i++)
		free(fs->reject[i]);
	for (int k = 0; k < fs->nlooked; k++)
		free(fs->looked[k].path);
	free(fs->dir);
	pthread_mutex_destroy(&fs->lock);
	free(fs);
}

/* A font's file and face in fontconfig's answer: the face's index in a
 * collection is the low 16 bits of FC_INDEX (the rest names an instance
 * of a variable font, of which only the default is drawn). */
static const FcChar8 *
font_file(FcPattern *m, unsigned *index)
{
	FcChar8	*file = NULL;
	int	 idx = 0;

	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	if (FcPatternGetInteger(m, FC_INDEX, 0, &idx) != FcResultMatch)
		idx = 0;
	*index = (unsigned)idx & 0xFFFF;
	return file;
}

/* The file fontconfig picks for family + style. */
static char *
lookup_locked(const char *family, int sty, int *exact, unsigned *index)
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
	if ((file = font_file(m, index)) != NULL)
		r = xstrdup((const char *)file);
	for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) ==
	    FcResultMatch; i++)
		if (strcasecmp((const char *)fam, family) == 0)
			*exact = 1;
	FcPatternDestroy(m);
	return r;
}

/* The file for family + style (the caller's to free): as asked ahead,
 * or asked now. */
static char *
lookup(struct pdf_fonts *fs, const char *family, int sty, int *exact,
    unsigned *index)
{
	char *r;

	for (int i = 0; i < fs->nlooked; i++)
		if (fs->looked[i].sty == sty &&
		    !strcmp(fs->looked[i].family, family)) {
			*exact = fs->looked[i].exact;
			*index = fs->looked[i].index;
			return fs->looked[i].path ?
			    xstrdup(fs->looked[i].path) : NULL;
		}
	pthread_mutex_lock(&fc_lock);
	r = lookup_locked(family, sty, exact, index);
	pthread_mutex_unlock(&fc_lock);
	if (fs->nlooked < (int)(sizeof(fs->looked) / sizeof(fs->looked[0]))) {
		struct looked *l = &fs->looked[fs->nlooked++];

		l->family = family;
		l->sty = sty;
		l->exact = *exact;
		l->index = *index;
		l->path = r ? xstrdup(r) : NULL;
	}
	return r;
}

/* The family a role falls back to: its built-in one, or that one's spare
 * when it is not installed (a machine without scripts/install-deps). */
static const char *
builtin_family(struct pdf_fonts *fs, int fam, int sty)
{
	const char	*def = style_default_font((enum style_font)fam);
	int		 exact = 0;
	unsigned	 index = 0;

	if (!fs->fc_ok)
		return def;
	free(lookup(fs, def, sty, &exact, &index));
	return exact ? def : style_spare_font((enum style_font)fam);
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
	unsigned	  index;

	if (!fs->fc_ok)
		return;
	for (int fam = 0; fam < LO_NFAMILIES; fam++)
		for (int sty = 0; sty < 4; sty++) {
			const char *family = fs->st->pdf.font[fam];

			if (!fonts_is_file(family)) {
				free(lookup(fs, family, sty, &exact, &index));
				if (exact)
					continue;
			}
			free(lookup(fs, builtin_family(fs, fam, sty), sty,
			    &exact, &index));
		}
}

/*
 * A font file's face, loaded once (a second face asking for the same
 * file and face shares it).  NULL with why when it cannot be used; such
 * a file is remembered, so that pdf_fonts_cover does not try it again.
 */
static struct fontfile *
load_file(struct pdf_fonts *fs, const char *path, const char *facename,
    unsigned index, char *why, size_t whylen)
{
	struct fontfile *ff;

	for (int i = 0; facename == NULL && i < fs->nfiles; i++)
		if (strcmp(fs->files[i]->path, path) == 0 &&
		    fs->files[i]->index == index)
			return fs->files[i];
	if (fs->nfiles == NPATHS) {
		snprintf(why, whylen, "too many font files");
		return NULL;
	}
	if ((ff = fontfile_open(path, facename, index, why, whylen)) == NULL)
		return NULL;
	/* A face asked for by name: known, maybe, by its index. */
	for (int i = 0; facename != NULL && i < fs->nfiles; i++)
		if (strcmp(fs->files[i]->path, path) == 0 &&
		    fs->files[i]->index == ff->index) {
			fontfile_free(ff);
			return fs->files[i];
		}
	if (diag_verbose)
		diag_note("font %s: %s", ff->psname, ff->key);
	fs->files[fs->nfiles++] = ff;
	shaper_add(fs->shaper, ff->key, ff->face);
	return ff;
}

/* A font file's name: what a pdf.fonts value ends with when it names a
 * file rather than a family. */
static int
font_ext(const char *s, size_t n)
{
	static const char *const ext[] = { ".ttf", ".otf", ".ttc", ".otc" };

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > 4 && strncasecmp(s + n - 4, ext[i], 4) == 0)
			return 1;
	return 0;
}

/* Where a file's name ends in a value "FILE#FACE", or its length. */
static size_t
file_part(const char *s)
{
	const char *hash = strrchr(s, '#');

	if (hash != NULL && font_ext(s, (size_t)(hash - s)))
		return (size_t)(hash - s);
	return strlen(s);
}

/* Whether a pdf.fonts value names a file: it has a slash, or a font
 * file's extension. */
static int
fonts_is_file(const char *s)
{
	return s != NULL && (strchr(s, '/') != NULL ||
	    font_ext(s, file_part(s)));
}

static int
exists(const char *path)
{
	FILE *fp = fopen(path, "rb");

	if (fp != NULL)
		fclose(fp);
	return fp != NULL;
}

/* A file named by the style: relative to the style file, else (a bare
 * name) in the font folder; the caller's to free. */
static char *
resolve(const struct pdf_fonts *fs, const char *name, size_t n)
{
	const char *dir = fs->st->dir;
	char	   *r;

	if (dir != NULL && strcmp(dir, ".") == 0)
		dir = NULL;
	if (name[0] == '/' || dir == NULL) {
		r = xmalloc(n + 1);
		sprintf(r, "%.*s", (int)n, name);
	} else {
		r = xmalloc(strlen(dir) + n + 2);
		sprintf(r, "%s/%.*s", dir, (int)n, name);
	}
	if (!exists(r) && fs->dir != NULL && memchr(name, '/', n) == NULL) {
		char *in = xmalloc(strlen(fs->dir) + n + 2);

		sprintf(in, "%s/%.*s", fs->dir, (int)n, name);
		if (exists(in)) {
			free(r);
			return in;
		}
		free(in);
	}
	return r;
}

/* A variable font is drawn at its default instance: HarfBuzz's
 * instancer, which could cut a named instance out of it, is not in its
 * stable interface yet.  Said once for the file. */
static void
variable(struct fontfile *ff)
{
	if (ff != NULL && !ff->said && fontfile_variable(ff)) {
		ff->said = 1;
		diag_warn(NULL, 0, "%s is a variable font: only its default "
		    "instance is drawn", ff->key);
	}
}

/* The face a pdf.fonts value names by file; NULL after saying why, once
 * for the role. */
static struct fontfile *
file_face(struct pdf_fonts *fs, int fam, const char *spec)
{
	size_t		 n = file_part(spec);
	const char	*face = spec[n] == '#' ? spec + n + 1 : NULL;
	char		*path = resolve(fs, spec, n), *end, why[160];
	unsigned long	 index = 0;
	struct fontfile	*ff;

	if (face != NULL) {
		index = strtoul(face, &end, 10);
		if (end != face && *end == '\0' && index <= 0xFFFF)
			face = NULL;
		else
			index = 0;
	}
	ff = load_file(fs, path, face, (unsigned)index, why, sizeof(why));
	if (ff == NULL && !fs->warned[fam]++)
		diag_warn(NULL, 0, "cannot read %s: %s; using \"%s\"", path,
		    why, builtin_family(fs, fam, 0));
	variable(ff);
	free(path);
	return ff;
}

/* A family's face from fontconfig; with exact clear when the family is
 * not installed (fontconfig gave another, returned unless need_exact). */
static struct fontfile *
family_face(struct pdf_fonts *fs, const char *family, int sty, int *exact,
    int need_exact)
{
	char		*path, why[160];
	unsigned	 index = 0;
	struct fontfile	*ff;

	if ((path = lookup(fs, family, sty, exact, &index)) == NULL)
		return NULL;
	if (need_exact && !*exact) {
		free(path);
		return NULL;
	}
	ff = load_file(fs, path, NULL, index, why, sizeof(why));
	if (ff == NULL)
		diag_warn(NULL, 0, "cannot read %s: %s", path, why);
	variable(ff);
	free(path);
	return ff;
}

static struct face *
face_load(struct pdf_fonts *fs, int face)
{
	struct face	*f = &fs->f[face];
	int		 fam = face / 4, sty = face % 4, exact = 0;
	const char	*spec, *def;

	if (f->tried || face >= LO_NFACES)	/* found faces: by cover() */
		return f->ff ? f : NULL;
	f->tried = 1;
	spec = fs->st->pdf.font[fam];
	if (fonts_is_file(spec)) {
		if ((f->ff = file_face(fs, fam, spec)) != NULL)
			return f;
	} else if (fs->fc_ok) {
		f->ff = family_face(fs, spec, sty, &exact, 1);
		if (f->ff != NULL && exact)
			return f;
		/* No CJK font installed: that is fine, just no fallback. */
		if (fam == FAM_CJK)
			return NULL;
		/* The fallback role falls back quietly (as it always did). */
		if (fam != FAM_FALLBACK && !fs->warned[fam]++)
			diag_warn(NULL, 0, "font \"%s\" is not installed; "
			    "using \"%s\"", spec, builtin_family(fs, fam, sty));
	}
	def = builtin_family(fs, fam, sty);
	f->ff = fs->fc_ok ? family_face(fs, def, sty, &exact, 0) : NULL;
	return f->ff ? f : NULL;
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
	return fontfile_width(f->ff, gid);
}

unsigned
pdf_fonts_gid(struct pdf_fonts *fs, const struct face *f, uint32_t cp)
{
	(void)fs;
	return f->ff != NULL ? fontfile_glyph(f->ff, cp) : 0;
}

static int
has_glyph(struct pdf_fonts *fs, const struct face *f, uint32_t cp)
{
	return pdf_fonts_gid(fs, f, cp) != 0;
}

/* Whether a file's face was found unusable already; with add, it is
 * now. */
static int
rejected(struct pdf_fonts *fs, const char *file, unsigned index, int add)
{
	char key[32];

	snprintf(key, sizeof(key), "#%u", index);
	for (int i = 0; i < fs->nreject; i++)
		if (strncmp(fs->reject[i], file, strlen(file)) == 0 &&
		    strcmp(fs->reject[i] + strlen(file), key) == 0)
			return 1;
	if (add && fs->nreject < NREJECT) {
		fs->reject[fs->nreject] = xmalloc(strlen(file) + strlen(key) + 1);
		sprintf(fs->reject[fs->nreject++], "%s%s", file, key);
	}
	return 0;
}

/* One of FcFontSort's fonts for cp: the face it becomes, or -1 when it
 * lacks cp or cannot be used. */
static int
candidate(struct pdf_fonts *fs, FcPattern *m, uint32_t cp, int sty)
{
	FcCharSet	*cs;
	const FcChar8	*file;
	unsigned	 index = 0;
	char		 why[160];
	struct face	*f = &fs->f[LO_FACE_DYN(fs->ndyn)];
	FcBool		 color = FcFalse;

	/* A colour font (Noto Color Emoji: bitmaps, no outlines) would
	 * draw nothing: a monochrome one (Symbola) draws the emoji. */
	if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch ||
	    !FcCharSetHasChar(cs, cp) || (file = font_file(m, &index)) == NULL ||
	    (FcPatternGetBool(m, FC_COLOR, 0, &color) == FcResultMatch &&
	    color) || rejected(fs, (const char *)file, index, 0))
		return -1;
	f->ff = load_file(fs, (const char *)file, NULL, index, why,
	    sizeof(why));
	if (f->ff == NULL) {
		(void)rejected(fs, (const char *)file, index, 1);
		return -1;
	}
	f->tried = 1;
	if (!has_glyph(fs, f, cp)) {
		/* fontconfig and HarfBuzz read the cmap differently; keep
		 * the file loaded but unused. */
		memset(f, 0, sizeof(*f));
		return -1;
	}
	f->sty = sty;
	if (diag_verbose)
		diag_note("font for U+%04X: %s", (unsigned)cp, f->ff->key);
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
	 * before it, which can be the only usable one with cp (one with
	 * CFF2 outlines is not).  Coverage ranks above family in the sort,
	 * so fonts with cp come first. */
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
		/* Faces sharing a file share the font object.  Its other
		 * objects are made at the end (fontsave.c), when its glyphs
		 * are known. */
		struct fontfile *ff = f->ff;

		if (ff->type0 == NULL) {
			if ((ff->type0 = haru_dict_new(fs->pdf, 1)) == NULL ||
			    haru_dict_name(ff->type0, "Type", "Font") != 0 ||
			    haru_dict_name(ff->type0, "Subtype", "Type0") != 0)
				return NULL;
			ff->g = xcalloc(1, sizeof(*ff->g));
			buf_init(&ff->g->multi);
		}
		f->g = ff->g;
		f->font = haru_font_of(ff->type0);
	}
	return f->font;
}

struct face *
pdf_fonts_face(struct pdf_fonts *fs, int face)
{
	return face >= 0 && face < LO_ALLFACES && pdf_fonts_get(fs, face) != NULL &&
	    fs->f[face].g != NULL ? &fs->f[face] : NULL;
}

/* The installed colour font fontconfig likes best for a smiling face
 * (emoji.c), or NULL. */
char *
pdf_fonts_colour_emoji(unsigned *index)
{
	FcPattern	*pat, *m;
	FcCharSet	*cs, *has;
	FcResult	 res;
	FcBool		 color = FcFalse;
	FcChar8		*file;
	int		 idx = 0;
	char		*path = NULL;

	pthread_once(&fc_once, fc_start);
	if (!fc_ok)
		return NULL;
	pthread_mutex_lock(&fc_lock);
	pat = FcPatternCreate();
	cs = FcCharSetCreate();
	FcCharSetAddChar(cs, 0x1F600);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcCharSetDestroy(cs);
	FcPatternAddBool(pat, FC_COLOR, FcTrue);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	if (m != NULL && FcPatternGetBool(m, FC_COLOR, 0, &color) ==
	    FcResultMatch && color && FcPatternGetCharSet(m, FC_CHARSET, 0,
	    &has) == FcResultMatch && FcCharSetHasChar(has, 0x1F600) &&
	    FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		(void)FcPatternGetInteger(m, FC_INDEX, 0, &idx);
		path = xstrdup((const char *)file);
		*index = (unsigned)idx;
	}
	if (m != NULL)
		FcPatternDestroy(m);
	pthread_mutex_unlock(&fc_lock);
	return path;
}
