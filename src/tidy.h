/*
 * tidy.h - normalisation of the model after parsing (no cmark here).
 */
#ifndef QUIRE_TIDY_H
#define QUIRE_TIDY_H

struct doc;
struct node;

/* Everything parse_finish() promises: see parse.h. */
void	tidy_document(struct doc *);

/* The pieces, exposed for unit tests. */
void	tidy_inlines(struct doc *, struct node *parent);
int	tidy_cell_list(struct doc *, struct node *cell);
void	tidy_slugify(const char *text, char *out, size_t outsz);

#endif
