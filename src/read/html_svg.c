/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_svg.c - an <svg> element written in the document's HTML becomes
 * a picture: an IMAGE whose bytes are the element as an SVG file,
 * cleaned like any SVG (svgclean.c), so every format shows it as a
 * picture (the EPUB as a file of its own, the PDF as vectors).
 *
 * libxml2's HTML parser knows no SVG: it lowers every name and puts the
 * element in no namespace.  The copy is put back as SVG is written: in
 * the SVG namespace, with the mixed-case names the HTML standard's
 * parser restores ("adjust SVG attributes", "SVG tag name
 * adjustments"), xlink:href as href, namespace declarations left to
 * libxml2.  Its alt text is its <title>, or its aria-label; without
 * either it is decoration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"
#include "read/svgclean.h"
#include "util/hash.h"

/* The HTML standard's lists of SVG names with capitals. */
static const char *const mixed[] = {
	"altGlyph", "altGlyphDef", "altGlyphItem", "animateColor",
	"animateMotion", "animateTransform", "clipPath", "feBlend",
	"feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
	"feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
	"feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge",
	"feMergeNode", "feMorphology", "feOffset", "fePointLight",
	"feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
	"foreignObject", "glyphRef", "linearGradient", "radialGradient",
	"textPath",
	"attributeName", "attributeType", "baseFrequency", "baseProfile",
	"calcMode", "clipPathUnits", "diffuseConstant", "edgeMode",
	"filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
	"kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines",
	"keyTimes", "lengthAdjust", "limitingConeAngle", "markerHeight",
	"markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
	"numOctaves", "pathLength", "patternContentUnits",
	"patternTransform", "patternUnits", "pointsAtX", "pointsAtY",
	"pointsAtZ", "preserveAlpha", "preserveAspectRatio",
	"primitiveUnits", "refX", "refY", "repeatCount", "repeatDur",
	"requiredExtensions", "requiredFeatures", "specularConstant",
	"specularExponent", "spreadMethod", "startOffset", "stdDeviation",
	"stitchTiles", "surfaceScale", "systemLanguage", "tableValues",
	"targetX", "targetY", "textLength", "viewBox", "viewTarget",
	"xChannelSelector", "yChannelSelector", "zoomAndPan", NULL
};

static const char *
svg_name(const char *lower)
{
	for (int i = 0; mixed[i] != NULL; i++)
		if (strcasecmp(mixed[i], lower) == 0)
			return mixed[i];
	return NULL;
}

/* The copy's names put back, in the SVG namespace. */
static void
adjust(xmlNodePtr n, xmlNsPtr ns)
{
	for (; n != NULL; n = n->next) {
		xmlAttrPtr a, next;
		const char *name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlSetNs(n, ns);
		if ((name = svg_name((const char *)n->name)) != NULL)
			xmlNodeSetName(n, (const xmlChar *)name);
		for (a = n->properties; a != NULL; a = next) {
			next = a->next;
			name = (const char *)a->name;
			if (strcmp(name, "xmlns") == 0 ||
			    strncmp(name, "xmlns:", 6) == 0)
				xmlRemoveProp(a);
			else if (strcmp(name, "xlink:href") == 0)
				xmlNodeSetName((xmlNodePtr)a,
				    (const xmlChar *)"href");
			else if ((name = svg_name(name)) != NULL)
				xmlNodeSetName((xmlNodePtr)a,
				    (const xmlChar *)name);
		}
		adjust(n->children, ns);
	}
}

/* The element's alt text: its first <title>, else its aria-label. */
static char *
alt_text(xmlNodePtr el)
{
	xmlChar *v;
	char *s;

	for (xmlNodePtr k = el->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)k->name, "title") == 0) {
			v = xmlNodeGetContent(k);
			s = xstrdup(v != NULL ? (const char *)v : "");
			xmlFree(v);
			return s;
		}
	v = xmlGetProp(el, (const xmlChar *)"aria-label");
	s = xstrdup(v != NULL ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* The element as an SVG file's bytes (xmlFree them), or NULL. */
static xmlChar *
as_svg(xmlNodePtr el, int *len)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 copy;
	xmlChar		*mem = NULL;

	if (doc == NULL || (copy = xmlDocCopyNode(el, doc, 1)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, copy);
	adjust(copy, xmlNewNs(copy, (const xmlChar *)
	    "http://www.w3.org/2000/svg", NULL));
	xmlDocDumpMemoryEnc(doc, &mem, len, "UTF-8");
	xmlFreeDoc(doc);
	return mem;
}

struct node *
html_svg_image(struct doc *d, xmlNodePtr el, const char *file, int line)
{
	unsigned char	*clean;
	const char	*why;
	struct node	*img, *t;
	xmlChar		*svg;
	size_t		 len;
	char		 name[32], *alt;
	int		 n;

	if ((svg = as_svg(el, &n)) == NULL || n <= 0 ||
	    svg_clean(svg, (size_t)n, &clean, &len, &why) != 0) {
		xmlFree(svg);
		diag_warn(file, line, "<svg> element: %s; dropped",
		    svg != NULL ? why : "cannot be read");
		return NULL;
	}
	xmlFree(svg);
	img = doc_node(d, N_IMAGE, file, line);
	/* Named by what it holds: the same on every run, and the same
	 * picture twice is one. */
	snprintf(name, sizeof(name), "inline-SVG-%016llx",
	    (unsigned long long)hash_bytes(HASH_FNV0, clean, len));
	img->u.link.url = "";
	img->u.link.title = "";
	img->u.link.kind = LINK_FILE;
	img->u.link.format = IMG_SVG;
	img->u.link.path = doc_strdup(d, name);
	img->u.link.data = doc_alloc(d, len);
	memcpy((unsigned char *)img->u.link.data, clean, len);
	img->u.link.data_len = len;
	free(clean);
	alt = alt_text(el);
	if (*alt != '\0') {
		t = doc_node(d, N_TEXT, file, line);
		t->text = doc_strdup(d, alt);
		doc_append(img, t);
	}
	free(alt);
	return img;
}

/* The first <svg> element at or under n. */
static xmlNodePtr
find_svg(xmlNodePtr n)
{
	xmlNodePtr f;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "svg") == 0)
			return n;
		if ((f = find_svg(n->children)) != NULL)
			return f;
	}
	return NULL;
}

struct node *
html_svg_text(struct doc *d, const char *html, const char *file, int line)
{
	htmlDocPtr	 doc;
	xmlNodePtr	 el;
	struct node	*img = NULL;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_OPTIONS);
	if (doc != NULL && (el = find_svg(html_body(doc))) != NULL)
		img = html_svg_image(d, el, file, line);
	if (doc != NULL)
		xmlFreeDoc(doc);
	return img;
}
