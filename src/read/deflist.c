/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deflist.c - definition lists as a cmark-gfm syntax extension.
 *
 * The pandoc and go-md2man convention, as man pages write their options:
 *
 *	**--output** *PATH*
 *	:   Where to write.
 *
 *	    More paragraphs, indented.
 *
 * A line whose first non-blank character (indented at most three
 * columns) is ':' or '~' followed by white space opens a definition.
 * Its terms are the paragraph just before it, directly or after blank
 * lines, one term per line; several definitions may follow one group
 * of terms.  The definition holds blocks, like a list item: what
 * follows the marker, then every line indented as far as its text
 * (blank lines and lazy paragraph lines too).
 *
 * The parser builds it the way the table extension builds tables: the
 * block parser offers each line to open_block with the container it is
 * in, and the extension turns the paragraph before it into a term node
 * and adds a definition node that takes the following lines.  cmark
 * parses the terms' inlines (contains_inlines) like any paragraph's, so
 * their text keeps its source lines.  Lists of terms next to each other
 * become one list when parsing is done (postprocess).
 *
 * This file and parse.c are the only ones that know cmark.
 */
#include <stdint.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>

#include "read/deflist.h"

static cmark_node_type NODE_DEFLIST, NODE_DEFTERM, NODE_DEFDATA;

/* Whether the document being parsed on this thread made a list: the
 * postprocessing walk over the whole tree is for those only (the
 * parser is fed and finished on one thread, several at once under
 * --each). */
static _Thread_local int lists_made;

/*
 * A definition's content column, relative to the container's, is kept in
 * its user data while parsing (the public API has no other per-node
 * slot); postprocess clears it, so parse.c finds the slot empty.
 */
static int
content_column(cmark_node *dd)
{
	return (int)(intptr_t)cmark_node_get_user_data(dd);
}

static const char *
type_string(cmark_syntax_extension *ext, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	(void)ext;
	return t == NODE_DEFLIST ? "deflist" : t == NODE_DEFTERM ?
	    "defterm" : "defdata";
}

/* A list holds terms and definitions; a definition holds blocks but no
 * bare list item and no definition of its own (a term only for the
 * moment its paragraph becomes one, before it moves to its list); a term
 * holds inlines. */
static int
can_contain(cmark_syntax_extension *ext, cmark_node *n, cmark_node_type child)
{
	cmark_node_type t = cmark_node_get_type(n);

	(void)ext;
	if (t == NODE_DEFLIST)
		return child == NODE_DEFTERM || child == NODE_DEFDATA;
	if (t == NODE_DEFDATA)
		return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
		    child != CMARK_NODE_ITEM && child != NODE_DEFDATA;
	return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

static int
contains_inlines(cmark_syntax_extension *ext, cmark_node *n)
{
	(void)ext;
	return cmark_node_get_type(n) == NODE_DEFTERM;
}

/*
 * Does an open list or definition go on with this line?  The list always
 * does (what it cannot hold closes it as a list closes before a
 * paragraph); a definition when the line is indented to its content or
 * blank, as a list item.
 */
static int
matches(cmark_syntax_extension *ext, cmark_parser *p, unsigned char *input,
    int len, cmark_node *n)
{
	int col;

	(void)ext;
	(void)len;
	if (cmark_node_get_type(n) != NODE_DEFDATA)
		return 1;
	col = content_column(n);
	if (cmark_parser_get_indent(p) >= col) {
		cmark_parser_advance_offset(p, (const char *)input, col, 1);
		return 1;
	}
	if (cmark_parser_is_blank(p) && cmark_node_first_child(n) != NULL) {
		cmark_parser_advance_offset(p, (const char *)input,
		    cmark_parser_get_first_nonspace(p) -
		    cmark_parser_get_offset(p), 0);
		return 1;
	}
	return 0;
}

/* Make the paragraph `para` the term of a new list; returns the list. */
static cmark_node *
term_list(cmark_syntax_extension *ext, cmark_parser *p, cmark_node *para,
    cmark_node *parent, int column)
{
	cmark_node *dl;

	if (!cmark_node_set_type(para, NODE_DEFTERM))
		return NULL;
	cmark_node_set_syntax_extension(para, ext);
	dl = cmark_parser_add_child(p, parent, NODE_DEFLIST, column);
	lists_made = 1;
	cmark_node_set_syntax_extension(dl, ext);
	cmark_node_append_child(dl, para);
	return dl;
}

/*
 * The list a definition starting on this line belongs to: the open one
 * it is in, or a new one made of the paragraph before it.  NULL when
 * there is no term: the line is text.
 */
static cmark_node *
find_list(cmark_syntax_extension *ext, cmark_parser *p, cmark_node *cont,
    int column)
{
	cmark_node *last, *before, *dl;

	if (cmark_node_get_type(cont) == NODE_DEFLIST)
		return cont;
	if (cmark_node_get_type(cont) == CMARK_NODE_PARAGRAPH) {
		/*
		 * The term is the open paragraph.  Adding the list beside
		 * it closes it first, as any block after a paragraph does;
		 * a paragraph of link reference definitions only is gone
		 * then, which shows as the list's previous sibling being
		 * what came before the paragraph.
		 */
		before = cmark_node_previous(cont);
		dl = cmark_parser_add_child(p, cont, NODE_DEFLIST, column);
		lists_made = 1;
		cmark_node_set_syntax_extension(dl, ext);
		last = cmark_node_previous(dl);
		if (last != NULL && last != before &&
		    cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH &&
		    cmark_node_set_type(last, NODE_DEFTERM)) {
			cmark_node_set_syntax_extension(last, ext);
			cmark_node_prepend_child(dl, last);
		}
		return dl;
	}
	/* Blank lines between the term and its definition: the closed
	 * paragraph is the container's last child. */
	last = cmark_node_last_child(cont);
	if (last != NULL && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH)
		return term_list(ext, p, last, cont, column);
	return NULL;
}

static cmark_node *
open_block(cmark_syntax_extension *ext, int indented, cmark_parser *p,
    cmark_node *cont, unsigned char *input, int len)
{
	int fns = cmark_parser_get_first_nonspace(p), i, w = 0, col0;
	int marker = cmark_parser_get_indent(p);
	cmark_node *dl, *dd;

	if (indented || fns + 1 >= len || (input[fns] != ':' &&
	    input[fns] != '~') || (input[fns + 1] != ' ' &&
	    input[fns + 1] != '\t'))
		return NULL;
	if ((dl = find_list(ext, p, cont, fns + 1)) == NULL)
		return NULL;
	dd = cmark_parser_add_child(p, dl, NODE_DEFDATA, fns + 1);
	cmark_node_set_syntax_extension(dd, ext);
	/* Past the marker, then the white space up to the text, as for a
	 * list item: five columns or more start indented code, of which
	 * one column belongs to the marker. */
	cmark_parser_advance_offset(p, (const char *)input,
	    fns + 1 - cmark_parser_get_offset(p), 0);
	col0 = cmark_parser_get_column(p);
	for (i = fns + 1; i < len && (input[i] == ' ' || input[i] == '\t'); i++)
		w += input[i] == ' ' ? 1 : 4 - (col0 + w) % 4;
	if (w >= 5 || i >= len || input[i] == '\n' || input[i] == '\r')
		w = 1;
	cmark_parser_advance_offset(p, (const char *)input, w, 1);
	cmark_node_set_user_data(dd, (void *)(intptr_t)(marker + 1 + w));
	return dd;
}

/* Lists side by side ("a" ":" "b" ":" with blank lines) are one list;
 * the content columns are forgotten. */
static cmark_node *
postprocess(cmark_syntax_extension *ext, cmark_parser *p, cmark_node *root)
{
	cmark_iter *it;
	cmark_node *n, *next, *c;
	cmark_event_type ev;

	(void)ext;
	(void)p;
	if (!lists_made)
		return NULL;
	lists_made = 0;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == NODE_DEFDATA)
			cmark_node_set_user_data(n, NULL);
		if (cmark_node_get_type(n) != NODE_DEFLIST)
			continue;
		while ((next = cmark_node_next(n)) != NULL &&
		    cmark_node_get_type(next) == NODE_DEFLIST) {
			while ((c = cmark_node_first_child(next)) != NULL)
				cmark_node_append_child(n, c);
			cmark_node_free(next);
		}
	}
	cmark_iter_free(it);
	return NULL;
}

cmark_syntax_extension *
deflist_extension(void)
{
	static cmark_syntax_extension *ext;

	if (ext != NULL)
		return ext;
	ext = cmark_syntax_extension_new("deflist");
	cmark_syntax_extension_set_match_block_func(ext, matches);
	cmark_syntax_extension_set_open_block_func(ext, open_block);
	cmark_syntax_extension_set_get_type_string_func(ext, type_string);
	cmark_syntax_extension_set_can_contain_func(ext, can_contain);
	cmark_syntax_extension_set_contains_inlines_func(ext,
	    contains_inlines);
	cmark_syntax_extension_set_postprocess_func(ext, postprocess);
	NODE_DEFLIST = cmark_syntax_extension_add_node(0);
	NODE_DEFTERM = cmark_syntax_extension_add_node(0);
	NODE_DEFDATA = cmark_syntax_extension_add_node(0);
	return ext;
}
