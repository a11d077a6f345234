/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/cover.c - a cover for a book that names none: an SVG title card
 * with the title, the subtitle and the authors, so the book has a face in
 * a reading system's library.  The card is a libxml2 tree like every
 * other file of the book, so its text is escaped by construction.
 *
 * SVG 1.1 does not wrap text, so the lines are broken here, at spaces,
 * with the width estimate of the tables (tablefit.c), which leans wide:
 * a line comes out a little short rather than past the card's edge.  A
 * block too long for the card at its largest size is set smaller; at the
 * smallest, a word wider than the card is broken, and the text beyond
 * the last line ends in an ellipsis (the metadata keeps all of it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "model/style.h"

#define SVG_NS		"http://www.w3.org/2000/svg"
#define CARD_W		600
#define CARD_H		900
#define MEASURE		440	/* the text's width, well inside the frame */
#define INK		"#1b1b1b"
#define ACCENT		"#1a4f8a"	/* the stylesheet's link colour */
#define PAPER		"#f3efe6"

/* More text than this cannot fit on the card at the smallest size. */
#define TEXT_MAX	400
#define MAXLINES	5
#define LINE_BYTES	(TEXT_MAX + 8)

/* A block of text on the card: the sizes it may take, largest first. */
struct block {
	const int	*sizes;
	int		 nsizes;
	int		 maxlines;
	int		 bold;
	const char	*family;	/* "serif" or "sans-serif" */
	const char	*style;		/* font-style, or NULL */
	const char	*fill;
};

struct lines {
	int	 n, size;
	char	 text[MAXLINES][LINE_BYTES];
};

/* The bytes of the first code point of s. */
static size_t
cp_len(const char *s)
{
	size_t n = 1;

	while (((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/*
 * Lines of at most width em from s, broken at spaces, and inside a word
 * wider than a line when split is set.  Returns 0, or -1 when the text
 * needs more than maxlines lines or (without split) a word is too wide;
 * L then holds the lines that fit.
 */
static int
fill(const char *s, double width, int bold, int split, int maxlines,
    struct lines *L)
{
	char cand[2 * LINE_BYTES], *line;
	size_t i = 0, j, len, cut;

	for (L->n = 0;; L->n++) {
		while (s[i] == ' ')
			i++;
		if (s[i] == '\0')
			return 0;
		if (L->n == maxlines)
			return -1;
		line = L->text[L->n];
		line[0] = '\0';
		for (len = 0; s[i] != '\0'; len = strlen(line)) {
			for (j = i; s[j] != '\0' && s[j] != ' '; j++)
				;
			snprintf(cand, sizeof(cand), "%s%s%.*s", line,
			    len > 0 ? " " : "", (int)(j - i), s + i);
			if (epub_text_width(cand, bold) <= width) {
				memcpy(line, cand, strlen(cand) + 1);
				for (i = j; s[i] == ' '; i++)
					;
				continue;
			}
			if (len > 0)
				break;
			/* A word wider than a line: as much as fits. */
			if (!split)
				return -1;
			for (cut = cp_len(s + i); i + cut < j; cut += cp_len(s +
			    i + cut)) {
				snprintf(cand, sizeof(cand), "%.*s",
				    (int)(cut + cp_len(s + i + cut)), s + i);
				if (epub_text_width(cand, bold) > width)
					break;
			}
			snprintf(line, LINE_BYTES, "%.*s", (int)cut, s + i);
			i += cut;
			break;
		}
	}
}

/* The block at the largest size that holds it; at the smallest, what
 * fits, the last line ending in an ellipsis when the text goes on. */
static void
set_block(const struct block *b, const char *s, struct lines *L)
{
	char text[TEXT_MAX + 1], *last;
	size_t n;
	int k;

	/* Cut at a code point's start. */
	for (n = strlen(s) < TEXT_MAX ? strlen(s) : TEXT_MAX; n > 0 &&
	    ((unsigned char)s[n] & 0xC0) == 0x80; n--)
		;
	memcpy(text, s, n);
	text[n] = '\0';
	for (k = 0; k < b->nsizes; k++) {
		L->size = b->sizes[k];
		if (fill(text, (double)MEASURE / L->size, b->bold, 0,
		    b->maxlines, L) == 0)
			return;
	}
	if ((fill(text, (double)MEASURE / L->size, b->bold, 1, b->maxlines,
	    L) == 0 && n == strlen(s)) || L->n == 0)
		return;
	last = L->text[L->n - 1];
	do {
		n = strlen(last);
		snprintf(last + n, LINE_BYTES - n, "\xE2\x80\xA6");
		if (epub_text_width(last, b->bold) <= (double)MEASURE / L->size ||
		    n == 0)
			break;
		while (n > 0 && ((unsigned char)last[--n] & 0xC0) == 0x80)
			;
		last[n] = '\0';
	} while (1);
}

/* A family name from the style, quoted, before the generic family; a
 * name with characters a font list cannot carry is left out. */
static void
family(char *out, size_t size, const char *name, const char *generic)
{
	const char *p;

	for (p = name; p != NULL && *p != '\0'; p++)
		if (strchr(" -_.", *p) == NULL && !(*p >= 'a' && *p <= 'z') &&
		    !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9'))
			break;
	if (name != NULL && *name != '\0' && *p == '\0')
		snprintf(out, size, "'%s', %s", name, generic);
	else
		snprintf(out, size, "%s", generic);
}

/* Attributes from a NULL-terminated list of names and values. */
static xmlNodePtr
attrs(xmlNodePtr el, const char *const *av)
{
	for (; av[0] != NULL; av += 2)
		epub_attr(el, av[0], av[1]);
	return el;
}

static xmlNodePtr
shape(xmlNodePtr svg, const char *name, const char *const *av)
{
	return attrs(epub_el(svg, name), av);
}

/* The lines of a block, centred, the first baseline at y; returns the
 * last line's baseline. */
static int
draw(xmlNodePtr svg, const struct block *b, const char *fam,
    const struct lines *L, int y, int rtl)
{
	char num[3][16];
	xmlNodePtr t;
	int i;

	snprintf(num[0], sizeof(num[0]), "%d", CARD_W / 2);
	snprintf(num[2], sizeof(num[2]), "%d", L->size);
	for (i = 0; i < L->n; i++) {
		if (i > 0)
			y += L->size * 6 / 5;
		snprintf(num[1], sizeof(num[1]), "%d", y);
		t = shape(svg, "text", (const char *const[]){ "x", num[0],
		    "y", num[1], "text-anchor", "middle", "font-family", fam,
		    "font-size", num[2], "fill", b->fill, NULL });
		if (b->bold)
			epub_attr(t, "font-weight", "bold");
		/* Punctuation at the end of a right-to-left line goes left. */
		if (rtl)
			epub_attr(t, "direction", "rtl");
		if (b->style != NULL)
			epub_attr(t, "font-style", b->style);
		epub_text(t, L->text[i]);
	}
	return y;
}

static const int title_sizes[] = { 60, 52, 44, 38, 32 };
static const int subtitle_sizes[] = { 30, 26, 22 };
static const int author_sizes[] = { 28, 24, 20 };

/* The authors as one line of text, "A, B and C". */
static char *
authors_line(const char **a)
{
	size_t len = 1, i, n;
	char *s;

	for (n = 0; a != NULL && a[n] != NULL; n++)
		len += strlen(a[n]) + 5;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, i + 1 == n ? " and " : ", ");
		strcat(s, a[i]);
	}
	return s;
}

/* The card: a frame on paper, the title from the upper third down, a
 * rule, the subtitle, and the authors at the foot. */
static xmlDocPtr
card(const struct epub *e)
{
	const struct meta *m = &e->doc->meta;
	const struct block title = { title_sizes, 5, MAXLINES, 1, "serif",
	    NULL, INK }, sub = { subtitle_sizes, 3, 4, 0, "serif", "italic",
	    INK }, by = { author_sizes, 3, 3, 0, "sans-serif", NULL, ACCENT };
	char serif[128], sans[128], *who, y[16];
	struct lines *L = xmalloc(sizeof(*L));
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr svg;
	int at, rtl = e->doc->set.dir == TD_RTL;

	svg = xmlNewDocNode(d, NULL, BAD_CAST "svg", NULL);
	xmlDocSetRootElement(d, svg);
	xmlSetNs(svg, xmlNewNs(svg, BAD_CAST SVG_NS, NULL));
	attrs(svg, (const char *const[]){ "version", "1.1", "width",
	    "600", "height", "900", "viewBox", "0 0 600 900", "xml:lang",
	    e->lang, NULL });
	epub_text(epub_el(svg, "title"), e->title);
	shape(svg, "rect", (const char *const[]){ "width", "600", "height",
	    "900", "fill", PAPER, NULL });
	shape(svg, "rect", (const char *const[]){ "x", "30", "y", "30",
	    "width", "540", "height", "840", "fill", "none", "stroke", ACCENT,
	    "stroke-width", "3", NULL });
	family(serif, sizeof(serif), e->st->pdf.font[STYLE_SERIF], "serif");
	family(sans, sizeof(sans), e->st->pdf.font[STYLE_SANS], "sans-serif");
	set_block(&title, e->title, L);
	at = draw(svg, &title, serif, L, 220 + L->size, rtl) + 40;
	snprintf(y, sizeof(y), "%d", at);
	shape(svg, "line", (const char *const[]){ "x1", "240", "x2", "360",
	    "y1", y, "y2", y, "stroke", ACCENT, "stroke-width", "2",
	    NULL });
	if (m->subtitle != NULL && m->subtitle[0] != '\0') {
		set_block(&sub, m->subtitle, L);
		draw(svg, &sub, serif, L, at + 30 + L->size, rtl);
	}
	if (m->authors != NULL && m->authors[0] != NULL) {
		set_block(&by, who = authors_line(m->authors), L);
		free(who);
		/* The last line's baseline at 810, whatever their number. */
		draw(svg, &by, sans, L, 810 - (L->n - 1) * L->size * 6 / 5,
		    rtl);
	}
	free(L);
	return d;
}

void
epub_cover_card(struct epub *e)
{
	struct epub_image *c = &e->cover;
	xmlDocPtr d;

	if (c->data != NULL || !e->st->epub.cover)
		return;
	d = card(e);
	c->data = (char *)epub_serialise(d, &c->len);
	xmlFreeDoc(d);
	c->mime = "image/svg+xml";
	snprintf(c->name, sizeof(c->name), "images/cover.svg");
}
