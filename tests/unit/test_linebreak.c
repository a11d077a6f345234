/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the Knuth-Plass line breaker on paragraphs built by hand,
 * whose breaks were worked out on paper.
 *
 * A paragraph is written as tokens (see para()): "10" a box 10 wide,
 * "_" a space (glue 5 wide that may stretch by 3 and shrink by 2), "~"
 * a looser space (stretch 5), "c" a space in code (stretch 1, shrink
 * 2: it stretches less than a word space), "-" a hyphenation point (a hyphen 2
 * wide), "|" the end of a line (glue that fills it and a forced break).
 * Items are numbered from 0 in the order written.
 *
 * With words 10 wide and "_" spaces a line of k words is 15k - 5 wide
 * and has k - 1 spaces, so at a width of 50 a justified line of 4 words
 * (55, shrunk by 5 of its 6) has the ratio -5/6 and one of 3 words (40,
 * stretched by 10 of its 6) the ratio 5/3, beyond the first pass's 1.5:
 * ten words break 4 + 4 + 2.  Ragged text is scored against a stretch of
 * a quarter of the width (12.5) and cannot shrink, so 3 words (ratio
 * 10/12.5 = 0.8) fit and 4 do not: ten words break 3 + 3 + 3 + 1.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "pdf/layout/inline.h"
#include "pdf/layout/linebreak.h"
#include "pdf/layout/params.h"

#define TEN_WORDS	"10 _ 10 _ 10 _ 10 _ 10 _ 10 _ 10 _ 10 _ 10 _ 10 |"

static struct kp_state	*k;
static struct lo_par	 p;
static size_t		 nbrk;
static size_t		*brk;
static double		*ratio;
static double		*expand;	/* each line's glyph expansion */

static void
glue(double w, double st, double sh)
{
	struct lo_item *g = par_push(&p, IT_GLUE);

	g->w = w;
	g->st = st;
	g->sh = sh;
}

/* Replace the paragraph by the one spec describes. */
static void
para(const char *spec)
{
	struct lo_item *it;
	char *end;

	p.n = 0;
	for (const char *s = spec; *s != '\0'; s++) {
		if (*s == '_')
			glue(5, 3, 2);
		else if (*s == '~')
			glue(5, 5, 2);
		else if (*s == 'c') {
			glue(5, 1, 2);
			p.it[p.n - 1].code = 1;
		}
		else if (*s == '|') {
			glue(0, LO_INF, 0);
			par_push(&p, IT_PEN)->pen = -PEN_INF;
		} else if (*s == '-') {
			it = par_push(&p, IT_PEN);
			it->pen = HYPH_PEN;
			it->flag = 1;
			it->w = 2;
		} else if (*s >= '0' && *s <= '9') {
			par_push(&p, IT_BOX)->w = strtod(s, &end);
			s = end - 1;
		}
	}
}

/* Break the paragraph; the breaks must be exactly want[0..n). */
static int
breaks(double width, int ragged, const size_t *want, size_t n)
{
	nbrk = kp_break(k, &p, width, ragged, &brk, &ratio, &expand);
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

/* A random paragraph of up to 12 words, some with spaces of code,
 * hyphenation points, penalties that invite a break (negative) and hard
 * line breaks, whose words may end with a hyphen. */
static void
random_para(unsigned *seed)
{
	static const char *const word[] = { "ab", "ab-" };
	int nw = 1 + (int)(rand_r(seed) % 12);

	p.n = 0;
	for (int i = 0; i < nw; i++) {
		struct lo_item *b = par_push(&p, IT_BOX);

		b->w = 3 + rand_r(seed) % 40;
		b->s = word[rand_r(seed) % 8 == 0];
		b->len = b->s[2] == '-' ? 3 : 2;
		if (rand_r(seed) % 5 == 0) {
			struct lo_item *h = par_push(&p, IT_PEN);

			h->pen = rand_r(seed) % 4 == 0 ? -50 : HYPH_PEN;
			h->flag = 1;
			h->w = 2;
			par_push(&p, IT_BOX)->w = 3 + rand_r(seed) % 20;
		}
		if (i + 1 == nw)
			break;
		if (rand_r(seed) % 15 == 0) {
			glue(0, LO_INF, 0);
			par_push(&p, IT_PEN)->pen = -PEN_INF;
		} else if (rand_r(seed) % 3 == 0) {
			glue(5, 1, 2);
			p.it[p.n - 1].code = 1;
		} else
			glue(5, 3, 2);
	}
	glue(0, LO_INF, 0);
	par_push(&p, IT_PEN)->pen = -PEN_INF;
}

/* The breaker as kp_break sets it, then with the full passes only: the
 * breaks, ratios and expansions must be the same to the bit. */
static int
same_as_full(double width, int ragged, int *one)
{
	size_t	*b2, n2, b1[64];
	double	*r2, *e2, r1[64], e1[64];
	int	 same;

	/* The state's arrays are overwritten by the next call. */
	nbrk = kp_break(k, &p, width, ragged, &brk, &ratio, &expand);
	for (size_t i = 0; i < nbrk && i < 64; i++) {
		b1[i] = brk[i];
		r1[i] = ratio[i];
		e1[i] = expand[i];
	}
	kp_set_full(k, 1);
	n2 = kp_break(k, &p, width, ragged, &b2, &r2, &e2);
	kp_set_full(k, 0);
	same = n2 == nbrk && n2 <= 64;
	for (size_t i = 0; same && i < n2; i++)
		same = b1[i] == b2[i] && r1[i] == r2[i] && e1[i] == e2[i];
	*one += nbrk == 1;
	return same;
}

/* The shortcut for a paragraph of one line against the full passes, on
 * random paragraphs at several measures, justified, expanded and
 * ragged. */
static void
check_one_line_shortcut(void)
{
	unsigned seed = 36;
	int	 bad = 0, one = 0, tried = 0;

	for (int i = 0; i < 4000; i++) {
		random_para(&seed);
		for (double w = 20; w <= 400; w *= 1.7) {
			kp_set_expansion(k, i % 2 ? 0.02 : 0);
			bad += !same_as_full(w, i % 3 == 0, &one);
			tried++;
		}
	}
	kp_set_expansion(k, 0);
	CHECK("one line: the shortcut breaks as the full passes do",
	    bad == 0);
	CHECK("one line: many of the paragraphs tried fit on one",
	    one > tried / 5 && one < tried);
}

int
main(void)
{
	k = kp_new();
	par_init(&p);

	/* Word i is item 2i, the space after it 2i + 1; the final break is
	 * item 20. */
	para(TEN_WORDS);
	CHECK("justified: ten words break 4 + 4 + 2",
	    breaks(50, 0, (const size_t[]){ 7, 15, 20 }, 3));
	CHECK("justified: full lines shrink by 5/6",
	    near(ratio[0], -5.0 / 6) && near(ratio[1], -5.0 / 6));
	CHECK("justified: the last line is set loose, not stretched",
	    ratio[2] >= 0 && ratio[2] < 1e-6);
	CHECK("ragged: ten words break 3 + 3 + 3 + 1",
	    breaks(50, 1, (const size_t[]){ 5, 11, 17, 20 }, 4));
	CHECK("ragged: each full line falls 10 short, ratio 0.8",
	    near(ratio[0], 0.8) && near(ratio[1], 0.8) &&
	    near(ratio[2], 0.8));
	/* At 40 three words fit exactly, justified or not. */
	CHECK("justified at a width that fits 3 words exactly",
	    breaks(40, 0, (const size_t[]){ 5, 11, 17, 20 }, 4) &&
	    near(ratio[0], 0) && near(ratio[1], 0) && near(ratio[2], 0));

	/* Total fit: "15 30 25 5 5 5" with "~" spaces, at 50.  The first
	 * two words fill a line exactly.  The other four would fit one
	 * line 55 wide shrunk by 5 of its 6 (ratio -5/6, badness
	 * 100 (5/6)^3 = 58, demerits (10 + 58)^2 = 4606); set as "25 5 5"
	 * stretched by 5 of 10 (ratio 0.5, badness 12.5, demerits 506) and
	 * "5" alone (100) they cost 606.  So three lines, not two. */
	para("15 ~ 30 ~ 25 ~ 5 ~ 5 ~ 5 |");
	CHECK("total fit: a loose line and a short one beat a tight one",
	    breaks(50, 0, (const size_t[]){ 3, 9, 12 }, 3) &&
	    near(ratio[0], 0) && near(ratio[1], 0.5));

	/* A hard break after two words is taken though the line is
	 * short: items 3 and 4 are its fill and break. */
	para("10 _ 10 | 10 _ 10 |");
	CHECK("a forced break is taken, though the line is short",
	    breaks(50, 0, (const size_t[]){ 4, 9 }, 2));

	/* A box wider than the measure: no line can hold it, so the
	 * second pass forces a line for it alone (ratio -1 marks a forced
	 * line), and the words around it get lines of their own. */
	para("10 _ 80 _ 10 |");
	CHECK("an overfull box gets a forced line of its own",
	    breaks(50, 0, (const size_t[]){ 1, 3, 6 }, 3) && ratio[1] == -1);

	/* "aaaaa-bbbbb ccc": at 30 the whole first word fills the line
	 * exactly, so the break goes after it, not at the hyphen (a line
	 * of 15 + 2 = 17 could not stretch).  At 17 "aaaaa-" fills a line
	 * exactly and the rest cannot share one (30 wide, shrinking by 2):
	 * the second pass gives "bbbbb" and "ccc" a line each. */
	para("15 - 15 _ 10 |");
	CHECK("a hyphenation point is not taken when the word fits",
	    breaks(30, 0, (const size_t[]){ 3, 6 }, 2));
	CHECK("a hyphenation point is taken when the word cannot fit",
	    breaks(17, 0, (const size_t[]){ 1, 3, 6 }, 3) &&
	    near(ratio[0], 0));

	/* A stub the first pass cannot avoid: "10 10 10 8-4" at 50.  With
	 * the hyphen the first line is 57 shrunk by 5 of its 6 (ratio
	 * -5/6) and leaves "4" alone on the last line, shorter than a fifth
	 * of the measure; without it "10 10 10" is stretched by 10 of 6
	 * (ratio 5/3, demerits (10 + 463)^2 = 224000), beyond the first
	 * pass's tolerance.  The second pass weighs the two, and the stub
	 * costs FINAL_STUB_DEM. */
	para("10 _ 10 _ 10 _ 8 - 4 |");
	CHECK("a stub is avoided by a line looser than the first pass takes",
	    breaks(50, 0, (const size_t[]){ 5, 10 }, 2) &&
	    near(ratio[0], 10.0 / 6));
	/* The same with room for the stub's line to be long enough: no
	 * stub, so the hyphen stays ("10 10 10 8-" / "4 _ 10 _ 10"). */
	para("10 _ 10 _ 10 _ 8 - 4 _ 10 _ 10 |");
	CHECK("a hyphen before a last line that is no stub is kept",
	    breaks(50, 0, (const size_t[]){ 7, 14 }, 2));

	/* Font expansion of 2 %: a line's boxes add 0.02 of their width to
	 * its stretch and shrink.  At 48.5 four words (55, 40 of them
	 * boxes) need 6.5 of shrink, more than their spaces' 6: without
	 * expansion ten words break 3 + 3 + 3 + 1 (each full line
	 * stretched by 8.5 of 6).  With it they have 6.8 (ratio -6.5/6.8,
	 * demerits (10 + 87)^2 each) and beat three lines of ratio 8.5/6.6
	 * (demerits (10 + 214)^2 each): 4 + 4 + 2, the glyphs narrowed by
	 * 0.02 of the ratio. */
	para(TEN_WORDS);
	CHECK("expansion off: ten words break 3 + 3 + 3 + 1 at 48.5",
	    breaks(48.5, 0, (const size_t[]){ 5, 11, 17, 20 }, 4) &&
	    near(expand[0], 0));
	kp_set_expansion(k, 0.02);
	CHECK("expansion: the shrink it adds lets four words share a line",
	    breaks(48.5, 0, (const size_t[]){ 7, 15, 20 }, 3) &&
	    near(ratio[0], -6.5 / 6.8) && near(expand[0], -0.02 * 6.5 / 6.8));
	CHECK("expansion: the last line is set as it is",
	    near(expand[2], 0));
	/* A line looser than a ratio of 1 keeps its glyphs at the bound
	 * and puts the rest into its spaces: "10 10 10" at 48.5 is 8.5
	 * short, the glyphs take 0.6 of it and the spaces 7.9 of their 6. */
	para("10 _ 10 _ 10 _ 30 |");
	CHECK("expansion: a loose line's glyphs stay at the bound",
	    breaks(48.5, 0, (const size_t[]){ 5, 8 }, 2) &&
	    near(expand[0], 0.02) && near(ratio[0], 7.9 / 6));
	/* Ragged text is never expanded. */
	para(TEN_WORDS);
	CHECK("expansion: never in ragged text",
	    breaks(50, 1, (const size_t[]){ 5, 11, 17, 20 }, 4) &&
	    near(expand[0], 0) && near(expand[1], 0));
	kp_set_expansion(k, 0);

	/* Spaces in code: six names of code at 50 break 3 + 3, each line
	 * 10 short.  Justified by its code spaces' stretch of 2 it would
	 * gape (ratio 5); such a line is scored and set ragged (ratio 0,
	 * against a stretch of 12.5), as is one whose word space stretches
	 * no more (3) than its code spaces (3): "10 10 10 10 10" at 74. */
	para("10 c 10 c 10 c 10 c 10 c 10 |");
	CHECK("code spaces: a line of code is set ragged",
	    breaks(50, 0, (const size_t[]){ 5, 12 }, 2) &&
	    near(ratio[0], 0));
	para("10 _ 10 c 10 c 10 c 10 c 10 c 10 |");
	CHECK("code spaces: a line mostly of code is set ragged",
	    breaks(74, 0, (const size_t[]){ 9, 14 }, 2) &&
	    near(ratio[0], 0));
	/* With more word spaces than code ones the line is justified, its
	 * code spaces shrinking as theirs do: "10 10 10 10" with two word
	 * spaces and one in code is 55 wide, 3 more than 52 of its 6. */
	para("10 _ 10 _ 10 c 10 _ 30 |");
	CHECK("code spaces: in a line of words they stretch, less",
	    breaks(52, 0, (const size_t[]){ 7, 10 }, 2) &&
	    near(ratio[0], -3.0 / 6));

	check_one_line_shortcut();

	par_free(&p);
	kp_free(k);
	return check_failed;
}
