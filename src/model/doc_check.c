/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc_check.c - doc.h's shape guarantees verified on a finished model
 * (see doc_check() in doc.h).
 *
 * Emitters rely on these guarantees without checking them, so a front
 * end that breaks one shows up as a wrong page much later.  The --dump
 * tests and the fuzzer run this check on every model they make, so a
 * broken guarantee is named where it is made.
 */
#include <stdint.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"
#include "util/strmap.h"
#include "util/utf8.h"

struct checker {
	const struct doc *d;
	struct strmap	  ids;
	size_t		  bad;
};

static int
valid_utf8(const char *s)
{
	uint32_t cp;
	size_t n = strlen(s), k;

	for (; n > 0; s += k, n -= k)
		if ((k = utf8_decode(s, n, &cp)) == 0)
			return 0;
	return 1;
}

static void
bad(struct checker *k, const struct node *n, const char *what)
{
	if (k->bad++ < 20)
		diag_error(n->file, n->line, "the model breaks doc.h: %s %s",
		    doc_type_name(n->type), what);
}

/* The links between n and its children agree both ways. */
static void
links(struct checker *k, const struct node *n)
{
	const struct node *c, *prev = NULL;

	for (c = n->first; c != NULL; prev = c, c = c->next)
		if (c->parent != n || c->prev != prev) {
			bad(k, c, "is not linked to its parent or sibling");
			return;
		}
	if (n->last != prev)
		bad(k, n, "has a last child that is not its last");
}

/* A row's cells cover columns in order, inside the table's ncols. */
static void
row(struct checker *k, const struct node *table, const struct node *r)
{
	const struct node *c;
	int next = 0;

	for (c = r->first; c != NULL; c = c->next) {
		if (c->type != N_CELL)
			continue;
		if (c->u.cell.col < next || c->u.cell.colspan < 1 ||
		    c->u.cell.rowspan < 1 || c->u.cell.col +
		    c->u.cell.colspan > table->u.table.ncols)
			bad(k, c, "covers columns out of order or past the "
			    "table's");
		next = c->u.cell.col + c->u.cell.colspan;
	}
}

/* A code block's spans as struct code_span promises: sorted, apart, not
 * empty, inside the text, on character boundaries, without newlines. */
static void
spans(struct checker *k, const struct node *n)
{
	const struct code_span *sp = n->u.code.spans;
	size_t i, len = strlen(n->text), end = 0;
	const unsigned char *t = (const unsigned char *)n->text;

	if (sp == NULL && n->u.code.nspans != 0)
		bad(k, n, "counts spans it does not have");
	for (i = 0; sp != NULL && i < n->u.code.nspans; i++) {
		size_t a = sp[i].off, b = a + sp[i].len;

		if (sp[i].len == 0 || a < end || b > len ||
		    (t[a] & 0xC0) == 0x80 || (b < len &&
		    (t[b] & 0xC0) == 0x80) ||
		    memchr(t + a, '\n', sp[i].len) != NULL) {
			bad(k, n, "has a span that is empty, out of order, "
			    "past its text, inside a character or across a "
			    "line");
			return;
		}
		end = b;
	}
}

/* A link or image carries what its kind says it has. */
static void
link_fields(struct checker *k, const struct node *n)
{
	int ok;

	switch (n->u.link.kind) {
	case LINK_EXTERNAL:
		ok = n->u.link.href != NULL;
		break;
	case LINK_INTERNAL:
		ok = n->type == N_LINK && n->u.link.target != NULL &&
		    (n->u.link.target->type == N_HEADING ||
		    n->u.link.target->type == N_CHAPTER ||
		    n->u.link.target->type == N_ANCHOR);
		break;
	case LINK_FILE:
		ok = n->type == N_IMAGE && n->u.link.path != NULL;
		break;
	default:
		ok = 1;
		break;
	}
	if (!ok || n->u.link.url == NULL || n->u.link.title == NULL)
		bad(k, n, "lacks what its kind of link needs");
}

/* What each container may hold, as doc.h lists it. */
static void
children(struct checker *k, const struct node *n)
{
	const struct node *c = n->first;

	switch (n->type) {
	case N_LIST:
		for (; c != NULL; c = c->next)
			if (c->type != N_ITEM)
				bad(k, c, "stands in a LIST");
		break;
	case N_TABLE:
		if (c != NULL && c->type == N_CAPTION)
			c = c->next;
		for (; c != NULL; c = c->next)
			if (c->type != N_ROW)
				bad(k, c, "stands in a TABLE");
			else if (c->u.row.header && c->prev != NULL &&
			    c->prev->type == N_ROW && !c->prev->u.row.header)
				bad(k, c, "is a header row after a body row");
			else
				row(k, n, c);
		break;
	case N_CELL:
		for (; c != NULL && c->next != NULL; c = c->next)
			if (doc_is_inline(c) != doc_is_inline(c->next))
				bad(k, c, "mixes inlines and blocks in a CELL");
		break;
	case N_ROW:
		for (; c != NULL; c = c->next)
			if (c->type != N_CELL)
				bad(k, c, "stands in a ROW");
		break;
	case N_DEFLIST:
		for (; c != NULL; c = c->next)
			if (c->type != N_DEFTERM && c->type != N_DEFDATA)
				bad(k, c, "stands in a DEFLIST");
		break;
	case N_DETAILS:
		if (c != NULL && c->type == N_SUMMARY)
			c = c->next;
		/* FALLTHROUGH */
	case N_CHAPTER: case N_ITEM: case N_QUOTE: case N_ALERT:
	case N_DEFDATA: case N_FOOTNOTE: case N_DIV: case N_FIGURE:
		for (; c != NULL; c = c->next)
			if (!doc_is_block(c) && !(n->type == N_FIGURE &&
			    c->type == N_CAPTION && c->next == NULL))
				bad(k, c, "is not a block, in a container of "
				    "blocks");
		break;
	case N_HEADING: case N_PARAGRAPH: case N_EMPH: case N_STRONG:
	case N_STRIKE: case N_SUP: case N_SUB: case N_LINK: case N_IMAGE:
	case N_CAPTION: case N_SUMMARY: case N_DEFTERM: case N_UNDERLINE:
	case N_MARK: case N_SMALL:
		for (; c != NULL; c = c->next)
			if (!doc_is_inline(c))
				bad(k, c, "is a block among inlines");
		break;
	default:
		break;
	}
}

static void
one_id(struct checker *k, const struct node *n, const char *id)
{
	if (id == NULL || id[0] == '\0') {
		bad(k, n, "has no id");
		return;
	}
	if (strmap_get(&k->ids, id) != NULL)
		bad(k, n, "has an id another node has");
	else
		strmap_put(&k->ids, id, (void *)n);
}

/* Each node on its own: its text, what it decided, its id. */
static void
node(struct checker *k, const struct node *n)
{
	switch (n->type) {
	case N_HTML_BLOCK: case N_HTML_INLINE:
		bad(k, n, "(raw HTML) reaches the emitters");
		return;
	case N_TEXT: case N_CODE: case N_CODE_BLOCK:
		if (n->text == NULL || !valid_utf8(n->text))
			bad(k, n, "has no text, or text that is not UTF-8");
		if (n->first != NULL)
			bad(k, n, "has children");
		if (n->type == N_CODE_BLOCK && n->u.code.lang == NULL)
			bad(k, n, "has no settled language");
		if (n->type == N_CODE_BLOCK && n->text != NULL)
			spans(k, n);
		return;
	case N_LINK: case N_IMAGE:
		link_fields(k, n);
		return;
	case N_FOOTNOTE:
		if (n->parent != k->d->notes)
			bad(k, n, "stands outside doc->notes");
		one_id(k, n, n->u.footnote.id);
		return;
	case N_FOOTREF:
		if (n->first != NULL || n->u.footref.note == NULL ||
		    n->u.footref.note->type != N_FOOTNOTE ||
		    n->u.footref.nth < 1 ||
		    n->u.footref.nth > n->u.footref.note->u.footnote.nrefs)
			bad(k, n, "has children, no note or a wrong nth");
		one_id(k, n, n->u.footref.id);
		return;
	case N_HEADING:
		one_id(k, n, n->u.heading.id);
		return;
	case N_CHAPTER:
		if (n->parent != k->d->root)
			bad(k, n, "stands outside the document");
		one_id(k, n, n->u.chapter.id);
		return;
	case N_ANCHOR:
		one_id(k, n, n->u.anchor.id);
		return;
	default:
		return;
	}
}

/* The tree under root, its depth of block and inline containers
 * bounded as doc.h says. */
static void
tree(struct checker *k, const struct node *root)
{
	struct node *n = NULL;
	int entering, blocks = 0, inlines = 0;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		/* Leaves come once, entering: only containers count. */
		int block = (n->type == N_QUOTE || n->type == N_ITEM) &&
		    n->first != NULL;
		int inl = doc_is_inline(n) && n->first != NULL;

		if (!entering) {
			blocks -= block;
			inlines -= inl;
			continue;
		}
		if ((blocks += block) > DOC_MAX_NEST ||
		    (inlines += inl) > DOC_MAX_NEST)
			bad(k, n, "is nested deeper than DOC_MAX_NEST");
		if (n == root && n->type == N_DOCUMENT)
			continue;
		links(k, n);
		children(k, n);
		node(k, n);
	}
}

size_t
doc_check(const struct doc *d)
{
	struct checker k = { d, { 0 }, 0 };
	const struct node *c;

	strmap_init(&k.ids);
	for (c = d->root->first; c != NULL; c = c->next)
		if (c->type != N_CHAPTER)
			bad(&k, c, "stands in the DOCUMENT");
	links(&k, d->root);
	tree(&k, d->root);
	links(&k, d->notes);
	for (c = d->notes->first; c != NULL; c = c->next)
		tree(&k, c);
	if (d->meta.lang == NULL || d->meta.identifier == NULL ||
	    d->meta.title == NULL || d->meta.name == NULL)
		bad(&k, d->root, "has no lang, identifier, title or name");
	if (d->set.dir != TD_LTR && d->set.dir != TD_RTL)
		bad(&k, d->root, "has no settled direction");
	if (d->set.page_width <= 0 || d->set.page_height <= 0)
		bad(&k, d->root, "has no settled page size");
	strmap_free(&k.ids);
	return k.bad;
}
