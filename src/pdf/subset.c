/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/subset.c - embedded fonts cut down by HarfBuzz's hb-subset.
 *
 * The same subsetter serves TrueType and CFF outlines, collections'
 * faces included.  Glyph ids are retained, since the content streams
 * were written with them (fontcodes.c): the glyphs left out become
 * empty, which costs a few bytes each in the loca or CharStrings index.
 * A CID-keyed CFF font (most CJK .otf and .ttc) is the exception: its
 * glyphs are found by CID, which the subset keeps, so it is renumbered,
 * and a 65,535-glyph font does not carry an index of 65,535 entries;
 * it is embedded as its bare CFF table (CIDFontType0C), whose CIDs every
 * reader looks up, where inside an OpenType file poppler takes them for
 * glyph ids.
 * The tables a PDF reader never looks at (layout, kerning, variations,
 * colour, bitmaps, hinting) are dropped; so is GSUB before the subset,
 * which also keeps the subsetter from adding every alternate form the
 * kept glyphs could become.
 */
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb.h>
#include <hb-subset.h>

#include "util/buf.h"
#include "subset.h"

static const hb_tag_t dropped[] = {
	HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
	HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
	HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
	HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
	HB_TAG('m', 'o', 'r', 't'), HB_TAG('k', 'e', 'r', 'x'),
	HB_TAG('f', 'e', 'a', 't'), HB_TAG('t', 'r', 'a', 'k'),
	HB_TAG('f', 'v', 'a', 'r'), HB_TAG('g', 'v', 'a', 'r'),
	HB_TAG('a', 'v', 'a', 'r'), HB_TAG('c', 'v', 'a', 'r'),
	HB_TAG('H', 'V', 'A', 'R'), HB_TAG('V', 'V', 'A', 'R'),
	HB_TAG('M', 'V', 'A', 'R'), HB_TAG('S', 'T', 'A', 'T'),
	HB_TAG('C', 'O', 'L', 'R'), HB_TAG('C', 'P', 'A', 'L'),
	HB_TAG('S', 'V', 'G', ' '), HB_TAG('s', 'b', 'i', 'x'),
	HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'),
	HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
	HB_TAG('E', 'B', 'S', 'C'), HB_TAG('D', 'S', 'I', 'G'),
	HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'),
	HB_TAG('V', 'D', 'M', 'X'), HB_TAG('g', 'a', 's', 'p'),
	HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
	HB_TAG('V', 'O', 'R', 'G'), HB_TAG('m', 'e', 't', 'a'),
};

int
subset_font(hb_face_t *face, const uint8_t *used, int cid_cff,
    struct buf *out)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t	  *sub, *made;
	hb_blob_t	  *blob;
	hb_set_t	  *glyphs, *drop;
	const char	  *data;
	unsigned	   len, n = hb_face_get_glyph_count(face);

	if (in == NULL)
		return -1;
	glyphs = hb_subset_input_glyph_set(in);
	hb_set_add(glyphs, 0);
	for (unsigned gid = 1; gid < n && gid < 0x10000; gid++)
		if (used[gid >> 3] & (1u << (gid & 7)))
			hb_set_add(glyphs, gid);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		hb_set_add(drop, dropped[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    (cid_cff ? 0 : HB_SUBSET_FLAGS_RETAIN_GIDS));
	sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return -1;
	blob = hb_face_reference_blob(sub);
	if (cid_cff) {
		/* The subset is a face being built: its tables are read
		 * from the file it makes. */
		made = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
		blob = hb_face_reference_table(made, HB_TAG('C', 'F', 'F', ' '));
		hb_face_destroy(made);
	}
	data = hb_blob_get_data(blob, &len);
	if (data != NULL && len > 0)
		buf_put(out, data, len);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return data != NULL && len > 0 ? 0 : -1;
}

int
subset_cids(const char *path, unsigned index, const uint8_t *used,
    uint16_t *cid)
{
	FT_Library	lib;
	FT_Face		face;
	FT_Bool		keyed = 0;
	FT_UInt		c;
	int		rc = -1;

	if (FT_Init_FreeType(&lib) != 0)
		return -1;
	if (FT_New_Face(lib, path, (FT_Long)index, &face) == 0) {
		rc = 0;
		if (FT_Get_CID_Is_Internally_CID_Keyed(face, &keyed) == 0 &&
		    keyed) {
			rc = 1;
			for (long gid = 0; gid < face->num_glyphs &&
			    gid < 0x10000; gid++)
				if ((gid == 0 || (used[gid >> 3] &
				    (1u << (gid & 7)))) &&
				    FT_Get_CID_From_Glyph_Index(face,
				    (FT_UInt)gid, &c) == 0)
					cid[gid] = (uint16_t)c;
		}
		FT_Done_Face(face);
	}
	FT_Done_FreeType(lib);
	return rc;
}
