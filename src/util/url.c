/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * url.c - URLs and relative paths, as the front end reads them: schemes
 * and their safety, hosts, percent-decoding, RFC 3986 cleaning, and paths
 * relative to the file that names them.  Only the front end (resolve.c,
 * and the HTML mapper) decides with these; emitters read the verdicts
 * from the model.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include "util/diag.h"
#include "util/url.h"
#include "util/utf8.h"

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


/*
 * For http, https and ftp: "//" then a host of dot-separated labels of
 * letters, digits, '-' or non-ASCII (an IDN), or an [IPv6] literal, with
 * optional user info and port.  Reading systems (and epubcheck) cannot
 * use anything else, so such a link is kept as text.
 */
int
url_remote_ok(const char *url)
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
url_scheme(const char *url, int *is_safe)
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
url_clean(const char *url)
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

