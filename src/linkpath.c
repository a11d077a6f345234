/*
 * linkpath.c - where a link between input files points.
 *
 * A book is several Markdown files that link to each other by their file
 * names ("2-setup.md#installation").  Every emitter that can follow such a
 * link (EPUB rewrites it to a chapter file, PDF to an internal
 * destination) resolves it the same way: relative to the linking file's
 * directory, percent-decoded, compared with the input files as given on
 * the command line, and by real path when both exist.
 */
#define _XOPEN_SOURCE 700	/* realpath */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"
#include "linkpath.h"
#include "diag.h"
#include "utf8.h"

int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* %XX decoding of s[0..n); a result that is not valid UTF-8 or holds NUL
 * falls back to the raw text. */
char *
pct_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i, o = 0, k, step;
	uint32_t cp;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0 &&
		    (hi | lo) != 0) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	for (k = 0; k < o; k += step)
		if ((step = utf8_decode(out + k, o - k, &cp)) == 0) {
			memcpy(out, s, n);
			out[n] = '\0';
			break;
		}
	return out;
}

/* Lexical normalisation of a relative path: drops "." and empty parts,
 * folds "dir/..", keeps leading "..". */
char *
path_norm(const char *p)
{
	size_t len = strlen(p), o = 0, i = 0, seg;
	char *out = xmalloc(len + 2);
	int absolute = p[0] == '/';

	if (absolute)
		out[o++] = '/';
	while (i < len) {
		while (p[i] == '/')
			i++;
		seg = strcspn(p + i, "/");
		if (seg == 0)
			break;
		if (seg == 1 && p[i] == '.') {
			/* nothing */
		} else if (seg == 2 && p[i] == '.' && p[i + 1] == '.' &&
		    o > (size_t)absolute &&
		    !(o - absolute >= 2 && out[o - 1] == '.' && out[o - 2] == '.' &&
		    (o - absolute == 2 || out[o - 3] == '/'))) {
			/* Pop the last segment. */
			while (o > (size_t)absolute && out[o - 1] != '/')
				o--;
			if (o > (size_t)absolute)
				o--;
		} else {
			if (o > (size_t)absolute)
				out[o++] = '/';
			memcpy(out + o, p + i, seg);
			o += seg;
		}
		i += seg;
	}
	out[o] = '\0';
	return out;
}

/* rel resolved against the directory of base_file, normalised. */
char *
path_resolve(const char *base_file, const char *rel)
{
	const char *slash = base_file ? strrchr(base_file, '/') : NULL;
	size_t dlen = slash ? (size_t)(slash - base_file) + 1 : 0;
	char *joined, *r;

	if (rel[0] == '/')
		return path_norm(rel);
	joined = xmalloc(dlen + strlen(rel) + 1);
	memcpy(joined, base_file, dlen);
	strcpy(joined + dlen, rel);
	r = path_norm(joined);
	free(joined);
	return r;
}

/* Does url start with a scheme ("https:", "mailto:")?  Letters, digits,
 * "+", "-" and "." before the first ":", which must come before any "/",
 * "?" or "#". */
static int
has_scheme(const char *url)
{
	size_t i = 0;

	if (!isalpha((unsigned char)url[0]))
		return 0;
	while (isalnum((unsigned char)url[i]) || url[i] == '+' ||
	    url[i] == '-' || url[i] == '.')
		i++;
	return url[i] == ':';
}

const struct node *
link_chapter(const struct doc *d, const struct node *link, char **frag)
{
	const struct node *c, *found = NULL;
	const char *url = link->u.link.url, *hash;
	size_t plen = strcspn(url, "?#");
	char *rel, *path, *real, *cpath, *creal;

	*frag = NULL;
	if (plen == 0 || has_scheme(url) || strncmp(url, "//", 2) == 0)
		return NULL;
	rel = pct_decode(url, plen);
	path = path_resolve(link->file, rel);
	free(rel);
	/* The names as given first; real paths (system calls) only when
	 * no name matches, for "/abs/dir/a.md" or a symbolic link. */
	for (c = d->root->first; c != NULL && found == NULL; c = c->next) {
		cpath = path_norm(c->u.chapter.path ? c->u.chapter.path : "");
		if (strcmp(cpath, path) == 0)
			found = c;
		free(cpath);
	}
	real = found == NULL ? realpath(path, NULL) : NULL;
	for (c = d->root->first; real != NULL && c != NULL && found == NULL;
	    c = c->next) {
		if (c->u.chapter.path == NULL ||
		    (creal = realpath(c->u.chapter.path, NULL)) == NULL)
			continue;
		if (strcmp(real, creal) == 0)
			found = c;
		free(creal);
	}
	free(real);
	free(path);
	if (found != NULL && (hash = strchr(url, '#')) != NULL && hash[1])
		*frag = pct_decode(hash + 1, strlen(hash + 1));
	return found;
}
