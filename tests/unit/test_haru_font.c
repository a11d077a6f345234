/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the fence around libharu (src/pdf/haru/) - fonts of
 * quire's own: a dictionary made as a font is named in a page's
 * resources like libharu's own fonts, and the file's version is raised
 * for what its fonts need, never lowered.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/haru/haru.h"

static int errors;

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)code;
	(void)detail;
	(void)data;
	errors++;
}

/* The header of the document as saved. */
static int
header_is(HPDF_Doc pdf, const char *want)
{
	unsigned char	*b = NULL;
	size_t		 n = 0;
	int		 ok;

	ok = haru_save(pdf, &b, &n) == 0 && n > strlen(want) &&
	    memcmp(b, want, strlen(want)) == 0;
	free(b);
	return ok;
}

int
main(void)
{
	HPDF_Doc	  pdf = HPDF_New(on_error, NULL);
	HPDF_Page	  page = HPDF_AddPage(pdf);
	struct haru_dict *d = haru_dict_new(pdf, 1), *e = haru_dict_new(pdf, 1);
	const char	 *a, *b, *c;

	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	haru_dict_name(d, "Type", "Font");
	haru_dict_name(e, "Type", "Font");
	a = haru_page_font_name(page, haru_font_of(d));
	b = haru_page_font_name(page, haru_font_of(d));
	c = haru_page_font_name(page, haru_font_of(e));
	CHECK_STR("haru font of a dictionary: named on the page", a, "F1");
	CHECK("haru font of a dictionary: the same name again, another for "
	    "another", a != NULL && b != NULL && c != NULL &&
	    strcmp(a, b) == 0 && strcmp(a, c) != 0);
	CHECK("haru pdf version: 1.3 as libharu writes it", header_is(pdf,
	    "%PDF-1.3"));
	CHECK("haru pdf version raised to 1.6", haru_pdf_version(pdf, 6) == 0 &&
	    header_is(pdf, "%PDF-1.6"));
	CHECK("haru pdf version never lowered", haru_pdf_version(pdf, 3) == 0 &&
	    header_is(pdf, "%PDF-1.6"));
	CHECK("haru pdf version out of range", haru_pdf_version(pdf, 8) == -1 &&
	    haru_pdf_version(NULL, 6) == -1);
	CHECK("haru font no error", errors == 0);
	HPDF_Free(pdf);
	return check_failed;
}
