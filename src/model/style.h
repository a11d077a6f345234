/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * style.h - the style file (styles/default.yaml), read once into typed
 * settings per back end.
 *
 * Every key quire knows is listed once, in style.c's table, with its type,
 * its default and its range; the file is read with libyaml (yaml_flat.c),
 * each value checked as it is read.  An unknown key or a bad value is a
 * warning with FILE:LINE and the default stays.  Back ends read the
 * structs below and never look a key up by name.
 */
#ifndef QUIRE_STYLE_H
#define QUIRE_STYLE_H

#include <stddef.h>

/* auto, yes or no (YAML's true/false/on/off also). */
enum style_tri { STYLE_AUTO = -1, STYLE_NO = 0, STYLE_YES = 1 };

/* The PDF's font roles, in the order of pdf.fonts.*. */
enum style_font { STYLE_SERIF, STYLE_SANS, STYLE_MONO, STYLE_FALLBACK, STYLE_CJK,
	STYLE_NFONTS };

#define STYLE_MAX_WIDTHS 16

struct pdf_style {
	const char	*paper;		/* a name (paper.h); "auto": the system's */
	double		 page_width;	/* points; 0: from the paper, else at
					   least STYLE_PAGE_MIN_WIDTH */
	double		 page_height;
	double		 margin_top, margin_bottom, margin_left, margin_right;
	const char	*font[STYLE_NFONTS];	/* fontconfig family names,
						   or font files */
	const char	*font_path;	/* a folder of fonts, or NULL */
	double		 size_body, size_code, size_table, size_table_min;
	double		 leading;	/* line height / font size */
	int		 justify, hyphenate, chapter_page_break;
	double		 expansion;	/* justified lines' glyphs drawn up to
					   this many percent wider or narrower */
	double		 tracking;	/* a loose justified line's letters
					   spaced up to this many thousandths
					   of an em apart */
	int		 tagged;	/* a tagged PDF (PDF/UA-1): src/pdf/tag.h */
	int		 toc_depth;	/* levels on the contents page */
	int		 toc, titlepage;	/* enum style_tri: auto, on for a book */
	double		 table_header_shade;	/* grey level, 1 = white */
	double		 table_rule_width, table_padding;
	int		 table_label_column;	/* enum style_tri */
	/* pdf.table.widths: fixed widths for tables of exactly that many
	 * columns; each a length in points, or a percentage of the measure
	 * when pct is set. */
	int		 ntable_widths;
	struct {
		double	 value;
		int	 pct;
	}		 table_widths[STYLE_MAX_WIDTHS];
};

struct epub_style {
	int		 split_level;	/* 0: one file per input */
	int		 toc_depth;
	int		 label_column;	/* enum style_tri */
	const char	*css;		/* relative to the style file */
	const char	*toc_title;
	const char	*accessibility_summary;	/* NULL: the built-in one */
	int		 cover;		/* a title card when there is no cover */
};

enum man_table_layout { MAN_TABLE_AUTO, MAN_TABLE_GRID, MAN_TABLE_STACKED };

/* How footnotes are numbered: through the document, or from 1 in each
 * input file. */
enum style_notes { NOTES_DOCUMENT, NOTES_CHAPTER };

/* How the Markdown is read: for the front end, before any emitter. */
struct markdown_style {
	int		 smart;		/* typographic quotes and dashes */
	int		 footnotes;	/* enum style_notes */
};

/* The titles of GitHub's alerts, in the order of enum alert_kind
 * (doc.h), so that a document in another language can have its own. */
#define STYLE_NALERTS	5

struct man_style {
	int		 table;		/* enum man_table_layout */
	int		 width;		/* columns a table may take */
};

/* Highlighted code (code.*).  The colours are the PDF's; the EPUB's are
 * in its stylesheet (styles/epub.css), where the reader's dark mode can
 * change them. */
enum code_theme { CODE_THEME_DEFAULT, CODE_THEME_MONO };

/* The smallest page with room for text: an inch across and two down
 * inside 20 mm margins (66 by 91 mm).  A smaller page.width or height is
 * refused where the style file says it; libharu would fail on it with
 * only an error number. */
#define STYLE_PAGE_MIN_WIDTH	(72 + 40 * 72.0 / 25.4)
#define STYLE_PAGE_MIN_HEIGHT	(144 + 40 * 72.0 / 25.4)

/* Whether name is a paper pdf.paper and --paper take: "auto", or one
 * util/paper.h knows that is at least the smallest page above. */
int	style_paper_ok(const char *name);

/* One colour per token class, in the order of enum code_class (doc.h;
 * style.c checks that the counts agree). */
#define STYLE_CODE_CLASSES 12

struct code_style {
	int		 highlight;	/* code.highlight: 0 turns it off */
	int		 theme;		/* enum code_theme */
	/* code.colors.*: 0xRRGGBB, or -1 for the theme's colour. */
	int		 colors[STYLE_CODE_CLASSES];
};

struct style {
	struct code_style	 code;
	struct markdown_style	 markdown;
	const char		*alert_title[STYLE_NALERTS];
	struct pdf_style	 pdf;
	struct epub_style	 epub;
	struct man_style	 man;
	const char		*dir;	/* the style file's directory, or
					   NULL for the built-in style */
	struct arena		*arena;	/* the strings above */
};

/* Load PATH; a NULL path gives the built-in style (styles/default.yaml,
 * compiled in).  On a file that
 * cannot be read or is not YAML, prints "quire: PATH:LINE: ..." and
 * returns NULL. */
struct style	*style_load(const char *path);
void		 style_free(struct style *);

/* Set one key as if the style file said it (--paper); returns -1 after a
 * message when the key or value is not valid. */
int		 style_set(struct style *, const char *key, const char *value);

/* The built-in family for a font role, when the style's is missing;
 * and the spare, when that one is not installed either. */
const char	*style_default_font(enum style_font);
const char	*style_spare_font(enum style_font);

/* The name of the i-th key quire knows, or NULL past the last (tests
 * check that the default style documents every one). */
const char	*style_key_name(size_t i);

/* A length in PostScript points: a number with pt, mm, cm or in (bare
 * numbers are points).  Returns 0, or -1 when s is not a length. */
int		 style_parse_len(const char *s, double *pt);

#endif
