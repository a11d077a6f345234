/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hyph.c - hyphenation points from libhyphen, patterns chosen by lang.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "util/diag.h"
#include "hyph.h"

#define HYPH_DIR	"/usr/share/hyphen"
#define MAXWORD		64
#define CACHE_SLOTS	16384	/* a power of two; about 1.3 MB */

/*
 * Words repeat: a direct-mapped cache of the last word seen in each slot
 * and its hyphenation points (bit i: a hyphen may follow letter i) saves
 * most calls into libhyphen.  A collision just replaces the slot, so the
 * memory is fixed whatever the input.
 */
struct hyph_slot {
	uint64_t	 pts;
	uint8_t		 len;		/* 0: empty */
	char		 word[MAXWORD];
};

struct lo_hyph {
	HyphenDict		*dict;
	int			 shared;	/* dict is another's */
	struct hyph_slot	*cache;		/* made on first use */
};

/* Try hyph_ll_CC.dic, then hyph_ll.dic, then any hyph_ll_*.dic we know of. */
struct lo_hyph *
hyph_open(const char *lang)
{
	char		 ll[8], cc[8], path[256];
	size_t		 i, n;
	HyphenDict	*dict;
	struct lo_hyph	*h;

	if (lang == NULL || *lang == '\0')
		lang = "en";
	for (n = 0; lang[n] && isalpha((unsigned char)lang[n]) && n < 7; n++)
		ll[n] = (char)tolower((unsigned char)lang[n]);
	ll[n] = '\0';
	cc[0] = '\0';
	if (lang[n] == '-' || lang[n] == '_') {
		for (i = 0; lang[n + 1 + i] && i < 7; i++)
			cc[i] = (char)toupper((unsigned char)lang[n + 1 + i]);
		cc[i] = '\0';
	}
	if (*cc) {
		snprintf(path, sizeof(path), HYPH_DIR "/hyph_%s_%s.dic", ll,
		    cc);
		if (access(path, R_OK) == 0)
			goto load;
	}
	snprintf(path, sizeof(path), HYPH_DIR "/hyph_%s.dic", ll);
	if (access(path, R_OK) == 0)
		goto load;
	/* English without a region: American patterns. */
	if (strcmp(ll, "en") == 0) {
		snprintf(path, sizeof(path), HYPH_DIR "/hyph_en_US.dic");
		if (access(path, R_OK) == 0)
			goto load;
	}
	diag_warn(NULL, 0, "no hyphenation patterns for language \"%s\" "
	    "in %s; words will not be hyphenated", lang, HYPH_DIR);
	return NULL;
load:
	if ((dict = hnj_hyphen_load(path)) == NULL) {
		diag_warn(path, 0, "cannot load hyphenation patterns");
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->dict = dict;
	return h;
}

struct lo_hyph *
hyph_share(const struct lo_hyph *h)
{
	struct lo_hyph *c;

	if (h == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->dict = h->dict;
	c->shared = 1;
	return c;
}

void
hyph_close(struct lo_hyph *h)
{
	if (h == NULL)
		return;
	if (!h->shared)
		hnj_hyphen_free(h->dict);
	free(h->cache);
	free(h);
}

static struct hyph_slot *
slot(struct lo_hyph *hy, const char *lower, size_t len)
{
	uint32_t h = 2166136261u;

	if (hy->cache == NULL)
		hy->cache = xcalloc(CACHE_SLOTS, sizeof(struct hyph_slot));
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)lower[i]) * 16777619u;
	return hy->cache + (h & (CACHE_SLOTS - 1));
}

static int
from_mask(uint64_t m, char *pts, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < len; i++)
		if (m >> i & 1) {
			pts[i] = 1;
			n++;
		}
	return n;
}

int
hyph_points(struct lo_hyph *hyph, const char *word, size_t len, char *pts)
{
	char	 lower[MAXWORD + 1], hy[MAXWORD + 5];
	char	**rep = NULL;
	int	*pos = NULL, *cut = NULL, npts = 0;
	uint64_t mask = 0;
	struct hyph_slot *sl;

	memset(pts, 0, len);
	if (hyph == NULL || len < 5 || len > MAXWORD)
		return 0;
	/* Letters only, and a capital only at the start: a name set in
	 * camel case (PyTorch, ArrayBuffer) or capitals (HTTPS) is no
	 * word the patterns know, and a reader must see it whole. */
	for (size_t i = 0; i < len; i++) {
		if (!isalpha((unsigned char)word[i]) ||
		    (i > 0 && isupper((unsigned char)word[i])))
			return 0;
		lower[i] = (char)tolower((unsigned char)word[i]);
	}
	lower[len] = '\0';
	sl = slot(hyph, lower, len);
	if (sl->len == len && memcmp(sl->word, lower, len) == 0)
		return from_mask(sl->pts, pts, len);
	if (hnj_hyphen_hyphenate2(hyph->dict, lower, (int)len, hy, NULL,
	    &rep, &pos, &cut) != 0)
		return 0;
	/* Leave at least 2 letters before and 3 after a hyphen. */
	for (size_t i = 1; i + 3 < len; i++) {
		if ((hy[i] & 1) && rep == NULL)
			mask |= (uint64_t)1 << i;
	}
	npts = from_mask(mask, pts, len);
	sl->len = (uint8_t)len;
	memcpy(sl->word, lower, len);
	sl->pts = mask;
	if (rep != NULL) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return npts;
}
