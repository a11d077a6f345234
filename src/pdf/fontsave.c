/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/fontsave.c - the fonts' objects, written once the text is drawn.
 *
 * Text is written into the content streams directly, as glyph ids
 * (fontcodes.c), so each font used is a Type0 font with /Identity-H
 * codes over one CIDFont: CIDFontType2 with its TrueType subset as
 * FontFile2 and /CIDToGIDMap /Identity, or CIDFontType0 with its CFF
 * subset, inside its OpenType file, as FontFile3 /Subtype /OpenType
 * (the CIDs are glyph ids there: a CFF that is not CID-keyed is read
 * by glyph id, and a CID-keyed one's glyphs are checked to have their
 * own ids as CIDs, see cid_identity).  Each gets the widths of just the
 * glyphs drawn, and a ToUnicode CMap from what each glyph was recorded
 * to stand for.  The subsets come from HarfBuzz (subset.c).
 */
#include <stdio.h>
#include <string.h>

#include "haru/haru.h"
#include "util/buf.h"
#include "deflate.h"
#include "util/diag.h"
#include "fonts.h"
#include "fonts_int.h"
#include "util/utf8.h"
#include "subset.h"

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

/* The W array: the widths of the glyphs drawn, in runs of consecutive
 * glyph ids. */
static struct haru_array *
widths(struct pdf_fonts *fs, const struct face *f)
{
	struct haru_array *w = haru_array_new(fs->pdf, 0), *run = NULL;
	long		   prev = -2;

	for (long gid = 0; w != NULL && gid < 0x10000; gid++) {
		if (!USED(f->g, gid))
			continue;
		if (gid != prev + 1 || run == NULL) {
			if ((run = haru_array_new(fs->pdf, 0)) == NULL ||
			    haru_array_int(w, gid) != 0 ||
			    haru_array_array(w, run) != 0)
				return NULL;
		}
		if (haru_array_int(run, fontfile_width(f->ff,
		    (unsigned)gid)) != 0)
			return NULL;
		prev = gid;
	}
	return w;
}

static struct haru_array *
int_array(HPDF_Doc pdf, const int *v, int n)
{
	struct haru_array *a = haru_array_new(pdf, 0);

	for (int i = 0; a != NULL && i < n; i++)
		if (haru_array_int(a, v[i]) != 0)
			return NULL;
	return a;
}

/* The font program: the subset, compressed by the page compressors. */
static struct haru_dict *
font_program(struct pdf_fonts *fs, const struct face *f,
    struct pdf_zpages *z)
{
	struct haru_dict *file;
	struct buf	  b;
	int		  rc;

	buf_init(&b);
	if (subset_font(f->ff->face, f->g->used, &b) != 0) {
		diag_error(f->ff->key, 0, "HarfBuzz cannot subset this font");
		buf_free(&b);
		return NULL;
	}
	file = haru_stream_new(fs->pdf, 1);
	rc = file == NULL || haru_stream_write(file, b.data, b.len) != 0 ||
	    (f->ff->cff ? haru_dict_name(file, "Subtype", "OpenType") :
	    haru_dict_int(file, "Length1", (long)b.len)) != 0;
	buf_free(&b);
	if (rc)
		return NULL;
	pdf_zpages_add_stream(z, file, 0);
	return file;
}

static struct haru_dict *
descriptor(struct pdf_fonts *fs, const struct face *f, const char *name,
    struct pdf_zpages *z)
{
	struct haru_dict	*d = haru_dict_new(fs->pdf, 1), *file;
	struct fontfile_metrics	 m;
	int			 flags = 4;	/* symbolic: CIDs, no
						   standard encoding */

	fontfile_metrics(f->ff, &m);
	if (m.fixed_pitch)
		flags |= 1;
	if (m.italic_angle != 0)
		flags |= 64;
	if (d == NULL || (file = font_program(fs, f, z)) == NULL ||
	    haru_dict_name(d, "Type", "FontDescriptor") != 0 ||
	    haru_dict_name(d, "FontName", name) != 0 ||
	    haru_dict_int(d, "Flags", flags) != 0 ||
	    haru_dict_array(d, "FontBBox", int_array(fs->pdf, m.bbox, 4)) != 0 ||
	    haru_dict_real(d, "ItalicAngle", m.italic_angle) != 0 ||
	    haru_dict_int(d, "Ascent", m.ascent) != 0 ||
	    haru_dict_int(d, "Descent", m.descent) != 0 ||
	    haru_dict_int(d, "CapHeight", m.capheight) != 0 ||
	    /* Required, and read by no one: a middling stem. */
	    haru_dict_int(d, "StemV", 80) != 0 ||
	    haru_dict_dict(d, f->ff->cff ? "FontFile3" : "FontFile2",
	    file) != 0)
		return NULL;
	return d;
}

/* The CIDFont under the Type0 font. */
static struct haru_dict *
cidfont(struct pdf_fonts *fs, const struct face *f, const char *name,
    struct pdf_zpages *z)
{
	struct haru_dict  *c = haru_dict_new(fs->pdf, 1);
	struct haru_dict  *info = haru_dict_new(fs->pdf, 0);
	struct haru_array *w = widths(fs, f);

	if (c == NULL || info == NULL || w == NULL ||
	    haru_dict_string(info, "Registry", "Adobe") != 0 ||
	    haru_dict_string(info, "Ordering", "Identity") != 0 ||
	    haru_dict_int(info, "Supplement", 0) != 0 ||
	    haru_dict_name(c, "Type", "Font") != 0 ||
	    haru_dict_name(c, "Subtype", f->ff->cff ? "CIDFontType0" :
	    "CIDFontType2") != 0 ||
	    haru_dict_name(c, "BaseFont", name) != 0 ||
	    haru_dict_dict(c, "CIDSystemInfo", info) != 0 ||
	    haru_dict_dict(c, "FontDescriptor",
	    descriptor(fs, f, name, z)) != 0 ||
	    haru_dict_int(c, "DW", 1000) != 0 ||
	    haru_dict_array(c, "W", w) != 0 ||
	    (!f->ff->cff && haru_dict_name(c, "CIDToGIDMap", "Identity") != 0))
		return NULL;
	return c;
}

static struct haru_dict *
tounicode(struct pdf_fonts *fs, const struct face *f, struct pdf_zpages *z)
{
	struct haru_dict *s = haru_stream_new(fs->pdf, 1);
	struct buf	  b;
	int		  rc;

	if (s == NULL)
		return NULL;
	buf_init(&b);
	write_cmap(&b, f->g);
	rc = haru_stream_write(s, b.data, b.len);
	buf_free(&b);
	if (rc != 0)
		return NULL;
	pdf_zpages_add_stream(z, s, 0);
	return s;
}

/* One font's objects; tag: the subset's, "ABCDEF" of "ABCDEF+Name". */
static int
font_finish(struct pdf_fonts *fs, const struct face *f, const char *tag,
    struct pdf_zpages *z)
{
	struct haru_dict  *t0 = f->ff->type0;
	struct haru_array *desc = haru_array_new(fs->pdf, 0);
	char		   name[80];

	snprintf(name, sizeof(name), "%s+%s", tag, f->ff->psname);
	/* CIDFontType2 wants 1.3 (the libharu default of 1.2 would do for
	 * none of them); an OpenType font program 1.6. */
	if (haru_pdf_version(fs->pdf, f->ff->cff ? 6 : 3) != 0 ||
	    haru_dict_name(t0, "BaseFont", name) != 0 ||
	    haru_dict_name(t0, "Encoding", "Identity-H") != 0 ||
	    haru_array_dict(desc, cidfont(fs, f, name, z)) != 0 ||
	    haru_dict_array(t0, "DescendantFonts", desc) != 0 ||
	    haru_dict_dict(t0, "ToUnicode", tounicode(fs, f, z)) != 0)
		return -1;
	return 0;
}

/*
 * The fonts in the faces' order, whatever order the layout's threads
 * loaded them in, so that the objects and the subsets' tags (QUIRAA,
 * QUIRAB...) do not depend on it.
 */
int
pdf_fonts_finish(struct pdf_fonts *fs, struct pdf_zpages *z)
{
	char	tag[7] = "QUIRAA";

	for (int i = 0; i < LO_ALLFACES; i++) {
		struct face	*f = &fs->f[i];
		int		 dup = 0;

		if (f->font == NULL || f->owner == 0)
			continue;
		for (int j = 0; j < i; j++)
			if (fs->f[j].font == f->font)
				dup = 1;
		if (dup)
			continue;
		if (font_finish(fs, f, tag, z) != 0)
			return -1;
		for (int j = 5; j >= 0 && ++tag[j] > 'Z'; j--)
			tag[j] = 'A';
	}
	return 0;
}
