/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bidi.c - the Unicode bidirectional algorithm for the paragraph code.
 *
 * FriBidi resolves the levels (UAX #9 up to rule I2) on the paragraph's
 * logical text, once, before linebreak.c chooses the lines: a level
 * does not depend on where the lines break, only the visual order does.
 * parset.c then orders each line's items by rule L2 (bidi_order).
 *
 * Whole boxes are ordered, never characters: the letters inside a
 * right-to-left box are put in visual order by the shaper, which also
 * mirrors brackets (L4).  Spaces between words are glue, and a glue
 * takes the level FriBidi gives the space it stands for.
 */
#include <fribidi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "model/doc.h"
#include "context.h"
#include "util/diag.h"
#include "inline.h"
#include "items.h"
#include "layout.h"
#include "metrics.h"
#include "util/utf8.h"

/* The next code point; a byte that is not UTF-8 counts as U+FFFD, so
 * the text and the levels stay in step whatever the box holds. */
static size_t
next_cp(const char *s, size_t len, uint32_t *cp)
{
	size_t k = utf8_decode(s, len, cp);

	if (k == 0) {
		*cp = 0xFFFD;
		k = 1;
	}
	return k;
}

/* Whether any character calls for the algorithm: a right-to-left letter
 * or an explicit embedding, override or isolate.  Most paragraphs are
 * ASCII and are passed over at a byte compare each. */
static int
needs_bidi(const struct lo_par *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];
		size_t k;

		if (it->type != IT_BOX)
			continue;
		for (size_t j = 0; j < it->len; j += k) {
			uint32_t cp;
			FriBidiCharType t;

			k = 1;
			if ((unsigned char)it->s[j] < 0x80)
				continue;
			k = next_cp(it->s + j, it->len - j, &cp);
			t = fribidi_get_bidi_type(cp);
			if (FRIBIDI_IS_RTL(t) || FRIBIDI_IS_EXPLICIT(t) ||
			    FRIBIDI_IS_ISOLATE(t))
				return 1;
		}
	}
	return 0;
}

/* The paragraph's text as FriBidi reads it: each box's characters and
 * one space for each glue (a hard break too: U+2028 is white space as
 * well).  Returns the count. */
static size_t
par_text(const struct lo_par *p, FriBidiChar *text)
{
	size_t n = 0, k;

	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_GLUE)
			text[n++] = ' ';
		else if (it->type == IT_BOX)
			for (size_t j = 0; j < it->len; j += k) {
				uint32_t cp;

				k = next_cp(it->s + j, it->len - j, &cp);
				text[n++] = cp;
			}
	}
	return n;
}

/*
 * Code in running text (`~/.config/`, `a->b`) is left-to-right whatever
 * it holds: its characters count as strong left-to-right, so inside
 * Arabic or Hebrew a path keeps its order, as it does in an editor.
 * Code is known by its face, the mono family's.
 */
static void
code_is_ltr(const struct lo_par *p, FriBidiCharType *types,
    FriBidiBracketType *brackets)
{
	size_t n = 0, k;

	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];
		int code = it->type == IT_BOX && it->face < LO_NFACES &&
		    it->face / 4 == FAM_MONO;

		if (it->type == IT_GLUE)
			n++;
		else if (it->type == IT_BOX)
			for (size_t j = 0; j < it->len; j += k, n++) {
				uint32_t cp;

				k = next_cp(it->s + j, it->len - j, &cp);
				if (code) {
					types[n] = FRIBIDI_TYPE_LTR;
					brackets[n] = FRIBIDI_NO_BRACKET;
				}
			}
	}
}

/* A piece [from, to) of box b at level onto q, measured again unless it
 * is the whole box. */
static void
push_piece(const struct lo_ctx *c, struct lo_par *q, const struct lo_item *b,
    size_t from, size_t to, int level)
{
	struct lo_item *it = par_push(q, IT_BOX);

	*it = *b;
	it->level = level;
	if (from == 0 && to == b->len)
		return;
	it->s = b->s + from;
	it->len = to - from;
	it->w = lo_text_width(c->widths, b->face, b->size, it->s, it->len);
}

/* Give every item its level: a glue its space's, a penalty or an empty
 * box (an anchor) the level before it.  A box is split wherever its
 * characters' levels change, with no break between the pieces. */
static void
assign(const struct lo_ctx *c, struct lo_par *p, const FriBidiLevel *lv,
    int base)
{
	struct lo_par	q;
	size_t		k = 0, step;
	int		prev = base;

	par_init(&q);
	q.dir = p->dir;
	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];
		size_t from = 0;
		int l0;

		if (it->type == IT_GLUE) {
			*par_push(&q, IT_GLUE) = *it;
			q.it[q.n - 1].level = lv[k++];
			continue;
		}
		if (it->type != IT_BOX || it->len == 0) {
			*par_push(&q, it->type) = *it;
			q.it[q.n - 1].level = prev;
			continue;
		}
		l0 = lv[k];
		for (size_t j = 0; j < it->len; j += step, k++) {
			uint32_t cp;

			step = next_cp(it->s + j, it->len - j, &cp);
			if (lv[k] == l0)
				continue;
			push_piece(c, &q, it, from, j, l0);
			from = j;
			l0 = lv[k];
		}
		push_piece(c, &q, it, from, it->len, l0);
		prev = l0;
	}
	free(p->it);
	*p = q;
}

int
bidi_levels(const struct lo_ctx *c, struct lo_par *p)
{
	int		 dir = p->dir, level;
	size_t		 max = 0, n;
	FriBidiChar	*text;
	FriBidiCharType	*types;
	FriBidiBracketType *brackets;
	FriBidiLevel	*lv;
	FriBidiParType	 base;

	if (dir == DIR_DOC)
		dir = c->rtl ? DIR_RTL : c->dir_auto ? DIR_AUTO : DIR_LTR;
	if (dir != DIR_RTL && !needs_bidi(p))
		return -1;
	for (size_t i = 0; i < p->n; i++)
		max += p->it[i].type == IT_BOX ? p->it[i].len : 1;
	text = xmalloc((max + 1) * sizeof(*text));
	types = xmalloc((max + 1) * sizeof(*types));
	brackets = xmalloc((max + 1) * sizeof(*brackets));
	lv = xmalloc((max + 1) * sizeof(*lv));
	n = par_text(p, text);
	base = dir == DIR_RTL ? FRIBIDI_PAR_RTL : dir == DIR_LTR ?
	    FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
	fribidi_get_bidi_types(text, (FriBidiStrIndex)n, types);
	fribidi_get_bracket_types(text, (FriBidiStrIndex)n, types, brackets);
	code_is_ltr(p, types, brackets);
	if (n == 0 || fribidi_get_par_embedding_levels_ex(types, brackets,
	    (FriBidiStrIndex)n, &base, lv) == 0) {
		/* Nothing to resolve (or no memory in FriBidi): the base
		 * level throughout. */
		if (base == FRIBIDI_PAR_ON)
			base = FRIBIDI_PAR_LTR;
		memset(lv, FRIBIDI_DIR_TO_LEVEL(base), n * sizeof(*lv));
	}
	level = FRIBIDI_DIR_TO_LEVEL(base);
	assign(c, p, lv, level);
	free(text);
	free(types);
	free(brackets);
	free(lv);
	return level;
}

void
bidi_order(const int *level, size_t n, size_t *order)
{
	int	 hi = 0, lo = 1000;
	size_t	 i, j, a, b, t;

	for (i = 0; i < n; i++) {
		order[i] = i;
		if (level[i] > hi)
			hi = level[i];
		if ((level[i] & 1) && level[i] < lo)
			lo = level[i];
	}
	for (int l = hi; l >= lo; l--)
		for (i = 0; i < n; i = j) {
			if (level[order[i]] < l) {
				j = i + 1;
				continue;
			}
			for (j = i; j < n && level[order[j]] >= l; j++)
				;
			for (a = i, b = j - 1; a < b; a++, b--) {
				t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
		}
}

int
bidi_source_dir(const struct node *n)
{
	switch (doc_dir(n)) {
	case TD_LTR:
		return DIR_LTR;
	case TD_RTL:
		return DIR_RTL;
	case TD_AUTO:
		return DIR_AUTO;
	default:
		return DIR_DOC;
	}
}
