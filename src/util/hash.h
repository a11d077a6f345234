/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hash.h - the hash quire uses: FNV-1a, 64 bits, and a 128-bit digest
 * made of two FNV-1a lanes with different offset bases.  (The PDF's
 * file ID, over megabytes, is libdeflate's CRC-32 instead: pdf/pdf.c.)
 *
 * It is not cryptographic and need not be: it only has to give the same
 * bytes the same value on every build (content-derived identifiers) and
 * spread keys over a hash table (heading ids, caches).
 */
#ifndef QUIRE_HASH_H
#define QUIRE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV0	0xcbf29ce484222325ULL	/* FNV-1a offset basis */
#define HASH_FNVP	0x100000001b3ULL	/* FNV-1a prime */

/* FNV-1a over n bytes, continued from h (start with HASH_FNV0). */
static inline uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * HASH_FNVP;
	return h;
}

/* FNV-1a of a NUL-terminated string, from the offset basis. */
static inline uint64_t
hash_str(const char *s)
{
	uint64_t h = HASH_FNV0;

	while (*s)
		h = (h ^ (unsigned char)*s++) * HASH_FNVP;
	return h;
}

/* A 128-bit digest: feed it pieces with hash128_add(). */
struct hash128 {
	uint64_t	 h[2];
};

void	hash128_init(struct hash128 *);
/* Add a piece; pieces are separated, so ("ab","c") and ("a","bc") give
 * different digests. */
void	hash128_add(struct hash128 *, const void *, size_t);
/* The digest as a version-8 (RFC 9562 "custom") UUID URN:
 * "urn:uuid:xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx" (45 bytes + NUL). */
void	hash128_uuid(const struct hash128 *, char out[46]);
/* The digest as 32 upper-case hex digits. */
void	hash128_hex(const struct hash128 *, char out[33]);

#endif
