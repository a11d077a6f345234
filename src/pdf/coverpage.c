/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/coverpage.c - the cover image (cover-image) as the PDF's first
 * page: fitted into the page, centred, keeping its shape; an SVG cover
 * drawn as vectors like any SVG picture (image.c).  The layout's pages
 * follow, numbered as before: the cover is not one of them, and the
 * page labels say so.
 *
 * In the tagged PDF the cover is an artifact: the title page says what
 * it shows in words.
 */
#include <stdio.h>

#include "haru/haru.h"
#include "util/diag.h"
#include "model/doc.h"
#include "coverpage.h"
#include "image.h"

int
pdf_cover_page(HPDF_Doc pdf, struct pdf_images *im, const struct doc *d,
    double pw, double ph, int tagged)
{
	const char	*why = NULL;
	double		 w, h, k;
	HPDF_Image	 img;
	HPDF_Page	 p;

	if (d->cover_path == NULL)
		return 0;
	if (pdf_images_size(im, d->cover_path, &w, &h, &why) != 0 ||
	    (img = pdf_images_get(im, d->cover_path)) == NULL) {
		diag_warn(d->cover_path, 0, "cover image: %s; the PDF has "
		    "none", why != NULL ? why : "cannot be drawn");
		return 0;
	}
	if ((p = HPDF_AddPage(pdf)) == NULL)
		return -1;
	HPDF_Page_SetWidth(p, (HPDF_REAL)pw);
	HPDF_Page_SetHeight(p, (HPDF_REAL)ph);
	k = pw / w < ph / h ? pw / w : ph / h;
	w *= k;
	h *= k;
	if (tagged && haru_page_write(p, "/Artifact BMC\n", 14) != 0)
		return -1;
	HPDF_Page_DrawImage(p, img, (HPDF_REAL)((pw - w) / 2),
	    (HPDF_REAL)((ph - h) / 2), (HPDF_REAL)w, (HPDF_REAL)h);
	if (tagged && haru_page_write(p, "EMC\n", 4) != 0)
		return -1;
	/* A viewer shows the numbers the pages print: the cover is i,
	 * the layout's pages 1, 2, ... as their footers and the contents
	 * say. */
	if (HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1,
	    NULL) != HPDF_OK || HPDF_AddPageLabel(pdf, 1,
	    HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL) != HPDF_OK)
		return -1;
	return 0;
}
