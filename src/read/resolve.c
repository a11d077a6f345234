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
 * A local image is embedded only when it exists, lies under the current
 * directory or an input file's directory (a document cannot pull in
 * /etc/passwd), is not too large and is PNG, JPEG, GIF, WebP or SVG by
 * its first bytes; an SVG is cleaned here (svgclean.c) and its bytes
 * kept in the model, as are those of a picture in a data: URI.  Each
 * file is checked once however often it is used.
 *
 * A remote image (http or https) is fetched into the cache before the
 * pass (util/fetch.c), all at once, and then judged as a local file in
 * the cache folder, so every format embeds the same bytes; one that
 * cannot be fetched keeps its alt text, linked to it, with one warning.
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
#include "util/fetch.h"
#include "model/doc.h"
#include "read/datauri.h"
#include "read/linkbase.h"
#include "read/manpage.h"
#include "read/svgclean.h"
#include "read/resolve.h"
#include "util/strmap.h"
#include "model/tidy.h"
#include "util/url.h"
#include "util/watchlist.h"

/* The largest extra stylesheet the EPUB takes (epub.c reads at most this
 * much): a larger one is refused here, with a message. */
#define CSS_MAX	(1 << 20)
/* Links to files outside the document: this many warnings, then one
 * line that counts the rest. */
#define LEAVING_SAID	5

struct resolver {
	struct doc	*d;
	struct strmap	 ids;		/* id -> HEADING or CHAPTER */
	struct strmap	 local;		/* "N\x1fid" -> HEADING of chapter N */
	struct strmap	 names;		/* normalised input path -> CHAPTER */
	struct strmap	 images;	/* resolved path -> struct verdict */
	struct strmap	 warned;	/* files linked to outside the book */
	size_t		 leaving;	/* links to those, past LEAVING_SAID */
	const char	*leaving_file;	/* where the first unsaid one is */
	int		 ndata;		/* data: URIs' images so far */
	const struct node **chapter;	/* by index */
	char		**real;		/* each chapter's real path, or NULL */
	struct confine	  roots;	/* folders images may come from */
	struct fetch_set *fetch;	/* remote images, fetched first */
	struct strmap	  remote;	/* clean URL -> struct verdict */
	struct confine	  cache;	/* the folder fetched images lie in */
	size_t		  nchapters;
	int		  real_known, roots_known;
};

/* What a local image file turned out to be. */
struct verdict {
	enum link_kind	   kind;	/* LINK_FILE or LINK_NONE */
	enum image_format  format;
	const char	  *path;
	const unsigned char *data;	/* a data: URI's or a cleaned SVG's */
	size_t		   len;
};

/* ---- ids ------------------------------------------------------------- */

static const char *
local_key(struct resolver *r, int chapter, const char *id)
{
	size_t n = strlen(id) + 24;
	char *k = doc_alloc(r->d, n);

	snprintf(k, n, "%d\x1f%s", chapter, id);
	return k;
}

/* Every id in the document, and every heading's id within its own file
 * (the slug numbered among that file's headings only). */
static void
index_ids(struct resolver *r)
{
	struct strmap seen;
	const struct node *ch;
	struct node *n;
	int entering;
	char slug[128];

	if (r->d->title != NULL && r->d->root->first != NULL)
		strmap_put(&r->ids, r->d->title->u.heading.id,
		    r->d->root->first);
	for (ch = r->d->root->first; ch != NULL; ch = ch->next) {
		strmap_put(&r->ids, ch->u.chapter.id, (void *)ch);
		strmap_init(&seen);
		if (ch == r->d->root->first && r->d->title != NULL) {
			/* The title heading was the file's first: its slug
			 * is taken, and leads to the file's start. */
			tidy_unique_id(r->d, &seen, r->d->title->u.heading.id);
			strmap_put(&r->local, local_key(r, 0,
			    r->d->title->u.heading.id), (void *)ch);
		}
		n = NULL;
		while ((n = doc_next(ch, n, &entering)) != NULL) {
			if (entering && n->type == N_ANCHOR) {
				strmap_put(&r->ids, n->u.anchor.id, n);
				strmap_put(&r->local, local_key(r,
				    ch->u.chapter.index, n->u.anchor.id), n);
			}
			if (!entering || n->type != N_HEADING)
				continue;
			strmap_put(&r->ids, n->u.heading.id, n);
			tidy_slugify(doc_plain_text(r->d, n), slug,
			    sizeof(slug));
			strmap_put(&r->local, local_key(r, ch->u.chapter.index,
			    tidy_unique_id(r->d, &seen, slug)), n);
		}
		strmap_free(&seen);
	}
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
 * warning; after LEAVING_SAID files, the rest are counted (said at the
 * end, leaving_summary).  A sibling man page is a page reference and
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
	if (r->warned.n > LEAVING_SAID) {
		if (r->leaving++ == 0)
			r->leaving_file = n->file;
		return 0;
	}
	diag_warn(n->file, n->line, "link to %s, which is not %s; keeping "
	    "its text (-M link-base=URL links it where it is published)",
	    rel, r->d->book ? "part of the book" : "among the inputs");
	return 0;
}

static void
leaving_summary(const struct resolver *r)
{
	if (r->leaving > 0)
		diag_warn(r->leaving_file, 0, "and %zu more file%s linked to "
		    "that %s not %s; their links keep their text", r->leaving,
		    r->leaving == 1 ? "" : "s", r->leaving == 1 ? "is" : "are",
		    r->d->book ? "part of the book" : "among the inputs");
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

/* ---- images ----------------------------------------------------------- */

static enum image_format
sniff(const unsigned char *b, size_t n)
{
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMG_PNG;
	if (n >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0)
		return IMG_JPEG;
	if (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0))
		return IMG_GIF;
	if (n >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0)
		return IMG_WEBP;
	/* An SVG is read whole and cleaned (svg_picture). */
	if (svg_sniff(b, n))
		return IMG_SVG;
	return IMG_NONE;
}

/* The folders local images may come from: a book's own folder (it
 * arrives whole, in a pull request say, and may name nothing outside
 * it); for other documents the current folder and every input file's.
 * The current folder is where the person running quire stands, and an
 * image must also pass the format check below, so it cannot carry a
 * text file out. */
static const struct confine *
know_roots(struct resolver *r)
{
	size_t i;

	if (!r->roots_known) {
		r->roots_known = 1;
		confine_add(&r->roots, r->d->book_root != NULL ?
		    r->d->book_root : ".");
		for (i = 0; i < r->nchapters; i++)
			if (strcmp(r->chapter[i]->u.chapter.path, "-") != 0)
				confine_add_dir_of(&r->roots,
				    r->chapter[i]->u.chapter.path);
	}
	return &r->roots;
}

/* An SVG picture's bytes cleaned into the verdict (the model's); -1,
 * warned, when it is no picture that can be published. */
static int
svg_picture(struct resolver *r, const struct node *n, struct verdict *v,
    const unsigned char *bytes, size_t len)
{
	unsigned char	*clean;
	const char	*why;

	if (svg_clean(bytes, len, &clean, &v->len, &why) != 0) {
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt "
		    "text", v->path, why);
		return -1;
	}
	v->data = doc_alloc(r->d, v->len);
	memcpy((unsigned char *)v->data, clean, v->len);
	free(clean);
	return 0;
}

/* The SVG file open at fp, read whole and cleaned. */
static int
svg_file(struct resolver *r, const struct node *n, struct verdict *v,
    FILE *fp)
{
	size_t		 cap = 1 << 14, len = 0, got;
	unsigned char	*b = xmalloc(cap);
	int		 rc;

	/* The file is at most IMAGE_MAX (judge checked). */
	while ((got = fread(b + len, 1, cap - len, fp)) > 0)
		if ((len += got) == cap)
			b = xrealloc(b, cap *= 2);
	rc = svg_picture(r, n, v, b, len);
	free(b);
	return rc;
}

/* Check a local image file once: allowed (inside one of roots, see
 * confine.h), small, a format. */
static struct verdict *
judge(struct resolver *r, const struct node *n, const char *path,
    const struct confine *roots)
{
	struct verdict *v = doc_alloc(r->d, sizeof(*v));
	enum confine_verdict cv;
	unsigned char head[12];
	struct stat sb;
	size_t got = 0;
	char *real, why[256];
	FILE *fp;

	watchlist_note(path);
	v->path = doc_strdup(r->d, path);
	cv = confine_check(roots, path, &real);
	if (cv != CONFINE_OK)
		diag_warn(n->file, n->line, "image %s%s; keeping its alt "
		    "text", path, confine_why(cv, errno, r->d->book_root ?
		    "the book's folder" : "the document's folders", why,
		    sizeof(why)));
	else if (stat(real, &sb) != 0 || (long long)sb.st_size > IMAGE_MAX)
		diag_warn(n->file, n->line, "image %s: too large; keeping its "
		    "alt text", path);
	else if ((fp = fopen(real, "rb")) == NULL)
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt "
		    "text", path, strerror(errno));
	else {
		got = fread(head, 1, sizeof(head), fp);
		rewind(fp);
		if ((v->format = sniff(head, got)) == IMG_NONE)
			diag_warn(n->file, n->line, "image %s: not PNG, JPEG, "
			    "GIF, WebP or SVG; keeping its alt text", path);
		else if (v->format != IMG_SVG || svg_file(r, n, v, fp) == 0)
			v->kind = LINK_FILE;
		fclose(fp);
	}
	free(real);
	return v;
}

/* ---- remote images ---------------------------------------------------- */

/* An image URL fetch.c may fetch: http or https, with a real host. */
static int
fetchable(const char *url)
{
	return (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0) && url_remote_ok(url);
}

/* Every remote image of the document fetched, side by side, before the
 * pass that judges them in document order. */
static void
fetch_remote(struct resolver *r)
{
	struct node *n = NULL;
	int entering;
	char *clean;

	r->fetch = fetch_new(IMAGE_MAX);
	while ((n = doc_next(r->d->root, n, &entering)) != NULL)
		if (entering && n->type == N_IMAGE &&
		    fetchable(n->u.link.url)) {
			clean = url_clean(n->u.link.url);
			fetch_want(r->fetch, clean);
			free(clean);
		}
	fetch_run(r->fetch);
	if (fetch_dir(r->fetch) != NULL)
		confine_add(&r->cache, fetch_dir(r->fetch));
}

/* A fetched image is judged like a local one, in the cache folder; one
 * not fetched keeps its alt text (linked to the URL), with one warning
 * per URL. */
static void
remote_image(struct resolver *r, struct node *n, const char *clean)
{
	struct verdict *v;
	const char *path, *why;

	if ((v = strmap_get(&r->remote, clean)) == NULL) {
		path = NULL;
		why = "only http and https images are fetched";
		if (fetchable(n->u.link.url) &&
		    (path = fetch_path(r->fetch, clean, &why)) != NULL)
			v = judge(r, n, path, &r->cache);
		else {
			diag_warn(n->file, n->line, "image %.200s not fetched "
			    "(%s); showing its alt text", clean, why);
			v = doc_alloc(r->d, sizeof(*v));
		}
		strmap_put(&r->remote, doc_strdup(r->d, clean), v);
	}
	if (v->kind == LINK_FILE) {
		n->u.link.kind = LINK_FILE;
		n->u.link.format = v->format;
		n->u.link.path = v->path;
	}
}

/* The picture a data: URI carries, checked once per URI: decoded, of a
 * known kind, and named "data-URI-N" for messages and the emitters. */
static struct verdict *
judge_data(struct resolver *r, const struct node *n, const char *url)
{
	struct verdict	*v = doc_alloc(r->d, sizeof(*v));
	unsigned char	*bytes;
	const char	*why;
	char		 name[32];
	size_t		 len;

	memset(v, 0, sizeof(*v));
	snprintf(name, sizeof(name), "data-URI-%d", ++r->ndata);
	v->path = doc_strdup(r->d, name);
	if (data_uri_decode(url, &bytes, &len, &why) != 0) {
		diag_warn(n->file, n->line, "image in a data: URI: %s; "
		    "keeping its alt text", why);
		return v;
	}
	if ((v->format = sniff(bytes, len)) == IMG_NONE)
		diag_warn(n->file, n->line, "image in a data: URI: not PNG, "
		    "JPEG, GIF, WebP or SVG; keeping its alt text");
	else if (v->format == IMG_SVG) {
		if (svg_picture(r, n, v, bytes, len) == 0)
			v->kind = LINK_FILE;
	} else {
		unsigned char *copy = doc_alloc(r->d, len);

		memcpy(copy, bytes, len);
		v->kind = LINK_FILE;
		v->data = copy;
		v->len = len;
	}
	free(bytes);
	return v;
}

static void
image(struct resolver *r, struct node *n)
{
	const char *url = n->u.link.url;
	struct verdict *v;
	char *rel, *path;
	int safe;

	if (*url == '\0')
		return;
	if (data_uri_is(url)) {
		if ((v = strmap_get(&r->images, url)) == NULL) {
			v = judge_data(r, n, url);
			strmap_put(&r->images, url, v);
		}
		n->u.link.kind = v->kind;
		n->u.link.format = v->format;
		n->u.link.path = v->kind == LINK_FILE ? v->path : NULL;
		n->u.link.data = v->data;
		n->u.link.data_len = v->len;
		return;
	}
	if (url_scheme(url, &safe) || strncmp(url, "//", 2) == 0) {
		/* A remote image not fetched is a link a reader may
		 * follow. */
		if (safe && url_remote_ok(url) &&
		    strncmp(url, "mailto:", 7) != 0 &&
		    strncmp(url, "tel:", 4) != 0) {
			char *clean = url_clean(url);

			n->u.link.kind = LINK_EXTERNAL;
			n->u.link.href = doc_strdup(r->d, clean);
			remote_image(r, n, clean);
			free(clean);
		}
		return;
	}
	rel = pct_decode(url, strcspn(url, "?#"));
	path = path_resolve(n->file, rel);
	free(rel);
	if ((v = strmap_get(&r->images, path)) == NULL) {
		v = judge(r, n, path, know_roots(r));
		strmap_put(&r->images, v->path, v);
	}
	free(path);
	n->u.link.kind = v->kind;
	n->u.link.format = v->format;
	n->u.link.path = v->kind == LINK_FILE ? v->path : NULL;
	n->u.link.data = v->data;
	n->u.link.data_len = v->len;
}

/* A path the metadata names (a cover, a stylesheet): as given when that
 * exists (from -M, relative to the current directory), else beside the
 * first input file (from its front matter).  malloc'd. */
static char *
meta_path(struct resolver *r, const char *given)
{
	struct stat sb;

	if (given[0] == '/' || stat(given, &sb) == 0 || r->nchapters == 0)
		return path_norm(given);
	return path_resolve(r->chapter[0]->u.chapter.path, given);
}

/* The cover image, checked like any image but for where it lies: -M
 * names it on the command line, and a front matter's cover was confined
 * to the document's or the book's folder when it was read (meta.c).  The
 * extra stylesheet must be readable and small enough. */
static void
book_files(struct resolver *r)
{
	struct meta *m = &r->d->meta;
	struct confine anywhere;
	struct verdict *v;
	struct node where;
	struct stat sb;
	char *path;

	memset(&where, 0, sizeof(where));
	where.file = r->nchapters > 0 ? r->chapter[0]->file : NULL;
	if (m->cover_image != NULL && *m->cover_image != '\0') {
		path = meta_path(r, m->cover_image);
		confine_init(&anywhere);
		confine_add(&anywhere, "/");
		v = judge(r, &where, path, &anywhere);
		confine_free(&anywhere);
		if (v->kind == LINK_FILE && v->format == IMG_SVG)
			diag_warn(where.file, 0, "cover image %s: an SVG "
			    "cover is not supported; the book has none", path);
		else if (v->kind == LINK_FILE) {
			r->d->cover_path = v->path;
			r->d->cover_format = v->format;
		}
		free(path);
	}
	if (m->css != NULL && *m->css != '\0') {
		path = meta_path(r, m->css);
		if (access(path, R_OK) != 0 || stat(path, &sb) != 0) {
			diag_warn(where.file, 0, "stylesheet %s: %s; the book "
			    "has only its own", path, strerror(errno));
			m->css = NULL;
		} else if (S_ISREG(sb.st_mode) && sb.st_size > CSS_MAX) {
			diag_warn(where.file, 0, "stylesheet %s is larger than "
			    "%d KiB; the book has only its own", path,
			    CSS_MAX >> 10);
			m->css = NULL;
		} else
			m->css = doc_strdup(r->d, path);
		free(path);
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
resolve_document(struct doc *d)
{
	struct resolver r;
	struct node *n = NULL, *ch;
	int entering;
	size_t i;
	char *norm;

	memset(&r, 0, sizeof(r));
	r.d = d;
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
	index_ids(&r);
	book_files(&r);
	fetch_remote(&r);
	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		if (n->type == N_LINK)
			link_dest(&r, n);
		else if (n->type == N_IMAGE)
			image(&r, n);
		else if (n->type == N_TABLE)
			label_column(n);
	}
	leaving_summary(&r);
	for (i = 0; i < r.nchapters; i++)
		free(r.real[i]);
	confine_free(&r.roots);
	free(r.real);
	free(r.chapter);
	strmap_free(&r.ids);
	strmap_free(&r.local);
	strmap_free(&r.names);
	strmap_free(&r.images);
	strmap_free(&r.warned);
	strmap_free(&r.remote);
	confine_free(&r.cache);
	fetch_free(r.fetch);
}
