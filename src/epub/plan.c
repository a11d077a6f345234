/*
 * epub/plan.c - the book's shape, decided once before any XML is built:
 * which content file each top-level block goes to, where every heading id
 * lives (so links can be rewritten to the right file), the table of
 * contents, the images to copy, the identifier and the timestamp.
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "epub.h"
#include "linkpath.h"
#include "style.h"
#include "utf8.h"

#define IMAGE_MAX ((size_t)32 * 1024 * 1024)

/* ---- small string helpers --------------------------------------------- */

/* Plain text of a subtree into a malloc'd string (doc_plain_text would
 * grow the const document's arena). */
static char *
plain_text(const struct node *root)
{
	struct buf b;
	struct node *n = NULL;
	int entering;

	buf_init(&b);
	buf_puts(&b, "");
	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		if (n->type == N_TEXT || n->type == N_CODE)
			buf_puts(&b, n->text);
		else if (n->type == N_LINEBREAK || n->type == N_SOFTBREAK)
			buf_putc(&b, ' ');
	}
	return b.data;
}

/* ---- hashing: the content-derived identifier ------------------------- */

/*
 * Two FNV-1a 64-bit hashes with different offset bases make a 128-bit
 * digest.  It is not cryptographic and need not be: it only has to give
 * the same book the same identifier on every build and different books
 * different ones.
 */
void
epub_hash_init(struct epub_hash *h)
{
	h->h[0] = 0xcbf29ce484222325ULL;
	h->h[1] = 0x6c62272e07bb0142ULL;
}

void
epub_hash_add(struct epub_hash *h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h->h[0] = (h->h[0] ^ (unsigned char)s[i]) * 0x100000001b3ULL;
		h->h[1] = (h->h[1] ^ (unsigned char)s[i]) * 0x100000001b3ULL;
		h->h[1] ^= h->h[1] >> 29;
	}
	/* A separator, so ("ab","c") and ("a","bc") differ. */
	h->h[0] = (h->h[0] ^ 0xff) * 0x100000001b3ULL;
	h->h[1] = (h->h[1] ^ 0xfe) * 0x100000001b3ULL;
}

static void
hash_str(struct epub_hash *h, const char *s)
{
	epub_hash_add(h, s ? s : "", s ? strlen(s) : 0);
}

/* urn:uuid in RFC 9562 layout, version 8 ("custom"), variant 10. */
static void
make_identifier(struct epub *e)
{
	const struct meta *m = &e->doc->meta;
	struct epub_hash h;
	struct node *n = NULL;
	const char **a;
	unsigned char b[16];
	char tbuf[16];
	int entering, i;

	if (m->identifier != NULL && m->identifier[0] != '\0') {
		snprintf(e->identifier, sizeof(e->identifier), "%s", m->identifier);
		if (strlen(m->identifier) < sizeof(e->identifier))
			return;
		/* Too long for the buffer: hash it instead (still stable). */
	}
	epub_hash_init(&h);
	hash_str(&h, m->title);
	hash_str(&h, m->lang);
	for (a = m->authors; a != NULL && *a != NULL; a++)
		hash_str(&h, *a);
	hash_str(&h, m->identifier);
	while ((n = doc_next(e->doc->root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		snprintf(tbuf, sizeof(tbuf), "%d", (int)n->type);
		hash_str(&h, tbuf);
		if (n->text != NULL)
			hash_str(&h, n->text);
		if (n->type == N_LINK || n->type == N_IMAGE)
			hash_str(&h, n->u.link.url);
	}
	for (i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h.h[0] >> (56 - 8 * i));
		b[i + 8] = (unsigned char)(h.h[1] >> (56 - 8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x80);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(e->identifier, sizeof(e->identifier),
	    "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* ---- language --------------------------------------------------------- */

/* A well-formed-looking BCP 47 tag: 2-8 letters, then -alnum{1,8} parts. */
static int
lang_ok(const char *s)
{
	size_t i = 0, seg = 0;

	for (; s[i] != '\0' && isalpha((unsigned char)s[i]); i++)
		seg++;
	if (seg < 2 || seg > 8)
		return 0;
	while (s[i] == '-') {
		i++;
		for (seg = 0; s[i] != '\0' && isalnum((unsigned char)s[i]); i++)
			seg++;
		if (seg < 1 || seg > 8)
			return 0;
	}
	return s[i] == '\0';
}

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

const char *
epub_heading_id(const struct epub *e, const struct node *h)
{
	size_t i;

	if (h->u.heading.id != NULL && h->u.heading.id[0] != '\0')
		return h->u.heading.id;
	for (i = 0; i < e->nfallback; i++)
		if (e->fallback[i].heading == h)
			return e->fallback[i].id;
	return "h-unknown";
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
	size_t fi, acap = 0, tcap = 0, fcap = 0, had;
	const struct node *b;
	struct node *n;
	int entering;
	char *t, idbuf[32];

	for (fi = 0; fi < e->nfiles; fi++) {
		struct epub_file *f = &e->files[fi];

		had = e->ntoc;
		for (b = f->first; b != f->end; b = b->next) {
			n = NULL;
			while ((n = doc_next(b, n, &entering)) != NULL) {
				if (!entering || n->type != N_HEADING)
					continue;
				if (n->u.heading.id == NULL ||
				    n->u.heading.id[0] == '\0') {
					if (e->nfallback == fcap) {
						fcap = fcap ? fcap * 2 : 8;
						e->fallback = xrealloc(e->fallback,
						    fcap * sizeof(*e->fallback));
					}
					e->fallback[e->nfallback].heading = n;
					snprintf(idbuf, sizeof(idbuf), "h-%zu",
					    e->nfallback + 1);
					e->fallback[e->nfallback].id =
					    xstrdup(idbuf);
					e->nfallback++;
				}
				if (e->nanchors == acap) {
					acap = acap ? acap * 2 : 32;
					e->anchors = xrealloc(e->anchors,
					    acap * sizeof(*e->anchors));
				}
				e->anchors[e->nanchors].id = epub_heading_id(e, n);
				e->anchors[e->nanchors].file = (int)fi;
				e->nanchors++;
				t = plain_text(n);
				if (f->title == NULL && t[0] != '\0')
					f->title = xstrdup(t);
				if (n == b && n->u.heading.level <= e->toc_depth &&
				    t[0] != '\0')
					add_toc(e, &tcap, n->u.heading.level,
					    (int)fi, epub_heading_id(e, n), t);
				else
					free(t);
			}
		}
		if (f->title == NULL)
			f->title = xstrdup(e->doc->meta.title ?
			    e->doc->meta.title : "Untitled");
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


static const char *
sniff(const unsigned char *d, size_t n, const char **ext)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *ext = "png", "image/png";
	if (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return *ext = "jpg", "image/jpeg";
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return *ext = "gif", "image/gif";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return *ext = "webp", "image/webp";
	/* SVG is left out on purpose: it can carry scripts and external
	 * references, and sanitising it is a job of its own. */
	return NULL;
}

static int
read_image(const char *path, struct epub_image *im, const struct node *n)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, got;
	const char *ext;

	if (fp == NULL) {
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt text",
		    path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap);
		}
		got = fread(data + len, 1, cap - len, fp);
		len += got;
		if (got == 0 || len > IMAGE_MAX)
			break;
	}
	if (ferror(fp) || len > IMAGE_MAX) {
		diag_warn(n->file, n->line, "image %s: %s; keeping its alt text",
		    path, len > IMAGE_MAX ? "too large" : "read error");
		fclose(fp);
		free(data);
		return -1;
	}
	fclose(fp);
	if ((im->mime = sniff(data, len, &ext)) == NULL) {
		diag_warn(n->file, n->line, "image %s: not PNG, JPEG, GIF or "
		    "WebP; keeping its alt text", path);
		free(data);
		return -1;
	}
	im->data = data;
	im->len = len;
	snprintf(im->name, sizeof(im->name), "images/i%03zu.%s",
	    (size_t)0, ext);	/* numbered by the caller */
	return 0;
}

static void
plan_images(struct epub *e)
{
	struct node *n = NULL;
	size_t i, rcap = 0, icap = 0;
	int entering, safe, idx;
	char *rel, *path;
	const char *url, *dot;
	struct epub_image im;

	while ((n = doc_next(e->doc->root, n, &entering)) != NULL) {
		if (!entering || n->type != N_IMAGE)
			continue;
		url = n->u.link.url;
		if (url[0] == '\0' || epub_url_scheme(url, &safe) ||
		    strncmp(url, "//", 2) == 0)
			continue;	/* remote or unsafe: never fetched */
		rel = pct_decode(url, strcspn(url, "?#"));
		path = path_resolve(n->file, rel);
		free(rel);
		idx = -1;
		for (i = 0; i < e->nimages; i++)
			if (strcmp(e->images[i].path, path) == 0)
				idx = (int)i;
		if (idx < 0) {
			memset(&im, 0, sizeof(im));
			if (read_image(path, &im, n) == 0) {
				if (e->nimages == icap) {
					icap = icap ? icap * 2 : 8;
					e->images = xrealloc(e->images,
					    icap * sizeof(*e->images));
				}
				dot = strrchr(im.name, '.');
				snprintf(im.name, sizeof(im.name),
				    "images/i%03zu%s", e->nimages + 1, dot);
				im.path = path;
				path = NULL;
				idx = (int)e->nimages;
				e->images[e->nimages++] = im;
			}
		}
		free(path);
		if (e->nimage_refs == rcap) {
			rcap = rcap ? rcap * 2 : 8;
			e->image_refs = xrealloc(e->image_refs,
			    rcap * sizeof(*e->image_refs));
		}
		e->image_refs[e->nimage_refs].node = n;
		e->image_refs[e->nimage_refs].image = idx;
		e->nimage_refs++;
	}
}

const struct epub_image *
epub_image_for(const struct epub *e, const struct node *n)
{
	size_t i;

	for (i = 0; i < e->nimage_refs; i++)
		if (e->image_refs[i].node == n)
			return e->image_refs[i].image < 0 ? NULL :
			    &e->images[e->image_refs[i].image];
	return NULL;
}

/* ---- links ------------------------------------------------------------ */

/*
 * For http, https and ftp: "//" then a host of dot-separated labels of
 * letters, digits, '-' or non-ASCII (an IDN), or an [IPv6] literal, with
 * optional user info and port.  Reading systems (and epubcheck) cannot
 * use anything else, so such a link is kept as text.
 */
int
epub_remote_ok(const char *url)
{
	const char *p = strchr(url, ':'), *h, *end, *at;
	size_t label = 0;

	if (p == NULL)
		return 0;
	if (strncasecmp(url, "mailto:", 7) == 0 ||
	    strncasecmp(url, "tel:", 4) == 0)
		return 1;
	if (strncmp(p, "://", 3) != 0)
		return 0;
	h = p + 3;
	end = h + strcspn(h, "/?#");
	at = memchr(h, '@', (size_t)(end - h));
	if (at != NULL)
		h = at + 1;
	if (*h == '[')
		return memchr(h, ']', (size_t)(end - h)) != NULL;
	for (p = h; p < end && *p != ':'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (label == 0)
				return 0;
			label = 0;
		} else if (isalnum(c) || c == '-' || c >= 0x80)
			label++;
		else
			return 0;
	}
	if (p == h)
		return 0;
	if (p < end) {		/* a port: 0..65535 */
		long port = 0;

		if (p + 1 == end || end - p > 6)
			return 0;
		for (p++; p < end; p++) {
			if (!isdigit((unsigned char)*p))
				return 0;
			port = port * 10 + (*p - '0');
		}
		return port <= 65535;
	}
	return 1;
}

int
epub_url_scheme(const char *url, int *is_safe)
{
	static const char *const safe[] = { "http", "https", "ftp", "mailto",
	    "tel", NULL };
	char scheme[16];
	size_t i, o = 0;
	int k;

	*is_safe = 1;
	/* Browsers ignore whitespace and controls inside a scheme
	 * ("java\tscript:"), so they are skipped here too. */
	for (i = 0; url[i] != '\0'; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c <= 0x20)
			continue;
		if (c == ':')
			break;
		if (!(isalnum(c) || c == '+' || c == '-' || c == '.') ||
		    (o == 0 && !isalpha(c)))
			return 0;
		if (o + 1 >= sizeof(scheme))
			return 0;
		scheme[o++] = (char)tolower(c);
	}
	if (url[i] != ':' || o == 0)
		return 0;
	scheme[o] = '\0';
	*is_safe = 0;
	for (k = 0; safe[k] != NULL; k++)
		if (strcmp(scheme, safe[k]) == 0)
			*is_safe = 1;
	return 1;
}

char *
epub_href_clean(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(url), i, o = 0;
	char *out = xmalloc(3 * n + 1);
	unsigned char c;
	int hashes = 0;

	const char *auth = strstr(url, "://");
	size_t path = 0;

	/* Brackets are only legal around an IPv6 host. */
	if (auth != NULL)
		path = (size_t)(auth - url) + 3 + strcspn(auth + 3, "/?#");
	/* Percent-encode what a URI may not hold (RFC 3986): controls,
	 * space, "<>\^`{|}, brackets outside the host, a second '#' and a
	 * '%' that starts no escape.  Non-ASCII stays: hrefs are IRIs. */
	for (i = 0; i < n; i++) {
		c = (unsigned char)url[i];
		if (c <= 0x20 || c == 0x7f || strchr("\"<>\\^`{|}", c) ||
		    ((c == '[' || c == ']') && i >= path) ||
		    (c == '#' && hashes++ > 0) || (c == '%' &&
		    (hexval((unsigned char)url[i + 1]) < 0 ||
		    hexval((unsigned char)url[i + 2]) < 0))) {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

static int
chapter_first_file(const struct epub *e, const struct node *chapter)
{
	size_t i;

	for (i = 0; i < e->nfiles; i++)
		if (e->files[i].chapter == chapter)
			return (int)i;
	return -1;
}

static char *
href_for(const struct epub *e, int file, const char *frag)
{
	const char *name = e->files[file].name;
	char *h = xmalloc(strlen(name) + (frag ? strlen(frag) : 0) + 2);

	strcpy(h, name);
	if (frag != NULL) {
		strcat(h, "#");
		strcat(h, frag);
	}
	return h;
}

char *
epub_link_href(const struct epub *e, const struct node *n, const char *url)
{
	const struct node *c;
	const char *hash;
	char *rel, *path, *cpath, *real, *frag = NULL, *h = NULL;
	int safe, file = -1;
	size_t plen, ci;

	while (*url == ' ' || *url == '\t' || *url == '\n')
		url++;
	if (*url == '\0')
		return NULL;
	if (epub_url_scheme(url, &safe)) {
		if (safe && epub_remote_ok(url))
			return epub_href_clean(url);
		if (safe) {
			diag_warn(n->file, n->line, "link %.60s has no valid "
			    "host; keeping its text", url);
			return NULL;
		}
		diag_warn(n->file, n->line, "unsafe link %.40s dropped", url);
		return NULL;
	}
	if (strncmp(url, "//", 2) == 0) {
		diag_warn(n->file, n->line, "scheme-relative link %.60s dropped",
		    url);
		return NULL;
	}
	hash = strchr(url, '#');
	plen = strcspn(url, "?#");
	if (hash != NULL)
		frag = pct_decode(hash + 1, strlen(hash + 1));
	if (plen == 0) {
		if (frag == NULL || frag[0] == '\0') {
			free(frag);
			return NULL;	/* "#" or "?x": nothing to go to */
		}
		if ((file = epub_anchor_file(e, frag)) >= 0)
			h = href_for(e, file, frag);
		else
			diag_warn(n->file, n->line, "link to missing fragment "
			    "#%s; keeping its text", frag);
		free(frag);
		return h;
	}
	rel = pct_decode(url, plen);
	path = path_resolve(n->file, rel);
	/* Compare real paths when the target exists, so "a.md" and
	 * "/abs/dir/a.md" or a symbolic link name the same chapter; fall
	 * back to the lexically normalised names. */
	real = realpath(path, NULL);
	for (c = e->doc->root->first, ci = 0; c != NULL && file < 0;
	    c = c->next, ci++) {
		cpath = path_norm(c->u.chapter.path ? c->u.chapter.path : "");
		if (strcmp(cpath, path) == 0 || (real != NULL &&
		    ci < e->nchapters && e->chapter_real[ci] != NULL &&
		    strcmp(real, e->chapter_real[ci]) == 0)) {
			file = chapter_first_file(e, c);
			if (file < 0)
				file = -2;	/* an empty chapter */
		}
		free(cpath);
	}
	free(real);
	if (file == -1)
		diag_warn(n->file, n->line, "link to %s, which is not part of "
		    "the book; keeping its text", rel);
	else if (file == -2)
		diag_warn(n->file, n->line, "link to %s, which is empty; "
		    "keeping its text", rel);
	else if (frag == NULL || frag[0] == '\0')
		h = href_for(e, file, NULL);
	else if ((file = epub_anchor_file(e, frag)) >= 0)
		h = href_for(e, file, frag);
	else
		diag_warn(n->file, n->line, "link to missing fragment %s#%s; "
		    "keeping its text", rel, frag);
	free(rel);
	free(path);
	free(frag);
	return h;
}

/* ---- the whole plan --------------------------------------------------- */

int
epub_plan(struct epub *e, const struct doc *d, const struct style *st)
{
	struct tm tm;
	time_t t = (time_t)d->epoch;
	const struct node *c;
	size_t i;

	memset(e, 0, sizeof(*e));
	e->doc = d;
	e->st = st;
	e->lang = d->meta.lang ? d->meta.lang : "en";
	if (!lang_ok(e->lang)) {
		diag_warn(NULL, 0, "language \"%s\" is not a BCP 47 tag; "
		    "using \"en\"", e->lang);
		e->lang = "en";
	}
	e->split_level = (int)style_num(st, "epub.split-level", 2);
	e->toc_depth = (int)style_num(st, "epub.toc-depth", 3);
	e->label_column = style_str(st, "epub.label-column", "auto");
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 1970) {
		diag_error(NULL, 0, "timestamp %ld is out of range", d->epoch);
		return -1;
	}
	strftime(e->modified, sizeof(e->modified), "%Y-%m-%dT%H:%M:%SZ", &tm);
	make_identifier(e);
	for (c = d->root->first; c != NULL; c = c->next)
		e->nchapters++;
	e->chapter_real = xcalloc(e->nchapters + 1, sizeof(char *));
	for (c = d->root->first, i = 0; c != NULL; c = c->next, i++)
		if (c->u.chapter.path != NULL && strcmp(c->u.chapter.path, "-"))
			e->chapter_real[i] = realpath(c->u.chapter.path, NULL);
	plan_files(e);
	plan_headings(e);
	plan_images(e);
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
	for (i = 0; i < e->nimages; i++) {
		free(e->images[i].path);
		free(e->images[i].data);
	}
	free(e->files);
	free(e->anchors);
	free(e->toc);
	free(e->images);
	free(e->fallback);
	for (i = 0; i < e->nfallback; i++)
		free(e->fallback[i].id);
	free(e->image_refs);
	for (i = 0; i < e->nchapters; i++)
		free(e->chapter_real[i]);
	free(e->chapter_real);
}
