/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve_image.c - where every image leads, decided once (resolve.c's
 * pass calls it for each image node).
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
 * A book's images lie under the book's own folder (doc.h's book_root).
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
#include "read/resolve_int.h"
#include "read/svgclean.h"
#include "util/strmap.h"
#include "util/url.h"
#include "util/watchlist.h"

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
	int fd = -1;

	watchlist_note(path);
	v->path = doc_strdup(r->d, path);
	/* Judged and read through one descriptor: what is sniffed is the
	 * file judged; the emitters open the real path again with no link
	 * allowed on the way (node.u.link.real). */
	cv = confine_open(roots, path, &real, &fd);
	if (cv != CONFINE_OK)
		diag_warn(n->file, n->line, "image %s%s; keeping its alt "
		    "text", path, confine_why(cv, errno, r->d->book_root ?
		    "the book's folder" : "the document's folders", why,
		    sizeof(why)));
	else if (fstat(fd, &sb) != 0 || (long long)sb.st_size > IMAGE_MAX)
		diag_warn(n->file, n->line, "image %s: too large; keeping its "
		    "alt text", path);
	else if ((fp = fdopen(fd, "rb")) == NULL)
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt "
		    "text", path, strerror(errno));
	else {
		fd = -1;	/* fclose closes it */
		got = fread(head, 1, sizeof(head), fp);
		rewind(fp);
		if ((v->format = sniff(head, got)) == IMG_NONE)
			diag_warn(n->file, n->line, "image %s: not PNG, JPEG, "
			    "GIF, WebP or SVG; keeping its alt text", path);
		else if (v->format != IMG_SVG || svg_file(r, n, v, fp) == 0)
			v->kind = LINK_FILE;
		fclose(fp);
	}
	if (fd != -1)
		close(fd);
	if (v->kind == LINK_FILE)
		v->real = doc_strdup(r->d, real);
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

/* A remote image to fetch, n seen by the walk that indexes the ids
 * (index_ids), which visits every node in document order. */
void
resolve_want_remote(struct resolver *r, const struct node *n)
{
	char *clean;

	if (n->type != N_IMAGE || !fetchable(n->u.link.url))
		return;
	if (r->fetch == NULL)
		r->fetch = fetch_new(IMAGE_MAX);
	clean = url_clean(n->u.link.url);
	fetch_want(r->fetch, clean);
	free(clean);
}

/* Every remote image of the document fetched, side by side, before the
 * pass that judges them in document order. */
void
resolve_fetch_remote(struct resolver *r)
{
	if (r->fetch == NULL)
		r->fetch = fetch_new(IMAGE_MAX);
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
		n->u.link.real = v->real;
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

void
resolve_image(struct resolver *r, struct node *n)
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
	n->u.link.real = v->kind == LINK_FILE ? v->real : NULL;
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
void
resolve_book_files(struct resolver *r)
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
		if (v->kind == LINK_FILE) {
			r->d->cover_path = v->path;
			r->d->cover_format = v->format;
			/* An SVG's cleaned bytes, not its file. */
			if (v->format == IMG_SVG) {
				r->d->cover_data = v->data;
				r->d->cover_len = v->len;
			}
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

