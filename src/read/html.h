/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html.h - raw HTML in Markdown, mapped to model nodes once, in the front
 * end, for every format (html.c, html_inline.c, html_block.c).
 *
 * HTML is read by libxml2's HTML parser (network off), never by hand:
 * inline tags one token at a time, blocks as fragments of a document.
 * What HTML means becomes model nodes (tables with spans, aligned blocks,
 * images, details, definition lists, page breaks, ...); what could run
 * code or embed other documents (script, style, iframe, object, embed,
 * form, ...) is dropped with its content; event handlers, styles and
 * other attributes never reach the model; a name that is not HTML at all
 * ("<file>", "<branch-name>") is kept as a PLACEHOLDER, never lost.
 */
#ifndef QUIRE_HTML_H
#define QUIRE_HTML_H

struct doc;
struct node;

/* Map every HTML_INLINE and HTML_BLOCK node in the chapter to model
 * nodes; none are left afterwards.  Returns the number of captions it
 * made that still hold Markdown text (parse.c parses them). */
int	html_chapter(struct doc *, struct node *chapter);

#endif
