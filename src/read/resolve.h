/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve.h - the front end's last pass: where every link and image
 * leads, and which tables have a label column (see doc.h's "Decisions
 * already made").
 */
#ifndef QUIRE_RESOLVE_H
#define QUIRE_RESOLVE_H

#include <stddef.h>

struct doc;

struct node;

/* Texts the emoji pass may change (emoji.h), as tidy_titles' walk met
 * them: each TEXT holding a ':', in document order. */
struct colon_texts {
	struct node	**v;
	size_t		  n, cap;
};

/* Resolve every LINK and IMAGE and decide table label columns; warnings
 * for links and images that lead nowhere are printed here, once.  met:
 * what tidy_titles' walk met (model/tidy.h).  The TEXTs under the root
 * holding a ':' are added to colons. */
struct tidy_met;
void	resolve_document(struct doc *, const struct tidy_met *met,
	    struct colon_texts *colons);

#endif
