/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the bidi levels of a paragraph's items and the visual
 * order of a line (src/pdf/layout/bidi.c), on paragraphs built by hand.
 * Every glyph is half an em wide (5 points at 10 pt), so a split box's
 * pieces have widths known in advance.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "model/doc.h"
#include "pdf/layout/bidi.h"
#include "pdf/layout/context.h"
#include "pdf/layout/inline.h"
#include "pdf/layout/layout.h"
#include "pdf/layout/metrics.h"

static int
half_em(void *ctx, int face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	(void)cp;
	return 500;
}

static struct lo_ctx	 c;
static struct lo_par	 p;

/* A paragraph of words separated by single spaces, as inline.c makes
 * it: a box per word, a glue per space. */
static void
words(const char *s)
{
	par_init(&p);
	while (*s != '\0') {
		size_t n = strcspn(s, " ");
		struct lo_item *b = par_push(&p, IT_BOX);

		b->s = s;
		b->len = n;
		b->size = 10;
		b->w = lo_text_width(c.widths, 0, 10, s, n);
		s += n;
		if (*s == ' ') {
			struct lo_item *g = par_push(&p, IT_GLUE);

			g->w = 5;
			s++;
		}
	}
}

static int
levels_are(const int *want, size_t n)
{
	if (p.n != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p.it[i].level != want[i])
			return 0;
	return 1;
}

static int
order_is(const int *level, size_t n, const size_t *want)
{
	size_t got[16];

	bidi_order(level, n, got);
	return memcmp(got, want, n * sizeof(*got)) == 0;
}

static void
test_order(void)
{
	static const int rtl[] = { 1, 1, 1 }, mixed[] = { 1, 2, 2, 1 },
	    ltr[] = { 0, 1, 1, 0 }, flat[] = { 0, 0, 0 };
	static const size_t rtl_o[] = { 2, 1, 0 }, mixed_o[] = { 3, 1, 2, 0 },
	    ltr_o[] = { 0, 2, 1, 3 }, flat_o[] = { 0, 1, 2 };

	CHECK("order-rtl-reversed", order_is(rtl, 3, rtl_o));
	CHECK("order-ltr-run-kept-inside-rtl", order_is(mixed, 4, mixed_o));
	CHECK("order-rtl-run-inside-ltr", order_is(ltr, 4, ltr_o));
	CHECK("order-ltr-untouched", order_is(flat, 3, flat_o));
}

static void
test_levels(void)
{
	/* "2024 world" inside right-to-left text: two runs at level 2,
	 * the space between them at 1 (a number is R to a neutral, N1). */
	static const int rtl[] = { 1, 1, 2, 1, 2 };
	static const int ltr[] = { 0, 0, 0, 0, 1, 1, 1, 0, 0 };

	c.rtl = 1;
	words("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d 2024 world");
	CHECK("levels-rtl-base", bidi_levels(&c, &p) == 1);
	CHECK("levels-rtl-numbers-latin", levels_are(rtl, 5));
	par_free(&p);

	/* A box with a Hebrew word and digits is split where they meet. */
	words("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d" "123");
	bidi_levels(&c, &p);
	CHECK("levels-split-box", p.n == 2 && p.it[0].level == 1 &&
	    p.it[1].level == 2 && p.it[0].len == 8 && p.it[1].len == 3 &&
	    p.it[0].w == 20 && p.it[1].w == 15);
	par_free(&p);

	/* Left to right with a Hebrew pair inside. */
	c.rtl = 0;
	c.dir_auto = 0;
	words("a b \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\x90 c");
	CHECK("levels-ltr-base", bidi_levels(&c, &p) == 0);
	CHECK("levels-ltr-hebrew-pair", levels_are(ltr, 9));
	par_free(&p);

	/* Plain English: nothing to do, in any mode. */
	c.dir_auto = 1;
	words("plain English text");
	CHECK("levels-plain-skipped", bidi_levels(&c, &p) == -1 &&
	    p.it[0].level == 0);
	par_free(&p);

	/* Auto: the first strong character decides. */
	words("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d then English");
	CHECK("levels-auto-first-strong-rtl", bidi_levels(&c, &p) == 1);
	par_free(&p);
	words("English then \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
	CHECK("levels-auto-first-strong-ltr", bidi_levels(&c, &p) == 0);
	par_free(&p);

	/* A block may ask for a direction whatever the document's. */
	words("English then \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
	p.dir = DIR_RTL;
	CHECK("levels-block-asks-rtl", bidi_levels(&c, &p) == 1);
	par_free(&p);
}

int
main(void)
{
	struct lo_metrics m;

	memset(&m, 0, sizeof(m));
	m.advance = half_em;
	memset(&c, 0, sizeof(c));
	c.widths = widths_new(&m);
	test_order();
	test_levels();
	widths_free(c.widths);
	return check_failed;
}
