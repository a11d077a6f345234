/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fetch.h - remote images brought into a local cache (fetch.c), so that
 * every format embeds the same bytes as it would a local file.
 *
 * Only http and https are spoken, never to a link-local address (where
 * cloud metadata services answer) and never through a proxy, whose
 * address would hide the real one; each transfer has a time limit and a
 * size cap, the run as a whole a time limit too, and a few redirects at
 * most.  What arrives must call itself an image and start like one.
 * The cache lies in $XDG_CACHE_HOME/quire/images (else
 * ~/.cache/quire/images), one file per URL, revalidated with its ETag or
 * Last-Modified on every online run and replaced atomically.
 */
#ifndef QUIRE_FETCH_H
#define QUIRE_FETCH_H

/* --offline (or QUIRE_OFFLINE set and not "0"): no network at all, only
 * what the cache already holds. */
extern int fetch_offline;

struct fetch_set;

/* An empty set; each fetched file is at most max_bytes long. */
struct fetch_set *fetch_new(long long max_bytes);
/* Ask for url (http: or https:); a URL asked for twice is fetched once. */
void		 fetch_want(struct fetch_set *, const char *url);
/* Fetch every URL asked for, side by side, or take it from the cache;
 * returns when all are done or the run's time limit has passed. */
void		 fetch_run(struct fetch_set *);
/* The local file holding url's bytes; NULL with *why set (a short
 * reason: "HTTP 404", "--offline and not in the cache") when there is
 * none.  Both live as long as the set. */
const char	*fetch_path(const struct fetch_set *, const char *url,
		    const char **why);
/* The cache folder (NULL when there is none): where fetch_path's files
 * lie. */
const char	*fetch_dir(const struct fetch_set *);
void		 fetch_free(struct fetch_set *);

#endif
