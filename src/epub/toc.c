/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/toc.c - the book's tables of contents: the EPUB 3 navigation
 * document (contents and landmarks) and the EPUB 2 NCX for older
 * readers, one entry a heading, written by xw.c (a book of reference
 * pages has thousands).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"

#define NCX_NS	"http://www.daisy.org/z3986/2005/ncx/"

/* ---- table of contents, shared by nav and NCX ------------------------- */

/*
 * Nesting from heading levels.  Levels may skip (h1 then h3) or start
 * deep; each entry nests one step under the last shallower one, and a
 * list item never gets two child lists.
 */
struct toc_level {
	int		 level;
	struct xw	* list;		/* <ol> or navMap/navPoint */
	struct xw	* last;		/* last <li> or navPoint in it */
};

typedef struct xw *(*toc_entry_fn)(const struct epub *, struct xw *list,
    size_t i, int *play);
typedef struct xw *(*toc_sublist_fn)(struct xw *item);

static int
toc_build(const struct epub *e, struct xw *root, toc_entry_fn entry,
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

static struct xw *
nav_entry(const struct epub *e, struct xw *ol, size_t i, int *play)
{
	struct xw *li = xw_el(ol, "li"), *a = xw_el(li, "a");
	char *h = toc_href(e, i);

	(void)play;
	xw_attr(a, "href", h);
	xw_text(a, e->toc[i].text);
	free(h);
	return li;
}

static struct xw *
nav_sublist(struct xw *li)
{
	struct xw *ol = xw_find_el(li, "ol");

	return ol != NULL ? ol : xw_el(li, "ol");
}

static void
landmark(struct xw *ol, const char *type, const char *href,
    const char *label)
{
	struct xw *a = xw_el(xw_el(ol, "li"), "a");

	xw_attr(a, "epub:type", type);
	xw_attr(a, "href", href);
	xw_text(a, label);
}

struct xw_doc *
epub_nav(const struct epub *e)
{
	const char *title = e->st->epub.toc_title;
	struct xw_doc *d;
	struct xw *body, *nav, *ol, *h;

	d = xw_xhtml_doc(e, title, &body);
	nav = xw_el(body, "nav");
	xw_attr(nav, "epub:type", "toc");
	xw_attr(nav, "role", "doc-toc");
	xw_attr(nav, "id", "toc");
	xw_attr(nav, "aria-labelledby", "toc-title");
	h = xw_el(nav, "h1");
	xw_attr(h, "id", "toc-title");
	xw_text(h, title);
	ol = xw_el(nav, "ol");
	if (e->ntoc == 0)	/* a book with no content files */
		landmark(ol, "titlepage", "titlepage.xhtml",
		    e->title);
	else
		toc_build(e, ol, nav_entry, nav_sublist);

	/* Landmarks: for the reading system's menus, hidden from the page. */
	nav = xw_el(body, "nav");
	xw_attr(nav, "epub:type", "landmarks");
	xw_attr(nav, "aria-label", "Landmarks");
	/* The class hides them in reading systems that ignore hidden. */
	xw_attr(nav, "class", "landmarks");
	xw_attr(nav, "hidden", "hidden");
	ol = xw_el(nav, "ol");
	landmark(ol, "titlepage", "titlepage.xhtml", "Title page");
	landmark(ol, "toc", "nav.xhtml#toc", title);
	if (e->nfiles > 0)
		landmark(ol, "bodymatter", e->files[0].name, "Start of content");
	return d;
}

/* ---- toc.ncx ---------------------------------------------------------- */

static struct xw *
ncx_point(struct xw *parent, int *play, const char *label, const char *href)
{
	struct xw *np = xw_el(parent, "navPoint"), *el;
	char buf[32];

	++*play;
	snprintf(buf, sizeof(buf), "np-%d", *play);
	xw_attr(np, "id", buf);
	snprintf(buf, sizeof(buf), "%d", *play);
	xw_attr(np, "playOrder", buf);
	el = xw_el(xw_el(np, "navLabel"), "text");
	xw_text(el, label);
	el = xw_el(np, "content");
	xw_attr(el, "src", href);
	return np;
}

static struct xw *
ncx_entry(const struct epub *e, struct xw *parent, size_t i, int *play)
{
	char *h = toc_href(e, i);
	struct xw *np;

	/* playOrder is the entry's place in reading order. */
	*play = (int)i;
	np = ncx_point(parent, play, e->toc[i].text, h);
	free(h);
	return np;
}

static struct xw *
ncx_sublist(struct xw *np)
{
	return np;	/* navPoints nest directly */
}

static void
ncx_meta(struct xw *head, const char *name, const char *content)
{
	struct xw *m = xw_el(head, "meta");

	xw_attr(m, "name", name);
	xw_attr(m, "content", content);
}

struct xw_doc *
epub_ncx(const struct epub *e)
{
	const char *title = e->title;
	struct xw_doc *d;
	struct xw *root, *head, *map, *depth_meta;
	int play = 0, depth;
	char buf[16];

	d = xw_new_doc("ncx", 0, &root);
	xw_attr(root, "xmlns", NCX_NS);
	xw_attr(root, "version", "2005-1");
	xw_attr(root, "xml:lang", e->lang);
	head = xw_el(root, "head");
	ncx_meta(head, "dtb:uid", e->identifier);
	depth_meta = xw_el(head, "meta");
	ncx_meta(head, "dtb:totalPageCount", "0");
	ncx_meta(head, "dtb:maxPageNumber", "0");
	xw_text(xw_el(xw_el(root, "docTitle"), "text"), title);
	map = xw_el(root, "navMap");
	if (e->ntoc == 0)
		ncx_point(map, &play, title, "titlepage.xhtml");
	depth = toc_build(e, map, ncx_entry, ncx_sublist);
	snprintf(buf, sizeof(buf), "%d", depth);
	xw_attr(depth_meta, "name", "dtb:depth");
	xw_attr(depth_meta, "content", buf);
	return d;
}

