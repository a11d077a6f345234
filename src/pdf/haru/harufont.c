/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harufont.c - fonts of quire's own in a libharu document
 * (haru.h).
 *
 * libharu loads only TrueType outlines and writes a font whose codes
 * are characters; quire reads fonts with HarfBuzz, writes text as glyph
 * ids and makes each font's objects itself, with haruobj.c's and
 * harustream.c's functions (src/pdf/fontsave.c).  What is left here is
 * what those cannot do: hand such a font to a page as libharu's font
 * handle, and raise the file's version for what the font needs.
 */
#include "haruint.h"

HPDF_Font
haru_font_of(struct haru_dict *d)
{
	/* HPDF_Font is a dictionary to libharu; only its page resource
	 * naming (HPDF_Page_GetLocalFontName) sees fonts made this way,
	 * and it looks at nothing but the object itself. */
	return (HPDF_Font)haru_D(d);
}

int
haru_pdf_version(HPDF_Doc pdf, int minor)
{
	if (pdf == NULL || minor < 2 || minor > 7)
		return -1;
	/* HPDF_VER_12 is 0, and the rest follow in order. */
	if ((int)pdf->pdf_version < minor - 2)
		pdf->pdf_version = (HPDF_PDFVer)(minor - 2);
	return 0;
}
