/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/pngload.c - a PNG file made ready for the PDF.
 *
 * libharu's own PNG reader is not fit for files from the wild: its
 * libpng error handler returns, so libpng abort()s the process on a
 * truncated file; it uses the same handler for warnings, so it refuses
 * images libpng only warns about (macOS screenshots' ICC profiles:
 * "iCCP: extra compressed data"), which failed the whole PDF; it draws
 * 16-bit images as noise; and it keeps the pixels raw until the save.
 *
 * So every PNG is decoded here with libpng, to 8-bit grey or RGB
 * (palettes and small depths expanded, 16 bits reduced to their high
 * byte, interlacing undone), and the colour and the alpha channel are
 * compressed at once as the streams of a PDF image and its soft mask.
 * Rows are "Up"-filtered first (PDF's /Predictor 15, as in PNG):
 * screenshots then compress smaller at libdeflate's fastest level than
 * raw rows at level 4, in less than half the time.  An alpha channel
 * that is opaque everywhere is dropped.  Nothing here touches libharu,
 * so image.c can run it on another thread while the layout goes on.
 * The same filtering and compression take the pixels gifload.c,
 * webpload.c and svgload.c decode (png_ready_pixels).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <png.h>

#include "util/diag.h"
#include "jpegcheck.h"	/* IMAGE_MAX_PIXELS */
#include "pngload.h"
#include "svgplugin.h"

/* libdeflate's fastest level: see above. */
#define PNG_LEVEL	1

/* libpng's errors end the decoding; its warnings are not ours to act
 * on. */
static void
png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void
png_ignore(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Out of memory is the process's (exit 3), not a damaged image's. */
static png_voidp
png_xmalloc(png_structp png, png_alloc_size_t n)
{
	(void)png;
	return xmalloc(n ? n : 1);
}

static void
png_xfree(png_structp png, png_voidp p)
{
	(void)png;
	free(p);
}

/*
 * The decoded rows, one at a time, into the two filtered streams: each
 * row a filter type byte (2, Up), then each byte less the one above it
 * (PNG's filter, undone by the reader's /Predictor 15), colour and
 * alpha apart.
 */
struct planes {
	unsigned	 n, nc;		/* channels decoded, colour ones */
	size_t		 w;
	unsigned char	*fcolor, *falpha;	/* the filtered streams */
	int		 translucent;
};

static void
split_row(struct planes *p, const unsigned char *restrict px,
    const unsigned char *restrict above, size_t y)
{
	unsigned char	*restrict c = p->fcolor + y * (p->w * p->nc + 1);
	unsigned char	*restrict a;
	size_t		 w = p->w, n = p->n, nc = p->nc;
	unsigned	 opaque = 255;

	*c++ = 2;
	if (n == nc) {
		/* No alpha: the row as it is, less the row above. */
		for (size_t i = 0; i < w * n; i++)
			c[i] = (unsigned char)(px[i] - above[i]);
		return;
	}
	a = p->falpha + y * (w + 1);
	*a++ = 2;
	if (nc == 3)		/* RGBA, most screenshots: unrolled */
		for (size_t x = 0; x < w; x++) {
			c[3 * x] = (unsigned char)(px[4 * x] - above[4 * x]);
			c[3 * x + 1] = (unsigned char)(px[4 * x + 1] -
			    above[4 * x + 1]);
			c[3 * x + 2] = (unsigned char)(px[4 * x + 2] -
			    above[4 * x + 2]);
			a[x] = (unsigned char)(px[4 * x + 3] -
			    above[4 * x + 3]);
			opaque &= px[4 * x + 3];
		}
	else			/* grey and alpha */
		for (size_t x = 0; x < w; x++) {
			c[x] = (unsigned char)(px[2 * x] - above[2 * x]);
			a[x] = (unsigned char)(px[2 * x + 1] -
			    above[2 * x + 1]);
			opaque &= px[2 * x + 1];
		}
	p->translucent |= opaque != 255;
}

static unsigned char *
compress(struct libdeflate_compressor *c, const unsigned char *in,
    size_t len, size_t *outlen)
{
	size_t		 cap = libdeflate_zlib_compress_bound(c, len);
	unsigned char	*out = xmalloc(cap);

	*outlen = libdeflate_zlib_compress(c, in, len, out, cap);
	return out;
}

/* The colour and (when some pixel is not opaque) the alpha planes as
 * image streams; -1 with nothing to free when one cannot be made. */
static int
compress_planes(const struct planes *p, size_t w, size_t h,
    struct png_ready *out)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(PNG_LEVEL);

	if (c == NULL)
		oom();
	out->color = compress(c, p->fcolor, (w * p->nc + 1) * h,
	    &out->color_len);
	if (p->falpha != NULL && p->translucent)
		out->alpha = compress(c, p->falpha, (w + 1) * h,
		    &out->alpha_len);
	libdeflate_free_compressor(c);
	if (out->color_len == 0 || (out->alpha != NULL &&
	    out->alpha_len == 0)) {
		png_ready_free(out);
		return -1;
	}
	return 0;
}

int
png_ready_pixels(const unsigned char *px, unsigned w, unsigned h, unsigned n,
    struct png_ready *out)
{
	struct planes	 p;
	unsigned char	*zero;
	int		 rc;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	out->why = "it has no pixels";
	if (w == 0 || h == 0 || n < 1 || n > 4)
		return -1;
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS) {
		out->why = "it is too large (over 64 million pixels)";
		return -1;
	}
	p.n = n;
	p.nc = n >= 3 ? 3 : 1;
	p.w = w;
	p.fcolor = xmalloc(((size_t)w * p.nc + 1) * h);
	if (p.n != p.nc)
		p.falpha = xmalloc(((size_t)w + 1) * h);
	zero = xcalloc((size_t)w, n);
	for (unsigned y = 0; y < h; y++)
		split_row(&p, px + (size_t)y * w * n, y > 0 ?
		    px + (size_t)(y - 1) * w * n : zero, y);
	rc = compress_planes(&p, w, h, out);
	free(zero);
	free(p.fcolor);
	free(p.falpha);
	if (rc != 0) {
		out->why = "cannot read it (damaged or unsupported)";
		return -1;
	}
	out->w = w;
	out->h = h;
	out->ncolor = p.nc;
	out->why = NULL;
	out->pt_per_px = 0.75;
	return 0;
}

int
png_ready_load(FILE *fp, struct png_ready *out)
{
	png_structp	 png;
	png_infop	 info = NULL;
	struct planes	 p;
	unsigned char	*volatile all = NULL;
	unsigned char	*volatile bufs[4] = { NULL };
	png_bytep	*volatile rows = NULL;
	volatile int	 rc = -1;
	png_uint_32	 w, h;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	out->why = "cannot read it (damaged or unsupported)";
	png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, NULL, png_fail,
	    png_ignore, NULL, png_xmalloc, png_xfree);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL)
		goto done;
	if (setjmp(png_jmpbuf(png)))
		goto done;
	png_set_benign_errors(png, 1);
	/* zlib's own checksum of the pixels: PNG's CRCs check them too. */
#ifdef PNG_IGNORE_ADLER32
	png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
	png_init_io(png, fp);
	png_read_info(png, info);
	png_set_expand(png);
	png_set_strip_16(png);
	if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE)
		png_set_interlace_handling(png);
	png_read_update_info(png, info);
	w = png_get_image_width(png, info);
	h = png_get_image_height(png, info);
	p.n = png_get_channels(png, info);
	p.nc = p.n >= 3 ? 3 : 1;
	p.w = w;
	if (p.n < 1 || p.n > 4 || w == 0 || h == 0 ||
	    png_get_rowbytes(png, info) != (size_t)w * p.n)
		goto done;
	/* A header can claim any size for a few bytes of data: refuse
	 * it before allocating. */
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS) {
		out->why = "it is too large (over 64 million pixels)";
		goto done;
	}
	bufs[0] = p.fcolor = xmalloc(((size_t)w * p.nc + 1) * h);
	if (p.n != p.nc)
		bufs[1] = p.falpha = xmalloc(((size_t)w + 1) * h);
	/* The row above the first is zeros. */
	bufs[2] = xcalloc((size_t)w, p.n);
	if (png_get_interlace_type(png, info) == PNG_INTERLACE_NONE) {
		/* Row by row: the whole image is never held unfiltered. */
		unsigned char *cur, *above = bufs[2];

		bufs[3] = cur = xmalloc((size_t)w * p.n);
		for (png_uint_32 y = 0; y < h; y++) {
			unsigned char *t;

			png_read_row(png, cur, NULL);
			split_row(&p, cur, above, y);
			t = cur, cur = above, above = t;
		}
	} else {
		all = xmalloc((size_t)w * h * p.n);
		rows = xmalloc(h * sizeof(*rows));
		for (png_uint_32 y = 0; y < h; y++)
			rows[y] = all + (size_t)y * w * p.n;
		png_read_image(png, rows);
		for (png_uint_32 y = 0; y < h; y++)
			split_row(&p, rows[y], y ? rows[y - 1] : bufs[2], y);
	}
	png_read_end(png, NULL);
	if (compress_planes(&p, w, h, out) != 0)
		goto done;
	out->w = w;
	out->h = h;
	out->ncolor = p.nc;
	out->why = NULL;
	out->pt_per_px = 0.75;
	rc = 0;
done:
	png_destroy_read_struct(&png, &info, NULL);
	for (int i = 0; i < 4; i++)
		free(bufs[i]);
	free(all);
	free(rows);
	return rc;
}

void
png_ready_free(struct png_ready *r)
{
	free(r->color);
	free(r->alpha);
	r->color = r->alpha = NULL;
	svgp_form_free(r->vector);
	r->vector = NULL;
}
