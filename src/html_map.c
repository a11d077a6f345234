/*
 * html_map.c - a libxml2 HTML tree mapped to model nodes.
 *
 * The tree is walked without recursion (HTML may nest thousands deep),
 * with a stack of frames: each element that makes a container pushes one,
 * saying how it takes what arrives (blocks, inlines, rows, items...).
 * What arrives where it cannot stand is put where a browser would put it:
 * loose text in a block becomes a paragraph, a block inside a paragraph
 * splits the paragraph around it, a block inside a table but outside its
 * cells follows the table.  Dropped elements keep nothing but the
 * Markdown blocks stitched into them, which are the author's text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "html_int.h"

enum mode {
	M_BLOCK,	/* blocks; loose inlines go into a paragraph */
	M_INLINE,	/* inlines; a block splits it (see lift) */
	M_TABLE,	/* a caption and rows */
	M_ROW,		/* cells */
	M_LIST,		/* items */
	M_DEFLIST,	/* terms and definitions */
	M_TEXT,		/* pre and code: their text only */
	M_DROP,		/* dropped: only stitched Markdown is kept */
	M_PASS		/* no container of its own: the one below takes */
};

struct frame {
	xmlNodePtr	 el;		/* the element that pushed it */
	enum mode	 mode;
	struct node	*node;		/* the container */
	struct node	*para;		/* M_BLOCK: the loose-text paragraph */
	int		 stale;		/* M_INLINE: split by a block */
	int		 header;	/* M_TABLE, thead: header rows */
	int		 brk_after;	/* a page break after the element */
	struct node	*after;		/* M_TABLE: what follows it */
	struct node	*implicit;	/* the item it made for strays */
};

struct mapper {
	struct doc		*d;
	struct html_warned	*w;
	const char		*file;
	int			 line0, line;
	struct frame		*f;
	size_t			 n, cap;
	struct node		**md;	/* the stitched Markdown blocks */
	size_t			 nmd;
	char			*used;	/* md[k] placed */
	struct buf		 text;	/* what M_TEXT collects */
};

static struct frame *
push(struct mapper *m, xmlNodePtr el, enum mode mode, struct node *n)
{
	struct frame *f;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->f = xrealloc(m->f, m->cap * sizeof(*m->f));
	}
	f = &m->f[m->n++];
	memset(f, 0, sizeof(*f));
	f->el = el;
	f->mode = mode;
	f->node = n;
	return f;
}

static struct node *
new(struct mapper *m, enum node_type t)
{
	return doc_node(m->d, t, m->file, m->line);
}

/* The frame that takes content: the innermost that is not M_PASS. */
static size_t
taker(const struct mapper *m, size_t i)
{
	while (i > 0 && m->f[i].mode == M_PASS)
		i--;
	return i;
}

/* The innermost block container at or below frame i. */
static size_t
block_frame(const struct mapper *m, size_t i)
{
	while (i > 0 && m->f[i].mode != M_BLOCK)
		i--;
	return i;
}

static void	put_block(struct mapper *, size_t, struct node *);

/* A list item or a definition for what arrived where only those stand. */
static struct node *
implied(struct mapper *m, struct frame *f, enum node_type t)
{
	/* Strays in a row share one, until a real one comes. */
	if (f->implicit == NULL || f->node->last != f->implicit) {
		f->implicit = new(m, t);
		doc_append(f->node, f->implicit);
	}
	return f->implicit;
}

/* The paragraph a container's loose inlines go into. */
static struct node *
loose_para(struct mapper *m, struct node *c)
{
	if (c->last == NULL || c->last->type != N_PARAGRAPH) {
		doc_append(c, new(m, N_PARAGRAPH));
	}
	return c->last;
}

/*
 * A block where inlines are: it goes into the enclosing block container,
 * and the inline containers open above it are split around it (made
 * again for what follows, see revive), so the text keeps its order.
 */
static void
lift(struct mapper *m, size_t i, struct node *b)
{
	size_t bi = block_frame(m, i), k;

	doc_append(m->f[bi].node, b);
	m->f[bi].para = NULL;
	for (k = bi + 1; k < m->n; k++)
		if (m->f[k].mode == M_INLINE)
			m->f[k].stale = 1;
}

/* Make again the inline containers a block split, outermost first. */
static void
revive(struct mapper *m, size_t i)
{
	size_t bi = block_frame(m, i), k;
	struct node *parent = NULL, *clone;

	for (k = bi + 1; k <= i; k++) {
		struct frame *f = &m->f[k];

		if (f->mode != M_INLINE || !f->stale) {
			if (f->mode == M_INLINE)
				parent = f->node;
			continue;
		}
		clone = doc_node(m->d, f->node->type, f->node->file,
		    f->node->line);
		clone->u = f->node->u;
		if (parent != NULL)
			doc_append(parent, clone);
		else if (doc_is_block(f->node) || f->node->type == N_HEADING)
			doc_append(m->f[bi].node, clone);
		else {
			/* An inline of the loose paragraph. */
			m->f[bi].para = new(m, N_PARAGRAPH);
			doc_append(m->f[bi].node, m->f[bi].para);
			doc_append(m->f[bi].para, clone);
		}
		f->node = clone;
		f->stale = 0;
		parent = clone;
	}
}

static void
put_block(struct mapper *m, size_t i, struct node *b)
{
	struct frame *f = &m->f[i = taker(m, i)];

	switch (f->mode) {
	case M_BLOCK:
		doc_append(f->node, b);
		f->para = NULL;
		break;
	case M_INLINE:
		lift(m, i, b);
		break;
	case M_TABLE:
	case M_ROW:
		/* Outside the cells: after the table (browsers put it
		 * before; after keeps the reading order). */
		while (i > 0 && m->f[i].mode != M_TABLE)
			i--;
		if (m->f[i].after == NULL)
			m->f[i].after = new(m, N_DIV);
		doc_append(m->f[i].after, b);
		break;
	case M_LIST:
		doc_append(implied(m, f, N_ITEM), b);
		break;
	case M_DEFLIST:
		doc_append(implied(m, f, N_DEFDATA), b);
		break;
	case M_TEXT:
		doc_text(b, &m->text, TEXT_BLOCKS);
		break;
	case M_DROP:
	case M_PASS:
		/* Stitched Markdown in a dropped element is kept where the
		 * element was. */
		while (i > 0 && m->f[i].mode == M_DROP)
			i--;
		put_block(m, i, b);
		break;
	}
}

static void
put_inline(struct mapper *m, size_t i, struct node *x)
{
	struct frame *f = &m->f[i = taker(m, i)];
	struct node *c;

	switch (f->mode) {
	case M_INLINE:
		if (f->stale)
			revive(m, i);
		doc_append(f->node, x);
		break;
	case M_BLOCK:
		if (f->para == NULL) {
			f->para = new(m, N_PARAGRAPH);
			doc_append(f->node, f->para);
		}
		doc_append(f->para, x);
		break;
	case M_LIST:
		doc_append(loose_para(m, implied(m, f, N_ITEM)), x);
		break;
	case M_DEFLIST:
		doc_append(loose_para(m, implied(m, f, N_DEFDATA)), x);
		break;
	case M_TABLE:
	case M_ROW:
		/* Text outside the cells: a paragraph after the table. */
		c = new(m, N_PARAGRAPH);
		doc_append(c, x);
		put_block(m, i, c);
		break;
	case M_TEXT:
		doc_text(x, &m->text, 0);
		break;
	case M_DROP:
	case M_PASS:
		break;
	}
}

/* Text between tags, its white space collapsed as HTML renders it. */
static void
text(struct mapper *m, const char *s)
{
	size_t i = taker(m, m->n - 1);
	enum mode mode = m->f[i].mode;
	struct node *t;
	struct buf b;
	int space = 0;

	if (mode == M_TEXT) {
		buf_puts(&m->text, s);
		return;
	}
	if (mode == M_DROP)
		return;
	buf_init(&b);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *s);
	}
	if (space)
		buf_putc(&b, ' ');
	/* Between blocks, white space is only layout. */
	if ((b.len == 0 || (b.len == 1 && b.data[0] == ' ')) &&
	    mode != M_INLINE && !(mode == M_BLOCK && m->f[i].para != NULL)) {
		buf_free(&b);
		return;
	}
	if (b.len > 0) {
		t = new(m, N_TEXT);
		t->text = doc_strdup(m->d, b.data);
		put_inline(m, i, t);
	}
	buf_free(&b);
}

/* ---- elements ----------------------------------------------------------- */

static struct node *
pagebreak(struct mapper *m)
{
	return new(m, N_PAGEBREAK);
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
	put_block(m, m->n - 1, m->md[k]);
}

/*
 * A block-level element that makes no node of its own (an unaligned
 * <div>, a <td> outside any table): its content still stands apart, on
 * a paragraph of its own, or at least a word apart.
 */
static void
boundary(struct mapper *m)
{
	size_t i = taker(m, m->n - 1);
	struct frame *f = &m->f[i];
	struct node *t;

	if (f->mode == M_BLOCK)
		f->para = NULL;
	else if (f->mode == M_INLINE && f->node->last != NULL &&
	    f->node->last->type == N_TEXT) {
		t = new(m, N_TEXT);
		t->text = " ";
		put_inline(m, i, t);
	}
}

/* A table part: where it stands, a row, a cell or a caption; elsewhere
 * it is only its content. */
static void
part(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	size_t i = taker(m, m->n - 1);
	struct frame *f = &m->f[i];
	struct node *n;

	if (tag->type == 0 && f->mode == M_TABLE) {	/* thead, tbody... */
		push(m, el, M_PASS, NULL)->header =
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
			push(m, el, M_ROW, n);
		} else if (tag->type == N_CELL || tag->type == N_ITEM ||
		    tag->type == N_DEFDATA)
			push(m, el, M_BLOCK, n);
		else
			push(m, el, M_INLINE, n);
		if (tag->type == N_CELL)
			n->u.cell.header = strcmp(tag->name, "th") == 0;
		return;
	}
	boundary(m);
	push(m, el, M_PASS, NULL);
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

	/* A <div> without alignment means nothing here: its content stays
	 * where it is. */
	if (n->type == N_DIV && n->u.div.align == AL_NONE) {
		boundary(m);
		push(m, el, M_PASS, NULL);
		return;
	}
	put_block(m, m->n - 1, n);
	push(m, el, modes[n->type] ? modes[n->type] : M_BLOCK, n);
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
		p = new(m, N_PARAGRAPH);
		e = new(m, N_EMPH);
		t = new(m, N_TEXT);
		buf_init(&b);
		buf_printf(&b, "Filename: %s", file);
		t->text = doc_strdup(m->d, b.data);
		buf_free(&b);
		put_block(m, m->n - 1, p);
		doc_append(p, e);
		doc_append(e, t);
	}
	fig = new(m, N_FIGURE);
	put_block(m, m->n - 1, fig);
	push(m, el, M_BLOCK, fig);
	if (num != NULL || cap != NULL) {
		c = new(m, N_CAPTION);
		buf_init(&b);
		buf_printf(&b, "%s%s%s%s", num ? "Listing " : "", num ? num : "",
		    num && cap ? ": " : "", cap ? cap : "");
		c->text = doc_strdup(m->d, b.data);
		buf_free(&b);
		doc_append(fig, c);
	}
	return 1;
}

/* <p>, <h1>...: a block of inlines; an aligned <p> sits in a DIV. */
static void
textblock(struct mapper *m, xmlNodePtr el, const struct html_tag *tag,
    const xmlChar **a)
{
	struct node *n = html_node(m->d, tag, a, m->file, m->line), *div;
	enum align al = html_align(a);

	if (al != AL_NONE && al != AL_LEFT) {
		div = new(m, N_DIV);
		div->u.div.align = al;
		put_block(m, m->n - 1, div);
		push(m, el, M_BLOCK, div);
	}
	put_block(m, m->n - 1, n);
	push(m, el, M_INLINE, n);
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
			n = new(m, N_ANCHOR);
			n->u.anchor.id = doc_strdup(m->d, id);
			put_inline(m, m->n - 1, n);
		}
		if (html_attr(a, "href") == NULL) {
			push(m, el, M_PASS, NULL);
			return;
		}
	}
	n = html_node(m->d, tag, a, m->file, m->line);
	put_inline(m, m->n - 1, n);
	push(m, el, tag->role == R_CODE ? M_TEXT : M_INLINE, n);
	if (tag->role == R_CODE)
		buf_reset(&m->text);
}

/* Enter an element. */
static void
open_el(struct mapper *m, xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	const struct html_tag *tag = html_tag(name);
	const xmlChar **a = html_attrs(el);
	enum mode mode = m->f[taker(m, m->n - 1)].mode;
	struct node *n;
	int brk;

	m->line = m->line0 + (el->line > 0 ? (int)el->line - 1 : 0);
	if (strcmp(name, HTML_PLACEHOLDER) == 0) {
		markdown(m, a);
		push(m, el, M_PASS, NULL);
		free(a);
		return;
	}
	if (mode == M_TEXT || mode == M_DROP) {
		/* Inside code only text counts; a <br> is a new line. */
		if (mode == M_TEXT && strcmp(name, "br") == 0)
			buf_putc(&m->text, '\n');
		push(m, el, M_PASS, NULL);
		free(a);
		return;
	}
	brk = html_page_break(a);
	if (brk & 1)
		put_block(m, m->n - 1, pagebreak(m));
	switch (tag->role) {
	case R_NOT_HTML:
		n = new(m, N_PLACEHOLDER);
		n->text = doc_strdup(m->d, name);
		put_inline(m, m->n - 1, n);
		push(m, el, M_PASS, NULL);
		break;
	case R_DROP:
		html_warn_drop(m->w, name, m->file, m->line);
		push(m, el, M_DROP, NULL);
		break;
	case R_VOID:
		if (tag->type != 0)
			put_inline(m, m->n - 1, html_node(m->d, tag, a, m->file,
			    m->line));
		push(m, el, M_PASS, NULL);
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
		put_block(m, m->n - 1, n);
		push(m, el, M_TEXT, n);
		buf_reset(&m->text);
		break;
	case R_RULE:
		put_block(m, m->n - 1, brk ? pagebreak(m) : new(m, N_RULE));
		push(m, el, M_PASS, NULL);
		brk = 0;
		break;
	case R_PART:
		part(m, el, tag, a);
		break;
	case R_TRANSPARENT:
		push(m, el, M_PASS, NULL);
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
		p = new(m, N_PARAGRAPH);
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
		s = new(m, N_SUMMARY);
		t = new(m, N_TEXT);
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

static void
finish(struct mapper *m, struct frame *f)
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
static void
close_el(struct mapper *m, xmlNodePtr el)
{
	int brk = 0;

	const struct html_tag *tag = html_tag((const char *)el->name);

	while (m->n > 1 && m->f[m->n - 1].el == el) {
		struct frame *f = &m->f[--m->n];

		brk |= f->brk_after;
		finish(m, f);
		if (f->mode == M_PASS && (tag->role == R_PART ||
		    tag->role == R_BLOCK))
			boundary(m);
	}
	if (brk)
		put_block(m, m->n - 1, pagebreak(m));
}

/* Walk the tree in document order without recursion. */
static void
walk(struct mapper *m, xmlNodePtr body)
{
	xmlNodePtr x = body != NULL ? body->children : NULL;

	while (x != NULL) {
		if (x->type == XML_ELEMENT_NODE) {
			open_el(m, x);
			if (x->children != NULL) {
				x = x->children;
				continue;
			}
			close_el(m, x);
		} else if ((x->type == XML_TEXT_NODE ||
		    x->type == XML_CDATA_SECTION_NODE) && x->content != NULL)
			text(m, (const char *)x->content);
		while (x != NULL && x->next == NULL) {
			x = x->parent;
			if (x == body || x == NULL) {
				x = NULL;
				break;
			}
			close_el(m, x);
		}
		if (x != NULL)
			x = x->next;
	}
}

void
html_map(struct doc *d, struct node *parent, const char *html,
    struct node **md, size_t nmd, struct html_warned *w, const char *file,
    int line)
{
	struct mapper m;
	htmlDocPtr doc;
	size_t k;

	memset(&m, 0, sizeof(m));
	m.d = d;
	m.w = w;
	m.file = file;
	m.line0 = m.line = line;
	m.md = md;
	m.nmd = nmd;
	m.used = xcalloc(nmd + 1, 1);
	buf_init(&m.text);
	push(&m, NULL, M_BLOCK, parent);
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_OPTIONS);
	walk(&m, html_body(doc));
	while (m.n > 1)
		finish(&m, &m.f[--m.n]);
	/* Every Markdown block is placed, whatever the HTML did. */
	for (k = 0; k < nmd; k++)
		if (!m.used[k] && md[k]->type != N_HTML_BLOCK)
			doc_append(parent, md[k]);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(m.used);
	free(m.f);
	buf_free(&m.text);
}
