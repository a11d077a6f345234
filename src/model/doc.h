/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc.h - quire's document model, and everything emitters may rely on.
 *
 * The front end (parse.c, the only file that sees cmark; tidy.c; resolve.c;
 * meta.c) turns Markdown into this tree and decides every question about
 * it once; every emitter reads only this tree and renders what it says.
 * Nodes are linked in place (parent, first/last child, prev/next) like
 * cmark's, so walking needs no allocation.  All nodes and all text live in
 * the document's arena and are freed at once by doc_free(); nothing in the
 * tree points into cmark's memory.
 *
 * Shape guarantees:
 *  - DOCUMENT holds only CHAPTER nodes, one per input file, in order.
 *  - A CHAPTER holds blocks (doc_is_block()).  No HTML_BLOCK or
 *    HTML_INLINE node is left once parse_finish() has run: raw HTML is
 *    mapped to model nodes (html.c) or kept as text, with a warning.
 *  - LIST holds only ITEMs; an ITEM holds blocks (tight lists too: the
 *    list's `tight` flag says whether paragraphs are separated).
 *  - TABLE holds only ROWs (header rows first, flagged); a ROW holds
 *    exactly table.ncols CELLs (the parser pads short rows).
 *  - A CELL holds either inlines only, or blocks only (a LIST made from
 *    "<br>- item" lines, see tidy.c).  Use doc_is_block() on the first
 *    child to tell.
 *  - HEADING, PARAGRAPH, EMPH, STRONG, STRIKE, SUP, SUB, LINK and IMAGE hold
 *    inlines; an IMAGE's inline children are its alt text.
 *  - TEXT, CODE and CODE_BLOCK carry `text` (UTF-8, NUL terminated,
 *    never containing NUL, valid UTF-8) and have no children.
 *  - No raw "<br>" survives: it is a LINEBREAK node.
 *  - A LIST's ITEMs may carry a task (GitHub's "- [ ]" and "- [x]"); the
 *    marker is gone from the item's text.
 *  - An ALERT (GitHub's "> [!NOTE]") holds blocks: what followed the
 *    marker line, which is gone.  A quote with any other "[!word]" stays
 *    a QUOTE.
 *  - Footnotes: a FOOTREF (inline, no children) stands where a note is
 *    referenced; its note is a FOOTNOTE holding blocks, which lives only
 *    under doc->notes, never in a chapter.  Every FOOTNOTE there has at
 *    least one FOOTREF; a note never referenced was left out and a
 *    reference to a note that does not exist kept as the text written,
 *    each with a warning.
 *  - Nesting is bounded: no path from the root crosses more than
 *    DOC_MAX_NEST block containers (QUOTE, ITEM) nor more than
 *    DOC_MAX_NEST inline containers; deeper content was flattened, with a
 *    warning.  Emitters may recurse over the tree without a cap of their
 *    own.
 *
 * Decisions already made (emitters read them, never make them again):
 *  - Every HEADING has a non-empty id, and every CHAPTER one for its start;
 *    all ids are unique in the document (tidy.c, resolve.c).
 *  - Every LINK's destination is resolved (link.kind): a safe external
 *    URL to write as is (href), a place in this document (target), or
 *    nothing, in which case only its text is shown.  A warning for a link
 *    that leads nowhere has been printed once.  No emitter need check a
 *    URL's safety or look at the file system.
 *  - Every IMAGE likewise: a local file that exists, is readable, lies
 *    under an allowed root and is PNG, JPEG, GIF or WebP (path, format);
 *    a remote image fetched into the cache is such a file too (fetch.h);
 *    one not fetched keeps its URL (href); or none, shown as its alt text.
 *  - A TABLE whose first column holds row labels says so (label_col).
 *  - Footnotes are numbered (footnote.num) in order of first reference,
 *    through the document or from 1 in each chapter as the style says;
 *    doc->notes holds them in that order, chapter by chapter.  Notes and
 *    references have ids unique among all ids, and each reference knows
 *    which of its note's references it is (footref.nth), so back links
 *    need no search.
 *  - meta.lang is a well-formed BCP 47 tag; meta.identifier is set.
 *  - Every value that merges the command line, metadata, book.toml and
 *    the style is settled, typed, in doc->set (struct settings).
 *  - Man-page conventions are settled (manpage.c, struct manpage): a
 *    title line or block (pandoc "%", go-md2man "# name \"1\"", ronn
 *    "name(1) -- what") has set the metadata it carries and is gone from
 *    the tree; the author's NAME section, if any, is known, with its
 *    names and description; the heading level that opens a man section
 *    is known; a link to another man page says which (page, section);
 *    ronn's option lists ("* `-a`:" then text) are definition lists.
 *  - Every CODE_BLOCK's language is settled (code.lang, codeblock.c):
 *    the first word of the info string ("rust,ignore" and "{.rust}"
 *    give "rust"), lower-cased, aliases mapped to one name ("py" is
 *    "python", "sh" and "shell" are "bash").  Unless highlighting is
 *    off, a block in a language the highlighting library knows carries
 *    its tokens (code.spans, see struct code_span); emitters colour
 *    them and never tokenise code themselves.
 */
#ifndef QUIRE_DOC_H
#define QUIRE_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum node_type {
	N_DOCUMENT,
	N_CHAPTER,	/* one input file */
	/* blocks */
	N_HEADING,
	N_PARAGRAPH,
	N_LIST,
	N_ITEM,
	N_QUOTE,
	N_CODE_BLOCK,
	N_HTML_BLOCK,	/* raw block HTML (front end only: html.c maps it) */
	N_RULE,
	N_TABLE,
	N_ROW,
	N_CELL,
	N_DIV,		/* a block container, maybe aligned (<div align>) */
	N_FIGURE,	/* blocks, then maybe a CAPTION */
	N_CAPTION,	/* inlines: a table's (first child) or figure's (last) */
	N_DETAILS,	/* a SUMMARY, then blocks; printed open */
	N_SUMMARY,	/* inlines: the lead line of DETAILS */
	N_DEFLIST,	/* DEFTERMs and DEFDATAs, terms before their data */
	N_DEFTERM,	/* inlines */
	N_DEFDATA,	/* blocks */
	N_ALERT,	/* blocks: a GitHub alert (> [!NOTE]) */
	N_FOOTNOTE,	/* blocks: a note's text (under doc.notes) */
	N_PAGEBREAK,	/* a new page where pages exist */
	/* inlines */
	N_TEXT,
	N_EMPH,
	N_STRONG,
	N_STRIKE,
	N_SUP,
	N_SUB,
	N_UNDERLINE,	/* <u>, <ins> */
	N_MARK,		/* <mark>: highlighted */
	N_SMALL,	/* <small> */
	N_CODE,
	N_LINK,
	N_IMAGE,
	N_LINEBREAK,	/* hard break, also from <br> */
	N_SOFTBREAK,	/* source newline inside a paragraph */
	N_ANCHOR,	/* a link target in running text (<a id>) */
	N_PLACEHOLDER,	/* text: "<file>" in the source, not an element */
	N_FOOTREF,	/* a reference to a FOOTNOTE */
	N_HTML_INLINE,	/* raw inline HTML (front end only: html.c maps it) */
	N_TYPE_COUNT
};

enum align { AL_NONE, AL_LEFT, AL_CENTER, AL_RIGHT };
/* A block's writing direction, as its source marks it (<p dir>,
 * <div dir>): inherited unless given; auto is its first strong
 * character's. */
enum text_dir { TD_INHERIT, TD_LTR, TD_RTL, TD_AUTO };

/* The deepest nesting of block containers, and of inline containers. */
#define DOC_MAX_NEST	16

/* Where a LINK or an IMAGE leads (resolve.c). */
enum link_kind {
	LINK_NONE,	/* nowhere: show the text (or the alt text) only */
	LINK_EXTERNAL,	/* href: http(s), ftp, mailto or tel, RFC 3986-clean */
	LINK_INTERNAL,	/* LINK: target is a HEADING, CHAPTER or ANCHOR here */
	LINK_FILE,	/* IMAGE: path is a readable local image file */
	LINK_MANPAGE	/* LINK: another man page, not part of this doc
			   (man_section says which); show the text */
};

/* Images larger than this are not embedded (their alt text is kept). */
#define IMAGE_MAX ((long long)32 * 1024 * 1024)

/* What a local image file holds, from its first bytes.  An SVG's bytes
 * are in link.data, cleaned (read/svgclean.c). */
enum image_format { IMG_NONE, IMG_PNG, IMG_JPEG, IMG_GIF, IMG_WEBP,
	IMG_SVG };

/* GitHub's alert kinds, in the order of their titles. */
enum alert_kind { ALERT_NOTE, ALERT_TIP, ALERT_IMPORTANT, ALERT_WARNING,
	ALERT_CAUTION };

/*
 * The token classes of highlighted code.  The highlighting library
 * (GNU Source-highlight, through highlight_sh.cc) names some sixty
 * language elements; they are folded into these few, which every
 * emitter styles.  What a class covers:
 */
enum code_class {
	CC_KEYWORD,	/* if, fn, return; HTML and XML tags; true, null */
	CC_TYPE,	/* int, u32, class names; attribute names in
			   markup; CSS selectors; TOML and INI keys */
	CC_STRING,	/* string and character literals, regexps */
	CC_NUMBER,	/* numeric literals */
	CC_COMMENT,	/* comments, doc comments, URLs and TODOs in them */
	CC_PREPROC,	/* #include, import, <!DOCTYPE>, &amp;, diff hunks */
	CC_FUNCTION,	/* a function's name where defined or called;
			   INI sections */
	CC_OPERATOR,	/* operators, punctuation, brackets */
	CC_VARIABLE,	/* $VAR and ${VAR}, JSON keys, CSS properties */
	CC_CONSTANT,	/* escapes in strings (\n), CSS values, atoms */
	CC_INSERTED,	/* a diff's added lines */
	CC_DELETED,	/* a diff's removed lines */
	CC_COUNT
};

/*
 * One token of a CODE_BLOCK's text: len bytes at off, of class cls.
 * A block's spans are sorted by offset and never overlap; each is not
 * empty, starts and ends on a UTF-8 character boundary and holds no
 * newline; two touching spans of one class are one span.  Text no span
 * covers is plain (white space, names, anything the language's
 * definition leaves alone).
 */
struct code_span {
	uint32_t	 off, len;
	enum code_class	 cls;
};

/* A list item's check box (task lists). */
enum task { TASK_NONE, TASK_OPEN, TASK_DONE };

struct node {
	enum node_type	 type;
	int		 line;	/* 1-based source line in `file` */
	const char	*file;	/* input file the node came from */
	struct node	*parent, *first, *last, *prev, *next;
	const char	*text;	/* TEXT, CODE, CODE_BLOCK, HTML_BLOCK */
	/* The language of its text when the source names one for this
	 * element (<i lang="fr">, <p lang="de">: HTML's lang attribute),
	 * as written, letters, digits and hyphens only; NULL: its
	 * parent's, in the end meta.lang.  A <span lang> or <q lang>
	 * makes no node: each node directly in it carries its lang
	 * (text in another language is a TEXT of its own).  The PDF
	 * tags it (/Lang), the EPUB repeats it. */
	const char	*lang;
	union {
		struct {
			const char *path;	/* as given on the command line */
			int	    index;	/* 0-based */
			const char *id;		/* anchor of its start */
			int	    depth;	/* a book's nesting: 0 top */
			int	    part;	/* a part's title page only */
			int	    unparted;	/* a book's prefix or suffix
						   chapter: in no part */
		} chapter;
		struct {
			int	    level;	/* 1..6 */
			const char *id;		/* unique in the document */
			/* Its level in the book's contents (nav, outline,
			 * contents page): level, deeper by the chapter's
			 * nesting and by 1 under a part title. */
			int	    outline;
			const char *number;	/* "2.1" with number-sections,
						   else NULL */
		} heading;
		struct {
			int	    ordered;
			int	    start;	/* first number when ordered */
			int	    tight;
			char	    delim;	/* '.' or ')' when ordered */
			char	    bullet;	/* '-', '*' or '+' when not */
		} list;
		struct {
			enum task   task;
		} item;
		struct {
			const char *info;	/* as written, may be "" */
			/* The language, settled (see above): "" when none;
			 * never NULL after parse_finish(). */
			const char *lang;
			/* Its tokens: NULL (and 0) when not highlighted:
			 * highlighting off, the language unknown or none,
			 * or the block too long for the library. */
			const struct code_span *spans;
			size_t	    nspans;
		} code;
		struct {
			int	    ncols;
			enum align *aligns;	/* ncols entries */
			int	    label_col;	/* column 0 holds row labels */
		} table;
		struct {
			int	    header;	/* 1 for the header row */
		} row;
		struct {
			int	    col;	/* 0-based: the first it covers */
			enum align  align;	/* its own, or the column's */
			int	    colspan;	/* columns it covers, >= 1 */
			int	    rowspan;	/* rows it covers, >= 1 */
			int	    header;	/* marked a header cell (<th>) */
		} cell;
		struct {
			enum align  align;
			enum text_dir dir;	/* <div dir>, <p dir> */
		} div;
		struct {
			enum alert_kind kind;
		} alert;
		struct {
			int	    num;	/* 1-based, in order of first use */
			const char *id;		/* unique in the document */
			const char *label;	/* as written in [^label] */
			const struct node *ref;	/* its first FOOTREF */
			int	    nrefs;	/* FOOTREFs that lead here */
		} footnote;
		struct {
			const struct node *note; /* the FOOTNOTE */
			const char *id;		/* unique in the document */
			int	    nth;	/* 1 for the note's first */
		} footref;
		struct {
			const char *id;		/* unique in the document */
		} anchor;
		struct {
			const char *url;	/* as written; never NULL */
			const char *title;	/* never NULL, may be "" */
			enum link_kind kind;
			const char *href;	/* LINK_EXTERNAL */
			const struct node *target; /* LINK_INTERNAL */
			const char *path;	/* LINK_FILE */
			/* LINK_FILE on disk: the real path the reader
			 * judged inside the document's roots; emitters
			 * read it with file_read_confined / confine_reopen
			 * (no link followed), so a file swapped in after
			 * the check is refused, not read.  NULL for a
			 * data: URI or an inline <svg>. */
			const char *real;
			enum image_format format; /* LINK_FILE */
			/* LINK_FILE from a data: URI: its decoded bytes
			 * (the model's), path only a name for them. */
			const unsigned char *data;
			size_t	    data_len;
			double	    width, height; /* IMAGE: CSS px, 0 unset */
			enum align  align;	/* IMAGE: <img align> */
			/* A LINK to a man page ("foo-run.1.md"), whether
			 * LINK_MANPAGE or LINK_INTERNAL (a page of this
			 * book): its section, else NULL; and when the
			 * link's text reads "name(section)", that name,
			 * so the man page sets a page reference. */
			const char *man_section;
			const char *man_page;
		} link;			/* LINK and IMAGE */
	} u;
};

/* Front-matter metadata, after -M overrides and defaults are applied. */
struct meta {
	const char	 *title;	/* never NULL after meta_finish */
	int		  untitled;	/* title is only the default */
	const char	 *subtitle;
	const char	**authors;	/* NULL-terminated, may be empty */
	const char	 *date;		/* as written, may be NULL */
	const char	 *lang;		/* default "en" */
	/* "dir" as written: TD_INHERIT when the front matter says nothing,
	 * TD_AUTO for "auto".  What it comes to is settled (settings.dir). */
	enum text_dir	  dir;
	const char	 *name;		/* output base name */
	const char	 *section;	/* man section, default "7" */
	const char	 *description;
	const char	 *source;	/* man .TH: the project, may be NULL */
	const char	 *manual;	/* man .TH: the manual's name, may be NULL */
	const char	 *identifier;	/* default: urn:uuid derived from content */
	const char	**keywords;	/* NULL-terminated, may be empty */
	const char	 *rights;
	const char	 *cover_image;	/* as written, may be NULL */
	const char	 *css;		/* an extra EPUB stylesheet, or NULL */
	/* Named by the document (front matter), so judged inside its
	 * folder and kept as real paths: read with util/file.h's
	 * file_read_confined.  0: the command line's, trusted. */
	unsigned char	  cover_judged, css_judged;
	/* The URL site_root is published at: a relative link to a file
	 * outside the document becomes a link there.  NULL: such a link
	 * keeps only its text. */
	const char	 *link_base;
	/* The switches as written: 1 or 0, or -1 when nothing said; what
	 * they come to is settled (struct settings), and emitters read
	 * that. */
	int		  toc;		/* a contents page in the PDF */
	int		  titlepage;	/* a title page of its own */
	int		  number_sections;
	int		  toc_depth;	/* heading levels listed; 0: unsaid */
	int		  highlight;
	int		  smart;
	/* Every key/value pair of the front matter, scalars only, for
	 * emitters that want a field the list above does not name. */
	const char	**extra;	/* k0, v0, k1, v1, ..., NULL */
};

/*
 * The man page's own parts, decided by the front end (manpage.c) so the
 * man emitter only writes them and other formats may use them too.
 */
struct manpage {
	/* The author's NAME section: its heading (in the tree, where other
	 * formats show it as any section) and the first node after the
	 * section's blocks (NULL: the chapter's end); NULL if none. */
	const struct node *name_heading, *name_end;
	const char	*names;		/* "a, b": never NULL after manpage.c */
	const char	*whatis;	/* the NAME description, never NULL */
	const char	*th_date;	/* .TH date, never NULL */
	const char	*th_manual;	/* .TH manual, never NULL, may be "" */
	int		 sh_level;	/* headings at most this deep are .SH,
					   deeper ones .SS */
	int		 conventions;	/* the source is written as a man page */
};

struct arena;

/*
 * The settled values (model/settle.c): each merged once from, lowest
 * first, the style, the first file's front matter (a later file's only
 * where nothing earlier spoke), book.toml, -M and the command line's
 * own options.  Emitters and the passes after settle_document() read
 * these, never the sources, and never re-derive them from strings.
 */
struct settings {
	/* For the reader, settled before the first chapter is parsed. */
	int		 smart;		/* typographic quotes and dashes */
	int		 notes_restart;	/* footnotes from 1 in each chapter */
	int		 plain_code;	/* no output shows code tokens (a man
					   page alone): code is not tokenised */
	/* For everything after reading (settle_document). */
	int		 highlight;	/* code blocks carry their tokens */
	int		 toc;		/* the PDF has a contents page */
	int		 titlepage;	/* the PDF has a title page */
	int		 number_sections;
	int		 number_depth;	/* heading levels numbered */
	int		 pdf_toc_depth;	/* heading levels listed, parts aside */
	int		 epub_toc_depth;
	enum text_dir	 dir;		/* TD_LTR or TD_RTL, never another */
	/* 1 when neither "dir" nor lang chose the direction (dir auto and
	 * a left-to-right language): each paragraph then takes its own
	 * from its first strong character (UAX #9 P2-P3), its blocks stay
	 * left-to-right. */
	int		 dir_auto;
	double		 page_width;	/* the PDF's page, in points */
	double		 page_height;
	/* Whether a table's column 0 holds row labels, per format: the
	 * style's yes or no, or (-1) what the model found (doc_labels). */
	int		 pdf_labels, epub_labels;
};


struct doc {
	struct node	*root;		/* N_DOCUMENT */
	struct meta	 meta;
	long		 epoch;		/* SOURCE_DATE_EPOCH, or now */
	/* The document's date when it states none: SOURCE_DATE_EPOCH, else
	 * the first input file's modification time. */
	long		 date_epoch;
	struct manpage	 man;
	int		 has_table;	/* any N_TABLE in the tree */
	int		 book;		/* read from an mdBook SUMMARY.md */
	/* The folder meta.link_base stands for: a book's src/ (SUMMARY.md's
	 * folder), else the first input's; "." for stdin. */
	const char	*site_root;
	/* A book's folder (book.toml's): everything the book names lies
	 * under it, images too.  NULL for other documents. */
	const char	*book_root;
	/* The cover image (meta.cover_image), checked like any image:
	 * its file and format, or NULL. */
	const char	*cover_path;
	enum image_format cover_format;
	/* An SVG cover's cleaned bytes (read/svgclean.c), which the
	 * emitters use instead of its file; NULL for other formats. */
	const unsigned char *cover_data;
	size_t		 cover_len;
	/* The footnotes' texts, a FOOTNOTE each in number order, outside
	 * the chapters (a walk from root does not see them): an N_DOCUMENT
	 * node holding only FOOTNOTEs, never NULL. */
	struct node	*notes;
	/* Every value merged from the command line, the metadata, book.toml
	 * and the style, decided once (model/settle.c). */
	struct settings	 set;
	/* The level-1 heading taken as the title, unlinked from the tree;
	 * it keeps its id, which leads to the start of the document. */
	struct node	*title;
	struct arena	*arena;
};

/*
 * Verify the shape guarantees above on a finished model (after
 * meta_finish): links both ways, what each container holds, no raw HTML
 * node, text that is UTF-8, unique ids, bounded nesting, settled values.
 * Each broken guarantee is reported as an error at its node (the first
 * twenty); returns how many there were.  For the --dump tests and the
 * fuzzer: emitters never call it.
 */
size_t		 doc_check(const struct doc *);

/* Construction (used by the parser and tests). */
struct doc	*doc_new(void);
void		 doc_free(struct doc *);
struct node	*doc_node(struct doc *, enum node_type, const char *file, int line);
void		 doc_append(struct node *parent, struct node *child);
void		 doc_insert_after(struct node *ref, struct node *child);
void		 doc_insert_before(struct node *ref, struct node *child);
void		 doc_unlink(struct node *);
char		*doc_strdup(struct doc *, const char *);
char		*doc_strndup(struct doc *, const char *, size_t);
void		*doc_alloc(struct doc *, size_t);

/* Queries. */
const char	*doc_type_name(enum node_type);
int		 doc_is_block(const struct node *);
/* Heading levels a table of contents lists: the metadata's toc-depth,
 * else the format's default from the style; a book's part titles do not
 * take a level of their own (as LaTeX's \part does not). */
/* Heading levels a contents list shows: `depth` (a settled toc depth),
 * one more when the book has parts. */
int		 doc_contents_depth(const struct doc *, int depth);
/* Whether table t's column 0 holds row labels, for a format whose
 * settled choice is `labels` (settings.pdf_labels, epub_labels): never
 * in a table of one column. */
int		 doc_labels(const struct node *t, int labels);
int		 doc_is_inline(const struct node *);
/* The direction the source gives n: its own or its nearest DIV's with
 * one, TD_INHERIT (the document's) when none does. */
enum text_dir	 doc_dir(const struct node *);

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
 * The plain text of a subtree: TEXT and CODE literals, breaks as one
 * space; with TEXT_BLOCKS also code blocks' text, and a space between
 * blocks.  Used for alt text, slugs, titles, outline entries, the man NAME
 * line and measuring.
 */
#define TEXT_BLOCKS	1
struct buf;
void		 doc_text(const struct node *, struct buf *, int flags);
char		*doc_text_dup(const struct node *, int flags);	/* malloc'd */
char		*doc_plain_text(struct doc *, const struct node *); /* arena */
/* Does the subtree show any text that is not white space? */
int		 doc_has_text(const struct node *);
/* The id of a link's internal target (a heading's or chapter's). */
const char	*doc_target_id(const struct node *target);

/* The name of a token class ("keyword", "comment"...), as the dump and
 * the EPUB's class names spell it. */
const char	*doc_code_class_name(enum code_class);

/* Print the model as an indented tree, one node per line (--dump). */
void		 doc_dump(const struct doc *, FILE *);

#endif
