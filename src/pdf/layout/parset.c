/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * parset.c - a paragraph's items set as lines: the breaks linebreak.c
 * chooses become vertical entries (vlist.h), each line a few display
 * operations, with its links, anchors and footnote references.
 *
 * Words wider than the measure (URLs, identifiers, a 120-letter word)
 * are cut into characters here, before the breaks are chosen,
 * preferring breaks after / . - _, so nothing is ever drawn outside the
 * column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "util/buf.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "model/style.h"
#include "inline.h"
#include "linebreak.h"
#include "metrics.h"
#include "params.h"
#include "parstate.h"
#include "pool.h"
#include "segment.h"
#include "util/utf8.h"
#include "vlist.h"

/* The piece [from, to) of box b, w wide, onto q after a break
 * opportunity (cheaper after / . - _). */
static void
cut_piece(struct lo_par *q, const struct lo_item *b, size_t from, size_t to,
    double w)
{
	struct lo_item *nb;

	if (q->n > 0 && q->it[q->n - 1].type == IT_BOX) {
		struct lo_item *pen = par_push(q, IT_PEN);
		const struct lo_item *last = &q->it[q->n - 2];
		/* An image's box has no text. */
		char prev = last->len > 0 ? last->s[last->len - 1] : ' ';

		pen->pen = strchr("/.-_?&=#", prev) ? SLASH_PEN : CHAR_PEN;
	}
	nb = par_push(q, IT_BOX);
	*nb = *b;
	nb->s = b->s + from;
	nb->len = to - from;
	nb->w = w;
}

/*
 * A shaped word too wide for the measure (Arabic, Devanagari in a narrow
 * column): cut into pieces as wide as a line, each measured shaped as a
 * whole, never inside a cluster (a letter and its marks), so each piece
 * keeps its joining and its width is the width drawn.
 */
static void
cut_shaped(const struct lo_ctx *c, struct lo_par *q, const struct lo_item *b,
    double width)
{
	size_t	k = 0, end, next;
	double	w, nw;

	while (k < b->len) {
		end = k + lo_cluster(b->s + k, b->len - k);
		w = lo_text_width(c->widths, b->face, b->size, b->s + k,
		    end - k);
		while (end < b->len) {
			next = end + lo_cluster(b->s + end, b->len - end);
			nw = lo_text_width(c->widths, b->face, b->size, b->s + k,
			    next - k);
			if (nw > width)
				break;
			w = nw;
			end = next;
		}
		cut_piece(q, b, k, end, w);
		k = end;
	}
}

/* A box of a word wider than the measure, onto q as a box per character
 * with a break opportunity between every two (cheaper after / . - _),
 * so that the word can be cut. */
static void
cut_box(const struct lo_ctx *c, struct lo_par *q, const struct lo_item *b,
    double width)
{
	size_t	 k = 0, step, end;
	uint32_t cp;
	double	 w, cw;
	/* A word many lines long (a pasted blob) is cut into pieces a line
	 * wide: a break after every character would cost an item each. */
	int	 greedy = b->w > LONG_WORD * width;

	if (b->image != NULL) {
		/* A picture is made smaller, never cut. */
		double scale = b->w > width ? width / b->w : 1;

		cut_piece(q, b, 0, 0, b->w * scale);
		q->it[q->n - 1].img_h *= scale;
		return;
	}
	if (lo_needs_shaping(b->s, b->len)) {
		cut_shaped(c, q, b, width);
		return;
	}
	while (k < b->len) {
		if ((step = utf8_decode(b->s + k, b->len - k, &cp)) == 0)
			step = 1;
		end = k + step;
		w = lo_text_width(c->widths, b->face, b->size, b->s + k, step);
		while (greedy && end < b->len) {
			if ((step = utf8_decode(b->s + end, b->len - end,
			    &cp)) == 0)
				step = 1;
			cw = lo_text_width(c->widths, b->face, b->size,
			    b->s + end, step);
			if (w + cw > width)
				break;
			w += cw;
			end += step;
		}
		cut_piece(q, b, k, end, w);
		k = end;
	}
}

/* Runs of boxes wider than width are cut (cut_box). */
static void
split_wide(const struct lo_ctx *c, struct lo_par *p, double width)
{
	struct lo_par	q;
	size_t		i = 0, j;
	double		run = 0;

	/* Most paragraphs have nothing to cut: leave them alone.  A table
	 * column is exactly as wide as its widest word, give or take the
	 * rounding of adding and taking off its padding, which is no
	 * reason to cut that word (or a word and its footnote marker). */
	width += FIT_SLACK;
	for (j = 0; j < p->n; j++) {
		if (p->it[j].type != IT_BOX)
			run = 0;
		else if ((run += p->it[j].w) > width)
			break;
	}
	if (j == p->n)
		return;
	par_init(&q);
	while (i < p->n) {
		if (p->it[i].type != IT_BOX) {
			*par_push(&q, p->it[i].type) = p->it[i];
			i++;
			continue;
		}
		run = 0;
		for (j = i; j < p->n && p->it[j].type == IT_BOX; j++)
			run += p->it[j].w;
		if (run <= width) {
			for (; i < j; i++)
				*par_push(&q, IT_BOX) = p->it[i];
			continue;
		}
		for (; i < j; i++)
			cut_box(c, &q, &p->it[i], width);
	}
	free(p->it);
	q.dir = p->dir;
	*p = q;
}

/*
 * Setting one line: the words of a run in one face, size, colour and
 * rise become a single text op, spaces included, with the advance the
 * justification gave each space in op->space.  The device then writes
 * one string per run (a copy or search sees whole lines) and the display
 * list holds a few ops per line instead of one per word.  The op's text
 * is gathered in text and stored once the run ends.
 */
struct line_setter {
	const struct lo_ctx *c;
	struct lo_ops	*ops;		/* the line's, in c->par->line */
	struct buf	*text;		/* text of the open run */
	long		 open;		/* its op index, or -1 */
	long		 lastlink;	/* the last link op, or -1 */
	double		 base, lineh;
	double		 size;		/* the paragraph's font size */
	float		 hscale;	/* the line's glyph scale, 0 for 1 */
	float		 track;		/* its letter spacing, points before
					   the glyph scale */
	int		 marked;	/* the last box drawn was marked */
	int		 anchors;	/* the line holds an anchor */
};

static void
close_run(struct line_setter *setter)
{
	const struct buf *text = setter->text;

	if (setter->open >= 0)
		setter->ops->op[setter->open].str = pool_strndup(
		    setter->c->pool, text->data ? text->data : "", text->len);
	setter->open = -1;
	buf_reset(setter->text);
}

/* A rule through or under a box, rise above the baseline (times the
 * size): strikethrough and underline. */
static void
rule_under(struct line_setter *setter, const struct lo_item *b, double x,
    double rise)
{
	struct lo_op *l = ops_push(setter->ops);

	l->type = LO_LINE;
	l->x = x;
	l->y = setter->base - b->size * rise;
	l->w = b->w;
	l->lw = b->size * STRIKE_WIDTH;
	l->rgb = b->rgb;
}

/* A highlight behind a marked box, reaching back over the space before
 * it when the box before was marked too; drawn before the text. */
static void
highlight(struct line_setter *setter, const struct lo_item *b, double x,
    double gap)
{
	struct lo_op *r;

	close_run(setter);
	r = ops_push(setter->ops);
	r->type = LO_RECT;
	r->x = setter->marked ? x - gap : x;
	r->w = b->w + (x - r->x);
	r->y = setter->base - b->size * ASCENT;
	r->h = b->size * MARK_HEIGHT;
	r->rgb = MARK_RGB;
}

/* The clickable area of a box that is a link, joined to the one of the
 * box before when both lead to the same place. */
static void
box_link(struct line_setter *setter, const struct lo_item *b, double x)
{
	struct lo_ops	*ops = setter->ops;
	/* An index, not a pointer: ops_push() may move the array. */
	struct lo_op	*l = setter->lastlink >= 0 ?
	    &ops->op[setter->lastlink] : NULL;

	if (l != NULL && l->str == b->link &&
	    x - (l->x + l->w) < LINK_JOIN * b->size)
		l->w = x + b->w - l->x;
	else {
		l = ops_push(ops);
		l->type = LO_LINK;
		l->x = x;
		l->y = 0;
		l->w = b->w;
		l->h = setter->lineh;
		l->str = b->link;
		/* In the Link its text is in; a picture's, around it. */
		l->tag = b->image != NULL && b->tagnode != NULL ?
		    b->tagnode->parent : b->tagnode;
		setter->lastlink = (long)(ops->n - 1);
	}
}

/* An inline image (inlineimage.c), its bottom rise above the baseline. */
static void
draw_image(struct line_setter *setter, const struct lo_item *b, double x)
{
	struct lo_op *o;

	close_run(setter);
	o = ops_push(setter->ops);
	o->type = LO_IMAGE;
	o->x = x;
	o->y = setter->base - b->rise - b->img_h;
	o->w = b->w;
	o->h = b->img_h;
	o->str = b->image;
	o->tag = b->tagnode;
	setter->marked = 0;
	if (b->link != NULL)
		box_link(setter, b, x);
}

/* Draw one box at x; gap is the space before it since the last box on
 * the line (0 when the two touch, as the parts of a hyphenated word). */
static void
draw_box(struct line_setter *setter, const struct lo_item *b, double x,
    double gap)
{
	struct lo_ops	*ops = setter->ops;
	struct lo_op	*o = setter->open >= 0 ? &ops->op[setter->open] : NULL;
	double		 dx = o ? x - (o->x + o->w) : 0;

	if (b->image != NULL) {
		draw_image(setter, b, x);
		return;
	}
	if (b->anchor != NULL) {
		o = ops_push(ops);
		o->type = LO_ANCHOR;
		o->x = x;
		o->str = b->anchor;
		setter->anchors = 1;
		return;
	}
	if (b->mark)
		highlight(setter, b, x, gap);
	if (o != NULL && !b->strike && !b->underline && !b->mark &&
	    o->face == b->face && o->tag == b->tagnode &&
	    o->size == b->size && o->rgb == b->rgb && o->lw == b->rise &&
	    !(b->level & 1) &&
	    dx - gap < 0.01 && dx - gap > -0.01 &&
	    (gap == 0 || o->space == 0 || fabs(o->space - gap) < 0.001)) {
		if (gap != 0) {
			buf_putc(setter->text, ' ');
			o->space = gap;
		}
		buf_put(setter->text, b->s, b->len);
		o->w = x + b->w - o->x;
	} else {
		close_run(setter);
		o = ops_push(ops);
		o->type = LO_TEXT;
		o->x = x;
		o->y = setter->base - b->rise;
		o->w = b->w;
		o->face = b->face;
		o->size = b->size;
		o->rgb = b->rgb;
		o->lw = b->rise;	/* only for merging */
		o->rtl = b->level & 1;
		o->tag = b->tagnode;
		o->hscale = setter->hscale;
		o->track = setter->track;
		buf_put(setter->text, b->s, b->len);
		setter->open = (long)(ops->n - 1);
		/* A rule is drawn per box; a right-to-left box is an op of
		 * its own, which the shaper turns as a whole and a merge
		 * would put in logical, not visual, order. */
		if (b->strike || b->underline || b->mark || (b->level & 1))
			close_run(setter);
	}
	setter->marked = b->mark;
	if (b->strike)
		rule_under(setter, b, x, STRIKE_RISE);
	if (b->underline)
		rule_under(setter, b, x, -UNDERLINE_DROP);
	if (b->link != NULL)
		box_link(setter, b, x);
}

/* The footnote references among items [s, b), onto the line's entry
 * (once each: a marker cut into characters has a box per character). */
static void
line_refs(const struct lo_ctx *c, struct lo_entry *e, const struct lo_par *p,
    size_t s, size_t b)
{
	size_t i, n = 0;

	for (i = s; i < b; i++)
		if (p->it[i].ref != NULL && (i == s ||
		    p->it[i - 1].ref != p->it[i].ref))
			n++;
	if (n == 0)
		return;
	e->refs = pool_alloc(c->pool, n * sizeof(*e->refs));
	for (i = s; i < b; i++)
		if (p->it[i].ref != NULL && (i == s ||
		    p->it[i - 1].ref != p->it[i].ref))
			e->refs[e->nrefs++] = p->it[i].ref;
}

/* Where a line of natural width nat starts in [x, x + width]: at the
 * left, or at the right of a right-to-left paragraph, whose last line
 * (and every ragged line) ends flush with the right edge. */
static double
line_start(double x, double width, double nat, int align, int rtl)
{
	if (align == AL_RIGHT || (rtl && align != AL_LEFT &&
	    align != AL_CENTER))
		return x + (width - nat);
	if (align == AL_CENTER)
		return x + (width - nat) / 2;
	return x;
}

/* Scratch for the visual order of a line's items in a paragraph with
 * right-to-left text (bidi.c): their levels, the order and the items. */
struct line_order {
	int	*lv;
	size_t	*ord, *src, *idx;
	int	 base;		/* the paragraph's level, or -1: no bidi */
};

/* The items [s, b) of a line, and b when it is the hyphen drawn at the
 * break, in the order they are drawn from the left (rule L2).  A hard
 * break's glue ends the line: it is at the paragraph's level (L1). */
static size_t
visual_order(const struct lo_par *p, size_t s, size_t b, int hyph,
    struct line_order *lo)
{
	size_t m = 0;

	for (size_t i = s; i < b + (hyph != 0); i++) {
		const struct lo_item *it = &p->it[i];

		lo->lv[m] = it->type == IT_GLUE && it->st >= LO_INF / 2 ?
		    lo->base : it->level;
		lo->src[m++] = i;
	}
	bidi_order(lo->lv, m, lo->ord);
	for (size_t k = 0; k < m; k++)
		lo->idx[k] = lo->src[lo->ord[k]];
	return m;
}

/* How far the inline images among items [s, b) reach above a line's
 * baseline beyond the base the text leaves them, and below it beyond
 * the rest of the line (0 and 0 for a line of text). */
static void
line_images(const struct lo_par *p, size_t s, size_t b, double base,
    double below, double *up, double *down)
{
	*up = *down = 0;
	for (size_t i = s; i < b; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type != IT_BOX || it->image == NULL)
			continue;
		if (it->img_h + it->rise - base > *up)
			*up = it->img_h + it->rise - base;
		if (-it->rise - below > *down)
			*down = -it->rise - below;
	}
}

/* The glyphs a box of plain text draws: one a character. */
static size_t
glyph_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The box it drawn on a line whose glyphs are scaled by 1 + e and
 * spaced t apart: a copy as wide as drawn in *tmp, or it itself (a
 * picture keeps its size). */
static const struct lo_item *
scaled_box(const struct lo_item *it, double e, double t,
    struct lo_item *tmp)
{
	if ((e == 0 && t == 0) || it->image != NULL)
		return it;
	*tmp = *it;
	tmp->w = it->w * (1 + e) + t * (double)glyph_count(it->s, it->len);
	return tmp;
}

/*
 * The emergency stretch of a justified line of items [s, b) whose
 * spaces would open beyond TRACK_FROM at ratio *r, its glyphs expanded
 * by *e (then at their bound): what the spaces take beyond TRACK_FROM
 * goes first to the glyphs, up to EMERGENCY_EXPAND times their bound,
 * then between them (hyph: and the hyphen drawn at the break), up to
 * track_max of size a glyph (pdf.tracking).  Returns that letter spacing; *r and *e
 * become what the spaces and glyphs keep.  Nothing changes on a line
 * with a picture or text that is shaped or set right to left (letters
 * joined, marks on them), which spacing would pull apart.
 */
static double
line_emergency(const struct lo_par *p, size_t s, size_t b, int hyph,
    double size, double track_max, double *r, double *e)
{
	double	st = 0, text = hyph ? p->it[b].w : 0, t, more;
	size_t	n = hyph != 0;

	for (size_t i = s; i < b; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_GLUE && it->st < LO_INF / 2)
			st += it->st;
		if (it->type != IT_BOX || it->len == 0)
			continue;
		if (it->image != NULL || it->level != 0 ||
		    lo_needs_shaping(it->s, it->len))
			return 0;
		n += glyph_count(it->s, it->len);
		text += it->w;
	}
	if (n < 2 || st <= 0)
		return 0;
	if (*e > 0) {
		more = (*r - TRACK_FROM) * st / text;
		if (more > *e * (EMERGENCY_EXPAND - 1))
			more = *e * (EMERGENCY_EXPAND - 1);
		*e += more;
		*r -= more * text / st;
	}
	t = (*r - TRACK_FROM) * st / (double)(n - 1);
	if (t > track_max * size)
		t = track_max * size;
	*r -= t * (double)(n - 1) / st;
	return t > 0 ? t : 0;
}

/* The last text op of the line so far, which the drawn hyphen ended. */
static void
mark_hyphen(struct lo_ops *ops)
{
	for (size_t i = ops->n; i-- > 0; )
		if (ops->op[i].type == LO_TEXT) {
			ops->op[i].hyphen = 1;
			return;
		}
}

/* Set the line of items [s, b) with adjustment ratio r of its spaces and
 * expansion e of its glyphs into setter's ops: the natural width first,
 * for the alignment, then each item from the left, in visual order when
 * the paragraph has right-to-left text. */
static void
set_line(struct line_setter *setter, const struct lo_par *p, size_t s,
    size_t b, double r, double e, double x, double width, int align,
    int ragged, struct line_order *lo)
{
	const struct lo_item *lastbox = NULL, *hbox = NULL;
	struct lo_item tmp;
	int	 hyph = p->it[b].type == IT_PEN && p->it[b].flag;
	double	 nat = 0, xx, gap = 0, t = 0;
	size_t	 i, k, m;

	if (ragged || align != AL_NONE || r > MAX_SET_RATIO || r < -1)
		r = e = 0;
	if (r > TRACK_FROM)
		t = line_emergency(p, s, b, hyph, setter->size,
		    setter->c->st->pdf.tracking / 1000, &r, &e);
	setter->hscale = e != 0 ? (float)(1 + e) : 0;
	/* Tc, which the glyphs' scale multiplies as it does them. */
	setter->track = (float)(t / (1 + e));
	for (i = s; i < b; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_BOX) {
			nat += scaled_box(it, e, t, &tmp)->w;
			hbox = it;
		} else if (it->type == IT_GLUE && it->st < LO_INF / 2)
			nat += it->w + (r >= 0 ? r * it->st : r * it->sh);
	}
	if (hyph)
		nat += p->it[b].w * (1 + e) + t;
	hyph = hyph && hbox != NULL;
	xx = line_start(x, width, nat, align, lo->base == 1);
	m = lo->base >= 0 ? visual_order(p, s, b, hyph, lo) : b - s + hyph;
	for (k = 0; k < m; k++) {
		const struct lo_item *it;

		i = lo->base >= 0 ? lo->idx[k] : s + k;
		it = &p->it[i];
		if (i == b) {
			/* The hyphen, in the face of the break's penalty and
			 * the format of the word it ends. */
			struct lo_item h = *hbox;

			h.s = "-";
			h.len = 1;
			h.w = it->w * (1 + e) + t;
			h.face = it->face;
			h.link = NULL;
			h.tagnode = lastbox != NULL ? lastbox->tagnode : NULL;
			h.image = NULL;
			draw_box(setter, &h, xx, 0);
			mark_hyphen(setter->ops);
			xx += h.w;
			gap = 0;
		} else if (it->type == IT_BOX) {
			const struct lo_item *sb = scaled_box(it, e, t, &tmp);

			draw_box(setter, sb, xx, lastbox ? gap : 0);
			xx += sb->w;
			lastbox = it;
			gap = 0;
		} else if (it->type == IT_GLUE && it->st < LO_INF / 2) {
			double g = it->w + (r >= 0 ? r * it->st : r * it->sh);

			xx += g;
			gap += g;
		}
	}
}

int
par_set(const struct lo_ctx *c, struct lo_par *p, struct vlist *v, double x,
    double width, double size, int align, int ragged)
{
	size_t	*brk, nl, s = 0, last = p->n - 1;
	double	*ratio, *expand, lineh = size * c->lead, base, none = 0;
	struct line_setter setter;
	struct line_order lo = { NULL, NULL, NULL, NULL, -1 };

	if (p->n == 0)
		return 0;
	/* Levels before the breaks: a level does not depend on them. */
	lo.base = bidi_levels(c, p);
	split_wide(c, p, width);
	/* Justified text only: a ragged or centred line has no reason to
	 * change its letters' width (code blocks are not set here). */
	kp_set_expansion(c->kp, ragged || align != AL_NONE ? 0 :
	    c->st->pdf.expansion / 100);
	nl = kp_break(c->kp, p, width, ragged || align != AL_NONE, &brk,
	    &ratio, &expand);
	if (nl == 0) {
		/* Cannot happen once split_wide ran; one line, clipped. */
		brk = &last;
		ratio = expand = &none;
		nl = 1;
	}
	if (lo.base >= 0) {
		lo.lv = xmalloc((p->n + 1) * sizeof(*lo.lv));
		lo.ord = xmalloc(3 * (p->n + 1) * sizeof(*lo.ord));
		lo.src = lo.ord + p->n + 1;
		lo.idx = lo.src + p->n + 1;
	}
	buf_reset(&c->par->text);
	setter.c = c;
	setter.text = &c->par->text;
	base = lo_baseline(size, c->lead);
	setter.size = size;
	setter.ops = &c->par->line;
	for (size_t l = 0; l < nl; l++) {
		struct lo_entry	*e = vl_push(v, V_BOX, lineh);
		size_t		 b = brk[l];
		double		 up, down;

		setter.ops->n = 0;
		setter.open = setter.lastlink = -1;
		setter.marked = setter.anchors = 0;
		/* Skip discardables after the previous break. */
		while (s < b && p->it[s].type != IT_BOX)
			s++;
		/* A line with a picture taller than its text grows. */
		line_images(p, s, b, base, lineh - base, &up, &down);
		e->h = lineh + up + down;
		setter.base = base + up;
		setter.lineh = e->h;
		set_line(&setter, p, s, b, ratio[l], expand[l], x, width,
		    align, ragged, &lo);
		close_run(&setter);
		ops_pool(c->pool, &e->ops, setter.ops);
		e->has_anchor = setter.anchors;
		line_refs(c, e, p, s, b);
		s = b + 1;
	}
	if (lo.base >= 0) {
		free(lo.lv);
		free(lo.ord);
	}
	return (int)nl;
}

int
par_set_plain(const struct lo_ctx *c, struct vlist *v, const char *text,
    const struct lo_fmt *f, double x, double width)
{
	struct lo_par	p;
	int		nl;

	par_take(c, &p);
	par_add_text(c, &p, text, f);
	par_finish(&p);
	nl = par_set(c, &p, v, x, width, f->size, AL_START, 1);
	par_give(c, &p);
	return nl;
}
