/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/package.c - the files around the content: title and cover
 * pages (the navigation document and NCX are toc.c's), the OPF package (metadata with schema.org accessibility
 * properties, manifest, spine) and META-INF/container.xml.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"

#define OPF_NS	"http://www.idpf.org/2007/opf"
#define DC_NS	"http://purl.org/dc/elements/1.1/"
#define CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"

/* ---- title page ------------------------------------------------------- */

struct xw_doc *
epub_coverpage(const struct epub *e)
{
	struct xw_doc *d;
	struct xw *body, *sec, *img;

	d = xw_xhtml_doc(e, e->title, &body);
	sec = xw_el(body, "section");
	xw_attr(sec, "class", "cover");
	xw_attr(sec, "epub:type", "cover");
	img = xw_el(sec, "img");
	xw_attr(img, "src", e->cover.name);
	xw_attr(img, "alt", e->title);
	xw_attr(img, "role", "doc-cover");
	return d;
}

struct xw_doc *
epub_titlepage(const struct epub *e)
{
	const struct meta *m = &e->doc->meta;
	struct xw_doc *d;
	struct xw *body, *sec, *el;
	const char **a;

	d = xw_xhtml_doc(e, e->title, &body);
	sec = xw_el(body, "section");
	xw_attr(sec, "class", "titlepage");
	xw_attr(sec, "aria-label", "Title page");
	el = xw_el(sec, "h1");
	xw_attr(el, "class", "title");
	xw_text(el, e->title);
	if (m->subtitle != NULL && m->subtitle[0] != '\0') {
		el = xw_el(sec, "p");
		xw_attr(el, "class", "subtitle");
		xw_text(el, m->subtitle);
	}
	for (a = m->authors; a != NULL && *a != NULL; a++) {
		el = xw_el(sec, "p");
		xw_attr(el, "class", "author");
		xw_text(el, *a);
	}
	if (m->date != NULL && m->date[0] != '\0') {
		el = xw_el(sec, "p");
		xw_attr(el, "class", "date");
		xw_text(el, m->date);
	}
	if (m->rights != NULL && m->rights[0] != '\0') {
		el = xw_el(sec, "p");
		xw_attr(el, "class", "rights");
		xw_text(el, m->rights);
	}
	return d;
}

/* ---- package.opf ------------------------------------------------------ */

/* W3CDTF as epubcheck wants it: YYYY, YYYY-MM, YYYY-MM-DD or a full
 * timestamp starting with YYYY-MM-DDT. */
static int
date_ok(const char *s)
{
	size_t n = strlen(s), i;
	static const char pat[] = "dddd-dd-dd";

	if (n != 4 && n != 7 && n < 10)
		return 0;
	for (i = 0; i < n && i < 10; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	return n <= 10 || s[10] == 'T';
}

static xmlNodePtr
dc(xmlNodePtr md, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr el = xmlNewChild(md, ns, BAD_CAST name, NULL);

	epub_text(el, text);
	return el;
}

static xmlNodePtr
meta_prop(xmlNodePtr md, const char *prop, const char *text)
{
	xmlNodePtr el = epub_el(md, "meta");

	epub_attr(el, "property", prop);
	epub_text(el, text);
	return el;
}

static void
item(xmlNodePtr manifest, const char *id, const char *href,
    const char *type, const char *props)
{
	xmlNodePtr el = epub_el(manifest, "item");

	epub_attr(el, "id", id);
	epub_attr(el, "href", href);
	epub_attr(el, "media-type", type);
	if (props != NULL)
		epub_attr(el, "properties", props);
}

static void
itemref(xmlNodePtr spine, const char *idref)
{
	epub_attr(epub_el(spine, "itemref"), "idref", idref);
}

static void
opf_metadata(const struct epub *e, xmlNodePtr pkg)
{
	const struct meta *m = &e->doc->meta;
	xmlNodePtr md, el;
	xmlNsPtr dcns;
	const char **a;
	char id[32], ref[40];
	int i;

	md = epub_el(pkg, "metadata");
	dcns = xmlNewNs(md, BAD_CAST DC_NS, BAD_CAST "dc");
	el = dc(md, dcns, "identifier", e->identifier);
	epub_attr(el, "id", "bookid");
	el = dc(md, dcns, "title", e->title);
	epub_attr(el, "id", "title");
	if (m->subtitle != NULL && m->subtitle[0] != '\0') {
		epub_attr(meta_prop(md, "title-type", "main"), "refines",
		    "#title");
		el = dc(md, dcns, "title", m->subtitle);
		epub_attr(el, "id", "subtitle");
		epub_attr(meta_prop(md, "title-type", "subtitle"), "refines",
		    "#subtitle");
	}
	dc(md, dcns, "language", e->lang);
	for (i = 1, a = m->authors; a != NULL && *a != NULL; a++, i++) {
		snprintf(id, sizeof(id), "creator%d", i);
		snprintf(ref, sizeof(ref), "#%s", id);
		el = dc(md, dcns, "creator", *a);
		epub_attr(el, "id", id);
		el = meta_prop(md, "role", "aut");
		epub_attr(el, "refines", ref);
		epub_attr(el, "scheme", "marc:relators");
	}
	if (m->date != NULL && m->date[0] != '\0') {
		if (date_ok(m->date))
			dc(md, dcns, "date", m->date);
		else
			diag_warn(NULL, 0, "date \"%s\" is not YYYY-MM-DD; "
			    "left out of the EPUB metadata", m->date);
	}
	if (m->description != NULL && m->description[0] != '\0')
		dc(md, dcns, "description", m->description);
	for (a = m->keywords; a != NULL && *a != NULL; a++)
		dc(md, dcns, "subject", *a);
	if (m->rights != NULL && m->rights[0] != '\0')
		dc(md, dcns, "rights", m->rights);
	meta_prop(md, "dcterms:modified", e->modified);

	/* schema.org accessibility metadata (EPUB Accessibility 1.1). */
	meta_prop(md, "schema:accessMode", "textual");
	if (e->nimages > 0)
		meta_prop(md, "schema:accessMode", "visual");
	meta_prop(md, "schema:accessModeSufficient", "textual");
	meta_prop(md, "schema:accessibilityFeature", "structuralNavigation");
	meta_prop(md, "schema:accessibilityFeature", "tableOfContents");
	meta_prop(md, "schema:accessibilityFeature", "readingOrder");
	meta_prop(md, "schema:accessibilityFeature", "displayTransformability");
	if (e->nimages > 0)
		meta_prop(md, "schema:accessibilityFeature", "alternativeText");
	meta_prop(md, "schema:accessibilityHazard", "none");
	meta_prop(md, "schema:accessibilitySummary",
	    e->st->epub.accessibility_summary ?
	    e->st->epub.accessibility_summary : "A text publication with a "
	    "table of contents, headings in reading order, data tables with "
	    "marked header cells, and no hazards. Text can be resized and "
	    "restyled by the reading system.");
	if (e->cover.data != NULL) {
		/* EPUB 2 readers find the cover by this. */
		xmlNodePtr cover = epub_el(md, "meta");

		epub_attr(cover, "name", "cover");
		epub_attr(cover, "content", "cover-image");
	}
}

xmlDocPtr
epub_opf(const struct epub *e)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr pkg, man, spine;
	char id[32];
	size_t i;

	pkg = xmlNewDocNode(d, NULL, BAD_CAST "package", NULL);
	xmlDocSetRootElement(d, pkg);
	xmlSetNs(pkg, xmlNewNs(pkg, BAD_CAST OPF_NS, NULL));
	epub_attr(pkg, "version", "3.0");
	epub_attr(pkg, "unique-identifier", "bookid");
	epub_attr(pkg, "xml:lang", e->lang);
	opf_metadata(e, pkg);

	man = epub_el(pkg, "manifest");
	item(man, "titlepage", "titlepage.xhtml", "application/xhtml+xml", NULL);
	item(man, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(man, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	if (e->has_css)
		item(man, "css", "epub.css", "text/css", NULL);
	if (e->extra_css)
		item(man, "css2", "extra.css", "text/css", NULL);
	if (e->cover.data != NULL) {
		item(man, "cover-image", e->cover.name, e->cover.mime,
		    "cover-image");
		item(man, "cover", "cover.xhtml", "application/xhtml+xml",
		    NULL);
	}
	for (i = 0; i < e->nfiles; i++) {
		snprintf(id, sizeof(id), "c%03zu", i + 1);
		item(man, id, e->files[i].name, "application/xhtml+xml", NULL);
	}
	for (i = 0; i < e->nimages; i++) {
		snprintf(id, sizeof(id), "img%03zu", i + 1);
		item(man, id, e->images[i].name, e->images[i].mime, NULL);
	}

	spine = epub_el(pkg, "spine");
	epub_attr(spine, "toc", "ncx");
	if (e->doc->set.dir == TD_RTL)
		epub_attr(spine, "page-progression-direction", "rtl");
	if (e->cover.data != NULL)
		itemref(spine, "cover");
	itemref(spine, "titlepage");
	itemref(spine, "nav");
	for (i = 0; i < e->nfiles; i++) {
		snprintf(id, sizeof(id), "c%03zu", i + 1);
		itemref(spine, id);
	}
	return d;
}

xmlDocPtr
epub_container(void)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root, rf;

	root = xmlNewDocNode(d, NULL, BAD_CAST "container", NULL);
	xmlDocSetRootElement(d, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST CONTAINER_NS, NULL));
	epub_attr(root, "version", "1.0");
	rf = epub_el(epub_el(root, "rootfiles"), "rootfile");
	epub_attr(rf, "full-path", EPUB_DIR "package.opf");
	epub_attr(rf, "media-type", "application/oebps-package+xml");
	return d;
}
