/*
 * parse.c - cmark-gfm's tree to quire's model.
 *
 * This is the only file that includes cmark.  It walks cmark's tree with
 * cmark's iterator (no recursion, so deep nesting cannot overflow the
 * stack), copies everything it needs into the document's arena and frees
 * cmark's tree block by block.  Raw HTML is copied as it is (HTML_BLOCK,
 * HTML_INLINE nodes) for html.c, which maps it to model nodes once the
 * chapter is complete; no emitter ever sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "codeblock.h"
#include "deflist.h"
#include "diag.h"
#include "doc.h"
#include "html.h"
#include "parse.h"
#include "resolve.h"
#include "tidy.h"

struct pctx {
	struct doc	*d;
	const char	*file;
	struct node	*cur;		/* where the next node goes */
};

static int
line_of(cmark_node *cn, struct node *parent)
{
	int l = cmark_node_get_start_line(cn);

	return l > 0 ? l : parent != NULL ? parent->line : 0;
}

static struct node *
add(struct pctx *c, enum node_type t, int line)
{
	struct node *n = doc_node(c->d, t, c->file, line);

	doc_append(c->cur, n);
	return n;
}

static const char *
cstr(struct doc *d, const char *s)
{
	return doc_strdup(d, s ? s : "");
}

/* A CommonMark container: its model node, which children go into. */
static struct node *
container(struct pctx *c, cmark_node *cn, int line)
{
	struct node *n;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_BLOCK_QUOTE:
		return add(c, N_QUOTE, line);
	case CMARK_NODE_LIST:
		n = add(c, N_LIST, line);
		n->u.list.ordered = cmark_node_get_list_type(cn) ==
		    CMARK_ORDERED_LIST;
		n->u.list.start = cmark_node_get_list_start(cn);
		n->u.list.tight = cmark_node_get_list_tight(cn);
		n->u.list.delim = cmark_node_get_list_delim(cn) ==
		    CMARK_PAREN_DELIM ? ')' : '.';
		n->u.list.bullet = '-';
		return n;
	case CMARK_NODE_ITEM:
		return add(c, N_ITEM, line);
	case CMARK_NODE_PARAGRAPH:
		return add(c, N_PARAGRAPH, line);
	case CMARK_NODE_HEADING:
		n = add(c, N_HEADING, line);
		n->u.heading.level = cmark_node_get_heading_level(cn);
		return n;
	case CMARK_NODE_EMPH:
		return add(c, N_EMPH, line);
	case CMARK_NODE_STRONG:
		return add(c, N_STRONG, line);
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = add(c, cmark_node_get_type(cn) == CMARK_NODE_LINK ?
		    N_LINK : N_IMAGE, line);
		n->u.link.url = cstr(c->d, cmark_node_get_url(cn));
		n->u.link.title = cstr(c->d, cmark_node_get_title(cn));
		return n;
	default:
		return NULL;
	}
}

/* A CommonMark leaf: its model node, or NULL for none. */
static struct node *
leaf(struct pctx *c, cmark_node *cn, int line, int *known)
{
	enum node_type t;
	struct node *n;

	*known = 1;
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_CODE_BLOCK:
		n = add(c, N_CODE_BLOCK, line);
		n->u.code.info = cstr(c->d, cmark_node_get_fence_info(cn));
		break;
	case CMARK_NODE_HTML_BLOCK:	t = N_HTML_BLOCK; goto text;
	case CMARK_NODE_HTML_INLINE:	t = N_HTML_INLINE; goto text;
	case CMARK_NODE_TEXT:		t = N_TEXT; goto text;
	case CMARK_NODE_CODE:		t = N_CODE; goto text;
	case CMARK_NODE_THEMATIC_BREAK:
		return add(c, N_RULE, line);
	case CMARK_NODE_SOFTBREAK:
		/* Each line of a definition list's terms is a term. */
		if (c->cur->type == N_DEFTERM) {
			n = doc_node(c->d, N_DEFTERM, c->file, line + 1);
			doc_insert_after(c->cur, n);
			c->cur = n;
			return NULL;
		}
		return add(c, N_SOFTBREAK, line);
	case CMARK_NODE_LINEBREAK:
		return add(c, N_LINEBREAK, line);
	default:
		*known = 0;
		return NULL;
	}
	n->text = cstr(c->d, cmark_node_get_literal(cn));
	return n;
text:
	n = add(c, t, line);
	n->text = cstr(c->d, cmark_node_get_literal(cn));
	return n;
}

/* A GFM table: its column count and alignments. */
static struct node *
table(struct pctx *c, cmark_node *cn, int line)
{
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(cn);
	int i, nc = cmark_gfm_extensions_get_table_columns(cn);
	struct node *n = add(c, N_TABLE, line);

	n->u.table.ncols = nc;
	n->u.table.aligns = doc_alloc(c->d, (size_t)(nc > 0 ? nc : 1) *
	    sizeof(enum align));
	for (i = 0; i < nc; i++)
		n->u.table.aligns[i] = al == NULL ? AL_NONE : al[i] == 'l' ?
		    AL_LEFT : al[i] == 'c' ? AL_CENTER : al[i] == 'r' ?
		    AL_RIGHT : AL_NONE;
	return n;
}

/* A GFM extension node, known by its type string; NULL keeps only its
 * children. */
static struct node *
extension(struct pctx *c, cmark_node *cn, int line)
{
	const char *ts = cmark_node_get_type_string(cn);
	struct node *n, *p;
	int col = 0;

	if (!strcmp(ts, "table"))
		return table(c, cn, line);
	if (!strcmp(ts, "table_row") || !strcmp(ts, "table_header")) {
		n = add(c, N_ROW, line);
		n->u.row.header = cmark_gfm_extensions_get_table_row_is_header(cn);
		return n;
	}
	if (!strcmp(ts, "table_cell")) {
		for (p = c->cur->last; p != NULL; p = p->prev)
			col++;
		n = add(c, N_CELL, line);
		n->u.cell.col = col;
		n->u.cell.colspan = n->u.cell.rowspan = 1;
		return n;
	}
	if (!strcmp(ts, "strikethrough"))
		return add(c, N_STRIKE, line);
	/* A list starts where its first term does. */
	if (!strcmp(ts, "deflist"))
		return add(c, N_DEFLIST, cmark_node_first_child(cn) != NULL ?
		    line_of(cmark_node_first_child(cn), c->cur) : line);
	if (!strcmp(ts, "defterm"))
		return add(c, N_DEFTERM, line);
	if (!strcmp(ts, "defdata"))
		return add(c, N_DEFDATA, line);
	return NULL;
}

/* Enter a cmark node: its model node, and whether children go into it. */
static struct node *
enter(struct pctx *c, cmark_node *cn, int *is_container)
{
	int line = line_of(cn, c->cur), known;
	struct node *n;

	*is_container = 1;
	if ((n = container(c, cn, line)) != NULL)
		return n;
	*is_container = 0;
	if ((n = leaf(c, cn, line, &known)) != NULL || known)
		return n;
	*is_container = 1;
	return extension(c, cn, line);
}

/* Leaving a cmark container whose model node is n. */
static void
leave(struct pctx *c, struct node *n)
{
	struct node *table, *cell;
	int i;

	c->cur = n->parent;
	if (n->type != N_ROW)
		return;
	/* Every row gets exactly ncols cells. */
	table = n->parent;
	i = 0;
	for (cell = n->first; cell != NULL; cell = cell->next, i++)
		if (i < table->u.table.ncols)
			cell->u.cell.align = table->u.table.aligns[i];
	for (; i < table->u.table.ncols; i++) {
		cell = doc_node(c->d, N_CELL, c->file, n->line);
		cell->u.cell.col = i;
		cell->u.cell.colspan = cell->u.cell.rowspan = 1;
		cell->u.cell.align = table->u.table.aligns[i];
		doc_append(n, cell);
	}
}

/* cmark allocates through quire's wrappers, so running out of memory in
 * the parser is the same clean "out of memory" exit as anywhere else
 * (cmark's own allocator aborts). */
static cmark_mem mem = { xcalloc, xrealloc, free };

static cmark_parser *
new_parser(void)
{
	static const char *const exts[] = { "table", "strikethrough",
	    "autolink" };
	static int registered;
	cmark_parser *p;
	size_t i;

	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	p = cmark_parser_new_with_mem(CMARK_OPT_SMART, &mem);
	/* Before the table extension, which claims every line that may
	 * follow a paragraph (returning the paragraph itself when the line
	 * is no table's), so no extension after it sees those lines. */
	cmark_parser_attach_syntax_extension(p, deflist_extension());
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	return p;
}

/* Convert one top-level cmark block (and everything in it). */
static void
convert(struct pctx *c, cmark_node *top)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	cmark_node *cn;
	struct node *n;
	int is_container;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			if ((n = cmark_node_get_user_data(cn)) != NULL)
				leave(c, n);
			continue;
		}
		n = enter(c, cn, &is_container);
		if (n != NULL && is_container) {
			cmark_node_set_user_data(cn, n);
			c->cur = n;
		}
	}
	cmark_iter_free(it);
}

void
parse_chapter(struct doc *d, const char *path, const char *text, size_t len)
{
	struct pctx c;
	cmark_parser *p;
	cmark_node *root, *top;
	struct node *ch, *n;
	int index = 0;

	for (n = d->root->first; n != NULL; n = n->next)
		index++;
	ch = doc_node(d, N_CHAPTER, doc_strdup(d, path), 1);
	ch->u.chapter.path = ch->file;
	ch->u.chapter.index = index;
	doc_append(d->root, ch);

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = ch->file;
	c.cur = ch;
	p = new_parser();
	cmark_parser_feed(p, text, len);
	root = cmark_parser_finish(p);
	/*
	 * One top-level block at a time, each freed once converted, so
	 * cmark's tree shrinks while the model grows and the peak memory
	 * is about one of them, not both.
	 */
	while ((top = cmark_node_first_child(root)) != NULL) {
		convert(&c, top);
		cmark_node_free(top);
	}
	cmark_node_free(root);
	cmark_parser_free(p);
	html_chapter(d, ch);
}

void
parse_part(struct doc *d, const char *file, int line, const char *title)
{
	struct node *ch = doc_node(d, N_CHAPTER, doc_strdup(d, file), line);
	struct node *h = doc_node(d, N_HEADING, ch->file, line);
	struct node *t = doc_node(d, N_TEXT, ch->file, line);
	struct node *n;
	int index = 0;

	for (n = d->root->first; n != NULL; n = n->next)
		index++;
	ch->u.chapter.path = ch->file;
	ch->u.chapter.index = index;
	ch->u.chapter.part = 1;
	h->u.heading.level = 1;
	t->text = doc_strdup(d, title);
	doc_append(d->root, ch);
	doc_append(ch, h);
	doc_append(h, t);
}

void
parse_finish(struct doc *d)
{
	tidy_document(d);
	resolve_document(d);
	codeblock_settle(d);
}
