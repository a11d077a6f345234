/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/svgclean.h - an SVG picture made safe to publish (svgclean.c
 * says what goes).
 */
#ifndef QUIRE_READ_SVGCLEAN_H
#define QUIRE_READ_SVGCLEAN_H

#include <stddef.h>

/* Whether the first bytes may start an SVG (svg_clean decides). */
int	svg_sniff(const unsigned char *b, size_t n);
/* The picture in [in, in + len) cleaned, as UTF-8 XML in *out (malloc'd:
 * the caller frees it): 0, or -1 with *why saying why it is no SVG
 * picture that can be published. */
int	svg_clean(const unsigned char *in, size_t len, unsigned char **out,
	    size_t *outlen, const char **why);

#endif
