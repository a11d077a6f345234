/*
 * doc.h - quire's document model.
 *
 * The parser (parse.c, the only file that sees cmark) turns Markdown into
 * this tree; every emitter reads only this tree.  Nodes are linked in place
 * (parent, first/last child, prev/next) like cmark's, so walking needs no
 * allocation.  All nodes and all text live in the document's arena and are
 * freed at once by doc_free(); nothing in the tree points into cmark's
 * memory.
 *
 * Shape guarantees the parser gives the emitters:
 *  - DOCUMENT holds only CHAPTER nodes, one per input file, in order.
 *  - A CHAPTER holds blocks.  Blocks are HEADING, PARAGRAPH, LIST, QUOTE,
 *    CODE_BLOCK, RULE, TABLE and HTML_BLOCK.
 *  - LIST holds only ITEMs; an ITEM holds blocks (tight lists too: the
 *    list's `tight` flag says whether paragraphs are separated).
 *  - TABLE holds only ROWs (header rows first, flagged); a ROW holds
 *    exactly table.ncols CELLs (the parser pads short rows).
 *  - A CELL holds either inlines only, or blocks only (a LIST made from
 *    "<br>- item" lines, see parse.c).  Use doc_is_block() on the first
 *    child to tell.
 *  - HEADING, PARAGRAPH, EMPH, STRONG, STRIKE, SUP, SUB, LINK and IMAGE hold
 *    inlines; an IMAGE's inline children are its alt text.
 *  - TEXT, CODE, CODE_BLOCK and HTML_BLOCK carry `text` (UTF-8, NUL
 *    terminated, never containing NUL, valid UTF-8) and have no children.
 *  - No raw "<br>" survives: it is a LINEBREAK node.
 */
#ifndef QUIRE_DOC_H
#define QUIRE_DOC_H

#include <stddef.h>
#include <stdio.h>

enum node_type {
	N_DOCUMENT,
	N_CHAPTER,	/* one input file */
	N_HEADING,
	N_PARAGRAPH,
	N_LIST,
	N_ITEM,
	N_QUOTE,
	N_CODE_BLOCK,
	N_HTML_BLOCK,	/* raw block HTML the parser could not map */
	N_RULE,
	N_TABLE,
	N_ROW,
	N_CELL,
	/* inlines */
	N_TEXT,
	N_EMPH,
	N_STRONG,
	N_STRIKE,
	N_SUP,
	N_SUB,
	N_CODE,
	N_LINK,
	N_IMAGE,
	N_LINEBREAK,	/* hard break, also from <br> */
	N_SOFTBREAK,	/* source newline inside a paragraph */
	N_TYPE_COUNT
};

enum align { AL_NONE, AL_LEFT, AL_CENTER, AL_RIGHT };

struct node {
	enum node_type	 type;
	int		 line;	/* 1-based source line in `file` */
	const char	*file;	/* input file the node came from */
	struct node	*parent, *first, *last, *prev, *next;
	const char	*text;	/* TEXT, CODE, CODE_BLOCK, HTML_BLOCK */
	union {
		struct {
			const char *path;	/* as given on the command line */
			int	    index;	/* 0-based */
		} chapter;
		struct {
			int	    level;	/* 1..6 */
			const char *id;		/* unique in the document */
		} heading;
		struct {
			int	    ordered;
			int	    start;	/* first number when ordered */
			int	    tight;
			char	    delim;	/* '.' or ')' when ordered */
			char	    bullet;	/* '-', '*' or '+' when not */
		} list;
		struct {
			const char *info;	/* language, may be "" */
		} code;
		struct {
			int	    ncols;
			enum align *aligns;	/* ncols entries */
		} table;
		struct {
			int	    header;	/* 1 for the header row */
		} row;
		struct {
			int	    col;	/* 0-based */
			enum align  align;	/* copied from the table */
		} cell;
		struct {
			const char *url;	/* never NULL, may be "" */
			const char *title;	/* never NULL, may be "" */
		} link;			/* LINK and IMAGE */
	} u;
};

/* Front-matter metadata, after -M overrides and defaults are applied. */
struct meta {
	const char	 *title;	/* never NULL after doc_finish_meta */
	const char	 *subtitle;
	const char	**authors;	/* NULL-terminated, may be empty */
	const char	 *date;		/* as written, may be NULL */
	const char	 *lang;		/* default "en" */
	const char	 *name;		/* output base name */
	const char	 *section;	/* man section, default "7" */
	const char	 *description;
	const char	 *identifier;	/* default: urn:uuid derived from content */
	const char	**keywords;	/* NULL-terminated, may be empty */
	const char	 *rights;
	/* Every key/value pair of the front matter, scalars only, for
	 * emitters that want a field the list above does not name. */
	const char	**extra;	/* k0, v0, k1, v1, ..., NULL */
};

struct arena;

struct doc {
	struct node	*root;		/* N_DOCUMENT */
	struct meta	 meta;
	long		 epoch;		/* SOURCE_DATE_EPOCH, or now */
	int		 has_table;	/* any N_TABLE in the tree */
	struct arena	*arena;
};

/* Construction (used by the parser and tests). */
struct doc	*doc_new(void);
void		 doc_free(struct doc *);
struct node	*doc_node(struct doc *, enum node_type, const char *file, int line);
void		 doc_append(struct node *parent, struct node *child);
void		 doc_insert_after(struct node *ref, struct node *child);
void		 doc_unlink(struct node *);
char		*doc_strdup(struct doc *, const char *);
char		*doc_strndup(struct doc *, const char *, size_t);
void		*doc_alloc(struct doc *, size_t);

/* Queries. */
const char	*doc_type_name(enum node_type);
int		 doc_is_block(const struct node *);
int		 doc_is_inline(const struct node *);

/*
 * Iterative pre-order walk, so deep documents cannot overflow the stack.
 * Start with cur = NULL; each call returns the next node under `root`
 * (root itself first) and sets *entering to 1 on the way down and 0 on
 * the way back up from a node that has children.  Leaves are returned
 * once, with *entering = 1.  Returns NULL when done.
 */
struct node	*doc_next(const struct node *root, struct node *cur,
		    int *entering);

/*
 * The plain text of a subtree (TEXT and CODE literals; breaks as one
 * space), as a fresh string in the arena.  Used for alt text, slugs,
 * outline entries and the man NAME line.
 */
char		*doc_plain_text(struct doc *, const struct node *);

/* Print the model as an indented tree, one node per line (--dump). */
void		 doc_dump(const struct doc *, FILE *);

#endif
