/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * parse.c - cmark-gfm's tree to quire's model.
 *
 * This is the only file that includes cmark.  It walks cmark's tree with
 * cmark's iterator (no recursion, so deep nesting cannot overflow the
 * stack), copies everything it needs into the document's arena and frees
 * cmark's tree block by block.  Raw HTML is copied as it is (HTML_BLOCK,
 * HTML_INLINE nodes) for html.c, which maps it to model nodes once the
 * chapter is complete; no emitter ever sees it.
 *
 * GitHub's footnotes are cmark-gfm's own (CMARK_OPT_FOOTNOTES): it
 * numbers the references in a file and moves the definitions that are
 * used to the end.  What it does not say (which definitions it dropped
 * as unused, and their labels) a small syntax extension of ours watches
 * for while the blocks are parsed; notes.c then settles everything else.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "read/codeblock.h"
#include "read/deflist.h"
#include "read/emoji.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html.h"
#include "util/xmlerr.h"
#include "read/manpage.h"
#include "model/notes.h"
#include "read/parse.h"
#include "read/resolve.h"
#include "model/tidy.h"

struct pctx {
	struct doc	*d;
	const char	*file;
	struct node	*cur;		/* where the next node goes */
	struct notes_found notes;	/* this file's footnotes (notes.h) */
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

/* The user data watch_blocks() gives a task item the tasklist extension
 * did not see: open, done. */
static const char task_seen[2];

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
		n = add(c, N_ITEM, line);
		/* The tasklist extension marks its items by type name, and
		 * watch_blocks() the ones it missed by their user data. */
		if (!strcmp(cmark_node_get_type_string(cn), "tasklist"))
			n->u.item.task =
			    cmark_gfm_extensions_get_tasklist_item_checked(cn) ?
			    TASK_DONE : TASK_OPEN;
		else if (cmark_node_get_user_data(cn) == &task_seen[0] ||
		    cmark_node_get_user_data(cn) == &task_seen[1])
			n->u.item.task = cmark_node_get_user_data(cn) ==
			    &task_seen[1] ? TASK_DONE : TASK_OPEN;
		return n;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		n = add(c, N_FOOTNOTE, line);
		notes_found_def(&c->notes, n, line,
		    cmark_node_get_start_column(cn));
		return n;
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
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		/* cmark-gfm gives the note's number in this file. */
		n = add(c, N_FOOTREF, line);
		notes_found_ref(&c->notes, n, cmark_node_get_literal(cn) ?
		    atoi(cmark_node_get_literal(cn)) : 0);
		return n;
	default:
		*known = 0;
		return NULL;
	}
	n->text = cstr(c->d, cmark_node_get_literal(cn));
	return n;
text:
	n = add(c, t, line);
	n->text = cstr(c->d, cmark_node_get_literal(cn));
	if (t == N_TEXT)
		notes_found_text(&c->notes, n);
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

/*
 * The label of the footnote definition that starts at 1-based byte
 * column col of line: "[^label]:" ends just before col, give or take
 * spaces.  Copied into the arena, or NULL when the line does not say.
 */
static const char *
def_label(struct doc *d, const unsigned char *line, int len, int col)
{
	int end = col - 1 < len ? col - 1 : len, i;

	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (end < 4 || line[end - 1] != ':' || line[end - 2] != ']')
		return NULL;
	end -= 2;
	for (i = end - 1; i > 0; i--)
		if (line[i - 1] == '[' && line[i] == '^')
			return doc_strndup(d, (const char *)line + i + 1,
			    (size_t)(end - i - 1));
	return NULL;
}

/*
 * The tasklist extension, run just before ours on the item's first line,
 * took the three bytes before the offset as the box, but decided whether
 * it is ticked by looking for "[x]" anywhere on the line (so "- [ ] `[x]`"
 * came out done): look at the box itself.
 */
static void
fix_task(cmark_parser *parser, cmark_node *item, const unsigned char *input,
    int len)
{
	int off = cmark_parser_get_offset(parser);

	if (off < 3 || off > len || input[off - 3] != '[' ||
	    input[off - 1] != ']' || cmark_node_get_start_line(item) !=
	    cmark_parser_get_line_number(parser))
		return;
	cmark_gfm_extensions_set_tasklist_item_checked(item,
	    input[off - 2] == 'x' || input[off - 2] == 'X');
}

/*
 * The tasklist extension looks for an item's box from the start of the
 * line, so it misses every item inside a quote ("> - [ ] x"), which
 * GitHub shows as a task all the same.  Take the box here, as it would:
 * on the item's first line, before anything else in it, followed by a
 * space or the end of the line.
 */
static void
quoted_task(cmark_parser *parser, cmark_node *item, unsigned char *input,
    int len)
{
	int off = cmark_parser_get_offset(parser);

	if (off + 3 > len || cmark_node_first_child(item) != NULL ||
	    cmark_node_get_start_line(item) !=
	    cmark_parser_get_line_number(parser) || input[off] != '[' ||
	    input[off + 2] != ']' || (input[off + 1] != ' ' &&
	    input[off + 1] != 'x' && input[off + 1] != 'X') ||
	    (off + 3 < len && input[off + 3] != ' ' && input[off + 3] != '\t' &&
	    input[off + 3] != '\r' && input[off + 3] != '\n'))
		return;
	cmark_node_set_user_data(item, (void *)&task_seen[input[off + 1] !=
	    ' ']);
	cmark_parser_advance_offset(parser, (char *)input, 3, 0);
}

/*
 * Our syntax extension opens no blocks: cmark asks it on every line that
 * starts nothing else, with the innermost open container.  It corrects a
 * task item's box (fix_task, quoted_task) and notes every footnote
 * definition it is inside, so that one cmark drops because nothing
 * refers to it can be reported.  The label is read from the
 * definition's own line, the one time cmark shows it.
 */
static cmark_node *
watch_blocks(cmark_syntax_extension *ext, int indented, cmark_parser *parser,
    cmark_node *container, unsigned char *input, int len)
{
	struct pctx *c = cmark_syntax_extension_get_private(ext);
	cmark_node *def = container;
	int line, col;

	(void)indented;
	if (cmark_node_get_type(container) == CMARK_NODE_ITEM &&
	    !strcmp(cmark_node_get_type_string(container), "tasklist"))
		fix_task(parser, container, input, len);
	else if (cmark_node_get_type(container) == CMARK_NODE_ITEM)
		quoted_task(parser, container, input, len);
	while (def != NULL &&
	    cmark_node_get_type(def) != CMARK_NODE_FOOTNOTE_DEFINITION)
		def = cmark_node_parent(def);
	if (def == NULL)
		return NULL;
	line = cmark_node_get_start_line(def);
	col = cmark_node_get_start_column(def);
	notes_found_seen(&c->notes, line, col,
	    line == cmark_parser_get_line_number(parser) ?
	    def_label(c->d, input, len, col) : NULL);
	return NULL;
}

void
parse_init(void)
{
	static int registered;

	if (!registered) {
		xmlerr_init();
		cmark_gfm_core_extensions_ensure_registered();
		(void)deflist_extension();
		registered = 1;
	}
}

static cmark_parser *
new_parser(struct pctx *c, cmark_syntax_extension **watch)
{
	static const char *const exts[] = { "table", "strikethrough",
	    "autolink", "tasklist" };
	cmark_parser *p;
	size_t i;

	parse_init();
	p = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES |
	    (c->d->set.smart ? CMARK_OPT_SMART : 0), &mem);
	/* Before the table extension, which claims every line that may
	 * follow a paragraph (returning the paragraph itself when the line
	 * is no table's), so no extension after it sees those lines. */
	cmark_parser_attach_syntax_extension(p, deflist_extension());
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	*watch = cmark_syntax_extension_new("quire-footnotes");
	cmark_syntax_extension_set_open_block_func(*watch, watch_blocks);
	cmark_syntax_extension_set_private(*watch, c, NULL);
	cmark_parser_attach_syntax_extension(p, *watch);
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

/*
 * cmark-gfm's inline parser reads one table of special characters for
 * the process, and cmark_parser_finish adds the extensions' ones ('~',
 * ':' ...) to it and removes them again at the end (its issue 221), so
 * a document parsed meanwhile on another thread (--each -j N) would
 * lose its strikethrough and autolinks: the inline parsing takes turns.
 */
static pthread_mutex_t inline_lock = PTHREAD_MUTEX_INITIALIZER;

/* Parse text with cmark and convert it under c->cur. */
static void
read_markdown(struct pctx *c, const char *text, size_t len)
{
	cmark_syntax_extension *watch;
	cmark_parser *p = new_parser(c, &watch);
	cmark_node *root, *top;

	cmark_parser_feed(p, text, len);
	pthread_mutex_lock(&inline_lock);
	root = cmark_parser_finish(p);
	pthread_mutex_unlock(&inline_lock);
	/*
	 * One top-level block at a time, each freed once converted, so
	 * cmark's tree shrinks while the model grows and the peak memory
	 * is about one of them, not both.
	 */
	while ((top = cmark_node_first_child(root)) != NULL) {
		convert(c, top);
		cmark_node_free(top);
	}
	cmark_node_free(root);
	cmark_parser_free(p);
	cmark_syntax_extension_free(cmark_get_default_mem_allocator(), watch);
}

/* Markdown inline text from an HTML attribute parsed as CommonMark: its
 * inlines appended to parent. */
static void
inline_text(struct doc *d, struct node *parent, const char *file, int line,
    const char *text)
{
	struct pctx c;
	struct node *box = doc_node(d, N_DIV, file, line), *b, *k;
	int entering;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = file;
	c.cur = box;
	read_markdown(&c, text, strlen(text));
	free(c.notes.defs);
	free(c.notes.refs);
	free(c.notes.seen);
	free(c.notes.texts);
	/* The paragraphs' inlines, a space between two; nothing else. */
	for (b = box->first; b != NULL; b = b->next) {
		if (b->type != N_PARAGRAPH)
			continue;
		if (b != box->first && parent->last != NULL)
			doc_append(parent, doc_node(d, N_SOFTBREAK, file, line));
		for (k = b->first; k != NULL; k = b->first) {
			doc_unlink(k);
			doc_append(parent, k);
		}
	}
	/* Their lines are the attribute's. */
	for (k = NULL; (k = doc_next(parent, k, &entering)) != NULL;)
		k->line = line;
}

/* A caption the HTML mapper made from an attribute holds its Markdown
 * as text (the Rust book's <Listing caption="A `match`">): parsed here,
 * where cmark is, into its inlines. */
static void
markdown_captions(struct doc *d, struct node *ch)
{
	struct node *n = NULL;
	const char *md;
	int entering;

	while ((n = doc_next(ch, n, &entering)) != NULL)
		if (entering && n->type == N_CAPTION && n->text != NULL &&
		    n->first == NULL) {
			md = n->text;
			n->text = NULL;
			inline_text(d, n, n->file, n->line, md);
		}
}

void
parser_init(struct parser *p, struct doc *d, struct runner *run)
{
	p->d = d;
	p->run = run;
	p->early = NULL;
}

void
parser_discard(struct parser *p)
{
	codeblock_early_discard(&p->early);
}

void
parse_chapter(struct parser *p, const char *path, const char *text,
    size_t len)
{
	struct doc *d = p->d;
	struct pctx c;
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
	read_markdown(&c, text, len);
	notes_chapter(d, ch, &c.notes);
	/* Only the HTML mapper makes captions that hold Markdown. */
	if (html_chapter(d, ch) > 0)
		markdown_captions(d, ch);
	/* Tokens made while later chapters are read, when highlighting
	 * is on as far as can be told now (settle_reading). */
	if (d->set.highlight && !d->set.plain_code)
		codeblock_early_chapter(&p->early, p->run, d, ch);
}

void
parse_part(struct parser *p, const char *file, int line, const char *title)
{
	struct doc *d = p->d;
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
parse_finish(struct parser *p)
{
	struct doc *d = p->d;
	struct colon_texts colons = { NULL, 0, 0 };
	struct tidy_met met = { NULL, 0, 0 };

	codeblock_early_start(&p->early, p->run, d);
	tidy_document(d);
	/* A man page's title line is metadata, not a first heading. */
	manpage_recognise(d);
	tidy_titles(d, &met);
	resolve_document(d, &met, &colons);
	free(met.v);
	emoji_document(d, &colons);
	free(colons.v);
	notes_document(d);
	codeblock_settle(&p->early, d);
}

const char *
parse_cmark_version(void)
{
	return cmark_version_string();
}
