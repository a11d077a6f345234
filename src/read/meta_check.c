/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meta_check.c - what quire says about a metadata field it does not use.
 *
 * A field quire has no slot for is kept as an extra, but a typo
 * ("autor:") or a value of the wrong shape ("author: {name: x}") would
 * otherwise vanish without a word.  Front matter is shared with other
 * tools (Jekyll's layout:, Hugo's tags:), so there an unknown field is
 * named only when it is one letter or two from a field quire knows; a
 * field given with -M was meant for quire, so it is always named.
 * Either way the value is kept among the extras (--dump shows them).
 */
#include <stdio.h>
#include <string.h>

#include "read/meta.h"
#include "util/diag.h"

/* Every field meta.c reads, and whether it takes a list. */
static const struct field {
	const char	*key;
	int		 list;
} fields[] = {
	{ "title", 0 }, { "subtitle", 0 }, { "date", 0 }, { "lang", 0 },
	{ "language", 0 }, { "name", 0 }, { "section", 0 },
	{ "description", 0 }, { "source", 0 }, { "manual", 0 },
	{ "identifier", 0 }, { "rights", 0 }, { "cover-image", 0 },
	{ "css", 0 }, { "link-base", 0 }, { "dir", 0 }, { "toc", 0 }, { "titlepage", 0 },
	{ "number-sections", 0 }, { "numbersections", 0 }, { "highlight", 0 }, { "smart", 0 },
	{ "toc-depth", 0 }, { "author", 1 }, { "authors", 1 },
	{ "keywords", 1 },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* pandoc's template variables people pass with -M out of habit, and
 * where quire takes the same thing from. */
static const struct hint {
	const char	*key, *where;
} hints[] = {
	{ "papersize", "--paper or the style's pdf.paper" },
	{ "geometry", "the style's pdf.margin.*" },
	{ "margin", "the style's pdf.margin.*" },
	{ "mainfont", "the style's pdf.fonts.serif" },
	{ "sansfont", "the style's pdf.fonts.sans" },
	{ "monofont", "the style's pdf.fonts.mono" },
	{ "fontsize", "the style's pdf.size.body" },
	{ "linestretch", "the style's pdf.leading" },
	{ "documentclass", "a style file (-s)" },
};

/* The optimal string alignment distance between a and b, stopping at 3
 * (only "one or two edits away" matters). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[32][32];

	if (la >= 32 || lb >= 32)
		return 3;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb] < 3 ? d[la][lb] : 3;
}

/* The known field `key` is closest to, when a typo could explain it: one
 * edit for short keys, two from six letters on. */
static const char *
near_miss(const char *key)
{
	size_t best = 3, i, d, allowed = strlen(key) >= 6 ? 2 : 1;
	const char *found = NULL;

	for (i = 0; i < NFIELDS; i++)
		if ((d = distance(key, fields[i].key)) < best) {
			best = d;
			found = fields[i].key;
		}
	return best <= allowed ? found : NULL;
}

static const struct field *
known(const char *head, size_t n)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strlen(fields[i].key) == n &&
		    !strncmp(fields[i].key, head, n))
			return &fields[i];
	return NULL;
}

void
meta_check_unknown(const char *path, int line, const char *key,
    int given)
{
	size_t n = strcspn(key, "."), i;
	const struct field *f = known(key, n);
	const char *near, *where = NULL;
	char head[64];

	if (f != NULL) {
		/* "author.name", "cover-image.0": a known field with a value
		 * of the wrong shape (the flattened YAML says which). */
		int list = key[n + 1] >= '0' && key[n + 1] <= '9';

		diag_warn(path, line, "%.*s wants %s, not a %s; ignored",
		    (int)n, key, f->list ? "a name or a list of names" :
		    "a single value", list ? "list" : "mapping");
		return;
	}
	snprintf(head, sizeof(head), "%.*s", (int)n, key);
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (!strcmp(head, hints[i].key))
			where = hints[i].where;
	near = near_miss(head);
	if (near != NULL)
		diag_warn(path, line, "%s is not a field quire knows: did you "
		    "mean %s?", head, near);
	else if (given && where != NULL)
		diag_warn(path, line, "%s is a pandoc variable, not a field "
		    "quire knows: set it in %s", head, where);
	else if (given)
		diag_warn(path, line, "%s is not a field quire knows; "
		    "ignored", head);
}
