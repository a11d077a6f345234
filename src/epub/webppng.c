/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/webppng.c - a WebP picture stored in the book as a PNG.  EPUB 3.2
 * lists GIF, JPEG, PNG and SVG as the pictures every reader shows;
 * anything else needs a fallback, which epubcheck demands.  The PNG is
 * its only form in the book: decoded by util/webpdec.c, written by
 * libpng's simplified interface.
 */
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "util/diag.h"
#include "util/webpdec.h"
#include "epub.h"

int
epub_webp_to_png(char **data, size_t *len, const char **why)
{
	png_image	 img;
	unsigned char	*px;
	png_alloc_size_t size = 0;
	unsigned	 w, h;
	char		*png;

	if ((px = webp_rgba((const unsigned char *)*data, *len, &w, &h,
	    why)) == NULL)
		return -1;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = PNG_FORMAT_RGBA;
	/* The first call sizes the PNG, the second writes it. */
	if (!png_image_write_to_memory(&img, NULL, &size, 0, px, 0, NULL)) {
		free(px);
		*why = "cannot store it as a PNG";
		return -1;
	}
	png = xmalloc(size);
	if (!png_image_write_to_memory(&img, png, &size, 0, px, 0, NULL)) {
		free(px);
		free(png);
		*why = "cannot store it as a PNG";
		return -1;
	}
	free(px);
	free(*data);
	*data = png;
	*len = size;
	return 0;
}
