/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/svgclean.c - an SVG picture made safe to publish, once, as the
 * document is read: both the EPUB (which stores it) and the PDF (which
 * draws it with librsvg) get the cleaned bytes only.
 *
 * An SVG is a program as much as a picture: it can run scripts, react
 * to events, pull in other files and web addresses, and embed HTML.  So
 * libxml2 parses it (no network, no external entities, no DTD loaded)
 * and what is left is a picture: no <script>, <foreignObject>, nor
 * animation that could rewrite a link; no on* attribute; no link or
 * style that leads outside the picture but to embedded PNG, JPEG or
 * GIF data; no element or attribute in another vocabulary (an editor's
 * own, which EPUB readers need not know); no processing instruction.
 * A link becomes a group: a picture shown as an image is not clicked.
 * A file that declares entities is refused: they are how XML pulls in
 * other files and how it explodes in size.
 */
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "read/svgclean.h"
#include "util/diag.h"

#define SVG_NS		"http://www.w3.org/2000/svg"
#define XLINK_NS	"http://www.w3.org/1999/xlink"
#define XML_NS		"http://www.w3.org/XML/1998/namespace"

/* Elements removed with what they hold. */
static const char *const drop_el[] = { "script", "foreignObject", "set",
	"animate", "animateMotion", "animateTransform", "animateColor",
	"handler", "listener", "iframe", "metadata", NULL };

static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* Whether a reference stays inside the picture: a fragment, or
 * embedded raster data. */
static int
local_ref(const char *v)
{
	v += strspn(v, " \t\r\n");
	return v[0] == '#' || strncasecmp(v, "data:image/png", 14) == 0 ||
	    strncasecmp(v, "data:image/jpeg", 15) == 0 ||
	    strncasecmp(v, "data:image/gif", 14) == 0;
}

/* Whether CSS text leads outside the picture: an @import, or a url()
 * that is not local. */
static int
css_leaks(const char *css)
{
	const char *p;

	if (strstr(css, "@import") != NULL || strstr(css, "\\") != NULL)
		return 1;
	for (p = css; (p = strstr(p, "url(")) != NULL; p += 4) {
		const char *v = p + 4 + strspn(p + 4, " \t\r\n\"'");

		if (!local_ref(v))
			return 1;
	}
	return 0;
}

/* Whether the attribute goes: an event handler, a link outside, a
 * style that leads outside, another vocabulary's. */
static int
bad_attr(xmlAttrPtr a)
{
	const char *name = (const char *)a->name;
	xmlChar *v;
	int bad = 0;

	if (a->ns != NULL && strcmp((const char *)a->ns->href, XLINK_NS) != 0 &&
	    strcmp((const char *)a->ns->href, XML_NS) != 0)
		return 1;
	if (strncasecmp(name, "on", 2) == 0)
		return 1;
	if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
		return 0;
	if (strcmp(name, "href") == 0 || strcmp(name, "src") == 0)
		bad = !local_ref((const char *)v) ||
		    strcmp((const char *)a->parent->name, "g") == 0;
	else if (strcmp(name, "style") == 0 || strstr((const char *)v,
	    "url(") != NULL)
		bad = css_leaks((const char *)v);
	xmlFree(v);
	return bad;
}

/* Whether the element goes, with all it holds. */
static int
bad_element(xmlNodePtr n)
{
	xmlChar *css;
	int bad;

	if (n->type == XML_PI_NODE || n->type == XML_ENTITY_REF_NODE ||
	    n->type == XML_DTD_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (n->ns == NULL || strcmp((const char *)n->ns->href, SVG_NS) != 0 ||
	    listed(drop_el, (const char *)n->name))
		return 1;
	if (strcmp((const char *)n->name, "style") != 0)
		return 0;
	css = xmlNodeGetContent(n);
	bad = css == NULL || css_leaks((const char *)css);
	xmlFree(css);
	return bad;
}

static void
clean(xmlNodePtr n)
{
	xmlNodePtr next;
	xmlAttrPtr a, an;

	for (; n != NULL; n = next) {
		next = n->next;
		if (bad_element(n)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* A picture shown as an image is not interactive: a link
		 * in it is only a group (and EPUB checkers want a title for
		 * every link). */
		if (strcmp((const char *)n->name, "a") == 0)
			xmlNodeSetName(n, (const xmlChar *)"g");
		for (a = n->properties; a != NULL; a = an) {
			an = a->next;
			if (bad_attr(a))
				xmlRemoveProp(a);
		}
		clean(n->children);
	}
}

/* Whether the picture declares entities (in its DTD) or uses any. */
static int
has_entities(xmlDocPtr doc)
{
	return doc->intSubset != NULL && (doc->intSubset->entities != NULL ||
	    doc->intSubset->pentities != NULL);
}

int
svg_clean(const unsigned char *in, size_t len, unsigned char **out,
    size_t *outlen, const char **why)
{
	xmlDocPtr	doc;
	xmlNodePtr	root;
	xmlChar		*mem = NULL;
	int		n = 0;

	*out = NULL;
	*outlen = 0;
	*why = "not an SVG picture";
	if (len > (size_t)1 << 30)
		return -1;
	doc = xmlReadMemory((const char *)in, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		*why = "not well-formed XML";
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL || strcmp((const char *)root->name,
	    "svg") != 0 || strcmp((const char *)root->ns->href, SVG_NS) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	if (has_entities(doc)) {
		*why = "it declares XML entities";
		xmlFreeDoc(doc);
		return -1;
	}
	if (doc->intSubset != NULL) {
		xmlNodePtr dtd = (xmlNodePtr)doc->intSubset;

		xmlUnlinkNode(dtd);
		xmlFreeDtd((xmlDtdPtr)dtd);
	}
	clean(doc->children);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	xmlFreeDoc(doc);
	if (mem == NULL || n <= 0) {
		xmlFree(mem);
		*why = "it cannot be written out";
		return -1;
	}
	*out = xmalloc((size_t)n);
	memcpy(*out, mem, (size_t)n);
	*outlen = (size_t)n;
	xmlFree(mem);
	return 0;
}

int
svg_sniff(const unsigned char *b, size_t n)
{
	size_t i = 0;

	/* A UTF-8 byte order mark, then white space. */
	if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
	    b[i] == '\n'))
		i++;
	/* An XML declaration, a comment, a DOCTYPE or the element: it is
	 * parsed in full (svg_clean) before anything is believed. */
	return (n - i >= 5 && memcmp(b + i, "<?xml", 5) == 0) ||
	    (n - i >= 4 && memcmp(b + i, "<svg", 4) == 0) ||
	    (n - i >= 4 && memcmp(b + i, "<!--", 4) == 0) ||
	    (n - i >= 9 && memcmp(b + i, "<!DOCTYPE", 9) == 0);
}
