/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * settle.h - every value that merges the command line, the metadata,
 * book.toml and the style, decided once into doc->set (struct settings,
 * doc.h).
 *
 * The sources, lowest first: the style file (or --paper, which sets the
 * style's paper), the first file's front matter (a later file's only
 * where nothing earlier spoke), book.toml, -M and the command line's own
 * options.  The readers of the front matter, book.toml and -M (meta.c,
 * applied in that order by the front end) leave each
 * field as its highest source wrote it, or unset; this module then
 * fills what nobody wrote from the style or from a default, and turns
 * strings into types.  Nothing after it looks at a source again.
 */
#ifndef QUIRE_SETTLE_H
#define QUIRE_SETTLE_H

struct doc;
struct style;

/*
 * What the reader needs before the first chapter's Markdown is parsed:
 * smart punctuation, footnote numbering, whether code is tokenised at
 * all (plain_code: only a man page is wanted), and highlighting as far
 * as it is known then (set.highlight; settle_document decides it for
 * good, since a later chapter's front matter may still turn it off).
 * Called once the first file's front matter, book.toml and -M are in
 * d->meta.
 */
void	settle_reading(struct doc *, const struct style *, int plain_code);

/*
 * Everything else, once every chapter is read and before the passes
 * that need it (parse_finish, meta_finish, tidy_number_sections):
 * highlighting, the PDF's contents and title pages, section numbers and
 * the depths of contents and numbering, the language (default "en"),
 * the direction (from "dir", else the language's script), the paper in
 * points and the label-column choices.
 */
void	settle_document(struct doc *, const struct style *);
/* A document without a title of its own (meta.untitled) is called by its
 * first heading, else its file name, in every format; after meta_finish,
 * which gives the file name. */
void	settle_title(struct doc *);

/* Is a BCP 47 language tag written right to left?  (Exposed for tests.) */
int	settle_rtl_lang(const char *tag);

#endif
