/*
 * parse.h - Markdown (CommonMark + GFM) into the document model.
 * parse.c is the only file that sees cmark-gfm.
 */
#ifndef QUIRE_PARSE_H
#define QUIRE_PARSE_H

#include <stddef.h>

struct doc;

/* cmark-gfm's extensions registered, once, before documents are parsed
 * side by side (--each -j N): registering is not safe on two threads. */
void	parse_init(void);

/* Parse one input file's text (front matter already blanked) as the next
 * chapter of the document. */
void	parse_chapter(struct doc *, const char *path, const char *text,
	    size_t len);

/* A book's part title ("# Part I" in SUMMARY.md): a chapter of its own,
 * holding only that title as a level-1 heading. */
void	parse_part(struct doc *, const char *file, int line, const char *title);

/*
 * Once every chapter is in: tidy inline runs, turn "<br>- " cell lines
 * into lists, take the title from the first level-1 heading when the
 * metadata has none (that heading, or a first heading repeating the
 * title, is then removed), give every heading a unique id, and settle
 * every code block's language and tokens (codeblock.c).
 */
void	parse_finish(struct doc *);

#endif
