/*
 * inline.c - inline nodes to Knuth-Plass items, and chosen lines to
 * vertical entries.
 *
 * A word is one or more boxes with nothing breakable between them (a
 * change of font inside a word starts a new box); spaces are glue;
 * hyphenation points are flagged penalties whose width is the hyphen's.
 * Words wider than the measure (URLs, identifiers, a 120-letter word)
 * are cut into characters at set time, preferring breaks after / . - _,
 * so nothing is ever drawn outside the column.
 *
 * State kept from one paragraph to the next (a recycled item array, the
 * line being set, the count of glyph warnings) is this file's own
 * struct par_state.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "context.h"
#include "diag.h"
#include "doc.h"
#include "emit.h"
#include "hyph.h"
#include "inline.h"
#include "linebreak.h"
#include "metrics.h"
#include "params.h"
#include "pool.h"
#include "utf8.h"
#include "vlist.h"

/* The state inline.c keeps from one paragraph to the next. */
struct par_state {
	struct lo_par	 spare;		/* a recycled item array */
	struct lo_ops	 line;		/* the line being set */
	int		 nwarned;	/* glyph warnings given */
	uint32_t	 warned[MAX_GLYPH_WARNINGS];	/* for these */
	const char	*file;		/* for those warnings */
};

struct par_state *
par_state_new(void)
{
	return xcalloc(1, sizeof(struct par_state));
}

void
par_state_free(struct par_state *ps)
{
	if (ps == NULL)
		return;
	free(ps->spare.it);
	free(ps->line.op);
	free(ps);
}

void
par_source(const struct lo_ctx *c, const char *file)
{
	c->par->file = file;
}

void
par_init(struct lo_par *p)
{
	p->it = NULL;
	p->n = p->cap = 0;
}

void
par_free(struct lo_par *p)
{
	free(p->it);
	par_init(p);
}

void
par_take(const struct lo_ctx *c, struct lo_par *p)
{
	*p = c->par->spare;
	p->n = 0;
	par_init(&c->par->spare);
}

void
par_give(const struct lo_ctx *c, struct lo_par *p)
{
	if (p->cap > c->par->spare.cap) {
		free(c->par->spare.it);
		c->par->spare = *p;
	} else
		free(p->it);
	par_init(p);
}

struct lo_item *
par_push(struct lo_par *p, int type)
{
	struct lo_item *it;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->it = xrealloc(p->it, p->cap * sizeof(*p->it));
	}
	it = &p->it[p->n++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	return it;
}

static void
add_glue(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f)
{
	int	used;
	double	w;

	/* Collapse runs of spaces; no space at the start of a line. */
	if (p->n == 0 || p->it[p->n - 1].type != IT_BOX)
		return;
	w = lo_advance(c->widths, LO_FACE(f->fam, f->sty), ' ', &used) * f->size
	    / 1000.0;
	struct lo_item *glue = par_push(p, IT_GLUE);
	glue->w = w;
	glue->st = w * SPACE_STRETCH;
	glue->sh = w * SPACE_SHRINK;
}

static void
add_box(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    int face, const char *s, size_t len)
{
	struct lo_item *b = par_push(p, IT_BOX);

	b->s = s;
	b->len = len;
	b->face = face;
	b->size = f->size;
	b->rise = f->rise;
	b->rgb = f->rgb;
	b->strike = f->strike;
	b->underline = f->underline;
	b->mark = f->mark;
	b->link = f->link;
	b->w = lo_text_width(c->widths, face, f->size, s, len);
}

/* A place a link may lead to, in running text: a box of no width. */
static void
add_anchor(struct lo_par *p, const char *id)
{
	struct lo_item *b = par_push(p, IT_BOX);

	b->s = "";
	b->anchor = id;
}

/* A character no font has: one warning per character (a table's cells
 * are measured, then set: both meet it), and only the first few. */
static void
glyph_warning(struct par_state *ps, uint32_t cp)
{
	int i;

	for (i = 0; i < ps->nwarned; i++)
		if (ps->warned[i] == cp)
			return;
	if (ps->nwarned == MAX_GLYPH_WARNINGS)
		return;
	ps->warned[ps->nwarned++] = cp;
	diag_warn(ps->file, 0, "no font has a glyph for U+%04X; drawn as '?'",
	    (unsigned)cp);
}

/* A piece of a word: split into boxes wherever the drawing face changes
 * (glyph fallback) and replace characters no font has by '?'. */
static void
add_piece(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	int	 face = LO_FACE(f->fam, f->sty), used, cur = -2;
	size_t	 i = 0, start = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1, cp = '?';
		lo_advance(c->widths, face, cp, &used);
		if (used < 0) {
			glyph_warning(c->par, cp);
			if (cur != -2 && i > start)
				add_box(c, p, f, cur, s + start, i - start);
			add_box(c, p, f, face, "?", 1);
			cur = -2;
			i += k;
			start = i;
			continue;
		}
		if (used != cur) {
			if (cur != -2 && i > start)
				add_box(c, p, f, cur, s + start, i - start);
			cur = used;
			start = i;
		}
		i += k;
	}
	if (cur != -2 && i > start)
		add_box(c, p, f, cur, s + start, i - start);
}

static int
isalpha_ascii(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static void
add_hyphen(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f)
{
	struct lo_item	*h = par_push(p, IT_PEN);
	int		 used;

	h->pen = HYPH_PEN;
	h->flag = 1;
	h->w = lo_advance(c->widths, LO_FACE(f->fam, f->sty), '-', &used) *
	    f->size / 1000.0;
	h->face = LO_FACE(f->fam, f->sty);
	h->size = f->size;
	h->rgb = f->rgb;
}

/* One space-free word: hyphenate its alphabetic core.  An author's soft
 * hyphens (U+00AD) replace the patterns and are never drawn unless the
 * line breaks there. */
static void
add_word(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	size_t	a = 0, b = len, last;
	char	pts[80];
	const char *shy;

	for (shy = s; shy + 1 < s + len; shy++)
		if ((unsigned char)shy[0] == 0xC2 &&
		    (unsigned char)shy[1] == 0xAD)
			break;
	if (shy + 1 < s + len) {
		if (shy > s)
			add_piece(c, p, f, s, (size_t)(shy - s));
		if (p->n > 0 && p->it[p->n - 1].type == IT_BOX)
			add_hyphen(c, p, f);
		add_word(c, p, f, shy + 2, len - (size_t)(shy - s) - 2);
		return;
	}

	while (a < len && !isalpha_ascii((unsigned char)s[a]))
		a++;
	while (b > a && !isalpha_ascii((unsigned char)s[b - 1]))
		b--;
	if (f->nohyph || f->fam == FAM_MONO || b - a < 5 ||
	    b - a >= sizeof(pts) || hyph_points(c->hyph, s + a, b - a,
	    pts) == 0) {
		add_piece(c, p, f, s, len);
		return;
	}
	last = 0;
	for (size_t i = a; i < b; i++) {
		if (!pts[i - a])
			continue;
		add_piece(c, p, f, s + last, i + 1 - last);
		add_hyphen(c, p, f);
		last = i + 1;
	}
	add_piece(c, p, f, s + last, len - last);
}

void
par_add_text(const struct lo_ctx *c, struct lo_par *p, const char *s,
    const struct lo_fmt *f)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			add_glue(c, p, f);
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
		    s[j] != '\r')
			j++;
		add_word(c, p, f, s + i, j - i);
		i = j;
	}
}

static void
hard_break(struct lo_par *p)
{
	struct lo_item *it;

	while (p->n > 0 && p->it[p->n - 1].type == IT_GLUE)
		p->n--;
	it = par_push(p, IT_GLUE);
	it->st = LO_INF;
	it = par_push(p, IT_PEN);
	it->pen = -PEN_INF;
}

/* What a link leads to, as the device wants it: the URL, or "#" and the
 * id of a place in the document (resolve.c decided which). */
const char *
link_dest(const struct lo_ctx *c, const struct node *link)
{
	const char *id;
	char *r;

	if (link->u.link.kind == LINK_EXTERNAL)
		return link->u.link.href;
	if (link->u.link.kind != LINK_INTERNAL)
		return NULL;
	id = doc_target_id(link->u.link.target);
	r = pool_alloc(c->pool, strlen(id) + 2);
	r[0] = '#';
	strcpy(r + 1, id);
	return r;
}

/* A footnote's marker: its number raised, glued to the word before it,
 * leading to the note; its boxes carry the reference, so that the line
 * set from them knows which note it calls for. */
static void
add_footref(const struct lo_ctx *c, struct lo_par *p, const struct node *n,
    const struct lo_fmt *f0)
{
	const char *id = n->u.footref.note->u.footnote.id;
	struct lo_fmt f = *f0;
	char num[24], *link;
	size_t from = p->n;

	snprintf(num, sizeof(num), "%d", n->u.footref.note->u.footnote.num);
	link = pool_alloc(c->pool, strlen(id) + 2);
	link[0] = '#';
	strcpy(link + 1, id);
	f.size = f0->size * SCRIPT_SIZE;
	f.rise = f0->rise + SUP_RISE * f0->size;
	f.link = link;
	f.rgb = c->link_rgb;
	f.nohyph = 1;
	par_add_text(c, p, pool_strdup(c->pool, num), &f);
	for (size_t i = from; i < p->n; i++)
		p->it[i].ref = n;
}

void
par_add_inlines(const struct lo_ctx *c, struct lo_par *p,
    const struct node *parent, const struct lo_fmt *f0)
{
	for (const struct node *n = parent->first; n != NULL; n = n->next) {
		struct lo_fmt f = *f0;

		f.depth++;

		switch (n->type) {
		case N_TEXT:
			par_add_text(c, p, n->text, &f);
			break;
		case N_CODE:
			f.fam = c->fam_mono;
			f.size = f0->size * CODE_SPAN_SIZE;
			par_add_text(c, p, n->text, &f);
			break;
		case N_SOFTBREAK:
			add_glue(c, p, &f);
			break;
		case N_LINEBREAK:
			hard_break(p);
			break;
		case N_EMPH:
			f.sty ^= LO_ITALIC;
			par_add_inlines(c, p, n, &f);
			break;
		case N_STRONG:
			f.sty |= LO_BOLD;
			par_add_inlines(c, p, n, &f);
			break;
		case N_STRIKE:
			f.strike = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_UNDERLINE:
			f.underline = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_MARK:
			f.mark = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_SMALL:
			f.size = f0->size * SMALL_SIZE;
			par_add_inlines(c, p, n, &f);
			break;
		case N_PLACEHOLDER:
			/* "<file>" as the author wrote it, in italics. */
			f.sty ^= LO_ITALIC;
			par_add_text(c, p, "<", &f);
			par_add_text(c, p, n->text, &f);
			par_add_text(c, p, ">", &f);
			break;
		case N_ANCHOR:
			add_anchor(p, n->u.anchor.id);
			break;
		case N_SUP:
		case N_SUB:
			f.size = f0->size * SCRIPT_SIZE;
			f.rise = f0->rise + (n->type == N_SUP ? SUP_RISE :
			    SUB_RISE) * f0->size;
			par_add_inlines(c, p, n, &f);
			break;
		case N_LINK:
			/* Only links a reader can follow look like links. */
			f.link = link_dest(c, n);
			if (f.link != NULL)
				f.rgb = c->link_rgb;
			par_add_inlines(c, p, n, &f);
			break;
		case N_FOOTREF:
			add_footref(c, p, n, &f);
			break;
		case N_IMAGE:
			/* Inline images: their alt text, in italics. */
			f.sty ^= LO_ITALIC;
			par_add_text(c, p, "[", &f);
			par_add_inlines(c, p, n, &f);
			par_add_text(c, p, "]", &f);
			break;
		default:
			/* What the PDF cannot show (yet): its text. */
			emit_fallback_warn(c->unshown, n, "PDF");
			if (n->first != NULL)
				par_add_inlines(c, p, n, &f);
			else if (n->text != NULL)
				par_add_text(c, p, n->text, &f);
			break;
		}
	}
}

/* End the paragraph: drop trailing space, add \parfillskip and a forced
 * break. */
void
par_finish(struct lo_par *p)
{
	hard_break(p);
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
		if (q->n > 0 && q->it[q->n - 1].type == IT_BOX) {
			struct lo_item *pen = par_push(q, IT_PEN);
			char prev = q->it[q->n - 2].s[q->it[q->n - 2].len - 1];

			pen->pen = strchr("/.-_?&=#", prev) ? SLASH_PEN :
			    CHAR_PEN;
		}
		struct lo_item *nb = par_push(q, IT_BOX);
		*nb = *b;
		nb->s = b->s + k;
		nb->len = end - k;
		nb->w = w;
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
	*p = q;
}

/*
 * Content widths for table columns: *wmin is the widest word (hyphenation
 * points ignored), *smin the widest piece between any break (syllables),
 * *max the widest line when nothing but hard breaks is taken.
 */
void
par_minmax(const struct lo_par *p, double *wmin, double *smin, double *max)
{
	double run = 0, word = 0, line = 0;

	*wmin = *smin = *max = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_BOX) {
			run += it->w;
			word += it->w;
			line += it->w;
			continue;
		}
		if (it->type == IT_PEN && it->flag) {
			if (run + it->w > *smin)
				*smin = run + it->w;
			run = 0;
			continue;
		}
		if (run > *smin)
			*smin = run;
		if (word > *wmin)
			*wmin = word;
		run = word = 0;
		if (it->type == IT_GLUE && it->st < LO_INF / 2)
			line += it->w;
		if (it->type == IT_PEN && it->pen <= -PEN_INF) {
			if (line > *max)
				*max = line;
			line = 0;
		}
	}
	if (run > *smin)
		*smin = run;
	if (word > *wmin)
		*wmin = word;
	if (line > *max)
		*max = line;
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

/* Draw one box at x; gap is the space before it since the last box on
 * the line (0 when the two touch, as the parts of a hyphenated word). */
static void
draw_box(struct line_setter *setter, const struct lo_item *b, double x,
    double gap)
{
	struct lo_ops	*ops = setter->ops;
	struct lo_op	*o = setter->open >= 0 ? &ops->op[setter->open] : NULL;
	double		 dx = o ? x - (o->x + o->w) : 0;

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
	    o->face == b->face &&
	    o->size == b->size && o->rgb == b->rgb && o->lw == b->rise &&
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
		buf_put(setter->text, b->s, b->len);
		setter->open = (long)(ops->n - 1);
		if (b->strike || b->underline || b->mark)
			close_run(setter);	/* its rule is drawn per box */
	}
	setter->marked = b->mark;
	if (b->strike)
		rule_under(setter, b, x, STRIKE_RISE);
	if (b->underline)
		rule_under(setter, b, x, -UNDERLINE_DROP);
	if (b->link != NULL) {
		/* An index, not a pointer: ops_push() may move the array. */
		struct lo_op *l = setter->lastlink >= 0 ?
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
			setter->lastlink = (long)(ops->n - 1);
		}
	}
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

int
par_set(const struct lo_ctx *c, struct lo_par *p, struct vlist *v, double x,
    double width, double size, int align, int ragged)
{
	size_t	*brk, nl, s = 0;
	double	*ratio, lineh = size * c->lead;
	double	 base = lo_baseline(size, c->lead);
	struct buf	 text;
	struct line_setter setter;

	if (p->n == 0)
		return 0;
	split_wide(c, p, width);
	nl = kp_break(c->kp, p, width, ragged || align != AL_NONE, &brk,
	    &ratio);
	if (nl == 0) {
		/* Cannot happen once split_wide ran; one line, clipped. */
		brk = xrealloc(brk, sizeof(*brk));
		ratio = xrealloc(ratio, sizeof(*ratio));
		brk[0] = p->n - 1;
		ratio[0] = 0;
		nl = 1;
	}
	buf_init(&text);
	setter.c = c;
	setter.text = &text;
	setter.base = base;
	setter.lineh = lineh;
	for (size_t l = 0; l < nl; l++) {
		struct lo_entry	*e = vl_push(v, V_BOX, lineh);
		size_t		 b = brk[l], i;
		double		 r = ratio[l], nat = 0, xx, gap = 0;
		const struct lo_item *lastbox = NULL;

		setter.ops = &c->par->line;
		setter.ops->n = 0;
		setter.open = setter.lastlink = -1;
		setter.marked = setter.anchors = 0;

		/* Skip discardables after the previous break. */
		while (s < b && p->it[s].type != IT_BOX)
			s++;
		if (ragged || align != AL_NONE || r > MAX_SET_RATIO || r < -1)
			r = 0;
		for (i = s; i < b; i++) {
			const struct lo_item *it = &p->it[i];

			if (it->type == IT_BOX)
				nat += it->w;
			else if (it->type == IT_GLUE && it->st < LO_INF / 2)
				nat += it->w + (r >= 0 ? r * it->st :
				    r * it->sh);
		}
		if (p->it[b].type == IT_PEN && p->it[b].flag)
			nat += p->it[b].w;
		xx = x;
		if (align == AL_RIGHT)
			xx += width - nat;
		else if (align == AL_CENTER)
			xx += (width - nat) / 2;
		for (i = s; i < b; i++) {
			const struct lo_item *it = &p->it[i];

			if (it->type == IT_BOX) {
				draw_box(&setter, it, xx, lastbox ? gap : 0);
				xx += it->w;
				lastbox = it;
				gap = 0;
			} else if (it->type == IT_GLUE && it->st < LO_INF / 2) {
				double g = it->w + (r >= 0 ? r * it->st :
				    r * it->sh);

				xx += g;
				gap += g;
			}
		}
		if (p->it[b].type == IT_PEN && p->it[b].flag && lastbox) {
			struct lo_item h = *lastbox;

			h.s = "-";
			h.len = 1;
			h.w = p->it[b].w;
			h.face = p->it[b].face;
			h.link = NULL;
			draw_box(&setter, &h, xx, 0);
		}
		close_run(&setter);
		ops_pool(c->pool, &e->ops, setter.ops);
		e->has_anchor = setter.anchors;
		line_refs(c, e, p, s, b);
		s = b + 1;
	}
	buf_free(&text);
	free(brk);
	free(ratio);
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
	nl = par_set(c, &p, v, x, width, f->size, AL_LEFT, 1);
	par_give(c, &p);
	return nl;
}
