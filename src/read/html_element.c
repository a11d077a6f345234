/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_element.c - what each HTML element does as the walk (html_map.c)
 * enters and leaves it: the node it makes, the frame it pushes and how
 * that frame takes what arrives; then, as it ends, how its container is
 * finished (a pre's text, a table's strays after it, a list's tightness,
 * a summary first, a caption last).  The Rust book's <Listing> is one.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "model/doc.h"
#include "read/html_int.h"
#include "read/html_mapper.h"

/* ---- elements ----------------------------------------------------------- */

static struct node *
pagebreak(struct mapper *m)
{
	return html_new(m, N_PAGEBREAK);
}

/* A Markdown block stitched in: it takes the placeholder's place. */
static void
markdown(struct mapper *m, const xmlChar **a)
{
	const char *v = html_attr(a, "n");
	size_t k = v != NULL ? strtoul(v, NULL, 10) : m->nmd;

	if (k >= m->nmd || m->used[k])
		return;
	m->used[k] = 1;
	html_put_block(m, m->n - 1, m->md[k]);
}

/*
 * A block-level element that makes no node of its own (an unaligned
 * <div>, a <td> outside any table): its content still stands apart, on
 * a paragraph of its own, or at least a word apart.
 */
static void
boundary(struct mapper *m)
{
	size_t i = html_taker(m, m->n - 1);
	struct frame *f = &m->f[i];
	struct node *t;

	if (f->mode == M_BLOCK)
		f->para = NULL;
	else if (f->mode == M_INLINE && f->node->last != NULL &&
	    f->node->last->type == N_TEXT) {
		t = html_new(m, N_TEXT);
		t->text = " ";
		html_put_inline(m, i, t);
	}
}

/* A table part: where it stands, a row, a cell or a caption; elsewhere
 * it is only its content. */
static void
part(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	size_t i = html_taker(m, m->n - 1);
	struct frame *f = &m->f[i];
	struct node *n;

	if (tag->type == 0 && f->mode == M_TABLE) {	/* thead, tbody... */
		html_push(m, el, M_PASS, NULL)->header =
		    strcmp(tag->name, "thead") == 0;
		return;
	}
	if ((tag->type == N_ROW && f->mode == M_TABLE) ||
	    (tag->type == N_CELL && f->mode == M_ROW) ||
	    (tag->type == N_CAPTION && f->mode == M_TABLE) ||
	    (tag->type == N_ITEM && f->mode == M_LIST) ||
	    ((tag->type == N_DEFTERM || tag->type == N_DEFDATA) &&
	    f->mode == M_DEFLIST) ||
	    (tag->type == N_SUMMARY && f->node != NULL &&
	    f->node->type == N_DETAILS) ||
	    (tag->type == N_CAPTION && f->node != NULL &&
	    f->node->type == N_FIGURE)) {
		n = html_node(m->d, tag, a, m->file, m->line);
		doc_append(f->node, n);
		if (tag->type == N_ROW) {
			n->u.row.header = m->n > 0 && m->f[m->n - 1].header;
			html_push(m, el, M_ROW, n);
		} else if (tag->type == N_CELL || tag->type == N_ITEM ||
		    tag->type == N_DEFDATA)
			html_push(m, el, M_BLOCK, n);
		else
			html_push(m, el, M_INLINE, n);
		if (tag->type == N_CELL)
			n->u.cell.header = strcmp(tag->name, "th") == 0;
		return;
	}
	boundary(m);
	html_push(m, el, M_PASS, NULL);
}

/* An element that makes a block container (div, table, list...). */
static void
container(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	static const enum mode modes[N_TYPE_COUNT] = {
		[N_TABLE] = M_TABLE, [N_LIST] = M_LIST,
		[N_DEFLIST] = M_DEFLIST,
	};
	struct node *n = html_node(m->d, tag, a, m->file, m->line);

	/* A <div> without alignment or direction means nothing here: its
	 * content stays where it is. */
	if (n->type == N_DIV && n->u.div.align == AL_NONE &&
	    n->u.div.dir == TD_INHERIT) {
		boundary(m);
		html_push(m, el, M_PASS, NULL);
		return;
	}
	html_put_block(m, m->n - 1, n);
	html_push(m, el, modes[n->type] ? modes[n->type] : M_BLOCK, n);
}

/*
 * The Rust book's listings, <Listing number="8-25" file-name="src/main.rs"
 * caption="Using `match`"> around a fenced block (its mdbook-trpl
 * preprocessor): "Filename: src/main.rs", then a figure of the Markdown
 * inside captioned "Listing 8-25: Using match" (the caption's Markdown is
 * parsed by parse.c).  Without those attributes, <listing> is HTML's
 * obsolete <pre>.  Returns 1 when el was one.
 */
static int
trpl_listing(struct mapper *m, xmlNodePtr el, const xmlChar **a)
{
	const char *num = html_attr(a, "number"), *cap = html_attr(a, "caption");
	const char *file = html_attr(a, "file-name");
	struct node *fig, *p, *e, *t, *c;
	struct buf b;

	if (strcmp((const char *)el->name, "listing") != 0 ||
	    (num == NULL && cap == NULL && file == NULL))
		return 0;
	/* The file name heads the listing, set as the text is (a figure
	 * centres what it holds). */
	if (file != NULL) {
		p = html_new(m, N_PARAGRAPH);
		e = html_new(m, N_EMPH);
		t = html_new(m, N_TEXT);
		buf_init(&b);
		buf_printf(&b, "Filename: %s", file);
		t->text = doc_strdup(m->d, b.data);
		buf_free(&b);
		html_put_block(m, m->n - 1, p);
		doc_append(p, e);
		doc_append(e, t);
	}
	fig = html_new(m, N_FIGURE);
	html_put_block(m, m->n - 1, fig);
	html_push(m, el, M_BLOCK, fig);
	if (num != NULL || cap != NULL) {
		c = html_new(m, N_CAPTION);
		buf_init(&b);
		buf_printf(&b, "%s%s%s%s", num ? "Listing " : "", num ? num : "",
		    num && cap ? ": " : "", cap ? cap : "");
		c->text = doc_strdup(m->d, b.data);
		buf_free(&b);
		doc_append(fig, c);
		m->w->md_captions++;
	}
	return 1;
}

/* <p>, <h1>...: a block of inlines; an aligned <p>, or one with a
 * direction, sits in a DIV. */
static void
textblock(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	struct node *n = html_node(m->d, tag, a, m->file, m->line), *div;
	enum align al = html_align(a);
	enum text_dir dir = html_dir(a);

	if ((al != AL_NONE && al != AL_LEFT) || dir != TD_INHERIT) {
		div = html_new(m, N_DIV);
		div->u.div.align = al == AL_LEFT ? AL_NONE : al;
		div->u.div.dir = dir;
		html_put_block(m, m->n - 1, div);
		html_push(m, el, M_BLOCK, div);
	}
	html_put_block(m, m->n - 1, n);
	html_push(m, el, M_INLINE, n);
}

/* An element that makes an inline container or leaf. */
static void
inline_el(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	const char *id;
	struct node *n;

	if (tag->type == N_LINK) {
		if (((id = html_attr(a, "id")) != NULL ||
		    (id = html_attr(a, "name")) != NULL) && *id != '\0') {
			n = html_new(m, N_ANCHOR);
			n->u.anchor.id = doc_strdup(m->d, id);
			html_put_inline(m, m->n - 1, n);
		}
		if (html_attr(a, "href") == NULL) {
			html_push(m, el, M_PASS, NULL);
			return;
		}
	}
	n = html_node(m->d, tag, a, m->file, m->line);
	html_put_inline(m, m->n - 1, n);
	html_push(m, el, tag->role == R_CODE ? M_TEXT : M_INLINE, n);
	if (tag->role == R_CODE)
		buf_reset(&m->text);
}

/* Enter an element. */
void
html_open_el(struct mapper *m, xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	const struct html_tag *tag = html_tag(name);
	const xmlChar **a = html_attrs(el);
	enum mode mode = m->f[html_taker(m, m->n - 1)].mode;
	struct node *n;
	int brk;

	m->line = m->line0 + (el->line > 0 ? (int)el->line - 1 : 0);
	if (strcmp(name, HTML_PLACEHOLDER) == 0) {
		markdown(m, a);
		html_push(m, el, M_PASS, NULL);
		free(a);
		return;
	}
	if (mode == M_TEXT || mode == M_DROP) {
		/* Inside code only text counts; a <br> is a new line. */
		if (mode == M_TEXT && strcmp(name, "br") == 0)
			buf_putc(&m->text, '\n');
		html_push(m, el, M_PASS, NULL);
		free(a);
		return;
	}
	brk = html_page_break(a);
	if (brk & 1)
		html_put_block(m, m->n - 1, pagebreak(m));
	switch (tag->role) {
	case R_NOT_HTML:
		n = html_new(m, N_PLACEHOLDER);
		n->text = doc_strdup(m->d, name);
		html_put_inline(m, m->n - 1, n);
		html_push(m, el, M_PASS, NULL);
		break;
	case R_DROP:
		/* An <svg> is a picture; the rest goes with a word. */
		if (strcmp(name, "svg") == 0) {
			if ((n = html_svg_image(m->d, el, m->file, m->line)) !=
			    NULL)
				html_put_inline(m, m->n - 1, n);
		} else
			html_warn_drop(m->w, name, m->file, m->line);
		html_push(m, el, M_DROP, NULL);
		break;
	case R_VOID:
		if (tag->type != 0)
			html_put_inline(m, m->n - 1, html_node(m->d, tag, a,
			    m->file, m->line));
		html_push(m, el, M_PASS, NULL);
		break;
	case R_INLINE:
	case R_CODE:
		inline_el(m, el, tag, a);
		break;
	case R_BLOCK:
		container(m, el, tag, a);
		break;
	case R_TEXTBLOCK:
		textblock(m, el, tag, a);
		break;
	case R_PRE:
		if (trpl_listing(m, el, a))
			break;
		n = html_node(m->d, tag, a, m->file, m->line);
		n->u.code.info = html_pre_info(m->d, el);
		html_put_block(m, m->n - 1, n);
		html_push(m, el, M_TEXT, n);
		buf_reset(&m->text);
		break;
	case R_RULE:
		html_put_block(m, m->n - 1, brk ? pagebreak(m) :
		    html_new(m, N_RULE));
		html_push(m, el, M_PASS, NULL);
		brk = 0;
		break;
	case R_PART:
		part(m, el, tag, a);
		break;
	case R_TRANSPARENT:
		html_push(m, el, M_PASS, NULL);
		break;
	}
	m->f[m->n - 1].brk_after = (brk & 2) != 0;
	free(a);
}

/* ---- leaving elements ----------------------------------------------- */

/* A cell holding one paragraph holds its inlines, as a pipe table's. */
static void
cell_end(struct node *cell)
{
	struct node *p = cell->first, *k;

	if (p == NULL || p != cell->last || p->type != N_PARAGRAPH)
		return;
	doc_unlink(p);
	while ((k = p->first) != NULL) {
		doc_unlink(k);
		doc_append(cell, k);
	}
}

/* What the table's frame gathered for after the table follows it. */
static void
table_finish(struct mapper *m, struct frame *f)
{
	struct node *t = f->node, *at = t, *k, *p;

	html_table_end(m->d, t);
	while (f->after != NULL && (k = f->after->first) != NULL) {
		doc_unlink(k);
		doc_insert_after(at, k);
		at = k;
	}
	if (t->u.table.ncols > 0)
		return;
	/* No rows: only the caption (if any) stays, as a paragraph. */
	if ((k = t->first) != NULL && k->type == N_CAPTION) {
		p = html_new(m, N_PARAGRAPH);
		doc_insert_after(t, p);
		doc_unlink(k);
		while (k->first != NULL) {
			struct node *c = k->first;

			doc_unlink(c);
			doc_append(p, c);
		}
	}
	doc_unlink(t);
}

static void
details_end(struct mapper *m, struct node *d)
{
	struct node *s, *t;

	for (s = d->first; s != NULL && s->type != N_SUMMARY; s = s->next)
		;
	if (s == NULL) {
		/* A browser shows "Details" for a summary never given. */
		s = html_new(m, N_SUMMARY);
		t = html_new(m, N_TEXT);
		t->text = "Details";
		doc_append(s, t);
	} else
		doc_unlink(s);
	if (d->first != NULL)
		doc_insert_before(d->first, s);
	else
		doc_append(d, s);
}

static void
figure_end(struct node *fig)
{
	struct node *c, *next, *last = fig->last;

	for (c = fig->first; c != NULL && c != last; c = next) {
		next = c->next;
		if (c->type == N_CAPTION) {
			doc_unlink(c);
			doc_append(fig, c);
		}
	}
}

/* An HTML list is tight unless an item holds more than one block. */
static void
list_end(struct node *list)
{
	struct node *item;

	for (item = list->first; item != NULL; item = item->next)
		if (item->first != NULL && item->first != item->last)
			list->u.list.tight = 0;
}

void
html_finish(struct mapper *m, struct frame *f)
{
	struct node *n = f->node;
	size_t len;
	char *s;

	if (n == NULL)
		return;
	if (f->mode == M_TEXT) {
		s = m->text.data ? m->text.data : "";
		len = m->text.len;
		if (n->type == N_CODE_BLOCK) {
			/* The newline right after <pre> is not content; the
			 * block ends with one, as CommonMark's do. */
			if (len > 0 && s[0] == '\n')
				s++, len--;
			while (len > 0 && s[len - 1] == '\n')
				len--;
			n->text = doc_strndup(m->d, s, len + 1);
			((char *)n->text)[len] = '\n';
		} else {
			n->text = doc_strndup(m->d, s, len);
			for (s = (char *)n->text; *s != '\0'; s++)
				if (*s == '\n' || *s == '\t')
					*s = ' ';
		}
		buf_reset(&m->text);
		return;
	}
	if (n->type == N_LIST)
		list_end(n);
	else if (n->type == N_TABLE)
		table_finish(m, f);
	else if (n->type == N_CELL)
		cell_end(n);
	else if (n->type == N_DETAILS)
		details_end(m, n);
	else if (n->type == N_FIGURE)
		figure_end(n);
}

/* Leave an element: its frames end (an aligned <p> has two). */
void
html_close_el(struct mapper *m, xmlNodePtr el)
{
	int brk = 0;
	/* Looked up only when a pass-through frame needs it. */
	const struct html_tag *tag = NULL;

	while (m->n > 1 && m->f[m->n - 1].el == el) {
		struct frame *f = &m->f[--m->n];

		brk |= f->brk_after;
		html_finish(m, f);
		if (f->mode != M_PASS)
			continue;
		if (tag == NULL)
			tag = html_tag((const char *)el->name);
		if (tag->role == R_PART || tag->role == R_BLOCK)
			boundary(m);
	}
	if (brk)
		html_put_block(m, m->n - 1, pagebreak(m));
}
