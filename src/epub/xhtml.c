/*
 * epub/xhtml.c - one content file of the book: the model's blocks and
 * inlines as an XHTML tree.  Tables get <thead>, <th scope="col">, a
 * row-header column when the first column holds labels, real lists in
 * cells and alignment through CSS classes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "emit.h"
#include "epub.h"
#include "style.h"

static void	blocks(const struct epub *, xmlNodePtr, const struct node *first,
		    const struct node *end, int tight);

/* ---- inlines ---------------------------------------------------------- */

/* A number attribute (colspan, width), written only past 1. */
static void
span(xmlNodePtr el, const char *attr, int n)
{
	char num[16];

	if (n > 1) {
		snprintf(num, sizeof(num), "%d", n);
		epub_attr(el, attr, num);
	}
}

static void
image(const struct epub *e, xmlNodePtr parent, const struct node *n,
    int in_link)
{
	const char *name;
	xmlNodePtr el;
	char *alt = doc_text_dup(n, 0);

	if ((name = epub_image_for(e, n)) != NULL) {
		el = epub_el(parent, "img");
		epub_attr(el, "src", name);
		epub_attr(el, "alt", alt);
		if (n->u.link.title[0] != '\0')
			epub_attr(el, "title", n->u.link.title);
		/* The size the author gave, in CSS pixels: max-width in
		 * the stylesheet still fits it to the screen. */
		if (n->u.link.width > 0)
			span(el, "width", (int)n->u.link.width);
		if (n->u.link.height > 0)
			span(el, "height", (int)n->u.link.height);
	} else if (n->u.link.kind == LINK_EXTERNAL && !in_link) {
		/* Remote images are never fetched: the alt text links to
		 * the image instead. */
		el = epub_el(parent, "a");
		epub_attr(el, "href", n->u.link.href);
		epub_attr(el, "class", "remote-image");
		epub_text(el, alt[0] != '\0' ? alt : n->u.link.url);
	} else if (alt[0] != '\0') {
		el = epub_el(parent, "span");
		epub_attr(el, "class", "missing-image");
		epub_text(el, alt);
	}
	free(alt);
}

static void
inline_node(const struct epub *e, xmlNodePtr parent, const struct node *n,
    int in_link)
{
	xmlNodePtr el;
	char *href;
	const char *tag = NULL;

	switch (n->type) {
	case N_TEXT:
		epub_text(parent, n->text);
		return;
	case N_SOFTBREAK:
		epub_text(parent, "\n");
		return;
	case N_LINEBREAK:
		epub_el(parent, "br");
		return;
	case N_CODE:
		el = epub_el(parent, "code");
		epub_text(el, n->text);
		return;
	case N_IMAGE:
		image(e, parent, n, in_link);
		return;
	case N_LINK:
		if (in_link || (href = epub_link_href(e, n)) == NULL) {
			epub_inlines(e, parent, n, in_link);
			return;
		}
		el = epub_el(parent, "a");
		epub_attr(el, "href", href);
		free(href);
		if (n->u.link.title[0] != '\0')
			epub_attr(el, "title", n->u.link.title);
		epub_inlines(e, el, n, 1);
		return;
	case N_ANCHOR:
		epub_attr(epub_el(parent, "span"), "id", n->u.anchor.id);
		return;
	case N_FOOTREF:
		epub_noteref(e, parent, n, in_link);
		return;
	case N_PLACEHOLDER:
		/* "<file>" as the author wrote it: a placeholder, not
		 * markup. */
		el = epub_el(parent, "var");
		epub_attr(el, "class", "placeholder");
		epub_text(el, "<");
		epub_text(el, n->text);
		epub_text(el, ">");
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
			epub_text(parent, n->text);
		return;
	}
	el = epub_el(parent, tag);
	epub_inlines(e, el, n, in_link);
}

void
epub_inlines(const struct epub *e, xmlNodePtr el, const struct node *parent,
    int in_link)
{
	const struct node *c;

	for (c = parent->first; c != NULL; c = c->next)
		inline_node(e, el, c, in_link);
}

/* ---- tables ----------------------------------------------------------- */

static const char *
align_class(enum align a)
{
	switch (a) {
	case AL_LEFT:	return "align-left";
	case AL_CENTER:	return "align-center";
	case AL_RIGHT:	return "align-right";
	default:	return NULL;
	}
}

/* A cell that is wholly one strong run ("**Aspect**"). */
static int
all_strong(const struct node *cell)
{
	return cell->first != NULL && cell->first == cell->last &&
	    cell->first->type == N_STRONG;
}

/* Row headers: where the model found labels, unless the style says. */
static int
label_column(const struct epub *e, const struct node *table)
{
	int mode = e->st->epub.label_column;

	if (table->u.table.ncols < 2)
		return 0;
	return mode == STYLE_AUTO ? table->u.table.label_col : mode;
}

static void
cell(const struct epub *e, xmlNodePtr tr, const struct node *c, int header,
    int row_label)
{
	const struct node *content = c;
	const char *cls = align_class(c->u.cell.align);
	xmlNodePtr el;

	/* A header cell is bold already: its one strong run adds nothing
	 * for a reader or a screen reader, so it is unwrapped. */
	if ((header || row_label) && all_strong(c))
		content = c->first;
	if ((header || c->u.cell.header) && c->first == NULL) {
		/* An empty header is no header (axe: empty-table-header). */
		el = epub_el(tr, "td");
	} else if (header || row_label) {
		el = epub_el(tr, "th");
		epub_attr(el, "scope", header ? (c->u.cell.colspan > 1 ?
		    "colgroup" : "col") : (c->u.cell.rowspan > 1 ?
		    "rowgroup" : "row"));
	} else
		el = epub_el(tr, c->u.cell.header ? "th" : "td");
	if (cls != NULL)
		epub_attr(el, "class", cls);
	span(el, "colspan", c->u.cell.colspan);
	span(el, "rowspan", c->u.cell.rowspan);
	if (content->first != NULL && doc_is_block(content->first))
		blocks(e, el, content->first, NULL, 1);
	else
		epub_inlines(e, el, content, 0);
}

static void
table(const struct epub *e, xmlNodePtr parent, const struct node *t)
{
	const struct node *r, *c;
	xmlNodePtr wrap, tbl, sect = NULL, tr;
	int labels = label_column(e, t), in_head = -1;

	/* The wrapper scrolls sideways on a narrow reader (epub.css). */
	wrap = epub_el(parent, "div");
	epub_attr(wrap, "class", "table-wrap");
	tbl = epub_el(wrap, "table");
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type == N_CAPTION) {
			epub_inlines(e, epub_el(tbl, "caption"), r, 0);
			continue;
		}
		if (r->u.row.header != in_head) {
			in_head = r->u.row.header != 0;
			sect = epub_el(tbl, in_head ? "thead" : "tbody");
		}
		tr = epub_el(sect, "tr");
		for (c = r->first; c != NULL; c = c->next)
			cell(e, tr, c, in_head, !in_head && labels &&
			    c->u.cell.col == 0);
	}
}

/* ---- blocks ----------------------------------------------------------- */

/* The first word of a fence's info string as a class token. */
static void
code_class(xmlNodePtr el, const char *info)
{
	char cls[64] = "language-";
	size_t o = strlen(cls);

	for (; *info != '\0' && !isspace((unsigned char)*info) &&
	    o + 1 < sizeof(cls); info++)
		if (isalnum((unsigned char)*info) || strchr("_+-.#", *info))
			cls[o++] = *info;
	cls[o] = '\0';
	if (o > strlen("language-"))
		epub_attr(el, "class", cls);
}

static void
code_block(xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr el = epub_el(parent, "pre"), code;
	char *txt;
	size_t len;

	/* An empty text child stops libxml2 from indenting <code>, which
	 * would add a blank line to the preformatted text. */
	xmlAddChild(el, xmlNewText(BAD_CAST ""));
	code = epub_el(el, "code");
	code_class(code, n->u.code.info ? n->u.code.info : "");
	txt = xstrdup(n->text ? n->text : "");
	len = strlen(txt);
	if (len > 0 && txt[len - 1] == '\n')
		txt[len - 1] = '\0';
	epub_text(code, txt);
	free(txt);
}

/* A list; a task item's box goes in once its blocks are there. */
static void
list(const struct epub *e, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr el = epub_el(parent, n->u.list.ordered ? "ol" : "ul"), li;
	const struct node *c;
	char num[16];

	if (n->u.list.ordered && n->u.list.start != 1) {
		snprintf(num, sizeof(num), "%d", n->u.list.start);
		epub_attr(el, "start", num);
	}
	for (c = n->first; c != NULL; c = c->next) {
		li = epub_el(el, "li");
		blocks(e, li, c->first, NULL, n->u.list.tight);
		if (c->u.item.task != TASK_NONE) {
			epub_task(li, c);
			epub_attr(el, "class", "contains-task-list");
		}
	}
}

static void
block(const struct epub *e, xmlNodePtr parent, const struct node *n,
    int tight)
{
	xmlNodePtr el;
	const struct node *c;
	char tag[16];

	switch (n->type) {
	case N_HEADING:
		snprintf(tag, sizeof(tag), "h%d", n->u.heading.level < 1 ? 1 :
		    n->u.heading.level > 6 ? 6 : n->u.heading.level);
		el = epub_el(parent, tag);
		epub_attr(el, "id", n->u.heading.id);
		epub_inlines(e, el, n, 0);
		break;
	case N_PARAGRAPH:
		/* Tight list items hold their text without a <p>; a
		 * paragraph left empty (its raw HTML dropped) is skipped. */
		if (n->first == NULL)
			break;
		if (tight) {
			epub_inlines(e, parent, n, 0);
			if (n->next != NULL && n->next->type == N_PARAGRAPH)
				epub_el(parent, "br");
		} else
			epub_inlines(e, epub_el(parent, "p"), n, 0);
		break;
	case N_LIST:
		list(e, parent, n);
		break;
	case N_ITEM:		/* only under LIST, handled there */
		blocks(e, epub_el(parent, "li"), n->first, NULL, tight);
		break;
	case N_QUOTE:
		blocks(e, epub_el(parent, "blockquote"), n->first, NULL, 0);
		break;
	case N_CODE_BLOCK:
		code_block(parent, n);
		break;
	case N_HTML_BLOCK:
		break;		/* never reaches an emitter (html.c) */
	case N_RULE:
		epub_el(parent, "hr");
		break;
	case N_TABLE:
		table(e, parent, n);
		break;
	case N_DIV:
		el = epub_el(parent, "div");
		if (align_class(n->u.div.align) != NULL)
			epub_attr(el, "class", align_class(n->u.div.align));
		blocks(e, el, n->first, NULL, 0);
		break;
	case N_FIGURE:
		el = epub_el(parent, "figure");
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_CAPTION)
				epub_inlines(e, epub_el(el, "figcaption"), c, 0);
			else
				block(e, el, c, 0);
		break;
	case N_DETAILS:
		/* Printed open, as on paper; a reader may still fold it. */
		el = epub_el(parent, "details");
		epub_attr(el, "open", "open");
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_SUMMARY)
				epub_inlines(e, epub_el(el, "summary"), c, 0);
			else
				block(e, el, c, 0);
		break;
	case N_DEFLIST:
		el = epub_el(parent, "dl");
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_DEFTERM)
				epub_inlines(e, epub_el(el, "dt"), c, 0);
			else	/* one paragraph: its text, as a tight item */
				blocks(e, epub_el(el, "dd"), c->first, NULL,
				    c->first != NULL && c->first == c->last);
		break;
	case N_PAGEBREAK:
		epub_attr(epub_el(parent, "div"), "class", "page-break");
		break;
	case N_ALERT:
		epub_alert(e, parent, n);
		break;
	default:
		/* What the EPUB cannot show (yet): its content. */
		emit_fallback_warn(e->unshown, n, "EPUB");
		if (n->first != NULL && doc_is_block(n->first))
			blocks(e, parent, n->first, NULL, 0);
		else if (n->first != NULL)
			epub_inlines(e, epub_el(parent, "p"), n, 0);
		else if (n->text != NULL)
			epub_text(epub_el(parent, "p"), n->text);
		break;
	}
}

static void
blocks(const struct epub *e, xmlNodePtr parent, const struct node *first,
    const struct node *end, int tight)
{
	const struct node *n;

	for (n = first; n != NULL && n != end; n = n->next)
		block(e, parent, n, tight);
}

void
epub_blocks(const struct epub *e, xmlNodePtr parent, const struct node *first)
{
	blocks(e, parent, first, NULL, 0);
}

xmlDocPtr
epub_xhtml_file(const struct epub *e, size_t fi)
{
	const struct epub_file *f = &e->files[fi];
	const struct node *n;
	xmlDocPtr d;
	xmlNodePtr body, sec;

	d = epub_xhtml_doc(e, f->title, &body);
	sec = epub_el(body, "section");
	epub_attr(sec, "class", "chapter");
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
