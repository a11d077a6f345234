/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_block.c - HTML blocks become model nodes.
 *
 * CommonMark ends an HTML block at a blank line, so an element that holds
 * Markdown arrives in pieces: "<div align="center">", the Markdown blocks,
 * "</div>".  The pieces are stitched: libxml2's push parser reads the
 * container's HTML blocks, with a placeholder element standing for each
 * Markdown block between them, and a run ends where every element its
 * first block opened is closed again.  An element never closed is
 * reported and ends with its own block, so it cannot swallow the rest of
 * the document.  The parse that finds where a run ends also gives its
 * tree, which is mapped to model nodes without recursion (html_map.c),
 * the Markdown blocks taking the placeholders' places; after an element
 * never closed, the runs' ends come from one pass over the container
 * and each run is parsed again.  HTML5's void elements are
 * closed first (html_void.c), as libxml2 would take them for containers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"

/* Parse the run of blocks that starts with HTML block kids[i]: a push
 * parser that builds libxml2's tree is fed the run's blocks one after
 * the other (a placeholder for each Markdown block) until every element
 * the run opened is closed again.  One parse both finds where the run
 * ends and makes the tree the mapper walks (finding the end first and
 * parsing the run again cost the HTML twice).  Returns the run's last
 * block and its tree in *doc (the caller's to free), or n when an
 * element is never closed (then *doc is NULL). */
static size_t
parse_run(struct node **kids, size_t i, size_t n, htmlDocPtr *doc)
{
	htmlParserCtxtPtr p;
	char ph[64];
	size_t k;

	*doc = NULL;
	p = htmlCreatePushParserCtxt(NULL, NULL, "", 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (p == NULL)
		return i;
	htmlCtxtUseOptions(p, HTML_PARSE_OPTIONS);
	/* A push parser keeps no line numbers unless asked; warnings name
	 * an element's line. */
	p->linenumbers = 1;
	for (k = i; k < n; k++) {
		if (kids[k]->type == N_HTML_BLOCK)
			htmlParseChunk(p, kids[k]->text,
			    (int)strlen(kids[k]->text), 0);
		else {
			snprintf(ph, sizeof(ph), "<%s n=\"%zu\"></%s>",
			    HTML_PLACEHOLDER, k - i, HTML_PLACEHOLDER);
			htmlParseChunk(p, ph, (int)strlen(ph), 0);
		}
		/* html and body are implied around everything. */
		if (p->nameNr <= 2)
			break;
	}
	htmlParseChunk(p, NULL, 0, 1);
	if (k < n)
		*doc = p->myDoc;
	else if (p->myDoc != NULL)
		xmlFreeDoc(p->myDoc);
	p->myDoc = NULL;
	htmlFreeParserCtxt(p);
	return k;
}

/* The depth of open elements after each child of a block container:
 * one push parser over the whole sequence, building no tree. */
static int *
depths(struct node **kids, size_t n)
{
	static htmlSAXHandler none;
	htmlParserCtxtPtr p;
	int *d = xcalloc(n + 1, sizeof(*d));
	char ph[64];
	size_t k;

	p = htmlCreatePushParserCtxt(&none, NULL, "", 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	htmlCtxtUseOptions(p, HTML_PARSE_OPTIONS);
	for (k = 0; k < n; k++) {
		if (kids[k]->type == N_HTML_BLOCK)
			htmlParseChunk(p, kids[k]->text,
			    (int)strlen(kids[k]->text), 0);
		else if (k > 0 && kids[k - 1]->type != N_HTML_BLOCK) {
			/* A second placeholder in a row finds the open
			 * elements as the first left them and leaves them
			 * so: the parser is spared it (most of a reference's
			 * blocks are Markdown between its HTML tables). */
			d[k] = d[k - 1];
			continue;
		} else {
			snprintf(ph, sizeof(ph), "<%s></%s>", HTML_PLACEHOLDER,
			    HTML_PLACEHOLDER);
			htmlParseChunk(p, ph, (int)strlen(ph), 0);
		}
		/* html and body are implied around everything. */
		d[k] = p->nameNr > 2 ? p->nameNr - 2 : 0;
	}
	htmlParseChunk(p, NULL, 0, 1);
	if (p->myDoc != NULL)
		xmlFreeDoc(p->myDoc);
	htmlFreeParserCtxt(p);
	return d;
}

/* The innermost element still open after HTML block i alone. */
static void
open_element(const char *html, char *name, size_t namesz)
{
	static htmlSAXHandler none;
	htmlParserCtxtPtr p;

	name[0] = '\0';
	p = htmlCreatePushParserCtxt(&none, NULL, "", 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	htmlCtxtUseOptions(p, HTML_PARSE_OPTIONS);
	htmlParseChunk(p, html, (int)strlen(html), 0);
	if (p->nameNr > 2 && p->name != NULL)
		snprintf(name, namesz, "%s", p->name);
	htmlParseChunk(p, NULL, 0, 1);
	if (p->myDoc != NULL)
		xmlFreeDoc(p->myDoc);
	htmlFreeParserCtxt(p);
}

/* Map kids[i..j] (HTML blocks and the Markdown between) into parent,
 * parsed anew (an unclosed element's block alone). */
static void
map_run(struct doc *d, struct node *parent, struct node **kids, size_t i,
    size_t j, struct html_warned *w)
{
	struct buf b;
	size_t k;

	buf_init(&b);
	for (k = i; k <= j; k++) {
		if (kids[k]->type == N_HTML_BLOCK)
			buf_puts(&b, kids[k]->text);
		else
			buf_printf(&b, "<%s n=\"%zu\"></%s>", HTML_PLACEHOLDER,
			    k - i, HTML_PLACEHOLDER);
	}
	html_map(d, parent, b.data ? b.data : "", kids + i, j - i + 1, w,
	    kids[i]->file, kids[i]->line);
	buf_free(&b);
}

void
html_blocks(struct doc *d, struct node *parent, struct html_warned *w)
{
	struct node **kids = NULL, *n, *next;
	size_t nk = 0, cap = 0, i, j;
	char name[64] = "", *fixed;
	htmlDocPtr doc;
	int *depth = NULL, base;

	for (n = parent->first; n != NULL; n = next) {
		next = n->next;
		doc_unlink(n);
		if (n->type == N_HTML_BLOCK && (fixed = html_close_voids(
		    n->text)) != NULL) {
			n->text = doc_strdup(d, fixed);
			free(fixed);
		}
		if (nk == cap) {
			cap = cap ? cap * 2 : 32;
			kids = xrealloc(kids, cap * sizeof(*kids));
		}
		kids[nk++] = n;
	}
	for (i = 0; i < nk; i = j + 1) {
		j = i;
		if (kids[i]->type != N_HTML_BLOCK) {
			doc_append(parent, kids[i]);
			continue;
		}
		if (depth == NULL) {
			j = parse_run(kids, i, nk, &doc);
			if (j < nk) {
				html_map_doc(d, parent, doc, kids + i,
				    j - i + 1, w, kids[i]->file,
				    kids[i]->line);
				if (doc != NULL)
					xmlFreeDoc(doc);
				continue;
			}
			/* An element never closed: parsing every later run
			 * to the end as well would take time quadratic in
			 * their number (thousands of unclosed blocks).  One
			 * pass over the container gives the depth after
			 * each block, which ends the runs from here on. */
			depth = depths(kids, nk);
		}
		/* The run ends where the depth is back to what it was. */
		base = i > 0 ? depth[i - 1] : 0;
		while (j < nk && depth[j] > base)
			j++;
		if (j == nk) {
			open_element(kids[i]->text, name, sizeof(name));
			diag_warn(kids[i]->file, kids[i]->line, "<%s> is not "
			    "closed; it ends with its own HTML block",
			    name[0] ? name : "?");
			j = i;
		}
		map_run(d, parent, kids, i, j, w);
	}
	free(depth);
	free(kids);
}
