/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: table column sizing.  table_allot() on minima and maxima
 * worked out by hand, then whole tables laid out with fake metrics
 * (layout_fixture.h: 4.5 points a character at 9 pt, cells padded by 4
 * on each side): content-sized columns, the size shrinking when words
 * do not fit, and widths fixed by the style.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "layout_fixture.h"
#include "pdf/layout/table.h"

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-6;
}

/* Lay out md and give the x of the text op s on page 1 (or -1). */
static double
text_x(const char *md, struct style *st, const char *s, double *size)
{
	struct doc	*d;
	struct lo_doc	*ld = fix_layout(md, st, &d);
	struct lo_op	 o;
	double		 x = -1;

	if (ld != NULL && fix_find(ld, 0, s, &o)) {
		x = o.x;
		if (size != NULL)
			*size = o.size;
	}
	layout_free(ld);
	doc_free(d);
	return x;
}

/* A header row of "h" and a row of ten words, ten columns. */
static const char *
ten_columns(char *md, const char *word)
{
	char *p = md;

	for (int r = 0; r < 3; r++) {
		for (int k = 0; k < 10; k++)
			p += sprintf(p, "| %s ", r == 0 ? "h" : r == 1 ? "---" :
			    word);
		p += sprintf(p, "|\n");
	}
	return md;
}

int
main(void)
{
	char md[1024];
	double w[3], size = 0;
	struct style *st;

	diag_quiet = 1;

	/* The maxima fit: each column gets its maximum. */
	table_allot(2, (const double[]){ 10, 20 }, (const double[]){ 30, 40 },
	    100, w);
	CHECK("allot: maxima that fit are used", near(w[0], 30) &&
	    near(w[1], 40));

	/* They do not: minima 10 + 20, room 60, so 30 to share, in
	 * proportion to max - min (40 and 40): 15 each. */
	table_allot(2, (const double[]){ 10, 20 }, (const double[]){ 50, 60 },
	    60, w);
	CHECK("allot: the rest shared in proportion to max - min",
	    near(w[0], 25) && near(w[1], 35));

	/* Unequal shares: max - min of 10 and 30, 20 to share: 5 and 15. */
	table_allot(2, (const double[]){ 10, 10 }, (const double[]){ 20, 40 },
	    40, w);
	CHECK("allot: a column that can use more gets more",
	    near(w[0], 15) && near(w[1], 25));

	/* Even the minima (10 + 50 + 60) overflow 90.  The equal share is
	 * 30: column 0 keeps its 10; the 80 left is split between the
	 * others in proportion to their minima, 50 : 60. */
	table_allot(3, (const double[]){ 10, 50, 60 },
	    (const double[]){ 10, 50, 60 }, 90, w);
	CHECK("allot: minima that overflow keep the narrow column whole",
	    near(w[0], 10) && near(w[1], 80.0 * 50 / 110) &&
	    near(w[2], 80.0 * 60 / 110));

	/* Content-sized: column 0's widest text is "cccc" (18 + 8 = 26),
	 * so column 1 starts 26 after the margin, its text 4 further. */
	st = style_load(NULL);
	CHECK("content: column 1 starts after column 0's widest text",
	    near(text_x("| a | bb |\n|---|---|\n| cccc | dddddddd |\n", st,
	    "dddddddd", NULL), FIX_LEFT + 26 + 4));
	CHECK("content: column 0's text sits inside its padding",
	    near(text_x("| a | bb |\n|---|---|\n| cccc | dddddddd |\n", st,
	    "cccc", NULL), FIX_LEFT + 4));
	/* A wider header widens its column: "aaaaaa" is 27 + 8 = 35. */
	CHECK("content: the header counts",
	    near(text_x("| aaaaaa | bb |\n|---|---|\n| c | d |\n", st, "d",
	    NULL), FIX_LEFT + 35 + 4));

	/* Ten columns of ten-letter words: at size s a column needs
	 * 10 * s / 2 + 8, the table 50 s + 80.  That is 530 at 9 and 505
	 * at 8.5, more than the 481.9 of an A4 column; at 8 it is 480. */
	text_x(ten_columns(md, "wwwwwwwww0"), st, "h", &size);
	CHECK("content: words that do not fit shrink the table to 8 pt",
	    near(size, 8));
	/* Fourteen letters need 14 * 3.5 + 8 = 57 a column even at the
	 * 7 pt floor: the size stops there (and the words will be cut). */
	text_x(ten_columns(md, "wwwwwwwwwwwwww"), st, "h", &size);
	CHECK("content: the table shrinks no further than 7 pt",
	    near(size, 7));
	style_free(st);

	/* Widths fixed by the style for three-column tables. */
	st = style_load(NULL);
	style_set(st, "pdf.table.widths.0", "20%");
	style_set(st, "pdf.table.widths.1", "30%");
	style_set(st, "pdf.table.widths.2", "50%");
	CHECK("fixed: column 1 starts at 20% of the measure",
	    near(text_x("| a | b | c |\n|---|---|---|\n| x | y | z |\n", st,
	    "y", NULL), FIX_LEFT + 0.2 * FIX_WIDTH + 4));
	CHECK("fixed: column 2 starts at 50% of the measure",
	    near(text_x("| a | b | c |\n|---|---|---|\n| x | y | z |\n", st,
	    "z", NULL), FIX_LEFT + 0.5 * FIX_WIDTH + 4));
	CHECK("fixed: a table of another width stays content-sized",
	    near(text_x("| a | bb |\n|---|---|\n| cccc | dddddddd |\n", st,
	    "dddddddd", NULL), FIX_LEFT + 26 + 4));
	style_free(st);
	return check_failed;
}
