/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/table.c - tables for the man emitter: tbl, or stacked .TP blocks.
 *
 * Column widths come from the content, measured in terminal columns:
 *  - every column is at least as wide as the longest part of a word
 *    between the break points roff.c gives long tokens (after "/", ".",
 *    "-" and the like), so no word is ever cut ("Responsibilities" stays
 *    whole), and hyphenation is off in the table, so groff does not split
 *    a word just to fill a line;
 *  - if every cell fits on one line, columns take their natural width;
 *  - otherwise a short column (every cell at most SHORT_MAX columns)
 *    keeps its longest word and the prose columns share what is left in
 *    proportion to how much text they hold, never below their longest
 *    word nor above their natural width.  (A width class: which column
 *    holds row labels is the model's decision, table.label_col.)
 * Widths are given to tbl as w(Nn), or for groff as registers that grow
 * with its line length (tbl.c); every cell is a T{ T} text block, so
 * cell text is never split on the column separator.  Rules separate the
 * body rows only when some row takes several lines.
 *
 * When the minimum widths cannot fit in the line, the table is written as
 * one .TP block per row instead: the first cell is the tag and the others
 * follow as "Header: value".  When the grid fits the 80-column layout but
 * not a narrower terminal, both are written behind a test of groff's line
 * length; mandoc, which has no line length register (it reads as 0),
 * always takes the grid and fits it itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "man.h"
#include "roff.h"
#include "model/style.h"
#include "mantable.h"

#define SHORT_MAX	24	/* a column whose cells are all this short */
#define PROSE_MIN	12	/* narrowest useful prose column */
/* A grid this much narrower than the 80-column line also fits a
 * 60-column terminal, so it needs no stacked alternative. */
#define NARROW		20
/* The widest line (ens) a grid without rules is written for. */
#define WIDE_MAX	250

/* ------------------------------------------------------------ measuring */

/* word: columns since the token's start or its last break point (a
 * column must be this wide); tok: the token's columns as roff.c counts
 * them to place break points. */
struct meter {
	int	line, word, minw, natural;
	int	tokw, maxtok;	/* the word's columns, whole; the longest */
	int	lines;		/* lines the cell starts itself */
	int	fifths;		/* of a column, owed by code (6/5 wide) */
	size_t	tok;
	long	content;
};

/* The part of a token up to a break point (or its end) is done. */
static void
meter_piece(struct meter *mt)
{
	if (mt->fifths > 0) {
		mt->word++;
		mt->tokw++;
		mt->fifths = 0;
	}
	if (mt->word > mt->minw)
		mt->minw = mt->word;
	mt->word = 0;
}

static void
meter_word(struct meter *mt)
{
	meter_piece(mt);
	if (mt->tokw > mt->maxtok)
		mt->maxtok = mt->tokw;
	mt->tok = 0;
	mt->tokw = 0;
}

static void
meter_line(struct meter *mt)
{
	meter_word(mt);
	if (mt->line > mt->natural)
		mt->natural = mt->line;
	mt->lines += mt->line > 0;
	mt->line = 0;
}

/* w columns of text: lines and content take them as they are, words
 * 6/5 of them in code, the fifths carried over so a run of code is 6/5
 * of its length, not 2 a character. */
static void
meter_add(struct meter *mt, size_t w, int code)
{
	mt->tok += w;
	mt->line += (int)w;
	mt->content += (long)w;
	if (code) {
		w = w * 6 + (size_t)mt->fifths;
		mt->fifths = (int)(w % 5);
		w /= 5;
	}
	mt->word += (int)w;
	mt->tokw += (int)w;
}

/* Lines and content are measured in terminal columns.  Words, which a
 * column must hold, are measured 6/5 wide in code: groff's checking
 * device (ps) sets it in Courier, whose characters are 1.2n.  So are a
 * header's words, set in bold. */
static void
meter_text(struct meter *mt, const char *s, int code)
{
	size_t i = 0, n, w, len = strlen(s);

	while (s[i] != '\0') {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			meter_word(mt);
			if (mt->line > 0)
				mt->line++;
			i++;
			continue;
		}
		if (roff_class[(unsigned char)s[i]] & ROFF_PLAIN) {
			/* A run of letters, digits and the punctuation that
			 * is no separator at once: each is 1 wide and no
			 * break follows it; carrying fifths over a run gives
			 * what carrying them byte by byte does. */
			for (n = 1; roff_class[(unsigned char)s[i + n]] &
			    ROFF_PLAIN; n++)
				;
			meter_add(mt, n, code);
			i += n;
			continue;
		}
		n = 1;
		while ((s[i + n] & 0xC0) == 0x80)
			n++;
		/* ASCII, nearly all of it, without decoding: a control
		 * character is 0 wide, the rest 1 (as roff_width says). */
		if ((unsigned char)s[i] < 0x80)
			w = (unsigned char)s[i] >= 0x20;
		else
			w = roff_width(s + i, n);
		meter_add(mt, w, code);
		/* roff.c breaks only after separators: the call is
		 * spared for the other bytes. */
		if (n == 1 && (roff_class[(unsigned char)s[i]] & ROFF_SEP) &&
		    roff_break_after(mt->tok, s, len, i))
			meter_piece(mt);
		i += n;
	}
}

/* Measure one cell as the renderer will write it: hard breaks and list
 * items start lines; an item's "\(bu\ " is glued to its first word. */
static void
measure(const struct node *cell, struct meter *mt)
{
	struct node *n = NULL;
	int entering;
	char num[24];

	memset(mt, 0, sizeof(*mt));
	while ((n = doc_next(cell, n, &entering)) != NULL) {
		if (n == cell)
			continue;
		if (!entering) {
			if (n->type == N_LINK &&
			    n->u.link.kind == LINK_EXTERNAL &&
			    !man_autolink(n)) {
				/* Shown as " <url>" after the text, with
				 * break points in the address. */
				meter_text(mt, " <", 0);
				meter_text(mt, n->u.link.href, 0);
				meter_text(mt, ">", 0);
			}
			continue;
		}
		switch (n->type) {
		case N_TEXT:
		case N_CODE:
		case N_CODE_BLOCK:
			meter_text(mt, n->text, n->type != N_TEXT ||
			    cell->parent->u.row.header);
			break;
		case N_SOFTBREAK:
			meter_text(mt, " ", 0);
			break;
		case N_LINEBREAK:
			meter_line(mt);
			break;
		case N_FOOTREF:	/* "[1]", glued to the word before it */
			snprintf(num, sizeof(num), "[%d]",
			    n->u.footref.note->u.footnote.num);
			meter_text(mt, num, 0);
			break;
		case N_ITEM:
			meter_line(mt);
			mt->word = mt->line = 2;
			break;
		case N_LINK:
			/* An autolink shows its address once, as text. */
			if (man_autolink(n)) {
				meter_text(mt, n->u.link.href, 0);
				entering = 0;
			}
			break;
		default:
			if (doc_is_block(n) && n->type != N_LIST &&
			    !(n->parent->type == N_ITEM &&
			    n == n->parent->first))
				meter_line(mt);
			break;
		}
	}
	meter_line(mt);
	/* One column of slack: groff's default device for checks (ps) sets
	 * a bold "Widget" wider than 6n, and would warn. */
	mt->minw++;
	mt->maxtok++;
	/* A line no wider than its longest word, as the checking device
	 * sets it. */
	if (mt->natural < mt->maxtok)
		mt->natural = mt->maxtok;
	mt->natural++;
}

/* -------------------------------------------------------------- widths */

/*
 * Share `room` among the prose columns in proportion to their content,
 * each between its minimum and its natural width (water-filling: a
 * column that hits a bound is fixed there and the rest is shared again).
 */
static void
share(struct col *c, int ncols, int room)
{
	int i, changed = 1;
	long total;
	int left;

	while (changed) {
		changed = 0;
		total = 0;
		left = room;
		for (i = 0; i < ncols; i++) {
			if (c[i].fixed)
				left -= c[i].width;
			else
				total += c[i].content > 0 ? c[i].content : 1;
		}
		if (total == 0)
			break;
		for (i = 0; i < ncols; i++) {
			long w;

			if (c[i].fixed)
				continue;
			w = (long)left * (c[i].content > 0 ?
			    c[i].content : 1) / total;
			if (w < c[i].minw) {
				c[i].width = c[i].minw;
				c[i].fixed = changed = 1;
			} else if (w >= c[i].natural) {
				c[i].width = c[i].natural;
				c[i].fixed = changed = 1;
			} else
				c[i].width = (int)w;
		}
	}
	/* Rounding down leaves a few columns over: give them out. */
	left = room;
	for (i = 0; i < ncols; i++)
		left -= c[i].width;
	for (i = 0; left > 0; i = (i + 1) % ncols) {
		int any = 0, j;

		for (j = 0; j < ncols; j++)
			any |= !c[j].short_col && c[j].width < c[j].natural;
		if (!any)
			break;
		if (!c[i].short_col && c[i].width < c[i].natural) {
			c[i].width++;
			left--;
		}
	}
}

/* Decide widths for the space `room` (gaps already taken off).
 * Returns 0, or -1 when the grid cannot fit. */
static int
widths(struct col *c, int ncols, int room)
{
	int i, sum_nat = 0, sum_min = 0, prose = 0;

	for (i = 0; i < ncols; i++) {
		if (c[i].natural < 1)
			c[i].natural = 1;
		if (c[i].minw < 1)
			c[i].minw = 1;
		sum_nat += c[i].natural;
		c[i].short_col = c[i].natural <= SHORT_MAX;
		prose += !c[i].short_col;
	}
	if (sum_nat <= room) {
		for (i = 0; i < ncols; i++)
			c[i].width = c[i].natural;
		return 0;
	}
	/* Only short columns: they all share, like prose. */
	if (prose == 0)
		for (i = 0; i < ncols; i++)
			c[i].short_col = 0;
	for (i = 0; i < ncols; i++) {
		int least = c[i].minw;

		if (!c[i].short_col && c[i].natural > least)
			least = c[i].natural < PROSE_MIN ? c[i].natural :
			    (PROSE_MIN > least ? PROSE_MIN : least);
		sum_min += least;
		c[i].fixed = c[i].short_col;
		c[i].width = c[i].short_col ? c[i].minw : least;
	}
	if (sum_min > room)
		return -1;
	for (i = 0; i < ncols; i++)
		if (!c[i].short_col && c[i].minw < c[i].width)
			c[i].minw = c[i].width;	/* the floor used above */
	share(c, ncols, room);
	return 0;
}

static const struct node *
header_row(const struct node *table)
{
	const struct node *row;

	for (row = table->first; row != NULL; row = row->next)
		if (row->type == N_ROW && row->u.row.header)
			return row;
	return NULL;
}

/* The header cell over column k, if any. */
static const struct node *
heading_of(const struct node *head, int k)
{
	const struct node *h;

	for (h = head != NULL ? head->first : NULL; h != NULL; h = h->next)
		if (k >= h->u.cell.col && k < h->u.cell.col + h->u.cell.colspan)
			return h;
	return NULL;
}

/* One .TP block per row: the first cell is the tag, then each other
 * cell as "Header: value", each starting a line. */
static void
stacked(struct man *m, const struct node *table)
{
	const struct node *head = header_row(table), *row, *cell, *hc;
	int any;

	for (row = table->first; row != NULL; row = row->next) {
		if (row->type != N_ROW || row->u.row.header)
			continue;
		roff_req(&m->r, ".TP 4");
		roff_eol(&m->r);
		roff_font_push(&m->r, FONT_BOLD);
		if (row->first != NULL && !man_cell_empty(row->first))
			man_inlines(m, row->first, INL_LINE, ESC_NOHYPH);
		else
			roff_raw(&m->r, "\\(em");
		roff_font_pop(&m->r, FONT_BOLD);
		roff_eol(&m->r);
		any = 0;
		for (cell = row->first; cell != NULL; cell = cell->next) {
			hc = heading_of(head, cell->u.cell.col);
			if (cell == row->first || man_cell_empty(cell))
				continue;
			if (any) {
				roff_req(&m->r, ".br");
				roff_eol(&m->r);
			}
			any = 1;
			if (hc != NULL && !man_cell_empty(hc)) {
				roff_font_push(&m->r, FONT_BOLD);
				man_inlines(m, hc, INL_LINE, 0);
				roff_raw(&m->r, ":");
				roff_font_pop(&m->r, FONT_BOLD);
				if (cell->first != NULL &&
				    doc_is_block(cell->first)) {
					roff_req(&m->r, ".br");
					roff_eol(&m->r);
				} else
					m->r.space = 1;
			}
			man_cell_body(m, cell, INL_FLOW, 0);
		}
		if (!any) {
			roff_raw(&m->r, "\\&");
		}
		roff_eol(&m->r);
	}
	m->fresh = 0;
}

/* A table's caption: a bold paragraph above it. */
static void
caption(struct man *m, const struct node *table)
{
	if (table->first->type != N_CAPTION ||
	    !doc_has_text(table->first))
		return;
	man_para(m);
	roff_font_push(&m->r, FONT_BOLD);
	man_inlines(m, table->first, INL_FLOW, 0);
	roff_font_pop(&m->r, FONT_BOLD);
	roff_eol(&m->r);
}

/* What multiline() asks of a cell, measured once by man_table() for
 * every cell, in the order both visit them. */
struct fit {
	const struct node *cell;
	int		   lines, natural;
};

struct fits {
	struct fit	*v;
	size_t		 n, cap;
};

static void
fit_add(struct fits *fs, const struct node *cell, const struct meter *mt)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 16;
		fs->v = xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	fs->v[fs->n].cell = cell;
	fs->v[fs->n].lines = mt->lines;
	fs->v[fs->n].natural = mt->natural;
	fs->n++;
}

/* Does some body row take several lines: a cell with lines of its own,
 * or (widths) one longer than its columns at the decided widths?  The
 * cells come in fs's order, some skipped. */
static int
multiline(const struct node *table, const struct col *c, int ncols,
    int widths, const struct fits *fs)
{
	const struct node *row, *cell;
	struct meter mt;
	int i, k, room, lines, natural;
	size_t at = 0;

	for (row = man_first_row(table); row != NULL; row = row->next) {
		if (row->type != N_ROW || row->u.row.header)
			continue;
		for (cell = row->first; cell != NULL; cell = cell->next) {
			i = cell->u.cell.col;
			if (i < 0 || i >= ncols)
				continue;
			room = -GAP;
			for (k = i; k < ncols && k < i + cell->u.cell.colspan;
			    k++)
				room += c[k].width + GAP;
			while (at < fs->n && fs->v[at].cell != cell)
				at++;
			if (at < fs->n) {
				lines = fs->v[at].lines;
				natural = fs->v[at].natural;
			} else {
				measure(cell, &mt);
				lines = mt.lines;
				natural = mt.natural;
			}
			if (lines > 1 || (widths && natural > room))
				return 1;
		}
	}
	return 0;
}

/* The groff grid between two line lengths (ens; hi 0: no bound). */
static void
groff_grid(struct man *m, const struct node *table, const struct grid *g,
    int lo, int hi)
{
	char tmp[128];
	int n;

	n = snprintf(tmp, sizeof(tmp),
	    ".if (\\n(.l>0)&(\\n(.l-\\n(.i>=%dn)", lo);
	if (hi > 0)
		snprintf(tmp + n, sizeof(tmp) - (size_t)n,
		    "&(\\n(.l-\\n(.i<%dn) \\{\\", hi);
	else
		snprintf(tmp + n, sizeof(tmp) - (size_t)n, " \\{\\");
	roff_req(&m->r, tmp);
	roff_eol(&m->r);
	man_grid(m, table, g);
	roff_req(&m->r, ".\\}");
	roff_eol(&m->r);
}

/*
 * Both layouts behind tests of groff's line length: the grid where it
 * fits, stacked blocks where it does not.  mandoc reads \n(.l as 0 and
 * takes its own grid.  Three plain .if: mandoc mispairs an ".el .ie"
 * chain.  When rows wrap only because the columns are narrow, a line
 * long enough for every column's natural width gets a grid of its own
 * without the rules between rows.
 */
static void
both(struct man *m, const struct node *table, struct grid *g, int wide)
{
	struct grid nat = *g;
	struct col *c;
	char tmp[96];
	int k;

	g->cache = nat.cache = man_row_cache_new();
	roff_req(&m->r, ".if \\n(.l=0 \\{\\");
	roff_eol(&m->r);
	g->how = GRID_EXPAND;
	man_grid(m, table, g);
	roff_req(&m->r, ".\\}");
	roff_eol(&m->r);
	g->how = GRID_SCALE;
	if (wide > 0) {
		groff_grid(m, table, g, g->total, wide);
		c = xcalloc((size_t)g->ncols, sizeof(*c));
		for (k = 0; k < g->ncols; k++) {
			c[k] = g->c[k];
			c[k].width = c[k].natural;
		}
		nat.c = c;
		nat.how = GRID_FIXED;
		nat.rules = 0;
		groff_grid(m, table, &nat, wide, 0);
		free(c);
	} else
		groff_grid(m, table, g, g->total, 0);
	snprintf(tmp, sizeof(tmp),
	    ".if (\\n(.l>0)&(\\n(.l-\\n(.i<%dn) \\{\\", g->total);
	roff_req(&m->r, tmp);
	roff_eol(&m->r);
	stacked(m, table);
	roff_req(&m->r, ".\\}");
	roff_eol(&m->r);
	man_row_cache_free(g->cache);
	g->cache = NULL;
}

void
man_table(struct man *m, const struct node *table)
{
	int ncols = table->u.table.ncols, i, fits, wide;
	const struct node *row, *cell;
	struct col *c;
	struct meter mt;
	struct grid g;
	struct fits fs = { NULL, 0, 0 };

	if (ncols <= 0 || man_first_row(table) == NULL)
		return;
	caption(m, table);
	c = xcalloc((size_t)ncols, sizeof(*c));
	for (row = man_first_row(table); row != NULL; row = row->next)
		for (cell = row->first; cell != NULL; cell = cell->next) {
			i = cell->u.cell.col;
			if (i < 0 || i >= ncols)
				continue;
			measure(cell, &mt);
			fit_add(&fs, cell, &mt);
			/* A cell over several columns wraps in all of them:
			 * it sets no column's width. */
			if (cell->u.cell.colspan > 1)
				continue;
			if (mt.minw > c[i].minw)
				c[i].minw = mt.minw;
			if (mt.maxtok > c[i].maxtok)
				c[i].maxtok = mt.maxtok;
			if (mt.natural > c[i].natural)
				c[i].natural = mt.natural;
			c[i].content += mt.content;
		}
	fits = widths(c, ncols, man_avail(m) - GAP * (ncols - 1)) == 0;
	memset(&g, 0, sizeof(g));
	g.c = c;
	g.ncols = ncols;
	g.total = GAP * (ncols - 1);
	for (i = 0; i < ncols; i++)
		g.total += c[i].width;
	g.rules = fits && multiline(table, c, ncols, 1, &fs);
	/* The line every column's natural width takes, if a terminal may
	 * be that wide and the rows then take one line each. */
	wide = GAP * (ncols - 1);
	for (i = 0; i < ncols; i++)
		wide += c[i].natural;
	if (!g.rules || wide > WIDE_MAX || multiline(table, c, ncols, 0, &fs))
		wide = 0;
	free(fs.v);

	if (ncols == 1 || (fits && m->layout == MAN_TABLE_GRID) ||
	    (fits && m->layout != MAN_TABLE_STACKED &&
	    g.total + NARROW <= man_avail(m))) {
		/* Narrow enough for any terminal, or forced. */
		g.how = GRID_FIXED;
		man_grid(m, table, &g);
	} else if (!fits || m->layout == MAN_TABLE_STACKED)
		stacked(m, table);
	else
		both(m, table, &g, wide);
	m->fresh = 0;
	free(c);
}
