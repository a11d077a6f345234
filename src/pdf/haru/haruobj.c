/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/haruobj.c - dictionaries and arrays of quire's own in a
 * libharu document (haru.h): made with libharu's object functions, so
 * libharu numbers, writes and frees them like its own.
 */
#include <stdlib.h>
#include <string.h>

#include "haruint.h"
#include "util/buf.h"
#include "util/utf8.h"

/* An object made for the document, registered in its cross-reference
 * table when it is to be indirect (libharu frees it if that fails). */
static void *
registered(HPDF_Doc pdf, void *obj, int indirect)
{
	if (obj == NULL || !indirect)
		return obj;
	return HPDF_Xref_Add(pdf->xref, obj) == HPDF_OK ? obj : NULL;
}

struct haru_dict *
haru_dict_new(HPDF_Doc pdf, int indirect)
{
	if (pdf == NULL)
		return NULL;
	return haru_d(registered(pdf, HPDF_Dict_New(pdf->mmgr), indirect));
}

struct haru_array *
haru_array_new(HPDF_Doc pdf, int indirect)
{
	if (pdf == NULL)
		return NULL;
	return haru_a(registered(pdf, HPDF_Array_New(pdf->mmgr), indirect));
}

struct haru_dict *
haru_catalog(HPDF_Doc pdf)
{
	return pdf != NULL ? haru_d(pdf->catalog) : NULL;
}

struct haru_dict *
haru_page_dict(HPDF_Page page)
{
	return haru_d(page);
}

struct haru_dict *
haru_annot_dict(HPDF_Annotation annot)
{
	return haru_d(annot);
}

int
haru_dict_name(struct haru_dict *d, const char *key, const char *name)
{
	if (d == NULL || key == NULL || name == NULL)
		return -1;
	return haru_rc(HPDF_Dict_AddName(haru_D(d), key, name));
}

int
haru_dict_int(struct haru_dict *d, const char *key, long value)
{
	if (d == NULL || key == NULL)
		return -1;
	return haru_rc(HPDF_Dict_AddNumber(haru_D(d), key, (HPDF_INT32)value));
}

int
haru_dict_real(struct haru_dict *d, const char *key, double value)
{
	if (d == NULL || key == NULL)
		return -1;
	return haru_rc(HPDF_Dict_AddReal(haru_D(d), key, (HPDF_REAL)value));
}

int
haru_dict_bool(struct haru_dict *d, const char *key, int value)
{
	if (d == NULL || key == NULL)
		return -1;
	return haru_rc(HPDF_Dict_AddBoolean(haru_D(d), key,
	    value ? HPDF_TRUE : HPDF_FALSE));
}

/* HPDF_Dict_Add frees a direct value it cannot take, and reports a NULL
 * one (an allocation that failed) as an error of its own. */
static int
add(struct haru_dict *d, const char *key, void *value)
{
	if (d == NULL || key == NULL)
		return -1;
	return haru_rc(HPDF_Dict_Add(haru_D(d), key, value));
}

int
haru_dict_string(struct haru_dict *d, const char *key, const char *s)
{
	if (d == NULL || key == NULL || s == NULL)
		return -1;
	return add(d, key, HPDF_String_New(haru_D(d)->mmgr, s, NULL));
}

int
haru_dict_bytes(struct haru_dict *d, const char *key, const void *b,
    size_t len)
{
	if (d == NULL || key == NULL || (b == NULL && len > 0) ||
	    len > HPDF_LIMIT_MAX_STRING_LEN)
		return -1;
	return add(d, key, HPDF_Binary_New(haru_D(d)->mmgr, (HPDF_BYTE *)b,
	    (HPDF_UINT)len));
}

int
haru_dict_text(struct haru_dict *d, const char *key, const char *utf8)
{
	struct buf	 b;
	size_t		 n, k;
	uint32_t	 cp;
	int		 rc;

	if (d == NULL || key == NULL || utf8 == NULL)
		return -1;
	/* UTF-16BE after a byte order mark, built as a binary string, which
	 * libharu writes in hexadecimal. */
	buf_init(&b);
	buf_put(&b, "\xFE\xFF", 2);
	for (n = strlen(utf8); n > 0; utf8 += k, n -= k) {
		unsigned char u[4];

		if ((k = utf8_decode(utf8, n, &cp)) == 0)
			k = 1, cp = 0xFFFD;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 | (v >> 10),
			    lo = 0xDC00 | (v & 0x3FF);

			u[0] = (unsigned char)(hi >> 8), u[1] = (unsigned char)hi;
			u[2] = (unsigned char)(lo >> 8), u[3] = (unsigned char)lo;
			buf_put(&b, (const char *)u, 4);
		} else {
			u[0] = (unsigned char)(cp >> 8), u[1] = (unsigned char)cp;
			buf_put(&b, (const char *)u, 2);
		}
	}
	rc = add(d, key, HPDF_Binary_New(haru_D(d)->mmgr,
	    (HPDF_BYTE *)b.data, (HPDF_UINT)b.len));
	buf_free(&b);
	return rc;
}

int
haru_dict_dict(struct haru_dict *d, const char *key, struct haru_dict *value)
{
	return value != NULL ? add(d, key, haru_D(value)) : -1;
}

int
haru_dict_array(struct haru_dict *d, const char *key,
    struct haru_array *value)
{
	return value != NULL ? add(d, key, haru_A(value)) : -1;
}

/* What a key holds, through the reference if it holds one; unlike
 * HPDF_Dict_GetItem, a value of another class is not an error. */
static void *
get(struct haru_dict *d, const char *key, HPDF_UINT16 cls)
{
	HPDF_Dict	 dict = haru_D(d);
	HPDF_UINT	 i;

	if (d == NULL || key == NULL)
		return NULL;
	for (i = 0; i < dict->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
		void		*v;

		if (e == NULL || strcmp(e->key, key) != 0)
			continue;
		v = e->value;
		if (v != NULL && ((HPDF_Obj_Header *)v)->obj_class ==
		    HPDF_OCLASS_PROXY)
			v = ((HPDF_Proxy)v)->obj;
		if (v == NULL ||
		    (((HPDF_Obj_Header *)v)->obj_class & HPDF_OCLASS_ANY) != cls)
			return NULL;
		return v;
	}
	return NULL;
}

struct haru_dict *
haru_dict_get_dict(struct haru_dict *d, const char *key)
{
	return haru_d(get(d, key, HPDF_OCLASS_DICT));
}

struct haru_array *
haru_dict_get_array(struct haru_dict *d, const char *key)
{
	return haru_a(get(d, key, HPDF_OCLASS_ARRAY));
}

int
haru_array_int(struct haru_array *a, long value)
{
	if (a == NULL)
		return -1;
	return haru_rc(HPDF_Array_AddNumber(haru_A(a), (HPDF_INT32)value));
}

int
haru_array_real(struct haru_array *a, double value)
{
	if (a == NULL)
		return -1;
	return haru_rc(HPDF_Array_AddReal(haru_A(a), (HPDF_REAL)value));
}

int
haru_array_name(struct haru_array *a, const char *name)
{
	if (a == NULL || name == NULL)
		return -1;
	return haru_rc(HPDF_Array_AddName(haru_A(a), name));
}

int
haru_array_dict(struct haru_array *a, struct haru_dict *value)
{
	if (a == NULL || value == NULL)
		return -1;
	return haru_rc(HPDF_Array_Add(haru_A(a), haru_D(value)));
}

int
haru_array_array(struct haru_array *a, struct haru_array *value)
{
	if (a == NULL || value == NULL)
		return -1;
	return haru_rc(HPDF_Array_Add(haru_A(a), haru_A(value)));
}

int
haru_array_bool(struct haru_array *a, int value)
{
	if (a == NULL)
		return -1;
	return haru_rc(HPDF_Array_Add(haru_A(a),
	    HPDF_Boolean_New(haru_A(a)->mmgr, value ? HPDF_TRUE : HPDF_FALSE)));
}

int
haru_array_bytes(struct haru_array *a, const void *b, size_t len)
{
	if (a == NULL || (b == NULL && len > 0) ||
	    len > HPDF_LIMIT_MAX_STRING_LEN)
		return -1;
	return haru_rc(HPDF_Array_Add(haru_A(a), HPDF_Binary_New(
	    haru_A(a)->mmgr, (HPDF_BYTE *)b, (HPDF_UINT)len)));
}

void
haru_array_clear(struct haru_array *a)
{
	if (a != NULL)
		HPDF_Array_Clear(haru_A(a));
}
