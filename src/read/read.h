/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/read.h - every input file read into one document, settled and
 * finished: what the emitters are given.
 */
#ifndef QUIRE_READ_H
#define QUIRE_READ_H

#include <stddef.h>
#include <stdio.h>

struct doc;
struct runner;
struct style;

/* What the command line adds to the inputs. */
struct read_request {
	const char	**overrides;	/* -M KEY=VALUE, in order */
	size_t		  noverrides;
	const char	 *css;		/* --css, or NULL */
	int		  plain_code;	/* no output shows code's tokens */
	struct runner	 *run;
};

/* Writes "NAME VERSION" for the library the reader is made with. */
void	read_libraries(FILE *);

/* The readers' global set-up (cmark's extensions), made once before
 * documents are read side by side. */
void	read_init(void);

/*
 * The files (one book folder or SUMMARY.md, or Markdown files in order)
 * read and parsed into one document, its values settled, its passes
 * run.  Returns EXIT_OK with *out set, or an exit status (diag.h) after
 * a message; *out is set either way, for doc_free.
 */
int	read_document(const struct read_request *, char **files, int nfiles,
	    const struct style *, struct doc **out);

#endif
