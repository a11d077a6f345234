/*
 * epub/html.c - raw HTML blocks, made safe and well-formed.
 *
 * The HTML is parsed by libxml2's forgiving HTML parser with the network
 * off and an entity loader that refuses everything, so neither a DOCTYPE
 * nor an external entity can reach outside.  The parsed tree is never
 * copied as it is: it is rebuilt element by element from an allow-list.
 * Elements that run code or embed other documents (script, style, iframe,
 * object, embed, forms, svg, ...) are dropped with their content; unknown
 * elements are unwrapped (their content stays); attributes other than the
 * listed ones (so every on* handler, style, id) are dropped; links go
 * through the same checks and rewriting as Markdown links.  Placement
 * rules keep the result valid XHTML: list items only in lists, cells only
 * in rows, no block inside a phrasing element, no link inside a link.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "doc.h"
#include "epub.h"

#define MAX_DEPTH 128

enum kind { K_DROP, K_UNWRAP, K_PHRASING, K_FLOW, K_PART, K_RENAME };

/* One sanitising run: the book (for links), the node (for messages) and
 * the element the block goes into. */
struct san {
	const struct epub	*e;
	const struct node	*n;
	xmlNodePtr		 top;
};
enum ctx { C_FLOW, C_PHRASING, C_LIST, C_DL, C_TABLE, C_ROWGROUP, C_ROW };

struct rule {
	const char	*name;
	enum kind	 kind;
	const char	*attrs;		/* space-separated, besides global */
};

/* Global attributes kept everywhere: title lang dir class. */
static const struct rule rules[] = {
	/* Dropped whole: code, embedding, forms, foreign content. */
	{ "script", K_DROP, "" }, { "style", K_DROP, "" },
	{ "iframe", K_DROP, "" }, { "frame", K_DROP, "" },
	{ "frameset", K_DROP, "" }, { "object", K_DROP, "" },
	{ "embed", K_DROP, "" }, { "applet", K_DROP, "" },
	{ "noscript", K_DROP, "" }, { "template", K_DROP, "" },
	{ "svg", K_DROP, "" }, { "math", K_DROP, "" },
	{ "link", K_DROP, "" }, { "meta", K_DROP, "" }, { "base", K_DROP, "" },
	{ "head", K_DROP, "" }, { "title", K_DROP, "" },
	{ "audio", K_DROP, "" }, { "video", K_DROP, "" },
	{ "source", K_DROP, "" }, { "track", K_DROP, "" },
	{ "canvas", K_DROP, "" }, { "param", K_DROP, "" },
	{ "input", K_DROP, "" }, { "button", K_DROP, "" },
	{ "select", K_DROP, "" }, { "textarea", K_DROP, "" },
	{ "option", K_DROP, "" }, { "portal", K_DROP, "" },
	{ "xmp", K_DROP, "" }, { "plaintext", K_DROP, "" },
	/* Kept under a valid name: attrs holds the new one. */
	{ "details", K_RENAME, "div" }, { "summary", K_RENAME, "p" },
	{ "figure", K_RENAME, "div" }, { "figcaption", K_RENAME, "p" },
	{ "center", K_RENAME, "div" }, { "main", K_RENAME, "div" },
	{ "header", K_RENAME, "div" }, { "footer", K_RENAME, "div" },
	{ "font", K_RENAME, "span" }, { "big", K_RENAME, "span" },
	{ "tt", K_RENAME, "code" }, { "strike", K_RENAME, "s" },
	/* <time> without a valid datetime may hold text only. */
	{ "time", K_RENAME, "span" },
	/* Phrasing content. */
	{ "a", K_PHRASING, "href" }, { "abbr", K_PHRASING, "" },
	{ "b", K_PHRASING, "" }, { "bdi", K_PHRASING, "" },
	{ "br", K_PHRASING, "" }, { "cite", K_PHRASING, "" },
	{ "code", K_PHRASING, "" }, { "del", K_PHRASING, "datetime" },
	{ "dfn", K_PHRASING, "" }, { "em", K_PHRASING, "" },
	{ "i", K_PHRASING, "" }, { "ins", K_PHRASING, "datetime" },
	{ "kbd", K_PHRASING, "" }, { "mark", K_PHRASING, "" },
	{ "q", K_PHRASING, "" }, { "s", K_PHRASING, "" },
	{ "samp", K_PHRASING, "" }, { "small", K_PHRASING, "" },
	{ "span", K_PHRASING, "" }, { "strong", K_PHRASING, "" },
	{ "sub", K_PHRASING, "" }, { "sup", K_PHRASING, "" },
	{ "u", K_PHRASING, "" },
	{ "var", K_PHRASING, "" }, { "wbr", K_PHRASING, "" },
	{ "img", K_PHRASING, "" },	/* becomes its alt text */
	/* Flow content. */
	{ "p", K_FLOW, "" }, { "div", K_FLOW, "" },
	{ "blockquote", K_FLOW, "" }, { "pre", K_FLOW, "" },
	{ "h1", K_FLOW, "" }, { "h2", K_FLOW, "" }, { "h3", K_FLOW, "" },
	{ "h4", K_FLOW, "" }, { "h5", K_FLOW, "" }, { "h6", K_FLOW, "" },
	{ "hr", K_FLOW, "" }, { "ul", K_FLOW, "" },
	{ "ol", K_FLOW, "start reversed" }, { "dl", K_FLOW, "" },
	{ "table", K_FLOW, "" }, { "section", K_FLOW, "" },
	{ "article", K_FLOW, "" }, { "aside", K_FLOW, "" },
	{ "address", K_RENAME, "div" },	/* it may not hold headings */
	/* Parts that only live inside their own parent. */
	{ "li", K_PART, "" }, { "dt", K_PART, "" }, { "dd", K_PART, "" },
	{ "caption", K_PART, "" }, { "thead", K_PART, "" },
	{ "tbody", K_PART, "" }, { "tfoot", K_PART, "" },
	{ "tr", K_PART, "" }, { "th", K_PART, "colspan rowspan scope" },
	{ "td", K_PART, "colspan rowspan" },
};

static const struct rule *
rule_for(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].name, name) == 0)
			return &rules[i];
	return NULL;
}

/* What the output element accepts as children. */
static enum ctx
ctx_of(xmlNodePtr out)
{
	static const char *const phrasing_only[] = { "p", "h1", "h2", "h3",
	    "h4", "h5", "h6", "pre", "dt", NULL };
	const char *name = (const char *)out->name;
	const struct rule *r;
	int i;

	if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0)
		return C_LIST;
	if (strcmp(name, "dl") == 0)
		return C_DL;
	if (strcmp(name, "table") == 0)
		return C_TABLE;
	if (strcmp(name, "thead") == 0 || strcmp(name, "tbody") == 0 ||
	    strcmp(name, "tfoot") == 0)
		return C_ROWGROUP;
	if (strcmp(name, "tr") == 0)
		return C_ROW;
	for (i = 0; phrasing_only[i] != NULL; i++)
		if (strcmp(name, phrasing_only[i]) == 0)
			return C_PHRASING;
	if ((r = rule_for(name)) != NULL && r->kind == K_PHRASING)
		return C_PHRASING;
	return C_FLOW;
}

static int
inside(xmlNodePtr out, const char *name)
{
	for (; out != NULL && out->type == XML_ELEMENT_NODE; out = out->parent)
		if (strcmp((const char *)out->name, name) == 0)
			return 1;
	return 0;
}

static int
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int
all_digits(const char *s, int max_len)
{
	int n = 0;

	if (*s == '-')
		s++;
	for (; *s != '\0'; s++, n++)
		if (!isdigit((unsigned char)*s) || n >= max_len)
			return 0;
	return n > 0;
}

/* Is this attribute value acceptable for this attribute? */
static int
value_ok(const char *attr, const char *v)
{
	if (strcmp(attr, "dir") == 0)
		return strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 ||
		    strcmp(v, "auto") == 0;
	if (strcmp(attr, "colspan") == 0 || strcmp(attr, "rowspan") == 0)
		return all_digits(v, 3) && v[0] != '-' && atoi(v) >= 1;
	if (strcmp(attr, "start") == 0 || strcmp(attr, "value") == 0)
		return all_digits(v, 9);
	if (strcmp(attr, "scope") == 0)
		return strcmp(v, "row") == 0 || strcmp(v, "col") == 0 ||
		    strcmp(v, "rowgroup") == 0 || strcmp(v, "colgroup") == 0;
	if (strcmp(attr, "lang") == 0)
		return strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen(v) &&
		    v[0] != '\0';
	if (strcmp(attr, "class") == 0)
		return strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ ") == strlen(v);
	return 1;
}

static void
copy_attrs(xmlNodePtr in, xmlNodePtr out, const struct rule *r)
{
	xmlAttrPtr a;
	xmlChar *v;
	const char *name;

	for (a = in->properties; a != NULL; a = a->next) {
		name = (const char *)a->name;
		if (strcmp(name, "href") == 0)
			continue;	/* handled by the caller */
		if (!has_word("title lang dir class", name) &&
		    !has_word(r->attrs, name))
			continue;
		if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
			continue;
		if (strcmp(name, "reversed") == 0)
			epub_attr(out, name, "reversed");
		else if (value_ok(name, (const char *)v))
			epub_attr(out, name, (const char *)v);
		xmlFree(v);
	}
}

static void	children(const struct san *, xmlNodePtr in, xmlNodePtr out,
		    int depth);

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static void
text(const struct san *s, xmlNodePtr in, xmlNodePtr out)
{
	enum ctx c = ctx_of(out);
	xmlChar *t = xmlNodeGetContent(in);

	if (t == NULL)
		return;
	if (out == s->top && blank((const char *)t))
		;	/* between blocks: insignificant, and it would stop
			 * libxml2 from indenting the whole file */
	else if (c == C_TABLE || c == C_ROWGROUP || c == C_ROW)
		;	/* stray text in a table has no valid place */
	else if (c == C_LIST || c == C_DL) {
		if (!blank((const char *)t))
			epub_text(epub_el(out, c == C_LIST ? "li" : "dd"),
			    (const char *)t);
	} else
		epub_text(out, (const char *)t);
	xmlFree(t);
}

/* An <img> in raw HTML: its alt text (local files named in raw HTML are
 * not copied in; Markdown image syntax does that). */
static void
html_img(xmlNodePtr in, xmlNodePtr out)
{
	xmlChar *alt = xmlGetProp(in, BAD_CAST "alt");

	if (alt != NULL && alt[0] != '\0') {
		xmlNodePtr s = epub_el(out, "span");

		epub_attr(s, "class", "missing-image");
		epub_text(s, (const char *)alt);
	}
	xmlFree(alt);
}

/*
 * A <dl> must be groups of dt+ then dd+: a dd with no dt before it gets
 * an empty dt, and a dt left without a dd gets an empty dd.
 */
static void
fix_dl(xmlNodePtr dl)
{
	xmlNodePtr c, last = NULL;

	for (c = dl->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "dd") == 0 && last == NULL)
			xmlAddPrevSibling(c, xmlNewNode(NULL, BAD_CAST "dt"));
		last = c;
	}
	if (last != NULL && strcmp((const char *)last->name, "dt") == 0)
		epub_el(dl, "dd");
}

/*
 * A table's children must come in the order caption, thead, then tbody
 * elements (rows straight in the table go into one), then tfoot.  Returns
 * where a child called *name goes (maybe a new tbody, maybe under another
 * name), or NULL when it has no valid place left.
 */
static xmlNodePtr
table_slot(xmlNodePtr table, const char **name)
{
	xmlNodePtr last = NULL, c;
	int any = 0, foot = 0, body = 0;

	for (c = table->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		any = 1;
		last = c;
		foot |= strcmp((const char *)c->name, "tfoot") == 0;
		body |= strcmp((const char *)c->name, "tbody") == 0 ||
		    strcmp((const char *)c->name, "tfoot") == 0;
	}
	if (strcmp(*name, "caption") == 0)
		return any ? NULL : table;
	if (foot)
		return NULL;
	if (strcmp(*name, "thead") == 0 && (body || (last != NULL &&
	    strcmp((const char *)last->name, "thead") == 0)))
		*name = "tbody";
	if (strcmp(*name, "tr") == 0) {
		if (last != NULL && strcmp((const char *)last->name, "tbody") == 0)
			return last;
		return epub_el(table, "tbody");
	}
	return table;
}

static void
element(const struct san *s, xmlNodePtr in, xmlNodePtr out, int depth)
{
	const char *name = (const char *)in->name;
	const struct rule *r = rule_for(name);
	enum ctx c = ctx_of(out);
	xmlNodePtr el;
	xmlChar *href;
	char *h;

	if (r != NULL && r->kind == K_DROP)
		return;
	if (r != NULL && r->kind == K_RENAME) {
		name = r->attrs;
		r = rule_for(name);
	}
	if (r == NULL || r->kind == K_UNWRAP) {
		children(s, in, out, depth);
		return;
	}
	/* Place the element, or unwrap it where it cannot stand. */
	if (c == C_TABLE) {
		if ((out = table_slot(out, &name)) == NULL)
			return;
		c = ctx_of(out);
	}
	if (c == C_TABLE || c == C_ROWGROUP || c == C_ROW) {
		int fits = (c == C_TABLE && (has_word("caption thead tbody "
		    "tfoot tr", name))) ||
		    (c == C_ROWGROUP && strcmp(name, "tr") == 0) ||
		    (c == C_ROW && (strcmp(name, "td") == 0 ||
		    strcmp(name, "th") == 0));

		if (!fits)
			return;		/* no valid place for it */
	} else if (c == C_LIST && strcmp(name, "li") != 0) {
		element(s, in, epub_el(out, "li"), depth);
		return;
	} else if (c == C_DL && strcmp(name, "dt") != 0 &&
	    strcmp(name, "dd") != 0) {
		element(s, in, epub_el(out, "dd"), depth);
		return;
	} else if (r->kind == K_PART && !(c == C_LIST &&
	    strcmp(name, "li") == 0) && !(c == C_DL && (strcmp(name, "dt") ==
	    0 || strcmp(name, "dd") == 0))) {
		/* A cell or item out of place: its content, kept apart
		 * from the next one's. */
		children(s, in, out, depth);
		if (c != C_LIST && c != C_DL)
			epub_text(out, " ");
		return;
	} else if (((strcmp(name, "a") == 0 || strcmp(name, "dfn") == 0) &&
	    inside(out, name)) || (strcmp(name, "table") == 0 &&
	    inside(out, "caption")) || (has_word("h1 h2 h3 h4 h5 h6 section "
	    "article aside", name) && inside(out, "th"))) {
		/* Content models HTML forbids: no link in a link, no dfn
		 * in a dfn, no table in a caption, no heading in a th. */
		children(s, in, out, depth);
		return;
	} else if (r->kind == K_FLOW && c == C_PHRASING) {
		if (strcmp(name, "hr") == 0)
			epub_text(out, " ");
		else
			children(s, in, out, depth);
		return;
	}
	if (strcmp(name, "img") == 0) {
		html_img(in, out);
		return;
	}
	if (strcmp(name, "a") == 0) {
		href = xmlGetProp(in, BAD_CAST "href");
		h = NULL;
		if (href != NULL && !inside(out, "a"))
			h = epub_link_href(s->e, s->n, (const char *)href);
		xmlFree(href);
		if (h == NULL) {
			children(s, in, out, depth);
			return;
		}
		el = epub_el(out, "a");
		epub_attr(el, "href", h);
		free(h);
	} else
		el = epub_el(out, name);
	copy_attrs(in, el, rule_for(name) ? rule_for(name) : r);
	if (strcmp(name, "pre") == 0)
		xmlAddChild(el, xmlNewText(BAD_CAST ""));	/* see xhtml.c */
	if (strcmp(name, "br") != 0 && strcmp(name, "hr") != 0 &&
	    strcmp(name, "wbr") != 0)
		children(s, in, el, depth);
	if (strcmp(name, "dl") == 0)
		fix_dl(el);
}

static void
children(const struct san *s, xmlNodePtr in, xmlNodePtr out, int depth)
{
	xmlNodePtr c;

	if (depth > MAX_DEPTH)
		return;
	for (c = in->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			text(s, c, out);
		else if (c->type == XML_ELEMENT_NODE)
			element(s, c, out, depth + 1);
		/* Comments, processing instructions, DTD nodes: dropped. */
	}
}

static xmlParserInputPtr
refuse_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/*
 * A leading DOCTYPE with an internal subset ("<!DOCTYPE x [ <!ENTITY ...>
 * ]>") means nothing in a book, and the HTML parser would end it at the
 * first '>' and show the rest as text: skip it whole.
 */
static const char *
skip_doctype(const char *t)
{
	const char *p = t, *gt, *br;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (strncasecmp(p, "<!doctype", 9) != 0)
		return t;
	gt = strchr(p, '>');
	br = strchr(p, '[');
	if (br != NULL && (gt == NULL || br < gt))
		gt = strstr(br, "]>") ? strstr(br, "]>") + 1 : NULL;
	return gt != NULL ? gt + 1 : p + strlen(p);
}

void
epub_html(const struct epub *e, xmlNodePtr parent, const struct node *n)
{
	xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
	htmlDocPtr h;
	xmlNodePtr root, c;
	struct san s;
	const char *html = skip_doctype(n->text ? n->text : "");
	size_t len = strlen(html);

	if (len == 0 || len > (size_t)1 << 30)
		return;
	xmlSetExternalEntityLoader(refuse_entities);
	h = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NODEFDTD);
	xmlSetExternalEntityLoader(old);
	if (h == NULL)
		return;
	/* The parser wraps everything in html/body; head holds only what
	 * the allow-list would drop anyway. */
	s.e = e;
	s.n = n;
	s.top = parent;
	if ((root = xmlDocGetRootElement(h)) != NULL) {
		for (c = root->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "body") == 0)
				children(&s, c, parent, 0);
			else if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "head") != 0)
				element(&s, c, parent, 1);
			else if (c->type == XML_TEXT_NODE)
				text(&s, c, parent);
	}
	xmlFreeDoc(h);
}
