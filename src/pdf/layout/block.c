/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * block.c - block nodes to vertical entries: headings, paragraphs, lists,
 * quotes, code, rules, images and the title block.
 *
 * Every block appends entries (lines, glue) to a vertical list; page.c
 * cuts that list into pages.  Decorations that run alongside the text (a
 * quote's bar, a code block's shade) are drawn per entry, so a block split
 * across pages decorates both halves without any special case.
 *
 * Blocks are set into a struct lo_column (block.h): where, at what size,
 * how far apart and whether ragged.  A list or quote passes a narrower
 * copy to its children, a table cell a column of its own (table.c), so
 * nothing is changed in the shared context on the way down.
 */
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "front.h"
#include "util/buf.h"
#include "code.h"
#include "bidi.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "inline.h"
#include "metrics.h"
#include "params.h"
#include "pool.h"
#include "model/style.h"
#include "table.h"
#include "tagref.h"
#include "vlist.h"
#include "util/utf8.h"

/* Widows and orphans: no page break after a first line or before a last. */
static void
keep_lines(struct vlist *v, size_t from)
{
	size_t n = v->n - from;

	if (n < 2)
		return;
	v->e[from].keep = 1;
	v->e[v->n - 2].keep = 1;
}

static struct lo_fmt
body_fmt(const struct lo_ctx *c, double size)
{
	struct lo_fmt f;

	memset(&f, 0, sizeof(f));
	f.fam = c->fam_body;
	f.size = size;
	f.rgb = c->text_rgb;
	return f;
}

/* A paragraph of n's inlines, led by prefix (a section number) when it
 * is not NULL. */
static void
numbered_paragraph(const struct lo_ctx *c, struct vlist *v,
    const struct node *n, const struct lo_column *col, const struct lo_fmt *f,
    int align, const char *prefix)
{
	struct lo_par	p;
	size_t		from = v->n;

	if (align == AL_NONE || (align == AL_START && col->align != AL_NONE))
		align = col->align;
	par_take(c, &p);
	p.dir = bidi_source_dir(n);
	if (prefix != NULL) {
		par_add_text(c, &p, prefix, f);
		par_add_text(c, &p, "  ", f);
	}
	par_add_inlines(c, &p, n, f);
	par_finish(&p);
	par_set(c, &p, v, col->x, col->width, f->size, align, col->ragged);
	par_give(c, &p);
	keep_lines(v, from);
}

static void
paragraph(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *f, int align)
{
	numbered_paragraph(c, v, n, col, f, align, NULL);
}

static void
heading(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	static const double scale[7] = HEADING_SIZES;
	int		lvl = n->u.heading.level < 1 ? 1 :
			    n->u.heading.level > 6 ? 6 : n->u.heading.level;
	struct lo_fmt	f = body_fmt(c, col->size * scale[lvl]);
	struct buf	b;
	size_t		from = v->n, at;

	/* Levels 5 and 6 in the text's bold italic: Linux Biolinum has no
	 * bold italic, and its light italic reads as emphasis. */
	f.fam = lvl >= 5 ? c->fam_body : c->fam_head;
	f.sty = lvl >= 5 ? LO_BOLD | LO_ITALIC : LO_BOLD;
	vl_glue(v, f.size * (lvl <= 2 ? HEAD_SKIP_TOP : HEAD_SKIP));
	at = v->n;
	numbered_paragraph(c, v, n, col, &f, col->align == AL_CENTER ?
	    AL_CENTER : AL_START, n->u.heading.number);
	/* The mark goes on the heading's first line, not on the space
	 * above it: that space is dropped at the top of a page. */
	while (at < v->n && v->e[at].kind == V_GLUE)
		at++;
	if (at == v->n)
		return;
	buf_init(&b);
	if (n->u.heading.number != NULL)
		buf_printf(&b, "%s ", n->u.heading.number);
	doc_text(n, &b, 0);
	v->e[at].mark_id = n->u.heading.id;
	v->e[at].mark_title = pool_strdup(c->pool, b.data ? b.data : "");
	/* The outline nests a book's chapters as its contents do. */
	v->e[at].mark_level = n->u.heading.outline > 0 ?
	    n->u.heading.outline : lvl;
	buf_free(&b);
	for (size_t i = from; i < v->n; i++)
		v->e[i].keep = 1;
	/* A hairline under top-level headings, unless centred (a part's)
	 * or a rule or a table (its heavy top rule) follows at once: rules
	 * stacked within a few lines read as clutter, not as structure. */
	if (lvl <= 2 && col->align != AL_CENTER && (n->next == NULL ||
	    (n->next->type != N_RULE && n->next->type != N_TABLE))) {
		struct lo_entry *e = &v->e[v->n - 1];
		struct lo_op *o = ops_push(&e->ops);

		o->type = LO_LINE;
		o->x = col->x;
		o->y = e->h + HEAD_RULE_GAP;
		o->w = col->width;
		o->lw = HEAD_RULE_LW;
		o->rgb = RULE_RGB;
	}
	vl_glue(v, f.size * HEAD_SKIP_BELOW);
}

void
block_rule(struct vlist *v, double x, double width, double size)
{
	struct lo_entry	*e;
	struct lo_op	*o;

	vl_glue(v, size * RULE_SKIP);
	e = vl_push(v, V_BOX, size * RULE_HEIGHT);
	/* A rule separates; at the top of a page it would separate nothing. */
	e->drop_at_top = 1;
	o = ops_push(&e->ops);
	o->type = LO_LINE;
	o->x = x + width * RULE_INDENT;
	o->y = size * RULE_RISE;
	o->w = width * RULE_LENGTH;
	o->lw = RULE_LW;
	o->rgb = RULE_RGB;
	vl_glue(v, size * RULE_SKIP);
}

/* A marker's runs of characters in one face: a task's box comes from
 * the fallback font when the body font has none.  Returns how many. */
static size_t
marker_runs(const struct lo_ctx *c, const char *s, struct lo_op *run,
    size_t max)
{
	size_t	 i, k, n = 0, len = strlen(s), start = 0;
	uint32_t cp;
	int	 used, face = LO_FACE(c->fam_body, 0);

	for (i = 0; i < len && n < max; i += k) {
		k = lo_face_run(c->widths, face, s + i, len - i, &used, &cp);
		if (used < 0)
			used = face;	/* '?' in the face itself */
		if (n > 0 && run[n - 1].face == used)
			continue;
		if (n > 0)
			run[n - 1].str = pool_strndup(c->pool, s + start,
			    i - start);
		memset(&run[n], 0, sizeof(run[n]));
		run[n++].face = used;
		start = i;
	}
	if (n > 0)
		run[n - 1].str = pool_strndup(c->pool, s + start, i - start);
	return n;
}

/* A marker on entry e, ending at x (beginning there, at the right of
 * the text, in a right-to-left document). */
static void
list_marker(const struct lo_ctx *c, struct lo_entry *e, const char *s,
    double x, double size)
{
	struct lo_op	 run[4];
	double		 y = lo_baseline(size, c->lead), x0 = x;
	size_t		 n = marker_runs(c, s, run, 4), k;

	for (size_t i = 0; i < e->ops.n; i++)
		if (e->ops.op[i].type == LO_TEXT) {
			y = e->ops.op[i].y;
			break;
		}
	for (k = 0; k < n; k++) {
		run[k].type = LO_TEXT;
		run[k].size = size;
		run[k].rgb = c->text_rgb;
		run[k].w = lo_text_width(c->widths, run[k].face, size,
		    run[k].str, strlen(run[k].str));
		run[k].y = y;
		x -= run[k].w;
	}
	if (c->rtl)
		x = x0;
	/* The marker goes first in the entry, so text extraction reads
	 * "• item" and not "item •". */
	for (k = 0; k < n; k++)
		ops_push(&e->ops);
	memmove(e->ops.op + n, e->ops.op, (e->ops.n - n) * sizeof(*run));
	for (k = 0; k < n; k++) {
		run[k].x = x;
		x += run[k].w;
		e->ops.op[k] = run[k];
	}
}

/* How deep a list sits in lists, counted from its container (a quote,
 * alert, details, cell or note: a list there starts with "•"). */
static int
list_level(const struct node *list)
{
	int level = 0;

	for (const struct node *p = list->parent; p != NULL &&
	    p->type == N_ITEM && p->parent != NULL &&
	    p->parent->type == N_LIST; p = p->parent->parent)
		level++;
	return level;
}

/* An item's marker: its number or the bullet of its depth, and for a
 * task the box, ticked or not (U+2611, U+2610), instead of the bullet
 * or after the number. */
static void
item_mark(const struct node *list, const struct node *it, int num,
    int depth, int rtl, char *mark, size_t size)
{
	static const char *bullets[3] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
	    "\xe2\x80\x93" };
	const char *box = it->u.item.task == TASK_DONE ? "\xe2\x98\x91" :
	    it->u.item.task == TASK_OPEN ? "\xe2\x98\x90" : NULL;

	char delim = list->u.list.delim ? list->u.list.delim : '.';

	/* Right to left, "3." reads from the right: the number, then the
	 * point (or the bracket, mirrored) at its left, then the box. */
	if (list->u.list.ordered && rtl)
		snprintf(mark, size, "%s%s%c%d", box ? box : "", box ? " " : "",
		    delim == ')' ? '(' : delim, num);
	else if (list->u.list.ordered)
		snprintf(mark, size, "%d%c%s%s", num, delim, box ? " " : "",
		    box ? box : "");
	else
		snprintf(mark, size, "%s", box ? box : bullets[depth % 3]);
}

/* The column of a list's items, a quote's or a definition's blocks:
 * col indented at the start of its lines, the left or (right to left)
 * the right. */
static void
indent_column(const struct lo_ctx *c, struct lo_column *inner,
    const struct lo_column *col, double indent)
{
	*inner = *col;
	inner->x = c->rtl ? col->x : col->x + indent;
	inner->width = col->width - indent;
	inner->depth = col->depth + 1;
}

/* Where a bar w wide beside col goes: bx from its start edge. */
static double
bar_x(const struct lo_ctx *c, const struct lo_column *col, double bx,
    double w)
{
	return c->rtl ? col->x + col->width - bx - w : col->x + bx;
}

static void
list(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	double	size = col->size;
	/* Deep nesting stops indenting once the measure gets narrow. */
	double	indent = col->width > size * MIN_INDENT_MEASURE ?
		    size * LIST_INDENT : 0;
	struct lo_column item = *col;
	int	num = n->u.list.start;
	char	mark[32];

	/* Markers hang in the indent; make it wide enough for the widest
	 * number (and its task's box). */
	if (n->u.list.ordered && indent > 0) {
		int k = num;

		for (const struct node *it = n->first; it; it = it->next, k++) {
			struct lo_op run[4];
			size_t nr;
			double w = size * LIST_MARK_GAP;

			item_mark(n, it, k, list_level(n), c->rtl, mark,
			    sizeof(mark));
			nr = marker_runs(c, mark, run, 4);
			for (size_t r = 0; r < nr; r++)
				w += lo_text_width(c->widths, run[r].face,
				    size, run[r].str, strlen(run[r].str));
			if (w > indent)
				indent = w;
		}
	}

	indent_column(c, &item, col, indent);
	vl_glue(v, col->skip * LIST_SKIP);
	for (const struct node *it = n->first; it != NULL; it = it->next) {
		size_t from = v->n;

		item_mark(n, it, num++, list_level(n), c->rtl, mark,
		    sizeof(mark));
		blocks(c, v, it->first, &item);
		/* The marker sits on the item's first line. */
		while (from < v->n && v->e[from].kind != V_BOX)
			from++;
		if (from < v->n)
			list_marker(c, &v->e[from], mark, c->rtl ?
			    item.x + item.width + size * LIST_MARK_GAP :
			    item.x - size * LIST_MARK_GAP, size);
		if (from < v->n)	/* the marker is the item's label */
			lo_tag_ops(&v->e[from].ops, it, LO_TAG_LBL);
		if (it->next != NULL)
			vl_glue(v, n->u.list.tight ? size * TIGHT_SKIP :
			    col->skip);
	}
	vl_glue(v, col->skip * LIST_SKIP);
}

/* A bar at x beside the entries from `from` on, spaces at either end
 * left out: drawn per entry, so it follows the block across pages. */
static void
side_bar(struct vlist *v, size_t from, double x, double w, uint32_t rgb)
{
	size_t to = v->n;

	while (from < to && v->e[from].kind == V_GLUE)
		from++;
	while (to > from && v->e[to - 1].kind == V_GLUE)
		to--;
	for (size_t i = from; i < to; i++) {
		struct lo_op *o = ops_push(&v->e[i].ops);

		o->type = LO_RECT;
		o->x = x;
		o->w = w;
		o->h = v->e[i].h;
		o->rgb = rgb;
	}
}

static void
quote(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	double	indent = col->width > col->size * MIN_INDENT_MEASURE ?
		    col->size * QUOTE_INDENT : 0;
	struct lo_column inner = *col;
	size_t	from;

	indent_column(c, &inner, col, indent);
	vl_glue(v, col->skip);
	/* A zero-height anchor so the bar starts with the quote. */
	from = v->n;
	blocks(c, v, n->first, &inner);
	side_bar(v, from, bar_x(c, col, QUOTE_BAR_X, QUOTE_BAR_W), QUOTE_BAR_W,
	    QUOTE_BAR_RGB);
	vl_glue(v, col->skip);
}

/*
 * A GitHub alert: set as a quote is, under its title (the style's, in
 * the language of the document), the bar and the title in the colour of
 * its kind, as GitHub shows them.  The title stays with the text.
 */
static void
alert(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	static const uint32_t rgb[] = ALERT_RGB;
	double	indent = col->width > col->size * MIN_INDENT_MEASURE ?
		    col->size * QUOTE_INDENT : 0;
	struct lo_column inner = *col;
	struct lo_fmt f = body_fmt(c, col->size);
	size_t	from;

	indent_column(c, &inner, col, indent);
	f.fam = c->fam_head;
	f.sty = LO_BOLD;
	f.rgb = rgb[n->u.alert.kind];
	f.nohyph = 1;
	vl_glue(v, col->skip);
	from = v->n;
	par_set_plain(c, v, c->st->alert_title[n->u.alert.kind], &f, inner.x,
	    inner.width);
	for (size_t i = from; i < v->n; i++)
		v->e[i].keep = 1;
	vl_glue(v, col->size * ALERT_TITLE_GAP);
	blocks(c, v, n->first, &inner);
	side_bar(v, from, bar_x(c, col, QUOTE_BAR_X, ALERT_BAR_W), ALERT_BAR_W,
	    rgb[n->u.alert.kind]);
	vl_glue(v, col->skip);
}

/* The one image of a paragraph holding nothing else, or NULL. */
/* The one image of a paragraph holding nothing else (white space
 * aside), or NULL; an image that is a link's only content counts, and
 * *link is set to that link. */
static const struct node *
lone_image(const struct node *par, const struct node **link)
{
	const struct node *img = NULL;

	*link = NULL;
	for (const struct node *k = par->first; k != NULL; k = k->next) {
		if (k->type == N_TEXT && strspn(k->text, " ") ==
		    strlen(k->text))
			continue;
		if (img != NULL)
			return NULL;
		if (k->type == N_IMAGE)
			img = k;
		else if (k->type == N_LINK && k->first != NULL &&
		    k->first == k->last && k->first->type == N_IMAGE) {
			img = k->first;
			*link = k;
		} else
			return NULL;
	}
	return img;
}

/* An image's size in points: the size the author gave (CSS pixels are
 * 3/4 of a point), one side giving the other by the picture's aspect,
 * else its natural size. */
static void
image_size(const struct node *img, double *w, double *h)
{
	double aw = img->u.link.width * PX, ah = img->u.link.height * PX;

	if (aw > 0 && ah > 0) {
		*w = aw;
		*h = ah;
	} else if (aw > 0) {
		*h *= aw / *w;
		*w = aw;
	} else if (ah > 0) {
		*w *= ah / *h;
		*h = ah;
	}
}

/*
 * A paragraph that is just an image becomes a figure: the image scaled to
 * fit the column (and most of a page), centred, its alt text below as a
 * caption.  Remote images are not fetched: their alt text stands in.
 */
static int
image_block(const struct lo_ctx *c, struct vlist *v, const struct node *img,
    const struct node *link, const struct lo_column *col)
{
	double		 x = col->x, width = col->width;
	const char	*path = img->u.link.path;
	double		 maxh = (c->bottom - c->top) * FIGURE_MAX_H;
	double		 w, h, k = 1;
	struct lo_entry	*e;
	struct lo_op	*o;

	if (lo_image_natural(c, img, &w, &h) != 0)
		return 0;
	image_size(img, &w, &h);
	if (w > width)
		k = width / w;
	if (h * k > maxh)
		k = maxh / h;
	w *= k;
	h *= k;
	vl_glue(v, col->skip);
	e = vl_push(v, V_BOX, h);
	e->keep = img->first != NULL && !col->captioned;
	o = ops_push(&e->ops);
	o->type = LO_IMAGE;
	o->tag = img;
	o->x = col->align == AL_LEFT ? x : col->align == AL_RIGHT ?
	    x + width - w : x + (width - w) / 2;
	o->w = w;
	o->h = h;
	o->str = path;
	if (link != NULL && link_dest(c, link) != NULL) {
		/* A linked picture (a logo, a badge): the picture is the
		 * link. */
		struct lo_op *l = ops_push(&e->ops);

		l->type = LO_LINK;
		l->x = o->x;
		l->w = w;
		l->h = h;
		l->str = link_dest(c, link);
		l->tag = link;		/* its Link holds the Figure */
	}
	if (img->first != NULL && !col->captioned) {
		struct lo_fmt f = body_fmt(c, col->size * CAPTION_SIZE);

		f.sty = LO_ITALIC;
		vl_glue(v, col->size * CAPTION_GAP);
		v->e[v->n - 1].keep = 1;
		paragraph(c, v, img, col, &f, AL_CENTER);
	}
	vl_glue(v, col->skip);
	return 1;
}

/* A paragraph of the body: a figure when it is a lone image. */
static void
body_paragraph(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *f)
{
	const struct node *img, *link;
	size_t from;

	if (n->first == NULL)
		return;
	if ((img = lone_image(n, &link)) != NULL &&
	    image_block(c, v, img, link, col))
		return;
	/* Also before the first of a <div> that follows a block. */
	if (n->prev != NULL || (n->parent != NULL &&
	    n->parent->type == N_DIV && n->parent->prev != NULL))
		vl_glue(v, col->skip);
	from = v->n;
	paragraph(c, v, n, col, f, AL_NONE);
	/* A paragraph all in bold ("Essential Skills:") is a run-in
	 * heading: keep it with what follows. */
	if (n->first != NULL && n->first == n->last &&
	    n->first->type == N_STRONG && n->next != NULL)
		for (size_t i = from; i < v->n; i++)
			v->e[i].keep = 1;
}

static int	block(const struct lo_ctx *, struct vlist *, const struct node *,
		    const struct lo_column *, const struct lo_fmt *);

/* A block container whose paragraphs are aligned (<div align>). */
static void
div_block(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	struct lo_column inner = *col;

	if (n->u.div.align != AL_NONE)
		inner.align = n->u.div.align;
	inner.depth = col->depth + 1;
	blocks(c, v, n->first, &inner);
}

/* A paragraph in one style, kept with what follows (a summary, a
 * definition's term, a caption above). */
static void
lead_paragraph(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *f, int align)
{
	size_t from = v->n;

	if (n->first == NULL)
		return;
	vl_glue(v, col->skip);
	paragraph(c, v, n, col, f, align);
	for (size_t i = from; i < v->n; i++)
		v->e[i].keep = 1;
}

/* Details, printed open: the summary as a bold lead line; a figure: its
 * blocks centred, its caption below in small italics. */
static void
details_or_figure(const struct lo_ctx *c, struct vlist *v,
    const struct node *n, const struct lo_column *col,
    const struct lo_fmt *body)
{
	struct lo_column inner = *col;
	struct lo_fmt f = *body;

	inner.depth = col->depth + 1;
	if (n->type == N_FIGURE && inner.align == AL_NONE)
		inner.align = AL_CENTER;
	inner.captioned = n->type == N_FIGURE && n->last != NULL &&
	    n->last->type == N_CAPTION;
	for (const struct node *k = n->first; k != NULL; k = k->next) {
		size_t from = v->n;

		if (k->type == N_SUMMARY) {
			f = *body;
			f.sty |= LO_BOLD;
			lead_paragraph(c, v, k, &inner, &f, AL_NONE);
		} else if (k->type == N_CAPTION) {
			f = body_fmt(c, col->size * CAPTION_SIZE);
			f.sty = LO_ITALIC;
			if (v->n > 0)
				v->e[v->n - 1].keep = 1;
			vl_glue(v, col->size * CAPTION_GAP);
			v->e[v->n - 1].keep = 1;
			paragraph(c, v, k, &inner, &f, AL_CENTER);
		} else if (block(c, v, k, &inner, body))
			break;
		/* A summary's or caption's lines are its own (tagref.h). */
		lo_tag_entries(v, from, k, LO_TAG_SELF);
	}
}

/* A definition list: each term in bold, kept with its definition, which
 * hangs indented below it. */
static void
deflist(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *body)
{
	double indent = col->width > col->size * MIN_INDENT_MEASURE ?
	    col->size * DEF_INDENT : 0;
	struct lo_column inner = *col;
	struct lo_fmt f = *body;

	indent_column(c, &inner, col, indent);
	f.sty |= LO_BOLD;
	for (const struct node *k = n->first; k != NULL; k = k->next)
		if (k->type == N_DEFTERM)
			lead_paragraph(c, v, k, col, &f, AL_NONE);
		else {
			vl_glue(v, col->size * DEF_SKIP);
			blocks(c, v, k->first, &inner);
		}
	vl_glue(v, col->skip);
}

/* A block the PDF cannot draw (yet): its blocks, or its inlines as a
 * paragraph. */
static void
fallback(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *f)
{
	if (n->first != NULL && doc_is_block(n->first))
		blocks(c, v, n->first, col);
	else if (n->first != NULL)
		paragraph(c, v, n, col, f, AL_NONE);
}

void
chapter_start(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    size_t from, int *pending)
{
	while (from < v->n && v->e[from].kind == V_GLUE)
		from++;
	if (!*pending || from == v->n)
		return;
	*pending = 0;
	/* Links to the file lead to its first line. */
	v->e[from].anchor = n->u.chapter.id;
	/* Each input file after the first starts a page. */
	if (c->chapter_break && n->u.chapter.index > 0)
		v->e[from].page_break = 1;
}

void
chapter_part(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct node *first, const struct node *stop,
    const struct lo_column *col, int *pending)
{
	struct lo_fmt	 f = body_fmt(c, col->size);
	size_t		 from = v->n;
	struct lo_column part = *col;

	if (n->u.chapter.part && first == n->first) {	/* centred, lower */
		front_drop(c, v);
		part.align = AL_CENTER;
	}
	for (const struct node *k = first; k != stop; k = k->next)
		if (block(c, v, k, &part, &f))
			break;
	chapter_start(c, v, n, from, pending);
	/* A part's anchor goes on its title, whose line the running foot
	 * takes a chapter's name from; the page breaks above the drop. */
	for (size_t i = from + 1; part.align == AL_CENTER && i < v->n &&
	    v->e[from].anchor != NULL; i++)
		if (v->e[i].mark_id != NULL) {
			v->e[i].anchor = v->e[from].anchor;
			v->e[from].anchor = NULL;
		}
}

/* One block; returns 1 when it was an inline among blocks, which sets
 * all its siblings as one paragraph. */
static int
block(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col, const struct lo_fmt *f)
{
	struct lo_par p;
	int pending;
	size_t from = v->n;

	if (n->file != NULL)
		par_source(c, n->file);
	switch (n->type) {
	case N_HEADING:
		heading(c, v, n, col);
		break;
	case N_PARAGRAPH:
		body_paragraph(c, v, n, col, f);
		break;
	case N_LIST:
		list(c, v, n, col);
		break;
	case N_QUOTE:
		quote(c, v, n, col);
		break;
	case N_ALERT:
		alert(c, v, n, col);
		break;
	case N_CODE_BLOCK:
		code_block(c, v, n, col);
		break;
	case N_RULE:
		block_rule(v, col->x, col->width, col->size);
		break;
	case N_TABLE:
		table_block(c, v, n, col);
		break;
	case N_CHAPTER:		/* one input file's blocks */
		pending = 1;
		chapter_part(c, v, n, n->first, NULL, col, &pending);
		break;
	case N_DIV:
		div_block(c, v, n, col);
		break;
	case N_DETAILS:
	case N_FIGURE:
		details_or_figure(c, v, n, col, f);
		break;
	case N_DEFLIST:
		deflist(c, v, n, col, f);
		break;
	case N_PAGEBREAK:	/* the next entry starts a page (page.c) */
		vl_push(v, V_GLUE, 0)->page_break = 1;
		break;
	default:
		if (!doc_is_inline(n)) {
			/* What the PDF cannot show (yet): its content. */
			emit_fallback_warn(c->unshown, n, "PDF");
			fallback(c, v, n, col, f);
			break;
		}
		par_take(c, &p);
		par_add_inlines(c, &p, n->parent, f);
		par_finish(&p);
		par_set(c, &p, v, col->x, col->width, f->size, AL_NONE,
		    col->ragged);
		par_give(c, &p);
		lo_tag_entries(v, from, n->parent, LO_TAG_SELF);
		return 1;
	}
	lo_tag_entries(v, from, n, LO_TAG_SELF);
	return 0;
}

void
blocks_until(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct node *stop, const struct lo_column *col)
{
	struct lo_fmt f = body_fmt(c, col->size);

	for (; n != stop; n = n->next)
		if (block(c, v, n, col, &f))
			return;
}

void
blocks(const struct lo_ctx *c, struct vlist *v, const struct node *n,
    const struct lo_column *col)
{
	blocks_until(c, v, n, NULL, col);
}
