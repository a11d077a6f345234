/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * segment.c - cutting text into runs for the shaper.
 *
 * Latin, Greek, Cyrillic and CJK text is set one glyph per character
 * with the font's own advances: fast, and what the PDF has always been.
 * A run in a script whose letters change with their neighbours
 * (Arabic, Devanagari, Bengali, Thai, ...) or carrying combining marks
 * is shaped by HarfBuzz instead, in the direction of its characters.
 * The character data come from the libraries: the bidi class from
 * FriBidi, the script from HarfBuzz's Unicode functions.
 *
 * Neutral characters (punctuation, symbols) join the left-to-right run
 * they are in or the one that follows them, but a right-to-left run only
 * between its letters: around it their direction is bidi's to decide
 * (a paragraph's right-to-left runs are shaped whole, neutrals and all,
 * layout.h's rtl).  Digits count as left-to-right, so that "2024"
 * inside Arabic text stays a run of its own, drawn in its order.
 */
#include <fribidi.h>
#include <hb.h>

#include "segment.h"
#include "util/utf8.h"

enum cls { C_SPACE, C_NEUTRAL, C_PLAIN, C_COMPLEX, C_MARK, C_RTL };

/* Scripts set one glyph per character. */
static int
simple_script(hb_script_t s)
{
	switch (s) {
	case HB_SCRIPT_COMMON:
	case HB_SCRIPT_UNKNOWN:
	case HB_SCRIPT_LATIN:
	case HB_SCRIPT_GREEK:
	case HB_SCRIPT_CYRILLIC:
	case HB_SCRIPT_ARMENIAN:
	case HB_SCRIPT_GEORGIAN:
	case HB_SCRIPT_HAN:
	case HB_SCRIPT_HIRAGANA:
	case HB_SCRIPT_KATAKANA:
	case HB_SCRIPT_HANGUL:
	case HB_SCRIPT_BOPOMOFO:
		return 1;
	default:
		return 0;
	}
}

static enum cls
classify(uint32_t cp)
{
	FriBidiCharType t;

	if (cp == ' ')
		return C_SPACE;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z') ? C_PLAIN : C_NEUTRAL;
	t = fribidi_get_bidi_type(cp);
	if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
		return C_RTL;
	if (t == FRIBIDI_TYPE_NSM)
		return C_MARK;
	if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_EN ||
	    t == FRIBIDI_TYPE_AN)
		return simple_script(hb_unicode_script(
		    hb_unicode_funcs_get_default(), cp)) ? C_PLAIN : C_COMPLEX;
	/* Joiners shape with their neighbours; everything else is
	 * neutral. */
	return cp == 0x200C || cp == 0x200D ? C_MARK : C_NEUTRAL;
}

size_t
lo_segment(const char *s, size_t len, enum lo_seg *kind)
{
	size_t		 i = 0, k, end = 0;	/* end: after the last strong */
	uint32_t	 cp;
	int		 strong = 0;
	enum cls	 c;

	*kind = SEG_PLAIN;
	for (; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1, cp = '?';
		c = classify(cp);
		if (c == C_SPACE) {
			if (*kind == SEG_PLAIN)
				i += k;
			break;
		}
		if (c == C_NEUTRAL)
			continue;
		if (!strong) {
			strong = 1;
			*kind = c == C_RTL ? SEG_RTL : c == C_PLAIN ?
			    SEG_PLAIN : SEG_LTR;
			/* Neutrals before a right-to-left run are not its
			 * own: in left-to-right text they stay where they
			 * are (bidi gives them their level otherwise). */
			if (*kind == SEG_RTL && i > 0) {
				*kind = SEG_PLAIN;
				return i;
			}
			end = i + k;
			continue;
		}
		/* Marks and joiners belong to the letters before them,
		 * in either direction (Arabic harakat, Hebrew points, the
		 * Persian ZWNJ). */
		if (c == C_MARK) {
			if (*kind == SEG_PLAIN)
				*kind = SEG_LTR;
			end = i + k;
			continue;
		}
		if ((c == C_RTL) != (*kind == SEG_RTL))
			break;
		if (*kind == SEG_PLAIN && c == C_COMPLEX)
			*kind = SEG_LTR;
		end = i + k;
	}
	/* Nor are the neutrals after it: only those between its letters. */
	if (*kind == SEG_RTL)
		return end;
	return i > 0 ? i : len;
}

int
lo_needs_shaping(const char *s, size_t len)
{
	size_t	 i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		if ((unsigned char)s[i] < 0x80) {
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1, cp = '?';
		switch (classify(cp)) {
		case C_RTL: case C_MARK: case C_COMPLEX:
			return 1;
		default:
			break;
		}
	}
	return 0;
}

size_t
lo_cluster(const char *s, size_t len)
{
	size_t	 i, k;
	uint32_t cp;

	if ((i = utf8_decode(s, len, &cp)) == 0)
		return 1;
	for (; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 ||
		    classify(cp) != C_MARK)
			break;
	}
	return i;
}
