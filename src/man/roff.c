/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/roff.c - the roff writer: escaping of user text and the font stack.
 *
 * The one rule that keeps a document from running roff requests: user text
 * reaches the output only through roff_text()/roff_arg(), which write every
 * backslash as "\e", guard a '.' or '\'' that would start a line, drop
 * control characters and spell every non-ASCII character as a glyph escape
 * ("\(em", "\[u00E9]"), so the page is plain ASCII and needs no preconv.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "roff.h"
#include "util/utf8.h"

/* Bytes appended to the output: inline, because most of what the writer
 * puts is one to five bytes long, where a call, a strlen() and a
 * memcpy() call would cost more than the bytes. */
static inline void
put(struct roff *r, const char *s, size_t n)
{
	struct buf *b = &r->out;

	char *d;
	size_t i;

	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
	d = b->data + b->len;
	if (n > 16)
		memcpy(d, s, n);
	else
		for (i = 0; i < n; i++)
			d[i] = s[i];
	b->len += n;
	b->data[b->len] = '\0';
}

/* A string literal: its length is known when compiling. */
#define PUT_LIT(r, lit)	put((r), (lit), sizeof(lit) - 1)

/* Classes of ASCII bytes (roff.h); bytes past ASCII are 0.  Rows of
 * 16 from 0x00: blanks (4) at 0x09, 0x0A, 0x0D and 0x20; separators
 * (2) "," "-" "." "/" ":" "=" "_", all but '-' also code (2 + 8);
 * plain (1) every other printable byte but '"' and '\\'. */
const unsigned char roff_class[256] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  4,  4,  0,  0,  4,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 4,  1,  0,  1,  1,  1,  1,  1,  1,  1,  1,  1, 10,  2, 10, 10,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 10,  1,  1, 10,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0,  1,  1, 10,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0,
};

/* Filled text lines are ended at the first space past this many bytes. */
#define WRAP_AT	64
/* A word still going past this many bytes continues on the next line, */
#define JOIN_AT	70
/* once it is this many columns long. */
#define JOIN_WORD	20

/* The font escapes, each held once, so that two of them are the same
 * escape exactly when they are the same pointer (r->cur). */
enum { F_R, F_B, F_I, F_BI, F_CR, F_CB };
static const char *const font_names[] = {
	"\\fR", "\\fB", "\\fI", "\\f(BI", "\\f(CR", "\\f(CB"
};

void
roff_init(struct roff *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->out);
	r->bol = 1;
	r->cur = font_names[F_R];
}

void
roff_free(struct roff *r)
{
	buf_free(&r->out);
	free(r->seen);
	r->seen = NULL;
}

#define MAX_CP	0x110000

void
roff_fallbacks(const struct roff *r, struct buf *b)
{
	uint32_t cp;

	if (r->seen == NULL)
		return;
	for (cp = 0; cp < MAX_CP; cp++)
		if (r->seen[cp / 8] & (1u << (cp % 8)))
			buf_printf(b, ".if !c\\[u%04X] .char \\[u%04X] ?\n",
			    (unsigned)cp, (unsigned)cp);
}

void
roff_eol(struct roff *r)
{
	if (!r->bol)
		buf_putc(&r->out, '\n');
	r->linestart = r->out.len;
	r->wordlen = 0;
	r->bol = 1;
	r->space = 0;
	r->inword = 0;
}

void
roff_req_n(struct roff *r, const char *safe, size_t len)
{
	roff_eol(r);
	put(r, safe, len);
	/* A request line is complete only when the caller ends it, so
	 * arguments can follow (roff_arg); mark the line as started. */
	r->bol = 0;
}

/*
 * May a long output line end here?  Not after a sentence end (groff would
 * then set two spaces, where the source had one) nor after a font escape.
 */
static int
can_wrap(const struct roff *r)
{
	const char *s = r->out.data;
	size_t i = r->out.len;

	if (i - r->linestart < WRAP_AT)
		return 0;
	/* Look through font escapes and closing punctuation. */
	for (;;) {
		if (i >= r->linestart + 3 && s[i - 3] == '\\' &&
		    s[i - 2] == 'f')
			i -= 3;
		else if (i >= r->linestart + 5 && s[i - 5] == '\\' &&
		    s[i - 4] == 'f' && s[i - 3] == '(')
			i -= 5;
		else if (i > r->linestart && strchr(")]\"'*", s[i - 1]) != NULL)
			i--;
		else
			break;
	}
	return !(i > r->linestart && strchr(".!?", s[i - 1]) != NULL);
}

/* Pay the spaces owed by earlier text before writing something visible;
 * in filled text (wrap 1) a long line ends there instead (mandoc's style
 * check wants input lines under 80 bytes); wrap -1 keeps leading spaces
 * (no-fill code). */
static void
flush_space(struct roff *r, int wrap)
{
	/* No space owed (most calls): nothing below would change. */
	if (r->space == 0)
		return;
	if (r->bol && wrap >= 0) {
		/* A line starting with a space would force a break. */
		r->space = 0;
		return;
	}
	if (wrap > 0 && r->space > 0 && can_wrap(r)) {
		roff_eol(r);
		return;
	}
	while (r->space > 0) {
		buf_putc(&r->out, ' ');
		r->space--;
		r->inword = 0;
		r->wordlen = 0;
	}
}

void
roff_raw_n(struct roff *r, const char *safe, size_t len)
{
	flush_space(r, 0);
	put(r, safe, len);
	r->bol = 0;
	r->inword = 0;
	r->wordlen = 0;
}

/* Portable names for the typographic characters Markdown text is full
 * of; everything else non-ASCII becomes "\[uXXXX]". */
static const char *
glyph(uint32_t cp)
{
	switch (cp) {
	case 0x00A0: return "\\ ";
	case 0x00A9: return "\\(co";
	case 0x00AE: return "\\(rg";
	case 0x00B0: return "\\(de";
	case 0x00D7: return "\\(mu";
	case 0x2010: return "\\(hy";
	case 0x2013: return "\\(en";
	case 0x2014: return "\\(em";
	case 0x2018: return "\\(oq";
	case 0x2019: return "\\(cq";
	case 0x201C: return "\\(lq";
	case 0x201D: return "\\(rq";
	case 0x2022: return "\\(bu";
	case 0x2026: return "\\&.\\|.\\|.";
	case 0x2122: return "\\(tm";
	case 0x2192: return "\\(->";
	case 0x2190: return "\\(<-";
	default: return NULL;
	}
}

static int
at_risk(const char *s, size_t len, int flags)
{
	/* A text line may not begin with the control characters; inside a
	 * tbl text block, "T}" would also end the cell and a lone "_" or
	 * "=" could read as a rule. */
	if (*s == '.' || *s == '\'')
		return 1;
	if (flags & ESC_TABLE)
		return *s == '_' || *s == '=' ||
		    (*s == 'T' && len > 1 && (s[1] == '}' || s[1] == '{'));
	return 0;
}

/* A newline in user text: a space, a new input line, or in no-fill code
 * a visible empty line.  Returns the new column. */
static size_t
newline(struct roff *r, unsigned char c, int flags, size_t col)
{
	int fill = !(flags & ESC_NOSPACE);

	if (fill && (flags & ESC_ONELINE || c == '\r')) {
		r->space = r->space ? r->space : 1;
		return col;
	}
	if (fill) {
		roff_eol(r);
		return col;
	}
	/* No-fill: an empty line would be a blank line, which mandoc
	 * flags; "\&" keeps it visible. */
	if (r->bol)
		PUT_LIT(r, "\\&");
	r->bol = 0;
	roff_eol(r);
	return 0;
}

/* A space or tab: owed before the next word, or kept in no-fill code
 * (tabs expanded: man sets its own tab stops).  Returns the column. */
static size_t
blank(struct roff *r, unsigned char c, int flags, size_t col)
{
	if (!(flags & ESC_NOSPACE)) {
		r->space = 1;
		r->inword = 0;
	} else if (c == ' ') {
		r->space++;
		col++;
	} else
		do {
			r->space++;
			col++;
		} while (col % 8);
	return col;
}

/* Before a visible character at s: the owed space, and guards against
 * control characters at the start of a line. */
static void
word_begin(struct roff *r, const char *s, size_t len, int flags)
{
	int fill = !(flags & ESC_NOSPACE);

	/* In no-fill code, leading spaces are indentation. */
	flush_space(r, fill ? !(flags & ESC_ONELINE) : -1);
	if (r->bol && at_risk(s, len, flags))
		PUT_LIT(r, "\\&");
	if (fill && !(flags & ESC_ONELINE) && r->inword &&
	    ((r->wordlen >= JOIN_WORD &&
	    r->out.len - r->linestart >= JOIN_AT) ||
	    r->out.len - r->linestart >=
	    ((unsigned char)*s < 0x80 ? 73u : 68u))) {
		/* A long word goes on on the next input line, joined by
		 * "\c", keeping input lines under 80 bytes.  An ASCII
		 * character may take 2 bytes and a break point 4 more after
		 * it; one outside ASCII is written as "\[uXXXX]" (up to 10
		 * bytes), so the line ends sooner before one. */
		PUT_LIT(r, "\\c");
		roff_eol(r);
		r->inword = 1;
		if (at_risk(s, len, flags))
			PUT_LIT(r, "\\&");
	}
	/* A word that begins with '-' is an option ("--add-file", "-x"):
	 * its hyphens are written as "\-", the character a reader types,
	 * and it is never hyphenated, so the option can be searched for
	 * and copied whatever the formatter makes of a plain '-'. */
	if (!r->inword) {
		r->dashword = *s == '-';
		if ((flags & ESC_NOHYPH) || (r->dashword && fill &&
		    len > 1 && s[1] != ' '))
			PUT_LIT(r, "\\%");
	}
	r->bol = 0;
	r->inword = 1;
}

/* Most characters go on a word already started, with no space owed and
 * a short line: word_begin() would write or change nothing, and this is
 * asked for every byte, so the test is made here, without a call. */
static inline void
word_start(struct roff *r, const char *s, size_t len, int flags)
{
	if (r->inword && r->space == 0 && !r->bol &&
	    r->out.len - r->linestart < JOIN_AT)
		return;
	word_begin(r, s, len, flags);
}

static int
separator(unsigned char c)
{
	return roff_class[c] & ROFF_SEP;
}

static int
blank_char(unsigned char c)
{
	return roff_class[c] & ROFF_BLANK;
}

int
roff_break_after(size_t before, const char *s, size_t len, size_t i)
{
	unsigned char next;
	size_t after = 0, j;

	if (!separator((unsigned char)s[i]) || before < ROFF_KEEP + 1 ||
	    i + 1 >= len)
		return 0;
	/* After the last of a run ("https://", "--"), and not inside a
	 * number ("1.25", "10,000"). */
	next = (unsigned char)s[i + 1];
	if (separator(next) || blank_char(next) ||
	    ((s[i] == '.' || s[i] == ',') && next >= '0' && next <= '9'))
		return 0;
	/* Counted up to the end of s: what may follow in the next text
	 * only makes the token longer. */
	for (j = i + 1; j < len && !blank_char((unsigned char)s[j]); j++)
		after += ((unsigned char)s[j] & 0xC0) != 0x80;
	/* Closing punctuation is no part of what is kept together. */
	while (j > i + 1 && strchr(".,;:!?)]'\"", s[j - 1]) != NULL) {
		j--;
		after--;
	}
	return after >= ROFF_KEEP && before + after >= ROFF_LONG;
}

static void
ascii(struct roff *r, unsigned char c, int flags)
{
	if (c == '\\')
		PUT_LIT(r, "\\e");
	else if (c == '-' && ((flags & ESC_LITERAL) || r->dashword))
		PUT_LIT(r, "\\-");
	else if (c == '"' && (flags & ESC_ONELINE))
		PUT_LIT(r, "\\(dq");
	else if (flags & ESC_UPPER && c >= 'a' && c <= 'z')
		buf_putc(&r->out, c - 'a' + 'A');
	else
		buf_putc(&r->out, c);
}

/* A code point past ASCII: a named glyph, or \[uXXXX] remembered for
 * roff_fallbacks(). */
static void
non_ascii(struct roff *r, uint32_t cp)
{
	char tmp[16];

	if (glyph(cp) != NULL) {
		buf_puts(&r->out, glyph(cp));
		return;
	}
	snprintf(tmp, sizeof(tmp), "\\[u%04X]", (unsigned)cp);
	buf_puts(&r->out, tmp);
	if (r->seen == NULL)
		r->seen = xcalloc(MAX_CP / 8, 1);
	r->seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
}

/*
 * Runs of bytes that word_start(), ascii() and roff_break_after() would
 * each write as they are (see ROFF_PLAIN; in no-fill code, where no
 * break points go, ROFF_CODE too) are written at once, while the line is
 * short enough that none of word_begin()'s line breaks or joins apply.
 *
 * Can a run start here?  If it begins a word, what word_begin() does
 * before a byte that is not '-' is done: the owed spaces (flush_space()
 * cannot end the line under WRAP_AT) and the "\\%" of a word not to be
 * hyphenated (2 bytes, so the line stays short of JOIN_AT).  Returns 0,
 * the writer unchanged, when word_begin() must decide.
 */
static int
run_begin(struct roff *r, int flags)
{
	size_t used = r->out.len - r->linestart;

	if (r->bol || used >= JOIN_AT)
		return 0;
	if (r->space == 0 && r->inword)
		return 1;
	if (used >= WRAP_AT || used + (size_t)r->space + 2 >= JOIN_AT)
		return 0;
	if (r->space > 0) {
		if (r->space == 1)
			PUT_LIT(r, " ");
		else {
			/* Indentation in code: one block. */
			buf_grow(&r->out, (size_t)r->space);
			memset(r->out.data + r->out.len, ' ',
			    (size_t)r->space);
			r->out.len += (size_t)r->space;
			r->out.data[r->out.len] = '\0';
		}
		r->space = 0;
		r->inword = 0;
		r->wordlen = 0;
	}
	if (!r->inword) {
		r->dashword = 0;
		if (flags & ESC_NOHYPH)
			PUT_LIT(r, "\\%");
	}
	r->inword = 1;
	return 1;
}

/* After run_begin(): the run's bytes, up to where the line reaches
 * JOIN_AT, copied while scanned (runs are a few bytes long, shorter than
 * a memcpy() call costs).  Returns how many. */
static size_t
run_copy(struct roff *r, const char *s, size_t len, unsigned run)
{
	size_t room = JOIN_AT - (r->out.len - r->linestart), k = 0;
	char *d;

	if (room > len)
		room = len;
	if (r->out.len + room + 1 > r->out.cap)
		buf_grow(&r->out, room);
	d = r->out.data + r->out.len;
	while (k < room && (roff_class[(unsigned char)s[k]] & run)) {
		d[k] = s[k];
		k++;
	}
	d[k] = '\0';
	r->out.len += k;
	r->wordlen += k;
	return k;
}

/* Runs from s[0], which is of class `run`, and in filled text the single
 * spaces between them, as blank() would take each.  Returns the bytes
 * taken; 0 leaves the writer as it was. */
static size_t
word_run(struct roff *r, const char *s, size_t len, int flags,
    unsigned run)
{
	size_t done = 0;

	while (run_begin(r, flags)) {
		done += run_copy(r, s + done, len - done, run);
		if ((flags & ESC_NOSPACE) || done + 1 >= len ||
		    s[done] != ' ' ||
		    !(roff_class[(unsigned char)s[done + 1]] & run))
			break;
		/* blank() in filled text. */
		r->space = 1;
		r->inword = 0;
		done++;
	}
	return done;
}

void
roff_text(struct roff *r, const char *s, size_t len, int flags)
{
	size_t	 i = 0, n, col = 0;
	uint32_t cp;
	/* The bytes word_run() may copy as they are: none when upper-
	 * casing; separators too in no-fill code, where no break points
	 * go ('-' is no ROFF_CODE: it becomes "\-"). */
	unsigned run = (flags & ESC_UPPER) ? 0 : ROFF_PLAIN |
	    ((flags & ESC_NOSPACE) ? ROFF_CODE : 0);

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		/* Most bytes: checked first. */
		if ((roff_class[c] & run) &&
		    (n = word_run(r, s + i, len - i, flags, run)) > 0) {
			col += n;
			i += n;
		} else if (c == '\n' || c == '\r') {
			col = newline(r, c, flags, col);
			i++;
		} else if (c == ' ' || c == '\t') {
			/* A run of spaces at once: indentation in code. */
			do
				col = blank(r, (unsigned char)s[i], flags, col);
			while (++i < len && s[i] == ' ');
		} else if (c < 0x20 || c == 0x7f) {
			i++;			/* control: drop */
		} else if (c < 0x80) {
			word_start(r, s + i, len - i, flags);
			ascii(r, c, flags);
			col++;
			r->wordlen++;
			/* Break points in filled text, and in a title or
			 * a tag (nowrap) though not in a macro argument. */
			if (!(flags & ESC_NOSPACE) &&
			    (!(flags & ESC_ONELINE) || r->nowrap) &&
			    roff_break_after(r->wordlen, s, len, i)) {
				/* groff starts a word after "\:", which it
				 * would hyphenate: "\%" forbids that. */
				PUT_LIT(r, "\\:\\%");
				r->chunked = 1;
			}
			i++;
		} else if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			i++;		/* the model promises UTF-8; be safe */
		} else {
			word_start(r, s + i, len - i, flags);
			col += roff_width(s + i, n);
			r->wordlen += roff_width(s + i, n);
			non_ascii(r, cp);
			i += n;
		}
	}
}

void
roff_arg(struct roff *r, const char *s, int flags)
{
	PUT_LIT(r, " \"");
	r->bol = 0;
	r->space = 0;
	r->wordlen = 0;
	roff_text(r, s, strlen(s), flags | ESC_ONELINE);
	r->space = 0;
	buf_putc(&r->out, '"');
}

/* The escape for a combination of font bits.  Monospace wins over
 * italic: terminals show neither, and CI is not in every font set. */
static const char *
font_escape(const int *f)
{
	if (f[FONT_MONO])
		return font_names[f[FONT_BOLD] ? F_CB : F_CR];
	if (f[FONT_BOLD] && f[FONT_ITALIC])
		return font_names[F_BI];
	if (f[FONT_BOLD])
		return font_names[F_B];
	if (f[FONT_ITALIC])
		return font_names[F_I];
	return font_names[F_R];
}

/*
 * Write the escape for the current font bits if it changed.  Opening a
 * font pays the owed space first and closing one leaves it owed, so the
 * space between words is never underlined or bold.
 */
static void
font_update(struct roff *r, int opening)
{
	const char *want = font_escape(r->font);

	if (want == r->cur)
		return;
	if (opening)
		flush_space(r, r->nowrap ? 0 : 1);
	if (!r->nowrap && !r->bol && r->space == 0 &&
	    r->out.len - r->linestart >= JOIN_AT) {
		/* Mid-word and the line is long: continue on the next
		 * input line, joined by "\c". */
		PUT_LIT(r, "\\c");
		roff_eol(r);
		r->inword = 1;
	}
	/* "\\fB" or "\\f(CR": 3 or 5 bytes. */
	put(r, want, want[2] == '(' ? 5 : 3);
	r->bol = 0;
	r->cur = want;
}

void
roff_font_push(struct roff *r, enum font_bit b)
{
	r->font[b]++;
	font_update(r, 1);
}

void
roff_font_pop(struct roff *r, enum font_bit b)
{
	if (r->font[b] > 0)
		r->font[b]--;
	font_update(r, 0);
}

size_t
roff_width(const char *s, size_t len)
{
	size_t	 i = 0, w = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		i += n;
		if (cp < 0x20 || (cp >= 0x0300 && cp <= 0x036F) ||
		    cp == 0x200B || cp == 0x200D)
			continue;
		if ((cp >= 0x1100 && cp <= 0x115F) ||
		    (cp >= 0x2E80 && cp <= 0xA4CF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3) ||
		    (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0xFE30 && cp <= 0xFE4F) ||
		    (cp >= 0xFF00 && cp <= 0xFF60) ||
		    (cp >= 0xFFE0 && cp <= 0xFFE6) ||
		    (cp >= 0x1F300 && cp <= 0x1F64F) ||
		    (cp >= 0x1F900 && cp <= 0x1F9FF) ||
		    (cp >= 0x20000 && cp <= 0x3FFFD))
			w += 2;
		else
			w++;
	}
	return w;
}
