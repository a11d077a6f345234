/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book.c - an mdBook book's chapter list, read from its SUMMARY.md.
 *
 * SUMMARY.md is Markdown, so it is read by the one Markdown parser into a
 * model of its own and walked: the first heading is the summary's title,
 * later headings are part titles, links in paragraphs are the prefix and
 * suffix chapters, links in (nested) lists the numbered chapters, a link
 * with no target a draft (left out, with a warning), rules are
 * separators.  Chapter paths are relative to SUMMARY.md's folder.
 *
 * A book may come from an untrusted source, so every file it names
 * (book.toml's src folder, SUMMARY.md, each chapter) must lie inside the
 * book's root and be a regular file (util/confine.h); SUMMARY.md and the
 * book's folder given on the command line are trusted as given.
 */
#define _XOPEN_SOURCE 700	/* realpath */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/book.h"
#include "util/diag.h"
#include "model/doc.h"
#include "util/input.h"
#include "read/parse.h"
#include "util/confine.h"
#include "util/url.h"

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = xmalloc(n);

	snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* The folder part of a path ("." for none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return strndup(path, (size_t)(slash - path));
}

int
book_confined(const struct book *b, const char *path, const char *file,
    int line, const char *what, char **real_out)
{
	struct confine c;
	enum confine_verdict v;
	char *real, place[4200], why[4300];
	int err;

	confine_init(&c);
	confine_add(&c, b->root);
	v = confine_check(&c, path, &real);
	err = errno;
	if (v != CONFINE_OK) {
		snprintf(place, sizeof(place), "the book (%s)", c.n > 0 ?
		    c.roots[0] : b->root);
		diag_error(file, line, "%s %s%s; not read", what, path,
		    confine_why(v, err, place, why, sizeof(why)));
	}
	if (real_out != NULL)
		*real_out = real;
	else
		free(real);
	confine_free(&c);
	return v == CONFINE_OK ? 0 : -1;
}

static void
add(struct book *b, const char *path, char *real, const char *title,
    int depth, int line, int unparted)
{
	struct book_entry *e;

	b->e = xrealloc(b->e, (b->n + 1) * sizeof(*b->e));
	e = &b->e[b->n++];
	e->path = path ? xstrdup(path) : NULL;
	e->real = real;
	e->title = xstrdup(title);
	e->depth = depth;
	e->line = line;
	e->unparted = unparted;
}

/* A chapter link: its file, or (no target) a draft left out. */
static void
chapter(struct book *b, const struct node *link, int depth, int unparted)
{
	char *title = doc_text_dup(link, 0), *rel, *path, *real;
	const char *url = link->u.link.url;

	if (*url == '\0') {
		diag_warn(b->summary, link->line, "draft chapter \"%s\" has no "
		    "file; it is left out", title);
		free(title);
		return;
	}
	rel = pct_decode(url, strcspn(url, "?#"));
	path = path_resolve(b->summary, rel);
	if (book_confined(b, path, b->summary, link->line, "chapter",
	    &real) == 0)
		add(b, path, real, title, depth, link->line, unparted);
	else
		b->refused++;
	free(path);
	free(rel);
	free(title);
}

/* Every link of a paragraph (prefix and suffix chapters); returns how
 * many it holds. */
static int
links(struct book *b, const struct node *par, int depth, int unparted)
{
	const struct node *n = NULL;
	int entering, found = 0;

	while ((n = doc_next(par, (struct node *)n, &entering)) != NULL)
		if (entering && n->type == N_LINK) {
			chapter(b, n, depth, unparted);
			found++;
		}
	return found;
}

/* A list of numbered chapters, nesting by depth; iterative, since a
 * hostile SUMMARY may nest deeply (the model bounds it anyway). */
static void
list(struct book *b, const struct node *l, int depth)
{
	const struct node *item, *k;

	for (item = l->first; item != NULL; item = item->next)
		for (k = item->first; k != NULL; k = k->next)
			if (k->type == N_PARAGRAPH)
				links(b, k, depth, 0);
			else if (k->type == N_LIST)
				list(b, k, depth + 1);
}

static int
summary(struct book *b)
{
	struct doc *d = doc_new();
	struct parser p;
	struct input in;
	const struct node *n;
	int headings = 0;
	char *t;

	if (input_read_confined(b->summary, b->summary_real, &in) != 0) {
		doc_free(d);
		return -1;
	}
	/* Read as plain Markdown: no code to tokenise, no threads. */
	parser_init(&p, d, NULL);
	parse_chapter(&p, b->summary, in.text, in.len);
	input_free(&in);
	for (n = d->root->first->first; n != NULL; n = n->next) {
		if (n->type == N_HEADING && headings++ == 0) {
			/* The summary's own title; a book with no
			 * book.toml title takes it, unless it only says
			 * "Summary". */
			t = doc_text_dup(n, 0);
			if (b->title == NULL && strcmp(t, "Summary") != 0)
				b->title = t;
			else
				free(t);
		} else if (n->type == N_HEADING) {
			t = doc_text_dup(n, 0);
			add(b, NULL, NULL, t, 0, n->line, 0);
			free(t);
		} else if (n->type == N_PARAGRAPH) {
			/* Prefix and suffix chapters belong to no part.
			 * Text of its own (a part's introduction) has no
			 * place in a summary, in mdBook either. */
			if (links(b, n, 0, 1) == 0)
				diag_warn(b->summary, n->line, "text without "
				    "a chapter link is no part of the book; "
				    "it is left out");
		}
		else if (n->type == N_LIST)
			list(b, n, 0);
	}
	doc_free(d);
	if (b->refused > 0)
		return -1;
	if (b->n == 0) {
		diag_error(b->summary, 0, "lists no chapters");
		return -1;
	}
	return 0;
}

/* Is anything at path, a link or a FIFO included? */
static int
present(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* book.toml, when the book has one: it must lie in the book too. */
static int
read_toml(struct book *b, const char *toml)
{
	if (!present(toml))
		return 0;
	char *real;
	int rc;

	if (book_confined(b, toml, NULL, 0, "book.toml", &real) != 0)
		return -1;
	rc = book_toml(toml, real, b);
	free(real);
	return rc;
}

/* The src folder book.toml names must lie inside the book: a book cannot
 * publish "../outside".  The book's root, as a real path, holds it. */
static int
src_inside(const struct book *b, const char *toml)
{
	char *root = realpath(b->root, NULL), *src = realpath(b->src, NULL);
	int ok = src == NULL || (root != NULL && (strcmp(src, root) == 0 ||
	    confine_under(src, root)));

	if (!ok)
		diag_error(toml, book_toml_line(toml, "src"), "src folder %s "
		    "lies outside the book (%s)", b->src, root);
	free(root);
	free(src);
	return ok ? 0 : -1;
}

/* Where the book's files are, from the argument. */
static int
locate(const char *arg, struct book *b)
{
	const char *base = strrchr(arg, '/');
	char *toml, *up;
	int rc;

	base = base ? base + 1 : arg;
	if (is_dir(arg)) {
		b->root = xstrdup(arg);
		toml = join(arg, "book.toml");
		if (read_toml(b, toml) != 0) {
			free(toml);
			return -1;
		}
		/* book.toml's src is a folder name under the root. */
		up = b->src != NULL ? b->src : xstrdup("src");
		b->src = join(arg, up);
		free(up);
		rc = src_inside(b, toml);
		free(toml);
		if (rc != 0)
			return -1;
		b->summary = join(b->src, "SUMMARY.md");
		if (!present(b->summary)) {
			/* A folder holding SUMMARY.md itself. */
			free(b->src);
			free(b->summary);
			b->src = xstrdup(arg);
			b->summary = join(arg, "SUMMARY.md");
		}
		if (!present(b->summary))
			return 0;
		return book_confined(b, b->summary, NULL, 0, "SUMMARY.md",
		    &b->summary_real) == 0 ? 1 : -1;
	}
	if (strcmp(base, "SUMMARY.md") != 0)
		return 0;
	b->summary = xstrdup(arg);
	b->src = dir_of(arg);
	up = dir_of(b->src);
	toml = join(up, "book.toml");
	b->root = xstrdup(present(toml) ? up : b->src);
	rc = read_toml(b, toml);
	free(toml);
	free(up);
	return rc == 0 ? 1 : -1;
}

int
book_open(const char *arg, struct book *b)
{
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = locate(arg, b)) != 1) {
		book_free(b);
		return rc;
	}
	if (summary(b) != 0) {
		book_free(b);
		return -1;
	}
	return 1;
}

void
book_free(struct book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->e[i].path);
		free(b->e[i].real);
		free(b->e[i].title);
	}
	for (i = 0; b->authors != NULL && b->authors[i] != NULL; i++)
		free(b->authors[i]);
	free(b->authors);
	free(b->e);
	free(b->root);
	free(b->src);
	free(b->summary);
	free(b->summary_real);
	free(b->title);
	free(b->description);
	free(b->language);
	free(b->site_url);
	memset(b, 0, sizeof(*b));
}
