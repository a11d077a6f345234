/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html.c - raw HTML to model nodes: the element table, attributes and
 * the nodes elements make.  html_chapter.c is the pass over a chapter
 * (see html.h); html_inline.c maps inline tags, html_block.c block
 * fragments; both build nodes through html_node().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html.h"
#include "read/html_int.h"

/*
 * Every HTML element name (the living standard's, and the obsolete ones
 * real documents still carry), sorted for a binary search.  A name not
 * here is not HTML, and stays visible as written.
 */
static const struct html_tag tags[] = {
	{ "a", R_INLINE, N_LINK }, { "abbr", R_TRANSPARENT, 0 },
	{ "acronym", R_TRANSPARENT, 0 }, { "address", R_BLOCK, N_DIV },
	{ "applet", R_DROP, 0 }, { "area", R_DROP, 0 },
	{ "article", R_BLOCK, N_DIV }, { "aside", R_BLOCK, N_DIV },
	{ "audio", R_DROP, 0 }, { "b", R_INLINE, N_STRONG },
	{ "base", R_DROP, 0 }, { "basefont", R_DROP, 0 },
	{ "bdi", R_TRANSPARENT, 0 }, { "bdo", R_TRANSPARENT, 0 },
	{ "bgsound", R_DROP, 0 }, { "big", R_TRANSPARENT, 0 },
	{ "blink", R_TRANSPARENT, 0 }, { "blockquote", R_BLOCK, N_QUOTE },
	{ "body", R_TRANSPARENT, 0 }, { "br", R_VOID, N_LINEBREAK },
	{ "button", R_DROP, 0 }, { "canvas", R_DROP, 0 },
	{ "caption", R_PART, N_CAPTION }, { "center", R_BLOCK, N_DIV },
	{ "cite", R_INLINE, N_EMPH }, { "code", R_CODE, N_CODE },
	{ "col", R_DROP, 0 }, { "colgroup", R_DROP, 0 },
	{ "data", R_TRANSPARENT, 0 }, { "datalist", R_DROP, 0 },
	{ "dd", R_PART, N_DEFDATA }, { "del", R_INLINE, N_STRIKE },
	{ "details", R_BLOCK, N_DETAILS }, { "dfn", R_INLINE, N_EMPH },
	{ "dialog", R_BLOCK, N_DIV }, { "dir", R_BLOCK, N_LIST },
	{ "div", R_BLOCK, N_DIV }, { "dl", R_BLOCK, N_DEFLIST },
	{ "dt", R_PART, N_DEFTERM }, { "em", R_INLINE, N_EMPH },
	{ "embed", R_DROP, 0 }, { "fieldset", R_BLOCK, N_DIV },
	{ "figcaption", R_PART, N_CAPTION }, { "figure", R_BLOCK, N_FIGURE },
	{ "font", R_TRANSPARENT, 0 }, { "footer", R_BLOCK, N_DIV },
	{ "form", R_DROP, 0 }, { "frame", R_DROP, 0 },
	{ "frameset", R_DROP, 0 }, { "h1", R_TEXTBLOCK, N_HEADING },
	{ "h2", R_TEXTBLOCK, N_HEADING }, { "h3", R_TEXTBLOCK, N_HEADING },
	{ "h4", R_TEXTBLOCK, N_HEADING }, { "h5", R_TEXTBLOCK, N_HEADING },
	/* libxml2 puts a fragment's leading <script>, <style> or <title>
	 * in an implied <head>: each is dropped by its own name. */
	{ "h6", R_TEXTBLOCK, N_HEADING }, { "head", R_TRANSPARENT, 0 },
	{ "header", R_BLOCK, N_DIV }, { "hgroup", R_BLOCK, N_DIV },
	{ "hr", R_RULE, N_RULE }, { "html", R_TRANSPARENT, 0 },
	{ "i", R_INLINE, N_EMPH }, { "iframe", R_DROP, 0 },
	{ "image", R_VOID, N_IMAGE }, { "img", R_VOID, N_IMAGE },
	{ "input", R_DROP, 0 }, { "ins", R_INLINE, N_UNDERLINE },
	{ "isindex", R_DROP, 0 }, { "kbd", R_CODE, N_CODE },
	{ "keygen", R_DROP, 0 }, { "label", R_TRANSPARENT, 0 },
	{ "legend", R_TEXTBLOCK, N_PARAGRAPH }, { "li", R_PART, N_ITEM },
	{ "link", R_DROP, 0 }, { "listing", R_PRE, N_CODE_BLOCK },
	{ "main", R_BLOCK, N_DIV }, { "map", R_TRANSPARENT, 0 },
	{ "mark", R_INLINE, N_MARK }, { "marquee", R_TRANSPARENT, 0 },
	{ "math", R_DROP, 0 }, { "menu", R_BLOCK, N_LIST },
	{ "menuitem", R_TRANSPARENT, 0 }, { "meta", R_DROP, 0 },
	{ "meter", R_TRANSPARENT, 0 }, { "multicol", R_BLOCK, N_DIV },
	{ "nav", R_BLOCK, N_DIV }, { "nextid", R_DROP, 0 },
	{ "nobr", R_TRANSPARENT, 0 }, { "noembed", R_DROP, 0 },
	{ "noframes", R_DROP, 0 }, { "noscript", R_DROP, 0 },
	{ "object", R_DROP, 0 }, { "ol", R_BLOCK, N_LIST },
	{ "optgroup", R_DROP, 0 }, { "option", R_DROP, 0 },
	{ "output", R_TRANSPARENT, 0 }, { "p", R_TEXTBLOCK, N_PARAGRAPH },
	{ "param", R_DROP, 0 }, { "picture", R_TRANSPARENT, 0 },
	{ "plaintext", R_DROP, 0 }, { "portal", R_DROP, 0 },
	{ "pre", R_PRE, N_CODE_BLOCK }, { "progress", R_TRANSPARENT, 0 },
	{ "q", R_TRANSPARENT, 0 }, { "rb", R_TRANSPARENT, 0 },
	{ "rp", R_TRANSPARENT, 0 }, { "rt", R_TRANSPARENT, 0 },
	{ "rtc", R_TRANSPARENT, 0 }, { "ruby", R_TRANSPARENT, 0 },
	{ "s", R_INLINE, N_STRIKE }, { "samp", R_CODE, N_CODE },
	{ "script", R_DROP, 0 }, { "search", R_BLOCK, N_DIV },
	{ "section", R_BLOCK, N_DIV }, { "select", R_DROP, 0 },
	{ "slot", R_TRANSPARENT, 0 }, { "small", R_INLINE, N_SMALL },
	{ "source", R_DROP, 0 }, { "spacer", R_DROP, 0 },
	{ "span", R_TRANSPARENT, 0 }, { "strike", R_INLINE, N_STRIKE },
	{ "strong", R_INLINE, N_STRONG }, { "style", R_DROP, 0 },
	{ "sub", R_INLINE, N_SUB }, { "summary", R_PART, N_SUMMARY },
	{ "sup", R_INLINE, N_SUP }, { "svg", R_DROP, 0 },
	{ "table", R_BLOCK, N_TABLE }, { "tbody", R_PART, 0 },
	{ "td", R_PART, N_CELL }, { "template", R_DROP, 0 },
	{ "textarea", R_DROP, 0 }, { "tfoot", R_PART, 0 },
	{ "th", R_PART, N_CELL }, { "thead", R_PART, 0 },
	{ "time", R_TRANSPARENT, 0 }, { "title", R_DROP, 0 },
	{ "tr", R_PART, N_ROW }, { "track", R_DROP, 0 },
	{ "tt", R_CODE, N_CODE }, { "u", R_INLINE, N_UNDERLINE },
	{ "ul", R_BLOCK, N_LIST }, { "var", R_INLINE, N_EMPH },
	{ "video", R_DROP, 0 }, { "wbr", R_VOID, 0 },
	{ "xmp", R_PRE, N_CODE_BLOCK },
};

/* strcmp's order, compared here without a call: element names are a
 * few bytes, and every element of every HTML block is looked up (on
 * entering and on leaving it). */
static int
name_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

const struct html_tag *
html_tag(const char *name)
{
	static const struct html_tag not_html = { "", R_NOT_HTML, 0 };
	size_t lo = 0, hi = sizeof(tags) / sizeof(tags[0]), mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = name_cmp(name, tags[mid].name)) == 0)
			return &tags[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return &not_html;
}

const char *
html_attr(const xmlChar **atts, const char *name)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2)
		if (strcasecmp((const char *)atts[0], name) == 0)
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

/*
 * One CSS declaration's value in a style attribute ("text-align: center;
 * color: red"), lower-cased into out; 0 when absent.  Declarations are
 * split at ';' and ':' only: the few properties read here have plain
 * keyword values.
 */
static int
style_prop(const xmlChar **atts, const char *prop, char *out, size_t outsz)
{
	const char *s = html_attr(atts, "style"), *colon, *end;
	size_t n, k;

	while (s != NULL && *s != '\0') {
		end = s + strcspn(s, ";");
		colon = memchr(s, ':', (size_t)(end - s));
		while (s < end && isspace((unsigned char)*s))
			s++;
		n = strlen(prop);
		if (colon != NULL && strncasecmp(s, prop, n) == 0 &&
		    (s[n] == ':' || isspace((unsigned char)s[n]))) {
			for (s = colon + 1; s < end && isspace((unsigned char)*s);)
				s++;
			for (k = 0; s < end && k + 1 < outsz; s++)
				out[k++] = (char)tolower((unsigned char)*s);
			while (k > 0 && isspace((unsigned char)out[k - 1]))
				k--;
			out[k] = '\0';
			return 1;
		}
		s = *end ? end + 1 : end;
	}
	return 0;
}

enum text_dir
html_dir(const xmlChar **atts)
{
	const char *a = html_attr(atts, "dir");

	if (a == NULL)
		return TD_INHERIT;
	return strcasecmp(a, "rtl") == 0 ? TD_RTL : strcasecmp(a, "ltr") == 0 ?
	    TD_LTR : strcasecmp(a, "auto") == 0 ? TD_AUTO : TD_INHERIT;
}

enum align
html_align(const xmlChar **atts)
{
	const char *a = html_attr(atts, "align");
	char v[32];

	if (a == NULL && style_prop(atts, "text-align", v, sizeof(v)))
		a = v;
	if (a == NULL)
		return AL_NONE;
	if (strcasecmp(a, "center") == 0 || strcasecmp(a, "middle") == 0)
		return AL_CENTER;
	if (strcasecmp(a, "right") == 0)
		return AL_RIGHT;
	if (strcasecmp(a, "left") == 0)
		return AL_LEFT;
	return AL_NONE;
}

/* Is the word w in the space-separated list? */
static int
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);

	while (list != NULL && *list != '\0') {
		list += strspn(list, " \t\n");
		if (strncasecmp(list, w, n) == 0 &&
		    (list[n] == '\0' || isspace((unsigned char)list[n])))
			return 1;
		list += strcspn(list, " \t\n");
	}
	return 0;
}

int
html_page_break(const xmlChar **atts)
{
	static const char *const before[] = { "page-break-before",
	    "break-before" };
	static const char *const after[] = { "page-break-after",
	    "break-after" };
	const char *cls;
	char v[32];
	int k, r = 0;

	/* Most elements (a table's cells, code) have no attributes. */
	if (atts == NULL || atts[0] == NULL)
		return 0;
	cls = html_attr(atts, "class");
	for (k = 0; k < 2; k++) {
		if (style_prop(atts, before[k], v, sizeof(v)) &&
		    (strcmp(v, "always") == 0 || strcmp(v, "page") == 0))
			r |= 1;
		if (style_prop(atts, after[k], v, sizeof(v)) &&
		    (strcmp(v, "always") == 0 || strcmp(v, "page") == 0))
			r |= 2;
	}
	if (has_word(cls, "page-break") || has_word(cls, "pagebreak"))
		r |= 1;
	return r;
}

/* A non-negative whole number from an attribute ("3", "120px"); -1. */
static long
number(const char *v, long max)
{
	char *end;
	long n;

	if (v == NULL || !isdigit((unsigned char)*v))
		return -1;
	n = strtol(v, &end, 10);
	if (n > max)
		n = max;
	return strcmp(end, "") == 0 || strcasecmp(end, "px") == 0 ? n : -1;
}

static void
image(struct doc *d, struct node *n, const xmlChar **atts)
{
	const char *alt = html_attr(atts, "alt"), *src = html_attr(atts, "src");
	struct node *t;
	long v;

	n->u.link.url = doc_strdup(d, src ? src : "");
	n->u.link.title = doc_strdup(d, html_attr(atts, "title") ?
	    html_attr(atts, "title") : "");
	if ((v = number(html_attr(atts, "width"), 100000)) > 0)
		n->u.link.width = (double)v;
	if ((v = number(html_attr(atts, "height"), 100000)) > 0)
		n->u.link.height = (double)v;
	n->u.link.align = html_align(atts);
	if (alt != NULL && *alt != '\0') {
		t = doc_node(d, N_TEXT, n->file, n->line);
		t->text = doc_strdup(d, alt);
		doc_append(n, t);
	}
}

struct node *
html_node(struct doc *d, const struct html_tag *t, const xmlChar **atts,
    const char *file, int line)
{
	struct node *n;
	const char *v;
	long k;

	if (t->type == 0 && t->role != R_BLOCK)
		return NULL;
	n = doc_node(d, t->type, file, line);
	/* A language tag's characters only (BCP 47): anything else names
	 * no language, and would not be valid in the EPUB. */
	if ((v = html_attr(atts, "lang")) != NULL && *v != '\0' &&
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-") == strlen(v) && strlen(v) < 64)
		n->lang = doc_strdup(d, v);
	switch (t->type) {
	case N_LINK:
		v = html_attr(atts, "href");
		n->u.link.url = doc_strdup(d, v ? v : "");
		v = html_attr(atts, "title");
		n->u.link.title = doc_strdup(d, v ? v : "");
		break;
	case N_IMAGE:
		image(d, n, atts);
		break;
	case N_HEADING:
		n->u.heading.level = t->name[1] - '0';
		break;
	case N_LIST:
		n->u.list.ordered = strcmp(t->name, "ol") == 0;
		k = number(html_attr(atts, "start"), 999999999);
		n->u.list.start = k >= 0 ? (int)k : 1;
		n->u.list.tight = 1;
		n->u.list.delim = '.';
		n->u.list.bullet = '-';
		break;
	case N_CELL:
		k = number(html_attr(atts, "colspan"), 1000);
		n->u.cell.colspan = k >= 1 ? (int)k : 1;
		k = number(html_attr(atts, "rowspan"), 65534);
		n->u.cell.rowspan = k >= 1 ? (int)k : 1;
		n->u.cell.align = html_align(atts);
		break;
	case N_DIV:
		n->u.div.align = html_align(atts);
		n->u.div.dir = html_dir(atts);
		break;
	case N_CODE:
	case N_CODE_BLOCK:
		n->text = "";
		n->u.code.info = "";
		break;
	default:
		break;
	}
	return n;
}

int
html_is_void(const char *name)
{
	/* By first letter, each list ended by an empty name: every '<'
	 * of every HTML block asks, and most names are no void one. */
	static const char *const v[26] = {
		['a' - 'a'] = "area\0",
		['b' - 'a'] = "base\0basefont\0bgsound\0br\0",
		['c' - 'a'] = "col\0",
		['e' - 'a'] = "embed\0",
		['h' - 'a'] = "hr\0",
		['i' - 'a'] = "image\0img\0input\0isindex\0",
		['k' - 'a'] = "keygen\0",
		['l' - 'a'] = "link\0",
		['m' - 'a'] = "meta\0",
		['p' - 'a'] = "param\0",
		['s' - 'a'] = "source\0spacer\0",
		['t' - 'a'] = "track\0",
		['w' - 'a'] = "wbr\0",
	};
	const char *p;

	if (*name < 'a' || *name > 'z' || (p = v[*name - 'a']) == NULL)
		return 0;
	for (; *p != '\0'; p += strlen(p) + 1)
		if (name_cmp(p, name) == 0)
			return 1;
	return 0;
}

void
html_warn_drop(struct html_warned *w, const char *name, const char *file,
    int line)
{
	int i;

	/* A dropped element with no content (<source>, <meta>) loses
	 * nothing a reader would see. */
	if (html_is_void(name))
		return;
	for (i = 0; i < w->n; i++)
		if (strcmp(w->names[i], name) == 0)
			return;
	if (w->n < 8)
		w->names[w->n++] = html_tag(name)->name;
	diag_warn(file, line, "<%s> dropped with its content: it cannot be "
	    "published safely", name);
}

/* ---- trees ------------------------------------------------------------- */

/* The element's attributes as a NULL-terminated name/value array, or
 * NULL when it has none. */
const xmlChar **
html_attrs(xmlNodePtr el)
{
	const xmlChar **a;
	xmlAttrPtr p;
	size_t n = 0;

	for (p = el->properties; p != NULL; p = p->next)
		n++;
	/* Most elements (a table's cells, code) have none: spared an
	 * allocation, as every reader of the array takes NULL. */
	if (n == 0)
		return NULL;
	a = xcalloc(2 * n + 2, sizeof(*a));
	n = 0;
	for (p = el->properties; p != NULL; p = p->next) {
		a[n++] = p->name;
		a[n++] = p->children != NULL && p->children->content != NULL ?
		    p->children->content : (const xmlChar *)"";
	}
	return a;
}

/* The language of <pre><code class="language-x">, for the code block. */
const char *
html_pre_info(struct doc *d, xmlNodePtr pre)
{
	xmlNodePtr c;
	const char *cls;
	const xmlChar **a;
	char *info = NULL;

	for (c = pre->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "code") != 0)
			continue;
		a = html_attrs(c);
		cls = html_attr(a, "class");
		if (cls != NULL && strncmp(cls, "language-", 9) == 0)
			info = doc_strndup(d, cls + 9, strcspn(cls + 9, " "));
		free(a);
		break;
	}
	return info != NULL ? info : "";
}

/* The <body> libxml2 puts around a fragment. */
xmlNodePtr
html_body(htmlDocPtr doc)
{
	xmlNodePtr r = doc != NULL ? xmlDocGetRootElement(doc) : NULL, c;

	if (r == NULL || strcmp((const char *)r->name, "body") == 0)
		return r;
	for (c = r->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "body") == 0)
			return c;
	return r;
}

/* ---- one inline token, read by libxml2 ---------------------------------- */

struct token_sax {
	struct html_token	*tok;
	int			 seen;
};

/* Copy the first start tag libxml2 reports: name and attributes. */
static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr p = ctx;
	struct token_sax *s = p->_private;
	struct html_token *t = s->tok;
	size_t i, n = 0, size = 0;
	char *mem;
	const xmlChar **a;

	if (s->seen++)
		return;
	snprintf(t->name, sizeof(t->name), "%s", (const char *)name);
	for (i = 0; t->name[i] != '\0'; i++)
		t->name[i] = (char)tolower((unsigned char)t->name[i]);
	for (n = 0; atts != NULL && atts[n] != NULL; n += 2)
		size += strlen((const char *)atts[n]) + 1 +
		    (atts[n + 1] ? strlen((const char *)atts[n + 1]) : 0) + 1;
	if (n == 0)
		return;
	t->mem = xmalloc((n + 2) * sizeof(*a) + size);
	a = t->mem;
	mem = (char *)(a + n + 2);
	for (i = 0; i < n; i++) {
		const char *v = atts[i] ? (const char *)atts[i] : "";

		a[i] = (const xmlChar *)mem;
		memcpy(mem, v, strlen(v) + 1);
		mem += strlen(v) + 1;
	}
	a[n] = a[n + 1] = NULL;
	t->atts = a;
}

int
html_token(const char *lit, struct html_token *t)
{
	htmlSAXHandler sax;	/* not static: documents parse on threads */
	htmlParserCtxtPtr p;
	struct token_sax s;
	struct buf b;
	int end = lit[0] == '<' && lit[1] == '/';

	memset(t, 0, sizeof(*t));
	memset(&s, 0, sizeof(s));
	s.tok = t;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	/* An end tag read as the start tag it closes: libxml2 reports
	 * nothing for a lone "</b>", and this gives its name. */
	buf_init(&b);
	buf_puts(&b, end ? "<" : "");
	buf_puts(&b, end ? lit + 2 : lit);
	p = htmlCreateMemoryParserCtxt(b.data, (int)b.len);
	if (p == NULL) {
		buf_free(&b);
		return 0;
	}
	memcpy(p->sax, &sax, sizeof(sax));
	p->_private = &s;
	htmlCtxtUseOptions(p, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
	htmlParseDocument(p);
	htmlFreeParserCtxt(p);
	buf_free(&b);
	if (!s.seen)
		return t->kind = 0;
	if (end) {
		html_token_free(t);
		t->name[sizeof(t->name) - 1] = '\0';
	}
	return t->kind = end ? 2 : 1;
}

void
html_token_free(struct html_token *t)
{
	free(t->mem);
	t->mem = NULL;
	t->atts = NULL;
}
