/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fonts_int.h - the PDF fonts' state, shared by fonts.c (finding and
 * loading), fontcodes.c (writing text as glyph ids, shaping) and
 * fontsave.c (subset, widths and ToUnicode before saving).
 */
#ifndef QUIRE_PDF_FONTS_INT_H
#define QUIRE_PDF_FONTS_INT_H

#include <pthread.h>
#include <stdint.h>

#include "haru/haru.h"

#include "util/buf.h"
#include "layout/layout.h"

#include <hb.h>

struct shaper;
struct style;

/* What a font drew, by glyph id: for the subset, the widths and the
 * ToUnicode map.  Shared by the faces that share a file. */
struct glyphs {
	uint8_t		 used[0x10000 / 8];
	uint16_t	 gidof[0x10000];	/* BMP code point -> glyph + 1 */
	/* What each glyph stands for: a code point, or MULTI | the offset
	 * of a NUL-terminated UTF-8 string in multi (a ligature, a
	 * conjunct); 0 for none yet. */
	uint32_t	 uni[0x10000];
	struct buf	 multi;
};
#define MULTI	0x80000000u

/*
 * A font file's face, read with HarfBuzz (fontsfile.c): what the layout
 * measures with and what the PDF embeds.  Any outlines a PDF can hold:
 * TrueType (glyf) or CFF, in a .ttf, an .otf or a face of a .ttc/.otc
 * collection.
 */
struct fontfile {
	char		*path;		/* the file */
	unsigned	 index;		/* the face in a collection */
	char		*key;		/* path, or path#index: names it for
					   the shaper and in messages */
	hb_face_t	*face;
	hb_font_t	*font;		/* scale: units per em */
	unsigned	 nglyphs, upem;
	int		 cff;		/* CFF outlines, else TrueType */
	char		 psname[64];	/* its PostScript name, as a PDF name */
	/* Made on first use by the PDF (pdf_fonts_get): the Type0 font
	 * that pages name, the rest written at the end (fontsave.c), and
	 * the record of the glyphs drawn, for every face using the file. */
	struct haru_dict *type0;
	struct glyphs	*g;
	int		 done;		/* written (fontsave.c) */
	int		 said;		/* its being variable */
};

/* Why a file cannot be used goes into why (a sentence fragment). */
struct fontfile	*fontfile_open(const char *path, const char *facename,
		     unsigned index, char *why, size_t whylen);
void		 fontfile_free(struct fontfile *);
/* The glyph for cp (any plane), 0 if none. */
unsigned	 fontfile_glyph(const struct fontfile *, uint32_t cp);
/* A glyph's advance in thousandths of an em (truncated, as libharu's
 * widths were, so that layouts do not move). */
int		 fontfile_width(const struct fontfile *, unsigned gid);
/* Whether the file is a variable font (only its default instance is
 * drawn). */
int		 fontfile_variable(const struct fontfile *);

/* What a PDF font descriptor says of the face, in thousandths of an em. */
struct fontfile_metrics {
	int		 bbox[4];
	int		 ascent, descent, capheight;
	double		 italic_angle;
	int		 fixed_pitch;
};
void		 fontfile_metrics(const struct fontfile *,
		     struct fontfile_metrics *);


struct face {
	int		 tried;
	struct fontfile	*ff;		/* NULL if none */
	HPDF_Font	 font;
	struct glyphs	*g;		/* its file's */
	int		 sty;		/* a face found by cover: the style
					   it was asked for */
};

/* Files loaded: one per face, and some found by pdf_fonts_cover that
 * turned out not to have the character after all. */
#define NPATHS		(LO_ALLFACES + 8)
/* Files that cannot be used, not to be tried again. */
#define NREJECT		16

struct pdf_fonts {
	HPDF_Doc		 pdf;
	/* Held by each layout thread around its questions (split.c). */
	pthread_mutex_t		 lock;
	const struct style	*st;
	struct face		 f[LO_ALLFACES];
	struct fontfile		*files[NPATHS];		/* loaded files */
	int			 nfiles;
	char			*reject[NREJECT];
	int			 nreject;
	int			 ndyn;		/* faces found by cover */
	int			 full_warned;
	int			 fc_ok;
	int			 warned[LO_NFAMILIES];	/* said once */
	char			*dir;		/* pdf.fonts.path, or NULL */
	/* fontconfig's answers for the families' faces, asked ahead of
	 * the layout's threads (pdf_fonts_prepare): lookups by (family,
	 * style), the found file and face or NULL. */
	struct looked {
		const char	*family;
		int		 sty, exact;
		char		*path;
		unsigned	 index;
	}			 looked[2 * LO_NFACES];
	int			 nlooked;
	struct shaper		*shaper;
};

/* The glyph a loaded face has for cp (any plane), 0 if none. */
unsigned	 pdf_fonts_gid(struct pdf_fonts *, const struct face *,
		     uint32_t cp);

/* The same, cached for the Basic Multilingual Plane once the face has
 * its record of glyphs (pdf_fonts_get made it). */
unsigned	 pdf_fonts_gid_cached(struct pdf_fonts *, struct face *,
		     uint32_t cp);

/* The face's font, loaded and with its record of glyphs; NULL if none. */
struct face	*pdf_fonts_face(struct pdf_fonts *, int face);

#endif
