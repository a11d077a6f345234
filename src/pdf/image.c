/*
 * pdf/image.c - images for the PDF device.
 *
 * libharu reads PNG and JPEG itself; we only tell the two apart by their
 * signatures (an extension can lie) and remember each file, so an image
 * used twice is embedded once.  Sizes assume 96 pixels per inch, the
 * web's convention, so screenshots come out at their familiar size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "deflate.h"
#include "diag.h"
#include "image.h"

struct img {
	char		*path;
	HPDF_Image	 image;		/* NULL: failed, warned once */
	int		 queued;	/* handed to the compressors */
};

struct pdf_images {
	HPDF_Doc	 pdf;
	struct img	*v;
	size_t		 n, cap;
};

struct pdf_images *
pdf_images_new(HPDF_Doc pdf)
{
	struct pdf_images *im = xcalloc(1, sizeof(*im));

	im->pdf = pdf;
	return im;
}

void
pdf_images_free(struct pdf_images *im)
{
	if (im == NULL)
		return;
	for (size_t i = 0; i < im->n; i++)
		free(im->v[i].path);
	free(im->v);
	free(im);
}

static HPDF_Image
load(struct pdf_images *im, const char *path)
{
	unsigned char	 sig[26];
	FILE		*fp;
	size_t		 got;
	HPDF_Image	 img = NULL;

	if ((fp = fopen(path, "rb")) == NULL) {
		diag_warn(path, 0, "cannot open image; showing its alt text");
		return NULL;
	}
	got = fread(sig, 1, sizeof(sig), fp);
	fclose(fp);
	if (got >= 25 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0) {
		/* libharu 2.3.0 draws 16-bit PNGs as garbage: refuse them
		 * (IHDR's bit depth is byte 24). */
		if (sig[24] > 8) {
			diag_warn(path, 0, "16-bit PNG images are not "
			    "supported in PDF; showing its alt text "
			    "(convert it with -depth 8)");
			return NULL;
		}
		img = HPDF_LoadPngImageFromFile(im->pdf, path);
	}
	else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF)
		img = HPDF_LoadJpegImageFromFile(im->pdf, path);
	else {
		diag_warn(path, 0, "not a PNG or JPEG image; showing its "
		    "alt text");
		return NULL;
	}
	if (img == NULL) {
		diag_warn(path, 0, "libharu cannot read this image; showing "
		    "its alt text");
		HPDF_ResetError(im->pdf);
	}
	return img;
}

HPDF_Image
pdf_images_get(struct pdf_images *im, const char *path)
{
	for (size_t i = 0; i < im->n; i++)
		if (strcmp(im->v[i].path, path) == 0)
			return im->v[i].image;
	if (im->n == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 8;
		im->v = xrealloc(im->v, im->cap * sizeof(*im->v));
	}
	im->v[im->n].path = xstrdup(path);
	im->v[im->n].image = load(im, path);
	im->v[im->n].queued = 0;
	return im->v[im->n++].image;
}

int
pdf_images_size(struct pdf_images *im, const char *path, double *w,
    double *h)
{
	HPDF_Image img = pdf_images_get(im, path);

	if (img == NULL)
		return -1;
	*w = HPDF_Image_GetWidth(img) * 0.75;
	*h = HPDF_Image_GetHeight(img) * 0.75;
	return *w > 0 && *h > 0 ? 0 : -1;
}

size_t
pdf_images_count(const struct pdf_images *im)
{
	return im->n;
}

/*
 * libharu keeps a PNG's pixels raw until it saves the file, then
 * compresses them with zlib on one thread, and never compresses the
 * soft mask of a PNG's alpha channel at all: in a book with a few
 * screenshots that was most of the save and most of the file.  Each
 * image, and its mask, goes to the page compressors (deflate.c) once.
 */
void
pdf_images_compress(struct pdf_images *im, struct pdf_zpages *q)
{
	for (size_t i = 0; i < im->n; i++) {
		HPDF_Image img = im->v[i].image;

		if (img == NULL || im->v[i].queued)
			continue;
		im->v[i].queued = 1;
		pdf_zpages_add_stream(q, img, 0);
		pdf_zpages_add_stream(q, HPDF_Dict_GetItem(img, "SMask",
		    HPDF_OCLASS_DICT), 1);
	}
}
