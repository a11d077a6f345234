/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wordbreak.c - line breaks inside words, by ICU's line break iterator
 * (UAX #14 with ICU's dictionaries).
 *
 * Thai, Lao, Khmer and Myanmar put no spaces between words, and Chinese
 * and Japanese none between characters; a paragraph in them is one long
 * "word" to a breaker that only looks for spaces, and would be cut at
 * arbitrary characters (splitting a word, or a character from its
 * marks).  ICU knows where lines may break there: between dictionary
 * words in Thai, between characters in Japanese but not before "。" or
 * a small kana.  Those places become zero-width break opportunities
 * (inline.c).  Every other script breaks at spaces, as before, and
 * never reaches ICU.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "util/diag.h"
#include "util/utf8.h"
#include "wordbreak.h"

struct lo_wordbreak {
	char		 locale[32];
	UBreakIterator	*bi;		/* opened on first use */
	int		 failed;
};

struct lo_wordbreak *
wordbreak_new(const char *lang)
{
	struct lo_wordbreak *wb = xcalloc(1, sizeof(*wb));
	size_t i;

	/* BCP 47 "zh-Hant" is ICU's "zh_Hant". */
	for (i = 0; lang != NULL && lang[i] && i + 1 < sizeof(wb->locale); i++)
		wb->locale[i] = lang[i] == '-' ? '_' : lang[i];
	return wb;
}

void
wordbreak_free(struct lo_wordbreak *wb)
{
	if (wb == NULL)
		return;
	if (wb->bi != NULL)
		ubrk_close(wb->bi);
	free(wb);
}

/* Scripts written without spaces between words or characters. */
static int
unspaced(uint32_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||	/* Thai, Lao */
	    (cp >= 0x1000 && cp <= 0x109F) ||		/* Myanmar */
	    (cp >= 0x1780 && cp <= 0x17FF) ||		/* Khmer */
	    (cp >= 0x2E80 && cp <= 0x2FDF) ||		/* CJK radicals */
	    (cp >= 0x3000 && cp <= 0x30FF) ||		/* punctuation, kana */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||		/* CJK extension A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||		/* CJK ideographs */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* compatibility */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||		/* full width forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF);		/* CJK extensions */
}

int
wordbreak_needed(const char *s, size_t len)
{
	size_t	 i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		if ((unsigned char)s[i] < 0xE0) {	/* below U+0800 */
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (unspaced(cp))
			return 1;
	}
	return 0;
}

size_t
wordbreak_find(struct lo_wordbreak *wb, const char *s, size_t len,
    size_t *at, size_t max)
{
	UErrorCode	 err = U_ZERO_ERROR;
	UText		*ut;
	int32_t		 b;
	size_t		 n = 0;

	if (wb->failed || len > INT32_MAX)
		return 0;
	if (wb->bi == NULL) {
		wb->bi = ubrk_open(UBRK_LINE, wb->locale, NULL, 0, &err);
		if (U_FAILURE(err)) {
			diag_warn(NULL, 0, "ICU cannot break lines (%s); Thai "
			    "and CJK text breaks at any character",
			    u_errorName(err));
			wb->failed = 1;
			wb->bi = NULL;
			return 0;
		}
	}
	/* Over the UTF-8 itself: positions come back as byte offsets. */
	ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
	ubrk_setUText(wb->bi, ut, &err);
	if (U_SUCCESS(err))
		for (b = ubrk_first(wb->bi); n < max &&
		    (b = ubrk_next(wb->bi)) != UBRK_DONE;)
			if (b > 0 && (size_t)b < len)
				at[n++] = (size_t)b;
	utext_close(ut);
	return n;
}
