/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: writing to a page's content stream behind the fence
 * (src/pdf/haru/harustream.c).  haru_page_write copies into libharu's
 * memory stream itself, so what it wrote is read back whole across the
 * stream's buffers; haru_page_fill_rect writes what libharu's
 * SetRGBFill, Rectangle and Fill write, byte for byte, over many
 * numbers, and leaves the page as they leave it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/haru/haru.h"

static int errors;

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)code;
	(void)detail;
	(void)data;
	errors++;
}

/* The page's content stream as it stands, NUL-terminated. */
static char *
contents(HPDF_Page page, size_t *len)
{
	struct haru_dict *c = haru_page_contents(page);
	char		 *b;

	*len = haru_stream_size(c);
	b = malloc(*len + 1);
	if (haru_stream_copy(c, (unsigned char *)b, *len) != 0)
		*len = 0;
	b[*len] = '\0';
	return b;
}

/* A value for the rectangle's numbers: whole, with decimals, rounding
 * edges, negative, tiny and out of libharu's range. */
static HPDF_REAL
value(unsigned i)
{
	static const double edge[] = { 0, 1, -1, 0.5, 0.000005, 0.0000049,
	    0.999995, 0.9999949, 123.456789, -0.00001, 32767, 32768, -40000,
	    1e9, 0.1, 0.2, 0.3, 841.89, 595.276, 17.999999 };

	if (i < sizeof(edge) / sizeof(edge[0]))
		return (HPDF_REAL)edge[i];
	srand(i);
	return (HPDF_REAL)((rand() % 2000000 - 1000000) / (double)(1 + rand() %
	    10000));
}

/* Two pages, one drawn by libharu's calls (pa), one by the fence's
 * (pb), compared as they go. */
struct twin {
	HPDF_Doc	 a, b;
	HPDF_Page	 pa, pb;
	int		 same_state;
};

static void
twin_new(struct twin *t)
{
	t->a = HPDF_New(on_error, NULL);
	t->b = HPDF_New(on_error, NULL);
	t->pa = HPDF_AddPage(t->a);
	t->pb = HPDF_AddPage(t->b);
	t->same_state = 1;
}

/* Colours for step i: every channel's value comes round. */
static void
colour(unsigned i, HPDF_REAL *r, HPDF_REAL *g, HPDF_REAL *b)
{
	*r = (HPDF_REAL)((i * 37) % 256 / 255.0f);
	*g = (HPDF_REAL)((i * 11) % 256 / 255.0f);
	*b = (HPDF_REAL)((i * 101) % 256 / 255.0f);
}

/* After a step: the two pages' graphics state (colours, position, line
 * width, mode) must be the same. */
static void
twin_step(struct twin *t)
{
	HPDF_RGBColor fa = HPDF_Page_GetRGBFill(t->pa);
	HPDF_RGBColor fb = HPDF_Page_GetRGBFill(t->pb);
	HPDF_RGBColor sa = HPDF_Page_GetRGBStroke(t->pa);
	HPDF_RGBColor sb = HPDF_Page_GetRGBStroke(t->pb);
	HPDF_Point qa = HPDF_Page_GetCurrentPos(t->pa);
	HPDF_Point qb = HPDF_Page_GetCurrentPos(t->pb);

	if (fa.r != fb.r || fa.g != fb.g || fa.b != fb.b ||
	    sa.r != sb.r || sa.g != sb.g || sa.b != sb.b ||
	    qa.x != qb.x || qa.y != qb.y ||
	    HPDF_Page_GetLineWidth(t->pa) != HPDF_Page_GetLineWidth(t->pb) ||
	    HPDF_Page_GetGMode(t->pa) != HPDF_Page_GetGMode(t->pb))
		t->same_state = 0;
}

/* The two content streams byte for byte, and the state kept alike. */
static void
twin_check(struct twin *t, const char *what, const char *calls)
{
	size_t	 la, lb;
	char	*ca = contents(t->pa, &la), *cb = contents(t->pb, &lb);
	char	 name[128];

	snprintf(name, sizeof(name), "%s: some bytes written", what);
	CHECK(name, la > 3000 * 10);
	snprintf(name, sizeof(name), "%s: the bytes libharu's %s write", what,
	    calls);
	CHECK(name, la == lb && memcmp(ca, cb, la) == 0);
	snprintf(name, sizeof(name),
	    "%s: the page's state as libharu's calls leave it", what);
	CHECK(name, t->same_state);
	free(ca);
	free(cb);
}

static void
twin_free(struct twin *t)
{
	HPDF_Free(t->a);
	HPDF_Free(t->b);
}

static void
fill_rects(void)
{
	struct twin t;

	twin_new(&t);
	for (unsigned i = 0; i < 3000; i++) {
		HPDF_REAL r, g, bl;
		HPDF_REAL x = value(i), y = value(i + 7), w = value(i + 13),
		    h = value(i + 3);

		colour(i, &r, &g, &bl);
		HPDF_Page_SetRGBFill(t.pa, r, g, bl);
		HPDF_Page_Rectangle(t.pa, x, y, w, h);
		HPDF_Page_Fill(t.pa);
		haru_page_fill_rect(t.pb, r, g, bl, x, y, w, h);
		twin_step(&t);
	}
	twin_check(&t, "fill_rect", "three calls");
	/* A page in a path already: libharu's calls, and their error. */
	HPDF_Page_MoveTo(t.pb, 1, 1);
	errors = 0;
	haru_page_fill_rect(t.pb, 0, 0, 0, 1, 2, 3, 4);
	CHECK("fill_rect: out of state reported as libharu reports it",
	    errors > 0);
	twin_free(&t);
}

static void
stroke_lines(void)
{
	struct twin t;

	twin_new(&t);
	for (unsigned i = 0; i < 3000; i++) {
		HPDF_REAL r, g, bl;
		HPDF_REAL lw = value(i + 5), x0 = value(i), y0 = value(i + 7),
		    x1 = value(i + 13), y1 = value(i + 3);

		colour(i, &r, &g, &bl);
		if (lw < 0)
			lw = -lw;
		HPDF_Page_SetRGBStroke(t.pa, r, g, bl);
		HPDF_Page_SetLineWidth(t.pa, lw);
		HPDF_Page_MoveTo(t.pa, x0, y0);
		HPDF_Page_LineTo(t.pa, x1, y1);
		HPDF_Page_Stroke(t.pa);
		haru_page_stroke_line(t.pb, r, g, bl, lw, x0, y0, x1, y1);
		twin_step(&t);
	}
	twin_check(&t, "stroke_line", "five calls");
	twin_free(&t);
}

static void
page_writes(void)
{
	HPDF_Doc	 pdf = HPDF_New(on_error, NULL);
	HPDF_Page	 page = HPDF_AddPage(pdf);
	size_t		 total = 0, got_len, sizes[] = { 1, 4095, 1, 4096, 4097,
			    10, 9000, 3, 20000, 4096, 0, 7 };
	char		*want = malloc(60000), *got;
	int		 rc = 0;

	errors = 0;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (size_t k = 0; k < sizes[i]; k++)
			want[total + k] = (char)('a' + (total + k) % 23);
		rc |= haru_page_write(page, want + total, sizes[i]);
		total += sizes[i];
	}
	got = contents(page, &got_len);
	CHECK("page_write: every write succeeded", rc == 0 && errors == 0);
	CHECK("page_write: the stream holds every byte in order, across "
	    "buffers", got_len == total && memcmp(got, want, total) == 0);
	free(got);
	free(want);
	HPDF_Free(pdf);
}

/* How often needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* A colour or width the page has already is not written again (a
 * listing's lines share a shade, a table's rules a colour and width),
 * and the page is left as libharu's calls leave it. */
static void
repeats(void)
{
	struct twin	 t;
	size_t		 len;
	char		*c;

	twin_new(&t);
	for (int i = 0; i < 3; i++) {
		HPDF_Page_SetRGBFill(t.pa, 0.5f, 0.25f, 1);
		HPDF_Page_Rectangle(t.pa, 10, 20 + i, 30, 4);
		HPDF_Page_Fill(t.pa);
		haru_page_fill_rect(t.pb, 0.5f, 0.25f, 1, 10, 20 + i, 30, 4);
		HPDF_Page_SetRGBStroke(t.pa, 0.5f, 0.5f, 0.5f);
		HPDF_Page_SetLineWidth(t.pa, 0.4f);
		HPDF_Page_MoveTo(t.pa, 1, 2 + i);
		HPDF_Page_LineTo(t.pa, 3, 2 + i);
		HPDF_Page_Stroke(t.pa);
		haru_page_stroke_line(t.pb, 0.5f, 0.5f, 0.5f, 0.4f, 1, 2 + i,
		    3, 2 + i);
		twin_step(&t);
	}
	/* A width of 1 on a fresh page is PDF's default already. */
	HPDF_Page_SetLineWidth(t.pa, 1);
	haru_page_stroke_line(t.pb, 0.5f, 0.5f, 0.5f, 1, 1, 9, 3, 9);
	c = contents(t.pb, &len);
	CHECK("repeats: a fill colour the page has is not written again",
	    count(c, " rg\n") == 1 && count(c, " re\nf\n") == 3);
	CHECK("repeats: nor a stroke colour or width",
	    count(c, " RG\n") == 1 && count(c, " w\n") == 2 &&
	    count(c, " l\nS\n") == 4);
	CHECK("repeats: the page's state as libharu's calls leave it",
	    t.same_state && HPDF_Page_GetLineWidth(t.pb) == 1);
	free(c);
	twin_free(&t);
}

int
main(void)
{
	fill_rects();
	stroke_lines();
	repeats();
	page_writes();
	return check_failed;
}
