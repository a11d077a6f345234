/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * segment.h - where text must be shaped, and in which direction
 * (segment.c).  The one decision both sides use: layout measures each
 * segment this way, and the device draws each segment this way, so a
 * width measured is the width drawn.
 */
#ifndef QUIRE_LO_SEGMENT_H
#define QUIRE_LO_SEGMENT_H

#include <stddef.h>

enum lo_seg {
	SEG_PLAIN,	/* one glyph per character, the font's advances */
	SEG_LTR,	/* shaped left to right (Devanagari, Thai, marks) */
	SEG_RTL		/* shaped right to left (Arabic, Hebrew) */
};

/* The length in bytes of the leading segment of s (len > 0) and its
 * kind.  A plain segment ends after a space; a shaped one never holds
 * a space, and never mixes directions. */
size_t	lo_segment(const char *s, size_t len, enum lo_seg *kind);

/* Whether s holds anything to shape: the fast test for whole runs of
 * Latin text. */
int	lo_needs_shaping(const char *s, size_t len);

/* The length of the leading cluster of s (len > 0): a character and the
 * marks and joiners after it, which a cut must not separate. */
size_t	lo_cluster(const char *s, size_t len);

#endif
