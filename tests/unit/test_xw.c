/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the content files' writer (src/epub/xw.c) against libxml2.
 * The same trees, hostile text and values included, are built through
 * xw_* and through libxml2's tree (epub_el, epub_text, epub_attr, which
 * the EPUB used before), and both written out: the bytes must be equal,
 * so xw.c escapes exactly what libxml2 escapes and lays out what it lays
 * out.  A check that no text can open markup follows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "epub/epub.h"
#include "read/parse.h"
#include "model_fixture.h"

/* Pieces of text chosen to hurt: markup, entities, quotes, the
 * characters libxml2 writes as references, controls XML cannot carry,
 * UTF-8 (valid, and code points XML refuses). */
/* The head xw_xhtml_doc writes, built through libxml2 as the chapters
 * were before xw.c: the reference its bytes are compared with. */
static xmlDocPtr
lx_xhtml_doc(const struct epub *e, const char *title, xmlNodePtr *body)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr html, head, n;

	html = xmlNewDocNode(d, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(d, html);
	xmlSetNs(html, xmlNewNs(html, BAD_CAST EPUB_XHTML_NS, NULL));
	xmlNewNs(html, BAD_CAST EPUB_OPS_NS, BAD_CAST "epub");
	xmlCreateIntSubset(d, BAD_CAST "html", NULL, NULL);
	/* Both attributes: lang for HTML readers, xml:lang for XML ones. */
	epub_attr(html, "lang", e->lang);
	epub_attr(html, "xml:lang", e->lang);
	/* Only a right-to-left document says so: ltr is every reader's
	 * default.  The nav and title page are made here too. */
	if (e->doc->set.dir == TD_RTL)
		epub_attr(html, "dir", "rtl");
	head = epub_el(html, "head");
	n = epub_el(head, "meta");
	epub_attr(n, "charset", "utf-8");
	n = epub_el(head, "title");
	epub_text(n, title != NULL && *title != '\0' ? title : "Untitled");
	if (e->has_css) {
		n = epub_el(head, "link");
		epub_attr(n, "rel", "stylesheet");
		epub_attr(n, "type", "text/css");
		epub_attr(n, "href", "epub.css");
	}
	if (e->extra_css) {
		/* The author's stylesheet, after quire's, so it wins. */
		n = epub_el(head, "link");
		epub_attr(n, "rel", "stylesheet");
		epub_attr(n, "type", "text/css");
		epub_attr(n, "href", "extra.css");
	}
	*body = epub_el(html, "body");
	return d;
}

static const char *const piece[] = {
	"<", ">", "&", "\"", "'", "\r", "\n", "\t", "&amp;", "<script>",
	"</p>", "]]>", "\x01", "\x0b", "\x0c", "\x7f", "\xc2\x85",
	"\xc2\x80", "\xef\xbf\xbe", "\xed\x9f\xbf", "\xc3\xa9",
	"\xf0\x9f\x98\x80", " ", "a", "word", "&#60;", "\"><img src=x>",
};
static const char *const names[] = {
	"p", "span", "code", "em", "div", "table", "tr", "td", "li", "br",
};
static const char *const attrs[] = {
	"class", "id", "href", "title", "epub:type", "xml:lang", "lang",
};

static uint32_t seed = 12345;

static uint32_t
rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static void
hostile(char *s, size_t cap)
{
	size_t len = 0, n = rnd(6);

	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *p = piece[rnd(sizeof(piece) / sizeof(*piece))];

		if (len + strlen(p) + 1 > cap)
			break;
		strcpy(s + len, p);
		len += strlen(p);
	}
}

#define MAXOPEN 64

/* One random tree in both forms; returns 1 when their bytes agree. */
static int
one_tree(const struct epub *e, int steps)
{
	struct xw *xo[MAXOPEN], *xbody;
	xmlNodePtr lo[MAXOPEN], lbody;
	struct xw_doc *xd;
	xmlDocPtr ld;
	char text[256], title[64];
	unsigned char *lbytes;
	char *xbytes;
	size_t llen, xlen;
	int nopen = 1, k, same;

	hostile(title, sizeof(title));
	xd = xw_xhtml_doc(e, title, &xbody);
	ld = lx_xhtml_doc(e, title, &lbody);
	xo[0] = xbody;
	lo[0] = lbody;
	for (int s = 0; s < steps; s++) {
		k = (int)rnd((uint32_t)nopen);
		switch (rnd(6)) {
		case 0: case 1:		/* an element, maybe kept open */
			if (nopen < MAXOPEN) {
				const char *n = names[rnd(10)];

				xo[nopen] = xw_el(xo[k], n);
				lo[nopen] = epub_el(lo[k], n);
				nopen++;
			}
			break;
		case 2:
			hostile(text, sizeof(text));
			xw_text(xo[k], text);
			epub_text(lo[k], text);
			break;
		case 3: {
			const char *a = attrs[rnd(7)];

			hostile(text, sizeof(text));
			xw_attr(xo[k], a, text);
			epub_attr(lo[k], a, text);
			break;
		}
		case 4:			/* what a code block does */
			if (rnd(4) == 0) {
				xw_empty_text(xo[k]);
				xmlAddChild(lo[k], xmlNewText(BAD_CAST ""));
			} else
				nopen = nopen > 1 ? nopen - 1 : 1;
			break;
		default: {		/* a task item's box */
			xmlNodePtr in = xmlNewNode(NULL, BAD_CAST "input");

			xw_prepend_el(xo[k], "input");
			if (lo[k]->children != NULL) {
				xmlAddPrevSibling(lo[k]->children, in);
				xmlAddPrevSibling(in->next,
				    xmlNewText(BAD_CAST " "));
			} else
				xmlAddChild(lo[k], in);
			break;
		}
		}
	}
	xbytes = xw_serialise(xd, &xlen);
	lbytes = epub_serialise(ld, &llen);
	xmlFreeDoc(ld);
	same = xlen == llen && memcmp(xbytes, lbytes, xlen) == 0;
	if (!same)
		printf("# xw:\n%s\n# libxml2:\n%s\n", xbytes, lbytes);
	free(xbytes);
	free(lbytes);
	return same;
}

/* Deep nesting: libxml2 indents at most 30 levels. */
static int
deep_tree(const struct epub *e)
{
	struct xw *x;
	xmlNodePtr l;
	struct xw_doc *xd = xw_xhtml_doc(e, "Deep", &x);
	xmlDocPtr ld = lx_xhtml_doc(e, "Deep", &l);
	unsigned char *lb;
	char *xb;
	size_t ll, xl;
	int same;

	for (int i = 0; i < 40; i++) {
		x = xw_el(x, "div");
		l = epub_el(l, "div");
	}
	xw_el(x, "br");
	epub_el(l, "br");
	xb = xw_serialise(xd, &xl);
	lb = epub_serialise(ld, &ll);
	xmlFreeDoc(ld);
	same = xl == ll && memcmp(xb, lb, xl) == 0;
	free(xb);
	free(lb);
	return same;
}

int
main(void)
{
	static const char md[] = "# T\n";
	struct doc *d = fixture_parse("t.md", md, strlen(md), NULL);
	struct epub e;
	struct xw_doc *xd;
	struct xw *body, *p;
	char *out, *c;
	size_t len;
	int agree = 1, i;

	memset(&e, 0, sizeof(e));
	e.doc = d;
	e.lang = "en";
	e.has_css = 1;
	for (i = 0; i < 400 && agree; i++)
		agree = one_tree(&e, 5 + (int)rnd(60));
	CHECK("xw: 400 random trees with hostile text written as libxml2 "
	    "writes them", agree);
	CHECK("xw: 40 levels deep written as libxml2 writes them",
	    deep_tree(&e));

	/* Text and values never open markup. */
	xd = xw_xhtml_doc(&e, "<title>&", &body);
	p = xw_el(body, "p");
	xw_attr(p, "title", "\"><script>alert(1)</script><p x=\"");
	xw_text(p, "</p><script>alert(2)</script>&lt;");
	out = xw_serialise(xd, &len);
	CHECK("xw: no <script in text or values", strstr(out, "<script") ==
	    NULL);
	c = strstr(out, "<p ");
	CHECK("xw: one paragraph, its value and text escaped", c != NULL &&
	    strcmp(c, "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script"
	    "&gt;&lt;p x=&quot;\">&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script"
	    "&gt;&amp;lt;</p>\n  </body>\n</html>\n") == 0);
	CHECK("xw: the title escaped", strstr(out,
	    "<title>&lt;title&gt;&amp;</title>") != NULL);
	free(out);
	doc_free(d);
	return check_failed;
}
