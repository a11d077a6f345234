/*
 * pdf/fonts.h - the PDF device's fonts: found through fontconfig, loaded
 * and embedded (subset) by libharu, measured for the layout engine, and
 * given a correct ToUnicode map before the file is written.
 *
 * Only the files in src/pdf/ (not the layout engine) include hpdf.h.
 */
#ifndef QUIRE_PDF_FONTS_H
#define QUIRE_PDF_FONTS_H

#include <stdint.h>

#include <hpdf.h>

struct style;
struct pdf_fonts;

struct pdf_fonts *pdf_fonts_new(HPDF_Doc, const struct style *);
void		  pdf_fonts_free(struct pdf_fonts *);

/* struct lo_metrics' advance(): thousandths of an em, -1 when the face
 * has no glyph for cp. */
int		  pdf_fonts_advance(void *fonts, int face, uint32_t cp);

/* struct lo_metrics' cover(): for a character none of the style's
 * families has, a face (LO_FACE_DYN) of an installed TrueType font that
 * has it, loaded on first use; -1 when there is none. */
int		  pdf_fonts_cover(void *fonts, uint32_t cp);

struct buf;

/* The libharu font for a face (created on first use), or NULL. */
HPDF_Font	  pdf_fonts_get(struct pdf_fonts *, int face);

/* UTF-8 text drawn with a face, as the inside of a PDF literal string
 * of its 2-byte codes (the code of a BMP character is its Unicode value;
 * anything else is '?'), escaped.  Records each code for the subset, the
 * widths and the ToUnicode map. */
void		  pdf_fonts_codes(struct pdf_fonts *, int face, const char *utf8,
		      size_t len, struct buf *out);

/* Just before saving: replace libharu's broken ToUnicode CMaps and
 * complete its glyph subsets. */
int		  pdf_fonts_fix_tounicode(struct pdf_fonts *);

#endif
