/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the fence around libharu (src/pdf/haru/) - objects of our
 * own, a page's content stream written directly, streams compressed
 * elsewhere, the error handler, and the file ID haru_save adds.  Each
 * builds a small PDF with libharu, saves it with haru_save and looks at
 * the bytes.  This file sees libharu only through haru.h, as the rest
 * of src/pdf/ does.  The fonts are in test_haru_font.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

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

/* A document with nothing compressed, so that its streams can be read
 * in the saved bytes. */
static HPDF_Doc
doc(void)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);

	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	return pdf;
}

/* The saved file as a NUL-terminated string (it may hold other NULs). */
static char *
save(HPDF_Doc pdf, size_t *len)
{
	unsigned char	*b;
	char		*s;

	if (haru_save(pdf, &b, len) != 0)
		return NULL;
	s = malloc(*len + 1);
	memcpy(s, b, *len);
	s[*len] = '\0';
	free(b);
	return s;
}

static const char *
find(const char *s, size_t len, const char *what, size_t wlen)
{
	for (size_t i = 0; s != NULL && i + wlen <= len; i++)
		if (memcmp(s + i, what, wlen) == 0)
			return s + i;
	return NULL;
}

/* The object around at, from its "N 0 obj" line to its "endobj", as a
 * string of its own (the caller frees it); NULL if at is in no object. */
static char *
object_at(const char *s, size_t len, const char *at)
{
	const char *from, *to;
	char	   *o;

	if (at == NULL)
		return NULL;
	for (from = at; from > s && memcmp(from, " 0 obj\n", 7) != 0; from--)
		;
	while (from > s && from[-1] != '\n')
		from--;
	if ((to = find(at, len - (size_t)(at - s), "endobj", 6)) == NULL)
		return NULL;
	o = malloc((size_t)(to - from) + 1);
	memcpy(o, from, (size_t)(to - from));
	o[to - from] = '\0';
	return o;
}

static char *
object_with(const char *s, size_t len, const char *what)
{
	return object_at(s, len, find(s, len, what, strlen(what)));
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (; s != NULL && (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

static void
test_objects(void)
{
	HPDF_Doc	   pdf = doc();
	struct haru_dict  *cat = haru_catalog(pdf), *mark, *root;
	struct haru_array *k;
	char		  *s, *o, ref[64];
	size_t		   n;
	int		   e;

	mark = haru_dict_new(pdf, 0);
	root = haru_dict_new(pdf, 1);
	k = haru_array_new(pdf, 0);
	HPDF_AddPage(pdf);
	CHECK("haru objects made", cat != NULL && mark != NULL &&
	    root != NULL && k != NULL);
	CHECK("haru entries added",
	    haru_dict_bool(mark, "Marked", 1) == 0 &&
	    haru_dict_dict(cat, "MarkInfo", mark) == 0 &&
	    haru_dict_text(cat, "Lang", "en-GB") == 0 &&
	    haru_dict_name(root, "Type", "StructTreeRoot") == 0 &&
	    haru_dict_dict(cat, "StructTreeRoot", root) == 0 &&
	    haru_array_int(k, 7) == 0 && haru_array_real(k, 1.5) == 0 &&
	    haru_array_name(k, "Foo") == 0 && haru_array_dict(k, root) == 0 &&
	    haru_dict_array(root, "K", k) == 0 &&
	    haru_dict_string(root, "T", "a (b)\\c") == 0 &&
	    haru_dict_text(root, "Alt", "a\xF0\x9F\x98\x80") == 0 &&
	    haru_dict_int(root, "N", 1) == 0 &&
	    haru_dict_int(root, "N", -42) == 0 &&
	    haru_dict_real(root, "R", 0.25) == 0);
	e = errors;
	CHECK("haru get finds a dictionary through its reference",
	    haru_dict_get_dict(cat, "StructTreeRoot") == root &&
	    haru_dict_get_dict(cat, "MarkInfo") == mark);
	CHECK("haru get of another class is NULL, not an error",
	    haru_dict_get_array(root, "K") == k &&
	    haru_dict_get_dict(root, "K") == NULL &&
	    haru_dict_get_dict(root, "Nothing") == NULL && errors == e);
	CHECK("haru NULL refused", haru_dict_int(NULL, "N", 1) == -1 &&
	    haru_array_dict(k, NULL) == -1);
	s = save(pdf, &n);
	o = object_with(s, n, "/Type /StructTreeRoot");
	CHECK("haru indirect dictionary written as an object of its own",
	    o != NULL && atoi(o) > 0 &&
	    strstr(o, " 0 obj\n<<\n/Type /StructTreeRoot\n") != NULL);
	snprintf(ref, sizeof(ref), " %d 0 R", o != NULL ? atoi(o) : -1);
	CHECK("haru array of numbers, name and reference", o != NULL &&
	    strstr(o, "/K [ 7 1.5 /Foo") && strstr(strstr(o, "/K ["), ref) &&
	    strstr(o, " 0 R ]\n"));
	free(o);
	o = object_with(s, n, "/Type /Catalog");
	CHECK("haru catalog entry: a direct dictionary",
	    o != NULL && strstr(o, "/MarkInfo <<\n/Marked true\n>>\n"));
	CHECK("haru catalog entry: a text string in UTF-16",
	    o != NULL && strstr(o, "/Lang <FEFF0065006E002D00470042>\n"));
	CHECK("haru catalog entry: a reference",
	    o != NULL && strstr(o, "/StructTreeRoot") &&
	    strstr(strstr(o, "/StructTreeRoot"), ref));
	free(o);
	o = object_with(s, n, "/Type /StructTreeRoot");
	CHECK("haru byte string escaped (in octal, as libharu does)",
	    o != NULL && strstr(o, "/T (a \\050b\\051\\134c)\n"));
	CHECK("haru text string beyond the BMP as a surrogate pair",
	    o != NULL && strstr(o, "/Alt <FEFF0061D83DDE00>\n"));
	CHECK("haru entry replaced in place", o != NULL &&
	    count(o, "/N ") == 1 && strstr(o, "/N -42\n/R 0.25\n"));
	CHECK("haru no error", errors == 0);
	free(o);
	free(s);
	HPDF_Free(pdf);
}

static void
test_page(void)
{
	static const char mc[] = "/P <</MCID 0>> BDC\nEMC\n";
	HPDF_Doc	 pdf = doc();
	HPDF_Page	 page = HPDF_AddPage(pdf);
	HPDF_Font	 f = HPDF_GetFont(pdf, "Helvetica", NULL);
	const char	*name;
	char		*s, *o;
	size_t		 n;

	HPDF_Page_Rectangle(page, 1, 2, 3, 4);
	HPDF_Page_Fill(page);
	CHECK("haru page write", haru_page_write(page, mc, strlen(mc)) == 0);
	CHECK("haru page content stream holds what was written",
	    haru_stream_size(haru_page_contents(page)) > strlen(mc));
	name = haru_page_font_name(page, f);
	CHECK_STR("haru page font name", name, "F1");
	CHECK("haru page entry", haru_dict_int(haru_page_dict(page),
	    "StructParents", 0) == 0);
	{
		HPDF_Rect r = { 10, 10, 50, 20 };
		HPDF_Annotation an = HPDF_Page_CreateURILinkAnnot(page, r,
		    "https://example.org/");
		struct haru_dict *obj = haru_dict_new(pdf, 0);

		CHECK("haru annotation entries", an != NULL &&
		    haru_dict_int(haru_annot_dict(an), "StructParent",
		    7) == 0 && haru_dict_text(haru_annot_dict(an), "Contents",
		    "Example") == 0);
		CHECK("haru annotation and page as references", obj != NULL &&
		    haru_dict_name(obj, "Type", "OBJR") == 0 &&
		    haru_dict_dict(obj, "Obj", haru_annot_dict(an)) == 0 &&
		    haru_dict_dict(obj, "Pg", haru_page_dict(page)) == 0 &&
		    haru_dict_dict(haru_catalog(pdf), "QuireOBJR", obj) == 0);
	}
	s = save(pdf, &n);
	o = object_with(s, n, "/Subtype /Link");
	CHECK("haru annotation written with its entries", o != NULL &&
	    strstr(o, "/StructParent 7\n") && strstr(o, "/Contents <FEFF"));
	free(o);
	o = object_with(s, n, "/Type /Catalog");
	CHECK("haru OBJR refers to the annotation and the page", o != NULL &&
	    strstr(o, "/Type /OBJR") && strstr(o, "/Obj ") &&
	    strstr(o, " 0 R") && strstr(o, "/Pg "));
	free(o);
	o = object_with(s, n, "BDC");
	CHECK("haru page write after libharu's own operators", o != NULL &&
	    strstr(o, "1 2 3 4 re\nf\n/P <</MCID 0>> BDC\nEMC\n\nendstream"));
	free(o);
	o = object_with(s, n, "/Type /Page\n");
	CHECK("haru page entry and font resource", o != NULL &&
	    strstr(o, "/StructParents 0\n") && strstr(o, "/F1 "));
	free(o);
	free(s);
	HPDF_Free(pdf);
}

/* The bytes of the stream that holds z, and their count in *n. */
static const char *
stream_bytes(const char *s, size_t len, const char *z, size_t zlen,
    size_t *n)
{
	const char *at = find(s, len, z, zlen), *end;

	*n = 0;
	if (at == NULL || at < s + 9 || memcmp(at - 9, "\nstream\r\n", 9) != 0)
		return NULL;
	end = find(at, len - (size_t)(at - s), "\nendstream", 10);
	*n = end != NULL ? (size_t)(end - at) : 0;
	return at;
}

static size_t
zlib(const char *text, unsigned char *out, size_t cap)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t n = libdeflate_zlib_compress(c, text, strlen(text), out, cap);

	libdeflate_free_compressor(c);
	return n;
}

static void
test_deflated(int mode)
{
	static const char text[] = "BT /F1 12 Tf (hello hello hello) Tj ET\n";
	HPDF_Doc	  pdf = doc();
	struct haru_dict *st = haru_stream_new(pdf, 1), *plain, *empty;
	unsigned char	  z[256], back[256];
	size_t		  zlen = zlib(text, z, sizeof(z)), n, got, blen = 0;
	const char	 *at;
	char		 *s, *o;
	struct libdeflate_decompressor *dz = libdeflate_alloc_decompressor();

	HPDF_SetCompressionMode(pdf, mode);
	plain = haru_stream_new(pdf, 0);
	empty = haru_stream_new(pdf, 1);
	haru_stream_write(st, text, strlen(text));
	haru_stream_write(plain, text, strlen(text));
	CHECK("haru deflatable: a Flate stream with bytes",
	    haru_stream_deflatable(st, 0));
	CHECK("haru deflatable: not an empty one, nor an unfiltered one "
	    "unless asked", !haru_stream_deflatable(empty, 1) &&
	    !haru_stream_deflatable(plain, 0) &&
	    haru_stream_deflatable(plain, 1));
	CHECK("haru set deflated", zlen > 0 &&
	    haru_stream_set_deflated(st, z, zlen) == 0);
	CHECK("haru set deflated: not deflatable again",
	    !haru_stream_deflatable(st, 0) && !haru_stream_deflatable(st, 1));
	haru_dict_dict(haru_catalog(pdf), "Metadata", st);
	HPDF_AddPage(pdf);
	s = save(pdf, &n);
	at = stream_bytes(s, n, (const char *)z, zlen, &got);
	CHECK("haru deflated bytes saved as given", at != NULL && got == zlen);
	o = object_at(s, n, at);
	CHECK("haru deflated stream has one /Filter /FlateDecode, last",
	    o != NULL && count(o, "/Filter") == 1 &&
	    strstr(o, "/Filter [ /FlateDecode ]\n>>\nstream\r\n"));
	CHECK("haru deflated stream decompresses to its text", at != NULL &&
	    libdeflate_zlib_decompress(dz, at, got, back, sizeof(back),
	    &blen) == LIBDEFLATE_SUCCESS &&
	    blen == strlen(text) && memcmp(back, text, blen) == 0);
	libdeflate_free_decompressor(dz);
	free(o);
	free(s);
	HPDF_Free(pdf);
}

static void
test_stream_bytes(void)
{
	HPDF_Doc	  pdf = doc();
	struct haru_dict *st = haru_stream_new(pdf, 0);
	unsigned char	 *in = malloc(20000), *out = malloc(20000);

	/* More than one of libharu's 4 kB buffers, in uneven writes. */
	for (size_t i = 0; i < 20000; i++)
		in[i] = (unsigned char)(i * 7 + i / 251);
	haru_stream_write(st, in, 5000);
	haru_stream_write(st, in + 5000, 1);
	haru_stream_write(st, in + 5001, 14999);
	CHECK("haru stream size", haru_stream_size(st) == 20000);
	CHECK("haru stream copy across buffers",
	    haru_stream_copy(st, out, 20000) == 0 &&
	    memcmp(in, out, 20000) == 0);
	CHECK("haru stream copy wants the whole size",
	    haru_stream_copy(st, out, 19999) == -1);
	haru_stream_clear(st);
	CHECK("haru stream clear", haru_stream_size(st) == 0);
	free(in);
	free(out);
	HPDF_Free(pdf);
}

static void
test_image(void)
{
	static const unsigned char px[] = { 0, 255, 0, 0, 255 };
	HPDF_Doc	  pdf = doc();
	HPDF_Page	  page = HPDF_AddPage(pdf);
	HPDF_Image	  img = haru_image_new(pdf);
	struct haru_dict *d = haru_image_dict(img);
	unsigned char	  z[64];
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t		  zlen = libdeflate_zlib_compress(c, px, sizeof(px), z,
			      sizeof(z)), n;
	char		 *s, *o;

	libdeflate_free_compressor(c);
	haru_dict_name(d, "ColorSpace", "DeviceGray");
	haru_dict_int(d, "Width", 2);
	haru_dict_int(d, "Height", 2);
	haru_dict_int(d, "BitsPerComponent", 8);
	haru_stream_set_deflated(d, z, zlen);
	CHECK("haru image drawn", img != NULL &&
	    HPDF_Page_DrawImage(page, img, 0, 0, 10, 10) == HPDF_OK);
	s = save(pdf, &n);
	o = object_with(s, n, "/Subtype /Image");
	CHECK("haru image object", o != NULL &&
	    strstr(o, "/Type /XObject\n/Subtype /Image\n/ColorSpace") &&
	    count(o, "/Filter") == 1);
	CHECK("haru image no error", errors == 0);
	free(o);
	free(s);
	HPDF_Free(pdf);
}

int
main(void)
{
	CHECK_STR("haru libharu's version is the fence's", HPDF_GetVersion(),
	    "2.3.0");
	test_objects();
	test_page();
	test_deflated(HPDF_COMP_NONE);
	test_deflated(HPDF_COMP_ALL);
	test_stream_bytes();
	test_image();
	return check_failed;
}
