/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_map.c - a libxml2 HTML tree mapped to model nodes: the walk and
 * where what arrives goes.
 *
 * The tree is walked without recursion (HTML may nest thousands deep),
 * with a stack of frames: each element that makes a container pushes one,
 * saying how it takes what arrives (blocks, inlines, rows, items...).
 * What each element makes and pushes is html_element.c's; the frames,
 * and where what arrives goes, html_frames.c's.  Dropped elements keep
 * nothing but the Markdown blocks stitched into them, which are the
 * author's text.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"
#include "read/html_mapper.h"

/* Text between tags, its white space collapsed as HTML renders it. */
static void
text(struct mapper *m, const char *s)
{
	size_t i = html_taker(m, m->n - 1);
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
		t = html_new(m, N_TEXT);
		t->text = doc_strdup(m->d, b.data);
		html_put_inline(m, i, t);
	}
	buf_free(&b);
}

/* Walk the tree in document order without recursion. */
static void
walk(struct mapper *m, xmlNodePtr body)
{
	xmlNodePtr x = body != NULL ? body->children : NULL;

	while (x != NULL) {
		if (x->type == XML_ELEMENT_NODE) {
			html_open_el(m, x);
			if (x->children != NULL) {
				x = x->children;
				continue;
			}
			html_close_el(m, x);
		} else if ((x->type == XML_TEXT_NODE ||
		    x->type == XML_CDATA_SECTION_NODE) && x->content != NULL)
			text(m, (const char *)x->content);
		while (x != NULL && x->next == NULL) {
			x = x->parent;
			if (x == body || x == NULL) {
				x = NULL;
				break;
			}
			html_close_el(m, x);
		}
		if (x != NULL)
			x = x->next;
	}
}

void
html_map_doc(struct doc *d, struct node *parent, htmlDocPtr doc,
    struct node **md, size_t nmd, struct html_warned *w, const char *file,
    int line)
{
	struct mapper m;
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
	html_push(&m, NULL, M_BLOCK, parent);
	walk(&m, html_body(doc));
	while (m.n > 1)
		html_finish(&m, &m.f[--m.n]);
	/* Every Markdown block is placed, whatever the HTML did. */
	for (k = 0; k < nmd; k++)
		if (!m.used[k] && md[k]->type != N_HTML_BLOCK)
			doc_append(parent, md[k]);
	free(m.used);
	free(m.f);
	buf_free(&m.text);
}

void
html_map(struct doc *d, struct node *parent, const char *html,
    struct node **md, size_t nmd, struct html_warned *w, const char *file,
    int line)
{
	htmlDocPtr doc;

	if (w->parser == NULL)
		w->parser = htmlNewParserCtxt();
	doc = w->parser == NULL ? NULL : htmlCtxtReadMemory(w->parser, html,
	    (int)strlen(html), NULL, "UTF-8", HTML_PARSE_OPTIONS);
	html_map_doc(d, parent, doc, md, nmd, w, file, line);
	if (doc != NULL)
		xmlFreeDoc(doc);
}
