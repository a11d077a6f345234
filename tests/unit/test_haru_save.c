/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: the fence around libharu (src/pdf/haru/) - saving with a
 * file ID derived from the file's bytes, and the error handler swapped
 * around calls whose failure is only a warning.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "check.h"
#include "pdf/haru/haru.h"

#define ID_LEN	75	/* "/ID [<32 hex><32 hex>]\n" */

static int errors;

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)code;
	(void)detail;
	(void)data;
	errors++;
}

/* A one-page document whose page says what. */
static HPDF_Doc
doc(const char *what)
{
	HPDF_Doc	pdf = HPDF_New(on_error, NULL);
	HPDF_Page	page = HPDF_AddPage(pdf);

	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	haru_page_write(page, what, strlen(what));
	return pdf;
}

/* What libharu saves for the same document, through its public API. */
static unsigned char *
plain_save(HPDF_Doc pdf, size_t *len)
{
	HPDF_UINT32	 n, got = 0, k;
	unsigned char	*b;

	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return NULL;
	n = HPDF_GetStreamSize(pdf);
	b = malloc(n ? n : 1);
	HPDF_ResetStream(pdf);
	while (got < n) {
		k = n - got;
		HPDF_ReadFromStream(pdf, b + got, &k);
		if (k == 0)
			break;
		got += k;
	}
	*len = got;
	return b;
}

static const unsigned char *
find(const unsigned char *s, size_t len, const char *what)
{
	size_t wlen = strlen(what);

	for (size_t i = 0; s != NULL && i + wlen <= len; i++)
		if (memcmp(s + i, what, wlen) == 0)
			return s + i;
	return NULL;
}

/* The ID haru_save is to write for the bytes libharu saved: the CRC-32
 * of each quarter, seeded with the quarter's number. */
static void
expected_id(const unsigned char *p, size_t n, char *id)
{
	size_t	q = n / 4;
	char	hex[33];

	for (int k = 0; k < 4; k++) {
		size_t from = (size_t)k * q, len = k < 3 ? q : n - 3 * q;

		snprintf(hex + 8 * k, 9, "%08" PRIX32,
		    libdeflate_crc32((uint32_t)k, p + from, len));
	}
	snprintf(id, ID_LEN + 1, "/ID [<%s><%s>]\n", hex, hex);
}

static void
test_id(void)
{
	HPDF_Doc	 a = doc("0 0 m 1 1 l S\n"), b = doc("0 0 m 1 1 l S\n");
	HPDF_Doc	 c = doc("0 0 m 1 2 l S\n"), d = doc("0 0 m 1 1 l S\n");
	unsigned char	*pa, *pb, *pc, *pd = NULL;
	const unsigned char *t, *tc, *sx;
	size_t		 na, nb, nc, nd = 0;
	char		 id[ID_LEN + 1];

	CHECK("haru save", haru_save(a, &pa, &na) == 0 &&
	    haru_save(b, &pb, &nb) == 0 && haru_save(c, &pc, &nc) == 0);
	pd = plain_save(d, &nd);
	t = find(pa, na, "trailer\n<<\n/ID [<");
	CHECK("haru ID first in the trailer", t != NULL &&
	    find(t + 1, na - (size_t)(t + 1 - pa), "trailer") == NULL &&
	    t[11 + ID_LEN - 1] == '\n' && t[11 + ID_LEN] == '/');
	CHECK("haru ID is the same for the same content",
	    na == nb && memcmp(pa, pb, na) == 0);
	tc = find(pc, nc, "trailer\n<<\n/ID [<");
	CHECK("haru ID differs for different content", t != NULL &&
	    tc != NULL && memcmp(t + 11, tc + 11, ID_LEN) != 0);
	/* With the ID taken out, the file is libharu's own, byte for byte:
	 * nothing else moved. */
	CHECK("haru ID inserted, nothing else changed", t != NULL &&
	    pd != NULL && nd + ID_LEN == na &&
	    memcmp(pa, pd, (size_t)(t + 11 - pa)) == 0 &&
	    memcmp(t + 11 + ID_LEN, pd + (t + 11 - pa),
	    nd - (size_t)(t + 11 - pa)) == 0);
	if (pd != NULL)
		expected_id(pd, nd, id);
	CHECK("haru ID derived from the file's bytes", t != NULL &&
	    pd != NULL && memcmp(t + 11, id, ID_LEN) == 0);
	sx = find(pa, na, "startxref\n");
	CHECK("haru startxref still points at the xref table", sx != NULL &&
	    strtoul((const char *)sx + 10, NULL, 10) < na &&
	    memcmp(pa + strtoul((const char *)sx + 10, NULL, 10), "xref\n",
	    5) == 0);
	free(pb);
	CHECK("haru save NULL refused", haru_save(NULL, &pb, &nb) == -1 &&
	    pb == NULL && nb == 0);
	CHECK("haru save no error", errors == 0);
	free(pa);
	free(pc);
	free(pd);
	HPDF_Free(a);
	HPDF_Free(b);
	HPDF_Free(c);
	HPDF_Free(d);
}

static void
test_error_handler(void)
{
	HPDF_Doc	   pdf = HPDF_New(on_error, NULL);
	HPDF_Error_Handler old;
	int		   e = errors;

	old = haru_error_handler(pdf, NULL);
	CHECK("haru error handler: the old one returned", old == on_error);
	CHECK("haru error handler: silenced", HPDF_LoadTTFontFromFile(pdf,
	    "/nonexistent/font.ttf", HPDF_TRUE) == NULL && errors == e);
	HPDF_ResetError(pdf);
	CHECK("haru error handler: restored",
	    haru_error_handler(pdf, old) == NULL);
	CHECK("haru error handler: called again", HPDF_LoadTTFontFromFile(pdf,
	    "/nonexistent/font.ttf", HPDF_TRUE) == NULL && errors == e + 1);
	HPDF_Free(pdf);
}

int
main(void)
{
	test_id();
	test_error_handler();
	return check_failed;
}
