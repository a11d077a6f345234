/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/xw.c - the content files' XHTML: a small tree of our own, in one
 * arena, written out byte for byte as libxml2 2.9 writes the same tree
 * (xmlDocDumpFormatMemoryEnc with "UTF-8" and format 1).
 *
 * Building a chapter through libxml2's tree cost a malloc per node, text
 * and attribute, a search of the attributes on every xmlSetProp and a walk
 * to free it all: more than the rest of the EPUB.  Here a node is a few
 * words in an arena freed at once, and its text is escaped as it goes in,
 * so writing the file is copying.
 *
 * Escaping is libxml2's, and only done here: text (xw_text) has the
 * characters XML 1.0 cannot carry dropped (epub_xml_clean) and < > & and
 * CR escaped (xmlEscapeContent); attribute values also " TAB LF
 * (xmlBufAttrSerializeTxtContent).  Bytes of UTF-8 beyond ASCII are
 * written as they are, as libxml2 writes them in a UTF-8 document.
 * Element and attribute names are always literals of the emitter, so no
 * text of the document can open or close markup.  The one way around
 * escaping is xw_raw, for code blocks the emitter has escaped itself.
 *
 * The layout is libxml2's: an element whose children are all elements
 * has each on its own line, indented two spaces a level (at most 30
 * levels); an element with a text child among its children (even an
 * empty one) is written with nothing added inside it, at any depth; an
 * element without children is self-closed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"

struct xw_attr {
	struct xw_attr	*next;
	const char	*name;		/* a literal: "class", "epub:type" */
	char		*val;		/* escaped */
	size_t		 len;
};

struct xw {
	struct xw_doc	*doc;
	const char	*name;		/* a literal; NULL for text */
	struct xw	*first, *last, *next;
	struct xw_attr	*attrs;
	char		*text;		/* text: escaped bytes */
	size_t		 len;
	int		 has_text;	/* an element with a text child */
};

struct xw_doc {
	struct arena	*ar;		/* every node, text and value */
	struct xw	*root;
	int		 doctype;	/* <!DOCTYPE root> after the declaration */
	size_t		 bytes;		/* text and values, for the output */
};

void
xw_free(struct xw_doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->ar);
	free(d);
}

/* ---- escaping --------------------------------------------------------- */

/* What each byte asks: escaping in text and values (< > & CR), escaping
 * in values only (" TAB LF), or cleaning (the other controls, which XML
 * cannot carry, and bytes beyond ASCII, whose UTF-8 epub_xml_clean
 * checks).  Most text asks nothing and is copied as it is. */
#define E_TEXT	1
#define E_ATTR	2
#define E_CLEAN	4
static const unsigned char byte_asks[256] = {
	4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 4, 4, 3, 4, 4,	/* 0x00 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0x80 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xC0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* What the bytes of s ask, together. */
static unsigned
asks(const char *s, size_t len)
{
	unsigned a = 0;

	for (size_t i = 0; i < len; i++)
		a |= byte_asks[(unsigned char)s[i]];
	return a;
}

/* The replacement of a byte that asks to be escaped. */
static const char *
entity(char c)
{
	switch (c) {
	case '<':	return "&lt;";
	case '>':	return "&gt;";
	case '&':	return "&amp;";
	case '\r':	return "&#13;";
	case '"':	return "&quot;";
	case '\n':	return "&#10;";
	default:	return "&#9;";
	}
}

/* The bytes s[0..len), cleaned already, which ask `a` together, escaped
 * as text (attr 0) or an attribute value (attr 1), into the arena;
 * *out_len gets their length. */
static char *
escaped(struct xw_doc *d, const char *s, size_t len, unsigned a, int attr,
    size_t *out_len)
{
	unsigned want = attr ? E_TEXT | E_ATTR : E_TEXT;
	size_t i, n = len;
	char *out, *o;

	if ((a & want) == 0) {
		out = arena_alloc(d->ar, len + 1);
		memcpy(out, s, len);
		out[len] = '\0';
		*out_len = len;
		d->bytes += len;
		return out;
	}
	for (i = 0; i < len; i++)
		if (byte_asks[(unsigned char)s[i]] & want)
			n += strlen(entity(s[i])) - 1;
	o = out = arena_alloc(d->ar, n + 1);
	for (i = 0; i < len; i++)
		if (byte_asks[(unsigned char)s[i]] & want)
			o += strlen(strcpy(o, entity(s[i])));
		else
			*o++ = s[i];
	*o = '\0';
	*out_len = n;
	d->bytes += n;
	return out;
}

/* ---- the tree ---------------------------------------------------------- */

static struct xw *
node(struct xw_doc *d, const char *name)
{
	struct xw *n = arena_alloc(d->ar, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->doc = d;
	n->name = name;
	return n;
}

static void
append(struct xw *parent, struct xw *n)
{
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	if (n->name == NULL)
		parent->has_text = 1;
}

struct xw *
xw_el(struct xw *parent, const char *name)
{
	struct xw *n = node(parent->doc, name);

	append(parent, n);
	return n;
}

/* Text, escaped unless raw; a: what its bytes ask (asks()). */
static void
text_node(struct xw *parent, const char *s, size_t len, unsigned a, int raw)
{
	struct xw *n = node(parent->doc, NULL);

	if (raw) {
		n->text = arena_alloc(parent->doc->ar, len + 1);
		memcpy(n->text, s, len);
		n->text[len] = '\0';
		n->len = len;
		parent->doc->bytes += len;
	} else
		n->text = escaped(parent->doc, s, len, a, 0, &n->len);
	append(parent, n);
}

void
xw_empty_text(struct xw *parent)
{
	text_node(parent, "", 0, 0, 1);
}

void
xw_raw(struct xw *parent, const char *s, size_t len)
{
	text_node(parent, s, len, 0, 1);
}

/* s as text, as epub_text adds it to a libxml2 tree: one text longer
 * than EPUB_TEXT_RUN goes in spans of at most that, cut between UTF-8
 * characters. */
void
xw_text(struct xw *parent, const char *s)
{
	size_t len, at, n;
	char *c = NULL;
	unsigned a;

	if (s == NULL || *s == '\0')
		return;
	len = strlen(s);
	if ((a = asks(s, len)) & E_CLEAN) {
		s = c = epub_xml_clean(s);
		len = strlen(c);
		a = asks(s, len);
	}
	if (len <= EPUB_TEXT_RUN)
		text_node(parent, s, len, a, 0);
	else for (at = 0; at < len; at += n) {
		n = len - at < EPUB_TEXT_RUN ? len - at : EPUB_TEXT_RUN;
		while (at + n < len && ((unsigned char)s[at + n] & 0xC0) ==
		    0x80)
			n--;
		text_node(xw_el(parent, "span"), s + at, n, a, 0);
	}
	free(c);
}

/* An attribute set twice keeps its place and takes the new value, as
 * xmlSetProp does. */
void
xw_attr(struct xw *el, const char *name, const char *value)
{
	struct xw_attr *a, **at;
	char *c = NULL;
	size_t len = strlen(value);
	unsigned asked = asks(value, len);

	if (asked & E_CLEAN) {
		value = c = epub_xml_clean(value);
		len = strlen(c);
		asked = asks(value, len);
	}
	for (at = &el->attrs; (a = *at) != NULL; at = &a->next)
		if (strcmp(a->name, name) == 0)
			break;
	if (a == NULL) {
		a = arena_alloc(el->doc->ar, sizeof(*a));
		a->next = NULL;
		a->name = name;
		*at = a;
	}
	a->val = escaped(el->doc, value, len, asked, 1, &a->len);
	free(c);
}

void
xw_num_attr(struct xw *el, const char *name, int n)
{
	char num[16];

	if (n > 1) {
		snprintf(num, sizeof(num), "%d", n);
		xw_attr(el, name, num);
	}
}

int
xw_has_children(const struct xw *el)
{
	return el->first != NULL;
}

/* The first child if it is the element name, else NULL. */
struct xw *
xw_first_el(struct xw *el, const char *name)
{
	struct xw *f = el->first;

	return f != NULL && f->name != NULL && strcmp(f->name, name) == 0 ?
	    f : NULL;
}

/* The last child if it is the element name, else NULL. */
struct xw *
xw_last_el(struct xw *el, const char *name)
{
	struct xw *l = el->last;

	return l != NULL && l->name != NULL && strcmp(l->name, name) == 0 ?
	    l : NULL;
}

/* The first child that is the element name, else NULL. */
struct xw *
xw_find_el(struct xw *el, const char *name)
{
	struct xw *c;

	for (c = el->first; c != NULL; c = c->next)
		if (c->name != NULL && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* A new element first among el's children, and the text " " after it
 * when el had children already (a task item's box). */
struct xw *
xw_prepend_el(struct xw *el, const char *name)
{
	struct xw *n = node(el->doc, name), *sp, *first = el->first;

	if (first == NULL) {
		append(el, n);
		return n;
	}
	sp = node(el->doc, NULL);
	sp->text = escaped(el->doc, " ", 1, 0, 0, &sp->len);
	n->next = sp;
	sp->next = first;
	el->first = n;
	el->has_text = 1;
	return n;
}

/* ---- the document ----------------------------------------------------- */

/* A new XML document with its root element, and its DOCTYPE if asked
 * (name: a literal). */
struct xw_doc *
xw_new_doc(const char *name, int doctype, struct xw **root)
{
	struct xw_doc *d = xcalloc(1, sizeof(*d));

	d->ar = arena_new();
	*root = d->root = node(d, name);
	d->doctype = doctype;
	return d;
}

/* A new content file: html with the document's language (lang for HTML
 * readers, xml:lang for XML ones; dir only when right to left, ltr being
 * every reader's default), a head with its title and stylesheets (the
 * author's after quire's, so it wins), and an empty body in *body. */
struct xw_doc *
xw_xhtml_doc(const struct epub *e, const char *title, struct xw **body)
{
	struct xw *html, *head, *n;
	struct xw_doc *d = xw_new_doc("html", 1, &html);

	/* libxml2 writes the namespaces before the attributes. */
	xw_attr(html, "xmlns", EPUB_XHTML_NS);
	xw_attr(html, "xmlns:epub", EPUB_OPS_NS);
	xw_attr(html, "lang", e->lang);
	xw_attr(html, "xml:lang", e->lang);
	if (e->doc->set.dir == TD_RTL)
		xw_attr(html, "dir", "rtl");
	head = xw_el(html, "head");
	n = xw_el(head, "meta");
	xw_attr(n, "charset", "utf-8");
	n = xw_el(head, "title");
	xw_text(n, title != NULL && *title != '\0' ? title : "Untitled");
	if (e->has_css) {
		n = xw_el(head, "link");
		xw_attr(n, "rel", "stylesheet");
		xw_attr(n, "type", "text/css");
		xw_attr(n, "href", "epub.css");
	}
	if (e->extra_css) {
		n = xw_el(head, "link");
		xw_attr(n, "rel", "stylesheet");
		xw_attr(n, "type", "text/css");
		xw_attr(n, "href", "extra.css");
	}
	*body = xw_el(html, "body");
	return d;
}

/* Bytes into room made already (buf_grow). */
static void
put(struct buf *b, const char *s, size_t n)
{
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static void
indent(struct buf *b, int level)
{
	static const char spaces[] = "                                        "
	    "                    ";		/* 60: libxml2's 30 levels */

	put(b, spaces, 2 * (size_t)(level < 30 ? level : 30));
}

/* An element's start tag, indented at level when format, with room
 * left for "/>" or ">" and a newline. */
static void
start_tag(struct buf *b, const struct xw *el, int level, int format)
{
	const struct xw_attr *a;
	size_t need = 80 + strlen(el->name), n;

	for (a = el->attrs; a != NULL; a = a->next)
		need += 4 + strlen(a->name) + a->len;
	buf_grow(b, need);
	if (format)
		indent(b, level);
	b->data[b->len++] = '<';
	put(b, el->name, strlen(el->name));
	for (a = el->attrs; a != NULL; a = a->next) {
		b->data[b->len++] = ' ';
		n = strlen(a->name);
		put(b, a->name, n);
		put(b, "=\"", 2);
		put(b, a->val, a->len);
		b->data[b->len++] = '"';
	}
}

/* el and what it holds, at level, laid out (format) or not; recursive
 * only as deep as the elements nest.  The buffer is NUL-terminated only
 * at the end (xw_serialise). */
static void
write_el(struct buf *b, const struct xw *el, int level, int format)
{
	const struct xw *c;
	int inner;

	start_tag(b, el, level, format);
	if (el->first == NULL) {
		put(b, "/>", 2);
		return;
	}
	inner = format && !el->has_text;
	b->data[b->len++] = '>';
	if (inner)
		b->data[b->len++] = '\n';
	for (c = el->first; c != NULL; c = c->next) {
		if (c->name != NULL)
			write_el(b, c, level + 1, inner);
		else {
			buf_grow(b, c->len + 1);
			put(b, c->text, c->len);
		}
		if (inner)
			b->data[b->len++] = '\n';
	}
	buf_grow(b, 80 + strlen(el->name));	/* and the newline after */
	if (inner)
		indent(b, level);
	put(b, "</", 2);
	put(b, el->name, strlen(el->name));
	b->data[b->len++] = '>';
}

/* The file's bytes (malloc'd, *len long); frees d. */
char *
xw_serialise(struct xw_doc *d, size_t *len)
{
	struct buf b;

	buf_init(&b);
	/* The text and values, and about as much again for the tags. */
	buf_grow(&b, 2 * d->bytes + 4096);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (d->doctype) {
		buf_puts(&b, "<!DOCTYPE ");
		buf_puts(&b, d->root->name);
		buf_puts(&b, ">\n");
	}
	write_el(&b, d->root, 0, 1);
	buf_putc(&b, '\n');
	xw_free(d);
	*len = b.len;
	/* The archive keeps every file until it is packed: not the room
	 * the estimate left. */
	return xrealloc(b.data, b.len + 1);
}
