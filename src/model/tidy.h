/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tidy.h - normalisation of the model after parsing (no cmark here).
 */
#ifndef QUIRE_TIDY_H
#define QUIRE_TIDY_H

#include <stddef.h>

#include <stddef.h>

struct doc;
struct node;

/* Everything parse_finish() promises (see parse.h), in two steps: the
 * tree's shape, then (once a man page's title line has left the tree)
 * the title, the ids and the headings' outline levels. */
void	tidy_document(struct doc *);

/* What the walk that names the headings met, in document order, for
 * resolve_document (read/resolve.c), which needs no walk of its own:
 * every CHAPTER, HEADING, ANCHOR, LINK, IMAGE and TABLE, and each TEXT
 * holding a ':' (for the emoji pass).  Nothing changes the tree between
 * the two. */
struct tidy_met {
	struct node	**v;
	size_t		  n, cap;
};
void	tidy_titles(struct doc *, struct tidy_met *met);

/* With set.number_sections (settle.c), every heading of a numbered
 * chapter gets its number ("2.1"), to set.number_depth levels. */
void	tidy_number_sections(struct doc *);

/* The pieces, exposed for unit tests. */
void	tidy_inlines(struct doc *, struct node *parent);
int	tidy_cell_list(struct doc *, struct node *cell);
void	tidy_slugify(const char *text, char *out, size_t outsz);

/* base made unique among the ids in the map, GitHub's way ("x", "x-1",
 * "x-2"...), and added to it; returns the id, in the document's arena.
 * The map's values are private to this function. */
struct strmap;
const char *tidy_unique_id(struct doc *, struct strmap *ids,
	    const char *base);

#endif
