/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/xhtml.c - one content file of the book: the model's blocks and
 * inlines as an XHTML tree of xw.c's (tables are epubtable.c's).
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "epub.h"
#include "model/style.h"

/* ---- inlines ---------------------------------------------------------- */

static void
image(const struct epub *e, struct xw *parent, const struct node *n,
    int in_link)
{
	const char *name;
	struct xw *el;
	char *alt = doc_text_dup(n, 0);

	if ((name = epub_image_for(e, n)) != NULL) {
		el = xw_el(parent, "img");
		xw_attr(el, "src", name);
		xw_attr(el, "alt", alt);
		if (n->u.link.title[0] != '\0')
			xw_attr(el, "title", n->u.link.title);
		/* The size the author gave, in CSS pixels: max-width in
		 * the stylesheet still fits it to the screen. */
		if (n->u.link.width > 0)
			xw_num_attr(el, "width", (int)n->u.link.width);
		if (n->u.link.height > 0)
			xw_num_attr(el, "height", (int)n->u.link.height);
	} else if (n->u.link.kind == LINK_EXTERNAL && !in_link) {
		/* Remote images are never fetched: the alt text links to
		 * the image instead. */
		el = xw_el(parent, "a");
		xw_attr(el, "href", n->u.link.href);
		xw_attr(el, "class", "remote-image");
		xw_text(el, alt[0] != '\0' ? alt : n->u.link.url);
	} else if (alt[0] != '\0') {
		el = xw_el(parent, "span");
		xw_attr(el, "class", "missing-image");
		xw_text(el, alt);
	}
	free(alt);
}

/* The language the source gives n's text (node.lang), as the root's
 * is given: lang for HTML readers, xml:lang for XML ones. */
static void
lang_attrs(struct xw *el, const struct node *n)
{
	if (n->lang == NULL)
		return;
	xw_attr(el, "lang", n->lang);
	xw_attr(el, "xml:lang", n->lang);
}

static void
inline_node(const struct epub *e, struct xw *parent, const struct node *n,
    int in_link)
{
	struct xw *el;
	char *href;
	const char *tag = NULL;

	switch (n->type) {
	case N_TEXT:
		if (n->lang != NULL) {	/* from a <span lang> */
			el = xw_el(parent, "span");
			lang_attrs(el, n);
			xw_text(el, n->text);
		} else
			xw_text(parent, n->text);
		return;
	case N_SOFTBREAK:
		xw_text(parent, "\n");
		return;
	case N_LINEBREAK:
		xw_el(parent, "br");
		return;
	case N_CODE:
		el = xw_el(parent, "code");
		xw_text(el, n->text);
		return;
	case N_IMAGE:
		image(e, parent, n, in_link);
		return;
	case N_LINK:
		if (in_link || (href = epub_link_href(e, n)) == NULL) {
			epub_inlines(e, parent, n, in_link);
			return;
		}
		el = xw_el(parent, "a");
		xw_attr(el, "href", href);
		free(href);
		if (n->u.link.title[0] != '\0')
			xw_attr(el, "title", n->u.link.title);
		lang_attrs(el, n);
		epub_inlines(e, el, n, 1);
		return;
	case N_ANCHOR:
		xw_attr(xw_el(parent, "span"), "id", n->u.anchor.id);
		return;
	case N_FOOTREF:
		epub_noteref(e, parent, n, in_link);
		return;
	case N_PLACEHOLDER:
		/* "<file>" as the author wrote it: a placeholder, not
		 * markup. */
		el = xw_el(parent, "var");
		xw_attr(el, "class", "placeholder");
		xw_text(el, "<");
		xw_text(el, n->text);
		xw_text(el, ">");
		return;
	case N_EMPH:	tag = "em"; break;
	case N_STRONG:	tag = "strong"; break;
	case N_STRIKE:	tag = "del"; break;
	case N_SUP:	tag = "sup"; break;
	case N_SUB:	tag = "sub"; break;
	case N_UNDERLINE: tag = "u"; break;
	case N_MARK:	tag = "mark"; break;
	case N_SMALL:	tag = "small"; break;
	default:
		/* What the EPUB cannot show (yet): its text. */
		emit_fallback_warn(e->unshown, n, "EPUB");
		if (n->first != NULL)
			epub_inlines(e, parent, n, in_link);
		else if (n->text != NULL)
			xw_text(parent, n->text);
		return;
	}
	el = xw_el(parent, tag);
	lang_attrs(el, n);
	epub_inlines(e, el, n, in_link);
}

/*
 * A paragraph's text runs on from one text node to the next (lines, soft
 * breaks), and a reader's XML parser makes one node of it: past 10 MB
 * libxml2-based readers refuse the chapter.  A run longer than
 * EPUB_TEXT_RUN goes on in a new <span>, which changes nothing a reader
 * sees.
 */
void
epub_inlines(const struct epub *e, struct xw *el, const struct node *parent,
    int in_link)
{
	const struct node *c;
	struct xw *to = el;
	size_t run = 0, len;

	for (c = parent->first; c != NULL; c = c->next) {
		len = c->type == N_TEXT && c->text != NULL ? strlen(c->text) :
		    c->type == N_SOFTBREAK ? 1 : 0;
		if (len > 0 && run > 0 && run + len > EPUB_TEXT_RUN) {
			to = xw_el(el, "span");
			run = 0;
		}
		inline_node(e, to, c, in_link);
		run = len > 0 ? run + len : 0;
	}
}

/* ---- blocks ----------------------------------------------------------- */

static void	block(const struct epub *, struct xw *, const struct node *,
		    int);

static void
heading(const struct epub *e, struct xw *parent, const struct node *n)
{
	struct xw *el;
	static const char *const tag[] = { "h1", "h2", "h3", "h4", "h5",
	    "h6" };

	el = xw_el(parent, tag[n->u.heading.level < 1 ? 0 :
	    n->u.heading.level > 6 ? 5 : n->u.heading.level - 1]);
	xw_attr(el, "id", n->u.heading.id);
	if (n->u.heading.number != NULL) {
		struct xw *num = xw_el(el, "span");

		xw_attr(num, "class", "number");
		xw_text(num, n->u.heading.number);
		xw_text(el, " ");
	}
	epub_inlines(e, el, n, 0);
}

static void
deflist(const struct epub *e, struct xw *parent, const struct node *n)
{
	const struct node *c;
	struct xw *el = xw_el(parent, "dl");

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == N_DEFTERM)
			epub_inlines(e, xw_el(el, "dt"), c, 0);
		else	/* one paragraph: its text, as a tight item */
			epub_blocks(e, xw_el(el, "dd"), c->first, NULL,
			    c->first != NULL && c->first == c->last);
}

/*
 * A code block's content is written here as the serialiser would write
 * its tree, and handed to xw.c as one text it writes as it is (xw_raw):
 * a tree of a span per token cost more to build, serialise and free than
 * the rest of the chapter.  Inside <pre> the serialiser (libxml2's, and
 * xw.c's after it) indents nothing (the empty text child below), so what
 * it would have written is exactly: each element as <span class="...">
 * with its content, never self-closed (every span below has content, if
 * only an empty text), and each text cleaned as xw_text cleans it and
 * escaped as libxml2's xmlEscapeContent escapes text written in UTF-8.
 */
static void
code_escaped(struct buf *b, const char *s, size_t len)
{
	size_t i, run;

	for (i = 0; i < len; i += run) {
		for (run = 0; i + run < len && s[i + run] != '<' &&
		    s[i + run] != '>' && s[i + run] != '&' &&
		    s[i + run] != '\r'; run++)
			;
		buf_put(b, s + i, run);
		if (i + run == len)
			break;
		switch (s[i + run]) {
		case '<':	buf_put(b, "&lt;", 4); break;
		case '>':	buf_put(b, "&gt;", 4); break;
		case '&':	buf_put(b, "&amp;", 5); break;
		default:	buf_put(b, "&#13;", 5); break;
		}
		run++;
	}
}

/* len bytes of code as text, as epub_text would add it. */
static void
code_text(struct buf *b, const char *s, size_t len)
{
	char	*t, *c;
	size_t	 clen, at, n;

	if (len == 0)
		return;
	/* Printable ASCII, most code, is what epub_xml_clean keeps. */
	for (at = 0; at < len && (unsigned char)s[at] >= 0x20 &&
	    (unsigned char)s[at] < 0x7F; at++)
		;
	if (at == len && len <= EPUB_TEXT_RUN) {
		code_escaped(b, s, len);
		return;
	}
	t = xmalloc(len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	c = epub_xml_clean(t);
	clen = strlen(c);
	if (clen <= EPUB_TEXT_RUN)
		code_escaped(b, c, clen);
	else for (at = 0; at < clen; at += n) {
		n = clen - at < EPUB_TEXT_RUN ? clen - at : EPUB_TEXT_RUN;
		while (at + n < clen && ((unsigned char)c[at + n] & 0xC0) ==
		    0x80)
			n--;
		buf_puts(b, "<span>");
		code_escaped(b, c + at, n);
		buf_puts(b, "</span>");
	}
	free(c);
	free(t);
}

/*
 * One line of a code block, bytes [from, to) of its text, its newline
 * included: its tokens each in a <span> whose class names the token's
 * (doc.h), which the stylesheet colours, clipped to the line (a comment
 * over three lines is three spans); the text between them as it is.
 * Operators and punctuation, which the stylesheet leaves in the text's
 * colour, stay text: they are half of all tokens.  *next is the first
 * span that may reach into the line, and moves on with the lines.
 */
static void
code_line(struct buf *b, const struct node *n, size_t from, size_t to,
    size_t *next)
{
	const struct code_span *sp = n->u.code.spans;
	size_t at = from, start, end, i;

	while (*next < n->u.code.nspans &&
	    (size_t)sp[*next].off + sp[*next].len <= from)
		++*next;
	for (i = *next; i < n->u.code.nspans && sp[i].off < to; i++) {
		start = sp[i].off > from ? sp[i].off : from;
		end = (size_t)sp[i].off + sp[i].len;
		if (end > to)
			end = to;
		if (sp[i].cls == CC_OPERATOR || end <= start)
			continue;
		code_text(b, n->text + at, start - at);
		buf_puts(b, "<span class=\"hl-");
		buf_puts(b, doc_code_class_name(sp[i].cls));
		buf_puts(b, "\">");
		code_text(b, n->text + start, end - start);
		buf_puts(b, "</span>");
		at = end;
	}
	code_text(b, n->text + at, to - at);
}

/*
 * The first len bytes of a code block, a <span class="line"> a line, so
 * the stylesheet can mark where a long line wraps.  Each newline stays
 * in the text, outside the spans: taking every span away gives back the
 * code, byte for byte, and that is what a reader who copies it gets.
 */
static void
code_tokens(struct xw *el, const struct node *n, size_t len)
{
	size_t from = 0, to, next = 0;
	const char *nl;
	struct buf b;

	buf_init(&b);
	while (from < len) {
		nl = memchr(n->text + from, '\n', len - from);
		to = nl != NULL ? (size_t)(nl - n->text) : len;
		if (to > from) {	/* an empty line cannot wrap */
			buf_puts(&b, "<span class=\"line\">");
			code_line(&b, n, from, to, &next);
			buf_puts(&b, "</span>");
		}
		if (nl == NULL)
			break;
		buf_putc(&b, '\n');
		from = to + 1;
	}
	if (b.len > 0)
		xw_raw(el, b.data, b.len);	/* written as it is */
	buf_free(&b);
}

static void
code_block(const struct epub *e, struct xw *parent, const struct node *n)
{
	struct xw *el, *code;
	const char *lang = n->u.code.lang ? n->u.code.lang : "";
	char *cls;
	size_t len;

	el = xw_el(parent, "pre");
	/* Code reads from the left in a right-to-left book too, as in the
	 * PDF. */
	if (e->doc->set.dir == TD_RTL)
		xw_attr(el, "dir", "ltr");
	/* An empty text child stops the writer indenting <code>, which
	 * would add a blank line to the preformatted text. */
	xw_empty_text(el);
	code = xw_el(el, "code");
	if (*lang != '\0') {
		cls = xmalloc(strlen(lang) + sizeof("language-"));
		strcpy(cls, "language-");
		strcat(cls, lang);
		xw_attr(code, "class", cls);
		free(cls);
	}
	if (n->text == NULL)
		return;
	len = strlen(n->text);
	if (len > 0 && n->text[len - 1] == '\n')
		len--;
	code_tokens(code, n, len);
}

/* A list; a task item's box goes in once its blocks are there. */
static void
list(const struct epub *e, struct xw *parent, const struct node *n)
{
	struct xw *el = xw_el(parent, n->u.list.ordered ? "ol" : "ul"), *li;
	const struct node *c;
	char num[16];

	if (n->u.list.ordered && n->u.list.start != 1) {
		snprintf(num, sizeof(num), "%d", n->u.list.start);
		xw_attr(el, "start", num);
	}
	for (c = n->first; c != NULL; c = c->next) {
		li = xw_el(el, "li");
		epub_blocks(e, li, c->first, NULL, n->u.list.tight);
		if (c->u.item.task != TASK_NONE) {
			epub_task(li, c);
			xw_attr(el, "class", "contains-task-list");
		}
	}
}

static void
block(const struct epub *e, struct xw *parent, const struct node *n,
    int tight)
{
	struct xw *el;
	const struct node *c;

	switch (n->type) {
	case N_HEADING:
		heading(e, parent, n);
		break;
	case N_PARAGRAPH:
		/* Tight list items hold their text without a <p>; a
		 * paragraph left empty (its raw HTML dropped) is skipped. */
		if (n->first == NULL)
			break;
		if (tight) {
			epub_inlines(e, parent, n, 0);
			if (n->next != NULL && n->next->type == N_PARAGRAPH)
				xw_el(parent, "br");
		} else {
			el = xw_el(parent, "p");
			lang_attrs(el, n);
			epub_inlines(e, el, n, 0);
		}
		break;
	case N_LIST:
		list(e, parent, n);
		break;
	case N_ITEM:		/* only under LIST, handled there */
		epub_blocks(e, xw_el(parent, "li"), n->first, NULL, tight);
		break;
	case N_QUOTE:
		epub_blocks(e, xw_el(parent, "blockquote"), n->first, NULL, 0);
		break;
	case N_CODE_BLOCK:
		code_block(e, parent, n);
		break;
	case N_RULE:
		xw_el(parent, "hr");
		break;
	case N_TABLE:
		epub_table(e, parent, n);
		break;
	case N_DIV:
		el = xw_el(parent, "div");
		if (epub_align_class(n->u.div.align) != NULL)
			xw_attr(el, "class", epub_align_class(n->u.div.align));
		if (n->u.div.dir != TD_INHERIT)
			xw_attr(el, "dir", n->u.div.dir == TD_RTL ? "rtl" :
			    n->u.div.dir == TD_LTR ? "ltr" : "auto");
		lang_attrs(el, n);
		epub_blocks(e, el, n->first, NULL, 0);
		break;
	case N_FIGURE:
	case N_DETAILS:
		/* Details printed open, as on paper; a reader may still
		 * fold them. */
		el = xw_el(parent, n->type == N_FIGURE ? "figure" : "details");
		if (n->type == N_DETAILS)
			xw_attr(el, "open", "open");
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_CAPTION || c->type == N_SUMMARY)
				epub_inlines(e, xw_el(el, c->type == N_CAPTION ?
				    "figcaption" : "summary"), c, 0);
			else
				block(e, el, c, 0);
		break;
	case N_DEFLIST:
		deflist(e, parent, n);
		break;
	case N_PAGEBREAK:
		xw_attr(xw_el(parent, "div"), "class", "page-break");
		break;
	case N_ALERT:
		epub_alert(e, parent, n);
		break;
	default:
		/* What the EPUB cannot show (yet): its content. */
		emit_fallback_warn(e->unshown, n, "EPUB");
		if (n->first != NULL && doc_is_block(n->first))
			epub_blocks(e, parent, n->first, NULL, 0);
		else if (n->first != NULL)
			epub_inlines(e, xw_el(parent, "p"), n, 0);
		else if (n->text != NULL)
			xw_text(xw_el(parent, "p"), n->text);
		break;
	}
}

void
epub_blocks(const struct epub *e, struct xw *parent, const struct node *first,
    const struct node *end, int tight)
{
	const struct node *n;

	for (n = first; n != NULL && n != end; n = n->next)
		block(e, parent, n, tight);
}

struct xw_doc *
epub_xhtml_file(const struct epub *e, size_t fi)
{
	const struct epub_file *f = &e->files[fi];
	const struct node *n;
	struct xw_doc *d;
	struct xw *body, *sec;

	d = xw_xhtml_doc(e, f->title, &body);
	sec = xw_el(body, "section");
	xw_attr(sec, "class", "chapter");
	for (n = f->first; n != NULL && n != f->end; n = n->next) {
		/* A thematic break right before a file split only marks the
		 * split, which the new file already shows. */
		if (n->type == N_RULE && n->next == f->end && f->end != NULL)
			continue;
		block(e, sec, n, 0);
	}
	epub_file_notes(e, body, fi);
	return d;
}
