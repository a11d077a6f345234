/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util/webpdec.c - a WebP picture decoded to RGBA (webpdec.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "util/diag.h"
#include "util/webpdec.h"

/* As many pixels as the PDF takes of any picture (jpegcheck.h). */
#define WEBP_MAX_PIXELS	(64u << 20)

/* The first frame of an animation, copied out of the decoder's canvas. */
static unsigned char *
first_frame(const unsigned char *data, size_t len, unsigned *w,
    unsigned *h)
{
	WebPData		 wd = { data, len };
	WebPAnimDecoderOptions	 opt;
	WebPAnimDecoder		*dec;
	WebPAnimInfo		 info;
	uint8_t			*px;
	unsigned char		*out = NULL;
	int			 ts;

	if (!WebPAnimDecoderOptionsInit(&opt))
		return NULL;
	opt.color_mode = MODE_RGBA;
	opt.use_threads = 0;
	if ((dec = WebPAnimDecoderNew(&wd, &opt)) == NULL)
		return NULL;
	if (WebPAnimDecoderGetInfo(dec, &info) &&
	    (uint64_t)info.canvas_width * info.canvas_height <=
	    WEBP_MAX_PIXELS && WebPAnimDecoderGetNext(dec, &px, &ts)) {
		*w = info.canvas_width;
		*h = info.canvas_height;
		out = xmalloc((size_t)*w * *h * 4);
		memcpy(out, px, (size_t)*w * *h * 4);
	}
	WebPAnimDecoderDelete(dec);
	return out;
}

unsigned char *
webp_rgba(const unsigned char *data, size_t len, unsigned *w, unsigned *h,
    const char **why)
{
	WebPBitstreamFeatures f;
	unsigned char	*out = NULL, *px;
	int		 iw, ih;

	*why = "cannot read it (damaged or unsupported)";
	if (WebPGetFeatures(data, len, &f) != VP8_STATUS_OK)
		return NULL;
	if ((uint64_t)f.width * (uint64_t)f.height > WEBP_MAX_PIXELS) {
		*why = "it is too large (over 64 million pixels)";
		return NULL;
	}
	if (f.has_animation)
		return first_frame(data, len, w, h);
	if ((px = WebPDecodeRGBA(data, len, &iw, &ih)) == NULL)
		return NULL;
	/* Ours to free with free(), not WebPFree(). */
	*w = (unsigned)iw;
	*h = (unsigned)ih;
	out = xmalloc((size_t)iw * ih * 4);
	memcpy(out, px, (size_t)iw * ih * 4);
	WebPFree(px);
	return out;
}
