/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wordcache.c - the items a word became, kept for its next occurrence
 * (see wordcache.h).
 *
 * An open-addressing table of records, keyed by the word's bytes and
 * the index of its format among the few a document uses (family, style,
 * size, hyphenation switch).  Everything lives in one arena, freed with
 * the cache at the end of the layout.  A record keeps what the word's
 * text and format decided (the type, width, face and extent of each
 * item); what the format only carries along (colour, rise, link, marks)
 * is taken from the format at replay, as add_box and add_hyphen do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/hash.h"
#include "inline.h"
#include "wordcache.h"

/* Words longer than this (URLs, identifiers) rarely come back. */
#define MAX_WORD	96
/* Enough for any document's text formats; later ones go unrecorded. */
#define MAX_FMTS	64
/* A bound on the memory a huge vocabulary may take (a few tens of MB). */
#define MAX_WORDS	(1u << 18)

struct wc_rec {
	double		 w;
	uint32_t	 off;		/* box: where in the word */
	uint32_t	 len;
	int		 face;
	int		 pen;		/* IT_PEN */
	unsigned char	 type;
	unsigned char	 flag;		/* IT_PEN: a hyphen is drawn */
	unsigned char	 qmark;		/* box: the "?" of a missing glyph */
};

struct wc_word {
	const char	*key;
	uint32_t	 klen;
	int		 fmt;
	uint32_t	 n;
	struct wc_rec	 r[];
};

struct wc_fmt {
	int		 fam, sty, nohyph;
	double		 size;
};

/* A table slot: the hash beside the record, so a probe past other
 * words needs no visit to their records. */
struct wc_slot {
	uint64_t	 h;
	struct wc_word	*w;
};

struct lo_wordcache {
	struct arena	*a;
	struct wc_slot	*tab;
	size_t		 mask, n;
	struct wc_fmt	 fmt[MAX_FMTS];
	int		 nfmt;
	int		 last;		/* the format found last */
};

struct lo_wordcache *
wordcache_new(void)
{
	struct lo_wordcache *wc = xcalloc(1, sizeof(*wc));

	wc->a = arena_new();
	return wc;
}

void
wordcache_free(struct lo_wordcache *wc)
{
	if (wc == NULL)
		return;
	arena_free(wc->a);
	free(wc->tab);
	free(wc);
}

static int
same_fmt(const struct wc_fmt *a, const struct lo_fmt *f)
{
	return a->fam == f->fam && a->sty == f->sty &&
	    a->nohyph == f->nohyph && a->size == f->size;
}

/* The index of f's format; a new one is added when add is set.  -1 when
 * there is none (or no room). */
static int
fmt_index(struct lo_wordcache *wc, const struct lo_fmt *f, int add)
{
	int i;

	/* Running text keeps its format for many words: try the last. */
	if (wc->last < wc->nfmt && same_fmt(&wc->fmt[wc->last], f))
		return wc->last;
	for (i = 0; i < wc->nfmt; i++)
		if (same_fmt(&wc->fmt[i], f))
			return wc->last = i;
	if (!add || wc->nfmt == MAX_FMTS)
		return -1;
	wc->fmt[i].fam = f->fam;
	wc->fmt[i].sty = f->sty;
	wc->fmt[i].nohyph = f->nohyph;
	wc->fmt[i].size = f->size;
	return wc->nfmt++;
}

/* Whether the word may be kept: not too long, and no soft hyphen (one
 * at its start draws a hyphen or not by the item before the word). */
static int
keepable(const char *s, size_t len)
{
	if (len == 0 || len > MAX_WORD)
		return 0;
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAD)
			return 0;
	return 1;
}

/* Whether a box's text lies inside the word (else it is a "?"). */
static int
inside(const struct lo_item *it, const char *s, size_t len)
{
	uintptr_t b = (uintptr_t)it->s, w = (uintptr_t)s;

	return b >= w && b + it->len <= w + len;
}

static uint64_t
word_hash(int fmt, const char *s, size_t len)
{
	return hash_bytes(HASH_FNV0 ^ (uint64_t)fmt, s, len);
}

/* The slot of the word, or of the empty place where it would go. */
static size_t
slot(const struct lo_wordcache *wc, uint64_t h, int fmt, const char *s,
    size_t len)
{
	size_t i = (size_t)h & wc->mask;
	const struct wc_slot *e;

	while ((e = &wc->tab[i])->w != NULL && !(e->h == h &&
	    e->w->fmt == fmt && e->w->klen == len &&
	    memcmp(e->w->key, s, len) == 0))
		i = (i + 1) & wc->mask;
	return i;
}

int
wordcache_replay(struct lo_wordcache *wc, struct lo_par *p,
    const struct lo_fmt *f, const char *s, size_t len)
{
	const struct wc_word *w;
	int fmt;

	if (wc == NULL || wc->n == 0 || !keepable(s, len) ||
	    (fmt = fmt_index(wc, f, 0)) < 0)
		return 0;
	w = wc->tab[slot(wc, word_hash(fmt, s, len), fmt, s, len)].w;
	if (w == NULL)
		return 0;
	for (uint32_t k = 0; k < w->n; k++) {
		const struct wc_rec *r = &w->r[k];
		struct lo_item *it = par_push(p, r->type);

		it->w = r->w;
		it->face = r->face;
		it->size = f->size;
		it->rgb = f->rgb;
		if (r->type == IT_PEN) {
			it->pen = r->pen;
			it->flag = r->flag;
			continue;
		}
		it->s = r->qmark ? "?" : s + r->off;
		it->len = r->len;
		it->rise = f->rise;
		it->strike = f->strike;
		it->underline = f->underline;
		it->mark = f->mark;
		it->link = f->link;
		it->tagnode = f->tagnode;
	}
	return 1;
}

/* Keep the table at most half full, so probes stay short. */
static void
grow(struct lo_wordcache *wc)
{
	struct wc_slot *old = wc->tab;
	size_t oldsize = old != NULL ? wc->mask + 1 : 0, i, j;
	size_t size = oldsize ? oldsize * 2 : 1024;

	wc->tab = xcalloc(size, sizeof(*wc->tab));
	wc->mask = size - 1;
	for (i = 0; i < oldsize; i++)
		if (old[i].w != NULL) {
			j = (size_t)old[i].h & wc->mask;
			while (wc->tab[j].w != NULL)
				j = (j + 1) & wc->mask;
			wc->tab[j] = old[i];
		}
	free(old);
}

void
wordcache_record(struct lo_wordcache *wc, const struct lo_par *p,
    size_t from, const struct lo_fmt *f, const char *s, size_t len)
{
	struct wc_word *w;
	uint64_t h;
	size_t i, n = p->n - from;
	int fmt;

	if (wc == NULL || wc->n >= MAX_WORDS || !keepable(s, len) ||
	    n == 0 || n > 64)
		return;
	/* Only what add_box and add_hyphen make, pointing into the word. */
	for (i = from; i < p->n; i++) {
		const struct lo_item *it = &p->it[i];

		if (it->type == IT_PEN ? !it->flag :
		    it->type != IT_BOX || it->anchor != NULL ||
		    it->ref != NULL || it->s == NULL || !(inside(it, s, len) ||
		    (it->len == 1 && it->s[0] == '?')))
			return;
	}
	if ((fmt = fmt_index(wc, f, 1)) < 0)
		return;
	if (2 * (wc->n + 1) > (wc->tab != NULL ? wc->mask + 1 : 0))
		grow(wc);
	h = word_hash(fmt, s, len);
	i = slot(wc, h, fmt, s, len);
	if (wc->tab[i].w != NULL)
		return;
	w = arena_alloc(wc->a, sizeof(*w) + n * sizeof(w->r[0]));
	w->key = arena_strndup(wc->a, s, len);
	w->klen = (uint32_t)len;
	w->fmt = fmt;
	w->n = (uint32_t)n;
	for (size_t k = 0; k < n; k++) {
		const struct lo_item *it = &p->it[from + k];
		struct wc_rec *r = &w->r[k];

		memset(r, 0, sizeof(*r));
		r->type = (unsigned char)it->type;
		r->w = it->w;
		r->face = it->face;
		r->pen = it->pen;
		r->flag = (unsigned char)it->flag;
		r->len = (uint32_t)it->len;
		if (it->type == IT_BOX) {
			r->qmark = !inside(it, s, len);
			r->off = r->qmark ? 0 : (uint32_t)(it->s - s);
		}
	}
	wc->tab[i].h = h;
	wc->tab[i].w = w;
	wc->n++;
}
