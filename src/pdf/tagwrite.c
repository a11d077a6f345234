/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/tagwrite.c - writing the tagged PDF's structure (tag.h) through
 * the libharu fence: the structure elements, the StructTreeRoot with
 * its ParentTree, the catalog's /MarkInfo, /Lang and
 * /ViewerPreferences, and the XMP metadata PDF/UA asks for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "haru/haru.h"
#include "model/doc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "tag.h"
#include "tagwrite.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

/* A string literal, its length known when compiled: the tree is
 * hundreds of thousands of short pieces, and strlen on each was felt. */
#define put_lit(b, s)	buf_put((b), (s), sizeof(s) - 1)

/* " N" or " N 0 R": numbers by hand, since the tree has hundreds of
 * thousands of them and printf's formatting was most of its cost. */
static void
put_int(struct buf *b, long v, int ref)
{
	char	 s[32], *q = s + sizeof(s);
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	if (ref) {
		q -= 4;
		memcpy(q, " 0 R", 4);
	}
	do {
		*--q = (char)('0' + a % 10);
		a /= 10;
	} while (a > 0);
	if (v < 0)
		*--q = '-';
	*--q = ' ';
	buf_put(b, q, (size_t)(s + sizeof(s) - q));
}

/* A text string as PDF wants it outside ASCII: UTF-16BE in hex. */
static void
text_string(struct buf *b, const char *s)
{
	size_t	 n = strlen(s), k;
	uint32_t cp;

	put_lit(b, "<FEFF");
	for (; n > 0; s += k, n -= k) {
		if ((k = utf8_decode(s, n, &cp)) == 0)
			k = 1, cp = 0xFFFD;
		buf_utf16hex(b, cp);
	}
	buf_putc(b, '>');
}

/* A language tag PDF can hold as a plain literal string: BCP 47's
 * letters, digits and hyphens (anything else is not a tag, and left
 * out). */
static int
lang_ok(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-");

	return n > 0 && n < 64 && s[n] == '\0';
}

/* A table cell's attributes: /Scope for a header cell, its spans. */
static void
cell_attrs(struct buf *b, const struct tag_elem *e)
{
	if (e->scope == SCOPE_NONE && e->rowspan <= 1 && e->colspan <= 1)
		return;
	put_lit(b, "/A<</O/Table");
	if (e->scope != SCOPE_NONE)
		buf_puts(b, e->scope == SCOPE_ROW ? "/Scope/Row" :
		    "/Scope/Column");
	if (e->rowspan > 1)
		buf_printf(b, "/RowSpan %d", e->rowspan);
	if (e->colspan > 1)
		buf_printf(b, "/ColSpan %d", e->colspan);
	put_lit(b, ">>");
}

/* One kid in an element's /K: an MCID on the element's own page as a
 * number, else a marked-content or object reference. */
static void
kid(struct buf *b, const struct tag_tree *t, const struct tag_elem *e,
    const struct tag_kid *c, const long *num, int has_pg)
{
	int page = TAG_KID_PAGE(c);

	if (c->kind == TK_ELEM)
		put_int(b, num[c->val], 1);
	else if (c->kind == TK_MCR && page == TAG_ELEM_PAGE(e))
		put_int(b, (long)c->val, 0);
	else if (c->kind == TK_MCR) {
		put_lit(b, "<</Type/MCR/Pg");
		put_int(b, t->pageobj[page], 1);
		put_lit(b, "/MCID");
		put_int(b, (long)c->val, 0);
		put_lit(b, ">>");
	} else {
		put_lit(b, "<</Type/OBJR/Obj");
		put_int(b, (long)c->val, 1);
		/* The element's /Pg serves when it is the same page. */
		if (page != TAG_ELEM_PAGE(e) || !has_pg) {
			put_lit(b, "/Pg");
			put_int(b, t->pageobj[page], 1);
		}
		put_lit(b, ">>");
	}
}

/*
 * Whether an element's /Alt is written: a Figure's always; a Link's
 * (its annotation's description) only when the Link holds nothing but
 * the annotation, its picture being decoration.  Such a link is what
 * WCAG calls a functional image: the reader must hear where it leads,
 * and the picture's file name would tell nothing (WCAG F30).  A Link
 * with text or a described picture is read by those, and an /Alt would
 * hide them (an /Alt replaces an element's content).
 */
static int
alt_needed(const struct tag_elem *e, const struct tag_kid *kids)
{
	if (strcmp(e->type, "Link") != 0)
		return 1;
	for (size_t j = 0; j < e->nkids; j++)
		if (kids[j].kind != TK_OBJR)
			return 0;
	return 1;
}

static void
element(struct buf *b, const struct tag_tree *t, size_t i, const long *num,
    long root)
{
	const struct tag_elem *e = &t->e[i];
	const struct tag_kid *kids = t->kid + e->kid0;
	const char *alt = TAG_STR(t, e->alt), *lang = TAG_STR(t, e->lang);
	int	mcids = 0;

	/* /Pg says which page an MCID given as a bare number is on: an
	 * element holding only elements (a list, a row) needs none. */
	for (size_t j = 0; j < e->nkids && !mcids; j++)
		mcids = kids[j].kind == TK_MCR &&
		    TAG_KID_PAGE(&kids[j]) == TAG_ELEM_PAGE(e);
	put_lit(b, "<</S/");
	buf_puts(b, e->type);
	put_lit(b, "/P");
	put_int(b, e->parent < 0 ? root : num[e->parent], 1);
	if (mcids) {
		put_lit(b, "/Pg");
		put_int(b, t->pageobj[TAG_ELEM_PAGE(e)], 1);
	}
	/* A single kid needs no array: most elements have one. */
	if (e->nkids == 1)
		put_lit(b, "/K");
	else
		put_lit(b, "/K[");
	for (size_t j = 0; j < e->nkids; j++)
		kid(b, t, e, &kids[j], num, mcids);
	if (e->nkids != 1)
		buf_putc(b, ']');
	if (alt != NULL && alt_needed(e, kids)) {
		put_lit(b, "/Alt");
		text_string(b, alt);
	}
	if (lang != NULL && lang_ok(lang)) {
		put_lit(b, "/Lang(");
		buf_puts(b, lang);
		buf_putc(b, ')');
	}
	cell_attrs(b, e);
	if (e->flags & (TAG_DISC | TAG_DECIMAL)) {
		put_lit(b, "/A<</O/List/ListNumbering/");
		buf_puts(b, e->flags & TAG_DISC ? "Disc" : "Decimal");
		put_lit(b, ">>");
	}
	put_lit(b, ">>");
}

/* The number tree from each page's /StructParents (its MCIDs'
 * elements) and each annotation's /StructParent: one /Nums array, its
 * keys in order. */
static void
parent_tree(struct buf *b, const struct tag_tree *t, const long *num)
{
	put_lit(b, "<</Nums[");
	for (size_t p = 0; p < t->npages; p++) {
		if (t->nmcid[p] == 0)
			continue;
		put_int(b, (long)p, 0);
		buf_putc(b, '[');
		for (size_t m = 0; m < t->nmcid[p]; m++)
			put_int(b, num[t->mcid_elem[p][m]], 1);
		buf_putc(b, ']');
	}
	for (size_t j = 0; j < t->nannots; j++) {
		put_int(b, (long)(t->npages + j), 0);
		put_int(b, num[t->annot_elem[j]], 1);
	}
	put_lit(b, "]>>");
}

/* At most this many structure types get a group of their own in
 * write_order; any beyond share the last (there are about 30). */
#define TYPE_GROUPS	48

/* Elements grouped together in write_order: a reader walks the tree in
 * its order, and poppler keeps only a few object streams parsed at a
 * time, so the groups stay within a stretch of the tree that a stream
 * or two hold.  Grouped across the whole tree, pdfinfo -struct took
 * 104 s on the bench corpus instead of 1.6 s; in stretches of 8000
 * (an object stream's worth), 2.2 s, and the code-heavy reference's
 * file is 7.06 MB (ungrouped 7.14, grouped whole 7.01, by 2000
 * 7.08). */
#define GROUP_SPAN	8000

/* Each element's type group, in group (any written, key set). */
static void
type_groups(const struct tag_tree *t, unsigned char *group)
{
	const char	*types[TYPE_GROUPS];
	size_t		 ntypes = 0;

	for (size_t i = 0; i < t->n; i++) {
		size_t g = 0;

		if (t->e[i].key == UINT64_MAX)
			continue;
		/* The types are string constants: the same pointer but for
		 * the first of each, so strcmp only when that fails. */
		while (g < ntypes && types[g] != t->e[i].type)
			g++;
		for (size_t k = 0; g == ntypes && k < ntypes; k++)
			if (strcmp(types[k], t->e[i].type) == 0)
				g = k;
		if (g == ntypes && ntypes < TYPE_GROUPS)
			types[ntypes++] = t->e[i].type;
		if (g == TYPE_GROUPS)
			g--;
		group[i] = (unsigned char)g;
	}
}

/*
 * The order the elements written (key set) are numbered and written
 * in, into order: in each stretch of GROUP_SPAN elements of the tree,
 * grouped by structure type (the types in the order they first come,
 * the tree's order within a type).  Elements alike then sit side by
 * side in the object streams, where Flate finds each one's pattern in
 * the one before.  An object's number says nothing of reading order
 * (the /K arrays say that).  Returns how many there are.
 */
static size_t
write_order(const struct tag_tree *t, size_t *order)
{
	unsigned char	*group = xcalloc(t->n + 1, 1);
	size_t		 n = 0;

	type_groups(t, group);
	for (size_t from = 0; from < t->n; from += GROUP_SPAN) {
		size_t to = from + GROUP_SPAN < t->n ? from + GROUP_SPAN :
		    t->n, at[TYPE_GROUPS + 1] = { 0 };

		for (size_t i = from; i < to; i++)
			if (t->e[i].key != UINT64_MAX)
				at[group[i] + 1]++;
		at[0] = n;
		for (size_t g = 1; g <= TYPE_GROUPS; g++)
			at[g] += at[g - 1];
		for (size_t i = from; i < to; i++)
			if (t->e[i].key != UINT64_MAX) {
				order[at[group[i]]++] = i;
				n++;
			}
	}
	free(group);
	return n;
}

/* The tree's objects, numbered from first (haru_save_with). */
int
tag_objects(void *ctx, long first, struct haru_objs *o)
{
	const struct tag_tree *t = ctx;
	long	  *num = xcalloc(t->n + 1, sizeof(*num)), next = first, root;
	size_t	  *order = xcalloc(t->n + 1, sizeof(*order)), n;
	struct buf b;

	for (size_t i = 0; i < t->n; i++)
		num[i] = -1;
	n = write_order(t, order);
	for (size_t k = 0; k < n; k++)
		num[order[k]] = next++;
	root = next;
	buf_init(&b);
	for (size_t k = 0; k < n; k++) {
		buf_reset(&b);
		element(&b, t, order[k], num, root);
		haru_objs_add(o, b.data, b.len);
	}
	free(order);
	buf_reset(&b);
	buf_printf(&b, "<</Type/StructTreeRoot/K[");
	if (num[0] >= 0)
		buf_printf(&b, "%ld 0 R", num[0]);
	buf_printf(&b, "]/ParentTree %ld 0 R/ParentTreeNextKey %zu>>",
	    root + 1, t->npages + t->nannots);
	haru_objs_add(o, b.data, b.len);
	buf_reset(&b);
	parent_tree(&b, t, num);
	haru_objs_add(o, b.data, b.len);
	buf_reset(&b);
	buf_printf(&b, "/StructTreeRoot %ld 0 R", root);
	haru_objs_catalog(o, b.data);
	buf_free(&b);
	free(num);
	return 0;
}

/* Text for XML: markup characters escaped, and characters XML 1.0
 * cannot hold (C0 controls) left out. */
static void
xml_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' ||
			    *s == '\n')
				buf_putc(b, *s);
		}
}

/* The XMP packet: title, authors, language and dates (from
 * SOURCE_DATE_EPOCH, like the info dictionary's), and the PDF/UA
 * identification. */
static void
xmp(struct buf *b, const struct doc *d)
{
	const struct meta *m = &d->meta;
	time_t	  t = (time_t)d->epoch;
	struct tm tm;
	char	  date[32];

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "<pdfuaid:part>1</pdfuaid:part>\n"
	    "<dc:format>application/pdf</dc:format>\n"
	    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(b, m->title);
	buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	if (m->authors != NULL && m->authors[0] != NULL) {
		buf_puts(b, "<dc:creator><rdf:Seq>");
		for (size_t i = 0; m->authors[i] != NULL; i++) {
			buf_puts(b, "<rdf:li>");
			xml_text(b, m->authors[i]);
			buf_puts(b, "</rdf:li>");
		}
		buf_puts(b, "</rdf:Seq></dc:creator>\n");
	}
	buf_puts(b, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(b, m->lang);
	buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	buf_printf(b, "<xmp:CreatorTool>quire %s</xmp:CreatorTool>\n"
	    "<xmp:CreateDate>%s</xmp:CreateDate>\n"
	    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>", QUIRE_VERSION, date, date);
}

static int
catalog(HPDF_Doc pdf, const struct doc *d)
{
	struct haru_dict *cat = haru_catalog(pdf);
	struct haru_dict *mi = haru_dict_new(pdf, 0);
	struct haru_dict *vp = haru_dict_new(pdf, 0);
	struct buf	  b;
	int		  rc;

	if (mi == NULL || vp == NULL ||
	    haru_dict_bool(mi, "Marked", 1) != 0 ||
	    haru_dict_dict(cat, "MarkInfo", mi) != 0 ||
	    haru_dict_bool(vp, "DisplayDocTitle", 1) != 0 ||
	    haru_dict_dict(cat, "ViewerPreferences", vp) != 0 ||
	    haru_dict_string(cat, "Lang", d->meta.lang ? d->meta.lang :
	    "und") != 0)
		return -1;
	buf_init(&b);
	xmp(&b, d);
	rc = haru_metadata(pdf, b.data, b.len);
	buf_free(&b);
	return rc != 0 ? -1 : haru_set_version_17(pdf);
}

int
tag_write(HPDF_Doc pdf, struct tag_tree *t, const struct doc *d)
{
	tag_finish(t);
	return catalog(pdf, d);
}
