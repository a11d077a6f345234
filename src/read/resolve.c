/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve.c - where every link and image leads, decided once.
 *
 * A link is followed the way GitHub and the browsers do: an absolute URL
 * only when its scheme is one a reader may follow and its host is real; a
 * relative one when it names an input file of the document (relative to
 * the linking file, percent-decoded, compared by name and then by real
 * path), with an optional fragment that names a heading.  Fragments are
 * looked up in the named file first, by the id the heading has in that
 * file alone (as on GitHub, where every file numbers its own "setup-1"),
 * then anywhere in the document.  Everything else keeps its text only,
 * with one warning.
 *
 * Images, local and remote, are resolve_image.c's.
 */
#define _XOPEN_SOURCE 700	/* realpath */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/confine.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/linkbase.h"
#include "read/manpage.h"
#include "read/resolve.h"
#include "read/resolve_int.h"
#include "util/fetch.h"
#include "util/strmap.h"
#include "model/tidy.h"
#include "util/url.h"

/* ---- ids ------------------------------------------------------------- */

static const char *
local_key(struct resolver *r, int chapter, const char *id)
{
	size_t n = strlen(id) + 24;
	char *k = doc_alloc(r->d, n);

	snprintf(k, n, "%d\x1f%s", chapter, id);
	return k;
}

/* A node for the pass to resolve, listed by the walk that indexes the
 * ids, so the pass needs no walk of its own. */
static void
want(struct resolver *r, struct node *n)
{
	if (r->nwanted == r->wanted_cap) {
		r->wanted_cap = r->wanted_cap ? 2 * r->wanted_cap : 64;
		r->wanted = xrealloc(r->wanted,
		    r->wanted_cap * sizeof(*r->wanted));
	}
	r->wanted[r->nwanted++] = n;
}

static void
colon_text(struct colon_texts *c, struct node *n)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	c->v[c->n++] = n;
}

/* A chapter's start as index_ids meets it: its id, and the title's
 * slug when the title was its first heading. */
static void
index_chapter(struct resolver *r, const struct node *ch, struct strmap *seen)
{
	strmap_put(&r->ids, ch->u.chapter.id, (void *)ch);
	strmap_init(seen);
	if (ch == r->d->root->first && r->d->title != NULL) {
		/* The title heading was the file's first: its slug is
		 * taken, and leads to the file's start. */
		tidy_unique_id(r->d, seen, r->d->title->u.heading.id);
		strmap_put(&r->local, local_key(r, 0,
		    r->d->title->u.heading.id), (void *)ch);
	}
}

/*
 * Every id in the document, and every heading's id within its own file
 * (the slug numbered among that file's headings only).  The nodes come
 * from tidy_titles' walk (met, in document order, each chapter before
 * what is in it); the remote images are listed here, for
 * resolve_fetch_remote(), and what the pass resolves, in this order.
 */
static void
index_ids(struct resolver *r, const struct tidy_met *met)
{
	struct strmap seen;
	const struct node *ch = NULL;
	struct node *n;
	size_t i;
	char slug[128];

	if (r->d->title != NULL && r->d->root->first != NULL)
		strmap_put(&r->ids, r->d->title->u.heading.id,
		    r->d->root->first);
	for (i = 0; i < met->n; i++) {
		n = met->v[i];
		if (n->type == N_CHAPTER && n->parent == r->d->root) {
			if (ch != NULL)
				strmap_free(&seen);
			index_chapter(r, ch = n, &seen);
			continue;
		}
		if (ch == NULL)
			continue;
		if (n->type == N_LINK || n->type == N_IMAGE ||
		    n->type == N_TABLE)
			want(r, n);
		if (n->type == N_IMAGE)
			resolve_want_remote(r, n);
		if (n->type == N_TEXT)
			colon_text(r->colons, n);
		if (n->type == N_ANCHOR) {
			strmap_put(&r->ids, n->u.anchor.id, n);
			strmap_put(&r->local, local_key(r,
			    ch->u.chapter.index, n->u.anchor.id), n);
		}
		if (n->type != N_HEADING)
			continue;
		strmap_put(&r->ids, n->u.heading.id, n);
		tidy_slugify(doc_plain_text(r->d, n), slug, sizeof(slug));
		strmap_put(&r->local, local_key(r, ch->u.chapter.index,
		    tidy_unique_id(r->d, &seen, slug)), n);
	}
	if (ch != NULL)
		strmap_free(&seen);
}

/* The node a fragment names, looked for in chapter ch first. */
static const struct node *
find_id(struct resolver *r, const struct node *ch, const char *frag)
{
	const struct node *t = NULL;
	const char *k;

	if (ch != NULL) {
		k = local_key(r, ch->u.chapter.index, frag);
		t = strmap_get(&r->local, k);
	}
	return t != NULL ? t : strmap_get(&r->ids, frag);
}

/* ---- input files -------------------------------------------------------- */

static const struct node *
chapter_of(const struct node *n)
{
	while (n != NULL && n->type != N_CHAPTER)
		n = n->parent;
	return n;
}

/* The real path of every input file, computed on the first link that
 * needs one (most documents never do). */
static void
know_real_paths(struct resolver *r)
{
	size_t i;

	if (r->real_known)
		return;
	r->real_known = 1;
	for (i = 0; i < r->nchapters; i++)
		if (strcmp(r->chapter[i]->u.chapter.path, "-") != 0)
			r->real[i] = realpath(r->chapter[i]->u.chapter.path,
			    NULL);
}

/* By name first, then (a system call) by real path, for "/abs/dir/a.md"
 * or a symbolic link. */
static const struct node *find_file(struct resolver *, const char *);

/* The input file a resolved path names.  A book's chapters are linked
 * the way mdBook publishes them too: "ch04.html" is "ch04.md", and a
 * folder's "index.html" its "README.md". */
static const struct node *
find_chapter(struct resolver *r, const char *path)
{
	const struct node *c = find_file(r, path);
	size_t n = strlen(path);
	char *md;

	if (c != NULL || n < 5 || strcmp(path + n - 5, ".html") != 0)
		return c;
	md = xmalloc(n + 8);
	if (n >= 10 && strcmp(path + n - 10, "index.html") == 0 &&
	    (n == 10 || path[n - 11] == '/'))
		snprintf(md, n + 8, "%.*sREADME.md", (int)(n - 10), path);
	else
		snprintf(md, n + 8, "%.*s.md", (int)(n - 5), path);
	c = find_file(r, md);
	free(md);
	return c;
}

static const struct node *
find_file(struct resolver *r, const char *path)
{
	const struct node *c = strmap_get(&r->names, path);
	char *real;
	size_t i;

	if (c != NULL || (real = realpath(path, NULL)) == NULL)
		return c;
	know_real_paths(r);
	for (i = 0; i < r->nchapters && c == NULL; i++)
		if (r->real[i] != NULL && strcmp(r->real[i], real) == 0)
			c = r->chapter[i];
	free(real);
	return c;
}

/* ---- links ------------------------------------------------------------ */

/* An absolute URL: followed when safe and real, else its text stays. */
static void
external(struct resolver *r, struct node *n, const char *url, int safe)
{
	char *clean;

	if (safe && url_remote_ok(url)) {
		clean = url_clean(url);
		n->u.link.kind = LINK_EXTERNAL;
		n->u.link.href = doc_strdup(r->d, clean);
		free(clean);
	} else if (safe)
		diag_warn(n->file, n->line, "link %.60s has no valid host; "
		    "keeping its text", url);
	else
		diag_warn(n->file, n->line, "unsafe link %.40s dropped; "
		    "keeping its text", url);
}

/*
 * A link to a file that is not part of the document: with a link-base,
 * a link to where that file is published (returns 1); else its text
 * stays, with a warning.  A README links to LICENSE from ten places: one
 * warning (past five such files, the reading's messages count the rest:
 * diag_buf_flush_sorted).  A sibling man page is a page reference and
 * never comes here.
 */
static int
leaving(struct resolver *r, struct node *n, const char *suffix,
    const char *rel, const char *path)
{
	const char *base = r->d->meta.link_base;
	char *url;

	if (base != NULL && (url = link_base_url(base, r->d->site_root, path,
	    suffix)) != NULL) {
		n->u.link.kind = LINK_EXTERNAL;
		n->u.link.href = doc_strdup(r->d, url);
		free(url);
		return 1;
	}
	if (strmap_get(&r->warned, path) != NULL)
		return 0;
	strmap_put(&r->warned, doc_strdup(r->d, path), r);
	diag_warn(n->file, n->line, "link to %s, which is not %s; keeping "
	    "its text (-M link-base=URL links it where it is published)",
	    rel, r->d->book ? "part of the book" : "among the inputs");
	return 0;
}

/* A relative reference: an input file and/or a fragment in it. */
static void
relative(struct resolver *r, struct node *n, const char *url)
{
	const char *hash = strchr(url, '#');
	size_t plen = strcspn(url, "?#");
	const struct node *ch = chapter_of(n), *t = NULL;
	char *frag = NULL, *rel = NULL, *path;

	if (hash != NULL && hash[1] != '\0')
		frag = pct_decode(hash + 1, strlen(hash + 1));
	if (plen > 0) {
		rel = pct_decode(url, plen);
		path = path_resolve(n->file, rel);
		ch = find_chapter(r, path);
		if (ch == NULL && n->u.link.man_section == NULL &&
		    leaving(r, n, url + plen, rel, path)) {
			free(path);
			free(rel);
			free(frag);
			return;
		}
		free(path);
	}
	if (plen > 0 && ch == NULL) {
		if (n->u.link.man_section != NULL)
			n->u.link.kind = LINK_MANPAGE;
	}
	else if (frag != NULL && (t = find_id(r, ch, frag)) == NULL)
		diag_warn(n->file, n->line, "link to missing fragment "
		    "%s#%s; keeping its text", rel ? rel : "", frag);
	else if (frag == NULL && plen > 0) {
		t = ch;
		if (ch->first == NULL) {
			diag_warn(n->file, n->line, "link to %s, which is "
			    "empty; keeping its text", rel);
			t = NULL;
		}
	}
	if (t != NULL) {
		n->u.link.kind = LINK_INTERNAL;
		n->u.link.target = t;
	}
	free(frag);
	free(rel);
}

/*
 * A link to another man page ("foo-run.1.md", "foo-run.1"): its section,
 * and its name when the link's text is the page reference "name(1)".
 */
static void
man_link(struct resolver *r, struct node *n, const char *url)
{
	char *rel = pct_decode(url, strcspn(url, "?#")), *name, *text;
	const char *sec;
	size_t tl, sl;

	if ((name = manpage_file_name(rel, &sec)) != NULL) {
		n->u.link.man_section = doc_strdup(r->d, sec);
		text = doc_plain_text(r->d, n);
		tl = strlen(text);
		sl = strlen(sec);
		if (tl > sl + 2 && text[tl - 1] == ')' &&
		    text[tl - sl - 2] == '(' &&
		    strncmp(text + tl - sl - 1, sec, sl) == 0)
			n->u.link.man_page = doc_strndup(r->d, text,
			    tl - sl - 2);
	}
	free(name);
	free(rel);
}

static void
link_dest(struct resolver *r, struct node *n)
{
	const char *url = n->u.link.url;
	int safe;

	while (*url == ' ' || *url == '\t' || *url == '\n')
		url++;
	if (*url == '\0')
		return;
	if (url_scheme(url, &safe))
		external(r, n, url, safe);
	else if (strncmp(url, "//", 2) == 0)
		diag_warn(n->file, n->line, "scheme-relative link %.60s "
		    "dropped; keeping its text", url);
	else {
		man_link(r, n, url);
		relative(r, n, url);
	}
}

/* ---- tables ----------------------------------------------------------- */

/* Wholly strong text, white space aside ("**Aspect**"); empty is not. */
static int
all_strong(const struct node *cell)
{
	const struct node *k;
	const char *s;
	int any = 0;

	for (k = cell->first; k != NULL; k = k->next) {
		if (k->type == N_STRONG) {
			any = 1;
			continue;
		}
		if (k->type != N_TEXT)
			return 0;
		for (s = k->text; *s != '\0'; s++)
			if (*s != ' ' && *s != '\t')
				return 0;
	}
	return any;
}

/* Column 0 holds row labels when, in at least one body row and in every
 * body row where it is not empty, it is set wholly in bold, as in the
 * seed's "Aspect" column, or is a header cell (an HTML <th>). */
static void
label_column(struct node *t)
{
	const struct node *row;
	int rows = 0;

	if (t->u.table.ncols < 2)
		return;
	for (row = t->first; row != NULL; row = row->next) {
		if (row->u.row.header || row->first == NULL ||
		    row->first->first == NULL || row->first->u.cell.col != 0)
			continue;
		if (!all_strong(row->first) && !row->first->u.cell.header)
			return;
		rows++;
	}
	t->u.table.label_col = rows > 0;
}

/* ---- the pass --------------------------------------------------------- */

void
resolve_document(struct doc *d, const struct tidy_met *met,
    struct colon_texts *colons)
{
	struct resolver r;
	struct node *n, *ch;
	size_t i;
	char *norm;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.colons = colons;
	confine_init(&r.roots);
	strmap_init(&r.ids);
	strmap_init(&r.local);
	strmap_init(&r.names);
	strmap_init(&r.images);
	strmap_init(&r.warned);
	strmap_init(&r.remote);
	confine_init(&r.cache);
	for (ch = d->root->first; ch != NULL; ch = ch->next)
		r.nchapters++;
	r.chapter = xcalloc(r.nchapters + 1, sizeof(*r.chapter));
	r.real = xcalloc(r.nchapters + 1, sizeof(*r.real));
	for (ch = d->root->first, i = 0; ch != NULL; ch = ch->next, i++) {
		r.chapter[i] = ch;
		norm = path_norm(ch->u.chapter.path);
		if (strmap_get(&r.names, norm) == NULL)
			strmap_put(&r.names, doc_strdup(d, norm), ch);
		free(norm);
	}
	index_ids(&r, met);
	resolve_book_files(&r);
	resolve_fetch_remote(&r);
	/* Links, images and tables in document order (index_ids). */
	for (i = 0; i < r.nwanted; i++) {
		n = r.wanted[i];
		if (n->type == N_LINK)
			link_dest(&r, n);
		else if (n->type == N_IMAGE)
			resolve_image(&r, n);
		else if (n->type == N_TABLE)
			label_column(n);
	}
	for (i = 0; i < r.nchapters; i++)
		free(r.real[i]);
	confine_free(&r.roots);
	free(r.real);
	free(r.chapter);
	free(r.wanted);
	strmap_free(&r.ids);
	strmap_free(&r.local);
	strmap_free(&r.names);
	strmap_free(&r.images);
	strmap_free(&r.warned);
	strmap_free(&r.remote);
	confine_free(&r.cache);
	fetch_free(r.fetch);
}
