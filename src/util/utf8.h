/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.h - decoding UTF-8, shared by input checking and the emitters.
 */
#ifndef QUIRE_UTF8_H
#define QUIRE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point from s[0..len).  Returns the number of bytes it
 * takes (1..4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms, surrogates and values past U+10FFFF
 * are invalid).  len must be > 0.
 */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t	utf8_encode(uint32_t cp, char *out);

#endif
