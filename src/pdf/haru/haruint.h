/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/haruint.h - what the fence's own files share: libharu's
 * private headers, the check of libharu's version, and the conversions
 * between haru.h's types and libharu's.  Only the .c files of
 * src/pdf/haru/ include it, before anything else from libharu.
 */
#ifndef QUIRE_PDF_HARUINT_H
#define QUIRE_PDF_HARUINT_H

#define QUIRE_HARU_INSIDE 1

#include <hpdf.h>
#include <hpdf_version.h>

/*
 * The fence was written against the struct layouts and the private
 * functions of libharu 2.3.0 (Debian's libhpdf-dev 2.3.0+dfsg).  Before
 * allowing another version, re-read its source for each of these and
 * run tests/unit/test_haru.c:
 *  - HPDF_Dict_Rec (stream, filter, write_fn, before_write_fn, attr) and
 *    HPDF_Dict_Write: where /Filter is written, that a stream whose
 *    filter is none loses its /Filter entry, that before_write_fn runs
 *    right after the "<<" and write_fn after the entries;
 *  - HPDF_Doc_Rec (mmgr, xref, catalog, trailer, stream, error) and
 *    WriteTrailer in hpdf_xref.c: the trailer is written last, as
 *    "trailer\n<<\n" and its entries, and no /ID for an unencrypted file;
 *  - HPDF_PageAttr_Rec (contents, stream) and
 *    HPDF_Page_GetLocalFontName;
 *  - HPDF_Page_GetLocalFontName taking any indirect dictionary as a
 *    font (it only adds the object to the page's /Font resources), and
 *    HPDF_Doc_Rec's pdf_version, written in the header by the save;
 *  - HPDF_MemStream_GetBufPtr, HPDF_MemStream_FreeData.
 */
#if HPDF_VERSION_ID != 20300
#error "src/pdf/haru/ was written for libharu 2.3.0: re-check haruint.h's list, then allow this version"
#endif

#include <hpdf_consts.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "haru.h"

/* haru.h's types are libharu's objects under names of their own, so
 * that code outside the fence sees types it cannot look into. */
static inline HPDF_Dict
haru_D(struct haru_dict *d)
{
	return (HPDF_Dict)(void *)d;
}

static inline struct haru_dict *
haru_d(HPDF_Dict d)
{
	return (struct haru_dict *)(void *)d;
}

static inline HPDF_Array
haru_A(struct haru_array *a)
{
	return (HPDF_Array)(void *)a;
}

static inline struct haru_array *
haru_a(HPDF_Array a)
{
	return (struct haru_array *)(void *)a;
}

/* The status of a libharu call as the fence returns it. */
static inline int
haru_rc(HPDF_STATUS s)
{
	return s == HPDF_OK ? 0 : -1;
}

#endif
