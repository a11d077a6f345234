/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/roff.h - the roff writer behind the man emitter.
 *
 * Everything the man emitter prints goes through this writer, in one of
 * two kinds of call:
 *   - roff_req() and roff_raw() take generated markup (macros, font and
 *     glyph escapes) written by quire itself: never pass user text here;
 *   - roff_text() and roff_arg() take user text and always escape it, so a
 *     document cannot run a roff request ("\X'...'", ".sy", "'br", "\*(")
 *     whatever it contains.
 * The writer tracks whether the output is at the start of a line (so a
 * request always begins a fresh line and text never does with '.' or '\''),
 * and the current font as counters, so fonts nest without "\fP".
 */
#ifndef QUIRE_MAN_ROFF_H
#define QUIRE_MAN_ROFF_H

#include <stddef.h>
#include <string.h>

#include "util/buf.h"

/* Escaping flavours for roff_text(). */
enum {
	ESC_LITERAL = 1 << 0,	/* code: '-' as "\-", spaces kept */
	ESC_UPPER   = 1 << 1,	/* ASCII letters upper-cased (.SH titles) */
	ESC_ONELINE = 1 << 2,	/* newlines become spaces (tags, headings) */
	ESC_TABLE   = 1 << 3,	/* inside a tbl text block: guard "T}" */
	ESC_NOSPACE = 1 << 4,	/* in code blocks: no-fill, newlines kept */
	ESC_NOHYPH  = 1 << 5	/* "\%" before each word: never hyphenate */
};

/* What the writer does with a byte, looked up once per byte: */
enum {
	/* printable ASCII written as it is, after which no break point
	 * goes (not a separator, not '\\' or '"', which may be escaped):
	 * a run of them inside a word is copied at once */
	ROFF_PLAIN = 1 << 0,
	ROFF_SEP   = 1 << 1,	/* "/._-=,:": a break point may follow */
	ROFF_BLANK = 1 << 2,	/* space, tab, newline, carriage return */
	ROFF_CODE  = 1 << 3	/* the separators but '-': written as they
				 * are in no-fill code (no break points) */
};
extern const unsigned char roff_class[256];

enum font_bit { FONT_BOLD, FONT_ITALIC, FONT_MONO, FONT_NBITS };

struct roff {
	struct buf	 out;
	int		 bol;		/* at the beginning of an output line */
	int		 space;		/* a space is owed before the next word */
	int		 inword;	/* the last thing written was a letter */
	int		 dashword;	/* and its word began with '-' */
	size_t		 linestart;	/* offset of the current line in out */
	size_t		 wordlen;	/* columns of the word being written */
	int		 nowrap;	/* writing a one-line title or tag */
	int		 chunked;	/* a long token got break points */
	unsigned char	*seen;		/* code points written as \[uXXXX] */
	int		 font[FONT_NBITS]; /* nesting counts per font bit */
	const char	*cur;		/* the font escape last written */
};

void	roff_init(struct roff *);
void	roff_free(struct roff *);

/* End the current output line if anything is on it. */
void	roff_eol(struct roff *);
/* A generated request line, e.g. roff_req(r, ".SH"): starts a new line. */
void	roff_req_n(struct roff *, const char *safe, size_t len);
/* Generated inline markup (glyphs like "\(bu"), written where we are. */
void	roff_raw_n(struct roff *, const char *safe, size_t len);
/* The two above for a string: inline, so that the length of a literal,
 * what they are nearly always given, is known when compiling. */
static inline void
roff_req(struct roff *r, const char *safe)
{
	roff_req_n(r, safe, strlen(safe));
}
static inline void
roff_raw(struct roff *r, const char *safe)
{
	roff_raw_n(r, safe, strlen(safe));
}
/* User text, escaped according to flags. */
void	roff_text(struct roff *, const char *user, size_t len, int flags);
/* User text as one quoted macro argument: " \"...\"" appended. */
void	roff_arg(struct roff *, const char *user, int flags);

/* Fonts: bold/italic/mono nest; the escape is written only on change. */
void	roff_font_push(struct roff *, enum font_bit);
void	roff_font_pop(struct roff *, enum font_bit);

/* A token at least this long gets break points ("\:") where a reader
 * expects a line to end: after "/" in a path or an address, after "." "_"
 * "-" "=" "," or ":" in an identifier or an option.  Never between two
 * letters or two digits: a token without such a place stays whole, and
 * groff lets it run past the margin rather than cut a word. */
#define ROFF_LONG	16
/* Characters of a token kept on each side of a break point. */
#define ROFF_KEEP	3

/* May a line break follow s[i], the last of `before` columns of a token
 * written so far?  The rest of the token is what follows in s up to a
 * blank.  The man table measures cells with the same rule. */
int	roff_break_after(size_t before, const char *s, size_t len, size_t i);

/* Append to b, for every code point written as "\[uXXXX]", a line that
 * gives groff a stand-in on devices without the glyph (its PostScript
 * fonts have no CJK), so "groff -ww" stays quiet. */
void	roff_fallbacks(const struct roff *, struct buf *b);

/* Display width of UTF-8 text in terminal columns (one per code point,
 * two for East Asian wide ones). */
size_t	roff_width(const char *s, size_t len);

#endif
