/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inline.c - inline nodes to Knuth-Plass items: what a paragraph is made
 * of before linebreak.c breaks it and parset.c sets its lines.
 *
 * A word is one or more boxes with nothing breakable between them (a
 * change of font inside a word starts a new box); spaces are glue;
 * hyphenation points are flagged penalties whose width is the hyphen's.
 *
 * State kept from one paragraph to the next (a recycled item array, the
 * line being set, the count of glyph warnings) is struct par_state
 * (parstate.h), shared with parset.c and made and freed here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "hyph.h"
#include "inline.h"
#include "metrics.h"
#include "segment.h"
#include "params.h"
#include "parstate.h"
#include "pool.h"
#include "util/utf8.h"
#include "wordbreak.h"
#include "wordcache.h"

struct par_state *
par_state_new(void)
{
	struct par_state *ps = xcalloc(1, sizeof(*ps));

	ps->wc = wordcache_new();
	return ps;
}

void
par_state_free(struct par_state *ps)
{
	if (ps == NULL)
		return;
	free(ps->spare.it);
	free(ps->img_warned);
	free(ps->line.op);
	vl_free(&ps->cell);
	buf_free(&ps->text);
	wordbreak_free(ps->wb);
	wordcache_free(ps->wc);
	free(ps);
}

void
par_source(const struct lo_ctx *c, const char *file)
{
	c->par->file = file;
	c->par->src_line = 0;
}

void
par_init(struct lo_par *p)
{
	p->it = NULL;
	p->n = p->cap = 0;
	p->dir = DIR_DOC;
}

void
par_free(struct lo_par *p)
{
	free(p->it);
	par_init(p);
}

void
par_take(const struct lo_ctx *c, struct lo_par *p)
{
	*p = c->par->spare;
	p->n = 0;
	p->dir = DIR_DOC;
	par_init(&c->par->spare);
}

void
par_give(const struct lo_ctx *c, struct lo_par *p)
{
	if (p->cap > c->par->spare.cap) {
		free(c->par->spare.it);
		c->par->spare = *p;
	} else
		free(p->it);
	par_init(p);
}

struct lo_item *
par_push(struct lo_par *p, int type)
{
	struct lo_item *it;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->it = xrealloc(p->it, p->cap * sizeof(*p->it));
	}
	it = &p->it[p->n++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	return it;
}

static void
add_glue(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f)
{
	int	used;
	double	w;

	/* Collapse runs of spaces; no space at the start of a line. */
	if (p->n == 0 || p->it[p->n - 1].type != IT_BOX)
		return;
	w = lo_advance(c->widths, LO_FACE(f->fam, f->sty), ' ', &used) * f->size
	    / 1000.0;
	struct lo_item *glue = par_push(p, IT_GLUE);
	glue->w = w;
	/* A space inside code stretches and shrinks as a word space does
	 * (a browser justifies them alike, and a reader cannot tell), but
	 * stretches less: a monospace space is already twice as wide as
	 * the text's, and stretched as far it would open a hole. */
	glue->code = f->fam == FAM_MONO;
	glue->st = w * (glue->code ? CODE_SPACE_STRETCH : SPACE_STRETCH);
	glue->sh = w * SPACE_SHRINK;
}

static void
add_box(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    int face, const char *s, size_t len)
{
	struct lo_item *b = par_push(p, IT_BOX);

	b->s = s;
	b->len = len;
	b->face = face;
	b->size = f->size;
	b->rise = f->rise;
	b->rgb = f->rgb;
	b->strike = f->strike;
	b->underline = f->underline;
	b->mark = f->mark;
	b->link = f->link;
	b->tagnode = f->tagnode;
	b->w = lo_text_width(c->widths, face, f->size, s, len);
}

/* A place a link may lead to, in running text: a box of no width. */
static void
add_anchor(struct lo_par *p, const char *id)
{
	struct lo_item *b = par_push(p, IT_BOX);

	b->s = "";
	b->anchor = id;
}

/* A character no font has: one warning per character (a table's cells
 * are measured, then set: both meet it), and only the first few. */
static void
glyph_warning(struct par_state *ps, uint32_t cp)
{
	int i;

	for (i = 0; i < ps->nwarned; i++)
		if (ps->warned[i] == cp)
			return;
	if (ps->nwarned == MAX_GLYPH_WARNINGS)
		return;
	ps->warned[ps->nwarned++] = cp;
	diag_warn(ps->file, ps->src_line, "no font has a glyph for U+%04X; "
	    "drawn as '?'", (unsigned)cp);
}

/* A piece of a word: split into boxes wherever the direction changes
 * (Arabic and the digits after it: bidi orders boxes), and wherever the
 * drawing face changes (glyph fallback); characters no font has become
 * '?'. */
static void
add_glyphs(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	int	 face = LO_FACE(f->fam, f->sty), used;
	size_t	 i, k, j, n;
	uint32_t cp;
	enum lo_seg kind;

	for (j = 0; j < len; j += n) {
		kind = SEG_PLAIN;
		n = lo_needs_shaping(s + j, len - j) ?
		    lo_segment(s + j, len - j, &kind) : len - j;
		if (kind != SEG_PLAIN &&
		    (used = lo_run_face(c->widths, face, s + j, n)) >= 0) {
			add_box(c, p, f, used, s + j, n);
			continue;
		}
		for (i = j; i < j + n; i += k) {
			k = lo_face_run(c->widths, face, s + i, j + n - i, &used,
			    &cp);
			if (used >= 0)
				add_box(c, p, f, used, s + i, k);
			else {
				glyph_warning(c->par, cp);
				add_box(c, p, f, face, "?", 1);
			}
		}
	}
}

/* The same, with each colour emoji sequence a picture (inlineemoji.c). */
static void
add_piece(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	struct lo_emoji	 e;
	size_t		 at, elen;

	while ((at = lo_emoji_next(c, s, len, &elen, &e)) < len) {
		add_glyphs(c, p, f, s, at);
		par_add_emoji(c, p, f, s + at, elen, &e);
		s += at + elen;
		len -= at + elen;
	}
	add_glyphs(c, p, f, s, len);
}

static int
isalpha_ascii(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static void
add_hyphen(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f)
{
	struct lo_item	*h = par_push(p, IT_PEN);
	int		 used;

	h->pen = HYPH_PEN;
	h->flag = 1;
	h->w = lo_advance(c->widths, LO_FACE(f->fam, f->sty), '-', &used) *
	    f->size / 1000.0;
	h->face = LO_FACE(f->fam, f->sty);
	h->size = f->size;
	h->rgb = f->rgb;
}

static void	hyphenated(const struct lo_ctx *, struct lo_par *,
		    const struct lo_fmt *, const char *, size_t, int);

#define WORD_JOINER	"\xE2\x81\xA0"	/* U+2060, in UTF-8 */

static const char *
find_joiner(const char *s, const char *end)
{
	for (; s + 3 <= end; s++)
		if (memcmp(s, WORD_JOINER, 3) == 0)
			return s;
	return NULL;
}

/* A word the author marked unbreakable with a word joiner (U+2060)
 * anywhere in it: set whole, never hyphenated nor broken after a hyphen
 * or slash of its own.  The joiner stays in the text, as typed. */
static int
joined(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	if (find_joiner(s, s + len) == NULL)
		return 0;
	add_piece(c, p, f, s, len);
	return 1;
}

static int
lower_at(const char *s, size_t i)
{
	return s[i] >= 'a' && s[i] <= 'z';
}

static int
upper_at(const char *s, size_t i)
{
	return s[i] >= 'A' && s[i] <= 'Z';
}

static int
alnum_at(const char *s, size_t i)
{
	return lower_at(s, i) || upper_at(s, i) || (s[i] >= '0' && s[i] <= '9');
}

/*
 * The penalty of breaking a long piece of code before byte i, or 0 when
 * it may not break there.  After a run of / . = | , ; : (a path, a
 * member, an option's value, a list) or before "--" (the next option)
 * costs CODE_BREAK_PEN.  Inside a name, at a camel-case hump
 * ("graceful|Cancel"), after ( [ { ("pipe(|file") or before a single
 * _ or - ("stdout|_final", "--max|-line"; the mark starting the next
 * line says it is no hyphen of the break's, as the Chicago Manual
 * breaks addresses), costs CODE_HUMP_PEN: dearer, so that a name is
 * cut only where keeping it whole would leave a loose line.  Never a
 * single character, nor two letters of a name, alone on a line.
 */
static int
code_break(const char *s, size_t len, size_t i)
{
	static const char after[] = "/.=|,;:";

	if (i < 2 || i + 2 > len)
		return 0;
	if (strchr(after, s[i - 1]) != NULL && strchr(after, s[i]) == NULL)
		return CODE_BREAK_PEN;
	if (s[i] == '-' && s[i + 1] == '-' && s[i - 1] != '-')
		return CODE_BREAK_PEN;
	if (i < 3 || i + 3 > len)
		return 0;
	if (lower_at(s, i - 1) && upper_at(s, i) && lower_at(s, i + 1))
		return CODE_HUMP_PEN;
	if (strchr("([{", s[i - 1]) != NULL && strchr("([{)]}", s[i]) == NULL)
		return CODE_HUMP_PEN;
	if ((s[i] == '_' || s[i] == '-') && alnum_at(s, i - 1) &&
	    alnum_at(s, i + 1))
		return CODE_HUMP_PEN;
	return 0;
}

/* A space-free word of code: longer ones may break where code_break
 * says, without a hyphen (one would read as part of the code). */
static void
code_pieces(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	size_t	from = 0;
	int	pen;

	if (len >= CODE_BREAK_MIN && !f->nohyph)
		for (size_t i = 2; i + 2 <= len; i++) {
			if ((pen = code_break(s, len, i)) == 0)
				continue;
			add_piece(c, p, f, s + from, i - from);
			par_push(p, IT_PEN)->pen = pen;
			from = i;
		}
	add_piece(c, p, f, s + from, len - from);
}

/* A break opportunity of no width that draws nothing. */
static void
add_break(struct lo_par *p)
{
	if (p->n > 0 && p->it[p->n - 1].type == IT_BOX)
		par_push(p, IT_PEN)->pen = 0;
}

/* One space-free word.  Text without spaces between its words (Thai) or
 * characters (Chinese, Japanese) may break where ICU says (wordbreak.c);
 * the pieces between are hyphenated as any word. */
static void
add_word(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len)
{
	struct par_state *ps = c->par;
	size_t		 *at, n, from = 0;

	if (joined(c, p, f, s, len))
		return;
	if (f->nohyph || f->fam == FAM_MONO || !wordbreak_needed(s, len)) {
		if (wordcache_replay(ps->wc, p, f, s, len))
			return;
		from = p->n;
		hyphenated(c, p, f, s, len, 0);
		wordcache_record(ps->wc, p, from, f, s, len);
		return;
	}
	if (ps->wb == NULL)
		ps->wb = wordbreak_new(c->doc->meta.lang);
	at = xmalloc(len * sizeof(*at));
	n = wordbreak_find(ps->wb, s, len, at, len);
	for (size_t i = 0; i <= n; i++) {
		size_t to = i < n ? at[i] : len;

		if (i > 0)
			add_break(p);
		hyphenated(c, p, f, s + from, to - from, 0);
		from = to;
	}
	free(at);
}

static int
lower_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* Where a word of prose may break after a hyphen, slash or dash of its
 * own ("run-time", "and/or", "this—that"), as TeX does at an explicit
 * hyphen: between small letters only, 2 before and 3 after (a name such
 * as "non-English" stays whole), and never in an address.  Returns the
 * byte after the first such mark, or 0. */
static size_t
explicit_break(const char *s, size_t len)
{
	static const char *const dashes[] = { "\xE2\x80\x93", "\xE2\x80\x94" };

	for (size_t i = 0; i + 2 < len; i++)
		if (s[i] == '@' || (s[i] == ':' && s[i + 1] == '/') ||
		    (s[i] == 'w' && s[i + 1] == 'w' && s[i + 2] == 'w'))
			return 0;
	for (size_t i = 2; i + 4 <= len; i++) {
		size_t k = s[i] == '-' || s[i] == '/' ? 1 : 0;

		for (int d = 0; d < 2 && k == 0; d++)
			if (memcmp(s + i, dashes[d], 3) == 0)
				k = 3;
		if (k > 0 && i + k + 3 <= len && lower_ascii(s + i - 2, 2) &&
		    lower_ascii(s + i + k, 3))
			return i + k;
	}
	return 0;
}

/* One space-free word: hyphenate its alphabetic core.  An author's soft
 * hyphens (U+00AD) replace the patterns and are never drawn unless the
 * line breaks there.  A part of a compound (`compound`: the word has a
 * hyphen of its own, "time-to-market") breaks only there, as editors
 * ask: "time-to-mar-ket" reads worse than a looser line. */
static void
hyphenated(const struct lo_ctx *c, struct lo_par *p, const struct lo_fmt *f,
    const char *s, size_t len, int compound)
{
	size_t	a = 0, b = len, last, cut;
	char	pts[80];
	const char *shy;

	for (shy = s; shy + 1 < s + len; shy++)
		if ((unsigned char)shy[0] == 0xC2 &&
		    (unsigned char)shy[1] == 0xAD)
			break;
	if (shy + 1 < s + len) {
		if (shy > s)
			add_piece(c, p, f, s, (size_t)(shy - s));
		if (p->n > 0 && p->it[p->n - 1].type == IT_BOX)
			add_hyphen(c, p, f);
		hyphenated(c, p, f, shy + 2, len - (size_t)(shy - s) - 2,
		    compound);
		return;
	}

	if (f->fam == FAM_MONO) {
		code_pieces(c, p, f, s, len);
		return;
	}
	if (!f->nohyph && (cut = explicit_break(s, len)) > 0) {
		hyphenated(c, p, f, s, cut, 1);
		par_push(p, IT_PEN)->pen = EXPLICIT_PEN;
		hyphenated(c, p, f, s + cut, len - cut, 1);
		return;
	}
	while (a < len && !isalpha_ascii((unsigned char)s[a]))
		a++;
	while (b > a && !isalpha_ascii((unsigned char)s[b - 1]))
		b--;
	if (compound || f->nohyph || f->fam == FAM_MONO || b - a < 5 ||
	    b - a >= sizeof(pts) || hyph_points(c->hyph, s + a, b - a,
	    pts) == 0) {
		add_piece(c, p, f, s, len);
		return;
	}
	last = 0;
	for (size_t i = a; i < b; i++) {
		if (!pts[i - a])
			continue;
		add_piece(c, p, f, s + last, i + 1 - last);
		add_hyphen(c, p, f);
		last = i + 1;
	}
	add_piece(c, p, f, s + last, len - last);
}

void
par_add_text(const struct lo_ctx *c, struct lo_par *p, const char *s,
    const struct lo_fmt *f)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			add_glue(c, p, f);
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
		    s[j] != '\r')
			j++;
		add_word(c, p, f, s + i, j - i);
		i = j;
	}
}

static void
hard_break(struct lo_par *p)
{
	struct lo_item *it;

	while (p->n > 0 && p->it[p->n - 1].type == IT_GLUE)
		p->n--;
	it = par_push(p, IT_GLUE);
	it->st = LO_INF;
	it = par_push(p, IT_PEN);
	it->pen = -PEN_INF;
}

void
par_break_line(struct lo_par *p)
{
	hard_break(p);
}

/* What a link leads to, as the device wants it: the URL, or "#" and the
 * id of a place in the document (resolve.c decided which). */
const char *
link_dest(const struct lo_ctx *c, const struct node *link)
{
	const char *id;
	char *r;

	if (link->u.link.kind == LINK_EXTERNAL)
		return link->u.link.href;
	if (link->u.link.kind != LINK_INTERNAL)
		return NULL;
	id = doc_target_id(link->u.link.target);
	r = pool_alloc(c->pool, strlen(id) + 2);
	r[0] = '#';
	strcpy(r + 1, id);
	return r;
}

/* A footnote's marker: its number raised, glued to the word before it,
 * leading to the note; its boxes carry the reference, so that the line
 * set from them knows which note it calls for. */
static void
add_footref(const struct lo_ctx *c, struct lo_par *p, const struct node *n,
    const struct lo_fmt *f0)
{
	const char *id = n->u.footref.note->u.footnote.id;
	struct lo_fmt f = *f0;
	char num[24], *link;
	size_t from = p->n;

	snprintf(num, sizeof(num), "%d", n->u.footref.note->u.footnote.num);
	link = pool_alloc(c->pool, strlen(id) + 2);
	link[0] = '#';
	strcpy(link + 1, id);
	f.size = f0->size * SCRIPT_SIZE;
	f.rise = f0->rise + SUP_RISE * f0->size;
	f.link = link;
	f.rgb = c->link_rgb;
	f.nohyph = 1;
	f.tagnode = c->tagged ? n : NULL;	/* its text in its Link */
	par_add_text(c, p, pool_strdup(c->pool, num), &f);
	for (size_t i = from; i < p->n; i++)
		p->it[i].ref = n;
}

void
par_add_inlines(const struct lo_ctx *c, struct lo_par *p,
    const struct node *parent, const struct lo_fmt *f0)
{
	for (const struct node *n = parent->first; n != NULL; n = n->next) {
		struct lo_fmt f = *f0;

		f.depth++;
		if (n->lang != NULL && c->tagged)	/* a Span with /Lang */
			f.tagnode = n;
		if (n->line > 0)	/* for a glyph warning */
			c->par->src_line = n->line;
		switch (n->type) {
		case N_TEXT:
			par_add_text(c, p, n->text, &f);
			break;
		case N_CODE:
			f.fam = c->fam_mono;
			f.size = f0->size * CODE_SPAN_SIZE;
			par_add_text(c, p, n->text, &f);
			break;
		case N_SOFTBREAK:
			add_glue(c, p, &f);
			break;
		case N_LINEBREAK:
			hard_break(p);
			break;
		case N_EMPH:
			f.sty ^= LO_ITALIC;
			par_add_inlines(c, p, n, &f);
			break;
		case N_STRONG:
			f.sty |= LO_BOLD;
			par_add_inlines(c, p, n, &f);
			break;
		case N_STRIKE:
			f.strike = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_UNDERLINE:
			f.underline = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_MARK:
			f.mark = 1;
			par_add_inlines(c, p, n, &f);
			break;
		case N_SMALL:
			f.size = f0->size * SMALL_SIZE;
			par_add_inlines(c, p, n, &f);
			break;
		case N_PLACEHOLDER:
			/* "<file>" as the author wrote it, in italics. */
			f.sty ^= LO_ITALIC;
			par_add_text(c, p, "<", &f);
			par_add_text(c, p, n->text, &f);
			par_add_text(c, p, ">", &f);
			break;
		case N_ANCHOR:
			add_anchor(p, n->u.anchor.id);
			break;
		case N_SUP:
		case N_SUB:
			f.size = f0->size * SCRIPT_SIZE;
			f.rise = f0->rise + (n->type == N_SUP ? SUP_RISE :
			    SUB_RISE) * f0->size;
			par_add_inlines(c, p, n, &f);
			break;
		case N_LINK:
			/* Only links a reader can follow look like links. */
			f.link = link_dest(c, n);
			if (f.link != NULL) {
				f.rgb = c->link_rgb;
				/* Its text in its Link. */
				f.tagnode = c->tagged ? n : f.tagnode;
			}
			par_add_inlines(c, p, n, &f);
			break;
		case N_FOOTREF:
			add_footref(c, p, n, &f);
			break;
		case N_IMAGE:
			/* An image drawn in the line; else its alt text in
			 * italics, and nothing for a decorative one. */
			if (par_add_image(c, p, n, &f) == 0 ||
			    lo_image_decorative(n))
				break;
			f.sty ^= LO_ITALIC;
			par_add_text(c, p, "[", &f);
			par_add_inlines(c, p, n, &f);
			par_add_text(c, p, "]", &f);
			break;
		default:
			/* What the PDF cannot show (yet): its text. */
			emit_fallback_warn(c->unshown, n, "PDF");
			if (n->first != NULL)
				par_add_inlines(c, p, n, &f);
			else if (n->text != NULL)
				par_add_text(c, p, n->text, &f);
			break;
		}
	}
}

/* End the paragraph: drop trailing space, add \parfillskip and a forced
 * break. */
void
par_finish(struct lo_par *p)
{
	hard_break(p);
}

/*
 * Content widths for table columns: *wmin is the widest word (hyphenation
 * points ignored), *smin the widest piece between any break (syllables),
 * *max the widest line when nothing but hard breaks is taken.
 */
void
par_minmax(const struct lo_par *p, double *wmin, double *smin, double *max)
{
	double run = 0, word = 0, line = 0;

	*wmin = *smin = *max = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_BOX) {
			run += it->w;
			word += it->w;
			line += it->w;
			continue;
		}
		if (it->type == IT_PEN && it->flag) {
			if (run + it->w > *smin)
				*smin = run + it->w;
			run = 0;
			continue;
		}
		if (run > *smin)
			*smin = run;
		if (word > *wmin)
			*wmin = word;
		run = word = 0;
		if (it->type == IT_GLUE && it->st < LO_INF / 2)
			line += it->w;
		if (it->type == IT_PEN && it->pen <= -PEN_INF) {
			if (line > *max)
				*max = line;
			line = 0;
		}
	}
	if (run > *smin)
		*smin = run;
	if (word > *wmin)
		*wmin = word;
	if (line > *max)
		*max = line;
}
