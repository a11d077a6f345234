/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/tag.h - the tagged PDF's structure tree (PDF/UA-1), built from the
 * model and never from drawn text.
 *
 * tag_build() walks the document once, before drawing, and makes the
 * table of structure elements: Document; H1-H6, P, L/LI/Lbl/LBody,
 * Table/THead/TBody/TR/TH/TD, Figure (with its alt text), Caption,
 * Code, BlockQuote, Div, and a Note for each footnote under the block
 * that first refers to it.  Layout stamps each drawn operation with the
 * model node it came from (struct lo_op's tag); the device asks
 * tag_find() for that node's element, opens a marked-content sequence
 * for it and records it here with tag_mcid() (an element that runs over
 * several pages gets an MCID on each), and records each link annotation
 * with tag_annot().  A link's text is stamped with the link's node
 * (layout's tagnode), so its Link holds the text's MCIDs and then the
 * annotation's OBJR; the same for a run in another language's Span
 * (/Lang), a footnote's marker and number, a contents entry.
 * tag_finish() then
 * orders every element's kids by where their content was drawn (the
 * display list's order, which is the model's), and tagwrite.c writes
 * the tree through the libharu fence.  Nothing here knows libharu: pages and
 * annotations are object numbers.
 */
#ifndef QUIRE_PDF_TAG_H
#define QUIRE_PDF_TAG_H

#include <stddef.h>
#include <stdint.h>

struct doc;
struct node;

/* What an element holds, in order. */
enum tag_kid_kind { TK_MCR, TK_ELEM, TK_OBJR };

/*
 * One of an element's kids.  A long reference has as many as it has
 * marked-content sequences, elements and links (about 90,000 on the
 * code-heavy bench reference), so a kid is 16 bytes: its page is its
 * key's high half, and one number says which MCID, element or
 * annotation it is.
 */
struct tag_kid {
	uint64_t	 key;		/* where it was drawn: page << 32 | op */
	uint32_t	 val;		/* TK_MCR: the MCID; TK_ELEM: the
					   element; TK_OBJR: the annotation's
					   object number */
	uint8_t		 kind;		/* enum tag_kid_kind */
	uint8_t		 lead;		/* TK_ELEM: the element's lead */
};

/* A TH's /Scope. */
enum tag_scope { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW };

/* An element's flags: its lead, and an L's /ListNumbering. */
#define TAG_LEAD	0x01	/* first among its parent's kids wherever
				   it was drawn: a note's number, drawn
				   after its first line */
#define TAG_DISC	0x02	/* /ListNumbering/Disc */
#define TAG_DECIMAL	0x04	/* /ListNumbering/Decimal */

/*
 * One structure element, in a fixed record of its own: strings (/Alt,
 * /Lang) are offsets into the tree's string pool, and its kids a range
 * of the tree's one array of kids, made by tag_finish.  Tens of
 * thousands of elements (a table cell is one) each with its own
 * malloc'd arrays held 27 MB on the bench reference until the file was
 * saved.
 */
struct tag_elem {
	const char	*type;		/* a standard structure type */
	uint64_t	 key;		/* its first content; UINT64_MAX none */
	int32_t		 parent;	/* -1 for the Document */
	uint32_t	 kid0, nkids;	/* its kids: kid[kid0, kid0 + nkids) */
	uint32_t	 alt;		/* Figure: /Alt (a Link: the description
					   its annotation has): str + alt - 1,
					   0 none */
	uint32_t	 lang;		/* /Lang: str + lang - 1, 0 none */
	uint16_t	 rowspan, colspan;
	uint8_t		 scope;		/* enum tag_scope */
	uint8_t		 flags;		/* TAG_* */
};

/* A kid recorded while drawing, with the element it belongs to. */
struct tag_drawn {
	struct tag_kid	 k;
	uint32_t	 el;
};

struct tag_tree {
	struct tag_elem	*e;		/* e[0] is the Document */
	size_t		 n, cap;
	/* Every element's kids, each element's together and in order
	 * (tag_finish); before that, what the device drew, in turn. */
	struct tag_kid	*kid;
	size_t		 nkid;
	struct tag_drawn *drawn;
	size_t		 ndrawn, capdrawn;
	/* The elements' strings, each ending in a NUL. */
	char		*str;
	size_t		 nstr, capstr;
	uint32_t	 lastlang;	/* the last /Lang added, for reuse */
	/* (node, role) -> element, open addressing; freed by tag_finish,
	 * when nothing more is drawn. */
	struct tag_slot	*slot;
	size_t		 nslots, nmap;
	/* The parent tree: each page's MCIDs' elements, then each
	 * annotation's Link element (struct parent npages + i). */
	size_t		 npages;
	long		*pageobj;	/* each page's object number */
	int		**mcid_elem;
	size_t		*nmcid, *capmcid;
	int		*annot_elem;
	size_t		 nannots, capannots;
};

/* A kid's page. */
#define TAG_KID_PAGE(k)	((int)((k)->key >> 32))
/* An element's /Pg: the page of its first content. */
#define TAG_ELEM_PAGE(e) ((int)((e)->key >> 32))
/* An element's string (alt or lang), or NULL. */
#define TAG_STR(t, off)	((off) != 0 ? (t)->str + (off) - 1 : NULL)

/* The tree of d's structure, with room for npages pages, whose object
 * numbers the device fills in (pageobj). */
struct tag_tree	*tag_build(const struct doc *d, size_t npages);
void		 tag_free(struct tag_tree *);

/* The element node's operations belong to (role LO_TAG_*): the node's,
 * else its nearest ancestor's; 0 (the Document) for none. */
int	tag_find(const struct tag_tree *, const struct node *n, int role);
/* A new marked-content sequence of element el on page (0-based), drawn
 * at op seq of the page's display list: its MCID. */
int	tag_mcid(struct tag_tree *, int el, int page, size_t seq);
/* A link annotation on page, drawn at op seq, inside element parent:
 * makes its Link element and returns the annotation's /StructParent.
 * desc is what the annotation's /Contents says (its address or the
 * heading it leads to): the Link's /Alt if nothing else is drawn in it
 * (a decorative picture's link). */
long	tag_annot(struct tag_tree *, int parent, int page, size_t seq,
	    long annot, const char *desc);
/* Orders each element's kids by where they were drawn; an element with
 * nothing drawn is left out (its key stays UINT64_MAX). */
void	tag_finish(struct tag_tree *);

#endif
