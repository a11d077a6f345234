/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: table rows across pages, laid out with fake metrics
 * (layout_fixture.h) on A4 with 20 mm margins.
 *
 * The body area runs from 56.69 to 765.20 (the footer keeps 20 points
 * above the bottom margin): 708.5 points.  A table line is 9 pt with a
 * leading of 1.35, 12.15 points; a row adds 2.8 of padding above and
 * below, so a one-line row is 17.75 high.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "layout_fixture.h"

#define BOTTOM	(297 * 72.0 / 25.4 - FIX_LEFT - 20)

/* How many pages hold a text op s. */
static int
pages_with(const struct lo_doc *ld, const char *s)
{
	struct lo_op o;
	int n = 0;

	for (size_t pg = 0; pg < ld->npages; pg++)
		n += fix_find(ld, pg, s, &o);
	return n;
}

static int
on_page(const struct lo_doc *ld, size_t pg, const char *s)
{
	struct lo_op o;

	return fix_find(ld, pg, s, &o);
}

/* The lowest baseline of the cell lines ("Item ...") on page pg. */
static double
lowest(const struct lo_doc *ld, size_t pg)
{
	size_t		run = 0, i = 0;
	struct lo_op	o;
	double		y = 0;

	while (lo_page_next(&ld->pages[pg], &run, &i, &o))
		if (o.type == LO_TEXT && strncmp(o.str, "Item ", 5) == 0 &&
		    o.y > y)
			y = o.y;
	return y;
}

static double
y_of(const struct lo_doc *ld, size_t pg, const char *s)
{
	struct lo_op o;

	return fix_find(ld, pg, s, &o) ? o.y : -1;
}

/*
 * One body row of 100 lines under a header row.  Page 1 holds the
 * header (17.75) and then, in the 708.5 - 17.75 - 5.6 = 685.15 left, 56
 * lines (680.4); the other 44 go to page 2, under the header again and
 * beside the label marked continued.
 */
static void
tall_row(void)
{
	char		 buf[64], *md = xmalloc(4096), *p = md;
	struct style	*st = style_load(NULL);
	struct doc	*d;
	struct lo_doc	*ld;
	int		 once = 1;

	p += sprintf(p, "| Aspect | Details |\n|---|---|\n| **Key** | ");
	for (int i = 1; i <= 100; i++)
		p += sprintf(p, "%sItem number %d", i > 1 ? "<br>" : "", i);
	sprintf(p, " |\n");
	ld = fix_layout(md, st, &d);
	CHECK("tall row: laid out", ld != NULL);
	if (ld == NULL)
		return;
	CHECK("tall row: on two pages", ld->npages == 2);
	for (int i = 1; i <= 100; i++) {
		snprintf(buf, sizeof(buf), "Item number %d", i);
		if (pages_with(ld, buf) != 1)
			once = 0;
	}
	CHECK("tall row: split between lines, each line drawn once", once);
	CHECK("tall row: lines 1 to 56 on page 1",
	    on_page(ld, 0, "Item number 56") &&
	    !on_page(ld, 1, "Item number 56"));
	CHECK("tall row: lines 57 to 100 on page 2",
	    on_page(ld, 1, "Item number 57") &&
	    on_page(ld, 1, "Item number 100"));
	CHECK("tall row: no line on page 1 below the body area",
	    lowest(ld, 0) < BOTTOM);
	CHECK("tall row: the label repeated on page 2",
	    on_page(ld, 1, "Key"));
	CHECK("tall row: marked continued there, and only there",
	    (on_page(ld, 1, "(continued)") || on_page(ld, 1, "(cont.)")) &&
	    !on_page(ld, 0, "(continued)") && !on_page(ld, 0, "(cont.)"));
	CHECK("tall row: the header row repeated on page 2",
	    on_page(ld, 1, "Aspect") && on_page(ld, 1, "Details"));
	CHECK("tall row: the header at the top of page 2, as on page 1",
	    y_of(ld, 1, "Aspect") == y_of(ld, 0, "Aspect") &&
	    y_of(ld, 1, "Aspect") < y_of(ld, 1, "Item number 57"));
	layout_free(ld);
	doc_free(d);
	style_free(st);
	free(md);
}

/*
 * A row that would fit on a fresh page is not split: after the header
 * and 37 one-line rows (38 x 17.75 = 674.5) page 1 has 34 points left,
 * room for two lines of a four-line row (2 x 12.15 + 5.6 = 29.9) but not
 * all four (54.2), so the row moves to page 2 whole.
 */
static void
moved_row(void)
{
	char		*md = xmalloc(4096), *p = md;
	struct style	*st = style_load(NULL);
	struct doc	*d;
	struct lo_doc	*ld;

	p += sprintf(p, "| Row | Note |\n|---|---|\n");
	for (int i = 1; i <= 37; i++)
		p += sprintf(p, "| row%d | x |\n", i);
	sprintf(p, "| last | Line A1<br>Line A2<br>Line A3<br>Line A4 |\n");
	ld = fix_layout(md, st, &d);
	CHECK("moved row: laid out", ld != NULL);
	if (ld == NULL)
		return;
	CHECK("moved row: 37 rows fill page 1", on_page(ld, 0, "row37") &&
	    ld->npages == 2);
	CHECK("moved row: none of its lines on page 1",
	    !on_page(ld, 0, "Line A1") && !on_page(ld, 0, "last"));
	CHECK("moved row: all of them on page 2", on_page(ld, 1, "Line A1") &&
	    on_page(ld, 1, "Line A4") && on_page(ld, 1, "last"));
	CHECK("moved row: under the header, not marked continued",
	    on_page(ld, 1, "Row") && !on_page(ld, 1, "(continued)") &&
	    !on_page(ld, 1, "(cont.)"));
	layout_free(ld);
	doc_free(d);
	style_free(st);
	free(md);
}

int
main(void)
{
	diag_quiet = 1;
	tall_row();
	moved_row();
	return check_failed;
}
