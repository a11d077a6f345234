/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notes.h - footnotes settled in the model (notes.c): which note each
 * reference leads to, labels, warnings, numbers and where the notes live.
 *
 * parse.c reports what cmark-gfm found in one input file through the
 * notes_found_*() calls and hands the lot to notes_chapter(); the notes
 * stay at the end of their chapter while tidy.c and resolve.c do their
 * work on them like on any block (raw HTML, ids, links), and
 * notes_document() finally numbers them and moves them to doc->notes.
 */
#ifndef QUIRE_NOTES_H
#define QUIRE_NOTES_H

#include <stddef.h>

struct doc;
struct node;

/* One input file's footnotes as cmark-gfm reported them. */
struct notes_found {
	/* The FOOTNOTEs made, in cmark's order: the k-th is its note k+1,
	 * with the position of its text (after "[^label]:"). */
	struct found_def {
		struct node	*note;
		int		 line, col;
	}		*defs;
	size_t		 ndefs, capdefs;
	/* Each FOOTREF, in document order, and cmark's note number. */
	struct found_ref {
		struct node	*ref;
		int		 num;
	}		*refs;
	size_t		 nrefs, caprefs;
	/* Every definition cmark read, used or not, by position; the label
	 * when it was seen (NULL otherwise). */
	struct found_seen {
		int		 line, col;
		const char	*label;
		int		 used;
	}		*seen;
	size_t		 nseen, capseen;
	/* The TEXTs holding "[^" as they were made, in document order:
	 * where a reference that names no note may stand. */
	struct node	**texts;
	size_t		 ntexts, captexts;
};

void	notes_found_def(struct notes_found *, struct node *note, int line,
	    int col);
void	notes_found_ref(struct notes_found *, struct node *ref, int num);
void	notes_found_seen(struct notes_found *, int line, int col,
	    const char *label);
/* A TEXT just made: kept when it holds "[^". */
void	notes_found_text(struct notes_found *, struct node *text);

/*
 * Once a file is converted: link every reference to its note, give each
 * note its label and reference count, warn about definitions never used
 * (cmark dropped them) and about "[^label]" text that names no note.
 * Frees what found holds.
 */
void	notes_chapter(struct doc *, struct node *chapter,
	    struct notes_found *found);


/*
 * After tidy.c and resolve.c: number the notes (through the document or
 * per chapter, as d->opts says) and move them from the chapters to
 * d->notes in that order.
 */
void	notes_document(struct doc *);

#endif
