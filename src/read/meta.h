/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meta.h - document metadata: YAML front matter, -M overrides, defaults.
 */
#ifndef QUIRE_META_H
#define QUIRE_META_H

#include <stddef.h>
#include <stdint.h>

struct doc;

/*
 * If text starts with a front matter block ("---" line, YAML, then a
 * "---" or "..." line), read it into d->meta and blank it out in place
 * (each line becomes empty, so Markdown line numbers stay true).  The
 * first file's fields win; later files only fill fields still unset.
 * Returns 0, or -1 after "quire: PATH:LINE: message".
 */
int	meta_front_matter(struct doc *, const char *path, int first,
	    char *text, size_t len);
/* The same for a book's chapter: a stylesheet or cover the front matter
 * names may then lie anywhere in the book's folder root, besides the
 * document's own (NULL: only there). */
int	meta_front_matter_in(struct doc *, const char *path, const char *root,
	    int first, char *text, size_t len);

/* The value of a field the metadata does not name (meta.extra): the one
 * given last, so -M wins over the front matter; NULL when unset. */
struct meta;
const char *meta_extra(const struct meta *, const char *key);

/* A field meta.c has no slot for (meta_check.c): a warning when it is a
 * known field's value of the wrong shape, a near miss of one, or given
 * with -M (`given`). */
void	meta_check_unknown(const char *path, int line, const char *key,
	    int given);

/* -M KEY=VALUE: set or override a field.  Returns -1 on a bad value. */
int	meta_override(struct doc *, const char *key, const char *value);
/* The same for a value another file gives (book.toml): its messages
 * name that file and line. */
int	meta_override_from(struct doc *, const char *path, int line,
	    const char *key, const char *value);

/* Is s a manual section quire accepts: 1-9 optionally followed by
 * letters or digits ("1", "3pm", "3ssl"), or "n", "l", "0p"? */
int	meta_valid_section(const char *s);

/* Is s a name that stays a plain file name in the output directory? */
int	meta_valid_name(const char *s);

/* Append a copy of v to a NULL-terminated list in the document's arena
 * (the list's storage grows by doubling); returns the list. */
const char **meta_list_add(struct doc *, const char **list, const char *v);

/*
 * Fill the defaults that need the parsed document (after settle.c's):
 * section "7", name from the first file's base name, the man page's
 * parts and the title from the parser's fallback (manpage_finish), an
 * identifier derived from the digest of the input texts and the
 * metadata.  Returns -1 on an invalid final value (a name that would
 * escape the output directory).
 */
struct hash128;
int	meta_finish(struct doc *, const char *first_path,
	    const struct hash128 *text);

#endif
