/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * emoji.c - GitHub's emoji shortcodes turned into Unicode (emoji.h).
 *
 * The names come from GitHub's own list (the gemoji database), made into
 * emoji_table.h by scripts/emoji-table; nothing here is typed by hand.
 * As on GitHub and in pandoc's gfm reader, a shortcode is ":name:" with
 * name made of lower-case letters, digits, '_', '+' and '-', anywhere in
 * text; code spans and code blocks are not text nodes, so they keep
 * what was typed.  The pass runs after links and ids are resolved, so a
 * heading "## :tada: Release" keeps GitHub's id "tada-release".
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc.h"
#include "read/emoji.h"
#include "read/resolve.h"
#include "util/buf.h"
#include "util/diag.h"

#include "read/emoji_table.h"

#define NEMOJI	(sizeof(emoji_names) / sizeof(emoji_names[0]))
/* The longest name in the table is shorter than this. */
#define EMOJI_NAME_MAX	64

const char *
emoji_lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = NEMOJI, mid;
	int c;

	if (len == 0 || len >= EMOJI_NAME_MAX)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(emoji_names[mid].name, name, len);
		if (c == 0 && emoji_names[mid].name[len] != '\0')
			c = 1;
		if (c == 0)
			return emoji_names[mid].utf8;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	    c == '+' || c == '-';
}

/* The text with its shortcodes replaced, or NULL when it has none. */
static char *
replaced(const char *s)
{
	const char *p = s, *done = s, *colon, *e, *emoji;
	struct buf b;

	buf_init(&b);
	while ((colon = strchr(p, ':')) != NULL) {
		for (e = colon + 1; name_char(*e); e++)
			;
		p = e;		/* a closing colon may open the next one */
		if (*e != ':' || (emoji = emoji_lookup(colon + 1,
		    (size_t)(e - colon - 1))) == NULL)
			continue;
		buf_put(&b, done, (size_t)(colon - done));
		buf_puts(&b, emoji);
		done = p = e + 1;
	}
	if (done == s) {
		buf_free(&b);
		return NULL;
	}
	buf_puts(&b, done);
	return b.data;
}

static void
emoji_tree(struct doc *d, struct node *root)
{
	struct node *n = NULL;
	int entering;
	char *s;

	/* An emoji holds no colon: a second pass over a tree changes
	 * nothing. */
	while ((n = doc_next(root, n, &entering)) != NULL)
		if (entering && n->type == N_TEXT && n->text != NULL &&
		    strchr(n->text, ':') != NULL &&
		    (s = replaced(n->text)) != NULL) {
			n->text = doc_strdup(d, s);
			free(s);
		}
}

/* A metadata value: the title a first heading gave is shown as the
 * heading was. */
static const char *
emoji_value(struct doc *d, const char *v)
{
	char *s;

	if (v == NULL || (s = replaced(v)) == NULL)
		return v;
	v = doc_strdup(d, s);
	free(s);
	return v;
}

/* The root's texts holding a ':', the only ones a shortcode can be in,
 * come listed (tidy_titles' walk, through resolve_document), so the pass
 * needs no walk of its own there; notes and a title taken out of the
 * tree are walked. */
void
emoji_document(struct doc *d, const struct colon_texts *colons)
{
	struct node *n;
	size_t i;
	char *s;

	for (i = 0; i < colons->n; i++) {
		n = colons->v[i];
		if ((s = replaced(n->text)) != NULL) {
			n->text = doc_strdup(d, s);
			free(s);
		}
	}
	if (d->notes != NULL)
		emoji_tree(d, d->notes);
	if (d->title != NULL && d->title->parent == NULL)
		emoji_tree(d, d->title);
	d->meta.title = emoji_value(d, d->meta.title);
	d->meta.subtitle = emoji_value(d, d->meta.subtitle);
}
