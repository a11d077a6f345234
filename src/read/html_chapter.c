/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_chapter.c - the pass over a chapter (see html.h): every container
 * holding raw HTML is handed to html_block.c or html_inline.c, which use
 * html.c's element table; kept apart so that no file both calls them and
 * is called by them.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "util/diag.h"
#include "model/doc.h"
#include "read/html.h"
#include "read/html_int.h"

/* Children before parents, so a container is mapped after what is in
 * it: collect first (the passes move nodes about), then map. */
int
html_chapter(struct doc *d, struct node *chapter)
{
	struct html_warned w;
	struct node *n = NULL, *c, **todo = NULL;
	size_t k = 0, cap = 0, i;
	int entering;

	memset(&w, 0, sizeof(w));
	while ((n = doc_next(chapter, n, &entering)) != NULL) {
		/* Leaving a container: does it hold raw HTML? */
		if (entering || n->first == NULL)
			continue;
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_HTML_INLINE || c->type == N_HTML_BLOCK)
				break;
		if (c == NULL)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			todo = xrealloc(todo, cap * sizeof(*todo));
		}
		todo[k++] = n;
	}
	for (i = 0; i < k; i++) {
		for (c = todo[i]->first; c != NULL; c = c->next)
			if (c->type == N_HTML_BLOCK)
				break;
		if (c != NULL)
			html_blocks(d, todo[i], &w);
		else
			html_inlines(d, todo[i], &w);
	}
	if (w.parser != NULL)
		htmlFreeParserCtxt(w.parser);
	free(todo);
	return w.md_captions;
}
