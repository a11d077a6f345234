/*
 * pdf/pdf.c - the PDF emitter: fonts, layout, device, file.
 *
 * The layout engine (layout/) decides everything from font metrics that
 * the PDF device's fonts supply; the device (device.c) draws it.  This
 * file wires them together and makes the output reproducible: libharu
 * derives the trailer's file ID from the clock, so we replace it by a
 * hash of the file's own bytes.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <libdeflate.h>

#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "layout/layout.h"
#include "deflate.h"
#include "device.h"
#include "fonts.h"
#include "image.h"

/* The first error libharu reported, for the one message we print. */
struct haru_error {
	int		 failed;
	unsigned long	 code, detail;
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct haru_error *err = data;

	if (!err->failed) {
		err->code = code;
		err->detail = detail;
	}
	err->failed = 1;
}

/*
 * libharu writes no /ID for an unencrypted file (and would derive one
 * from the clock if it did).  Readers and PDF 2.0 want one, so add it,
 * computed from the file's own bytes: same input, same ID.  The bytes
 * are megabytes, so the digest is libdeflate's CRC-32 of each quarter
 * of the file (hardware-assisted: a millisecond where hash.h's FNV-1a,
 * a byte at a time, took a fiftieth of the PDF's time).  The trailer
 * follows the cross-reference table, so inserting into it moves no
 * object offsets (startxref points before it).
 */
static void
write_with_id(const unsigned char *p, size_t n, FILE *out)
{
	static const char key[] = "trailer\n<<\n";
	size_t	klen = sizeof(key) - 1, at = SIZE_MAX, q = n / 4;
	char	hex[33], id[96];

	for (size_t i = n > 4096 ? n - 4096 : 0; i + klen <= n; i++)
		if (memcmp(p + i, key, klen) == 0)
			at = i + klen;
	if (at == SIZE_MAX) {
		fwrite(p, 1, n, out);
		return;
	}
	for (int k = 0; k < 4; k++) {
		size_t from = k * q, len = k < 3 ? q : n - 3 * q;

		snprintf(hex + 8 * k, 9, "%08" PRIX32, (uint32_t)
		    libdeflate_crc32((uint32_t)k, p + from, len));
	}
	snprintf(id, sizeof(id), "/ID [<%s><%s>]\n", hex, hex);
	fwrite(p, 1, at, out);
	fputs(id, out);
	fwrite(p + at, 1, n - at, out);
}

/*
 * Freeing a long document's libharu objects, one small allocation at a
 * time, took a fortieth of the PDF's time.  With threads to spare it is
 * done on a thread of its own while the caller goes on (writing the
 * file into place); emit_wait() joins them all before the process ends.
 */
struct leftovers {
	HPDF_Doc	  pdf;
	struct pdf_fonts *fs;
	struct pdf_images *im;
};

static pthread_mutex_t	 reap_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t	*reapers;
static size_t		 nreapers, reapers_cap;

static void
free_all(struct leftovers *l)
{
	pdf_fonts_free(l->fs);
	pdf_images_free(l->im);
	HPDF_Free(l->pdf);
}

static void *
reap(void *arg)
{
	free_all(arg);
	free(arg);
	return NULL;
}

static void
free_later(HPDF_Doc pdf, struct pdf_fonts *fs, struct pdf_images *im)
{
	struct leftovers l = { pdf, fs, im }, *p;

	if (emit_jobs > 1) {
		p = xmalloc(sizeof(*p));
		*p = l;
		pthread_mutex_lock(&reap_lock);
		if (nreapers == reapers_cap) {
			reapers_cap = reapers_cap ? 2 * reapers_cap : 4;
			reapers = xrealloc(reapers,
			    reapers_cap * sizeof(*reapers));
		}
		if (pthread_create(&reapers[nreapers], NULL, reap, p) == 0) {
			nreapers++;
			pthread_mutex_unlock(&reap_lock);
			return;
		}
		pthread_mutex_unlock(&reap_lock);
		free(p);
	}
	free_all(&l);
}

void
emit_wait(void)
{
	pthread_mutex_lock(&reap_lock);
	for (size_t i = 0; i < nreapers; i++)
		pthread_join(reapers[i], NULL);
	free(reapers);
	reapers = NULL;
	nreapers = reapers_cap = 0;
	pthread_mutex_unlock(&reap_lock);
}

static int
image_size(void *ctx, const char *path, double *w, double *h,
    const char **why)
{
	return pdf_images_size(ctx, path, w, h, why);
}

static int
image_pure(void *ctx, const char *path)
{
	return pdf_images_pure(ctx, path);
}

int
emit_pdf(const struct doc *d, const struct style *st, FILE *out)
{
	struct haru_error err = { 0, 0, 0 };
	HPDF_Doc	  pdf;
	struct pdf_fonts *fs;
	struct pdf_images *im;
	struct lo_metrics m;
	struct lo_doc	 *ld;
	struct pdf_zpages *z;
	unsigned char	 *bytes = NULL;
	HPDF_UINT32	  size;
	int		  rc = -1;
	double		  t = diag_clock();

	if ((pdf = HPDF_New(on_error, &err)) == NULL) {
		diag_error(NULL, 0, "cannot start libharu");
		return -1;
	}
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	fs = pdf_fonts_new(pdf, st, d->meta.lang);
	im = pdf_images_new(pdf, d, emit_jobs);

	memset(&m, 0, sizeof(m));
	m.ctx = fs;
	m.advance = pdf_fonts_advance;
	m.cover = pdf_fonts_cover;
	m.shaped = pdf_fonts_shaped_width;
	m.image_ctx = im;
	m.image_size = image_size;
	m.image_pure = image_pure;
	if (emit_jobs > 1) {
		m.lock = pdf_fonts_lock;
		m.unlock = pdf_fonts_unlock;
		m.ready = pdf_fonts_ready;
		m.prepare = pdf_fonts_prepare;
	}
	if (pdf_fonts_advance(fs, LO_FACE(FAM_SERIF, 0), 'a') < 0) {
		diag_error(NULL, 0, "no usable TrueType body font; install "
		    "fonts-dejavu-core");
		goto done;
	}
	ld = layout_document(d, st, &m);
	/* Every image the layout asked for is made; the rest are not. */
	pdf_images_stop(im);
	if (ld == NULL)
		goto done;
	diag_stage(&t, "pdf:layout");
	/* The pages' and fonts' compression, most of the save, on the
	 * other threads while the device draws (the PNGs are compressed
	 * already: image.c). */
	z = pdf_zpages_start(ld->npages + 2 * LO_ALLFACES, emit_jobs);
	if (pdf_draw(pdf, fs, im, z, ld, d) != 0 || err.failed) {
		pdf_zpages_finish(z, 0);
		layout_free(ld);
		goto fail;
	}
	layout_free(ld);
	diag_stage(&t, "pdf:draw");
	if (pdf_fonts_finish(fs, z) != 0 || err.failed) {
		pdf_zpages_finish(z, 0);
		goto fail;
	}
	pdf_zpages_finish(z, 1);
	diag_stage(&t, "pdf:deflate");
	if (HPDF_SaveToStream(pdf) != HPDF_OK || err.failed)
		goto fail;
	diag_stage(&t, "pdf:save");
	size = HPDF_GetStreamSize(pdf);
	bytes = xmalloc(size ? size : 1);
	HPDF_ResetStream(pdf);
	{
		HPDF_UINT32 got = 0;

		while (got < size) {
			HPDF_UINT32 len = size - got;

			if (HPDF_ReadFromStream(pdf, bytes + got, &len) !=
			    HPDF_OK && len == 0)
				break;
			got += len;
			if (len == 0)
				break;
		}
		if (got != size)
			goto fail;
	}
	write_with_id(bytes, size, out);
	if (ferror(out)) {
		diag_error(NULL, 0, "cannot write the PDF");
		goto done;
	}
	rc = 0;
	goto done;
fail:
	diag_error(NULL, 0, "libharu failed (error 0x%04lX, detail %lu)",
	    err.code, err.detail);
done:
	free(bytes);
	free_later(pdf, fs, im);
	return rc;
}
