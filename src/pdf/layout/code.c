/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * code.c - code blocks: their lines on a shade, wrapped at the measure,
 * their tokens in the style's colours and faces.
 *
 * The front end has already cut the code into tokens (doc.h, struct
 * code_span); here each token class gets a look, a face of the monospace
 * family and a colour, and each line is drawn as runs of one look.
 * White space no token covers takes the look of the run before it (at a
 * line's start, of the one after), so a line changes look only where the
 * ink does, and the page carries few text operations.  The faces of a
 * monospace family share their advance widths, which is why wrapping
 * needs no second pass: it measures each character in its own face all
 * the same.
 */
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "util/buf.h"
#include "util/diag.h"
#include "code.h"
#include "context.h"
#include "model/doc.h"
#include "metrics.h"
#include "params.h"
#include "pool.h"
#include "model/style.h"
#include "util/utf8.h"
#include "vlist.h"

/* The look of plain text, after the classes; and of white space that
 * takes its neighbour's. */
#define PLAIN		CC_COUNT
#define SPACE		0xFF

/*
 * The themes' colours, by class.  Each keeps a contrast of at least 5:1
 * on the code's shade (CODE_BG_RGB) and is dark enough to print as a
 * dark grey, and the faces below set keywords and comments apart without
 * colour; operators are as dark as the text, so most punctuation joins
 * the plain run around it.  "mono" is for printers: the text's colour
 * throughout, comments grey.
 */
static const uint32_t themes[][CC_COUNT] = {
	[CODE_THEME_DEFAULT] = {
		[CC_KEYWORD] = 0x8A1C7C,	/* 7.3:1 */
		[CC_TYPE] = 0x0E6070,		/* 6.3:1 */
		[CC_STRING] = 0xA0300A,		/* 6.3:1 */
		[CC_NUMBER] = 0x0B6B3A,		/* 5.8:1 */
		[CC_COMMENT] = 0x5C6670,	/* 5.1:1 */
		[CC_PREPROC] = 0x7A4A00,	/* 6.6:1 */
		[CC_FUNCTION] = 0x1F4F9E,	/* 6.9:1 */
		[CC_OPERATOR] = TEXT_RGB,	/* 16.6:1 */
		[CC_VARIABLE] = 0x7B3F9E,	/* 6.1:1 */
		[CC_CONSTANT] = 0x9C2A5C,	/* 6.4:1 */
		[CC_INSERTED] = 0x126B12,	/* 5.9:1 */
		[CC_DELETED] = 0xB0182B,	/* 6.1:1 */
	},
	[CODE_THEME_MONO] = {
		TEXT_RGB, TEXT_RGB, TEXT_RGB, TEXT_RGB, SECONDARY_RGB,
		TEXT_RGB, TEXT_RGB, TEXT_RGB, TEXT_RGB, TEXT_RGB, TEXT_RGB,
		TEXT_RGB,
	},
};

/* Faces by class, in every theme: what a black-and-white copy keeps. */
static const int class_sty[CC_COUNT] = {
	[CC_KEYWORD] = LO_BOLD,
	[CC_COMMENT] = LO_ITALIC,
};

struct look {
	int		 face;
	uint32_t	 rgb;
};

/* Each class's look (and plain text's, last) from the style. */
static void
looks(const struct lo_ctx *c, struct look *lk)
{
	const struct code_style *cs = &c->st->code;
	int theme = cs->theme == CODE_THEME_MONO ? CODE_THEME_MONO :
	    CODE_THEME_DEFAULT;

	for (int i = 0; i < CC_COUNT; i++) {
		lk[i].face = LO_FACE(c->fam_mono, class_sty[i]);
		lk[i].rgb = cs->colors[i] >= 0 ? (uint32_t)cs->colors[i] :
		    themes[theme][i];
	}
	lk[PLAIN].face = LO_FACE(c->fam_mono, 0);
	lk[PLAIN].rgb = c->text_rgb;
}

/* One run of text in one face, units wide at size 1000 by its
 * characters' advances (< 0: not known); returns its width. */
static double
text_op(const struct lo_ctx *c, struct lo_ops *ops, double x, double y,
    int face, double size, uint32_t rgb, const char *s, size_t len,
    double units)
{
	struct lo_op *o = ops_push(ops);

	o->type = LO_TEXT;
	o->x = x;
	o->y = y;
	o->face = face;
	o->size = size;
	o->rgb = rgb;
	o->str = pool_strndup(c->pool, s, len);
	o->w = units < 0 ? lo_text_width(c->widths, face, size, s, len) :
	    lo_text_width_units(c->widths, face, size, s, len, units);
	return o->w;
}

/*
 * One run of text in one look; returns its width.  A character the code
 * face lacks (Hangul, Devanagari in a string literal) is drawn in the
 * face the fallback chain finds for it, as body text is, never as a
 * missing glyph; it then takes that face's width, not a cell's.
 */
static double
code_text(const struct lo_ctx *c, struct lo_ops *ops, double x, double y,
    int face, double size, uint32_t rgb, const char *s, size_t len)
{
	size_t	 i, k, start = 0;
	uint32_t cp;
	int	 used, cur = -1;
	double	 w = 0;

	for (i = 0; i < len; i += k) {
		k = lo_face_run(c->widths, face, s + i, len - i, &used, &cp);
		if (used < 0)
			used = face;	/* '?' in the face itself */
		if (cur >= 0 && used != cur) {
			w += text_op(c, ops, x + w, y, cur, size, rgb, s + start,
			    i - start, -1);
			start = i;
		}
		cur = used;
	}
	if (i > start)
		w += text_op(c, ops, x + w, y, cur, size, rgb, s + start,
		    i - start, -1);
	return w;
}

/*
 * What code_fit() learnt of each character of a line: the face that
 * draws it (its look's face for one no font has, as code_text() draws
 * it) and its advance there, so that drawing the line measures nothing
 * again; only the character's first byte's entry is used.
 */
struct fitted {
	int	*face;
	double	*adv;
	size_t	*step;	/* the character's length in bytes; 0 after
			   its first */
	size_t	 end, cap;	/* the bytes measured */
};

/*
 * code_text() for the bytes from..to of p, in the look of face, that
 * code_fit() measured: a run per face, each as wide as its characters'
 * advances.  A look that changes inside a character (a token's edge in
 * the middle of one) leaves it to code_text(), which reads such a
 * character as code_fit() did not.
 */
static double
code_text_fitted(const struct lo_ctx *c, struct lo_ops *ops, double x,
    double y, int face, double size, uint32_t rgb, const char *p,
    const struct fitted *ft, size_t from, size_t to)
{
	size_t	 i = from, start = from, k;
	double	 w = 0, units = 0;

	if (ft->step[from] == 0 || (to < ft->end && ft->step[to] == 0))
		return code_text(c, ops, x, y, face, size, rgb, p + from,
		    to - from);
	for (i = from; i < to; i += k) {
		k = ft->step[i];
		if (i > start && ft->face[i] != ft->face[start]) {
			w += text_op(c, ops, x + w, y, ft->face[start], size, rgb,
			    p + start, i - start, units);
			start = i;
			units = 0;
		}
		units += ft->adv[i];
	}
	if (i > start)
		w += text_op(c, ops, x + w, y, ft->face[start], size, rgb,
		    p + start, i - start, units);
	return w;
}

/*
 * A line's entry, its background drawn by the first op of ops, a scratch
 * array the line's runs are added to; line_done() moves them into the
 * pool.  A malloc'd array per line held twice what it used (a third of
 * the layout's operations are code's).
 */
static struct lo_entry *
code_line(struct vlist *v, struct lo_ops *ops, double x, double width,
    double h)
{
	struct lo_entry	*e = vl_push(v, V_BOX, h);
	struct lo_op	*o;

	ops->n = 0;
	o = ops_push(ops);

	o->type = LO_RECT;
	o->x = x;
	o->w = width;
	o->h = h;
	o->rgb = CODE_BG_RGB;
	return e;
}

static void
line_done(const struct lo_ctx *c, struct lo_entry *e, struct lo_ops *ops)
{
	ops_pool(c->pool, &e->ops, ops);
}

/*
 * One source line (len bytes at offset at of the block's text) into
 * line, its tabs expanded to four columns, and each of its bytes' look
 * into cls.  *si is the first span that may reach this line; it is left
 * at the first that may reach the next.
 */
static void
expand(const struct node *n, size_t at, size_t len, size_t *si,
    struct buf *line, struct buf *cls)
{
	const char *s = n->text + at;
	const struct code_span *sp = n->u.code.spans;
	size_t nsp = n->u.code.nspans;

	buf_reset(line);
	buf_reset(cls);
	for (size_t i = 0; i < len; i++) {
		int k = SPACE;

		while (*si < nsp && sp[*si].off + sp[*si].len <= at + i)
			(*si)++;
		if (*si < nsp && sp[*si].off <= at + i)
			k = sp[*si].cls;
		else if (s[i] != ' ' && s[i] != '\t')
			k = PLAIN;
		if (s[i] != '\t') {
			buf_putc(line, s[i]);
			buf_putc(cls, k);
			continue;
		}
		do {
			buf_putc(line, ' ');
			buf_putc(cls, k);
		} while (line->len % TAB_STOP);
	}
	/* Uncovered white space: the look before it, or after it at the
	 * start of the line. */
	for (size_t i = 0; i < cls->len; i++)
		if ((unsigned char)cls->data[i] == SPACE)
			cls->data[i] = i > 0 ? cls->data[i - 1] : SPACE;
	for (size_t i = cls->len; i-- > 0; )
		if ((unsigned char)cls->data[i] == SPACE)
			cls->data[i] = i + 1 < cls->len ? cls->data[i + 1] :
			    PLAIN;
}

/* How many bytes of the code line p (rest bytes long) fit in avail: at
 * least one character, so that every line makes progress.  What it
 * measured of each character goes into ft. */
static size_t
code_fit(const struct lo_ctx *c, const struct look *lk, const char *p,
    const char *cls, size_t rest, double size, double avail,
    struct fitted *ft)
{
	double	 w = 0, cw, adv;
	size_t	 k = 0, step;
	uint32_t cp;
	int	 used, face;

	if (rest > ft->cap) {
		ft->cap = rest;
		ft->face = xrealloc(ft->face, rest * sizeof(*ft->face));
		ft->adv = xrealloc(ft->adv, rest * sizeof(*ft->adv));
		ft->step = xrealloc(ft->step, rest * sizeof(*ft->step));
	}
	while (k < rest) {
		if ((step = utf8_decode(p + k, rest - k, &cp)) == 0)
			step = 1, cp = '?';
		face = lk[(unsigned char)cls[k]].face;
		adv = lo_advance(c->widths, face, cp, &used);
		cw = adv * size / 1000.0;
		if (w + cw > avail && k > 0)
			break;
		ft->face[k] = used < 0 ? face : used;
		ft->adv[k] = adv;
		ft->step[k] = step;
		for (size_t j = 1; j < step; j++)
			ft->step[k + j] = 0;
		w += cw;
		k += step;
	}
	ft->end = k;
	return k;
}

/* Draw k bytes of p from x, a run per look. */
static void
code_runs(const struct lo_ctx *c, struct lo_ops *ops, const struct look *lk,
    double x, double y, double size, const char *p, const char *cls,
    size_t k, const struct fitted *ft)
{
	size_t i = 0, j;

	while (i < k) {
		const struct look *l = &lk[(unsigned char)cls[i]];

		for (j = i + 1; j < k; j++) {
			const struct look *m = &lk[(unsigned char)cls[j]];

			if (m->face != l->face || m->rgb != l->rgb)
				break;
		}
		x += code_text_fitted(c, ops, x, y, l->face, size, l->rgb, p,
		    ft, i, j);
		i = j;
	}
}

/*
 * Where a listing may go on to the next page: a short one (up to
 * CODE_KEEP_WHOLE lines as drawn) never, a longer one only with
 * CODE_KEEP_LINES lines or more on each side.  The entries from "from"
 * on are its top padding, its lines and its bottom padding; keep forbids
 * a break after an entry.
 */
static void
keep_listing(struct vlist *v, size_t from)
{
	size_t lines = v->n - from - 2, last = v->n - 2;

	for (size_t i = from; i <= last; i++)
		if (lines <= CODE_KEEP_WHOLE || i < from + CODE_KEEP_LINES ||
		    i + CODE_KEEP_LINES > last)
			v->e[i].keep = 1;
}

/*
 * Code keeps its line structure; a line longer than the measure wraps at
 * the last character that fits and the rest starts with a continuation
 * mark, so nothing runs off the page and the reader can tell.
 */
void
code_block(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	double	x = col->x, width = col->width;
	double	size = c->code_size, lineh = size * CODE_LEADING;
	double	pad = size * CODE_PAD, base = size * CODE_BASE;
	double	inner = width - 2 * pad, markw;
	int	face = LO_FACE(c->fam_mono, 0), used;
	const char *mark = "\xe2\x86\xaa";	/* U+21AA */
	const char *text = n->text ? n->text : "";
	struct look lk[CC_COUNT + 1];
	struct buf line, cls;
	struct lo_ops ops = { NULL, 0, 0 };
	struct fitted ft = { NULL, NULL, NULL, 0, 0 };
	size_t	from, si = 0;

	looks(c, lk);
	markw = lo_advance(c->widths, face, 0x21AA, &used) * size / 1000.0 +
	    size * CODE_MARK_GAP;
	vl_glue(v, col->skip);
	from = v->n;
	line_done(c, code_line(v, &ops, x, width, pad), &ops);
	v->e[from].keep = 1;
	buf_init(&line);
	buf_init(&cls);
	for (const char *s = text; *s != '\0'; ) {
		const char *nl = strchr(s, '\n');
		size_t	    len = nl ? (size_t)(nl - s) : strlen(s);
		int	    cont = 0;

		expand(n, (size_t)(s - text), len, &si, &line, &cls);
		const char *p = line.data ? line.data : "";
		const char *pc = cls.data ? cls.data : "";
		size_t	    rest = line.len;
		do {
			size_t k = code_fit(c, lk, p, pc, rest, size,
			    inner - (cont ? markw : 0), &ft);
			struct lo_entry *e = code_line(v, &ops, x, width,
			    lineh);

			if (cont)
				code_text(c, &ops, x + pad, base, face, size,
				    CODE_MARK_RGB, mark, strlen(mark));
			code_runs(c, &ops, lk, x + pad + (cont ? markw : 0),
			    base, size, p, pc, k, &ft);
			line_done(c, e, &ops);
			p += k;
			pc += k;
			rest -= k;
			cont = 1;
		} while (rest > 0);
		if (nl == NULL)
			break;
		s = nl + 1;
		if (*s == '\0')
			break;
	}
	buf_free(&line);
	buf_free(&cls);
	free(ft.face);
	free(ft.adv);
	free(ft.step);
	line_done(c, code_line(v, &ops, x, width, pad), &ops);
	free(ops.op);
	keep_listing(v, from);
	vl_glue(v, col->skip);
}
