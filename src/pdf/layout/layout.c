/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout.c - the engine's entry point: page geometry and sizes from the
 * style into the context, then blocks, then pages.
 *
 * This file makes each module's state (the pool, the width cache, the
 * hyphenator, the line breaker's and the paragraph setter's scratch)
 * through that module's own functions, and frees it the same way: it
 * never touches another module's fields.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "block.h"
#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "foot.h"
#include "front.h"
#include "hyph.h"
#include "inline.h"
#include "linebreak.h"
#include "metrics.h"
#include "page.h"
#include "params.h"
#include "pool.h"
#include "release.h"
#include "split.h"
#include "model/style.h"
#include "vlist.h"

#define MM	(72.0 / 25.4)

static void
geometry(struct lo_ctx *c)
{
	const struct pdf_style *st = &c->st->pdf;

	c->pw = c->doc->set.page_width;
	c->ph = c->doc->set.page_height;
	c->mt = st->margin_top;
	c->mb = st->margin_bottom;
	c->ml = st->margin_left;
	c->mr = st->margin_right;
	if (c->ml + c->mr > c->pw - 72 || c->mt + c->mb > c->ph - 144) {
		diag_warn(NULL, 0, "margins leave no room for text; "
		    "using 20mm");
		c->ml = c->mr = c->mt = c->mb = 20 * MM;
	}
	c->left = c->ml;
	c->width = c->pw - c->ml - c->mr;
	c->top = c->mt;
	/* The footer lives inside the bottom margin's edge of the text
	 * area, so every mark on the page stays within the margins. */
	c->bottom = c->ph - c->mb - FOOTER_ROOM;
}

static void
sizes(struct lo_ctx *c)
{
	const struct pdf_style *st = &c->st->pdf;

	c->body_size = st->size_body;
	c->code_size = st->size_code;
	c->table_size = st->size_table;
	/* Tables shrink to their floor, which a small table size lowers. */
	c->table_floor = st->size_table_min <= c->table_size ?
	    st->size_table_min : c->table_size;
	c->lead = st->leading;
	c->par_skip = c->body_size * PAR_SKIP;
	c->ragged = !st->justify;
	c->chapter_break = st->chapter_page_break;
	c->tagged = st->tagged;
	c->fam_body = FAM_SERIF;
	c->fam_head = FAM_SANS;
	c->fam_mono = FAM_MONO;
	c->text_rgb = TEXT_RGB;
	c->link_rgb = LINK_RGB;
}

/*
 * The pages are made: what they draw is the operations their runs point
 * to.  The vertical lists' entries (a tenth of the layout's memory on a
 * reference full of tables) go now, not after the drawing, and each
 * page's list of runs is cut to its size.
 */
static void
release_lists(struct lo_doc *out)
{
	for (size_t i = 0; i < out->nvlists; i++)
		vl_release(&out->vlists[i], &out->heapops, &out->nheapops,
		    &out->capheapops);
	for (size_t i = 0; i < out->npages; i++) {
		struct lo_page *pg = &out->pages[i];

		if (pg->cap > pg->n && pg->n > 0) {
			pg->runs = xrealloc(pg->runs, pg->n *
			    sizeof(*pg->runs));
			pg->cap = pg->n;
		}
	}
}

struct lo_doc *
layout_document(const struct doc *d, const struct style *st,
    const struct lo_metrics *m, struct runner *run)
{
	struct lo_ctx	 c;
	struct vlist	*v;
	struct lo_column body;
	struct lo_doc	*out;
	struct front	*toc = NULL;
	size_t		 i;

	/* The smallest page there is room on: the 20 mm margins geometry()
	 * falls back to, around an inch of text across and two down.
	 * libharu would fail on a smaller one with only an error number. */
	if (d->set.page_width < STYLE_PAGE_MIN_WIDTH ||
	    d->set.page_height < STYLE_PAGE_MIN_HEIGHT) {
		diag_error(NULL, 0, "the page is %gpt by %gpt: too small for "
		    "any text (pdf.page.width at least %.0fpt, 66mm; "
		    "pdf.page.height at least %.0fpt, 91mm)",
		    d->set.page_width, d->set.page_height,
		    ceil(STYLE_PAGE_MIN_WIDTH), ceil(STYLE_PAGE_MIN_HEIGHT));
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.doc = d;
	c.st = st;
	c.run = run;
	c.split = split_guard(m, run);
	c.m = c.split != NULL ? split_metrics(c.split) : m;
	c.pool = pool_new();
	c.widths = widths_new(c.m);
	c.kp = kp_new();
	c.par = par_state_new();
	c.unshown = xcalloc(N_TYPE_COUNT, sizeof(*c.unshown));
	out = xcalloc(1, sizeof(*out));
	out->pool = c.pool;
	c.out = out;
	geometry(&c);
	sizes(&c);
	c.rtl = d->set.dir == TD_RTL;
	c.dir_auto = d->set.dir_auto;
	out->pw = c.pw;
	out->ph = c.ph;
	if (st->pdf.hyphenate)
		c.hyph = hyph_open(d->meta.lang);

	/* The body text column; lists, quotes and table cells narrow it. */
	body.x = c.left;
	body.width = c.width;
	body.size = c.body_size;
	body.skip = c.par_skip;
	body.ragged = c.ragged;
	body.depth = 0;
	body.align = AL_NONE;
	body.captioned = 0;
	v = out->vlists = xcalloc(3, sizeof(*out->vlists));
	out->nvlists = 3;
	/* A title page, the contents and the body are paginated in turn:
	 * each starts a page.  Without a title page the title heads page
	 * 1: above the contents, or the body. */
	/* The title comes from the first file's front matter: warnings
	 * about it name that file. */
	if (d->root != NULL && d->root->first != NULL)
		par_source(&c, d->root->first->file);
	if (d->set.titlepage)
		front_titlepage(&c, &v[0]);
	else
		title_block(&c, &v[d->set.toc ? 1 : 2]);
	if (d->root != NULL)
		split_body(&c, &v[2], d->root, &body);
	if (d->set.toc)
		toc = front_contents(&c, &v[1], &v[2], doc_contents_depth(d,
		    d->set.pdf_toc_depth), st->epub.toc_title);
	for (i = 0; i < 3; i++)
		if (v[i].n > 0 || i == 2)
			paginate(&c, &v[i], i == 2);
	if (toc != NULL)
		front_numbers(&c, toc);
	/* Running heads name the chapter in a book. */
	paginate_footers(&c, d->book || d->set.toc,
	    d->set.titlepage);
	release_lists(out);
	hyph_close(c.hyph);
	kp_free(c.kp);
	par_state_free(c.par);
	widths_free(c.widths);
	free(c.unshown);
	split_guard_free(c.split);
	out->release = release_plan(out, out->pool);
	return out;
}

void
layout_page_drawn(struct lo_doc *d, size_t k)
{
	release_page(d->release, d, k);
}

void
layout_free(struct lo_doc *d)
{
	if (d == NULL)
		return;
	release_free(d->release);
	for (size_t i = 0; i < d->npages; i++)
		free(d->pages[i].runs);
	for (size_t i = 0; i < d->nvlists; i++)
		vl_free(&d->vlists[i]);
	for (size_t i = 0; i < d->nheapops; i++)
		free(d->heapops[i]);
	free(d->heapops);
	free(d->vlists);
	foot_free(d->foot);
	free(d->pages);
	free(d->marks);
	pool_free(d->pool);
	free(d);
}
