/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/plan.c - the book's shape, decided once before any XML is built:
 * which content file each top-level block goes to, where every heading id
 * lives (so links can be written to the right file), the table of
 * contents, the images to copy and the timestamp.  Where links and images
 * lead was decided by the front end (resolve.c); this only maps the
 * targets onto the book's files.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "util/file.h"
#include "util/strmap.h"
#include "model/style.h"

/* ---- files and anchors ------------------------------------------------ */

static struct epub_file *
new_file(struct epub *e, size_t *cap, const struct node *chapter,
    const struct node *first)
{
	struct epub_file *f;

	if (e->nfiles == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		e->files = xrealloc(e->files, *cap * sizeof(*e->files));
	}
	f = &e->files[e->nfiles++];
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "c%03zu.xhtml", e->nfiles);
	f->chapter = chapter;
	f->first = first;
	return f;
}

/* Cut every chapter into files at top-level headings of level
 * <= split_level (a heading that opens a chapter does not cut). */
static void
plan_files(struct epub *e)
{
	const struct node *c, *b;
	struct epub_file *cur;
	size_t cap = 0;

	int body;

	for (c = e->doc->root->first; c != NULL; c = c->next) {
		cur = NULL;
		body = 0;
		for (b = c->first; b != NULL; b = b->next) {
			/* A file holding only headings so far ("# Part"
			 * straight before "## Section") is not cut off:
			 * a page with a lone title helps nobody. */
			if (cur == NULL || (body && b->type == N_HEADING &&
			    b->u.heading.level <= e->split_level)) {
				if (cur != NULL)
					cur->end = b;
				cur = new_file(e, &cap, c, b);
				body = 0;
			}
			if (b->type != N_HEADING)
				body = 1;
		}
	}
}

static int
anchor_cmp(const void *a, const void *b)
{
	const struct epub_anchor *x = a, *y = b;

	return strcmp(x->id, y->id);
}

int
epub_anchor_file(const struct epub *e, const char *id)
{
	struct epub_anchor key, *a;

	key.id = id;
	if (e->nanchors == 0)
		return -1;
	a = bsearch(&key, e->anchors, e->nanchors, sizeof(key), anchor_cmp);
	return a ? a->file : -1;
}

static void
add_toc(struct epub *e, size_t *cap, int level, int file, const char *id,
    char *text)
{
	if (e->ntoc == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		e->toc = xrealloc(e->toc, *cap * sizeof(*e->toc));
	}
	e->toc[e->ntoc].level = level;
	e->toc[e->ntoc].file = file;
	e->toc[e->ntoc].id = id;
	e->toc[e->ntoc].text = text;
	e->ntoc++;
}

/* Every heading anywhere in a file: anchors for links, a title for the
 * file, and table-of-contents entries for the top-level ones. */
static void
plan_headings(struct epub *e)
{
	size_t fi, acap = 0, tcap = 0, had;
	const struct node *b;
	struct node *n;
	int entering;
	char *t;

	for (fi = 0; fi < e->nfiles; fi++) {
		struct epub_file *f = &e->files[fi];

		had = e->ntoc;
		for (b = f->first; b != f->end; b = b->next) {
			n = NULL;
			while ((n = doc_next(b, n, &entering)) != NULL) {
				if (!entering || (n->type != N_HEADING &&
				    n->type != N_ANCHOR))
					continue;
				if (e->nanchors == acap) {
					acap = acap ? acap * 2 : 32;
					e->anchors = xrealloc(e->anchors,
					    acap * sizeof(*e->anchors));
				}
				e->anchors[e->nanchors].id = doc_target_id(n);
				e->anchors[e->nanchors].file = (int)fi;
				e->nanchors++;
				if (n->type == N_ANCHOR)
					continue;
				t = doc_text_dup(n, 0);
				if (n->u.heading.number != NULL) {
					char *num = xmalloc(strlen(t) +
					    strlen(n->u.heading.number) + 2);

					sprintf(num, "%s %s",
					    n->u.heading.number, t);
					free(t);
					t = num;
				}
				if (f->title == NULL && t[0] != '\0')
					f->title = xstrdup(t);
				/* In a book's contents, a nested chapter's
				 * headings sit under its parent's. */
				if (n == b && n->u.heading.outline <= e->toc_depth &&
				    t[0] != '\0')
					add_toc(e, &tcap, n->u.heading.outline,
					    (int)fi, n->u.heading.id, t);
				else
					free(t);
			}
		}
		if (f->title == NULL)
			f->title = xstrdup(e->title);
		if (e->ntoc == had) {
			/* A file the reader could not reach from the
			 * contents otherwise: an entry for its start
			 * (its level is fixed below). */
			add_toc(e, &tcap, 0, (int)fi, NULL,
			    xstrdup(f->title));
		}
	}
	/* A file-start entry sits beside the section that follows it (or
	 * the one before it): a preface is not the parent of the book. */
	for (fi = e->ntoc; fi-- > 0;)
		if (e->toc[fi].level == 0)
			e->toc[fi].level = fi + 1 < e->ntoc ?
			    e->toc[fi + 1].level : 0;
	for (fi = 0; fi < e->ntoc; fi++)
		if (e->toc[fi].level == 0)
			e->toc[fi].level = fi > 0 ? e->toc[fi - 1].level : 1;
	if (e->nanchors > 0)
		qsort(e->anchors, e->nanchors, sizeof(*e->anchors), anchor_cmp);
}

/* ---- images ----------------------------------------------------------- */

static const char *const mime[] = {
	[IMG_PNG] = "image/png", [IMG_JPEG] = "image/jpeg",
	[IMG_GIF] = "image/gif", [IMG_WEBP] = "image/webp",
	[IMG_SVG] = "image/svg+xml",
};
static const char *const ext[] = {
	[IMG_PNG] = "png", [IMG_JPEG] = "jpg", [IMG_GIF] = "gif",
	[IMG_WEBP] = "webp", [IMG_SVG] = "svg",
};

/* The bytes of an image the model found usable into im, and the format
 * they are stored in: a WebP becomes a PNG (webppng.c).  IMG_NONE,
 * warned, when they cannot be had. */
static enum image_format
read_image(const struct node *n, struct epub_image *im)
{
	const char *why;

	if (n->u.link.data != NULL) {
		/* A data: URI's picture: the model holds its bytes. */
		im->data = xmalloc(n->u.link.data_len);
		memcpy(im->data, n->u.link.data, n->u.link.data_len);
		im->len = n->u.link.data_len;
	} else if ((n->u.link.real != NULL ? file_read_confined(n->u.link.real,
	    (size_t)IMAGE_MAX, &im->data, &im->len) : file_read(n->u.link.path,
	    (size_t)IMAGE_MAX, &im->data, &im->len)) != 0) {
		/* It was there a moment ago (resolve.c). */
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt "
		    "text", n->u.link.path, strerror(errno));
		return IMG_NONE;
	}
	if (n->u.link.format != IMG_WEBP)
		return n->u.link.format;
	if (epub_webp_to_png(&im->data, &im->len, &why) == 0)
		return IMG_PNG;
	diag_warn(n->file, n->line, "image %s: %s; keeping its alt text",
	    n->u.link.path, why);
	free(im->data);
	im->data = NULL;
	return IMG_NONE;
}

/* Every local image the model found usable, read once and named
 * images/iNNN.ext in the book; an image used twice is stored once. */
static void
plan_images_in(struct epub *e, const struct node *root, size_t *cap)
{
	struct node *n = NULL;
	struct epub_image *im;
	size_t icap = *cap;
	int entering;
	enum image_format format;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering || n->type != N_IMAGE ||
		    n->u.link.kind != LINK_FILE ||
		    strmap_get(&e->image_of, n->u.link.path) != NULL)
			continue;
		if (e->nimages == icap) {
			icap = icap ? icap * 2 : 8;
			e->images = xrealloc(e->images,
			    icap * sizeof(*e->images));
		}
		im = &e->images[e->nimages];
		memset(im, 0, sizeof(*im));
		if ((format = read_image(n, im)) == IMG_NONE)
			continue;
		im->mime = mime[format];
		snprintf(im->name, sizeof(im->name), "images/i%03zu.%s",
		    ++e->nimages, ext[format]);
		/* Its number, not its name: e->images moves as it grows. */
		strmap_put(&e->image_of, n->u.link.path,
		    (void *)(uintptr_t)e->nimages);
	}
	*cap = icap;
}

/* The chapters' images, then the footnotes', which live apart. */
static void
plan_images(struct epub *e)
{
	size_t cap = 0;

	plan_images_in(e, e->doc->root, &cap);
	plan_images_in(e, e->doc->notes, &cap);
}

/* The cover image the front end found usable (doc.cover_path). */
static void
plan_cover(struct epub *e)
{
	const struct doc *d = e->doc;
	struct epub_image *c = &e->cover;
	enum image_format format = d->cover_format;
	const char *why;

	if (d->cover_path == NULL)
		return;
	/* An SVG as the reader cleaned it (no script, no reference outside
	 * it); any other front matter's cover read where it was judged, no
	 * link on the way (util/file.h). */
	if (d->cover_data != NULL) {
		c->data = xmalloc(d->cover_len);
		memcpy(c->data, d->cover_data, d->cover_len);
		c->len = d->cover_len;
	} else if ((d->meta.cover_judged ? file_read_confined :
	    file_read)(d->cover_path, (size_t)IMAGE_MAX, &c->data,
	    &c->len) != 0) {
		diag_warn(d->cover_path, 0, "cover image: %s; the book has "
		    "none", strerror(errno));
		c->data = NULL;
		return;
	}
	if (format == IMG_WEBP) {
		if (epub_webp_to_png(&c->data, &c->len, &why) != 0) {
			diag_warn(d->cover_path, 0, "cover image: %s; the "
			    "book has none", why);
			free(c->data);
			c->data = NULL;
			return;
		}
		format = IMG_PNG;
	}
	c->mime = mime[format];
	snprintf(c->name, sizeof(c->name), "images/cover.%s", ext[format]);
}

const char *
epub_image_for(const struct epub *e, const struct node *n)
{
	uintptr_t k = n->u.link.kind == LINK_FILE ?
	    (uintptr_t)strmap_get(&e->image_of, n->u.link.path) : 0;

	return k != 0 ? e->images[k - 1].name : NULL;
}

/* ---- links ------------------------------------------------------------ */

static int
chapter_first_file(const struct epub *e, const struct node *chapter)
{
	size_t i;

	for (i = 0; i < e->nfiles; i++)
		if (e->files[i].chapter == chapter)
			return (int)i;
	return -1;
}

char *
epub_link_href(const struct epub *e, const struct node *n)
{
	const struct node *t = n->u.link.target;
	const char *name, *id = NULL;
	char *h;
	int file;

	if (n->u.link.kind == LINK_EXTERNAL)
		return xstrdup(n->u.link.href);
	if (n->u.link.kind != LINK_INTERNAL)
		return NULL;
	if (t->type == N_CHAPTER)
		file = chapter_first_file(e, t);
	else
		file = epub_anchor_file(e, id = doc_target_id(t));
	if (file < 0)
		return NULL;	/* a heading the book does not show */
	name = e->files[file].name;
	h = xmalloc(strlen(name) + (id ? strlen(id) : 0) + 2);
	strcpy(h, name);
	if (id != NULL) {
		strcat(h, "#");
		strcat(h, id);
	}
	return h;
}

/* ---- the whole plan --------------------------------------------------- */

/* The book's title: settle.c gave a document without one its first
 * heading, or else its file name. */
static void
plan_title(struct epub *e)
{
	e->title = e->doc->meta.title != NULL ? e->doc->meta.title :
	    "Untitled";
}

int
epub_plan(struct epub *e, const struct doc *d, const struct style *st)
{
	struct tm tm;
	time_t t = (time_t)d->epoch;

	memset(e, 0, sizeof(*e));
	e->doc = d;
	e->st = st;
	e->lang = d->meta.lang;
	e->identifier = d->meta.identifier;
	e->split_level = st->epub.split_level;
	e->toc_depth = doc_contents_depth(d, d->set.epub_toc_depth);
	strmap_init(&e->image_of);
	e->unshown = xcalloc(N_TYPE_COUNT, sizeof(*e->unshown));
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 1970) {
		diag_error(NULL, 0, "timestamp %ld is out of range", d->epoch);
		return -1;
	}
	strftime(e->modified, sizeof(e->modified), "%Y-%m-%dT%H:%M:%SZ", &tm);
	plan_title(e);
	plan_files(e);
	plan_headings(e);
	plan_images(e);
	plan_cover(e);
	epub_cover_card(e);
	epub_plan_notes(e);
	return 0;
}

void
epub_plan_free(struct epub *e)
{
	size_t i;

	for (i = 0; i < e->nfiles; i++)
		free(e->files[i].title);
	for (i = 0; i < e->ntoc; i++)
		free(e->toc[i].text);
	for (i = 0; i < e->nimages; i++)
		free(e->images[i].data);
	free(e->cover.data);
	free(e->files);
	free(e->anchors);
	free(e->toc);
	free(e->images);
	strmap_free(&e->image_of);
	epub_plan_notes_free(e);
	free(e->unshown);
}
