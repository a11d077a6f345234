/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book.h - an mdBook book as input: its SUMMARY.md (chapter files in
 * order, nesting, part titles, drafts), its book.toml (title, authors,
 * language), and its {{#include}} directives (book.c, include.c).
 */
#ifndef QUIRE_BOOK_H
#define QUIRE_BOOK_H

#include <stddef.h>

/* One entry of the SUMMARY, in reading order. */
struct book_entry {
	char		*path;		/* the chapter's file; NULL: a part */
	char		*real;		/* its real path, as judged inside the
					   book: what is read (file.h's
					   file_read_confined) */
	char		*title;		/* the part's title, or the link's text */
	int		 depth;		/* 0 for a top-level chapter */
	int		 unparted;	/* a prefix or suffix chapter */
	int		 line;		/* in SUMMARY.md */
};

struct book {
	char			*root;		/* holds book.toml */
	char			*src;		/* holds SUMMARY.md and chapters */
	char			*summary;	/* SUMMARY.md's path */
	char			*summary_real;	/* as judged inside the book */
	struct book_entry	*e;
	size_t			 n;
	/* From book.toml's [book] table, NULL when not given. */
	char			*title, *description, *language;
	char			*site_url;	/* [output.html] site-url */
	char			**authors;	/* NULL-terminated, or NULL */
	int			 refused;	/* chapters refused */
};

/*
 * Is arg a book: a folder holding book.toml (its SUMMARY.md under the
 * src folder book.toml names, "src" by default), or a file named
 * SUMMARY.md?  Returns 1 with *b filled, 0 when it is an ordinary input,
 * or -1 after "quire: FILE:LINE: message".
 */
int	book_open(const char *arg, struct book *b);
void	book_free(struct book *);

/*
 * Expand mdBook's {{#include path}}, {{#include path:A:B}} (lines A to
 * B), {{#include path:anchor}} (between ANCHOR: and ANCHOR_END: lines)
 * and {{#rustdoc_include ...}} (the same, lines hidden with "# " in
 * Rust code removed) and {{#playground path attr...}} (the same, as a
 * ```rust,attr listing) in *text, which is replaced.  Paths are relative
 * to file and must stay under root.  {{#title TEXT}} is taken out and
 * its text given in *title (malloc'd; NULL when there is none): the
 * document's title when nothing else names one.  Returns 0, or -1 after
 * "quire: FILE:LINE: message" (a missing file, an escape, a loop).
 */
int	book_includes(const char *file, const char *root, char **text,
	    size_t *len, char **title);

/* book.toml's [book] table (booktoml.cc: cpptoml), read from real, its
 * real path as judged inside the book.  Returns 0, or -1
 * after a message; fields not given stay NULL.  A file nested deeper
 * than BOOK_TOML_DEPTH arrays and tables is refused before cpptoml,
 * whose recursive parser would overflow the stack, sees it. */
#define BOOK_TOML_DEPTH	64
int	book_toml(const char *path, const char *real, struct book *b);
/* The line of book.toml where key is set (0 when not found), for
 * messages about its value. */
int	book_toml_line(const char *path, const char *key);

/*
 * Whether path, a file the book names (what: "chapter", "SUMMARY.md"),
 * resolves inside the book's root and is a regular file (util/confine.h):
 * 0 with its real path in *real (malloc'd; real may be NULL), or -1
 * after "quire: FILE:LINE: what path lies outside the book ..." (FILE:
 * where it is named; NULL for the book's own files).
 */
int	book_confined(const struct book *b, const char *path,
	    const char *file, int line, const char *what, char **real);

#endif
