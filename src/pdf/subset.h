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
 * they are built of, appended to out: an OpenType file with TrueType or
 * CFF outlines, without hinting, layout or variation tables, which a
 * PDF does not use, each glyph at its own glyph id (text is written as
 * glyph ids).  With cid_cff, for a CID-keyed CFF font, just its CFF
 * table, the glyphs renumbered: a reader finds them by CID, which the
 * subset keeps.  Returns 0, or -1 when HarfBuzz cannot subset it.
 */
int	subset_font(hb_face_t *face, const uint8_t *used, int cid_cff,
	    struct buf *out);

/*
 * For a CFF font: whether it is CID-keyed (1) or not (0), -1 when it
 * cannot be read.  When it is, cid[gid] is set to the CID of each glyph
 * used (as above); HarfBuzz does not tell them, FreeType does.
 */
int	subset_cids(const char *path, unsigned index, const uint8_t *used,
	    uint16_t *cid);

#endif
