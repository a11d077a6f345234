/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgload.c - an SVG picture for the PDF, rendered by librsvg
 * through cairo.  The bytes are the reader's cleaned ones (no scripts,
 * no references outside the picture: read/svgclean.c), and librsvg is
 * given no base address, so it can open nothing else.
 *
 * svg_size gives the picture's size as a browser would: its width and
 * height at 96 pixels per inch, or, when it gives only a viewBox, the
 * viewBox's size in pixels.  svg_raster renders it as pixels, at 300
 * per inch: what is drawn when the picture cannot be brought into the
 * PDF as vectors (svgform.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "util/diag.h"
#include "pngload.h"
#include "svgload.h"

/* Pixels per inch of a rendered picture, and the most pixels one may
 * have (a large picture is rendered at fewer per inch). */
#define SVG_DPI		300.0
#define SVG_MAX_PIXELS	(16u << 20)

RsvgHandle *
svg_open(const unsigned char *data, size_t len, double *w, double *h)
{
	RsvgHandle	*rh;
	GError		*err = NULL;
	gboolean	 has_w, has_h, has_vb;
	RsvgLength	 lw, lh;
	RsvgRectangle	 vb;

	rh = rsvg_handle_new_from_data(data, len, &err);
	if (rh == NULL) {
		g_clear_error(&err);
		return NULL;
	}
	rsvg_handle_set_dpi(rh, 96.0);
	if (rsvg_handle_get_intrinsic_size_in_pixels(rh, w, h) &&
	    *w > 0 && *h > 0)
		goto done;
	rsvg_handle_get_intrinsic_dimensions(rh, &has_w, &lw, &has_h, &lh,
	    &has_vb, &vb);
	if (!has_vb || !(vb.width > 0) || !(vb.height > 0)) {
		g_object_unref(rh);
		return NULL;
	}
	*w = vb.width;
	*h = vb.height;
done:
	/* Pixels at 96 per inch, in points. */
	*w *= 0.75;
	*h *= 0.75;
	if (!(*w < 1e5 && *h < 1e5)) {
		g_object_unref(rh);
		return NULL;
	}
	return rh;
}

/*
 * librsvg sets text with pango, whose font map (one per thread) keeps
 * fontconfig's caches for as long as it lives; fontconfig, shut down at
 * exit (fonts.c), aborts on caches still held.  So the thread's font
 * map is let go after each picture: the next one makes it again.
 */
static void
fonts_done(void)
{
	pango_cairo_font_map_set_default(NULL);
}

/* Bytes cairo writes, gathered in memory. */
struct grow {
	unsigned char	*b;
	size_t		 len, cap;
};

static cairo_status_t
gather(void *closure, const unsigned char *data, unsigned int len)
{
	struct grow *g = closure;

	if (g->len + len > g->cap) {
		while (g->len + len > g->cap)
			g->cap = g->cap ? 2 * g->cap : 1 << 16;
		g->b = xrealloc(g->b, g->cap);
	}
	memcpy(g->b + g->len, data, len);
	g->len += len;
	return CAIRO_STATUS_SUCCESS;
}

unsigned char *
svg_to_pdf(const unsigned char *data, size_t len, double *w, double *h,
    size_t *outlen)
{
	RsvgHandle	*rh;
	cairo_surface_t	*s;
	cairo_t		*cr;
	RsvgRectangle	 vp;
	GError		*err = NULL;
	struct grow	 g = { NULL, 0, 0 };
	int		 ok;

	if ((rh = svg_open(data, len, w, h)) == NULL)
		return NULL;
	/* One page the picture's size, in points: its content stream is
	 * the picture, the fonts it uses embedded and subset by cairo. */
	s = cairo_pdf_surface_create_for_stream(gather, &g, *w, *h);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	cr = cairo_create(s);
	vp.x = vp.y = 0;
	vp.width = *w;
	vp.height = *h;
	ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
	    rsvg_handle_render_document(rh, cr, &vp, &err);
	g_clear_error(&err);
	cairo_destroy(cr);
	fonts_done();
	cairo_surface_finish(s);
	ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	g_object_unref(rh);
	if (!ok) {
		free(g.b);
		return NULL;
	}
	*outlen = g.len;
	return g.b;
}

/* Cairo's pixels (premultiplied, native-endian ARGB words) as RGBA. */
static void
to_rgba(cairo_surface_t *s, unsigned w, unsigned h, unsigned char *out)
{
	const unsigned char *base = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	for (unsigned y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(base +
		    (size_t)y * stride);

		for (unsigned x = 0; x < w; x++, out += 4) {
			uint32_t p = row[x];
			unsigned a = p >> 24;

			out[3] = (unsigned char)a;
			for (int c = 0; c < 3; c++) {
				unsigned v = (p >> (16 - 8 * c)) & 255;

				out[c] = (unsigned char)(a == 0 ? 0 :
				    (v * 255 + a / 2) / a);
			}
		}
	}
}

int
svg_raster(const unsigned char *data, size_t len, struct png_ready *out)
{
	RsvgHandle	*rh;
	cairo_surface_t	*s;
	cairo_t		*cr;
	RsvgRectangle	 vp;
	GError		*err = NULL;
	double		 w, h, k = SVG_DPI / 72.0;
	unsigned	 pw, ph;
	unsigned char	*rgba;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	out->why = "cannot read it (damaged or unsupported)";
	if ((rh = svg_open(data, len, &w, &h)) == NULL)
		return -1;
	if (w * k * h * k > SVG_MAX_PIXELS)
		k = sqrt(SVG_MAX_PIXELS / (w * h));
	pw = (unsigned)ceil(w * k);
	ph = (unsigned)ceil(h * k);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)pw, (int)ph);
	cr = cairo_create(s);
	vp.x = vp.y = 0;
	vp.width = pw;
	vp.height = ph;
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
	    rsvg_handle_render_document(rh, cr, &vp, &err)) {
		cairo_surface_flush(s);
		rgba = xmalloc((size_t)pw * ph * 4);
		to_rgba(s, pw, ph, rgba);
		rc = png_ready_pixels(rgba, pw, ph, 4, out);
		free(rgba);
		/* The picture keeps its size on the page. */
		out->pt_per_px = w / pw;
	}
	g_clear_error(&err);
	cairo_destroy(cr);
	fonts_done();
	cairo_surface_destroy(s);
	g_object_unref(rh);
	return rc;
}
