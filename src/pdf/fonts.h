/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fonts.h - the PDF device's fonts: found through fontconfig or by
 * file, read with HarfBuzz, measured for the layout engine, and embedded
 * as HarfBuzz subsets with a correct ToUnicode map before the file is
 * written.
 *
 * Only the files in src/pdf/ (not the layout engine) use libharu, and
 * its internals only through haru/haru.h.
 */
#ifndef QUIRE_PDF_FONTS_H
#define QUIRE_PDF_FONTS_H

#include <stdint.h>

#include "haru/haru.h"

struct pdf_zpages;

struct style;
struct pdf_fonts;

/* lang: the document's language, for shaping. */
struct pdf_fonts *pdf_fonts_new(HPDF_Doc, const struct style *,
		      const char *lang);
void		  pdf_fonts_free(struct pdf_fonts *);

/* struct lo_metrics' advance(): thousandths of an em, -1 when the face
 * has no glyph for cp. */
int		  pdf_fonts_advance(void *fonts, int face, uint32_t cp);

/* struct lo_metrics' cover(): for a character none of the style's
 * families has, a face (LO_FACE_DYN) of an installed font that has it, in style sty when one is installed, loaded on first use; -1
 * when there is none. */
int		  pdf_fonts_cover(void *fonts, uint32_t cp, int sty);

/* The file of the installed colour emoji font (emoji.c), malloc'd, and
 * its face in *index; NULL if none. */
char		 *pdf_fonts_colour_emoji(unsigned *index);

struct buf;

/* The font a page names for a face (made on first use), or NULL. */
HPDF_Font	  pdf_fonts_get(struct pdf_fonts *, int face);

/* UTF-8 text drawn with a face one glyph per character, as the inside
 * of a PDF literal string of its 2-byte codes, which are glyph ids (a
 * character the font lacks is '?'), escaped.
 * Records each glyph for the subset, the widths and the ToUnicode map
 * (fontcodes.c). */
void		  pdf_fonts_codes(struct pdf_fonts *, int face, const char *utf8,
		      size_t len, struct buf *out);

struct shaped_glyph;

/* A run shaped with HarfBuzz (layout/segment.h says which runs): its
 * glyphs in drawing order, valid until the next shaping, and their
 * count; 0 when it cannot be shaped.  Records the glyphs as above, each
 * standing for its cluster's characters. */
size_t		  pdf_fonts_shape(struct pdf_fonts *, int face, const char *s,
		      size_t len, int rtl, const struct shaped_glyph **);
/* One glyph's code, escaped, onto a literal string. */
void		  pdf_fonts_glyph(struct buf *, unsigned gid);
/* The width the PDF gives a glyph (its W entry), in thousandths. */
int		  pdf_fonts_glyph_width(struct pdf_fonts *, int face,
		      unsigned gid);
/* struct lo_metrics' shaped(): the width of a shaped run, -1 if it
 * cannot be shaped. */
double		  pdf_fonts_shaped_width(void *fonts, int face, const char *s,
		      size_t len, int rtl);

/* For the layout's threads (struct lo_metrics): the lock around their
 * questions, and whether a question about face changes nothing. */
void		  pdf_fonts_lock(void *fonts);
void		  pdf_fonts_unlock(void *fonts);
int		  pdf_fonts_ready(void *fonts, int face);
void		  pdf_fonts_prepare(void *fonts);

/* Just before saving: each font's objects, its HarfBuzz subset, widths
 * and ToUnicode CMap; the subsets and CMaps go to the compressors z (2
 * streams a face at most) (fontsave.c). */
int		  pdf_fonts_finish(struct pdf_fonts *, struct pdf_zpages *z);

#endif
