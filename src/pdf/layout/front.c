/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * front.c - a book's front matter in the PDF: the title on a page of its
 * own, and the contents page, with dotted leaders, page numbers at the
 * right margin and each entry a link to its heading.
 *
 * The contents are set from the body's own heading marks (id, title,
 * level), before the body is paginated; their page numbers are unknown
 * then, so each entry keeps its number's and leaders' text operations,
 * and front_numbers() fills them in once every page is known.  The
 * pages' runs point at those operations, so nothing is set twice.
 */
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "util/buf.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "front.h"
#include "inline.h"
#include "metrics.h"
#include "params.h"
#include "pool.h"
#include "util/strmap.h"
#include "model/style.h"
#include "tagref.h"
#include "vlist.h"

/* An entry waiting for its page number.  Indexes, not pointers: the
 * list and the lines' op arrays still grow while the contents are set. */
struct front_entry {
	const char	*id;
	size_t		 line;		/* the entry's last line in v */
	size_t		 dots;		/* the leaders' op; the number's next */
	double		 text_end;	/* where the title's last line ends */
	double		 right;		/* the number's right edge (right to
					   left: its left edge) */
	double		 size;
};

struct front {
	struct vlist	*v;
	struct front_entry *e;
	size_t		 n;
};

void
front_titlepage(const struct lo_ctx *c, struct vlist *v)
{
	front_drop(c, v);
	title_block(c, v);
}

void
front_drop(const struct lo_ctx *c, struct vlist *v)
{
	/* An empty box, since space at the top of a page is dropped. */
	vl_push(v, V_BOX, (c->bottom - c->top) * TITLEPAGE_DROP)->keep = 1;
}

/* The widest end of a line's text: its right end, or its left end in
 * a right-to-left document, where the leaders run leftwards. */
static double
line_end(const struct lo_entry *e, int rtl)
{
	double end = rtl ? 1e9 : 0;

	for (size_t i = 0; i < e->ops.n; i++) {
		const struct lo_op *o = &e->ops.op[i];

		if (o->type != LO_TEXT)
			continue;
		if (!rtl && o->x + o->w > end)
			end = o->x + o->w;
		else if (rtl && o->x < end)
			end = o->x;
	}
	return end;
}

/* One entry: its title, wrapped short of the numbers' column, then a
 * link over its lines and, on the last line, the ops to fill in. */
static void
entry(const struct lo_ctx *c, struct vlist *v, struct front *f,
    const struct lo_entry *mark, int top)
{
	int level = mark->mark_level - top;
	double size = c->body_size, indent = level * size * TOC_INDENT;
	double numw = lo_text_width(c->widths, LO_FACE(c->fam_body, 0),
	    size, "0000", 4);
	struct lo_fmt fmt;
	struct lo_par p;
	size_t from = v->n, k, n = strlen(mark->mark_id);
	struct lo_op *o;
	struct lo_entry *last;
	struct front_entry *fe;
	char *link = pool_alloc(c->pool, n + 2);

	link[0] = '#';
	memcpy(link + 1, mark->mark_id, n + 1);
	memset(&fmt, 0, sizeof(fmt));
	fmt.fam = c->fam_body;
	fmt.sty = level == 0 ? LO_BOLD : 0;
	fmt.size = size;
	fmt.rgb = c->text_rgb;
	if (level == 0 && v->n > 0)
		vl_glue(v, size * TOC_CHAPTER_SKIP);
	par_take(c, &p);
	par_add_text(c, &p, mark->mark_title, &fmt);
	par_finish(&p);
	/* Right to left, the titles are indented from the right and the
	 * numbers' column is at the left. */
	par_set(c, &p, v, c->rtl ? c->left + numw + size * TOC_GAP :
	    c->left + indent, c->width - indent - numw - size * TOC_GAP, size,
	    AL_START, 1);
	par_give(c, &p);
	for (size_t i = from; i < v->n; i++) {
		if (v->e[i].kind != V_BOX)
			continue;
		o = ops_push(&v->e[i].ops);
		o->type = LO_LINK;
		o->x = c->rtl ? c->left : c->left + indent;
		o->w = c->width - indent;
		o->h = v->e[i].h;
		o->str = link;
	}
	/* The heading's entry in the contents (its leaders and number,
	 * added below, are artifacts). */
	if (mark->ops.n > 0)
		lo_tag_entries(v, from, mark->ops.op[0].tag, LO_TAG_TOCI);
	f->e = xrealloc(f->e, (f->n + 1) * sizeof(*f->e));
	fe = &f->e[f->n++];
	memset(fe, 0, sizeof(*fe));
	fe->id = mark->mark_id;
	fe->size = size;
	fe->right = c->rtl ? c->left : c->left + c->width;
	for (fe->line = v->n - 1; fe->line > from &&
	    v->e[fe->line].kind != V_BOX; fe->line--)
		;
	last = &v->e[fe->line];
	fe->text_end = line_end(last, c->rtl);
	/* Two ops at the end of the last line, to be given their text:
	 * the leaders, then the number. */
	fe->dots = last->ops.n;
	for (k = 0; k < 2; k++) {
		o = ops_push(&last->ops);
		o->type = LO_TEXT;
		o->face = LO_FACE(c->fam_body, 0);
		o->size = size;
		o->rgb = k == 0 ? SECONDARY_RGB : c->text_rgb;
		o->y = last->ops.op[0].y;
		o->str = "";
	}
	for (size_t i = from; i < v->n; i++)
		v->e[i].keep = i + 1 < v->n;
}

struct front *
front_contents(const struct lo_ctx *c, struct vlist *v,
    const struct vlist *body, int depth, const char *heading)
{
	struct front *f = xcalloc(1, sizeof(*f));
	struct lo_fmt fmt;

	f->v = v;
	struct lo_par p;
	int top = 99;
	size_t i;

	for (i = 0; i < body->n; i++)
		if (body->e[i].mark_title != NULL &&
		    body->e[i].mark_level < top)
			top = body->e[i].mark_level;
	memset(&fmt, 0, sizeof(fmt));
	fmt.fam = c->fam_head;
	fmt.sty = LO_BOLD;
	fmt.size = c->body_size * TOC_TITLE_SIZE;
	fmt.rgb = c->text_rgb;
	par_take(c, &p);
	par_add_text(c, &p, heading, &fmt);
	par_finish(&p);
	par_set(c, &p, v, c->left, c->width, fmt.size, AL_START, 1);
	par_give(c, &p);
	v->e[v->n - 1].keep = 1;
	vl_glue(v, c->body_size);
	for (i = 0; i < body->n; i++)
		if (body->e[i].mark_title != NULL && body->e[i].mark_id &&
		    body->e[i].mark_level - top < depth)
			entry(c, v, f, &body->e[i], top);
	return f;
}

void
front_numbers(const struct lo_ctx *c, struct front *f)
{
	const struct lo_doc *d = c->out;
	struct strmap pages;
	char num[24], *dots;
	double w, dotw, room, maxw = 0;
	size_t i, k, n;

	strmap_init(&pages);
	for (i = 0; i < d->nmarks; i++)
		if (d->marks[i].id != NULL &&
		    strmap_get(&pages, d->marks[i].id) == NULL)
			strmap_put(&pages, d->marks[i].id,
			    (void *)(uintptr_t)(d->marks[i].page + 1));
	/* The widest number: every line's leaders end before it, so their
	 * dots stand in the same columns whatever the number's width. */
	for (i = 0; i < f->n; i++) {
		uintptr_t page = (uintptr_t)strmap_get(&pages, f->e[i].id);
		struct lo_op *nop = &f->v->e[f->e[i].line].ops.op[f->e[i].dots
		    + 1];

		snprintf(num, sizeof(num), "%zu", (size_t)page);
		w = lo_text_width(c->widths, nop->face, f->e[i].size, num,
		    strlen(num));
		if (page != 0 && w > maxw)
			maxw = w;
	}
	for (i = 0; i < f->n; i++) {
		struct front_entry *fe = &f->e[i];
		uintptr_t page = (uintptr_t)strmap_get(&pages, fe->id);
		struct lo_op *dot = &f->v->e[fe->line].ops.op[fe->dots];
		struct lo_op *nop = dot + 1;

		if (page == 0)
			continue;
		snprintf(num, sizeof(num), "%zu", (size_t)page);
		w = lo_text_width(c->widths, nop->face, fe->size, num,
		    strlen(num));
		nop->str = pool_strdup(c->pool, num);
		nop->x = c->rtl ? fe->right : fe->right - w;
		nop->w = w;
		/* Leaders: spaced dots from past the title to just before
		 * the numbers' column, ending at the same place on every
		 * line. */
		dotw = lo_text_width(c->widths, dot->face, fe->size,
		    " .", 2);
		room = c->rtl ? fe->text_end - fe->size * TOC_GAP / 2 -
		    (fe->right + maxw) : fe->right - maxw - fe->size *
		    TOC_GAP / 2 - fe->text_end;
		n = room > dotw ? (size_t)(room / dotw) : 0;
		dots = pool_alloc(c->pool, 2 * n + 1);
		for (k = 0; k < n; k++) {
			dots[2 * k] = ' ';
			dots[2 * k + 1] = '.';
		}
		dots[2 * n] = '\0';
		dot->str = dots;
		dot->w = (double)n * dotw;
		dot->x = c->rtl ? fe->right + maxw :
		    fe->right - maxw - fe->size * TOC_GAP / 2 - dot->w;
	}
	strmap_free(&pages);
	free(f->e);
	free(f);
}

/* The title block: title, subtitle, authors and date, and a rule. */
static void
title_line(const struct lo_ctx *c, struct vlist *v, const char *s, int fam,
    int sty, double size, uint32_t rgb)
{
	struct lo_fmt f;

	memset(&f, 0, sizeof(f));
	f.size = size;
	f.fam = fam;
	f.sty = sty;
	f.rgb = rgb;
	f.nohyph = 1;
	par_set_plain(c, v, s, &f, c->left, c->width);
}

void
title_block(const struct lo_ctx *c, struct vlist *v)
{
	const struct meta *m = &c->doc->meta;
	struct buf	   b;
	size_t		   from = v->n;

	if (m->title == NULL || *m->title == '\0' || m->untitled)
		return;
	title_line(c, v, m->title, c->fam_head, LO_BOLD,
	    c->body_size * TITLE_SIZE, c->text_rgb);
	lo_tag_entries(v, from, c->doc->root, LO_TAG_TITLE);
	if (m->subtitle != NULL && *m->subtitle) {
		vl_glue(v, c->body_size * SUBTITLE_GAP);
		title_line(c, v, m->subtitle, c->fam_head, 0,
		    c->body_size * SUBTITLE_SIZE, SECONDARY_RGB);
	}
	buf_init(&b);
	for (size_t i = 0; m->authors != NULL && m->authors[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->authors[i]);
	if (m->date != NULL && *m->date)
		buf_printf(&b, "%s%s", b.len ? " \xe2\x80\x94 " : "", m->date);
	if (b.len) {
		vl_glue(v, c->body_size * BYLINE_GAP);
		title_line(c, v, b.data, c->fam_head, 0,
		    c->body_size * BYLINE_SIZE, SECONDARY_RGB);
	}
	buf_free(&b);
	lo_tag_entries(v, from, c->doc->root, LO_TAG_BYLINE);
	for (size_t i = from; i < v->n; i++)
		v->e[i].keep = 1;
	block_rule(v, c->left, c->width, c->body_size);
	/* Under the title the rule runs the full width. */
	struct lo_op *o = &v->e[v->n - 2].ops.op[0];
	o->x = c->left;
	o->w = c->width;
	o->lw = TITLE_RULE_LW;
}
