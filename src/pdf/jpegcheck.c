/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/jpegcheck.c - a JPEG decoded once with libjpeg, to find what is
 * wrong with it before it is embedded (see jpegcheck.h).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <jerror.h>

#include "util/diag.h"
#include "jpegcheck.h"

/* libjpeg reports an error by calling error_exit, which must not
 * return: it jumps back to jpeg_check.  A warning (a corrupt segment,
 * data that ends early, which libjpeg fills with grey) is counted. */
struct check_err {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 back;
	int			 warnings;
	JSAMPROW		 row;	/* freed after a jump too */
};

static void
on_error(j_common_ptr c)
{
	longjmp(((struct check_err *)c->err)->back, 1);
}

static void
on_message(j_common_ptr c, int level)
{
	if (level < 0)
		((struct check_err *)c->err)->warnings++;
}

/* What the header says, checked before any pixel is decoded; NULL when
 * it is fine. */
static const char *
header_why(const struct jpeg_decompress_struct *c)
{
	if (c->data_precision != 8)
		return "its samples are not 8 bits (a PDF shows only 8)";
	if (c->num_components != 1 && c->num_components != 3 &&
	    c->num_components != 4)
		return "it has an unusual number of colour components";
	if (c->image_width == 0 || c->image_height == 0)
		return "it has no pixels";
	if ((uint64_t)c->image_width * c->image_height > IMAGE_MAX_PIXELS)
		return "it is too large (over 64 million pixels)";
	return NULL;
}

/* What libjpeg's error means to a reader of the warning. */
static const char *
error_why(int code)
{
	switch (code) {
	case JERR_BAD_PRECISION:
		return "its samples are not 8 bits (a PDF shows only 8)";
	case JERR_COMPONENT_COUNT:
	case JERR_BAD_J_COLORSPACE:
	case JERR_CONVERSION_NOTIMPL:
		return "it has an unusual number of colour components";
	case JERR_IMAGE_TOO_BIG:
	case JERR_WIDTH_OVERFLOW:
		return "it is too large (over 64 million pixels)";
	default:
		return "it is damaged or not a JPEG libjpeg can read";
	}
}

/* Every scan decoded, a row at a time at an eighth of the size (the
 * entropy-coded data is read whole either way); NULL when whole. */
static const char *
decode_why(struct jpeg_decompress_struct *c, struct check_err *err)
{
	c->scale_num = 1;
	c->scale_denom = 8;
	c->dct_method = JDCT_IFAST;
	c->do_fancy_upsampling = FALSE;
	jpeg_start_decompress(c);
	err->row = xmalloc((size_t)c->output_width * c->output_components +
	    1);
	while (c->output_scanline < c->output_height)
		if (jpeg_read_scanlines(c, &err->row, 1) != 1)
			return "it is damaged (its data ends early)";
	jpeg_finish_decompress(c);
	return err->warnings > 0 ? "it is damaged (its data is corrupt or "
	    "ends early)" : NULL;
}

int
jpeg_check(FILE *fp, const char **why)
{
	struct jpeg_decompress_struct c;
	/* On the heap: what changes between setjmp and the jump must not
	 * live in a register. */
	struct check_err *err = xcalloc(1, sizeof(*err));
	const char *volatile w = NULL;

	c.err = jpeg_std_error(&err->pub);
	err->pub.error_exit = on_error;
	err->pub.emit_message = on_message;
	if (setjmp(err->back) != 0) {
		w = error_why(err->pub.msg_code);
		goto done;
	}
	jpeg_create_decompress(&c);
	jpeg_stdio_src(&c, fp);
	if (jpeg_read_header(&c, TRUE) != JPEG_HEADER_OK)
		w = "it has no image";
	else if ((w = header_why(&c)) == NULL)
		w = decode_why(&c, err);
done:
	jpeg_destroy_decompress(&c);
	free(err->row);
	free(err);
	*why = w;
	return w != NULL ? -1 : 0;
}
