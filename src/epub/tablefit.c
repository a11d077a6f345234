/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/tablefit.c - how wide a table wants to be, estimated from its
 * content, and so below which viewport width the stylesheet should stack
 * it (one block per row) instead of drawing a grid.
 *
 * The reading system sets the table in its own fonts, which quire cannot
 * know, so widths are estimated in em from classes of characters, the
 * way the PDF engine measures columns with real metrics
 * (pdf/layout/table.c): each column has a minimum, its widest unbreakable
 * word, and a maximum, its widest line set without wrapping.  The
 * estimates lean wide (their glyphs are as wide as DejaVu Serif's, the
 * widest common serif), because a grid kept on a screen too narrow for it
 * is lost to the reader, while a table stacked a little early only reads
 * differently.
 *
 * A column is comfortable at its maximum or at COMFORT em, whichever is
 * less, and never below its minimum: prose may wrap, but not to a word a
 * line.  The table needs the sum of its comfortable columns with their
 * padding, in the table's smaller font, plus the margins of what holds it
 * (the body, list items, quotes); it is stacked below the first
 * breakpoint of epub.css at least that wide.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "util/utf8.h"

/* These numbers restate epub.css; a change there must be made here. */
#define TABLE_FONT	0.9	/* table { font-size } */
#define CELL_PAD	1.1	/* th, td: padding 0.5em each side, 1px rule */
#define CELL_LIST	1.2	/* td ul { padding-left } */
#define QUOTE_PAD	1.2	/* blockquote: padding-left 1em, 3px rule */
#define ITEM_PAD	1.6	/* ul, ol { padding-left }, dd margin */
#define BODY_MARGIN	2.0	/* body { margin: 0 1em } */
#define CODE_CHAR	0.54	/* monospace at 0.9em: 0.6em a character */
#define PRE_PAD		1.7	/* pre: padding 0.8em each side, 3px rule */
#define BOLD		1.08	/* bold glyphs are this much wider */

/* The narrowest prose column that still reads as prose (about twenty
 * characters a line), in the table's em. */
#define COMFORT		10.0

/* A table this narrow fits every phone (320 px) as a grid. */
#define NEVER_STACK	20.0

/* The breakpoints of epub.css, in em, narrowest first: a table gets the
 * first one at least as wide as it needs, or the last.  The narrowest
 * lies just under the common phone's 360 px (22.5 em), so a table that
 * fits there, as two comfortable columns of prose do, stays a grid on
 * that phone and beside its neighbours, and stacks only on narrower
 * screens. */
static const int breakpoints[] = { 22, 24, 30, 36, 42, 48, 54, 60 };
#define NBREAK	(sizeof(breakpoints) / sizeof(breakpoints[0]))

/* One column's measure, or one cell's while it is measured. */
struct meter {
	double	word;		/* the word being read */
	double	line;		/* the line being read */
	double	indent;		/* of the block being read */
	double	min;		/* widest word, with its indent */
	double	max;		/* widest line, with its indent */
	int	bold;		/* inside header cells and STRONG */
};

static void
word_end(struct meter *m)
{
	if (m->indent + m->word > m->min)
		m->min = m->indent + m->word;
	m->word = 0;
}

static void
line_end(struct meter *m)
{
	word_end(m);
	if (m->indent + m->line > m->max)
		m->max = m->indent + m->line;
	m->line = 0;
}

/* East Asian wide and full-width characters: a break opportunity on
 * each side, and a full em each. */
static int
wide(uint32_t c)
{
	return c >= 0x1100 && ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD));
}

/* The advance of one character of serif text, in em.  (A switch, not
 * strchr on lists of letters: tables of reference pages hold megabytes
 * of text.) */
static double
advance(uint32_t c)
{
	if (c < 0x80)
		switch (c) {
		case 'i': case 'j': case 'l': case 't':
			return 0.32;
		case 'f': case 'r': case 's':
			return 0.46;
		case 'm': case 'w':
			return 0.9;
		case 'I': case 'J':
			return 0.42;
		case 'M': case 'W':
			return 0.98;
		case '.': case ',': case ':': case ';': case '\'': case '!':
		case '|': case '(': case ')': case '[': case ']': case '`':
			return 0.36;
		default:
			return c >= 'a' && c <= 'z' ? 0.6 : c >= 'A' &&
			    c <= 'Z' ? 0.76 : c >= '0' && c <= '9' ? 0.64 :
			    0.7;
		}
	if (c >= 0x300 && c <= 0x36F)
		return 0;	/* combining marks */
	return wide(c) ? 1.0 : 0.72;
}

double
epub_text_width(const char *s, int bold)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t c;
	double w = 0;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0)
			n = 1, c = 0xFFFD;
		i += n;
		w += (c == ' ' ? 0.32 : advance(c)) * (bold ? BOLD : 1);
	}
	return w;
}

/* Text in the cell's font (or monospace): words end at white space,
 * after a hyphen or dash, and around wide characters. */
static void
text(struct meter *m, const char *s, int code)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t c;
	double w;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			n = 1, c = (unsigned char)s[i];
		else if ((n = utf8_decode(s + i, len - i, &c)) == 0)
			n = 1, c = 0xFFFD;
		i += n;
		if (c == ' ' || c == '\t' || c == '\n' || c == 0x200B) {
			word_end(m);
			if (m->line > 0 && c != 0x200B)
				m->line += code ? CODE_CHAR : 0.32;
			continue;
		}
		w = code ? CODE_CHAR : advance(c) * (m->bold ? BOLD : 1);
		if (wide(c))
			word_end(m);
		m->word += w;
		m->line += w;
		if (wide(c) || c == '-' || c == 0x2010 || c == 0x2013 ||
		    c == 0x2014)
			word_end(m);
	}
}

static void
inlines(struct meter *m, const struct node *parent)
{
	const struct node *n;

	for (n = parent->first; n != NULL; n = n->next) {
		switch (n->type) {
		case N_TEXT:
		case N_PLACEHOLDER:
			text(m, n->text, 0);
			break;
		case N_CODE:
			text(m, n->text, 1);
			break;
		case N_SOFTBREAK:
			text(m, " ", 0);
			break;
		case N_LINEBREAK:
			line_end(m);
			break;
		case N_IMAGE:
			/* max-width: 100% lets an image shrink with its
			 * column, so it widens the line, not the minimum. */
			word_end(m);
			m->line += n->u.link.width > 0 ?
			    n->u.link.width / 16.0 : 8.0;
			break;
		case N_STRONG:
			m->bold++;
			inlines(m, n);
			m->bold--;
			break;
		default:
			inlines(m, n);
			break;
		}
	}
}

/* A preformatted block wraps anywhere (pre-wrap, break-word): it widens
 * only the line. */
static void
code_block(struct meter *m, const char *s)
{
	double line = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			line = 0;
			continue;
		}
		if (((unsigned char)*s & 0xC0) != 0x80)
			line += CODE_CHAR;
		if (m->indent + line + PRE_PAD > m->max)
			m->max = m->indent + line + PRE_PAD;
	}
	if (m->indent + PRE_PAD + 4 * CODE_CHAR > m->min)
		m->min = m->indent + PRE_PAD + 4 * CODE_CHAR;
}

/* Blocks inside a cell: those holding inlines are lines, the others
 * (lists, items, quotes...) hold blocks.  Recursion is bounded by the
 * model's nesting cap (doc.h). */
static void
blocks(struct meter *m, const struct node *n)
{
	double indent = m->indent;

	for (; n != NULL; n = n->next) {
		if (n->type == N_CODE_BLOCK) {
			code_block(m, n->text != NULL ? n->text : "");
			continue;
		}
		if (n->first == NULL)
			continue;
		if (doc_is_inline(n->first)) {
			inlines(m, n);
			line_end(m);
			continue;
		}
		if (n->type == N_LIST)
			m->indent += CELL_LIST;
		else if (n->type == N_QUOTE)
			m->indent += QUOTE_PAD;
		else if (n->type == N_DEFDATA)
			m->indent += ITEM_PAD;
		blocks(m, n->first);
		m->indent = indent;
	}
}

/* A cell's minimum and maximum, padding included, in the table's em. */
static void
measure_cell(const struct node *c, int bold, double *min, double *max)
{
	struct meter m;

	memset(&m, 0, sizeof(m));
	m.bold = bold;
	if (c->first != NULL && doc_is_block(c->first))
		blocks(&m, c->first);
	else {
		inlines(&m, c);
		line_end(&m);
	}
	*min = m.min + CELL_PAD;
	*max = m.max + CELL_PAD;
}

/*
 * Columns from their cells.  A cell spanning several columns counts once
 * the single ones are known: what it needs beyond their sum is shared
 * equally among the columns it covers, as a browser's automatic layout
 * does.
 */
static void
measure(const struct node *t, int labels, double *min, double *max)
{
	int nc = t->u.table.ncols, pass, k, k0, span;
	const struct node *r, *c;
	double cmin, cmax, smin, smax;

	for (pass = 0; pass < 2; pass++)
		for (r = t->first; r != NULL; r = r->next) {
			if (r->type != N_ROW)
				continue;
			for (c = r->first; c != NULL; c = c->next) {
				k0 = c->u.cell.col;
				span = c->u.cell.colspan > 1 ?
				    c->u.cell.colspan : 1;
				if (k0 < 0 || k0 >= nc || (span > 1) != pass)
					continue;
				if (k0 + span > nc)
					span = nc - k0;
				measure_cell(c, r->u.row.header ||
				    c->u.cell.header || (labels && k0 == 0),
				    &cmin, &cmax);
				for (smin = smax = 0, k = k0; k < k0 + span; k++)
					smin += min[k], smax += max[k];
				for (k = k0; k < k0 + span; k++) {
					if (cmin > smin)
						min[k] += (cmin - smin) / span;
					if (cmax > smax)
						max[k] += (cmax - smax) / span;
				}
			}
		}
}

/* The room the blocks around a table take from the viewport, in em. */
static double
surroundings(const struct node *t)
{
	const struct node *p;
	double em = BODY_MARGIN;

	for (p = t->parent; p != NULL; p = p->parent)
		if (p->type == N_ITEM || p->type == N_DEFDATA)
			em += ITEM_PAD;
		else if (p->type == N_QUOTE)
			em += QUOTE_PAD;
	return em;
}

double
epub_table_width(const struct node *t, int labels)
{
	int nc = t->u.table.ncols, k;
	double *min, *max, need = 0, w;

	if (nc <= 0)
		return surroundings(t);
	min = xcalloc((size_t)nc, sizeof(double));
	max = xcalloc((size_t)nc, sizeof(double));
	measure(t, labels, min, max);
	for (k = 0; k < nc; k++) {
		w = max[k] < COMFORT + CELL_PAD ? max[k] : COMFORT + CELL_PAD;
		need += w > min[k] ? w : min[k];
	}
	free(min);
	free(max);
	return need * TABLE_FONT + surroundings(t);
}

int
epub_table_breakpoint(const struct node *t, int labels)
{
	double need = epub_table_width(t, labels);
	size_t i;

	if (need <= NEVER_STACK)
		return 0;
	for (i = 0; i < NBREAK - 1 && breakpoints[i] < need; i++)
		;
	return breakpoints[i];
}
