/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hash.c - the 128-bit digest (see hash.h).
 */
#include <stdio.h>

#include "util/hash.h"

void
hash128_init(struct hash128 *d)
{
	d->h[0] = HASH_FNV0;
	d->h[1] = 0x6c62272e07bb0142ULL;	/* the 128-bit FNV basis' low half */
}

void
hash128_add(struct hash128 *d, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		d->h[0] = (d->h[0] ^ s[i]) * HASH_FNVP;
		/* The second lane is folded as it goes, so the two lanes
		 * are not the same function of the input. */
		d->h[1] = (d->h[1] ^ s[i]) * HASH_FNVP;
		d->h[1] ^= d->h[1] >> 29;
	}
	d->h[0] = (d->h[0] ^ 0xff) * HASH_FNVP;
	d->h[1] = (d->h[1] ^ 0xfe) * HASH_FNVP;
}

void
hash128_uuid(const struct hash128 *d, char out[46])
{
	unsigned char b[16];
	int i;

	for (i = 0; i < 8; i++) {
		b[i] = (unsigned char)(d->h[0] >> (56 - 8 * i));
		b[i + 8] = (unsigned char)(d->h[1] >> (56 - 8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x80);	/* version 8 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* variant 10 */
	snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4],
	    b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	    b[15]);
}

void
hash128_hex(const struct hash128 *d, char out[33])
{
	snprintf(out, 33, "%016llX%016llX", (unsigned long long)d->h[0],
	    (unsigned long long)d->h[1]);
}
