/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: the model (links, walk, plain text) and its tidying. */
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/parse.h"
#include "model_fixture.h"
#include "model/tidy.h"

static struct node *
text(struct doc *d, struct node *parent, const char *s)
{
	struct node *n = doc_node(d, N_TEXT, "t", 1);

	n->text = doc_strdup(d, s);
	doc_append(parent, n);
	return n;
}

static struct node *
add(struct doc *d, struct node *parent, enum node_type t)
{
	struct node *n = doc_node(d, t, "t", 1);

	doc_append(parent, n);
	return n;
}

/* Parse Markdown text into a fresh document. */
static struct doc *
parse(const char *md)
{
	return fixture_parse("t.md", md, strlen(md), NULL);
}

static int
count(const struct node *root, enum node_type t)
{
	struct node *n = NULL;
	int entering, k = 0;

	while ((n = doc_next(root, n, &entering)) != NULL)
		if (entering && n->type == t)
			k++;
	return k;
}

int
main(void)
{
	struct doc *d = doc_new();
	struct node *p, *a, *b, *c, *n, *cell, *item;
	int entering, k, depth;
	char slug[64];

	diag_quiet = 1;

	/* Links in place. */
	p = add(d, d->root, N_PARAGRAPH);
	a = text(d, p, "a");
	c = text(d, p, "c");
	b = doc_node(d, N_TEXT, "t", 1);
	b->text = "b";
	doc_insert_after(a, b);
	CHECK("insert_after links prev/next", a->next == b && b->next == c &&
	    c->prev == b && b->prev == a && b->parent == p);
	doc_unlink(c);
	CHECK("unlink last fixes parent->last", p->last == b && b->next == NULL);
	doc_unlink(a);
	CHECK("unlink first fixes parent->first", p->first == b &&
	    b->prev == NULL);
	doc_append(p, a);
	CHECK_STR("plain text in order", doc_plain_text(d, p), "ba");

	/* The walk visits containers twice and leaves once. */
	k = 0;
	n = NULL;
	while ((n = doc_next(d->root, n, &entering)) != NULL)
		k++;
	CHECK("walk: document and paragraph twice, two leaves once", k == 6);
	doc_free(d);

	/* A deep tree walks without recursion. */
	d = doc_new();
	n = d->root;
	for (k = 0; k < 200000; k++)
		n = add(d, n, N_QUOTE);
	depth = 0;
	n = NULL;
	k = 0;
	while ((n = doc_next(d->root, n, &entering)) != NULL)
		if (entering && ++depth > k)
			k = depth;
	CHECK("walk 200000 deep", k == 200001);
	doc_free(d);

	/* Tidying: text runs merge, spaces around breaks go. */
	d = doc_new();
	p = add(d, d->root, N_PARAGRAPH);
	text(d, p, "one ");
	text(d, p, "[two");
	add(d, p, N_LINEBREAK);
	text(d, p, "  three");
	add(d, p, N_LINEBREAK);
	tidy_inlines(d, p);
	CHECK_STR("tidy merges text runs and trims before a break",
	    p->first->text, "one [two");
	CHECK_STR("tidy trims after a break", p->first->next->next->text,
	    "three");
	CHECK("tidy drops a trailing break", p->last->type == N_TEXT);

	/* "<br>- " lines in a cell become a list. */
	cell = add(d, d->root, N_CELL);
	text(d, cell, "- first ");
	add(d, cell, N_LINEBREAK);
	text(d, cell, "* ");
	add(d, text(d, cell, "x")->parent, N_STRONG);
	tidy_inlines(d, cell);
	CHECK("cell list made", tidy_cell_list(d, cell) == 1);
	CHECK("cell holds one list", cell->first != NULL &&
	    cell->first == cell->last && cell->first->type == N_LIST);
	item = cell->first->first;
	CHECK("cell list has 2 items", item != NULL && item->next != NULL &&
	    item->next->next == NULL);
	CHECK_STR("cell item 1 text, marker dropped",
	    doc_plain_text(d, item), "first");
	CHECK_STR("cell item 2 keeps its inlines", doc_plain_text(d,
	    item->next), "x");

	cell = add(d, d->root, N_CELL);
	text(d, cell, "intro");
	add(d, cell, N_LINEBREAK);
	text(d, cell, "- a");
	CHECK("cell with a non-item line stays inline",
	    tidy_cell_list(d, cell) == 0 && cell->first->type == N_TEXT);
	cell = add(d, d->root, N_CELL);
	text(d, cell, "- only one");
	CHECK("cell with a single dash line stays inline",
	    tidy_cell_list(d, cell) == 0);
	doc_free(d);

	/* Slugs. */
	tidy_slugify("Hello, World! 2", slug, sizeof(slug));
	CHECK_STR("slug ascii", slug, "hello-world-2");
	tidy_slugify("Caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", slug, sizeof(slug));
	CHECK_STR("slug keeps letters, drops smart quotes", slug,
	    "caf\xc3\xa9-q");
	tidy_slugify("?!", slug, sizeof(slug));
	CHECK_STR("slug of punctuation only", slug, "section");

	/* The parser end to end. */
	d = parse("# Title\n\n## A\n\n## A\n\n## A-1\n\n## A\n");
	CHECK_STR("title from the first h1", d->meta.title, "Title");
	n = d->root->first->first;
	CHECK("title heading removed", n != NULL && n->u.heading.level == 2);
	CHECK_STR("id 1", n->u.heading.id, "a");
	CHECK_STR("id 2 de-duplicated", n->next->u.heading.id, "a-1");
	CHECK_STR("id 3 natural a-1 gets a-1-1", n->next->next->u.heading.id,
	    "a-1-1");
	CHECK_STR("id 4 skips taken a-1", n->next->next->next->u.heading.id,
	    "a-2");
	doc_free(d);

	d = parse("a<br>b<BR/>c<br />d\n\n| h | i |\n|---|--:|\n| - x<br>- y | z |\n| q |\n");
	CHECK("every <br> spelling is a line break", count(d->root,
	    N_LINEBREAK) == 3);
	CHECK("table found", d->has_table && count(d->root, N_TABLE) == 1);
	n = d->root->first->last;
	CHECK("table 2 columns, right-aligned second", n->u.table.ncols == 2 &&
	    n->u.table.aligns[1] == AL_RIGHT);
	CHECK("short row padded to 2 cells", n->last->first->next != NULL &&
	    n->last->first->next->type == N_CELL);
	CHECK("cell list parsed", count(n, N_LIST) == 1 &&
	    count(n, N_ITEM) == 2);
	doc_free(d);

	d = parse("x <b>bold</b> <i>it</i> <sup>2</sup> <sub>i</sub> "
	    "<a href=\"u?a=1&amp;b=2\">l</a> <code>c</code> <blink>k</blink>\n");
	CHECK("html b, i, sup, sub map to nodes", count(d->root, N_STRONG) == 1
	    && count(d->root, N_EMPH) == 1 && count(d->root, N_SUP) == 1 &&
	    count(d->root, N_SUB) == 1);
	CHECK("html a maps to a link", count(d->root, N_LINK) == 1);
	n = d->root->first->first->first;
	while (n != NULL && n->type != N_LINK)
		n = n->next;
	CHECK_STR("html a href entities decoded", n ? n->u.link.url : NULL,
	    "u?a=1&b=2");
	CHECK("html code maps to code", count(d->root, N_CODE) == 1);
	CHECK_STR("unknown tag dropped, text kept", doc_plain_text(d,
	    d->root), "x bold it 2 i l c k");
	doc_free(d);

	d = parse("<b>open\n\nnext *para*\n");
	CHECK("an unclosed tag ends with its paragraph",
	    d->root->first->last->type == N_PARAGRAPH &&
	    d->root->first->last->first->type == N_TEXT);
	doc_free(d);
	{
		int t, named = 1;

		for (t = 0; t < N_TYPE_COUNT; t++)
			if (doc_type_name((enum node_type)t) == NULL ||
			    strcmp(doc_type_name((enum node_type)t), "?") == 0)
				named = 0;
		CHECK("every node type has a name", named);
	}
	return check_failed;
}
