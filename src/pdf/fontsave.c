/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fontsave.c - the fonts' last touches before the file is written.
 *
 * Text is written into the content streams directly, as glyph ids
 * (fontcodes.c), so libharu never saw it: for each font used, flag the
 * glyphs drawn for the subset, point CIDToGIDMap at the identity, list
 * the widths of just those glyphs, and write the ToUnicode CMap from
 * what each glyph was recorded to stand for.
 */
#include <string.h>

#include "haru/haru.h"
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

/*
 * libharu's W array lists the width of every code in the font whose
 * width differs from the default, whatever was drawn: some 60 kB of
 * uncompressed text per DejaVu font, and by code point.  Rewrite it by
 * glyph id, for the glyphs drawn.  Its CIDToGIDMap stream mapped code
 * points to glyphs; codes are glyphs now, so the map is the identity,
 * and the stream is left empty.
 */
static int
widths_by_gid(struct pdf_fonts *fs, struct face *f)
{
	struct haru_dict  *cid = haru_font_cidfont(f->font);
	struct haru_array *w, *run = NULL;
	long		   prev = -2;

	if ((w = haru_dict_get_array(cid, "W")) == NULL)
		return 0;
	if (haru_font_identity_map(f->font) != 0)
		return -1;
	haru_array_clear(w);
	for (long gid = 0; gid < 0x10000; gid++) {
		if (!USED(f->g, gid))
			continue;
		if (gid != prev + 1 || run == NULL) {
			if ((run = haru_array_new(fs->pdf, 0)) == NULL ||
			    haru_array_int(w, gid) != 0 ||
			    haru_array_array(w, run) != 0)
				return -1;
		}
		if (haru_array_int(run, haru_ttf_width(f->def,
		    (unsigned)gid)) != 0)
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
	if (haru_font_finish_now(font) != 0)
		return -1;
	pdf_zpages_add_stream(z, haru_font_file(font), 0);
	pdf_zpages_add_stream(z, haru_font_tounicode(font), 0);
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
		haru_ttf_set_tag(f->def, tag);
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
		struct haru_dict *cmap;
		struct buf	 b;
		int		 dup = 0, rc;

		if (f->font == NULL)
			continue;
		for (int j = 0; j < i; j++)
			if (fs->f[j].font == f->font)
				dup = 1;
		if (dup)
			continue;
		haru_ttf_subset(f->def, f->path, f->g->used);
		if (haru_font_cidfont(f->font) == NULL ||
		    widths_by_gid(fs, f) != 0)
			return -1;
		if ((cmap = haru_font_tounicode(f->font)) == NULL)
			continue;
		buf_init(&b);
		write_cmap(&b, f->g);
		haru_stream_clear(cmap);
		rc = haru_stream_write(cmap, b.data, b.len);
		buf_free(&b);
		if (rc != 0 || font_file_now(f->font, z) != 0)
			return -1;
	}
	return 0;
}
