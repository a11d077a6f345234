/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * parse.h - Markdown (CommonMark + GFM) into the document model.
 * parse.c is the only file that sees cmark-gfm.
 */
#ifndef QUIRE_PARSE_H
#define QUIRE_PARSE_H

#include <stddef.h>

struct doc;
struct runner;
struct codeblock_early;

/*
 * The front end's state while one document is read, beside the model:
 * the threads it may use and the code tokenised ahead.  The reader's
 * settings (smart punctuation, highlighting as far as known) are in
 * d->set, settled (settle_reading) before the first chapter is parsed.
 */
struct parser {
	struct doc		*d;
	struct runner		*run;	/* NULL: one thread */
	struct codeblock_early	*early;	/* codeblock.h */
};
void	parser_init(struct parser *, struct doc *, struct runner *);
/* Reading failed half way: stop the work ahead, which reads the model,
 * before the document is freed.  parse_finish() needs none. */
void	parser_discard(struct parser *);

/* cmark-gfm's extensions registered, once, before documents are parsed
 * side by side (--each -j N): registering is not safe on two threads. */
void	parse_init(void);

/* The version of cmark-gfm quire runs with. */
const char *parse_cmark_version(void);

/* Parse one input file's text (front matter already blanked) as the next
 * chapter of the document. */
void	parse_chapter(struct parser *, const char *path, const char *text,
	    size_t len);

/* A book's part title ("# Part I" in SUMMARY.md): a chapter of its own,
 * holding only that title as a level-1 heading. */
void	parse_part(struct parser *, const char *file, int line,
	    const char *title);

/*
 * Once every chapter is in: tidy inline runs, turn "<br>- " cell lines
 * into lists, take the title from the first level-1 heading when the
 * metadata has none (that heading, or a first heading repeating the
 * title, is then removed), give every heading a unique id, and settle
 * every code block's language and tokens (codeblock.c).
 */
void	parse_finish(struct parser *);

#endif
