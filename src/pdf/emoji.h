/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/emoji.h - colour emoji for the PDF (emoji.c): sequences found in
 * text and shaped with HarfBuzz in the installed colour emoji font
 * (Noto Color Emoji), each drawn as its glyph's PNG picture.
 *
 * The font is one for the process, found and read on first use (only
 * when a document has an emoji), and safe on any thread.
 */
#ifndef QUIRE_PDF_EMOJI_H
#define QUIRE_PDF_EMOJI_H

#include <stddef.h>
#include <stdio.h>

struct lo_emoji;

/* The colour emoji sequence at the start of s (an emoji with its skin
 * tone, joined family, flag, keycap or VS16): the length in bytes of
 * the text drawn as one picture, and *e its glyph and size; 0 when s
 * starts with no emoji, or no colour font has a picture for it. */
size_t	 pdf_emoji_find(const char *s, size_t len, struct lo_emoji *e);

/* A glyph's PNG, opened for reading (fclose it); NULL if it has none. */
FILE	*pdf_emoji_png(unsigned gid);

/* Where the baseline lies in a glyph's picture, as a share of its height
 * from the top (for the text that stands for it); 0.8 if unknown. */
double	 pdf_emoji_baseline(unsigned gid);

#endif
