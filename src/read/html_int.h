/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_int.h - the pieces of the HTML mapper (html*.c), private to them.
 */
#ifndef QUIRE_HTML_INT_H
#define QUIRE_HTML_INT_H

#include <libxml/HTMLparser.h>

#include "model/doc.h"

/* What an element becomes. */
enum html_role {
	R_NOT_HTML,	/* not an HTML name: a PLACEHOLDER ("<file>") */
	R_DROP,		/* dropped with its content (script, iframe, ...) */
	R_TRANSPARENT,	/* HTML with no meaning here: its content stays */
	R_INLINE,	/* an inline container (b, em, sup, a, ...) */
	R_CODE,		/* its text as one CODE (code, kbd, samp, tt) */
	R_VOID,		/* an inline leaf (br, img, wbr) */
	R_BLOCK,	/* a block container (div, section, blockquote, ...) */
	R_TEXTBLOCK,	/* a block holding inlines (p, h1-h6) */
	R_PRE,		/* preformatted text: a CODE_BLOCK */
	R_RULE,		/* hr */
	R_PART		/* lives only in its own parent (li, tr, td, dt...) */
};

struct html_tag {
	const char	*name;
	enum html_role	 role;
	enum node_type	 type;	/* the model node, where it makes one */
};

/* The element table entry for a (lower-case) name. */
const struct html_tag *html_tag(const char *name);

/* An element's attributes as a NULL-terminated name/value array
 * (malloc'd; the strings are the tree's), or NULL when it has none. */
const xmlChar **html_attrs(xmlNodePtr el);
/* The language of <pre><code class="language-x">, or "". */
const char *html_pre_info(struct doc *, xmlNodePtr pre);
/* The <body> libxml2 puts around a fragment (or its root). */
xmlNodePtr html_body(htmlDocPtr);

/* An attribute's value from libxml2's attribute array, or NULL. */
const char *html_attr(const xmlChar **atts, const char *name);

/* Alignment from align="..." or a style's text-align. */
enum align html_align(const xmlChar **atts);
/* The dir attribute: TD_INHERIT when absent or not ltr, rtl or auto. */
enum text_dir html_dir(const xmlChar **atts);

/* Does the element ask for a page break before (1) or after (2) it, or
 * both (3)?  From the style's page-break-before/after or
 * break-before/after, or a class page-break / pagebreak. */
int	html_page_break(const xmlChar **atts);

/* An <svg> element as an IMAGE of its own cleaned bytes (html_svg.c);
 * NULL, warned, when it is no picture that can be published. */
struct node *html_svg_image(struct doc *, xmlNodePtr el, const char *file,
	    int line);
/* The same from an <svg> element's text (written inside a line, where it
 * comes token by token). */
struct node *html_svg_text(struct doc *, const char *html, const char *file,
	    int line);

/* A node of the model made from an element: type from the table, with
 * what its attributes say (link URL, image size, list start, ...).
 * Returns NULL when the element makes no node of its own. */
struct node *html_node(struct doc *, const struct html_tag *,
	    const xmlChar **atts, const char *file, int line);

/* An element that never has content (br, img, source, meta...)? */
int	html_is_void(const char *name);

/* The HTML with an end tag after every void element's start tag that
 * libxml2's HTML 4 parser would take for a container (<source>, <track>,
 * <wbr>...), malloc'd; NULL when there is none (html_void.c). */
char	*html_close_voids(const char *html);

/* Warn once per chapter and element name that it was dropped (void
 * elements, which lose nothing, silently). */
struct html_warned {
	const char	*names[8];
	int		 n;
	/* html_map's parser, made once per chapter and reset for each
	 * run of HTML blocks: a new one for each (a reference's thousands
	 * of tables) cost its set-up every time. */
	htmlParserCtxtPtr parser;
	/* Captions made holding Markdown text (a <Listing caption>), for
	 * markdown_captions() to parse: none spares it a walk. */
	int		 md_captions;
};
void	html_warn_drop(struct html_warned *, const char *name,
	    const char *file, int line);

/* The inline pass over one inline container (html_inline.c). */
void	html_inlines(struct doc *, struct node *parent, struct html_warned *);

/* The block pass over one block container (html_block.c). */
void	html_blocks(struct doc *, struct node *parent, struct html_warned *);

/* The element standing for a Markdown block inside stitched HTML: not
 * an HTML name, and never one. */
#define HTML_PLACEHOLDER	"quire-md"
#define HTML_PARSE_OPTIONS	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
				 HTML_PARSE_NOWARNING | XML_PARSE_HUGE)

/* An HTML table's rows regular, its columns counted (html_table.c). */
void	html_table_end(struct doc *, struct node *table);

/* Parse html (a run of blocks, with placeholders <quire-md n="K"> for
 * md[K]) and append its model nodes to parent (html_map.c).  Every
 * Markdown block ends up in parent's subtree, in order. */
void	html_map(struct doc *, struct node *parent, const char *html,
	    struct node **md, size_t nmd, struct html_warned *,
	    const char *file, int line);
/* The same from libxml2's tree of such a run, already parsed (NULL maps
 * nothing but the Markdown blocks); the tree stays the caller's. */
void	html_map_doc(struct doc *, struct node *parent, htmlDocPtr,
	    struct node **md, size_t nmd, struct html_warned *,
	    const char *file, int line);

/* Parse one inline token ("<b>", "</b>", "<img src=x>") with libxml2:
 * returns 1 for a start tag (name and attributes set; *atts freed with
 * html_token_free), 2 for an end tag (name set), 0 for anything else
 * (a comment, a declaration).  name is lower case. */
struct html_token {
	char		 name[32];
	const xmlChar	**atts;		/* NULL-terminated pairs, or NULL */
	int		 kind;		/* 1 start, 2 end, 0 other */
	void		*mem;
};
int	html_token(const char *literal, struct html_token *);
void	html_token_free(struct html_token *);

#endif
