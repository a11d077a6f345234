/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_doc_check.c - doc_check() passes a model the front end made and
 * names each guarantee of doc.h broken on purpose: a check that could
 * never fail would let a broken front end reach the emitters.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model_fixture.h"
#include "read/meta.h"
#include "util/diag.h"
#include "util/hash.h"

static const char md[] =
    "# Title\n\n"
    "Text with a note[^n] and [a link](#title).\n\n"
    "```c\nint main(void) { return 0; }\n```\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "- item\n\n"
    "[^n]: The note.\n";

/* The first node of type t in a walk from the root. */
static struct node *
find(struct doc *d, enum node_type t)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(d->root, n, &entering)) != NULL)
		if (entering && n->type == t)
			return n;
	return NULL;
}

int
main(void)
{
	struct doc *d;
	struct node *n, *row, *item;
	struct code_span *sp, saved;
	struct hash128 h;
	size_t ns;
	int col;

	diag_quiet = 1;
	d = fixture_parse("t.md", md, sizeof(md) - 1, NULL);
	hash128_init(&h);
	CHECK("the metadata is finished", meta_finish(d, "t.md", &h) == 0);
	CHECK("a parsed document keeps every guarantee", doc_check(d) == 0);

	/* Code spans: out of order, past the text, inside a character. */
	n = find(d, N_CODE_BLOCK);
	CHECK("the code block is highlighted", n != NULL &&
	    n->u.code.nspans >= 2);
	if (n != NULL && n->u.code.nspans >= 2) {
		sp = (struct code_span *)n->u.code.spans;
		saved = sp[1];
		sp[1].off = sp[0].off;
		CHECK("overlapping spans are named", doc_check(d) > 0);
		sp[1] = saved;
		ns = n->u.code.nspans - 1;
		saved = sp[ns];
		sp[ns].len = (uint32_t)strlen(n->text) + 1 - sp[ns].off;
		CHECK("a span past the text is named", doc_check(d) > 0);
		sp[ns] = saved;
		CHECK("restored spans pass", doc_check(d) == 0);
	}

	/* A cell past the table's columns. */
	row = find(d, N_ROW);
	CHECK("the table has a row", row != NULL && row->last != NULL);
	if (row != NULL && row->last != NULL) {
		col = row->last->u.cell.col;
		row->last->u.cell.col = 5;
		CHECK("a cell past ncols is named", doc_check(d) > 0);
		row->last->u.cell.col = col;
	}

	/* An inline where blocks belong. */
	item = find(d, N_ITEM);
	n = find(d, N_TEXT);
	CHECK("the list has an item", item != NULL && item->first != NULL &&
	    n != NULL);
	if (item != NULL && item->first != NULL && n != NULL) {
		enum node_type t = item->first->type;

		item->first->type = N_EMPH;
		CHECK("an inline in an ITEM is named", doc_check(d) > 0);
		item->first->type = t;
	}

	/* An internal link with no target. */
	n = find(d, N_LINK);
	CHECK("the link is internal", n != NULL &&
	    n->u.link.kind == LINK_INTERNAL);
	if (n != NULL) {
		const struct node *t = n->u.link.target;

		n->u.link.target = NULL;
		CHECK("an internal link without a target is named",
		    doc_check(d) > 0);
		n->u.link.target = t;
	}

	/* A note reference counted past its note's references. */
	n = find(d, N_FOOTREF);
	CHECK("the note is referenced", n != NULL);
	if (n != NULL) {
		n->u.footref.nth = 2;
		CHECK("a reference past its note's count is named",
		    doc_check(d) > 0);
		n->u.footref.nth = 1;
	}
	CHECK("the document passes again", doc_check(d) == 0);
	doc_free(d);
	return check_failed;
}
