/*
 * linkpath.h - where a link between input files points (see linkpath.c).
 */
#ifndef QUIRE_LINKPATH_H
#define QUIRE_LINKPATH_H

#include <stddef.h>

struct doc;
struct node;

/* The value of hex digit c, or -1. */
int	 hexval(int c);
/* %XX decoding of s[0..n), newly allocated; a result that is not valid
 * UTF-8 or holds NUL falls back to the raw text. */
char	*pct_decode(const char *s, size_t n);
/* Lexical normalisation: drops "." and empty parts, folds "dir/..". */
char	*path_norm(const char *p);
/* rel resolved against the directory of base_file, normalised. */
char	*path_resolve(const char *base_file, const char *rel);

/*
 * The CHAPTER (input file) that a relative link names, or NULL when the
 * link has a scheme, is only a fragment, or names no input file of d.
 * *frag is set to the decoded fragment (free it), or NULL when none.
 */
const struct node *link_chapter(const struct doc *d, const struct node *link,
	    char **frag);

#endif
