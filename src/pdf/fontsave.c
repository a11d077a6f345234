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

/* A CID-keyed CFF font's CIDs by glyph id; cid NULL when they are the
 * glyph ids (or the font is not CID-keyed), as codes are. */
struct cids {
	int		 keyed;
	uint16_t	*cid;
};

/* The W array: the widths of the glyphs drawn, by CID, in runs of
 * consecutive CIDs. */
static struct haru_array *
widths(struct pdf_fonts *fs, const struct face *f, const struct cids *c)
{
	struct haru_array *w = haru_array_new(fs->pdf, 0), *run = NULL;
	long		   prev = -2, cid;

	for (long gid = 0; w != NULL && gid < 0x10000; gid++) {
		if (!USED(f->g, gid))
			continue;
		cid = c->cid != NULL ? c->cid[gid] : gid;
		if (cid != prev + 1 || run == NULL) {
			if ((run = haru_array_new(fs->pdf, 0)) == NULL ||
			    haru_array_int(w, cid) != 0 ||
			    haru_array_array(w, run) != 0)
				return NULL;
		}
		if (haru_array_int(run, fontfile_width(f->ff,
		    (unsigned)gid)) != 0)
			return NULL;
		prev = cid;
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
    const struct cids *c, struct pdf_zpages *z)
{
	struct haru_dict *file;
	struct buf	  b;
	int		  rc;

	buf_init(&b);
	if (subset_font(f->ff->face, f->g->used, c->keyed, &b) != 0) {
		diag_error(f->ff->key, 0, "HarfBuzz cannot subset this font");
		buf_free(&b);
		return NULL;
	}
	file = haru_stream_new(fs->pdf, 1);
	rc = file == NULL || haru_stream_write(file, b.data, b.len) != 0 ||
	    (f->ff->cff ? haru_dict_name(file, "Subtype", c->keyed ?
	    "CIDFontType0C" : "OpenType") :
	    haru_dict_int(file, "Length1", (long)b.len)) != 0;
	buf_free(&b);
	if (rc)
		return NULL;
	pdf_zpages_add_stream(z, file, 0);
	return file;
}

static struct haru_dict *
descriptor(struct pdf_fonts *fs, const struct face *f, const char *name,
    const struct cids *c, struct pdf_zpages *z)
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
	if (d == NULL || (file = font_program(fs, f, c, z)) == NULL ||
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
    const struct cids *cids, struct pdf_zpages *z)
{
	struct haru_dict  *c = haru_dict_new(fs->pdf, 1);
	struct haru_dict  *info = haru_dict_new(fs->pdf, 0);
	struct haru_array *w = widths(fs, f, cids);

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
	    descriptor(fs, f, name, cids, z)) != 0 ||
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

/*
 * A CID-keyed font whose glyphs drawn have other CIDs than their glyph
 * ids: an /Encoding CMap from the codes (glyph ids) to the CIDs.
 */
static int
encoding(struct pdf_fonts *fs, const struct face *f, const struct cids *c)
{
	struct haru_dict *s, *info;
	struct buf	  b;
	size_t		  n = 0, inblock = 0;
	int		  rc;

	if (c->cid == NULL)
		return haru_dict_name(f->ff->type0, "Encoding", "Identity-H");
	if ((s = haru_stream_new(fs->pdf, 1)) == NULL ||
	    (info = haru_dict_new(fs->pdf, 0)) == NULL ||
	    haru_dict_string(info, "Registry", "Adobe") != 0 ||
	    haru_dict_string(info, "Ordering", "Identity") != 0 ||
	    haru_dict_int(info, "Supplement", 0) != 0 ||
	    haru_dict_name(s, "Type", "CMap") != 0 ||
	    haru_dict_name(s, "CMapName", "Quire-GID-CID") != 0 ||
	    haru_dict_dict(s, "CIDSystemInfo", info) != 0)
		return -1;
	buf_init(&b);
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
	    "(Identity) /Supplement 0 >> def\n/CMapName /Quire-GID-CID def\n"
	    "/CMapType 1 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (size_t gid = 0; gid < 0x10000; gid++)
		n += USED(f->g, gid) != 0;
	for (size_t gid = 0; gid < 0x10000; gid++) {
		if (!USED(f->g, gid))
			continue;
		if (inblock == 0)
			buf_printf(&b, "%zu begincidchar\n", n < 100 ? n : 100);
		buf_printf(&b, "<%04zX> %u\n", gid, (unsigned)c->cid[gid]);
		n--;
		if (++inblock == 100) {
			buf_puts(&b, "endcidchar\n");
			inblock = 0;
		}
	}
	if (inblock)
		buf_puts(&b, "endcidchar\n");
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	rc = haru_stream_write(s, b.data, b.len);
	buf_free(&b);
	return rc != 0 ? -1 : haru_dict_dict(f->ff->type0, "Encoding", s);
}

/* Whether the font is CID-keyed CFF, and its CIDs unless they are the
 * glyph ids. */
static int
cids_of(const struct face *f, struct cids *c)
{
	int identity = 1;

	c->keyed = 0;
	c->cid = NULL;
	if (!f->ff->cff)
		return 0;
	c->cid = xcalloc(0x10000, sizeof(*c->cid));
	if ((c->keyed = subset_cids(f->ff->path, f->ff->index, f->g->used,
	    c->cid)) < 0) {
		diag_error(f->ff->key, 0, "FreeType cannot read this font");
		return -1;
	}
	for (unsigned gid = 0; c->keyed && gid < 0x10000; gid++)
		if (USED(f->g, gid) && c->cid[gid] != gid)
			identity = 0;
	if (!c->keyed || identity) {
		free(c->cid);
		c->cid = NULL;
	}
	return 0;
}

/* One font's objects; tag: the subset's, "ABCDEF" of "ABCDEF+Name". */
static int
font_finish(struct pdf_fonts *fs, const struct face *f, const char *tag,
    struct pdf_zpages *z)
{
	struct haru_dict  *t0 = f->ff->type0;
	struct haru_array *desc = haru_array_new(fs->pdf, 0);
	struct cids	   c;
	char		   name[80];
	int		   rc = -1;

	snprintf(name, sizeof(name), "%s+%s", tag, f->ff->psname);
	if (cids_of(f, &c) != 0)
		return -1;
	/* CIDFontType2 wants PDF 1.3, an OpenType font program 1.6. */
	if (haru_pdf_version(fs->pdf, f->ff->cff ? 6 : 3) == 0 &&
	    haru_dict_name(t0, "BaseFont", name) == 0 &&
	    encoding(fs, f, &c) == 0 &&
	    haru_array_dict(desc, cidfont(fs, f, name, &c, z)) == 0 &&
	    haru_dict_array(t0, "DescendantFonts", desc) == 0 &&
	    haru_dict_dict(t0, "ToUnicode", tounicode(fs, f, z)) == 0)
		rc = 0;
	free(c.cid);
	return rc;
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
		struct face *f = &fs->f[i];

		if (f->font == NULL || f->ff->done)
			continue;
		f->ff->done = 1;
		if (font_finish(fs, f, tag, z) != 0)
			return -1;
		for (int j = 5; j >= 0 && ++tag[j] > 'Z'; j--)
			tag[j] = 'A';
	}
	return 0;
}
