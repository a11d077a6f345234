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
		break;
	case N_ROW:
		for (; c != NULL; c = c->next)
			if (c->type != N_CELL)
				bad(k, c, "stands in a ROW");
		break;
	case N_CELL:
		for (; c != NULL && c->next != NULL; c = c->next)
			if (doc_is_inline(c) != doc_is_inline(c->next))
				bad(k, c, "mixes inlines and blocks in a CELL");
		break;
	case N_HEADING: case N_PARAGRAPH: case N_EMPH: case N_STRONG:
	case N_STRIKE: case N_SUP: case N_SUB: case N_LINK: case N_IMAGE:
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
		return;
	case N_FOOTNOTE:
		if (n->parent != k->d->notes)
			bad(k, n, "stands outside doc->notes");
		one_id(k, n, n->u.footnote.id);
		return;
	case N_FOOTREF:
		if (n->first != NULL || n->u.footref.note == NULL)
			bad(k, n, "has children or no note");
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
