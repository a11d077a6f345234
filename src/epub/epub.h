/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/epub.h - the EPUB emitter's private seams (not used outside src/epub
 * and epub.c).
 *
 * The emitter works in three steps:
 *  1. epub_plan() walks the model once and decides the book's shape: which
 *     output file every top-level block goes to (one per input file, split
 *     again at headings up to epub.split-level), where every heading id
 *     lives (for link rewriting), the table of contents and the images.
 *  2. epub_xhtml_file() builds one tree per content file from the plan
 *     (tables in table.c, which asks tablefit.c how wide each needs to be
 *     as a grid), in xw.c's arena, which writes it out as libxml2 would;
 *     so are the title and cover pages (package.c), nav and NCX (toc.c);
 *     package.c builds the OPF and container as libxml2 trees serialised
 *     by libxml2.  Markup is printed by hand
 *     only in xw.c's writer and for code blocks' tokens (xhtml.c).
 *  3. epub_zip_*() packs the serialised files with libzip, in memory.
 *
 * User text enters a tree only through epub_text() and epub_attr() (libxml2
 * trees) or xw_text() and xw_attr() (content files), which drop the
 * characters XML 1.0 cannot carry and escape the rest (libxml2 when it
 * serialises, xw.c as it takes them, as libxml2 does), so markup
 * injection is impossible by construction.
 */
#ifndef QUIRE_EPUB_H
#define QUIRE_EPUB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "util/strmap.h"

struct doc;
struct node;
struct style;

#define EPUB_XHTML_NS	"http://www.w3.org/1999/xhtml"
#define EPUB_OPS_NS	"http://www.idpf.org/2007/ops"
#define EPUB_DIR	"EPUB/"		/* everything but mimetype, META-INF */

/* One content document: a run of top-level blocks of one chapter. */
struct epub_file {
	char			 name[24];	/* "c001.xhtml" */
	const struct node	*chapter;
	const struct node	*first;		/* first block */
	const struct node	*end;		/* block after the last, or NULL */
	char			*title;		/* plain text, malloc'd */
};

/* A heading id and the file that holds it, sorted by id for bsearch. */
struct epub_anchor {
	const char	*id;
	int		 file;
};

/* One table-of-contents entry (nav and NCX). */
struct epub_toc {
	int		 level;
	int		 file;
	const char	*id;		/* NULL: the start of the file */
	char		*text;		/* malloc'd */
};

/* A local image copied into the book. */
struct epub_image {
	char		 name[24];	/* "images/i001.png" */
	const char	*mime;
	char		*data;
	size_t		 len;
};

/* A footnote in the book: the content file that holds it, and where
 * each of its references is (by footref.nth), for the links back. */
struct epub_note {
	const struct node	*note;
	int			 file;
	const struct node	**refs;		/* NULL: not in the book */
	int			*ref_file;
	int			 walked;	/* its references placed */
};

struct epub {
	const struct doc	*doc;
	const struct style	*st;
	const char		*lang;		/* BCP 47 tag (meta.lang) */
	const char		*identifier;	/* meta.identifier */
	int			 split_level;	/* 0: one file per input */
	int			 toc_depth;
	int			 has_css;
	int			 extra_css;	/* meta.css is in the book */
	struct epub_image	 cover;		/* data NULL: no cover */
	const char		*title;		/* meta.title, or a stand-in */

	struct epub_file	*files;
	size_t			 nfiles;
	struct epub_anchor	*anchors;
	size_t			 nanchors;
	struct epub_toc		*toc;
	size_t			 ntoc;
	struct epub_image	*images;
	size_t			 nimages;
	struct strmap		 image_of;	/* source path -> images[] index + 1 */
	struct epub_note	*notes;		/* doc->notes, in order */
	size_t			 nnotes;
	struct strmap		 note_ix;	/* note id -> index + 1 */

	char			 modified[32];		/* dcterms:modified */
	int			*unshown;	/* warned once, by node type */
};

/* plan.c */
int		 epub_plan(struct epub *, const struct doc *, const struct style *);
void		 epub_plan_free(struct epub *);
int		 epub_anchor_file(const struct epub *, const char *id);
/* The href for a LINK node (malloc'd): its URL, or the book file (and
 * fragment) of its target; NULL when the link is only text. */
char		*epub_link_href(const struct epub *, const struct node *n);
/* The name in the book of a local image node ("images/i001.png"), or
 * NULL when it has none (its alt text stands in). */
const char	*epub_image_for(const struct epub *, const struct node *);
/* A WebP picture's bytes (malloc'd) replaced by a PNG's (webppng.c): 0,
 * or -1 with *why saying what is wrong and *data untouched. */
int		 epub_webp_to_png(char **data, size_t *len, const char **why);

/* xml.c: tree helpers. */
xmlNodePtr	 epub_el(xmlNodePtr parent, const char *name);
/* The most text a run of a chapter's text nodes holds before the next
 * goes in a <span> (readers built on libxml2 refuse a text node over
 * 10 MB). */
#define EPUB_TEXT_RUN	((size_t)4 << 20)
void		 epub_text(xmlNodePtr parent, const char *s);
void		 epub_attr(xmlNodePtr el, const char *name, const char *value);
/* Serialise with libxml2; returns a malloc'd buffer. */
unsigned char	*epub_serialise(xmlDocPtr, size_t *len);
/* Strip the XML-illegal code points from UTF-8 text into a malloc'd copy. */
char		*epub_xml_clean(const char *s);

/* xw.c: the content files' trees, written as libxml2 writes them. */
struct xw;
struct xw_doc;
struct xw_doc	*xw_new_doc(const char *name, int doctype, struct xw **root);
struct xw_doc	*xw_xhtml_doc(const struct epub *, const char *title,
		    struct xw **body);
/* name: a literal, which the tree keeps. */
struct xw	*xw_el(struct xw *parent, const char *name);
void		 xw_text(struct xw *parent, const char *s);
void		 xw_attr(struct xw *el, const char *name, const char *value);
void		 xw_num_attr(struct xw *el, const char *name, int n);
/* Text written as it is: only markup the caller made and escaped. */
void		 xw_raw(struct xw *parent, const char *s, size_t len);
/* An empty text child, which keeps the element's content unindented. */
void		 xw_empty_text(struct xw *parent);
int		 xw_has_children(const struct xw *el);
struct xw	*xw_first_el(struct xw *el, const char *name);
struct xw	*xw_last_el(struct xw *el, const char *name);
struct xw	*xw_find_el(struct xw *el, const char *name);
struct xw	*xw_prepend_el(struct xw *el, const char *name);
/* The file's bytes (malloc'd); frees the tree. */
char		*xw_serialise(struct xw_doc *, size_t *len);
void		 xw_free(struct xw_doc *);

/* xhtml.c */
struct xw_doc	*epub_xhtml_file(const struct epub *, size_t file);
/* Append inline content of a node's children to el (used by nav too). */
void		 epub_inlines(const struct epub *, struct xw *el,
		    const struct node *parent, int in_link);
/* Append the blocks from first up to end (or the last) to el; tight list
 * items hold their text without a <p>. */
void		 epub_blocks(const struct epub *, struct xw *el,
		    const struct node *first, const struct node *end, int tight);

/* table.c */
void		 epub_table(const struct epub *, struct xw *parent,
		    const struct node *table);
/* The CSS class of an alignment, or NULL for none. */
const char	*epub_align_class(int align);

/* tablefit.c: the width in em a table needs as a grid, with what holds
 * it, and the breakpoint of epub.css below which it is stacked (0: never,
 * it fits a phone). */
double		 epub_table_width(const struct node *table, int labels);
/* The same estimate for a line of serif text, in em, leaning wide. */
double		 epub_text_width(const char *s, int bold);
int		 epub_table_breakpoint(const struct node *table, int labels);

/* notes.c: footnotes (planned by epub_plan_notes, called from
 * epub_plan), alerts and task items. */
void		 epub_plan_notes(struct epub *);
void		 epub_plan_notes_free(struct epub *);
/* A note's plan (noteplan.c), or NULL for a note nothing refers to. */
struct epub_note	*epub_note_of(const struct epub *, const struct node *note);
void		 epub_noteref(const struct epub *, struct xw *parent,
		    const struct node *footref, int in_link);
/* The asides of the notes file fi holds, at the end of its body. */
void		 epub_file_notes(const struct epub *, struct xw *body,
		    size_t fi);
void		 epub_alert(const struct epub *, struct xw *parent,
		    const struct node *alert);
void		 epub_task(struct xw *li, const struct node *item);

/* cover.c: a title card (SVG) as the cover image, when the book names
 * none and the style wants one. */
void		 epub_cover_card(struct epub *);

/* package.c */
struct xw_doc	*epub_titlepage(const struct epub *);
/* The cover page: the cover image, whole, first in the spine. */
struct xw_doc	*epub_coverpage(const struct epub *);
/* toc.c */
struct xw_doc	*epub_nav(const struct epub *);
struct xw_doc	*epub_ncx(const struct epub *);
xmlDocPtr	 epub_opf(const struct epub *);
xmlDocPtr	 epub_container(void);

/* zip.c */
struct epub_zip;
struct epub_zip	*epub_zip_new(long epoch);
int		 epub_zip_add(struct epub_zip *, const char *name,
		    const void *data, size_t len, int store);
/* The same, deflated, taking data (malloc'd) over. */
int		 epub_zip_take(struct epub_zip *, const char *name, char *data,
		    size_t len);
/* Close the archive and write its bytes to out; frees z. */
struct runner;
int		 epub_zip_finish(struct epub_zip *, struct runner *, FILE *out);

/* plan.c: a 128-bit FNV-1a digest, for the content-derived id. */
struct epub_hash {
	uint64_t	 h[2];
};
void		 epub_hash_init(struct epub_hash *);
void		 epub_hash_add(struct epub_hash *, const char *, size_t);

#endif
