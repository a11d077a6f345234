/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/pdf.c - the PDF emitter: fonts, layout, device, file.
 *
 * The layout engine (layout/) decides everything from font metrics that
 * the PDF device's fonts supply; the device (device.c) draws it.  This
 * file wires them together; haru_save gives the file an ID derived from
 * its own bytes, so the output is reproducible.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "haru/haru.h"
#include "util/diag.h"
#include "model/doc.h"
#include "model/style.h"
#include "emit.h"
#include "util/runner.h"
#include "layout/layout.h"
#include "deflate.h"
#include "device.h"
#include "fonts.h"
#include "coverpage.h"
#include "emoji.h"
#include "image.h"
#include "tag.h"
#include "tagwrite.h"

/* The first error libharu reported, for the one message we print. */
struct first_error {
	int		 failed;
	unsigned long	 code, detail;
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct first_error *err = data;

	if (!err->failed) {
		err->code = code;
		err->detail = detail;
	}
	err->failed = 1;
}

/*
 * A long document's libharu objects are freed one small allocation at a
 * time.  With threads to spare that is done on one of the runner's while
 * the caller goes on (writing the file into place); runner_free waits
 * for it before the process ends.
 */
struct leftovers {
	HPDF_Doc	  pdf;
	struct pdf_fonts *fs;
	struct pdf_images *im;
};

static void
free_all(void *arg)
{
	struct leftovers *l = arg;

	pdf_fonts_free(l->fs);
	pdf_images_free(l->im);
	HPDF_Free(l->pdf);
	free(l);
}

static void
free_later(struct runner *run, HPDF_Doc pdf, struct pdf_fonts *fs,
    struct pdf_images *im)
{
	struct leftovers *l = xmalloc(sizeof(*l));

	*l = (struct leftovers){ pdf, fs, im };
	runner_detach(run, free_all, l);
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
emit_pdf(const struct doc *d, const struct style *st, struct runner *run,
    FILE *out)
{
	struct first_error err = { 0, 0, 0 };
	HPDF_Doc	  pdf;
	struct pdf_fonts *fs;
	struct pdf_images *im;
	struct lo_metrics m;
	struct lo_doc	 *ld;
	struct pdf_zpages *z;
	struct tag_tree	 *tags = NULL;
	unsigned char	 *bytes = NULL;
	size_t		  size;
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
	im = pdf_images_new(pdf, d, run);

	memset(&m, 0, sizeof(m));
	m.ctx = fs;
	m.advance = pdf_fonts_advance;
	m.cover = pdf_fonts_cover;
	m.shaped = pdf_fonts_shaped_width;
	m.image_ctx = im;
	m.image_size = image_size;
	m.image_pure = image_pure;
	m.emoji = pdf_emoji_find;
	if (runner_threads(run) > 1) {
		m.lock = pdf_fonts_lock;
		m.unlock = pdf_fonts_unlock;
		m.ready = pdf_fonts_ready;
		m.prepare = pdf_fonts_prepare;
	}
	if (pdf_fonts_advance(fs, LO_FACE(FAM_SERIF, 0), 'a') < 0) {
		diag_error(NULL, 0, "no usable TrueType body font; install "
		    "fonts-dejavu-core");
		/* The images made ahead read the document: stop them before
		 * the caller may free it. */
		pdf_images_stop(im);
		goto done;
	}
	ld = layout_document(d, st, &m, run);
	/* Every image the layout asked for is made; the rest are not. */
	pdf_images_stop(im);
	if (ld == NULL)
		goto done;
	diag_stage(&t, "pdf:layout");
	/* The pages' and fonts' compression, most of the save, on the
	 * other threads while the device draws (the PNGs are compressed
	 * already: image.c). */
	if (st->pdf.tagged)
		tags = tag_build(d, ld->npages);
	z = pdf_zpages_start(ld->npages + 2 * LO_ALLFACES, run);
	if (pdf_cover_page(pdf, im, d, ld->pw, ld->ph, tags != NULL) != 0 ||
	    pdf_draw(pdf, fs, im, z, ld, d, tags) != 0 || err.failed) {
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
	/* Saved once: libharu's objects are freed as they are written. */
	haru_forget_when_saved(pdf);
	if (haru_save_with(pdf, tags != NULL ? tag_objects : NULL, tags,
	    &bytes, &size) != 0 || err.failed)
		goto fail;
	diag_stage(&t, "pdf:save");
	if (fwrite(bytes, 1, size, out) != size || fflush(out) != 0) {
		diag_error(NULL, 0, "cannot write the PDF: %s",
		    strerror(errno));
		goto done;
	}
	rc = 0;
	goto done;
fail:
	diag_error(NULL, 0, "libharu failed (error 0x%04lX, detail %lu)",
	    err.code, err.detail);
done:
	tag_free(tags);
	free(bytes);
	free_later(run, pdf, fs, im);
	return rc;
}
