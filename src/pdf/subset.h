/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/subset.h - the glyphs a PDF drew of a font, cut out of it by
 * HarfBuzz's subsetter (subset.c).
 */
#ifndef QUIRE_PDF_SUBSET_H
#define QUIRE_PDF_SUBSET_H

#include <stdint.h>

#include <hb.h>

struct buf;

/*
 * The font program of face keeping the glyphs whose bit is set in used
 * (bit gid & 7 of byte gid >> 3, 65536 bits), glyph 0 and the glyphs
 * they are built of, each at its own glyph id (text is written as glyph
 * ids), appended to out: an OpenType file with TrueType or CFF outlines,
 * without hinting, layout or variation tables, which a PDF does not use.
 * Returns 0, or -1 when HarfBuzz cannot subset it.
 */
int	subset_font(hb_face_t *face, const uint8_t *used, struct buf *out);

#endif
