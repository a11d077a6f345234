/*
 * man/table.c - tables for the man emitter: tbl, or stacked .TP blocks.
 *
 * Column widths come from the content, measured in terminal columns:
 *  - every column is at least as wide as its longest word, so nothing is
 *    ever cut ("Responsibilities" stays whole), and hyphenation is off in
 *    the table, so groff does not split a word just to fill a line;
 *  - if every cell fits on one line, columns take their natural width;
 *  - otherwise a label column (short cells) keeps its longest word and the
 *    prose columns share what is left in proportion to how much text they
 *    hold, never below their longest word nor above their natural width.
 * Widths are given to tbl as w(Nn); every cell is a T{ T} text block, so
 * cell text is never split on the column separator.
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

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "emit.h"
#include "man.h"
#include "roff.h"
#include "style.h"

#define GAP		3	/* tbl's default space between columns */
#define LABEL_MAX	24	/* a column whose cells are all this short */
#define PROSE_MIN	12	/* narrowest useful prose column */
/* A grid this much narrower than the 80-column line also fits a
 * 60-column terminal, so it needs no stacked alternative. */
#define NARROW		20

struct col {
	int	minw;		/* longest word */
	int	natural;	/* longest line, unwrapped */
	long	content;	/* total text, for sharing the spare width */
	int	label;
	int	width;		/* decided */
	int	fixed;		/* width final while sharing */
};

/* ------------------------------------------------------------ measuring */

struct meter {
	int	line, word, minw, natural;
	long	content;
};

static void
meter_word(struct meter *mt)
{
	/* Longer words have break points (roff.c). */
	if (mt->word > ROFF_CHUNK)
		mt->word = ROFF_CHUNK;
	if (mt->word > mt->minw)
		mt->minw = mt->word;
	mt->word = 0;
}

static void
meter_line(struct meter *mt)
{
	meter_word(mt);
	if (mt->line > mt->natural)
		mt->natural = mt->line;
	mt->line = 0;
}

/* Code is measured 6/5 wide: groff's checking device (ps) sets it in
 * Courier, whose characters are 1.2n. */
static void
meter_text(struct meter *mt, const char *s, int code)
{
	size_t i = 0, n;

	while (s[i] != '\0') {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			meter_word(mt);
			if (mt->line > 0)
				mt->line++;
			i++;
			continue;
		}
		n = 1;
		while ((s[i + n] & 0xC0) == 0x80)
			n++;
		n = roff_width(s + i, n);
		if (code)
			n = (n * 6 + 4) / 5;
		mt->word += (int)n;
		mt->line += (int)n;
		mt->content += (long)n;
		while ((s[++i] & 0xC0) == 0x80)
			;
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
				/* Shown as " <url>" after the text. */
				meter_word(mt);
				mt->line += 1;
				mt->word = (int)roff_width(n->u.link.href,
				    strlen(n->u.link.href)) + 2;
				mt->line += mt->word;
				mt->content += mt->word;
			}
			continue;
		}
		switch (n->type) {
		case N_TEXT:
		case N_CODE:
		case N_CODE_BLOCK:
			meter_text(mt, n->text, n->type != N_TEXT);
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
			any |= !c[j].label && c[j].width < c[j].natural;
		if (!any)
			break;
		if (!c[i].label && c[i].width < c[i].natural) {
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
		c[i].label = c[i].natural <= LABEL_MAX;
		prose += !c[i].label;
	}
	if (sum_nat <= room) {
		for (i = 0; i < ncols; i++)
			c[i].width = c[i].natural;
		return 0;
	}
	/* Only short columns: they all share, like prose. */
	if (prose == 0)
		for (i = 0; i < ncols; i++)
			c[i].label = 0;
	for (i = 0; i < ncols; i++) {
		int least = c[i].minw;

		if (!c[i].label && c[i].natural > least)
			least = c[i].natural < PROSE_MIN ? c[i].natural :
			    (PROSE_MIN > least ? PROSE_MIN : least);
		sum_min += least;
		c[i].fixed = c[i].label;
		c[i].width = c[i].label ? c[i].minw : least;
	}
	if (sum_min > room)
		return -1;
	for (i = 0; i < ncols; i++)
		if (!c[i].label && c[i].minw < c[i].width)
			c[i].minw = c[i].width;	/* the floor used above */
	share(c, ncols, room);
	return 0;
}

/* ------------------------------------------------------------- writing */

static int
cell_empty(const struct node *cell)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(cell, n, &entering)) != NULL)
		if (entering && (n->type == N_TEXT || n->type == N_CODE) &&
		    n->text[strspn(n->text, " \t\n")] != '\0')
			return 0;
		else if (entering && n->type == N_LINK &&
		    n->u.link.kind == LINK_EXTERNAL)
			return 0;
	return 1;
}

/* A separator no cell contains.  Cells are T{ T} blocks, whose lines tbl
 * never splits, so a clash could only come from a bug; still, pick a
 * character the text does not use. */
static char
separator(const struct node *table)
{
	static const char cand[] = "@|#^~%:;!&+=";
	struct node *n = NULL;
	int entering;
	const char *c;
	int used[sizeof(cand)] = { 0 };

	while ((n = doc_next(table, n, &entering)) != NULL) {
		const char *s = NULL;

		if (n->type == N_TEXT || n->type == N_CODE)
			s = n->text;
		else if (n->type == N_LINK && entering &&
		    n->u.link.kind == LINK_EXTERNAL)
			s = n->u.link.href;
		for (; s != NULL && *s != '\0'; s++)
			if ((c = strchr(cand, *s)) != NULL)
				used[c - cand] = 1;
	}
	for (c = cand; *c != '\0'; c++)
		if (!used[c - cand])
			return *c;
	return '\a';	/* tbl accepts any character; BEL is never text */
}

/* The body of a cell: inline text, or its blocks one per line with list
 * items as bulleted lines. */
static void
cell_body(struct man *m, const struct node *cell, enum inl_mode mode,
    int flags)
{
	const struct node *b, *item, *p;
	int first = 1;

	if (cell->first == NULL || !doc_is_block(cell->first)) {
		man_inlines(m, cell, mode, flags);
		return;
	}
	for (b = cell->first; b != NULL; b = b->next) {
		if (b->type == N_LIST) {
			for (item = b->first; item != NULL;
			    item = item->next) {
				if (!first) {
					roff_req(&m->r, ".br");
					roff_eol(&m->r);
				}
				first = 0;
				roff_raw(&m->r, "\\(bu\\ ");
				for (p = item->first; p != NULL; p = p->next)
					man_inlines(m, p, mode, flags);
			}
			continue;
		}
		if (!first) {
			roff_req(&m->r, ".br");
			roff_eol(&m->r);
		}
		first = 0;
		man_inlines(m, b, mode, flags);
	}
}

/*
 * A cell as lines: the runs of its inlines between hard breaks, or its
 * blocks with one line per list item.  mandoc drops ".br" inside a tbl
 * text block (gluing "techniques.- Ensure"), so each line becomes a cell
 * of its own in a sub-row of the table row instead.
 */
struct seg {
	const struct node *first, *stop;	/* inline siblings */
	const struct node *item;		/* or a list item */
};

static size_t
segments(const struct node *cell, struct seg **out)
{
	const struct node *b, *n, *start;
	struct seg *v = NULL;
	size_t len = 0, cap = 0;

#define PUSH(f, s, i) do {						\
		if (len == cap) {					\
			cap = cap ? cap * 2 : 4;			\
			v = xrealloc(v, cap * sizeof(*v));		\
		}							\
		v[len].first = (f); v[len].stop = (s); v[len].item = (i); \
		len++;							\
	} while (0)

	if (cell->first != NULL && doc_is_block(cell->first)) {
		for (b = cell->first; b != NULL; b = b->next)
			if (b->type == N_LIST)
				for (n = b->first; n != NULL; n = n->next)
					PUSH(NULL, NULL, n);
			else
				PUSH(b, b->next, NULL);
	} else {
		start = cell->first;
		for (n = cell->first; n != NULL; n = n->next)
			if (n->type == N_LINEBREAK) {
				PUSH(start, n, NULL);
				start = n->next;
			}
		if (start != NULL || len == 0)
			PUSH(start, NULL, NULL);
	}
#undef PUSH
	*out = v;
	return len;
}

static int
seg_empty(const struct seg *s)
{
	const struct node *n;

	if (s->item != NULL)
		return 0;
	for (n = s->first; n != NULL && n != s->stop; n = n->next)
		if (!cell_empty(n))
			return 0;
	return 1;
}

/* A block in a cell, on its line: its inlines, or (a code block, a
 * table in the table) its text. */
static void
block_line(struct man *m, const struct node *b, int flags)
{
	char *t;

	if (b->first != NULL && doc_is_inline(b->first)) {
		man_inlines(m, b, INL_CELL, flags);
		return;
	}
	if (b->type != N_CODE_BLOCK)
		emit_fallback_warn(m->unshown, b, "man page table cell");
	t = doc_text_dup(b, TEXT_BLOCKS);
	roff_text(&m->r, t, strlen(t), flags | ESC_ONELINE);
	free(t);
}

static void
seg_write(struct man *m, const struct seg *s, int flags)
{
	const struct node *p;

	if (s->item == NULL) {
		if (s->first != NULL && doc_is_block(s->first))
			block_line(m, s->first, flags);
		else
			man_inline_range(m, s->first, s->stop, INL_CELL,
			    flags);
		return;
	}
	/* The bullet is glued to the first word by an unbreakable space. */
	roff_raw(&m->r, "\\(bu\\ ");
	for (p = s->item->first; p != NULL; p = p->next) {
		if (p != s->item->first)
			m->r.space = 1;
		man_inlines(m, p, INL_CELL, flags);
	}
}

static const struct node *
first_row(const struct node *table)
{
	const struct node *row = table->first;

	while (row != NULL && row->type != N_ROW)
		row = row->next;
	return row;
}

/*
 * Where each column of a row stands: a cell starts there, the cell to
 * its left spans over it, or a cell of a row above reaches down into
 * it.  down[k] counts the rows a cell above still covers in column k.
 */
enum slot { SLOT_CELL, SLOT_RIGHT, SLOT_DOWN };

static void
row_map(const struct node *row, int ncols, int *down, enum slot *slot,
    const struct node **cell)
{
	const struct node *c;
	int k, j;

	for (k = 0; k < ncols; k++) {
		slot[k] = down[k] > 0 ? SLOT_DOWN : SLOT_CELL;
		cell[k] = NULL;
		if (down[k] > 0)
			down[k]--;
	}
	for (c = row->first; c != NULL; c = c->next) {
		if ((k = c->u.cell.col) >= ncols)
			continue;
		slot[k] = SLOT_CELL;
		cell[k] = c;
		for (j = 0; j < c->u.cell.colspan && k + j < ncols; j++) {
			if (j > 0)
				slot[k + j] = SLOT_RIGHT;
			down[k + j] = c->u.cell.rowspan - 1;
		}
	}
}

/* The lines of each cell (see segments); returns how many tbl rows the
 * table row takes. */
static size_t
row_lines(const struct node *const *cell, int ncols, struct seg **segs,
    size_t *nseg)
{
	size_t nsub = 1;
	int k;

	for (k = 0; k < ncols; k++) {
		nseg[k] = 0;
		segs[k] = NULL;
		if (cell[k] == NULL)
			continue;
		nseg[k] = segments(cell[k], &segs[k]);
		/* Trailing empty lines (a final <br>) add nothing. */
		while (nseg[k] > 0 && seg_empty(&segs[k][nseg[k] - 1]))
			nseg[k]--;
		if (nseg[k] > nsub)
			nsub = nseg[k];
	}
	return nsub;
}

static void
grid_row(struct man *m, const struct node *row, char sep, int ncols,
    const enum slot *slot, const struct node *const *cell)
{
	struct seg **segs = xcalloc((size_t)ncols, sizeof(*segs));
	size_t *nseg = xcalloc((size_t)ncols, sizeof(*nseg)), sub, nsub;
	char tmp[2] = { sep, '\0' };
	int k, field;

	nsub = row_lines(cell, ncols, segs, nseg);
	for (sub = 0; sub < nsub; sub++) {
		for (k = 0, field = 0; k < ncols; k++) {
			if (slot[k] == SLOT_RIGHT)
				continue;	/* spanned: no field */
			if (field++ > 0)
				roff_raw(&m->r, tmp);
			if (slot[k] != SLOT_CELL || sub >= nseg[k] ||
			    seg_empty(&segs[k][sub]))
				continue;
			roff_raw(&m->r, "T{");
			roff_eol(&m->r);
			if (row->u.row.header)
				roff_font_push(&m->r, FONT_BOLD);
			seg_write(m, &segs[k][sub], ESC_TABLE);
			if (row->u.row.header)
				roff_font_pop(&m->r, FONT_BOLD);
			roff_eol(&m->r);
			roff_raw(&m->r, "T}");
		}
		roff_eol(&m->r);
	}
	for (k = 0; k < ncols; k++)
		free(segs[k]);
	free(segs);
	free(nseg);
}

/* One column's format: its key and width, or a span. */
static void
format_entry(struct man *m, const struct node *table, const struct col *c,
    int k, int expand, enum slot slot, const struct node *cell, int last)
{
	enum align a = cell != NULL && cell->u.cell.align != AL_NONE ?
	    cell->u.cell.align : table->u.table.aligns[k];
	char key = a == AL_CENTER ? 'c' : a == AL_RIGHT ? 'r' : 'l', tmp[64];

	if (slot == SLOT_RIGHT)
		snprintf(tmp, sizeof(tmp), "%ss%s", k ? " " : "", last ? "." : "");
	else if (slot == SLOT_DOWN)
		snprintf(tmp, sizeof(tmp), "%s^%s", k ? " " : "", last ? "." : "");
	else if (expand && !c[k].label)
		snprintf(tmp, sizeof(tmp), "%s%cx%s", k ? " " : "", key,
		    last ? "." : "");
	else
		snprintf(tmp, sizeof(tmp), "%s%cw(%dn)%s", k ? " " : "", key,
		    c[k].width, last ? "." : "");
	roff_raw(&m->r, tmp);
}

static int
has_spans(const struct node *table)
{
	const struct node *r, *c;

	for (r = table->first; r != NULL; r = r->next)
		for (c = r->first; c != NULL; c = c->next)
			if (c->type == N_CELL && (c->u.cell.colspan > 1 ||
			    c->u.cell.rowspan > 1))
				return 1;
	return 0;
}

/*
 * The format lines: one for the whole table, or, when cells span, one
 * per tbl row (a table row takes as many as it has lines), so each can
 * say "s" (spanned from the left) or "^" (from above).
 */
static void
formats(struct man *m, const struct node *table, const struct col *c,
    int ncols, int expand)
{
	const struct node *row, **cell;
	enum slot *slot;
	struct seg **segs;
	size_t *nseg, sub, nsub;
	int *down, k, spans = has_spans(table);

	if (!spans) {
		for (k = 0; k < ncols; k++)
			format_entry(m, table, c, k, expand, SLOT_CELL, NULL,
			    k == ncols - 1);
		roff_eol(&m->r);
		return;
	}
	slot = xcalloc((size_t)ncols, sizeof(*slot));
	cell = xcalloc((size_t)ncols, sizeof(*cell));
	down = xcalloc((size_t)ncols, sizeof(*down));
	segs = xcalloc((size_t)ncols, sizeof(*segs));
	nseg = xcalloc((size_t)ncols, sizeof(*nseg));
	for (row = table->first; row != NULL; row = row->next) {
		if (row->type != N_ROW)
			continue;
		row_map(row, ncols, down, slot, cell);
		nsub = row_lines(cell, ncols, segs, nseg);
		for (k = 0; k < ncols; k++)
			free(segs[k]);
		for (sub = 0; sub < nsub; sub++) {
			if (sub > 0 || row != first_row(table))
				roff_eol(&m->r);
			for (k = 0; k < ncols; k++)
				format_entry(m, table, c, k, expand, slot[k],
				    cell[k], k == ncols - 1 && sub == nsub - 1 &&
				    row->next == NULL);
		}
	}
	roff_eol(&m->r);
	free(slot);
	free(cell);
	free(down);
	free(segs);
	free(nseg);
}

/*
 * The tbl grid.  For groff the widths are fixed (w); for mandoc, which
 * cannot test the line length, prose columns expand (x) to whatever line
 * it formats for, and only label columns are fixed.
 */
static void
grid(struct man *m, const struct node *table, const struct col *c,
    int ncols, int expand)
{
	const struct node *row, **cell;
	char sep = separator(table), tmp[64];
	enum slot *slot;
	int i, *down;

	/* Ragged right and no hyphenation in cells: groff cannot justify
	 * a narrow column without gaps (and warns "cannot adjust line"),
	 * and would split a label like "Respon-sibilities" to fill a line.
	 * Both modes are restored after the table. */
	if (expand) {
		/* mandoc draws rules one column past an expanded table. */
		roff_req(&m->r, ".ll -2n");
		roff_eol(&m->r);
	}
	roff_req(&m->r, ".nr qH \\n[.hy]");
	roff_eol(&m->r);
	roff_req(&m->r, ".nh");
	roff_eol(&m->r);
	roff_req(&m->r, ".na");
	roff_eol(&m->r);
	roff_req(&m->r, ".TS");
	roff_eol(&m->r);
	/* nokeep: groff 1.22's keeps leave blank lines in mid-table when
	 * man-db renders continuously. */
	snprintf(tmp, sizeof(tmp), "tab(%c) nokeep;", sep);
	roff_raw(&m->r, tmp);
	roff_eol(&m->r);
	formats(m, table, c, ncols, expand);
	slot = xcalloc((size_t)ncols, sizeof(*slot));
	cell = xcalloc((size_t)ncols, sizeof(*cell));
	down = xcalloc((size_t)ncols, sizeof(*down));
	for (row = table->first; row != NULL; row = row->next) {
		if (row->type != N_ROW)
			continue;
		row_map(row, ncols, down, slot, cell);
		/* A rule would cut through a cell reaching down. */
		for (i = 0; i < ncols && slot[i] != SLOT_DOWN; i++)
			;
		if (row != first_row(table) && i == ncols) {
			roff_raw(&m->r, "_");
			roff_eol(&m->r);
		}
		grid_row(m, row, sep, ncols, slot, cell);
	}
	free(slot);
	free(cell);
	free(down);
	roff_req(&m->r, ".TE");
	roff_eol(&m->r);
	roff_req(&m->r, ".ad");
	roff_eol(&m->r);
	roff_req(&m->r, ".hy \\n(qH");
	roff_eol(&m->r);
	if (expand) {
		roff_req(&m->r, ".ll");
		roff_eol(&m->r);
	}
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
		if (row->first != NULL && !cell_empty(row->first))
			man_inlines(m, row->first, INL_LINE, ESC_NOHYPH);
		else
			roff_raw(&m->r, "\\(em");
		roff_font_pop(&m->r, FONT_BOLD);
		roff_eol(&m->r);
		any = 0;
		for (cell = row->first; cell != NULL; cell = cell->next) {
			hc = heading_of(head, cell->u.cell.col);
			if (cell == row->first || cell_empty(cell))
				continue;
			if (any) {
				roff_req(&m->r, ".br");
				roff_eol(&m->r);
			}
			any = 1;
			if (hc != NULL && !cell_empty(hc)) {
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
			cell_body(m, cell, INL_FLOW, 0);
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

void
man_table(struct man *m, const struct node *table)
{
	int ncols = table->u.table.ncols, i, fits, total, room;
	const struct node *row, *cell;
	struct col *c;
	struct meter mt;
	char tmp[96];

	if (ncols <= 0 || first_row(table) == NULL)
		return;
	caption(m, table);
	c = xcalloc((size_t)ncols, sizeof(*c));
	for (row = first_row(table); row != NULL; row = row->next)
		for (cell = row->first; cell != NULL; cell = cell->next) {
			/* A cell over several columns wraps in all of them:
			 * it sets no column's width. */
			i = cell->u.cell.col;
			if (i < 0 || i >= ncols || cell->u.cell.colspan > 1)
				continue;
			measure(cell, &mt);
			if (mt.minw > c[i].minw)
				c[i].minw = mt.minw;
			if (mt.natural > c[i].natural)
				c[i].natural = mt.natural;
			c[i].content += mt.content;
		}
	room = man_avail(m) - GAP * (ncols - 1);
	fits = widths(c, ncols, room) == 0;
	total = GAP * (ncols - 1);
	for (i = 0; i < ncols; i++)
		total += c[i].width;

	if (ncols == 1 || (fits && m->layout == MAN_TABLE_GRID) ||
	    (fits && m->layout != MAN_TABLE_STACKED &&
	    total + NARROW <= man_avail(m))) {
		/* Narrow enough for any terminal, or forced. */
		grid(m, table, c, ncols, 0);
	} else if (!fits || m->layout == MAN_TABLE_STACKED) {
		stacked(m, table);
	} else {
		/* mandoc reads \n(.l as 0; groff knows its line length.
		 * Three plain .if: mandoc mispairs an ".el .ie" chain. */
		roff_req(&m->r, ".if \\n(.l=0 \\{\\");
		roff_eol(&m->r);
		grid(m, table, c, ncols, 1);
		roff_req(&m->r, ".\\}");
		roff_eol(&m->r);
		snprintf(tmp, sizeof(tmp),
		    ".if (\\n(.l>0)&(\\n(.l-\\n(.i>=%dn) \\{\\", total);
		roff_req(&m->r, tmp);
		roff_eol(&m->r);
		grid(m, table, c, ncols, 0);
		roff_req(&m->r, ".\\}");
		roff_eol(&m->r);
		snprintf(tmp, sizeof(tmp),
		    ".if (\\n(.l>0)&(\\n(.l-\\n(.i<%dn) \\{\\", total);
		roff_req(&m->r, tmp);
		roff_eol(&m->r);
		stacked(m, table);
		roff_req(&m->r, ".\\}");
		roff_eol(&m->r);
	}
	m->fresh = 0;
	free(c);
}
