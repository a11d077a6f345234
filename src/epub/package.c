/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/package.c - the files around the content: title page, EPUB 3
 * navigation document (contents and landmarks), EPUB 2 NCX for older
 * readers, the OPF package (metadata with schema.org accessibility
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
#define NCX_NS	"http://www.daisy.org/z3986/2005/ncx/"
#define CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"

/* ---- title page ------------------------------------------------------- */

xmlDocPtr
epub_coverpage(const struct epub *e)
{
	xmlDocPtr d;
	xmlNodePtr body, sec, img;

	d = epub_xhtml_doc(e, e->title, &body);
	sec = epub_el(body, "section");
	epub_attr(sec, "class", "cover");
	epub_xtype(sec, "cover");
	img = epub_el(sec, "img");
	epub_attr(img, "src", e->cover.name);
	epub_attr(img, "alt", e->title);
	epub_attr(img, "role", "doc-cover");
	return d;
}

xmlDocPtr
epub_titlepage(const struct epub *e)
{
	const struct meta *m = &e->doc->meta;
	xmlDocPtr d;
	xmlNodePtr body, sec, el;
	const char **a;

	d = epub_xhtml_doc(e, e->title, &body);
	sec = epub_el(body, "section");
	epub_attr(sec, "class", "titlepage");
	epub_attr(sec, "aria-label", "Title page");
	el = epub_el(sec, "h1");
	epub_attr(el, "class", "title");
	epub_text(el, e->title);
	if (m->subtitle != NULL && m->subtitle[0] != '\0') {
		el = epub_el(sec, "p");
		epub_attr(el, "class", "subtitle");
		epub_text(el, m->subtitle);
	}
	for (a = m->authors; a != NULL && *a != NULL; a++) {
		el = epub_el(sec, "p");
		epub_attr(el, "class", "author");
		epub_text(el, *a);
	}
	if (m->date != NULL && m->date[0] != '\0') {
		el = epub_el(sec, "p");
		epub_attr(el, "class", "date");
		epub_text(el, m->date);
	}
	if (m->rights != NULL && m->rights[0] != '\0') {
		el = epub_el(sec, "p");
		epub_attr(el, "class", "rights");
		epub_text(el, m->rights);
	}
	return d;
}

/* ---- table of contents, shared by nav and NCX ------------------------- */

/*
 * Nesting from heading levels.  Levels may skip (h1 then h3) or start
 * deep; each entry nests one step under the last shallower one, and a
 * list item never gets two child lists.
 */
struct toc_level {
	int		 level;
	xmlNodePtr	 list;		/* <ol> or navMap/navPoint */
	xmlNodePtr	 last;		/* last <li> or navPoint in it */
};

typedef xmlNodePtr (*toc_entry_fn)(const struct epub *, xmlNodePtr list,
    size_t i, int *play);
typedef xmlNodePtr (*toc_sublist_fn)(xmlNodePtr item);

static int
toc_build(const struct epub *e, xmlNodePtr root, toc_entry_fn entry,
    toc_sublist_fn sublist)
{
	struct toc_level *st = xmalloc((e->ntoc + 1) * sizeof(*st));
	size_t i, sp = 0;
	int level, play = 0, maxdepth = 1;

	st[0].level = e->ntoc ? e->toc[0].level : 1;
	st[0].list = root;
	st[0].last = NULL;
	for (i = 0; i < e->ntoc; i++) {
		level = e->toc[i].level;
		while (sp > 0 && level < st[sp].level)
			sp--;
		if (level > st[sp].level && st[sp].last != NULL) {
			sp++;
			st[sp].level = level;
			st[sp].list = sublist(st[sp - 1].last);
			st[sp].last = NULL;
		} else if (level > st[sp].level)
			st[sp].level = level;
		st[sp].last = entry(e, st[sp].list, i, &play);
		if ((int)sp + 1 > maxdepth)
			maxdepth = (int)sp + 1;
	}
	free(st);
	return maxdepth;
}

static char *
toc_href(const struct epub *e, size_t i)
{
	const struct epub_toc *t = &e->toc[i];
	const char *name = e->files[t->file].name;
	char *h = xmalloc(strlen(name) + (t->id ? strlen(t->id) : 0) + 2);

	strcpy(h, name);
	if (t->id != NULL) {
		strcat(h, "#");
		strcat(h, t->id);
	}
	return h;
}

/* ---- nav.xhtml -------------------------------------------------------- */

static xmlNodePtr
nav_entry(const struct epub *e, xmlNodePtr ol, size_t i, int *play)
{
	xmlNodePtr li = epub_el(ol, "li"), a = epub_el(li, "a");
	char *h = toc_href(e, i);

	(void)play;
	epub_attr(a, "href", h);
	epub_text(a, e->toc[i].text);
	free(h);
	return li;
}

static xmlNodePtr
nav_sublist(xmlNodePtr li)
{
	xmlNodePtr c;

	for (c = li->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "ol") == 0)
			return c;
	return epub_el(li, "ol");
}

static void
landmark(xmlNodePtr ol, const char *type, const char *href,
    const char *label)
{
	xmlNodePtr a = epub_el(epub_el(ol, "li"), "a");

	epub_xtype(a, type);
	epub_attr(a, "href", href);
	epub_text(a, label);
}

xmlDocPtr
epub_nav(const struct epub *e)
{
	const char *title = e->st->epub.toc_title;
	xmlDocPtr d;
	xmlNodePtr body, nav, ol, h;

	d = epub_xhtml_doc(e, title, &body);
	nav = epub_el(body, "nav");
	epub_xtype(nav, "toc");
	epub_attr(nav, "role", "doc-toc");
	epub_attr(nav, "id", "toc");
	epub_attr(nav, "aria-labelledby", "toc-title");
	h = epub_el(nav, "h1");
	epub_attr(h, "id", "toc-title");
	epub_text(h, title);
	ol = epub_el(nav, "ol");
	if (e->ntoc == 0)	/* a book with no content files */
		landmark(ol, "titlepage", "titlepage.xhtml",
		    e->title);
	else
		toc_build(e, ol, nav_entry, nav_sublist);

	/* Landmarks: for the reading system's menus, hidden from the page. */
	nav = epub_el(body, "nav");
	epub_xtype(nav, "landmarks");
	epub_attr(nav, "aria-label", "Landmarks");
	/* The class hides them in reading systems that ignore hidden. */
	epub_attr(nav, "class", "landmarks");
	epub_attr(nav, "hidden", "hidden");
	ol = epub_el(nav, "ol");
	landmark(ol, "titlepage", "titlepage.xhtml", "Title page");
	landmark(ol, "toc", "nav.xhtml#toc", title);
	if (e->nfiles > 0)
		landmark(ol, "bodymatter", e->files[0].name, "Start of content");
	return d;
}

/* ---- toc.ncx ---------------------------------------------------------- */

static xmlNodePtr
ncx_point(xmlNodePtr parent, int *play, const char *label, const char *href)
{
	xmlNodePtr np = epub_el(parent, "navPoint"), el;
	char buf[32];

	++*play;
	snprintf(buf, sizeof(buf), "np-%d", *play);
	epub_attr(np, "id", buf);
	snprintf(buf, sizeof(buf), "%d", *play);
	epub_attr(np, "playOrder", buf);
	el = epub_el(epub_el(np, "navLabel"), "text");
	epub_text(el, label);
	el = epub_el(np, "content");
	epub_attr(el, "src", href);
	return np;
}

static xmlNodePtr
ncx_entry(const struct epub *e, xmlNodePtr parent, size_t i, int *play)
{
	char *h = toc_href(e, i);
	xmlNodePtr np;

	/* playOrder is the entry's place in reading order. */
	*play = (int)i;
	np = ncx_point(parent, play, e->toc[i].text, h);
	free(h);
	return np;
}

static xmlNodePtr
ncx_sublist(xmlNodePtr np)
{
	return np;	/* navPoints nest directly */
}

static void
ncx_meta(xmlNodePtr head, const char *name, const char *content)
{
	xmlNodePtr m = epub_el(head, "meta");

	epub_attr(m, "name", name);
	epub_attr(m, "content", content);
}

xmlDocPtr
epub_ncx(const struct epub *e)
{
	const char *title = e->title;
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root, head, map, depth_meta;
	int play = 0, depth;
	char buf[16];

	root = xmlNewDocNode(d, NULL, BAD_CAST "ncx", NULL);
	xmlDocSetRootElement(d, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST NCX_NS, NULL));
	epub_attr(root, "version", "2005-1");
	epub_attr(root, "xml:lang", e->lang);
	head = epub_el(root, "head");
	ncx_meta(head, "dtb:uid", e->identifier);
	depth_meta = epub_el(head, "meta");
	ncx_meta(head, "dtb:totalPageCount", "0");
	ncx_meta(head, "dtb:maxPageNumber", "0");
	epub_text(epub_el(epub_el(root, "docTitle"), "text"), title);
	map = epub_el(root, "navMap");
	if (e->ntoc == 0)
		ncx_point(map, &play, title, "titlepage.xhtml");
	depth = toc_build(e, map, ncx_entry, ncx_sublist);
	snprintf(buf, sizeof(buf), "%d", depth);
	epub_attr(depth_meta, "name", "dtb:depth");
	epub_attr(depth_meta, "content", buf);
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
