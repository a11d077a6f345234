/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * url.h - URLs and relative paths as the front end reads them (url.c).
 */
#ifndef QUIRE_URL_H
#define QUIRE_URL_H

#include <stddef.h>

/* The value of hex digit c, or -1. */
int	 hexval(int c);
/* %XX decoding of s[0..n), newly allocated; a result that is not valid
 * UTF-8 or holds NUL falls back to the raw text. */
char	*pct_decode(const char *s, size_t n);
/* Lexical normalisation: drops "." and empty parts, folds "dir/..". */
char	*path_norm(const char *p);
/* rel resolved against the directory of base_file, normalised. */
char	*path_resolve(const char *base_file, const char *rel);

/* Does url have a scheme ("https:", "javascript:")?  Returns 1 and sets
 * *is_safe to whether it is one a reader may follow (http, https, ftp,
 * mailto, tel); returns 0 (and *is_safe = 1) for a relative reference.
 * White space and controls inside a scheme are skipped, as browsers do. */
int	 url_scheme(const char *url, int *is_safe);
/* A remote URL a reading system can follow: mailto and tel, or "//" and
 * a valid host (labels, an IDN or an [IPv6] literal) and port. */
int	 url_remote_ok(const char *url);
/* url with what RFC 3986 forbids percent-encoded (malloc'd); non-ASCII
 * stays, as in an IRI. */
char	*url_clean(const char *url);

#endif
