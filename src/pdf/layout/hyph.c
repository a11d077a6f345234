/*
 * hyph.c - hyphenation points from libhyphen, patterns chosen by lang.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "diag.h"
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
	char			*path;		/* its file, to give it back */
	struct hyph_slot	*cache;		/* made on first use */
};

/*
 * Loading a dictionary (parsing its patterns) takes some 12 ms, at the
 * start of every PDF.  Loaded dictionaries are kept for the next user
 * (the next document of --each), one user at a time: libhyphen is not
 * said to be safe to share.  hyph_warm() loads one ahead, on a thread
 * that runs while the document is read.
 */
#define NPOOL	8

static pthread_mutex_t	 pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pooled {
	char		*path;
	HyphenDict	*dict;
} pool[NPOOL];

static HyphenDict *
take(const char *path)
{
	HyphenDict *d = NULL;

	pthread_mutex_lock(&pool_lock);
	for (int i = 0; i < NPOOL; i++)
		if (pool[i].dict != NULL && strcmp(pool[i].path, path) == 0) {
			d = pool[i].dict;
			pool[i].dict = NULL;
			free(pool[i].path);
			pool[i].path = NULL;
			break;
		}
	pthread_mutex_unlock(&pool_lock);
	return d;
}

/* Keep d for the next user; freed when there is no room. */
static void
give(const char *path, HyphenDict *d)
{
	int i;

	pthread_mutex_lock(&pool_lock);
	for (i = 0; i < NPOOL && pool[i].dict != NULL; i++)
		;
	if (i < NPOOL) {
		pool[i].path = xstrdup(path);
		pool[i].dict = d;
		d = NULL;
	}
	pthread_mutex_unlock(&pool_lock);
	if (d != NULL)
		hnj_hyphen_free(d);
}

void
hyph_release(void)
{
	pthread_mutex_lock(&pool_lock);
	for (int i = 0; i < NPOOL; i++) {
		if (pool[i].dict != NULL)
			hnj_hyphen_free(pool[i].dict);
		free(pool[i].path);
		pool[i].dict = NULL;
		pool[i].path = NULL;
	}
	pthread_mutex_unlock(&pool_lock);
}

/* The patterns' file for a language tag: hyph_ll_CC.dic, then
 * hyph_ll.dic, then any hyph_ll_*.dic we know of; -1 when none. */
static int
find_file(const char *lang, char *path, size_t size)
{
	char		 ll[8], cc[8];
	size_t		 i, n;

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
		snprintf(path, size, HYPH_DIR "/hyph_%s_%s.dic", ll, cc);
		if (access(path, R_OK) == 0)
			return 0;
	}
	snprintf(path, size, HYPH_DIR "/hyph_%s.dic", ll);
	if (access(path, R_OK) == 0)
		return 0;
	/* English without a region: American patterns. */
	if (strcmp(ll, "en") == 0) {
		snprintf(path, size, HYPH_DIR "/hyph_en_US.dic");
		if (access(path, R_OK) == 0)
			return 0;
	}
	return -1;
}

struct lo_hyph *
hyph_open(const char *lang)
{
	char		 path[256];
	HyphenDict	*dict;
	struct lo_hyph	*h;

	if (find_file(lang, path, sizeof(path)) != 0) {
		diag_warn(NULL, 0, "no hyphenation patterns for language "
		    "\"%s\" in %s; words will not be hyphenated",
		    lang != NULL && *lang != '\0' ? lang : "en", HYPH_DIR);
		return NULL;
	}
	if ((dict = take(path)) == NULL &&
	    (dict = hnj_hyphen_load(path)) == NULL) {
		diag_warn(path, 0, "cannot load hyphenation patterns");
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->dict = dict;
	h->path = xstrdup(path);
	return h;
}

void
hyph_warm(const char *lang)
{
	char		 path[256];
	HyphenDict	*dict;

	if (find_file(lang, path, sizeof(path)) == 0 &&
	    (dict = hnj_hyphen_load(path)) != NULL)
		give(path, dict);
}

void
hyph_close(struct lo_hyph *h)
{
	if (h == NULL)
		return;
	give(h->path, h->dict);
	free(h->path);
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
	for (size_t i = 0; i < len; i++) {
		if (!isalpha((unsigned char)word[i]))
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
