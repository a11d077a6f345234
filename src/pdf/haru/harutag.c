/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harutag.c - what a tagged PDF needs of libharu beyond its
 * object API (haru.h): the file's version, and an XMP metadata stream
 * in the catalog.
 */
#include "haruint.h"

int
haru_set_version_17(HPDF_Doc pdf)
{
	if (pdf == NULL)
		return -1;
	/* libharu raises the version for features it writes itself; 1.7
	 * is above all of them, so nothing lowers it again. */
	pdf->pdf_version = HPDF_VER_17;
	return 0;
}

int
haru_metadata(HPDF_Doc pdf, const char *xml, size_t len)
{
	/* Uncompressed, so that tools which read XMP by scanning the
	 * file's bytes find it (ISO 16684-1 packets are meant to be). */
	struct haru_dict *s = haru_stream_new(pdf, 0);

	if (s == NULL || haru_dict_name(s, "Type", "Metadata") != 0 ||
	    haru_dict_name(s, "Subtype", "XML") != 0 ||
	    haru_stream_write(s, xml, len) != 0)
		return -1;
	return haru_dict_dict(haru_catalog(pdf), "Metadata", s);
}

long
haru_obj_number(struct haru_dict *d)
{
	HPDF_Obj_Header *h = (HPDF_Obj_Header *)(void *)d;

	if (h == NULL || !(h->obj_id & HPDF_OTYPE_INDIRECT))
		return -1;
	return (long)(h->obj_id & 0x00FFFFFF);
}
