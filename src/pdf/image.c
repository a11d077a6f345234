/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/image.c - images for the PDF device.
 *
 * A JPEG goes into the PDF as it is, checked whole with libjpeg first
 * (jpegcheck.c); PNG, GIF and WebP are decoded (pngload.c, gifload.c,
 * webpload.c) and their pixels compressed as the PDF's own.  The kind is
 * told by the signature (an extension can lie), and each image is
 * remembered, so one used twice is embedded once.  An image may come
 * from a file or from a data: URI, whose bytes the model holds.  The
 * decoded kinds are made ready on a thread of their own, in document
 * order, while the layout runs, so a book's screenshots cost the layout
 * only the wait for one not yet done.  Sizes assume 96 pixels per inch, the web's convention, so
 * screenshots come out at their familiar size.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "haru/haru.h"
#include "util/confine.h"
#include "util/diag.h"
#include "util/file.h"
#include "util/runner.h"
#include "util/strmap.h"
#include "model/doc.h"
#include "image.h"
#include "gifload.h"
#include "jpegcheck.h"
#include "pngload.h"
#include "svgplugin.h"
#include "emoji.h"
#include "layout/layout.h"

/* An image asked for.  Its size is known when the layout asks; a PNG's
 * libharu object is made when it is first drawn, so that objects come
 * in the drawing's order whichever layout thread asked first. */
struct img {
	char		*path;
	int		 sized;		/* w, h, why, png or image set */
	double		 w, h;		/* points */
	const char	*why;		/* NULL, or what is wrong with it */
	const char	*note;		/* NULL, or how it is drawn less well */
	struct ahead	*png;		/* a PNG's pixels, ready */
	int		 own;		/* png is this image's (not im->a's) */
	HPDF_Image	 image;
};

/* An image a data: URI holds, by the name the model gave it; or one on
 * disk the reader judged, by its real path (opened with no link allowed
 * on the way, confine.h). */
struct inline_data {
	const char		*path;
	const unsigned char	*data;
	size_t			 len;
	const char		*real;
};

/* A PNG of the document, made ready ahead of the layout's asking. */
struct ahead {
	const char	*path;		/* the model's string */
	struct png_ready r;
	int		 rc;
	int		 claimed;	/* a thread is making it */
	int		 done;		/* r and rc are set */
};

struct pdf_images {
	HPDF_Doc	 pdf;
	struct img	**v;		/* the layout's threads may add */
	size_t		 n, cap;
	/* The document's PNGs in order, decoded and compressed on a
	 * thread of their own while the layout runs (or, with one
	 * thread, when first asked for). */
	struct ahead	*a;
	size_t		 na, hint;
	struct inline_data *data;	/* the data: URIs' images */
	size_t		 ndata;
	struct strmap	 data_of;	/* path -> index in data, + 1 */
	int		 threaded, stop;
	struct runner_task *task;
	pthread_mutex_t	 lock;
	pthread_cond_t	 ready;
};

/* Whether the model's format is one decoded here, made ready ahead. */
static int
decoded(enum image_format f)
{
	return f == IMG_PNG || f == IMG_GIF || f == IMG_WEBP || f == IMG_SVG;
}

static void
collect_data(struct pdf_images *im, const struct node *n)
{
	if ((im->ndata & (im->ndata - 1)) == 0)
		im->data = xrealloc(im->data, (im->ndata ? 2 * im->ndata : 1) *
		    sizeof(*im->data));
	im->data[im->ndata].path = n->u.link.path;
	im->data[im->ndata].data = n->u.link.data;
	im->data[im->ndata].len = n->u.link.data_len;
	im->data[im->ndata].real = n->u.link.data == NULL ?
	    n->u.link.real : NULL;
	if (strmap_get(&im->data_of, n->u.link.path) == NULL)
		strmap_put(&im->data_of, n->u.link.path,
		    (void *)(uintptr_t)(im->ndata + 1));
	im->ndata++;
}

/* The entry for path in im->data, or NULL. */
static const struct inline_data *
known(const struct pdf_images *im, const char *path)
{
	uintptr_t i = (uintptr_t)strmap_get(&im->data_of, path);

	return i > 0 ? &im->data[i - 1] : NULL;
}

static void
collect(struct pdf_images *im, const struct node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == N_IMAGE && n->u.link.kind == LINK_FILE &&
		    (n->u.link.data != NULL || (n->u.link.real != NULL &&
		    known(im, n->u.link.path) == NULL)))
			collect_data(im, n);
		if (n->type == N_IMAGE && n->u.link.kind == LINK_FILE &&
		    decoded(n->u.link.format) && n->u.link.path != NULL) {
			size_t i;

			for (i = 0; i < im->na; i++)
				if (strcmp(im->a[i].path, n->u.link.path) == 0)
					break;
			if (i == im->na) {
				if ((im->na & (im->na - 1)) == 0)
					im->a = xrealloc(im->a, (im->na ?
					    2 * im->na : 1) * sizeof(*im->a));
				memset(&im->a[im->na], 0, sizeof(*im->a));
				im->a[im->na++].path = n->u.link.path;
			}
		}
		collect(im, n->first);
	}
}

/* The bytes of the image at path: its file, or the data: URI's bytes. */
static FILE *
img_open(const struct pdf_images *im, const char *path)
{
	const struct inline_data *k;
	FILE *fp;
	int fd;

	if (path[0] == LO_EMOJI_MARK)
		return pdf_emoji_png((unsigned)strtoul(path + 1, NULL, 10));
	if ((k = known(im, path)) != NULL && k->data != NULL)
		return fmemopen((void *)k->data, k->len, "rb");
	if (k == NULL)
		return fopen(path, "rb");	/* the command line's */
	if ((fd = confine_reopen(k->real)) == -1)
		return NULL;
	if ((fp = fdopen(fd, "rb")) == NULL)
		close(fd);
	return fp;
}

/* What a file holds, by its signature (an extension can lie). */
enum sniffed { SNIFF_UNOPENED, SNIFF_PNG, SNIFF_JPEG, SNIFF_GIF, SNIFF_WEBP,
	SNIFF_SVG, SNIFF_OTHER };

static enum sniffed
sniff_fp(FILE *fp)
{
	unsigned char	 sig[12];
	size_t		 got;

	got = fread(sig, 1, sizeof(sig), fp);
	rewind(fp);
	if (got >= 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0)
		return SNIFF_PNG;
	if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF)
		return SNIFF_JPEG;
	if (got >= 6 && (memcmp(sig, "GIF87a", 6) == 0 ||
	    memcmp(sig, "GIF89a", 6) == 0))
		return SNIFF_GIF;
	if (got == 12 && memcmp(sig, "RIFF", 4) == 0 &&
	    memcmp(sig + 8, "WEBP", 4) == 0)
		return SNIFF_WEBP;
	/* Only the reader's cleaned SVGs come here (as bytes). */
	if (got >= 5 && memcmp(sig, "<?xml", 5) == 0)
		return SNIFF_SVG;
	return SNIFF_OTHER;
}

static enum sniffed
sniff(const struct pdf_images *im, const char *path)
{
	FILE		*fp;
	enum sniffed	 kind;

	if ((fp = img_open(im, path)) == NULL)
		return SNIFF_UNOPENED;
	kind = sniff_fp(fp);
	fclose(fp);
	return kind;
}

/* SVG pictures are drawn one at a time in the process: librsvg, pango
 * and GLib's type system share state between threads under locks of
 * their own, and two documents of --each drawing at once gained nothing
 * measurable but reports from ThreadSanitizer. */
static pthread_mutex_t svg_lock = PTHREAD_MUTEX_INITIALIZER;
int pdf_images_no_svg;

/* A cleaned SVG the model holds: its vectors (cairo's PDF, read by
 * svgform.cc), else its pixels. */
static int
svg_ready(const struct pdf_images *im, const char *path, struct png_ready *r)
{
	const struct inline_data *k = known(im, path);
	unsigned char	*pdf;
	size_t		 len;
	double		 w, h;
	int		 rc = 0;
	const char	*late;

	if (k == NULL || k->data == NULL || pdf_images_no_svg ||
	    !svgp_ready(&r->why))
		return -1;
	r->vector = NULL;
	pthread_mutex_lock(&svg_lock);
	if ((pdf = svgc_to_pdf(k->data, k->len, &w, &h,
	    &len, &late)) != NULL) {
		r->vector = svgp_form_read(pdf, len, w, h);
		free(pdf);
	}
	if (r->vector != NULL) {
		r->vw = w;
		r->vh = h;
		r->why = NULL;
	} else if (late != NULL) {
		/* Pixels would take as long. */
		r->why = late;
		rc = -1;
	} else
		rc = svgc_raster(k->data, k->len, r);
	pthread_mutex_unlock(&svg_lock);
	return rc;
}

/* A PNG, GIF, WebP or SVG decoded and made ready (any thread). */
static int
ready_load(const struct pdf_images *im, const char *path,
    struct png_ready *r)
{
	FILE	*fp;
	int	 rc = -1;

	memset(r, 0, sizeof(*r));
	r->why = "cannot open it";
	if ((fp = img_open(im, path)) == NULL)
		return -1;
	switch (sniff_fp(fp)) {
	case SNIFF_PNG:
		rc = png_ready_load(fp, r);
		break;
	case SNIFF_GIF:
		rc = gif_ready_load(fp, r);
		break;
	case SNIFF_WEBP:
		rc = webp_ready_load(fp, r);
		break;
	case SNIFF_SVG:
		rc = svg_ready(im, path, r);
		break;
	default:
		r->why = "not a PNG, JPEG, GIF or WebP file";
		break;
	}
	fclose(fp);
	return rc;
}

static void *
ahead_run(void *arg)
{
	struct pdf_images *im = arg;

	for (size_t i = 0; i < im->na; i++) {
		struct png_ready r;
		int		 rc, skip;

		/* One the layout took on itself is skipped. */
		pthread_mutex_lock(&im->lock);
		if (im->stop) {
			pthread_mutex_unlock(&im->lock);
			break;
		}
		skip = im->a[i].claimed;
		im->a[i].claimed = 1;
		pthread_mutex_unlock(&im->lock);
		if (skip)
			continue;
		rc = ready_load(im, im->a[i].path, &r);
		pthread_mutex_lock(&im->lock);
		im->a[i].r = r;
		im->a[i].rc = rc;
		im->a[i].done = 1;
		pthread_cond_broadcast(&im->ready);
		pthread_mutex_unlock(&im->lock);
	}
	return NULL;
}

struct pdf_images *
pdf_images_new(HPDF_Doc pdf, const struct doc *d, struct runner *run)
{
	struct pdf_images *im = xcalloc(1, sizeof(*im));

	strmap_init(&im->data_of);
	im->pdf = pdf;
	if (d != NULL) {
		collect(im, d->root);
		collect(im, d->notes);
		if (d->cover_data != NULL) {
			/* An SVG cover (coverpage.c): its cleaned bytes. */
			struct node cover;

			memset(&cover, 0, sizeof(cover));
			cover.u.link.path = d->cover_path;
			cover.u.link.data = d->cover_data;
			cover.u.link.data_len = d->cover_len;
			collect_data(im, &cover);
		} else if (d->cover_path != NULL && d->meta.cover_judged) {
			/* A front matter's cover, by the real path judged. */
			struct node cover;

			memset(&cover, 0, sizeof(cover));
			cover.u.link.path = d->cover_path;
			cover.u.link.real = d->cover_path;
			collect_data(im, &cover);
		}
	}
	pthread_mutex_init(&im->lock, NULL);
	pthread_cond_init(&im->ready, NULL);
	if (im->na > 0 && (im->task = runner_start(run, ahead_run, im)) !=
	    NULL)
		im->threaded = 1;
	return im;
}

/* The thread stops after the image it is on. */
void
pdf_images_stop(struct pdf_images *im)
{
	if (im == NULL || !im->threaded)
		return;
	pthread_mutex_lock(&im->lock);
	im->stop = 1;
	pthread_mutex_unlock(&im->lock);
	(void)runner_join(im->task);
	im->threaded = 0;
}

void
pdf_images_free(struct pdf_images *im)
{
	if (im == NULL)
		return;
	pdf_images_stop(im);
	for (size_t i = 0; i < im->n; i++) {
		if (im->v[i]->own) {
			png_ready_free(&im->v[i]->png->r);
			free(im->v[i]->png);
		}
		free(im->v[i]->path);
		free(im->v[i]);
	}
	for (size_t i = 0; i < im->na; i++)
		png_ready_free(&im->a[i].r);
	pthread_cond_destroy(&im->ready);
	pthread_mutex_destroy(&im->lock);
	free(im->a);
	free(im->data);
	strmap_free(&im->data_of);
	free(im->v);
	free(im);
}

/* The PNG at path made ready: by the thread (waiting for it), or now. */
static struct ahead *
ready(struct pdf_images *im, const char *path, struct ahead *own)
{
	struct ahead *a = NULL;

	pthread_mutex_lock(&im->lock);
	/* The layout asks in document order: look from the last one. */
	for (size_t k = 0; k < im->na && a == NULL; k++) {
		size_t i = (im->hint + k) % im->na;

		if (strcmp(im->a[i].path, path) == 0) {
			a = &im->a[i];
			im->hint = i;
		}
	}
	if (a == NULL) {
		memset(own, 0, sizeof(*own));
		a = own;
	}
	/* Wait for one another thread is making; make one none has come
	 * to yet here, rather than wait for those before it. */
	while (a != own && a->claimed && !a->done)
		pthread_cond_wait(&im->ready, &im->lock);
	if (a->done) {
		pthread_mutex_unlock(&im->lock);
		return a;
	}
	a->claimed = 1;
	pthread_mutex_unlock(&im->lock);
	a->rc = ready_load(im, path, &a->r);
	pthread_mutex_lock(&im->lock);
	a->done = 1;
	pthread_cond_broadcast(&im->ready);
	pthread_mutex_unlock(&im->lock);
	return a;
}

/* A PDF image stream holding compressed rows as pngload.c made them. */
static HPDF_Image
image_stream(struct pdf_images *im, const struct png_ready *r, int colors,
    const unsigned char *data, size_t len)
{
	HPDF_Image	   img;
	struct haru_dict  *d, *parms;
	struct haru_array *arr;
	int		   ret = 0;

	if ((img = haru_image_new(im->pdf)) == NULL ||
	    (parms = haru_dict_new(im->pdf, 0)) == NULL)
		return NULL;
	d = haru_image_dict(img);
	ret |= haru_dict_name(d, "ColorSpace", colors == 3 ?
	    "DeviceRGB" : "DeviceGray");
	ret |= haru_dict_int(d, "Width", (long)r->w);
	ret |= haru_dict_int(d, "Height", (long)r->h);
	ret |= haru_dict_int(d, "BitsPerComponent", 8);
	/* One entry per filter, as /Filter is an array (haru.h) */
	if ((arr = haru_array_new(im->pdf, 0)) == NULL)
		return NULL;
	ret |= haru_array_dict(arr, parms);
	ret |= haru_dict_array(d, "DecodeParms", arr);
	ret |= haru_dict_int(parms, "Predictor", 15);
	ret |= haru_dict_int(parms, "Colors", colors);
	ret |= haru_dict_int(parms, "BitsPerComponent", 8);
	ret |= haru_dict_int(parms, "Columns", (long)r->w);
	/* Compressed already: libharu writes the bytes as they are. */
	if (ret != 0 || haru_stream_set_deflated(d, data, len) != 0)
		return NULL;
	return img;
}

/* The image of a PNG made ready, made now (when first drawn). */
static HPDF_Image
png_image(struct pdf_images *im, struct png_ready *r)
{
	HPDF_Image img, mask;

	if (r->vector != NULL) {
		img = svgp_form_make(im->pdf, r->vector);
		png_ready_free(r);
		return img;
	}
	img = image_stream(im, r, (int)r->ncolor, r->color, r->color_len);
	if (img != NULL && r->alpha != NULL &&
	    ((mask = image_stream(im, r, 1, r->alpha, r->alpha_len)) ==
	    NULL || HPDF_Image_AddSMask(img, mask) != HPDF_OK))
		img = NULL;
	png_ready_free(r);
	return img;
}

/* A JPEG's object, from its file or its data: URI's bytes. */
static HPDF_Image
load_jpeg(const struct pdf_images *im, const char *path)
{
	const struct inline_data *k = known(im, path);
	HPDF_Image img;
	char *bytes;
	size_t len;

	if (k == NULL)
		return HPDF_LoadJpegImageFromFile(im->pdf, path);
	if (k->data != NULL)
		return HPDF_LoadJpegImageFromMem(im->pdf, k->data,
		    (HPDF_UINT)k->len);
	if (file_read_confined(k->real, (size_t)IMAGE_MAX, &bytes, &len) != 0)
		return NULL;
	img = HPDF_LoadJpegImageFromMem(im->pdf, (const HPDF_BYTE *)bytes,
	    (HPDF_UINT)len);
	free(bytes);
	return img;
}

/* What the layout needs of the image at path: its size, or why it
 * cannot be drawn.  A JPEG is made by libharu now; a PNG is decoded
 * (or taken from the thread that decoded it ahead). */
static void
measure(struct pdf_images *im, struct img *i)
{
	enum sniffed	 kind = sniff(im, i->path);
	HPDF_Error_Handler handler;
	FILE		*fp;

	if (kind == SNIFF_UNOPENED) {
		i->why = "cannot open it";
		return;
	}
	if (kind == SNIFF_PNG || kind == SNIFF_GIF || kind == SNIFF_WEBP ||
	    kind == SNIFF_SVG) {
		struct ahead *own = xcalloc(1, sizeof(*own));

		i->png = ready(im, i->path, own);
		if ((i->own = i->png == own) == 0)
			free(own);
		if (i->png->rc != 0)
			i->why = i->png->r.why;

		i->w = i->png->r.w * i->png->r.pt_per_px;
		i->h = i->png->r.h * i->png->r.pt_per_px;
		if (i->png->r.vector != NULL) {
			i->w = i->png->r.vw;
			i->h = i->png->r.vh;
		} else if (kind == SNIFF_SVG)
			i->note = "drawn as pixels at 300 dpi (its vectors "
			    "could not be brought into the PDF)";
		return;
	}
	if (kind != SNIFF_JPEG) {
		i->why = "not a PNG, JPEG, GIF or WebP file";
		return;
	}
	/* libharu takes a JPEG's size from its header and embeds the rest
	 * unread: libjpeg reads it whole first. */
	if ((fp = img_open(im, i->path)) == NULL) {
		i->why = "cannot open it";
		return;
	}
	if (jpeg_check(fp, &i->why) != 0) {
		fclose(fp);
		return;
	}
	fclose(fp);
	/* A file libharu refuses is this image's problem, not the
	 * document's: keep the handler, which fails the whole PDF, out of
	 * it (as fonts.c does for fonts). */
	handler = haru_error_handler(im->pdf, NULL);
	if ((i->image = load_jpeg(im, i->path)) == NULL) {
		i->why = "cannot read it (damaged or unsupported)";
		HPDF_ResetError(im->pdf);
	} else {
		i->w = HPDF_Image_GetWidth(i->image) * 0.75;
		i->h = HPDF_Image_GetHeight(i->image) * 0.75;
	}
	haru_error_handler(im->pdf, handler);
}

/* The image at path, measured (by this thread, or by another that asked
 * first: then once it is done). */
static struct img *
find(struct pdf_images *im, const char *path)
{
	struct img *i = NULL;

	pthread_mutex_lock(&im->lock);
	for (size_t k = 0; k < im->n && i == NULL; k++)
		if (strcmp(im->v[k]->path, path) == 0)
			i = im->v[k];
	if (i != NULL) {
		while (!i->sized)
			pthread_cond_wait(&im->ready, &im->lock);
		pthread_mutex_unlock(&im->lock);
		return i;
	}
	if (im->n == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 8;
		im->v = xrealloc(im->v, im->cap * sizeof(*im->v));
	}
	i = im->v[im->n++] = xcalloc(1, sizeof(*i));
	i->path = xstrdup(path);
	pthread_mutex_unlock(&im->lock);
	measure(im, i);
	pthread_mutex_lock(&im->lock);
	i->sized = 1;
	pthread_cond_broadcast(&im->ready);
	pthread_mutex_unlock(&im->lock);
	return i;
}

/* An image's key: a colour emoji's is its glyph ("\001GID"), whatever
 * text it stands for, so that each glyph is embedded once. */
static const char *
image_key(const char *path, char *key, size_t size)
{
	if (path[0] != LO_EMOJI_MARK)
		return path;
	snprintf(key, size, "%.*s", (int)strcspn(path, ":"), path);
	return key;
}

HPDF_Image
pdf_images_get(struct pdf_images *im, const char *path)
{
	char		 key[32];
	struct img	*i = find(im, image_key(path, key, sizeof(key)));
	HPDF_Error_Handler handler;

	if (i->image == NULL && i->why == NULL && i->png != NULL) {
		handler = haru_error_handler(im->pdf, NULL);
		if ((i->image = png_image(im, &i->png->r)) == NULL) {
			i->why = "libharu cannot take it";
			HPDF_ResetError(im->pdf);
		}
		haru_error_handler(im->pdf, handler);
	}
	return i->image;
}

int
pdf_images_size(struct pdf_images *im, const char *path, double *w,
    double *h, const char **why)
{
	struct img *i = find(im, path);

	*why = i->why;
	if (i->why != NULL)
		return -1;
	*w = i->w;
	*h = i->h;
	*why = i->note;
	if (*w > 0 && *h > 0)
		return 0;
	*why = "it has no pixels";
	return -1;
}

int
pdf_images_pure(struct pdf_images *im, const char *path)
{
	/* Anything but a JPEG: a decoded one, or a failure, makes no
	 * object. */
	return sniff(im, path) != SNIFF_JPEG;
}
