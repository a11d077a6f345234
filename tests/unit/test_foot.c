/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: footnotes at the foot of the page (pdf/layout/foot.c and
 * page.c), laid out with fake metrics (layout_fixture.h) on A4 with
 * 20 mm margins, so the body ends at 765.20 points.
 *
 * Places are read from the display list's marks: every note's id marks
 * its first line, every reference's id the line that holds it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "check.h"
#include "util/diag.h"
#include "layout_fixture.h"

#define BOTTOM	(297 * 72.0 / 25.4 - FIX_LEFT - 20)

static const struct lo_mark *
mark(const struct lo_doc *ld, const char *id)
{
	for (size_t i = 0; i < ld->nmarks; i++)
		if (ld->marks[i].id != NULL && strcmp(ld->marks[i].id, id) == 0)
			return &ld->marks[i];
	return NULL;
}

/* Does a text op beginning with s lie on page pg? */
static int
text_on(const struct lo_doc *ld, size_t pg, const char *s)
{
	size_t		run = 0, i = 0;
	struct lo_op	o;

	while (lo_page_next(&ld->pages[pg], &run, &i, &o))
		if (o.type == LO_TEXT && strncmp(o.str, s, strlen(s)) == 0)
			return 1;
	return 0;
}

/* The lowest and the highest baseline on page pg of text ops at size
 * `size` (the body's 10.5, the notes' 8.4). */
static void
extent(const struct lo_doc *ld, size_t pg, double size, double *top,
    double *low)
{
	size_t		run = 0, i = 0;
	struct lo_op	o;

	*top = 1e9;
	*low = 0;
	while (lo_page_next(&ld->pages[pg], &run, &i, &o))
		if (o.type == LO_TEXT && o.size > size - 0.01 &&
		    o.size < size + 0.01) {
			if (o.y < *top)
				*top = o.y;
			if (o.y > *low)
				*low = o.y;
		}
}

/* n paragraphs of filler, the k-th (from 0) calling for note a, the
 * m-th for note a again. */
static char *
filler(int n, int k, int m, const char *note)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < n; i++) {
		buf_printf(&b, "Paragraph %d fills a line or two of the page "
		    "with words of no consequence at all.", i);
		if (i == k || i == m)
			buf_puts(&b, "[^a]");
		buf_puts(&b, "\n\n");
	}
	buf_printf(&b, "[^a]: %s\n", note);
	return b.data;
}

/* A note of three lines called for twice: set once, on the page of the
 * first call, below the last body line (a line's height below its
 * baseline) and above the footer. */
static void
short_note(void)
{
	struct style	*st = style_load(NULL);
	struct doc	*d;
	char		*md = filler(60, 3, 50, "Anota. Its words run on and "
			    "on, taking three lines or so of the foot of the "
			    "page, in a smaller size than the text above.");
	struct lo_doc	*ld = fix_layout(md, st, &d);
	const struct lo_mark *n = mark(ld, "fn-a"), *r = mark(ld, "fnref-a");
	const struct lo_mark *r2 = mark(ld, "fnref-a-1");
	double		 btop, blow, ntop, nlow;
	int		 pages = 0;

	CHECK("short: marks for the note and both references", n && r && r2);
	CHECK("short: note on the page of its first reference",
	    n && r && n->page == r->page);
	CHECK("short: second reference on a later page", r && r2 &&
	    r2->page > r->page);
	for (size_t pg = 0; pg < ld->npages; pg++)
		pages += text_on(ld, pg, "Anota.");
	CHECK("short: the note is set once", pages == 1);
	extent(ld, (size_t)(n ? n->page : 0), 10.5, &btop, &blow);
	extent(ld, (size_t)(n ? n->page : 0), 10.5 * 0.8, &ntop, &nlow);
	CHECK("short: below the body's last line", ntop - 8.4 > blow);
	CHECK("short: above the footer", nlow < BOTTOM);
	layout_free(ld);
	doc_free(d);
	free(md);
	style_free(st);
}

/* A note longer than a page: it starts on its reference's page, goes on
 * under "(continued)" on the next, and the text goes on too. */
static void
long_note(void)
{
	struct style	*st = style_load(NULL);
	struct doc	*d;
	struct buf	 note;
	char		*md;
	struct lo_doc	*ld;
	const struct lo_mark *n, *r;
	struct lo_op	 o;
	double		 top, low;
	int		 cont;

	buf_init(&note);
	buf_puts(&note, "Alonga");
	for (int i = 0; i < 3000; i++)
		buf_puts(&note, " word");
	md = filler(40, 10, -1, note.data);
	ld = fix_layout(md, st, &d);
	n = mark(ld, "fn-a");
	r = mark(ld, "fnref-a");
	CHECK("long: note begins on the page of its reference",
	    n && r && n->page == r->page);
	cont = n && (size_t)n->page + 1 < ld->npages && fix_find(ld,
	    (size_t)n->page + 1, "(continued)", &o);
	CHECK("long: it goes on under (continued)", cont);
	if (cont)
		extent(ld, (size_t)n->page + 1, 10.5, &top, &low);
	CHECK("long: the next page has text above the rest of the note",
	    cont && low > 0 && low < o.y);
	extent(ld, ld->npages - 1, 10.5 * 0.8, &top, &low);
	CHECK("long: never below the body's area", low < BOTTOM);
	layout_free(ld);
	doc_free(d);
	free(md);
	buf_free(&note);
	style_free(st);
}

int
main(void)
{
	diag_quiet = 1;
	short_note();
	long_note();
	return check_failed;
}
