/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * style.c - the style file as typed settings (see style.h).
 *
 * One table names every key, its type, where it goes and its default;
 * the defaults are applied by parsing the same strings a style file would
 * hold, so there is a single parser for every value.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "builtin.h"
#include "util/diag.h"
#include "model/doc.h"
#include "util/input.h"
#include "util/paper.h"
#include "model/style.h"
#include "util/yaml_flat.h"

enum ktype {
	K_STR,		/* any text */
	K_CHOICE,	/* one of k->choices; stored as the chosen string or,
			   with an int slot, its index */
	K_NUM,		/* a number */
	K_LEN,		/* a length (pt, mm, cm, in) */
	K_INT,		/* a whole number */
	K_BOOL,		/* true/false, yes/no, on/off, 1/0 */
	K_TRI,		/* auto, or a boolean */
	K_LIST,		/* a sequence, read entry by entry (key.0, key.1...) */
	K_COLOR,	/* "#rrggbb" into an int slot */
	K_PAPER		/* auto, or a paper libpaper knows (paper.h) */
};

struct key {
	const char		*name;
	enum ktype		 type;
	size_t			 off;		/* in struct style */
	const char		*def;		/* NULL: unset (K_STR) */
	double			 lo, hi;	/* K_NUM, K_LEN, K_INT */
	const char *const	*choices;	/* K_CHOICE */
	int			 as_index;	/* K_CHOICE into an int */
};

#define OFF(f)	offsetof(struct style, f)

/* Faces drawn for print that go together: Charis SIL's text, Linux
 * Biolinum's humanist headings (its x-height a little under Charis's,
 * so headings do not shout), and Anonymous Pro, a monospace narrow
 * enough (0.546 em) that an 80-column listing fits the 130 mm block at
 * the code size, with a slashed zero and the box-drawing set of tree
 * listings.  All three cover Latin, Greek and Cyrillic; DejaVu Sans,
 * the fallback, covers much more. */
static const char *const fonts[STYLE_NFONTS] = {
	"Charis SIL", "Linux Biolinum O", "Anonymous Pro", "DejaVu Sans",
	"Droid Sans Fallback",
};
/* Each role's spare, for a machine without the faces above: DejaVu's,
 * in fonts-dejavu-core, which the fallback needs anyway; a monospace
 * for code above all, which fontconfig would not pick for a family it
 * does not know. */
static const char *const spare_fonts[STYLE_NFONTS] = {
	"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono", "DejaVu Sans",
	"Droid Sans Fallback",
};
static const char *const man_tables[] = { "auto", "grid", "stacked", NULL };
static const char *const code_themes[] = { "default", "mono", NULL };
static const char *const numbering[] = { "document", "chapter", NULL };

_Static_assert(STYLE_CODE_CLASSES == CC_COUNT,
    "a colour key for every token class");

#define CODE_COLOR(cls, name) \
	{ "code.colors." name, K_COLOR, OFF(code.colors[cls]), NULL, 0, 0, \
	    NULL, 0 }

static const struct key keys[] = {
	{ "code.highlight", K_BOOL, OFF(code.highlight), "true", 0, 0, NULL, 0 },
	{ "code.theme", K_CHOICE, OFF(code.theme), "default", 0, 0, code_themes, 1 },
	CODE_COLOR(CC_KEYWORD, "keyword"),
	CODE_COLOR(CC_TYPE, "type"),
	CODE_COLOR(CC_STRING, "string"),
	CODE_COLOR(CC_NUMBER, "number"),
	CODE_COLOR(CC_COMMENT, "comment"),
	CODE_COLOR(CC_PREPROC, "preproc"),
	CODE_COLOR(CC_FUNCTION, "function"),
	CODE_COLOR(CC_OPERATOR, "operator"),
	CODE_COLOR(CC_VARIABLE, "variable"),
	CODE_COLOR(CC_CONSTANT, "constant"),
	CODE_COLOR(CC_INSERTED, "inserted"),
	CODE_COLOR(CC_DELETED, "deleted"),
	{ "markdown.smart", K_BOOL, OFF(markdown.smart), "false", 0, 0, NULL, 0 },
	{ "markdown.footnotes", K_CHOICE, OFF(markdown.footnotes), "document", 0, 0, numbering, 1 },
	{ "alerts.note", K_STR, OFF(alert_title[0]), "Note", 0, 0, NULL, 0 },
	{ "alerts.tip", K_STR, OFF(alert_title[1]), "Tip", 0, 0, NULL, 0 },
	{ "alerts.important", K_STR, OFF(alert_title[2]), "Important", 0, 0, NULL, 0 },
	{ "alerts.warning", K_STR, OFF(alert_title[3]), "Warning", 0, 0, NULL, 0 },
	{ "alerts.caution", K_STR, OFF(alert_title[4]), "Caution", 0, 0, NULL, 0 },
	{ "pdf.paper", K_PAPER, OFF(pdf.paper), "auto", 0, 0, NULL, 0 },
	{ "pdf.page.width", K_LEN, OFF(pdf.page_width), "0", 0, 14400, NULL, 0 },
	{ "pdf.page.height", K_LEN, OFF(pdf.page_height), "0", 0, 14400, NULL, 0 },
	{ "pdf.margin.top", K_LEN, OFF(pdf.margin_top), "25mm", 0, 1000, NULL, 0 },
	{ "pdf.margin.bottom", K_LEN, OFF(pdf.margin_bottom), "28mm", 0, 1000, NULL, 0 },
	{ "pdf.margin.left", K_LEN, OFF(pdf.margin_left), "40mm", 0, 1000, NULL, 0 },
	{ "pdf.margin.right", K_LEN, OFF(pdf.margin_right), "40mm", 0, 1000, NULL, 0 },
	{ "pdf.fonts.serif", K_STR, OFF(pdf.font[STYLE_SERIF]), NULL, 0, 0, NULL, 0 },
	{ "pdf.fonts.sans", K_STR, OFF(pdf.font[STYLE_SANS]), NULL, 0, 0, NULL, 0 },
	{ "pdf.fonts.mono", K_STR, OFF(pdf.font[STYLE_MONO]), NULL, 0, 0, NULL, 0 },
	{ "pdf.fonts.fallback", K_STR, OFF(pdf.font[STYLE_FALLBACK]), NULL, 0, 0, NULL, 0 },
	{ "pdf.fonts.cjk", K_STR, OFF(pdf.font[STYLE_CJK]), NULL, 0, 0, NULL, 0 },
	{ "pdf.fonts.path", K_STR, OFF(pdf.font_path), NULL, 0, 0, NULL, 0 },
	{ "pdf.size.body", K_LEN, OFF(pdf.size_body), "11", 5, 30, NULL, 0 },
	{ "pdf.size.code", K_LEN, OFF(pdf.size_code), "8.2", 4, 30, NULL, 0 },
	{ "pdf.size.table", K_LEN, OFF(pdf.size_table), "9", 4, 30, NULL, 0 },
	{ "pdf.size.table-min", K_LEN, OFF(pdf.size_table_min), "7", 3, 30, NULL, 0 },
	{ "pdf.leading", K_NUM, OFF(pdf.leading), "1.35", 1, 3, NULL, 0 },
	{ "pdf.justify", K_BOOL, OFF(pdf.justify), "true", 0, 0, NULL, 0 },
	{ "pdf.hyphenate", K_BOOL, OFF(pdf.hyphenate), "true", 0, 0, NULL, 0 },
	{ "pdf.expansion", K_NUM, OFF(pdf.expansion), "2", 0, 5, NULL, 0 },
	{ "pdf.tracking", K_NUM, OFF(pdf.tracking), "20", 0, 50, NULL, 0 },
	{ "pdf.toc", K_TRI, OFF(pdf.toc), "auto", 0, 0, NULL, 0 },
	{ "pdf.titlepage", K_TRI, OFF(pdf.titlepage), "auto", 0, 0, NULL, 0 },
	{ "pdf.toc-depth", K_INT, OFF(pdf.toc_depth), "2", 1, 6, NULL, 0 },
	{ "pdf.chapter-page-break", K_BOOL, OFF(pdf.chapter_page_break), "true", 0, 0, NULL, 0 },
	{ "pdf.tagged", K_BOOL, OFF(pdf.tagged), "true", 0, 0, NULL, 0 },
	{ "pdf.table.header-shade", K_NUM, OFF(pdf.table_header_shade), "0.90", 0, 1, NULL, 0 },
	{ "pdf.table.rule-width", K_LEN, OFF(pdf.table_rule_width), "0.4", 0, 5, NULL, 0 },
	{ "pdf.table.padding", K_LEN, OFF(pdf.table_padding), "4", 0, 20, NULL, 0 },
	{ "pdf.table.label-column", K_TRI, OFF(pdf.table_label_column), "auto", 0, 0, NULL, 0 },
	{ "pdf.table.widths", K_LIST, 0, NULL, 0, 0, NULL, 0 },
	{ "epub.split-level", K_INT, OFF(epub.split_level), "2", 0, 6, NULL, 0 },
	{ "epub.toc-depth", K_INT, OFF(epub.toc_depth), "3", 1, 6, NULL, 0 },
	{ "epub.label-column", K_TRI, OFF(epub.label_column), "auto", 0, 0, NULL, 0 },
	{ "epub.css", K_STR, OFF(epub.css), "epub.css", 0, 0, NULL, 0 },
	{ "epub.toc-title", K_STR, OFF(epub.toc_title), "Contents", 0, 0, NULL, 0 },
	{ "epub.cover", K_BOOL, OFF(epub.cover), "true", 0, 0, NULL, 0 },
	{ "epub.accessibility-summary", K_STR, OFF(epub.accessibility_summary), NULL, 0, 0, NULL, 0 },
	{ "man.table", K_CHOICE, OFF(man.table), "auto", 0, 0, man_tables, 1 },
	{ "man.width", K_INT, OFF(man.width), "78", 40, 400, NULL, 0 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))
#define WIDTHS_KEY "pdf.table.widths"

const char *
style_default_font(enum style_font role)
{
	return fonts[role];
}

const char *
style_spare_font(enum style_font role)
{
	return spare_fonts[role];
}

const char *
style_key_name(size_t i)
{
	return i < NKEYS ? keys[i].name : NULL;
}

int
style_parse_len(const char *s, double *pt)
{
	static const struct { const char *unit; double k; } units[] = {
		{ "", 1 }, { "pt", 1 }, { "mm", 72.0 / 25.4 },
		{ "cm", 72.0 / 2.54 }, { "in", 72 },
	};
	char *end;
	double d = strtod(s, &end);
	size_t i;

	if (end == s)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0) {
			*pt = d * units[i].k;
			return 0;
		}
	return -1;
}

/* A colour as CSS writes it, "#rrggbb" (the "#" may be left out). */
static int
parse_color(const char *v, int *rgb)
{
	int i;

	if (*v == '#')
		v++;
	for (i = 0; i < 6; i++)
		if (!isxdigit((unsigned char)v[i]))
			return -1;
	if (v[6] != '\0')
		return -1;
	*rgb = (int)strtol(v, NULL, 16);
	return 0;
}

int
style_paper_ok(const char *name)
{
	double w, h;

	if (!paper_known(name))
		return 0;
	paper_size(name, &w, &h);
	return strcasecmp(name, "auto") == 0 ||
	    (w >= STYLE_PAGE_MIN_WIDTH && h >= STYLE_PAGE_MIN_HEIGHT);
}

/* Parse v as k says and store it; returns -1 (nothing stored) when v is
 * not a value of that type or is out of range. */
static int
store(struct style *st, const struct key *k, const char *v)
{
	char *slot = (char *)st + k->off, *end;
	double d = 0;
	int b, i;

	switch (k->type) {
	case K_STR:
		*(const char **)slot = arena_strdup(st->arena, v);
		return 0;
	case K_CHOICE:
		for (i = 0; k->choices[i] != NULL; i++)
			if (strcasecmp(v, k->choices[i]) == 0)
				break;
		if (k->choices[i] == NULL)
			return -1;
		if (k->as_index)
			*(int *)slot = i;
		else
			*(const char **)slot = k->choices[i];
		return 0;
	case K_TRI:
		if (strcasecmp(v, "auto") == 0) {
			*(int *)slot = STYLE_AUTO;
			return 0;
		}
		/* FALLTHROUGH */
	case K_BOOL:
		if ((b = yaml_flat_bool(v)) < 0)
			return -1;
		*(int *)slot = b;
		return 0;
	case K_LIST:
		return -1;
	case K_PAPER:
		if (!style_paper_ok(v))
			return -1;
		*(const char **)slot = arena_strdup(st->arena, v);
		return 0;
	case K_COLOR:
		return parse_color(v, (int *)slot);
	case K_NUM:
	case K_INT:
		d = strtod(v, &end);
		if (end == v || *end != '\0' ||
		    (k->type == K_INT && d != (int)d))
			return -1;
		break;
	case K_LEN:
		if (style_parse_len(v, &d) != 0)
			return -1;
		break;
	}
	if (!(d >= k->lo && d <= k->hi))
		return -1;
	if (k->type == K_INT)
		*(int *)slot = (int)d;
	else
		*(double *)slot = d;
	return 0;
}

/* One entry of pdf.table.widths: "40%" or a length. */
static int
store_width(struct style *st, const char *index, const char *v)
{
	struct pdf_style *p = &st->pdf;
	char *end;
	long i = strtol(index, &end, 10);
	double d;

	if (*end != '\0' || i != p->ntable_widths || i >= STYLE_MAX_WIDTHS)
		return -1;
	d = strtod(v, &end);
	if (end != v && strcmp(end, "%") == 0 && d > 0 && d <= 100) {
		p->table_widths[i].pct = 1;
		p->table_widths[i].value = d;
	} else if (style_parse_len(v, &d) == 0 && d > 0) {
		p->table_widths[i].pct = 0;
		p->table_widths[i].value = d;
	} else
		return -1;
	p->ntable_widths++;
	return 0;
}

static const struct key *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* Whether k is the page's width or height, set to a size (0 is the
 * paper's) too small for text. */
static int
page_too_small(const struct style *st, const struct key *k)
{
	if (strcmp(k->name, "pdf.page.width") == 0)
		return st->pdf.page_width != 0 &&
		    st->pdf.page_width < STYLE_PAGE_MIN_WIDTH;
	if (strcmp(k->name, "pdf.page.height") == 0)
		return st->pdf.page_height != 0 &&
		    st->pdf.page_height < STYLE_PAGE_MIN_HEIGHT;
	return 0;
}

/* Set key to value; warns (file:line) and keeps the old value when the
 * key is unknown or the value bad.  Returns 0 or -1. */
static int
set(struct style *st, const char *file, int line, const char *key,
    const char *value)
{
	const struct key *k;
	size_t n = strlen(WIDTHS_KEY);
	int ok;

	if (strncmp(key, WIDTHS_KEY ".", n + 1) == 0) {
		if (store_width(st, key + n + 1, value) == 0)
			return 0;
		diag_warn(file, line, "%s: \"%s\" is not a width (a length "
		    "or a percentage, at most %d of them); ignored", key,
		    value, STYLE_MAX_WIDTHS);
		return -1;
	}
	if ((k = find(key)) == NULL) {
		diag_warn(file, line, "unknown style key \"%s\"; ignored", key);
		return -1;
	}
	if (k->type == K_LIST) {
		diag_warn(file, line, "%s wants a list, such as [30%%, 70%%]; "
		    "ignored", key);
		return -1;
	}
	ok = store(st, k, value) == 0;
	if (ok && page_too_small(st, k)) {
		diag_warn(file, line, "%s: \"%s\" leaves no room for text "
		    "(0, the paper's size, or at least %.0fpt); keeping %s",
		    key, value, strcmp(key, "pdf.page.width") == 0 ?
		    ceil(STYLE_PAGE_MIN_WIDTH) : ceil(STYLE_PAGE_MIN_HEIGHT),
		    k->def);
		(void)store(st, k, k->def);
		return -1;
	}
	if (ok)
		return 0;
	if (k->type == K_CHOICE) {
		char list[128] = "";
		int i;

		for (i = 0; k->choices[i] != NULL; i++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
			    "%s%s", i ? ", " : "", k->choices[i]);
		diag_warn(file, line, "%s: \"%s\" is not one of %s; keeping "
		    "%s", key, value, list, k->def);
	} else if (k->type == K_PAPER)
		diag_warn(file, line, "%s: \"%s\" is not a paper size (a4, "
		    "letter, a5, legal, ..., WxH of at least 66mmx91mm, or auto); "
		    "keeping %s", key, value,
		    k->def);
	else if (k->type == K_COLOR)
		diag_warn(file, line, "%s: \"%s\" is not a colour such as "
		    "\"#1a4d8f\" (quoted: YAML reads a bare # as a comment); "
		    "keeping the theme's", key, value);
	else if (k->type == K_NUM || k->type == K_LEN || k->type == K_INT)
		diag_warn(file, line, "%s: \"%s\" is not a %s from %g to %g; "
		    "keeping %s", key, value, k->type == K_LEN ? "length" :
		    "number", k->lo, k->hi, k->def);
	else
		diag_warn(file, line, "%s: \"%s\" is not %s; keeping %s", key,
		    value, k->type == K_TRI ? "auto, yes or no" :
		    "true or false", k->def);
	return -1;
}

struct loading {
	struct style	*st;
	const char	*file;
};

static int
set_cb(void *arg, const char *key, const char *value, int line)
{
	struct loading *l = arg;

	set(l->st, l->file, line, key, value);
	return 0;		/* a bad key never stops the reading */
}

static struct style *
defaults(void)
{
	struct style *st = xcalloc(1, sizeof(*st));
	size_t i;

	st->arena = arena_new();
	for (i = 0; i < STYLE_CODE_CLASSES; i++)
		st->code.colors[i] = -1;
	for (i = 0; i < NKEYS; i++)
		if (keys[i].def != NULL && store(st, &keys[i], keys[i].def) != 0)
			abort();	/* the table itself is wrong */
	for (i = 0; i < STYLE_NFONTS; i++)
		st->pdf.font[i] = fonts[i];
	return st;
}

struct style *
style_load(const char *path)
{
	struct style *st = defaults();
	struct loading l = { st, path };
	struct input in;
	const char *slash;
	int rc;

	if (path == NULL) {
		/* The default style compiled in (styles/default.yaml). */
		st->dir = NULL;
		l.file = "(built-in style)";
		if (yaml_flat(l.file, 1, quire_style_yaml,
		    quire_style_yaml_len, set_cb, &l) != 0) {
			style_free(st);
			return NULL;
		}
		return st;
	}
	slash = strrchr(path, '/');
	st->dir = slash ? arena_strndup(st->arena, path,
	    (size_t)(slash - path)) : ".";
	if (input_read(path, &in) != 0) {
		style_free(st);
		return NULL;
	}
	if ((rc = yaml_flat(path, 1, in.text, in.len, set_cb, &l)) != 0) {
		/* A lone scalar is text the front matter would not take
		 * for YAML; a style file must be a mapping. */
		if (rc == YAML_FLAT_SCALAR)
			diag_error(path, 1, "expected a mapping of style keys "
			    "to values, not a lone value");
		input_free(&in);
		style_free(st);
		return NULL;
	}
	input_free(&in);
	return st;
}

int
style_set(struct style *st, const char *key, const char *value)
{
	return set(st, NULL, 0, key, value);
}

void
style_free(struct style *st)
{
	if (st == NULL)
		return;
	arena_free(st->arena);
	free(st);
}
