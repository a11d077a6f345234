/*
 * Unit tests: the Knuth-Plass line breaker on paragraphs built by hand,
 * whose breaks were worked out on paper.
 *
 * Every word is a box 10 wide; every space is glue 5 wide that may
 * stretch by 3 and shrink by 2.  A line of k words is 15k - 5 wide and
 * has k - 1 spaces, so at a width of 50 a justified line of 4 words
 * (55, shrunk by 5 of its 6) has the ratio -5/6 and one of 3 words (40,
 * stretched by 10 of its 6) the ratio 5/3, beyond the first pass's 1.5:
 * ten words break 4 + 4 + 2.  Ragged text is scored against a stretch of
 * a quarter of the width (12.5) and cannot shrink, so 3 words (ratio
 * 10/12.5 = 0.8) fit and 4 do not: ten words break 3 + 3 + 3 + 1.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "pdf/layout/items.h"
#include "pdf/layout/linebreak.h"
#include "pdf/layout/params.h"

static struct lo_item *
push(struct lo_par *p, int type)
{
	struct lo_item *it;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->it = xrealloc(p->it, p->cap * sizeof(*p->it));
	}
	it = &p->it[p->n++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	return it;
}

static void
word(struct lo_par *p, double w)
{
	push(p, IT_BOX)->w = w;
}

static void
glue(struct lo_par *p, double w, double st, double sh)
{
	struct lo_item *g = push(p, IT_GLUE);

	g->w = w;
	g->st = st;
	g->sh = sh;
}

static void
space(struct lo_par *p)
{
	glue(p, 5, 3, 2);
}

/* The end of a paragraph or a hard break: glue that fills the line,
 * then a break that must be taken. */
static void
end_line(struct lo_par *p)
{
	push(p, IT_GLUE)->st = LO_INF;
	push(p, IT_PEN)->pen = -PEN_INF;
}

/* n words of width 10 with spaces between. */
static void
words(struct lo_par *p, int n)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			space(p);
		word(p, 10);
	}
}

static size_t	 nbrk;
static size_t	*brk;
static double	*ratio;

static void
run(struct kp_state *k, const struct lo_par *p, double width, int ragged)
{
	free(brk);
	free(ratio);
	nbrk = kp_break(k, p, width, ragged, &brk, &ratio);
}

/* The breaks are exactly want[0..n). */
static int
breaks_are(const size_t *want, size_t n)
{
	if (nbrk != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (brk[i] != want[i])
			return 0;
	return 1;
}

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

int
main(void)
{
	struct kp_state	*k = kp_new();
	struct lo_par	 p = { NULL, 0, 0 };

	/* Ten words: word i is item 2i, the space after it item 2i + 1,
	 * the final glue 19 and the final break 20. */
	words(&p, 10);
	end_line(&p);

	run(k, &p, 50, 0);
	CHECK("justified: ten words break 4 + 4 + 2",
	    breaks_are((const size_t[]){ 7, 15, 20 }, 3));
	CHECK("justified: full lines shrink by 5/6",
	    nbrk == 3 && near(ratio[0], -5.0 / 6) && near(ratio[1], -5.0 / 6));
	CHECK("justified: the last line is set loose, not stretched",
	    nbrk == 3 && ratio[2] >= 0 && ratio[2] < 1e-6);

	run(k, &p, 50, 1);
	CHECK("ragged: ten words break 3 + 3 + 3 + 1",
	    breaks_are((const size_t[]){ 5, 11, 17, 20 }, 4));
	CHECK("ragged: each full line falls 10 short, ratio 0.8",
	    nbrk == 4 && near(ratio[0], 0.8) && near(ratio[1], 0.8) &&
	    near(ratio[2], 0.8));

	/* At 40 three words fit exactly (ratio 0), justified or not. */
	run(k, &p, 40, 0);
	CHECK("justified at a width that fits 3 words exactly",
	    breaks_are((const size_t[]){ 5, 11, 17, 20 }, 4) &&
	    near(ratio[0], 0) && near(ratio[1], 0) && near(ratio[2], 0));

	/* Total fit: "15 30 25 5 5 5" with spaces that stretch by 5, at
	 * 50.  The first two words fill a line exactly.  The other four
	 * would fit one line 55 wide shrunk by 5 of its 6 (ratio -5/6,
	 * badness 100 (5/6)^3 = 58, demerits (10 + 58)^2 = 4606); set as
	 * "25 5 5" stretched by 5 of 10 (ratio 0.5, badness 12.5,
	 * demerits 506) and "5" alone (100) they cost 606.  So three
	 * lines, though two would do. */
	p.n = 0;
	word(&p, 15);
	glue(&p, 5, 5, 2);
	word(&p, 30);
	for (int i = 0; i < 4; i++) {
		glue(&p, 5, 5, 2);
		word(&p, i == 0 ? 25 : 5);
	}
	end_line(&p);
	run(k, &p, 50, 0);
	CHECK("total fit: a loose line and a short one beat a tight one",
	    breaks_are((const size_t[]){ 3, 9, 12 }, 3) &&
	    near(ratio[0], 0) && near(ratio[1], 0.5));

	/* A hard break: two words, a forced break, two words.  Items:
	 * 0 box, 1 glue, 2 box, 3 fill, 4 forced break, 5 box, 6 glue,
	 * 7 box, 8 fill, 9 final break. */
	p.n = 0;
	words(&p, 2);
	end_line(&p);
	words(&p, 2);
	end_line(&p);
	run(k, &p, 50, 0);
	CHECK("a forced break is taken, though the line is short",
	    breaks_are((const size_t[]){ 4, 9 }, 2));

	/* A box wider than the measure: no line can hold it, so the
	 * second pass forces a line for it alone (ratio -1 marks a forced
	 * line), and the words around it get lines of their own.  Items:
	 * 0 box, 1 glue, 2 the wide box, 3 glue, 4 box, 5 fill, 6 end. */
	p.n = 0;
	word(&p, 10);
	space(&p);
	word(&p, 80);
	space(&p);
	word(&p, 10);
	end_line(&p);
	run(k, &p, 50, 0);
	CHECK("an overfull box gets a forced line of its own",
	    breaks_are((const size_t[]){ 1, 3, 6 }, 3) && ratio[1] == -1);

	/* A hyphenation point: a flagged penalty whose width is the
	 * hyphen's.  "aaaaa-bbbbb ccc" at width 30: the whole of the first
	 * word (30) fills the line exactly, so the break goes after it,
	 * not at the hyphen (a line of 15 + 2 = 17 could not stretch). */
	p.n = 0;
	word(&p, 15);
	{
		struct lo_item *h = push(&p, IT_PEN);

		h->pen = HYPH_PEN;
		h->flag = 1;
		h->w = 2;
	}
	word(&p, 15);
	space(&p);
	word(&p, 10);
	end_line(&p);
	run(k, &p, 30, 0);
	CHECK("a hyphenation point is not taken when the word fits",
	    breaks_are((const size_t[]){ 3, 6 }, 2));
	run(k, &p, 17, 0);
	/* At 17 "aaaaa-" fills a line exactly; the rest cannot share one
	 * (30 wide, shrinking by 2), so the second pass gives "bbbbb" and
	 * "ccc" a line each. */
	CHECK("a hyphenation point is taken when the word cannot fit",
	    breaks_are((const size_t[]){ 1, 3, 6 }, 3) && near(ratio[0], 0));

	free(brk);
	free(ratio);
	free(p.it);
	kp_free(k);
	return check_failed;
}
