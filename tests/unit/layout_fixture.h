/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout_fixture.h - the layout engine with fake font metrics, for the
 * unit tests of tables: every glyph of every face is half an em wide,
 * so the width of any text is known by hand (at the tables' 9 pt, 4.5
 * points a character, spaces included).
 */
#ifndef QUIRE_LAYOUT_FIXTURE_H
#define QUIRE_LAYOUT_FIXTURE_H

#include <stdint.h>
#include <string.h>

#include "model/doc.h"
#include "read/parse.h"
#include "model_fixture.h"
#include "pdf/layout/layout.h"
#include "model/style.h"

/* A4 with 20 mm margins and a 10.5 pt body, as the default style had
 * them (fix_layout sets them: the tests' figures are worked out for
 * them). */
#define FIX_LEFT	(20 * 72.0 / 25.4)
#define FIX_WIDTH	(210 * 72.0 / 25.4 - 2 * FIX_LEFT)

static int
half_em(void *ctx, int face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	(void)cp;
	return 500;
}

/* Lay out Markdown text with the style st (hyphenation off, so that
 * breaks do not depend on the installed patterns).  *dp receives the
 * document, which the layout points into. */
static struct lo_doc *
fix_layout(const char *md, struct style *st, struct doc **dp)
{
	struct lo_metrics m;
	struct doc *d;

	memset(&m, 0, sizeof(m));
	m.advance = half_em;
	style_set(st, "pdf.hyphenate", "false");
	style_set(st, "pdf.margin.top", "20mm");
	style_set(st, "pdf.margin.bottom", "20mm");
	style_set(st, "pdf.margin.left", "20mm");
	style_set(st, "pdf.margin.right", "20mm");
	style_set(st, "pdf.size.body", "10.5");
	d = fixture_parse("t.md", md, strlen(md), st);
	*dp = d;
	return layout_document(d, st, &m, NULL);
}

/* The first text operation on page pg whose string is s, with its final
 * position in *o; 0 when there is none. */
static int
fix_find(const struct lo_doc *ld, size_t pg, const char *s, struct lo_op *o)
{
	size_t run = 0, i = 0;

	if (pg >= ld->npages)
		return 0;
	while (lo_page_next(&ld->pages[pg], &run, &i, o))
		if (o->type == LO_TEXT && o->str != NULL &&
		    strcmp(o->str, s) == 0)
			return 1;
	return 0;
}

#endif
