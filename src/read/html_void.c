/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_void.c - HTML5's void elements closed before libxml2 builds a tree.
 *
 * libxml2's HTML parser knows HTML 4, where <source>, <track>, <wbr>,
 * <keygen> and the like do not exist; it takes each for a container, so
 * everything after one (a <picture>'s <img>, the rest of the paragraph)
 * would end up inside it and be dropped with it.  libxml2 itself finds
 * the start tags (a SAX pass, so tags inside comments, attributes and
 * scripts are never mistaken for them), and an end tag is written right
 * after each void element libxml2 does not already treat as empty.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "util/buf.h"
#include "util/diag.h"
#include "read/html_int.h"

struct voids {
	htmlParserCtxtPtr	 p;
	const char		*html;
	size_t			 len;
	size_t			*at;	/* just after each start tag's '>' */
	const char		**name;
	size_t			 n;
};

/* Does libxml2 leave this void element open? */
static int
left_open(const char *name)
{
	const htmlElemDesc *e;

	if (!html_is_void(name))
		return 0;
	e = htmlTagLookup((const xmlChar *)name);
	return e == NULL || !e->empty;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr p = ctx;
	struct voids *v = p->_private;
	const char *end;
	long at;

	(void)atts;
	if (!left_open((const char *)name))
		return;
	/* libxml2 reports the element before it passes the '>' (or the
	 * "/>", which closes it already). */
	at = xmlByteConsumed(p);
	if (at < 0 || (size_t)at >= v->len)
		return;
	end = memchr(v->html + at, '>', v->len - (size_t)at);
	if (end == NULL || (end > v->html && end[-1] == '/'))
		return;
	v->at = xrealloc(v->at, (v->n + 1) * sizeof(*v->at));
	v->name = xrealloc(v->name, (v->n + 1) * sizeof(*v->name));
	v->at[v->n] = (size_t)(end + 1 - v->html);
	v->name[v->n++] = html_tag((const char *)name)->name;
}

/*
 * Could html hold a start tag of a void element libxml2 leaves open?  A
 * look at every '<' and the letters and digits after it, which finds
 * every start tag libxml2 could (and some inside comments or attribute
 * values, which the parse below then rules out).  Most HTML blocks (a
 * table, a <div>) hold none, and are spared that parse.
 */
static int
may_leave_open(const char *html)
{
	const char *p = html;
	char name[16], known[8][16];
	size_t k, j, nknown = 0;

	while ((p = strchr(p, '<')) != NULL) {
		p++;
		for (k = 0; k < sizeof(name) - 1 &&
		    isalnum((unsigned char)p[k]); k++)
			name[k] = (char)tolower((unsigned char)p[k]);
		name[k] = '\0';
		/* Longer than any element's name: not one of them. */
		if (k == sizeof(name) - 1 || k == 0)
			continue;
		/* Only a void element can be left open; most names are
		 * not one, which html_is_void tells at their first byte. */
		if (!html_is_void(name))
			continue;
		/* A block repeats a few names (a table's td, code, br):
		 * each is looked up once.  Every name kept is one that
		 * does not leave an element open (the first that does
		 * ends the search). */
		for (j = 0; j < nknown && strcmp(known[j], name) != 0; j++)
			;
		if (j < nknown)
			continue;
		if (left_open(name))
			return 1;
		if (nknown < sizeof(known) / sizeof(known[0]))
			memcpy(known[nknown++], name, k + 1);
	}
	return 0;
}

char *
html_close_voids(const char *html)
{
	htmlSAXHandler sax;	/* not static: documents parse on threads */
	struct voids v;
	struct buf b;
	size_t i, from = 0;

	if (!may_leave_open(html))
		return NULL;
	memset(&v, 0, sizeof(v));
	v.html = html;
	v.len = strlen(html);
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	if ((v.p = htmlCreateMemoryParserCtxt(html, (int)v.len)) == NULL)
		return NULL;
	memcpy(v.p->sax, &sax, sizeof(sax));
	v.p->_private = &v;
	htmlCtxtUseOptions(v.p, HTML_PARSE_OPTIONS);
	htmlParseDocument(v.p);
	htmlFreeParserCtxt(v.p);
	if (v.n == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < v.n; i++) {
		if (v.at[i] < from)
			continue;
		buf_put(&b, html + from, v.at[i] - from);
		buf_printf(&b, "</%s>", v.name[i]);
		from = v.at[i];
	}
	buf_puts(&b, html + from);
	free(v.at);
	free(v.name);
	return b.data;
}
