/*
 * pdf/fontsave.c - the fonts' last touches before the file is written.
 *
 * Text is written into the content streams directly, as glyph ids
 * (fontcodes.c), so libharu never saw it: for each font used, flag the
 * glyphs drawn for the subset, point CIDToGIDMap at the identity, list
 * the widths of just those glyphs, and write the ToUnicode CMap from
 * what each glyph was recorded to stand for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "util/buf.h"
#include "deflate.h"
#include "util/diag.h"
#include "fonts.h"
#include "fonts_int.h"
#include "util/utf8.h"

#define USED(g, gid)	((g)->used[(gid) >> 3] & (1u << ((gid) & 7)))

static void
put_target(struct buf *b, const struct glyphs *g, uint32_t u)
{
	const char *s;
	size_t	    n, k;
	uint32_t    cp;

	buf_putc(b, '<');
	if (!(u & MULTI))
		buf_utf16hex(b, u);
	else {
		s = g->multi.data + (u & ~MULTI);
		for (n = strlen(s); n > 0; s += k, n -= k) {
			if ((k = utf8_decode(s, n, &cp)) == 0)
				k = 1, cp = 0xFFFD;
			buf_utf16hex(b, cp);
		}
	}
	buf_putc(b, '>');
}

static void
write_cmap(struct buf *b, const struct glyphs *g)
{
	size_t	n = 0, gid, inblock = 0;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (gid = 0; gid < 0x10000; gid++)
		if (USED(g, gid) && g->uni[gid] != 0)
			n++;
	for (gid = 0; gid < 0x10000; gid++) {
		if (!USED(g, gid) || g->uni[gid] == 0)
			continue;
		if (inblock == 0)
			buf_printf(b, "%zu beginbfchar\n", n < 100 ? n : 100);
		buf_printf(b, "<%04zX> ", gid);
		put_target(b, g, g->uni[gid]);
		buf_putc(b, '\n');
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

/* The glyphs drawn, for libharu's subset (and the notdef glyph, which
 * a font must keep); then their components. */
static void
flag_glyphs(struct face *f)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)f->def->attr;

	if (a == NULL || a->glyph_tbl.flgs == NULL)
		return;
	a->glyph_tbl.flgs[0] = 1;
	for (unsigned gid = 0; gid < a->num_glyphs; gid++)
		if (USED(f->g, gid))
			a->glyph_tbl.flgs[gid] = 1;
	flag_components(f);
}

/*
 * libharu's W array lists the width of every code in the font whose
 * width differs from the default, whatever was drawn: some 60 kB of
 * uncompressed text per DejaVu font, and by code point.  Rewrite it by
 * glyph id, for the glyphs drawn.  Its CIDToGIDMap stream mapped code
 * points to glyphs; codes are glyphs now, so the map is the identity,
 * and the stream is left empty.
 */
static int
widths_by_gid(struct face *f, HPDF_FontAttr attr)
{
	HPDF_Array w, run = NULL;
	long	   prev = -2;

	if (attr->descendant_font == NULL ||
	    (w = HPDF_Dict_GetItem(attr->descendant_font, "W",
	    HPDF_OCLASS_ARRAY)) == NULL)
		return 0;
	if (HPDF_Dict_AddName(attr->descendant_font, "CIDToGIDMap",
	    "Identity") != HPDF_OK)
		return -1;
	if (attr->map_stream != NULL && attr->map_stream->stream != NULL)
		HPDF_MemStream_FreeData(attr->map_stream->stream);
	HPDF_Array_Clear(w);
	for (long gid = 0; gid < 0x10000; gid++) {
		if (!USED(f->g, gid))
			continue;
		if (gid != prev + 1 || run == NULL) {
			if ((run = HPDF_Array_New(w->mmgr)) == NULL ||
			    HPDF_Array_AddNumber(w, (HPDF_INT32)gid) != HPDF_OK ||
			    HPDF_Array_Add(w, run) != HPDF_OK)
				return -1;
		}
		if (HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetGidWidth(f->def,
		    (HPDF_UINT16)gid)) != HPDF_OK)
			return -1;
		prev = gid;
	}
	return 0;
}

/*
 * libharu makes a font's descriptor and its embedded subset (FontFile2)
 * in the font's before-write hook, during the save, and compresses the
 * subset with zlib on the saving thread.  Run the hook now, once, and
 * hand the subset and the ToUnicode CMap to the page compressors like
 * any finished stream.  Same objects, made a little earlier.
 */
static int
font_file_now(HPDF_Font font, struct pdf_zpages *z)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict     desc;

	if (font->before_write_fn != NULL) {
		if (font->before_write_fn(font) != HPDF_OK)
			return -1;
		font->before_write_fn = NULL;
	}
	desc = attr->fontdef != NULL ? attr->fontdef->descriptor : NULL;
	if (desc != NULL)
		pdf_zpages_add_stream(z, HPDF_Dict_GetItem(desc, "FontFile2",
		    HPDF_OCLASS_DICT), 0);
	pdf_zpages_add_stream(z, attr->cmap_stream, 0);
	return 0;
}

/*
 * A subset's tag (the "HPDFAA" of "HPDFAA+DejaVuSans") is given by
 * libharu as each font file is loaded, and the layout's two threads
 * (layout/split.c) may load them in either order: give them again, in
 * the faces' order, so the file does not depend on it.
 */
static void
retag(struct pdf_fonts *fs)
{
	HPDF_FontDef	 done[LO_ALLFACES];
	char		 tag[7] = "HPDFAA";
	int		 ndone = 0, i, j;

	for (i = 0; i < LO_ALLFACES; i++) {
		struct face *f = &fs->f[i];

		if (f->font == NULL || f->def == NULL)
			continue;
		for (j = 0; j < ndone && done[j] != f->def; j++)
			;
		if (j < ndone)
			continue;
		done[ndone++] = f->def;
		HPDF_TTFontDef_SetTagName(f->def, tag);
		for (j = 5; j >= 0 && ++tag[j] > 'Z'; j--)
			tag[j] = 'A';
	}
}

int
pdf_fonts_finish(struct pdf_fonts *fs, struct pdf_zpages *z)
{
	retag(fs);
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
		attr = (HPDF_FontAttr)f->font->attr;
		if (attr == NULL || widths_by_gid(f, attr) != 0)
			return -1;
		if ((cmap = attr->cmap_stream) == NULL || cmap->stream == NULL)
			continue;
		buf_init(&b);
		write_cmap(&b, f->g);
		HPDF_MemStream_FreeData(cmap->stream);
		if (HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data,
		    (HPDF_UINT)b.len) != HPDF_OK) {
			buf_free(&b);
			return -1;
		}
		buf_free(&b);
		if (font_file_now(f->font, z) != 0)
			return -1;
	}
	return 0;
}
