/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/device.c - draw a laid-out document with libharu.
 *
 * No decisions are made here: every position, size and colour comes from
 * the display list (layout/layout.h).  The device only flips y (layout
 * measures from the top of the page, PDF from the bottom), draws the
 * graphics with libharu, writes the text as one text object per page
 * (after the graphics, so shading sits under it) straight into the
 * page's content stream, and turns marks into outline entries and link
 * targets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "haru/haru.h"
#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "layout/layout.h"
#include "layout/segment.h"
#include "deflate.h"
#include "pdfnum.h"
#include "device.h"
#include "emoji.h"
#include "fonts.h"
#include "image.h"
#include "shape.h"
#include "tag.h"
#include "tagwrite.h"
#include "util/utf8.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

/*
 * The tagged PDF's marked content on one page (tag.h): every operation
 * drawn lies in a sequence with an MCID of its element, or in an
 * /Artifact (rules, shading, the footer, repeated headers, a picture
 * without alt text).  Operations are numbered in the page's display
 * list order (seq), the same in every pass, so that tag.c can put what
 * the graphics, the text and the links made back in reading order.
 */
/* A string literal into a buffer, its length known when compiled: a
 * page's text is mostly these, and strlen was felt. */
#define PUT_LIT(b, lit)	buf_put((b), (lit), sizeof(lit) - 1)

#define MK_NONE	(-2)	/* no sequence open */
#define MK_ART	(-1)	/* an /Artifact */

struct marks {
	struct tag_tree	  *t;		/* NULL: an untagged PDF */
	int		   page;
	int		   cur;		/* MK_NONE, MK_ART or an element */
	const struct node *last;	/* tag_find()'s last question */
	int		   lastrole, lastel;
	struct buf	   scratch;	/* for mark_page() */
};

static void
marks_page(struct marks *m, int page)
{
	m->page = page;
	m->cur = MK_NONE;
	m->last = NULL;
}

/* What sequence an operation of run `run` goes in. */
static int
op_mark(struct marks *m, const struct lo_page *pg, size_t run,
    const struct lo_op *o)
{
	if (m->t == NULL || o->type == LO_RECT || o->type == LO_LINE ||
	    o->tag == NULL || pg->runs[run].artifact)
		return MK_ART;
	if (o->tag != m->last || o->tagrole != m->lastrole) {
		m->last = o->tag;
		m->lastrole = o->tagrole;
		m->lastel = tag_find(m->t, o->tag, o->tagrole);
	}
	return m->lastel < 0 ? MK_ART : m->lastel;
}

/* Closes the open sequence and opens want's, into b. */
static void
mark_to(struct marks *m, struct buf *b, int want, size_t seq)
{
	if (m->t == NULL || want == m->cur)
		return;
	/* Lengths by hand: one of these per line of text or mark. */
	if (m->cur != MK_NONE)
		buf_put(b, "EMC\n", 4);
	if (want == MK_ART)
		buf_put(b, "/Artifact BMC\n", 14);
	else if (want >= 0) {
		char	 s[16], *q = s + sizeof(s);
		unsigned mcid = (unsigned)tag_mcid(m->t, want, m->page, seq);

		/* By hand: one per line of text, printf was felt. */
		do {
			*--q = (char)('0' + mcid % 10);
			mcid /= 10;
		} while (mcid > 0);
		buf_putc(b, '/');
		buf_puts(b, m->t->e[want].type);
		/* No space around the dictionary: its brackets delimit it,
		 * and two bytes on every sequence are felt on a large file. */
		buf_put(b, "<</MCID ", 8);
		buf_put(b, q, (size_t)(s + sizeof(s) - q));
		buf_put(b, ">>BDC\n", 6);
	}
	m->cur = want;
}

/* The same straight into the page, between libharu's own operators. */
static void
mark_page(struct marks *m, HPDF_Page p, int want, size_t seq)
{
	if (m->t == NULL || want == m->cur)
		return;
	buf_reset(&m->scratch);
	mark_to(m, &m->scratch, want, seq);
	haru_page_write(p, m->scratch.data, m->scratch.len);
}

static void
graphics(HPDF_Page p, struct pdf_images *im, const struct lo_page *pg,
    double ph, struct marks *mk)
{
	size_t		run = 0, i = 0, seq;
	struct lo_op	op;
	const struct lo_op *o = &op;

	for (seq = 0; lo_page_next(pg, &run, &i, &op); seq++) {
		if (o->type == LO_RECT || o->type == LO_LINE)
			mark_page(mk, p, MK_ART, seq);
		if (o->type == LO_RECT) {
			/* libharu's three calls, written at once (a
			 * code line's background is one of these). */
			haru_page_fill_rect(p, ((o->rgb >> 16) & 255) / 255.0f,
			    ((o->rgb >> 8) & 255) / 255.0f,
			    (o->rgb & 255) / 255.0f, (HPDF_REAL)o->x,
			    (HPDF_REAL)(ph - o->y - o->h), (HPDF_REAL)o->w,
			    (HPDF_REAL)o->h);
		} else if (o->type == LO_LINE) {
			haru_page_stroke_line(p,
			    ((o->rgb >> 16) & 255) / 255.0f,
			    ((o->rgb >> 8) & 255) / 255.0f,
			    (o->rgb & 255) / 255.0f, (HPDF_REAL)o->lw,
			    (HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y),
			    (HPDF_REAL)(o->x + o->w),
			    (HPDF_REAL)(ph - o->y - o->h));
		} else if (o->type == LO_IMAGE) {
			HPDF_Image img = pdf_images_get(im, o->str);

			if (img != NULL)
				mark_page(mk, p, op_mark(mk, pg, run, o), seq);
			if (img != NULL)
				HPDF_Page_DrawImage(p, img, (HPDF_REAL)o->x,
				    (HPDF_REAL)(ph - o->y - o->h),
				    (HPDF_REAL)o->w, (HPDF_REAL)o->h);
		}
	}
	mark_page(mk, p, MK_NONE, 0);
}

/* Plain text: a glyph per character.  Spaces the layout stretched or
 * shrank (justification) are drawn as spaces, so copying and searching
 * see words, each followed by the difference from the font's own space
 * as a TJ adjustment (adj). */
static void
plain_codes(struct buf *b, struct pdf_fonts *fs, const struct lo_op *o,
    const char *s, size_t n, double adj)
{
	const char *sp;

	if (adj > -0.0005 && adj < 0.0005) {
		pdf_fonts_codes(fs, o->face, s, n, b);
		return;
	}
	while ((sp = memchr(s, ' ', n)) != NULL) {
		pdf_fonts_codes(fs, o->face, s, (size_t)(sp + 1 - s), b);
		buf_putc(b, ')');
		pdf_put_num(b, adj);
		PUT_LIT(b, " (");
		n -= (size_t)(sp + 1 - s);
		s = sp + 1;
	}
	pdf_fonts_codes(fs, o->face, s, n, b);
}

/* What a shaped run stands for, as a PDF text string in UTF-16. */
static void
actual_text(struct buf *b, const char *s, size_t n)
{
	size_t	 k;
	uint32_t cp;

	/* Close the TJ the run is in, or drop it if it is still empty. */
	if (b->len >= 2 && memcmp(b->data + b->len - 2, "[(", 2) == 0)
		b->data[b->len -= 2] = '\0';
	else
		PUT_LIT(b, ")] TJ\n");
	PUT_LIT(b, "/Span <</ActualText <FEFF");
	for (; n > 0; s += k, n -= k) {
		if ((k = utf8_decode(s, n, &cp)) == 0)
			k = 1, cp = 0xFFFD;
		buf_utf16hex(b, cp);
	}
	PUT_LIT(b, ">>> BDC\n[(");
}

/* A TJ adjustment carried to the next glyph, written once it reaches
 * half a thousandth of an em: the W array's widths are whole numbers,
 * the shaper's advances are not, and a number after every glyph would
 * double the text's size for nothing. */
static void
flush_adj(struct buf *b, double *pend)
{
	if (*pend >= 0.5 || *pend <= -0.5) {
		buf_putc(b, ')');
		pdf_put_num(b, *pend);
		PUT_LIT(b, " (");
	}
	*pend = 0;
}

/*
 * A run HarfBuzz shaped: its glyphs by id, each moved by the difference
 * between the advance the shaper chose and the width the font's W array
 * gives (TJ numbers), a mark raised or lowered with a text rise.
 *
 * A left-to-right run is marked content whose ActualText is its
 * characters, so copying and pdftotext read the words (conjuncts
 * reorder characters: a glyph-by-glyph reading would not).  A
 * right-to-left run has none: its glyphs are in visual order, and
 * readers (poppler) turn glyphs read right to left through ToUnicode
 * into logical text, but would reverse an ActualText too.
 */
static void
shaped_codes(struct buf *b, struct pdf_fonts *fs, const struct lo_op *o,
    const char *s, size_t n, int rtl)
{
	const struct shaped_glyph *g;
	size_t	 ng = pdf_fonts_shape(fs, o->face, s, n, rtl, &g);
	double	 pend = 0;

	if (ng == 0) {
		plain_codes(b, fs, o, s, n, 0);
		return;
	}
	if (!rtl)
		actual_text(b, s, n);
	for (size_t i = 0; i < ng; i++) {
		pend -= g[i].dx;
		flush_adj(b, &pend);
		if (g[i].dy != 0) {
			PUT_LIT(b, ")] TJ\n");
			pdf_put_num(b, g[i].dy * o->size / 1000.0);
			PUT_LIT(b, " Ts [(");
		}
		pdf_fonts_glyph(b, g[i].gid);
		if (g[i].dy != 0)
			PUT_LIT(b, ")] TJ\n0 Ts [(");
		pend += pdf_fonts_glyph_width(fs, o->face, g[i].gid) -
		    g[i].adv + g[i].dx;
	}
	if (pend > 0.0005 || pend < -0.0005) {
		buf_putc(b, ')');
		pdf_put_num(b, pend);
		PUT_LIT(b, " (");
	}
	if (!rtl)
		PUT_LIT(b, ")] TJ\nEMC\n[(");
}

/* The horizontal scale an op's glyphs are drawn at (Tz, a share). */
static double
op_hscale(const struct lo_op *o)
{
	return o->hscale > 0 ? o->hscale : 1;
}

/* An op's text as the inside of a TJ string: plain runs glyph by glyph,
 * the runs segment.h marks for shaping through HarfBuzz.  A hyphen the
 * line breaker drew is marked content whose ActualText is a soft hyphen
 * (U+00AD), as ISO 32000-1 14.8.2.2.3 asks: no part of the word. */
static void
codes(struct buf *b, struct pdf_fonts *fs, const struct lo_op *o)
{
	const char	*s = o->str;
	size_t		 n = strlen(s), k;
	double		 adj = 0;
	enum lo_seg	 kind;
	int		 hyphen = o->hyphen && !o->rtl && n > 0 &&
			    s[n - 1] == '-';

	if (o->space > 0) {
		int adv = pdf_fonts_advance(fs, o->face, ' ');

		/* TJ numbers are scaled with the glyphs (Tz), as Tc is. */
		adj = adv < 0 ? 0 : -((o->space / op_hscale(o) - o->track) *
		    1000.0 / o->size - adv);
	}
	if (o->rtl) {
		/* Bidi made it one right-to-left run: neutrals and all. */
		shaped_codes(b, fs, o, s, n, 1);
		return;
	}
	n -= (size_t)hyphen;
	if (!lo_needs_shaping(s, n))
		plain_codes(b, fs, o, s, n, adj);
	else for (; n > 0; s += k, n -= k) {
		k = lo_segment(s, n, &kind);
		if (kind == SEG_PLAIN)
			plain_codes(b, fs, o, s, k, adj);
		else
			shaped_codes(b, fs, o, s, k, kind == SEG_RTL);
	}
	if (hyphen) {
		actual_text(b, "\xC2\xAD", 2);
		pdf_fonts_codes(fs, o->face, "-", 1, b);
		PUT_LIT(b, ")] TJ\nEMC\n[(");
	}
}

/*
 * The text a colour emoji's picture stands for (LO_EMOJI_MARK): a space
 * of the line's font on its baseline, as wide as the picture, in marked
 * content whose ActualText is the emoji, so that copying, searching and
 * pdftotext read the emoji where the picture is.
 */
static int
emoji_text(struct buf *b, HPDF_Page p, HPDF_Font f, struct pdf_fonts *fs,
    const struct lo_op *o, int face, double size, double ph)
{
	const char	*text = strchr(o->str, ':'), *name;
	unsigned	 gid = (unsigned)strtoul(o->str + 1, NULL, 10);
	int		 adv = pdf_fonts_advance(fs, face, ' ');

	if ((name = haru_page_font_name(p, f)) == NULL)
		return -1;
	/* The font is set again: the first emoji of a page may come
	 * before any text. */
	buf_printf(b, "/%s", name);
	pdf_put_num(b, size);
	PUT_LIT(b, " Tf\n");
	if (text == NULL || adv <= 0)
		return 0;
	/* The space stretched to the picture's width (Tz), so that a
	 * reader sees one character there, not a gap between words. */
	pdf_put_num(b, o->w * 1000.0 / size / adv * 100.0);
	PUT_LIT(b, " Tz\n1 0 0 1");
	pdf_put_num(b, o->x);
	pdf_put_num(b, ph - o->y - o->h * pdf_emoji_baseline(gid));
	PUT_LIT(b, " Tm [(");
	actual_text(b, text + 1, strlen(text + 1));
	pdf_fonts_codes(fs, face, " ", 1, b);
	PUT_LIT(b, ")] TJ\nEMC\n100 Tz\n");
	return 0;
}

/* The horizontal scale (Tz: font expansion), letter spacing (Tc: both
 * parset.c) and colour of an op's text, written when they change. */
static void
text_look(struct buf *b, const struct lo_op *o, double *scale,
    double *track, uint32_t *rgb)
{
	if (op_hscale(o) != *scale) {
		*scale = op_hscale(o);
		pdf_put_num(b, *scale * 100);
		PUT_LIT(b, " Tz\n");
	}
	if (o->track != *track) {
		pdf_put_num(b, *track = o->track);
		PUT_LIT(b, " Tc\n");
	}
	if (o->rgb != *rgb) {
		pdf_put_num(b, ((o->rgb >> 16) & 255) / 255.0);
		pdf_put_num(b, ((o->rgb >> 8) & 255) / 255.0);
		pdf_put_num(b, (o->rgb & 255) / 255.0);
		PUT_LIT(b, " rg\n");
		*rgb = o->rgb;
	}
}

/*
 * The names a page gives its fonts, asked of libharu once a page: its
 * answer is a search of the page's resources, and a listing changes
 * font at every keyword and comment.  A page uses a few fonts; past
 * FONT_NAMES the oldest is asked again.
 */
#define FONT_NAMES	8

struct font_names {
	HPDF_Font	 f;
	const char	*name;
};

static const char *
font_name(HPDF_Page p, HPDF_Font f, struct font_names *names)
{
	const char *name;

	for (int i = 0; i < FONT_NAMES && names[i].f != NULL; i++)
		if (names[i].f == f)
			return names[i].name;
	if ((name = haru_page_font_name(p, f)) == NULL)
		return NULL;
	memmove(names + 1, names, (FONT_NAMES - 1) * sizeof(*names));
	names[0].f = f;
	names[0].name = name;
	return name;
}

/*
 * The page's text, written straight into its content stream.  libharu's
 * TextOut re-parses the UTF-8, measures it and clears two 512-byte
 * buffers per call; here each run of words on one baseline in one font,
 * size and colour becomes a single TJ whose numbers are the gaps the
 * layout chose (justification), so the stream is small and a reader
 * that copies or searches sees whole lines.  Fonts are named through
 * libharu, which adds them to the page's resources.
 */
static int
text(HPDF_Page p, struct pdf_fonts *fs, const struct lo_page *pg, double ph,
    struct marks *mk)
{
	struct buf	 b;
	int		 curface = -1, open = 0;
	double		 cursize = 0, endx = 0, y = 0, curscale = 1, curtc = 0;
	uint32_t	 currgb = 0xFFFFFFFF;
	int		 rc = 0;
	struct font_names names[FONT_NAMES] = { { NULL, NULL } };

	buf_init(&b);
	size_t		 run = 0, i = 0, seq;
	struct lo_op	 op;
	const struct lo_op *o = &op;

	for (seq = 0; lo_page_next(pg, &run, &i, &op); seq++) {
		HPDF_Font	    f;
		const char	   *name;
		int		    want;

		int		    emoji = o->type == LO_IMAGE &&
				    o->str[0] == LO_EMOJI_MARK;

		if ((o->type != LO_TEXT && !emoji) || o->str == NULL ||
		    *o->str == '\0')
			continue;
		if (emoji && curface < 0)
			curface = 0, cursize = o->h;
		if ((f = pdf_fonts_get(fs, emoji ? curface : o->face)) == NULL)
			continue;
		if (b.len == 0)
			PUT_LIT(&b, "BT\n");
		if (mk->t != NULL && (want = op_mark(mk, pg, run, o)) !=
		    mk->cur) {
			/* A sequence holds whole TJ operators. */
			if (open)
				PUT_LIT(&b, "] TJ\n");
			open = 0;
			mark_to(mk, &b, want, seq);
		}
		if (emoji) {
			if (open)
				PUT_LIT(&b, "] TJ\n");
			open = 0;
			if ((rc = emoji_text(&b, p, f, fs, o, curface, cursize,
			    ph)) != 0)
				break;
			curscale = 1;	/* emoji_text leaves 100 Tz */
			continue;
		}
		if (open && o->face == curface && o->size == cursize &&
		    o->rgb == currgb && ph - o->y == y &&
		    op_hscale(o) == curscale && o->track == curtc) {
			/* Same line, same look: one more piece of the TJ. */
			double gap = o->x - endx;

			if (gap > 0.0005 || gap < -0.0005)
				pdf_put_num(&b, -gap * 1000.0 / o->size / curscale);
			PUT_LIT(&b, " (");
		} else {
			if (open)
				PUT_LIT(&b, "] TJ\n");
			if (o->face != curface || o->size != cursize) {
				if ((name = font_name(p, f, names)) == NULL) {
					rc = -1;
					break;
				}
				buf_putc(&b, '/');	/* not printf */
				buf_puts(&b, name);
				pdf_put_num(&b, o->size);
				PUT_LIT(&b, " Tf\n");
				curface = o->face;
				cursize = o->size;
			}
			text_look(&b, o, &curscale, &curtc, &currgb);
			y = ph - o->y;
			PUT_LIT(&b, "1 0 0 1");
			pdf_put_num(&b, o->x);
			pdf_put_num(&b, y);
			PUT_LIT(&b, " Tm [(");
			open = 1;
		}
		codes(&b, fs, o);
		buf_putc(&b, ')');
		endx = o->x + o->w;
	}
	if (open)
		PUT_LIT(&b, "] TJ\n");
	if (curscale != 1 || curtc != 0)	/* nor is text drawn after */
		PUT_LIT(&b, "100 Tz 0 Tc\n");
	mark_to(mk, &b, MK_NONE, 0);
	if (b.len > 0) {
		PUT_LIT(&b, "ET\n");
		if (haru_page_write(p, b.data, b.len) != 0)
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

/*
 * libharu refuses strings longer than its limit (and fails the whole
 * document); outline entries and info fields are clipped well below it,
 * at a character boundary.
 */
#define MAX_TEXTSTRING	2000

static const char *
clip(const char *s, char *buf)
{
	size_t n = strlen(s);

	if (n <= MAX_TEXTSTRING)
		return s;
	n = MAX_TEXTSTRING;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Marks sorted by id, so each internal link finds its target in
 * O(log n): a document may have thousands of headings and links. */
static int
cmp_mark(const void *a, const void *b)
{
	const struct lo_mark *x = *(const struct lo_mark *const *)a;
	const struct lo_mark *y = *(const struct lo_mark *const *)b;

	return strcmp(x->id, y->id);
}

static const struct lo_mark **
mark_index(const struct lo_doc *d, size_t *n)
{
	const struct lo_mark **ix = xcalloc(d->nmarks + 1, sizeof(*ix));

	*n = 0;
	for (size_t i = 0; i < d->nmarks; i++)
		if (d->marks[i].id != NULL)
			ix[(*n)++] = &d->marks[i];
	/* Heading ids are unique (tidy.c), so the order of equals does
	 * not matter. */
	qsort(ix, *n, sizeof(*ix), cmp_mark);
	return ix;
}

static const struct lo_mark *
find_mark(const struct lo_mark **ix, size_t n, const char *id)
{
	struct lo_mark		 key;
	const struct lo_mark	*kp = &key, **r;

	key.id = id;
	r = bsearch(&kp, ix, n, sizeof(*ix), cmp_mark);
	return r != NULL ? *r : NULL;
}

/* A link annotation in the tagged PDF: a Link element holding it,
 * inside the element its text is in, and the text a reader speaks for
 * it: the address, or the title of the heading it leads to. */
static void
tag_link(struct marks *mk, HPDF_Page p, const struct lo_page *pg,
    size_t run, size_t seq, const struct lo_op *o, const struct lo_mark *m,
    HPDF_Annotation a)
{
	struct haru_dict *ad = haru_annot_dict(a);
	char		  buf[MAX_TEXTSTRING + 1];
	int		  el = op_mark(mk, pg, run, o);
	const char	 *s = clip(m != NULL && m->title != NULL ? m->title :
			    o->str[0] == '#' ? o->str + 1 : o->str, buf);

	haru_dict_int(ad, "StructParent", tag_annot(mk->t, el >= 0 ? el : 0,
	    mk->page, seq, haru_obj_number(ad), s));

	/* An address is ASCII: a literal string is a quarter of the
	 * size of the UTF-16 a title may need. */
	if (strspn(s, " !\"#$%&'*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "[]^_`abcdefghijklmnopqrstuvwxyz{|}~") == strlen(s))
		haru_dict_string(ad, "Contents", s);
	else
		haru_dict_text(ad, "Contents", s);
	haru_dict_name(haru_page_dict(p), "Tabs", "S");
}

static void
links(HPDF_Page *pages, size_t k, const struct lo_doc *d,
    const struct lo_mark **ix, size_t nix, struct marks *mk)
{
	const struct lo_page *pg = &d->pages[k];
	HPDF_Page	      p = pages[k];

	size_t		 run = 0, i = 0, seq;
	struct lo_op	 op;
	const struct lo_op *o = &op;

	marks_page(mk, (int)k);
	for (seq = 0; lo_page_next(pg, &run, &i, &op); seq++) {
		HPDF_Rect	    r;
		HPDF_Annotation	    a;
		const struct lo_mark *m = NULL;

		if (o->type != LO_LINK || o->str == NULL || *o->str == '\0')
			continue;
		r.left = (HPDF_REAL)o->x;
		r.right = (HPDF_REAL)(o->x + o->w);
		r.top = (HPDF_REAL)(d->ph - o->y);
		r.bottom = (HPDF_REAL)(d->ph - o->y - o->h);
		if (o->str[0] == '#') {
			HPDF_Destination dst;

			m = find_mark(ix, nix, o->str + 1);

			if (m == NULL)
				continue;
			dst = HPDF_Page_CreateDestination(pages[m->page]);
			HPDF_Destination_SetFitH(dst,
			    (HPDF_REAL)(d->ph - m->y + 4));
			a = HPDF_Page_CreateLinkAnnot(p, r, dst);
		} else if (strlen(o->str) < HPDF_LIMIT_MAX_STRING_LEN)
			/* A safe URL: the model allows no other. */
			a = HPDF_Page_CreateURILinkAnnot(p, r, o->str);
		else {
			/* Longer than a PDF string may be: text only. */
			diag_warn(NULL, 0, "a link of %zu bytes is too long for "
			    "a PDF; its text is kept", strlen(o->str));
			continue;
		}
		if (a != NULL)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		if (a != NULL && mk->t != NULL)
			tag_link(mk, p, pg, run, seq, o, m, a);
	}
}

/* Bookmarks nested by heading level: a stack of the open parents. */
static void
outline(HPDF_Doc pdf, HPDF_Page *pages, const struct lo_doc *d)
{
	HPDF_Outline	parent[8];
	int		plevel[8], depth = 0;
	char		buf[MAX_TEXTSTRING + 1];

	for (size_t i = 0; i < d->nmarks; i++) {
		const struct lo_mark *m = &d->marks[i];
		HPDF_Outline	      o;
		HPDF_Destination      dst;

		if (m->title == NULL)
			continue;
		while (depth > 0 && plevel[depth - 1] >= m->level)
			depth--;
		o = HPDF_CreateOutline(pdf, depth ? parent[depth - 1] : NULL,
		    clip(m->title, buf), HPDF_GetEncoder(pdf, "UTF-8"));
		if (o == NULL)
			continue;
		dst = HPDF_Page_CreateDestination(pages[m->page]);
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)(d->ph - m->y + 4));
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		if (depth < 8) {
			parent[depth] = o;
			plevel[depth++] = m->level;
		}
	}
}

static void
set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *s)
{
	char buf[MAX_TEXTSTRING + 1];

	if (s == NULL || *s == '\0')
		return;
	/* libharu converts info strings with the current (UTF-8) encoder
	 * to UTF-16, so they keep every character. */
	HPDF_SetInfoAttr(pdf, type, clip(s, buf));
}

static void
info(HPDF_Doc pdf, const struct doc *doc)
{
	const struct meta *m = &doc->meta;
	struct buf	   b;
	time_t		   t = (time_t)doc->epoch;
	struct tm	   tm;
	HPDF_Date	   dt;

	set_info(pdf, HPDF_INFO_TITLE, m->title);
	set_info(pdf, HPDF_INFO_SUBJECT, m->description ? m->description :
	    m->subtitle);
	buf_init(&b);
	for (size_t i = 0; m->authors != NULL && m->authors[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->authors[i]);
	set_info(pdf, HPDF_INFO_AUTHOR, b.data);
	buf_reset(&b);
	for (size_t i = 0; m->keywords != NULL && m->keywords[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->keywords[i]);
	set_info(pdf, HPDF_INFO_KEYWORDS, b.data);
	buf_free(&b);
	set_info(pdf, HPDF_INFO_CREATOR, "quire " QUIRE_VERSION);
	gmtime_r(&t, &tm);
	memset(&dt, 0, sizeof(dt));
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.minutes = tm.tm_min;
	dt.seconds = tm.tm_sec;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
}

int
pdf_draw(HPDF_Doc pdf, struct pdf_fonts *fs, struct pdf_images *im,
    struct pdf_zpages *z, struct lo_doc *d, const struct doc *doc,
    struct tag_tree *tags)
{
	HPDF_Page *pages = xcalloc(d->npages ? d->npages : 1, sizeof(*pages));
	const struct lo_mark **ix;
	size_t	   nix;
	struct marks mk;
	int	   rc = -1;

	memset(&mk, 0, sizeof(mk));
	mk.t = tags;
	buf_init(&mk.scratch);
	for (size_t k = 0; k < d->npages; k++) {
		if ((pages[k] = HPDF_AddPage(pdf)) == NULL)
			goto done;
		HPDF_Page_SetWidth(pages[k], (HPDF_REAL)d->pw);
		HPDF_Page_SetHeight(pages[k], (HPDF_REAL)d->ph);
		if (tags != NULL)
			tags->pageobj[k] = haru_obj_number(
			    haru_page_dict(pages[k]));
		marks_page(&mk, (int)k);
		graphics(pages[k], im, &d->pages[k], d->ph, &mk);
		if (text(pages[k], fs, &d->pages[k], d->ph, &mk) != 0)
			goto done;
		/* The page's key in the parent tree (tagwrite.c). */
		if (tags != NULL && tags->nmcid[k] > 0)
			haru_dict_int(haru_page_dict(pages[k]), "StructParents",
			    (long)k);
		pdf_zpages_add(z, pages[k]);
		layout_page_drawn(d, k);
	}
	ix = mark_index(d, &nix);
	for (size_t k = 0; k < d->npages; k++)
		links(pages, k, d, ix, nix, &mk);
	free(ix);
	if (d->npages > 0)
		outline(pdf, pages, d);
	info(pdf, doc);
	rc = tags != NULL ? tag_write(pdf, tags, doc) : 0;
done:
	buf_free(&mk.scratch);
	free(pages);
	return rc;
}
