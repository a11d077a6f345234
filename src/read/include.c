/*
 * include.c - mdBook's {{#include}} directives (see book.h).
 *
 * mdBook expands them in the chapter's text before Markdown sees it,
 * code blocks included, so this does the same: the directive is found
 * by its fixed spelling, its argument split at ':' into a path and a
 * line range or an anchor name.  Included files may include others (a
 * chain is refused when it loops or passes INCLUDE_DEPTH), and every
 * path must resolve under the book's root: a chapter cannot pull in
 * /etc/passwd.  "\{{#include x}}" is the directive written literally.
 */
#define _XOPEN_SOURCE 700	/* realpath */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/book.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/file.h"
#include "util/input.h"
#include "util/url.h"

#define INCLUDE_DEPTH	10
#define INCLUDE_MAX	((size_t)16 << 20)	/* bytes one file may add */

struct inc {
	const char	*root;		/* its real path */
	const char	*stack[INCLUDE_DEPTH + 1];	/* real paths */
	int		 depth;
};

static const struct {
	const char	*word;
	int		 rustdoc;
} kinds[] = {
	{ "{{#include ", 0 }, { "{{#rustdoc_include ", 1 },
};

/* The 1-based line of offset at in text. */
static int
line_at(const char *text, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

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

/* One directive's argument: "path", "path:A:B", "path:A" or
 * "path:anchor". */
static int
directive(struct inc *c, const char *file, int line, const char *arg,
    int rustdoc, struct buf *out)
{
	char *spec = xstrdup(arg), *colon = strchr(spec, ':'), *rel, *path;
	char *real = NULL, *data = NULL, *anchor = NULL, *end;
	struct buf sel;
	long a = 0, b = 0;
	size_t len, rl = strlen(c->root);
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
	if ((real = realpath(path, NULL)) == NULL)
		diag_error(file, line, "cannot include %s: %s", rel,
		    strerror(errno));
	else if (strncmp(real, c->root, rl) != 0 || real[rl] != '/')
		diag_error(file, line, "%s lies outside the book (%s); not "
		    "included", rel, c->root);
	else if (c->depth == INCLUDE_DEPTH)
		diag_error(file, line, "includes nested more than %d deep",
		    INCLUDE_DEPTH);
	else {
		for (i = 0; i < c->depth; i++)
			if (strcmp(c->stack[i], real) == 0)
				break;
		if (i < c->depth)
			diag_error(file, line, "%s includes itself", rel);
		else if (file_read(real, INCLUDE_MAX, &data, &len) != 0)
			diag_error(file, line, "cannot include %s: %s", rel,
			    strerror(errno));
		else if (select_lines(data, len, a, b, anchor, rustdoc,
		    &sel) != 0)
			diag_error(file, line, "%s has no anchor \"%s\"", rel,
			    anchor);
		else {
			c->stack[c->depth++] = real;
			rc = expand(c, path, sel.data ? sel.data : "",
			    sel.len, out);
			c->depth--;
		}
	}
	buf_free(&sel);
	free(data);
	free(real);
	free(path);
	free(rel);
	free(spec);
	return rc;
}

/* Copy text to out with every directive replaced. */
static int
expand(struct inc *c, const char *file, const char *text, size_t len,
    struct buf *out)
{
	const char *p = text, *end = text + len, *hit, *close;
	size_t k, best_k = 0;
	char *arg;
	int rc;

	while (p < end) {
		hit = NULL;
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			const char *h = strstr(p, kinds[k].word);

			if (h != NULL && h < end && (hit == NULL || h < hit)) {
				hit = h;
				best_k = k;
			}
		}
		if (hit == NULL || (close = strstr(hit, "}}")) == NULL ||
		    memchr(hit, '\n', (size_t)(close - hit)) != NULL) {
			buf_put(out, p, hit ? (size_t)(hit - p) + 2 :
			    (size_t)(end - p));
			p = hit ? hit + 2 : end;
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
		arg = strndup(hit + strlen(kinds[best_k].word),
		    (size_t)(close - hit) - strlen(kinds[best_k].word));
		arg[strcspn(arg, " ")] = '\0';
		rc = directive(c, file, line_at(text, (size_t)(hit - text)),
		    arg, kinds[best_k].rustdoc, out);
		free(arg);
		if (rc != 0)
			return -1;
		p = close + 2;
	}
	return 0;
}

int
book_includes(const char *file, const char *root, char **text, size_t *len)
{
	struct inc c;
	struct buf out;
	struct input in;
	char *real = realpath(root, NULL);

	if (real == NULL) {
		diag_error(root, 0, "%s", strerror(errno));
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.root = real;
	buf_init(&out);
	buf_puts(&out, "");
	if (expand(&c, file, *text, *len, &out) != 0) {
		buf_free(&out);
		free(real);
		return -1;
	}
	free(real);
	/* Included files are checked as inputs are (UTF-8, no NUL). */
	input_clean(file, out.data, out.len, &in);
	buf_free(&out);
	free(*text);
	*text = in.text;
	*len = in.len;
	return 0;
}
