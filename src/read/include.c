/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * include.c - mdBook's {{#include}} directives (see book.h).
 *
 * mdBook expands them in the chapter's text before Markdown sees it,
 * code blocks included, so this does the same: the directive is found
 * by its fixed spelling, its argument split at ':' into a path and a
 * line range or an anchor name.  Included files may include others (a
 * chain is refused when it loops or passes INCLUDE_DEPTH), and every
 * path must resolve under the book's root and be a regular file
 * (util/confine.h): a chapter cannot pull in /etc/passwd or hang on a
 * FIFO.  "\{{#include x}}" is the directive written literally.
 * {{#playground}} includes as a Rust listing, {{#title}} is taken out.
 *
 * The work is bounded by what was read, not by how often it is used:
 * each file is read once per chapter, the text is scanned once, and the
 * expanded chapter may grow to at most INCLUDE_GROWTH times the bytes of
 * the files it is made of (at least INCLUDE_FLOOR, at most INPUT_MAX),
 * so that ten files each including the next ten times ("billion laughs")
 * are refused at once instead of expanding to gigabytes.
 */
#define _XOPEN_SOURCE 700	/* realpath */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/book.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/diag.h"
#include "util/file.h"
#include "util/input.h"
#include "util/strmap.h"
#include "util/url.h"
#include "util/watchlist.h"

#define INCLUDE_DEPTH	10
#define INCLUDE_MAX	((size_t)16 << 20)	/* bytes one file may add */
#define INCLUDE_GROWTH	100
#define INCLUDE_FLOOR	((size_t)1 << 20)

/* A file read once, used by every directive that names it. */
struct source {
	char	*real;
	char	*data;
	size_t	 len;
};

struct inc {
	struct confine	 root;		/* the book's folder */
	const char	*stack[INCLUDE_DEPTH + 1];	/* real paths */
	int		 depth;
	struct strmap	 read;		/* real path -> struct source */
	struct source	**sources;
	size_t		 nsources;
	size_t		 bytes;		/* of every file read, the chapter's
					   own included */
	size_t		 scanned;	/* bytes of files searched for the
					   lines a directive selects */
	char		*title;		/* the first {{#title}}'s, or NULL */
};

/* What a directive does with its argument. */
enum kind { D_INCLUDE, D_RUSTDOC, D_PLAYGROUND, D_TITLE };

static const struct {
	const char	*word;
	enum kind	 kind;
} kinds[] = {
	{ "{{#include ", D_INCLUDE }, { "{{#rustdoc_include ", D_RUSTDOC },
	{ "{{#playground ", D_PLAYGROUND }, { "{{#title ", D_TITLE },
};

/* Is line [s, e) an anchor marker ("ANCHOR: name", "ANCHOR_END: name"),
 * of the name given (or of any name when name is NULL)? */
static int
anchor_line(const char *s, const char *e, const char *mark, const char *name)
{
	const char *p = s;
	size_t n = strlen(mark);

	while (p + n <= e && memcmp(p, mark, n) != 0)
		p++;
	if (p + n > e)
		return 0;
	if (name == NULL)
		return 1;
	for (p += n; p < e && *p == ' '; p++)
		;
	return (size_t)(e - p) >= strlen(name) &&
	    strncmp(p, name, strlen(name)) == 0 &&
	    (p + strlen(name) == e || p[strlen(name)] == ' ' ||
	    p[strlen(name)] == '\r');
}

/*
 * The selected lines of data into out: all, lines a..b (1-based, 0 for
 * open ends), or those between the anchor's markers; anchor markers
 * themselves never appear, and rustdoc's hidden lines ("# ...") go.
 * Returns 0, or -1 when the anchor is not in the file.
 */
static int
select_lines(const char *data, size_t len, long a, long b, const char *anchor,
    int rustdoc, struct buf *out)
{
	const char *s = data, *e, *end = data + len;
	long n = 0;
	int in = anchor == NULL, found = anchor == NULL;

	for (; s < end; s = e + (e < end)) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (e == NULL)
			e = end;
		n++;
		if (anchor != NULL && anchor_line(s, e, "ANCHOR_END:", anchor)) {
			in = 0;
			continue;
		}
		if (anchor != NULL && anchor_line(s, e, "ANCHOR:", anchor)) {
			in = found = 1;
			continue;
		}
		if (!in || (a > 0 && n < a) || (b > 0 && n > b))
			continue;
		if (anchor_line(s, e, "ANCHOR:", NULL) ||
		    anchor_line(s, e, "ANCHOR_END:", NULL))
			continue;
		if (rustdoc && ((e - s == 1 && *s == '#') ||
		    (e - s >= 2 && s[0] == '#' && s[1] == ' ')))
			continue;
		buf_put(out, s, (size_t)(e - s));
		buf_putc(out, '\n');
	}
	/* The text replaces the directive: no newline of its own added. */
	if (out->len > 0 && out->data[out->len - 1] == '\n')
		out->len--, out->data[out->len] = '\0';
	return found ? 0 : -1;
}

static int	expand(struct inc *, const char *file, const char *text,
		    size_t len, struct buf *out);

/* The file a directive names, checked and read once: NULL after a
 * message. */
static const struct source *
source(struct inc *c, const char *file, int line, const char *rel,
    const char *path)
{
	struct source *f;
	enum confine_verdict v;
	char *real, why[4300], place[4200];
	int err, fd;

	/* Judged and opened at once: the descriptor read is the file
	 * judged, whatever is put at its path afterwards. */
	v = confine_open(&c->root, path, &real, &fd);
	err = errno;
	if (v == CONFINE_MISSING) {
		diag_error(file, line, "cannot include %s: %s", rel,
		    strerror(err));
		return NULL;
	}
	if (v != CONFINE_OK) {
		snprintf(place, sizeof(place), "the book (%s)",
		    c->root.n > 0 ? c->root.roots[0] : "?");
		diag_error(file, line, "%s%s; not included", rel,
		    confine_why(v, err, place, why, sizeof(why)));
		return NULL;
	}
	if ((f = strmap_get(&c->read, real)) != NULL) {
		close(fd);
		free(real);
		return f;
	}
	f = xcalloc(1, sizeof(*f));
	f->real = real;
	watchlist_note(real);	/* --watch: an include changing counts */
	err = file_read_fd(fd, INCLUDE_MAX, &f->data, &f->len);
	if (err != 0)
		err = errno;
	close(fd);
	if (err != 0) {
		diag_error(file, line, "cannot include %s: %s", rel,
		    strerror(err));
		free(real);
		free(f);
		return NULL;
	}
	c->sources = xrealloc(c->sources, (c->nsources + 1) *
	    sizeof(*c->sources));
	c->sources[c->nsources++] = f;
	strmap_put(&c->read, f->real, f);
	c->bytes += f->len;
	return f;
}

/* Whether the expanded text may still grow to len bytes, or the files
 * still be searched for a total of len bytes (an anchor searched for a
 * thousand times in a large file). */
static int
fits(const struct inc *c, const char *file, int line, size_t len)
{
	size_t max = c->bytes > INPUT_MAX / INCLUDE_GROWTH ? INPUT_MAX :
	    c->bytes * INCLUDE_GROWTH;

	if (max < INCLUDE_FLOOR)
		max = INCLUDE_FLOOR;
	if (len <= max)
		return 1;
	/* The first refusal ends the expansion: this is said once. */
	diag_error(file, line, "the includes in this chapter come to more "
	    "than %zu KiB (at most %d times the files they are made of, or "
	    "%zu KiB); not included", max >> 10, INCLUDE_GROWTH,
	    INCLUDE_FLOOR >> 10);
	return 0;
}

/* One directive's argument: "path", "path:A:B", "path:A" or
 * "path:anchor". */
static int
directive(struct inc *c, const char *file, int line, const char *arg,
    int rustdoc, struct buf *out)
{
	char *spec = xstrdup(arg), *colon = strchr(spec, ':'), *rel, *path;
	char *anchor = NULL, *end;
	const struct source *f;
	struct buf sel;
	long a = 0, b = 0;
	int rc = -1, i;

	if (colon != NULL) {
		*colon++ = '\0';
		a = strtol(colon, &end, 10);
		if (end == colon && *end != ':')
			anchor = colon;		/* a name */
		else if (*end == ':')
			b = strtol(end + 1, NULL, 10);
		else
			b = a;			/* one line */
	}
	rel = pct_decode(spec, strlen(spec));
	path = path_resolve(file, rel);
	buf_init(&sel);
	if ((f = source(c, file, line, rel, path)) == NULL)
		;
	else if (c->depth == INCLUDE_DEPTH)
		diag_error(file, line, "includes nested more than %d deep",
		    INCLUDE_DEPTH);
	else {
		for (i = 0; i < c->depth; i++)
			if (strcmp(c->stack[i], f->real) == 0)
				break;
		if (i < c->depth)
			diag_error(file, line, "%s includes itself", rel);
		else if (!fits(c, file, line, c->scanned += f->len))
			;
		else if (select_lines(f->data, f->len, a, b, anchor, rustdoc,
		    &sel) != 0)
			diag_error(file, line, "%s has no anchor \"%s\"", rel,
			    anchor);
		else if (fits(c, file, line, out->len + sel.len)) {
			c->stack[c->depth++] = f->real;
			rc = expand(c, path, sel.data ? sel.data : "",
			    sel.len, out);
			c->depth--;
			if (rc == 0 && !fits(c, file, line, out->len))
				rc = -1;
		}
	}
	buf_free(&sel);
	free(path);
	free(rel);
	free(spec);
	return rc;
}

/* {{#title TEXT}}: mdBook's page title.  It shows nowhere in the
 * chapter; the first one is kept (book.h says where it goes). */
static int
title(struct inc *c, const char *arg)
{
	size_t n;

	while (*arg == ' ')
		arg++;
	n = strlen(arg);
	while (n > 0 && arg[n - 1] == ' ')
		n--;
	if (c->title == NULL && n > 0)
		c->title = strndup(arg, n);
	return 0;
}

/* {{#playground path[:range] attr...}}: the file as a Rust listing,
 * its attributes after "rust," in the info string, as mdBook writes it. */
static int
playground(struct inc *c, const char *file, int line, char *arg,
    struct buf *out)
{
	char *attrs = arg + strcspn(arg, " "), *p, *save = NULL;
	int rc;

	if (*attrs != '\0')
		*attrs++ = '\0';
	buf_puts(out, "```rust");
	for (p = strtok_r(attrs, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save)) {
		buf_putc(out, ',');
		buf_puts(out, p);
	}
	buf_putc(out, '\n');
	rc = directive(c, file, line, arg, 0, out);
	buf_puts(out, "\n```");
	return rc;
}

/* The next directive in [p, end): where its "{{#" is and which kind, or
 * NULL.  One pass over the text, whatever the number of kinds. */
static const char *
next_directive(const char *p, const char *end, size_t *kind)
{
	size_t k, n;

	while ((p = memchr(p, '{', (size_t)(end - p))) != NULL) {
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			n = strlen(kinds[k].word);
			if ((size_t)(end - p) >= n &&
			    memcmp(p, kinds[k].word, n) == 0) {
				*kind = k;
				return p;
			}
		}
		p++;
	}
	return NULL;
}

/* Copy text to out with every directive replaced.  Lines are counted as
 * the scan passes them, and a line whose directive is not closed is
 * passed whole, so the text is read once. */
static int
expand(struct inc *c, const char *file, const char *text, size_t len,
    struct buf *out)
{
	const char *p = text, *end = text + len, *hit, *close, *eol = NULL;
	const char *counted = text, *word;
	size_t k = 0;
	char *arg;
	int rc, line = 1;

	while (p < end) {
		if ((hit = next_directive(p, end, &k)) == NULL) {
			buf_put(out, p, (size_t)(end - p));
			break;
		}
		word = kinds[k].word;
		/* The line's end, found again only on a later line: one
		 * long line of directives is still read once. */
		if (eol == NULL || hit > eol) {
			eol = memchr(hit, '\n', (size_t)(end - hit));
			eol = eol != NULL ? eol : end;
		}
		for (close = hit + strlen(word); close + 1 < eol &&
		    (close[0] != '}' || close[1] != '}'); close++)
			;
		if (close + 1 >= eol) {
			/* Not closed on its line: nor is any later one. */
			buf_put(out, p, (size_t)(eol - p));
			p = eol;
			continue;
		}
		if (hit > text && hit[-1] == '\\') {
			/* Written literally: drop the backslash. */
			buf_put(out, p, (size_t)(hit - 1 - p));
			buf_put(out, hit, (size_t)(close + 2 - hit));
			p = close + 2;
			continue;
		}
		buf_put(out, p, (size_t)(hit - p));
		for (; counted < hit; counted++)
			line += *counted == '\n';
		arg = strndup(hit + strlen(word),
		    (size_t)(close - hit) - strlen(word));
		rc = kinds[k].kind == D_TITLE ? title(c, arg) :
		    kinds[k].kind == D_PLAYGROUND ? playground(c, file, line,
		    arg, out) : (arg[strcspn(arg, " ")] = '\0',
		    directive(c, file, line, arg, kinds[k].kind == D_RUSTDOC,
		    out));
		free(arg);
		if (rc != 0)
			return -1;
		p = close + 2;
	}
	return 0;
}

int
book_includes(const char *file, const char *root, char **text, size_t *len,
    char **title_out)
{
	struct inc c;
	struct buf out;
	struct input in;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	confine_init(&c.root);
	confine_add(&c.root, root);
	if (c.root.n == 0) {
		diag_error(root, 0, "%s", strerror(errno));
		return -1;
	}
	strmap_init(&c.read);
	c.bytes = *len;
	buf_init(&out);
	buf_puts(&out, "");
	rc = expand(&c, file, *text, *len, &out);
	for (i = 0; i < c.nsources; i++) {
		free(c.sources[i]->real);
		free(c.sources[i]->data);
		free(c.sources[i]);
	}
	free(c.sources);
	*title_out = c.title;
	strmap_free(&c.read);
	confine_free(&c.root);
	if (rc != 0) {
		buf_free(&out);
		return -1;
	}
	/* Included files are checked as inputs are (UTF-8, no NUL). */
	input_clean(file, out.data, out.len, &in);
	buf_free(&out);
	free(*text);
	*text = in.text;
	*len = in.len;
	return 0;
}
