/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout.h - quire's page layout engine.
 *
 * Layout turns the document model into pages of positioned drawing
 * operations.  It knows font metrics, boxes, lines and pages, but not
 * libharu: widths come through struct lo_metrics (supplied by the PDF
 * device), and the result is a display list (struct lo_doc) that the
 * device draws without making any decision of its own.  This is the
 * mandoc shape: one engine, device callbacks for measurement.
 *
 * Coordinates in the display list are PostScript points with the origin
 * at the top-left corner of the page, y growing downwards; the device
 * flips them.
 */
#ifndef QUIRE_LAYOUT_H
#define QUIRE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct doc;
struct lo_foot;
struct lo_release;
struct node;
struct style;

/* Font faces: a family times a style.  FALLBACK and CJK are only used for
 * characters the chosen family lacks; after them come up to LO_NDYN faces
 * the device found for single characters no configured face has (struct
 * lo_metrics' cover()). */
enum lo_family { FAM_SERIF, FAM_SANS, FAM_MONO, FAM_FALLBACK, FAM_CJK,
	LO_NFAMILIES };
#define LO_BOLD		1
#define LO_ITALIC	2
#define LO_FACE(fam, sty)	((fam) * 4 + (sty))
#define LO_NFACES	(LO_NFAMILIES * 4)
#define LO_NDYN		16
#define LO_FACE_DYN(i)	(LO_NFACES + (i))
#define LO_ALLFACES	(LO_NFACES + LO_NDYN)

/*
 * What layout needs to know about fonts.  advance() returns the advance
 * width of code point cp in face, in thousandths of the font size, or -1
 * when the face has no glyph for it (or the face is not available).
 * Layout caches the answers, so the device need not.
 */
/* A colour emoji's glyph and its picture, in ems of the text's size:
 * its advance, and how far the picture reaches above the baseline (top)
 * and below it (bottom, negative). */
struct lo_emoji {
	unsigned	 gid;
	double		 adv, top, bottom;
};
/* The first byte of an inline image's path that is a colour emoji:
 * "\001GID:TEXT", the glyph to draw and the text it stands for. */
#define LO_EMOJI_MARK	'\001'

struct lo_metrics {
	void	*ctx;
	int	(*advance)(void *ctx, int face, uint32_t cp);
	/* The face (LO_FACE_DYN(i)) of an installed font that has cp, for a
	 * character none of the families has, in style sty (LO_BOLD,
	 * LO_ITALIC) when such a font is installed; -1 when no font has
	 * it.  May be NULL.  Layout asks once per code point and style. */
	int	(*cover)(void *ctx, uint32_t cp, int sty);
	/* The width of a run to shape (segment.h: SEG_LTR or SEG_RTL, rtl
	 * for the latter) in face, in thousandths of the font size; -1
	 * when it cannot be shaped, and it is measured glyph by glyph.
	 * May be NULL. */
	double	(*shaped)(void *ctx, int face, const char *s, size_t len,
		    int rtl);
	/* Natural size in points of a local image file; -1 when it cannot
	 * be drawn, *why saying why (layout then warns and shows the alt
	 * text); 0 with *why set when it is drawn less well than it might
	 * be (an SVG as pixels), which layout warns about too. */
	int	(*image_size)(void *ctx, const char *path, double *w,
		    double *h, const char **why);
	/* Whether image_size(path) makes nothing that comes out in the
	 * order asked (split.c); may be NULL. */
	int	(*image_pure)(void *ctx, const char *path);
	void	*image_ctx;
	/* A colour emoji sequence at the start of s (pdf/emoji.h): the
	 * length in bytes drawn as one picture, and *e its size; 0 when
	 * there is none.  Safe on any thread, without lock.  May be
	 * NULL. */
	size_t	(*emoji)(const char *s, size_t len, struct lo_emoji *e);
	/* For laying out part of the body on another thread (split.c);
	 * all three NULL: one thread.  lock and unlock bracket every call
	 * above but image_size; ready(face) is whether asking about face
	 * changes nothing in ctx (its font loaded, or known missing), so
	 * the answer does not depend on which thread asks first. */
	void	(*lock)(void *ctx);
	void	(*unlock)(void *ctx);
	int	(*ready)(void *ctx, int face);
	/* Before a second thread starts: whatever may be done ahead so
	 * that its questions ask as little of the libraries as can be. */
	void	(*prepare)(void *ctx);
};

enum lo_op_type {
	LO_TEXT,	/* str in face at size; x, y is the baseline start */
	LO_RECT,	/* filled rectangle x, y (top-left), w, h */
	LO_LINE,	/* stroked line from x, y to x + w, y + h, width lw */
	LO_LINK,	/* clickable area; str is a URI or "#id" */
	LO_IMAGE,	/* image file str scaled into x, y, w, h */
	LO_ANCHOR	/* not drawn: the place named str (an <a id>) */
};

struct lo_op {
	enum lo_op_type	 type;
	double		 x, y, w, h;
	int		 face;
	/* LO_TEXT: str ends in a hyphen the line breaker drew, not the
	 * author's: the device marks it as a soft one (U+00AD). */
	int		 hyphen;
	double		 size;
	double		 lw;
	uint32_t	 rgb;		/* 0xRRGGBB: text, fill or stroke */
	/* LO_TEXT: its glyphs' horizontal scale (font expansion of a
	 * justified line, linebreak.c), 0 for 1. */
	float		 hscale;
	const char	*str;		/* owned by the lo_doc */
	double		 space;		/* LO_TEXT: the advance of each ' ' in
					   str, 0 for the font's own */
	int		 rtl;		/* LO_TEXT: str is one run at an odd
					   bidi level, shaped as a whole right
					   to left (brackets mirrored) */
	/* The tagged PDF's structure (src/pdf/tag.h): which of the model
	 * node tag's elements this op belongs to (LO_TAG_*), NULL for page
	 * furniture, an artifact.  Rules and shading are artifacts
	 * whatever they say (layout/tagref.h sets these). */
	int		 tagrole;
	const struct node *tag;
	/* LO_TEXT: points added after each of its glyphs before they are
	 * scaled by hscale (Tc: the letter spacing of a line that could
	 * not be justified otherwise, parset.c), 0 for none. */
	float		 track;
};

/* LBL: a list item's marker; TOCI: a heading's contents entry; TITLE
 * and BYLINE: the title block's title, and its other lines (tag the
 * document's root). */
enum { LO_TAG_SELF, LO_TAG_LBL, LO_TAG_TOCI, LO_TAG_TITLE, LO_TAG_BYLINE };

/*
 * A page's display list is a sequence of runs: operations set once (a
 * line, a table cell's lines) and placed on the page shifted down by dy.
 * Nothing is copied, and a table header repeated on many pages is
 * stored once.  Read it with lo_page_next().
 */
struct lo_run {
	const struct lo_op *op;
	size_t		 n;
	double		 dy;
	int		 artifact;	/* repeated: furniture, not content */
};

struct lo_page {
	struct lo_run	*runs;
	size_t		 n, cap;
};

/* Walk a page's operations in order: *o receives each with its final y.
 * Start with *run = *i = 0; returns 0 at the end. */
static inline int
lo_page_next(const struct lo_page *pg, size_t *run, size_t *i,
    struct lo_op *o)
{
	while (*run < pg->n && *i >= pg->runs[*run].n) {
		(*run)++;
		*i = 0;
	}
	if (*run >= pg->n)
		return 0;
	*o = pg->runs[*run].op[(*i)++];
	o->y += pg->runs[*run].dy;
	return 1;
}

/* A named place (a heading's id), for internal links and the outline. */
struct lo_mark {
	const char	*id;		/* may be NULL for outline-only */
	const char	*title;		/* outline text, or NULL */
	int		 level;		/* heading level */
	int		 chapter;	/* an input file's first heading */
	int		 page;		/* 0-based */
	double		 y;
};

struct lo_doc {
	double		 pw, ph;	/* page size */
	struct lo_page	*pages;
	size_t		 npages;
	struct lo_mark	*marks;
	size_t		 nmarks, capmarks;
	struct lo_pool	*pool;		/* strings and scratch */
	/* What the runs point into: the title page's, the contents' and
	 * the body's vertical lists. */
	struct vlist	*vlists;
	size_t		 nvlists;
	struct lo_foot	*foot;		/* the footnotes' lines, likewise */
	/* The lists' malloc'd operation arrays, once the lists themselves
	 * are freed (layout_document does that when the pages are made). */
	struct lo_op	**heapops;
	size_t		 nheapops;
	/* The pool's blocks, freed as the pages are drawn (release.h). */
	struct lo_release *release;
	size_t		 capheapops;	/* room in heapops */
};

/*
 * Lay out the document, the body on two of the runner's threads when it
 * is large (split.c; NULL: one thread).  Returns NULL after printing a
 * message when the layout cannot be made.
 */
struct runner;
struct lo_doc	*layout_document(const struct doc *, const struct style *,
		    const struct lo_metrics *, struct runner *);
/* Page k is drawn: what no later page, link or bookmark reads is
 * freed.  Only the links (their positions, tags and targets) and the
 * marks may be read of page k from then on. */
void		 layout_page_drawn(struct lo_doc *, size_t k);
void		 layout_free(struct lo_doc *);

#endif
