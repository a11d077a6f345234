/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/webpload.c - a WebP made ready for the PDF: libwebp decodes a still
 * picture, and libwebpdemux's animation decoder the first frame of an
 * animated one (composed on its canvas, as a browser first shows it).
 * The pixels, RGBA, go to pngload.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "util/diag.h"
#include "model/doc.h"	/* IMAGE_MAX */
#include "gifload.h"
#include "jpegcheck.h"	/* IMAGE_MAX_PIXELS */
#include "pngload.h"

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

/* The first frame of an animation, its canvas's size in *w, *h. */
static int
first_frame(const unsigned char *data, size_t len, struct png_ready *out)
{
	WebPData		 wd = { data, len };
	WebPAnimDecoderOptions	 opt;
	WebPAnimDecoder		*dec;
	WebPAnimInfo		 info;
	uint8_t			*px;
	int			 ts, rc = -1;

	if (!WebPAnimDecoderOptionsInit(&opt))
		return -1;
	opt.color_mode = MODE_RGBA;
	opt.use_threads = 0;
	if ((dec = WebPAnimDecoderNew(&wd, &opt)) == NULL)
		return -1;
	if (WebPAnimDecoderGetInfo(dec, &info) &&
	    (uint64_t)info.canvas_width * info.canvas_height <=
	    IMAGE_MAX_PIXELS && WebPAnimDecoderGetNext(dec, &px, &ts))
		rc = png_ready_pixels(px, info.canvas_width,
		    info.canvas_height, 4, out);
	WebPAnimDecoderDelete(dec);
	return rc;
}

int
webp_ready_load(FILE *fp, struct png_ready *out)
{
	WebPBitstreamFeatures f;
	unsigned char	*data, *px;
	size_t		 len;
	int		 w, h, rc = -1;

	memset(out, 0, sizeof(*out));
	out->why = "cannot read it (damaged or unsupported)";
	if ((data = slurp(fp, &len)) == NULL) {
		out->why = "it is too large";
		return -1;
	}
	if (WebPGetFeatures(data, len, &f) != VP8_STATUS_OK)
		goto done;
	if ((uint64_t)f.width * (uint64_t)f.height > IMAGE_MAX_PIXELS) {
		out->why = "it is too large (over 64 million pixels)";
		goto done;
	}
	if (f.has_animation)
		rc = first_frame(data, len, out);
	else if ((px = WebPDecodeRGBA(data, len, &w, &h)) != NULL) {
		rc = png_ready_pixels(px, (unsigned)w, (unsigned)h, 4, out);
		WebPFree(px);
	}
done:
	if (rc != 0 && out->why == NULL)
		out->why = "cannot read it (damaged or unsupported)";
	free(data);
	return rc;
}
