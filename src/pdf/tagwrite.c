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
#include "tag.h"
#include "tagwrite.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

/* A table cell's attributes: /Scope for a header cell, its spans. */
static int
cell_attrs(HPDF_Doc pdf, struct haru_dict *d, const struct tag_elem *e)
{
	struct haru_dict *a;

	if (e->scope == SCOPE_NONE && e->rowspan <= 1 && e->colspan <= 1)
		return 0;
	if ((a = haru_dict_new(pdf, 0)) == NULL ||
	    haru_dict_name(a, "O", "Table") != 0)
		return -1;
	if (e->scope != SCOPE_NONE && haru_dict_name(a, "Scope",
	    e->scope == SCOPE_ROW ? "Row" : "Column") != 0)
		return -1;
	if (e->rowspan > 1 && haru_dict_int(a, "RowSpan", e->rowspan) != 0)
		return -1;
	if (e->colspan > 1 && haru_dict_int(a, "ColSpan", e->colspan) != 0)
		return -1;
	return haru_dict_dict(d, "A", a);
}

/* One kid of an element into its /K array: an MCID on the element's
 * own page as a number, else a marked-content or object reference. */
static int
kid(HPDF_Doc pdf, struct haru_array *k, const struct tag_elem *e,
    const struct tag_kid *c, struct haru_dict **ed, HPDF_Page *pages)
{
	struct haru_dict *r;

	if (c->kind == TK_ELEM)
		return haru_array_dict(k, ed[c->elem]);
	if (c->kind == TK_MCR && c->page == e->page)
		return haru_array_int(k, c->mcid);
	if ((r = haru_dict_new(pdf, 0)) == NULL ||
	    haru_dict_dict(r, "Pg", haru_page_dict(pages[c->page])) != 0)
		return -1;
	if (c->kind == TK_MCR)
		return haru_dict_name(r, "Type", "MCR") != 0 ||
		    haru_dict_int(r, "MCID", c->mcid) != 0 ||
		    haru_array_dict(k, r) != 0 ? -1 : 0;
	return haru_dict_name(r, "Type", "OBJR") != 0 ||
	    haru_dict_dict(r, "Obj", haru_annot_dict(c->obj)) != 0 ||
	    haru_array_dict(k, r) != 0 ? -1 : 0;
}

static int
element(HPDF_Doc pdf, const struct tag_tree *t, size_t i,
    struct haru_dict **ed, struct haru_dict *root, HPDF_Page *pages)
{
	const struct tag_elem *e = &t->e[i];
	struct haru_dict  *d = ed[i];
	struct haru_array *k = haru_array_new(pdf, 0);

	if (k == NULL || haru_dict_name(d, "Type", "StructElem") != 0 ||
	    haru_dict_name(d, "S", e->type) != 0 ||
	    haru_dict_dict(d, "P", e->parent < 0 ? root : ed[e->parent]) != 0 ||
	    haru_dict_dict(d, "Pg", haru_page_dict(pages[e->page])) != 0)
		return -1;
	for (size_t j = 0; j < e->nkids; j++)
		if (kid(pdf, k, e, &e->kids[j], ed, pages) != 0)
			return -1;
	if (haru_dict_array(d, "K", k) != 0)
		return -1;
	if (e->alt != NULL && haru_dict_text(d, "Alt", e->alt) != 0)
		return -1;
	return cell_attrs(pdf, d, e);
}

/* The number tree from each page's /StructParents (its MCIDs'
 * elements) and each annotation's /StructParent: one /Nums array, its
 * keys in order. */
static struct haru_dict *
parent_tree(HPDF_Doc pdf, const struct tag_tree *t, struct haru_dict **ed,
    HPDF_Page *pages)
{
	struct haru_dict  *pt = haru_dict_new(pdf, 1);
	struct haru_array *nums = haru_array_new(pdf, 0);

	if (pt == NULL || nums == NULL)
		return NULL;
	for (size_t p = 0; p < t->npages; p++) {
		struct haru_array *a;

		if (t->nmcid[p] == 0)
			continue;
		if ((a = haru_array_new(pdf, 0)) == NULL ||
		    haru_array_int(nums, (long)p) != 0 ||
		    haru_dict_int(haru_page_dict(pages[p]), "StructParents",
		    (long)p) != 0)
			return NULL;
		for (size_t m = 0; m < t->nmcid[p]; m++)
			if (haru_array_dict(a, ed[t->mcid_elem[p][m]]) != 0)
				return NULL;
		if (haru_array_array(nums, a) != 0)
			return NULL;
	}
	for (size_t j = 0; j < t->nannots; j++)
		if (haru_array_int(nums, (long)(t->npages + j)) != 0 ||
		    haru_array_dict(nums, ed[t->annot_elem[j]]) != 0)
			return NULL;
	return haru_dict_array(pt, "Nums", nums) != 0 ? NULL : pt;
}

static int
tree(HPDF_Doc pdf, const struct tag_tree *t, HPDF_Page *pages)
{
	struct haru_dict **ed = xcalloc(t->n + 1, sizeof(*ed));
	struct haru_dict  *root = haru_dict_new(pdf, 1), *pt;
	struct haru_array *k = haru_array_new(pdf, 0);
	int		   rc = -1;

	if (root == NULL || k == NULL ||
	    haru_dict_name(root, "Type", "StructTreeRoot") != 0)
		goto done;
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].key != UINT64_MAX &&
		    (ed[i] = haru_dict_new(pdf, 1)) == NULL)
			goto done;
	for (size_t i = 0; i < t->n; i++)
		if (ed[i] != NULL && element(pdf, t, i, ed, root, pages) != 0)
			goto done;
	if (ed[0] != NULL && haru_array_dict(k, ed[0]) != 0)
		goto done;
	if ((pt = parent_tree(pdf, t, ed, pages)) == NULL ||
	    haru_dict_array(root, "K", k) != 0 ||
	    haru_dict_dict(root, "ParentTree", pt) != 0 ||
	    haru_dict_int(root, "ParentTreeNextKey",
	    (long)(t->npages + t->nannots)) != 0)
		goto done;
	rc = haru_dict_dict(haru_catalog(pdf), "StructTreeRoot", root);
done:
	free(ed);
	return rc;
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
tag_write(HPDF_Doc pdf, struct tag_tree *t, HPDF_Page *pages,
    const struct doc *d)
{
	tag_finish(t);
	if (tree(pdf, t, pages) != 0)
		return -1;
	return catalog(pdf, d);
}
