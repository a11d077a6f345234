/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/webpload.c - a WebP made ready for the PDF: decoded by
 * util/webpdec.c (a still picture, or an animation's first frame), its
 * RGBA pixels handed to pngload.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"	/* IMAGE_MAX */
#include "gifload.h"
#include "pngload.h"
#include "util/webpdec.h"

/* The whole file: libwebp decodes from memory. */
static unsigned char *
slurp(FILE *fp, size_t *len)
{
	size_t		 cap = 1 << 16, n = 0, got;
	unsigned char	*b = xmalloc(cap);

	while ((got = fread(b + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= (size_t)IMAGE_MAX) {
				free(b);
				return NULL;
			}
			b = xrealloc(b, cap *= 2);
		}
	}
	*len = n;
	return b;
}

int
webp_ready_load(FILE *fp, struct png_ready *out)
{
	unsigned char	*data, *px;
	size_t		 len;
	unsigned	 w, h;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	out->why = "cannot read it (damaged or unsupported)";
	if ((data = slurp(fp, &len)) == NULL) {
		out->why = "it is too large";
		return -1;
	}
	if ((px = webp_rgba(data, len, &w, &h, &out->why)) != NULL) {
		rc = png_ready_pixels(px, w, h, 4, out);
		free(px);
	}
	free(data);
	return rc;
}
