/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harusave.c - the document as a whole (haru.h): its error
 * handler, and saving it with a file ID.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "haruint.h"
#include "util/diag.h"

HPDF_Error_Handler
haru_error_handler(HPDF_Doc pdf, HPDF_Error_Handler fn)
{
	HPDF_Error_Handler old;

	if (pdf == NULL)
		return NULL;
	old = pdf->error.error_fn;
	pdf->error.error_fn = fn;
	return old;
}

/* "/ID [<32 hex digits><32 hex digits>]\n" */
#define ID_LEN	75

/*
 * Where the trailer's entries begin in the saved bytes.  libharu writes
 * the trailer dictionary last, after the cross-reference table, and
 * calls its before-write hook right after the "<<": the save stream's
 * size then is the offset.  The trailer has no other use for attr.
 */
struct at_trailer {
	HPDF_Doc	 pdf;
	size_t		 at;
	int		 seen;
};

static HPDF_STATUS
mark_trailer(HPDF_Dict trailer)
{
	struct at_trailer *m = trailer->attr;

	m->at = HPDF_Stream_Size(m->pdf->stream);
	m->seen = 1;
	return HPDF_OK;
}

/* The CRC-32 of bytes [from, from + len) of the file as libharu wrote
 * it, which sits in p with a gap of ID_LEN bytes at offset at. */
static uint32_t
crc_around(uint32_t crc, const unsigned char *p, size_t at, size_t from,
    size_t len)
{
	if (from < at) {
		size_t k = len < at - from ? len : at - from;

		crc = libdeflate_crc32(crc, p + from, k);
		from += k;
		len -= k;
	}
	return len > 0 ? libdeflate_crc32(crc, p + from + ID_LEN, len) : crc;
}

/*
 * The /ID is derived from the file's own bytes: same document, same
 * ID.  The bytes are megabytes, so the digest is libdeflate's CRC-32 of
 * each quarter of the file (hardware-assisted), each seeded with its
 * quarter's number, the four making 32 hex digits, given twice (the
 * file's original and current identity are the same).  It goes first
 * in the trailer, which follows the cross-reference table, so no
 * object's offset moves (startxref points before it).
 */
static void
put_id(unsigned char *p, size_t n, size_t at)
{
	size_t	q = n / 4;
	char	hex[33], id[ID_LEN + 1];

	for (int k = 0; k < 4; k++) {
		size_t from = (size_t)k * q, len = k < 3 ? q : n - 3 * q;

		snprintf(hex + 8 * k, 9, "%08" PRIX32,
		    crc_around((uint32_t)k, p, at, from, len));
	}
	snprintf(id, sizeof(id), "/ID [<%s><%s>]\n", hex, hex);
	memcpy(p + at, id, ID_LEN);
}

/* The saved stream's bytes, with a gap of ID_LEN at offset at when
 * at != SIZE_MAX. */
static unsigned char *
gather(HPDF_Stream s, size_t n, size_t at)
{
	unsigned char	*p = xmalloc(n + ID_LEN + 1), *chunk;
	size_t		 got = 0;
	HPDF_UINT	 i, len;

	for (i = 0; got < n; i++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL ||
		    len > n - got)
			break;
		if (at == SIZE_MAX || got + len <= at)
			memcpy(p + got, chunk, len);
		else if (got >= at)
			memcpy(p + got + ID_LEN, chunk, len);
		else {
			memcpy(p + got, chunk, at - got);
			memcpy(p + at + ID_LEN, chunk + (at - got),
			    len - (at - got));
		}
		got += len;
	}
	if (got != n) {
		free(p);
		return NULL;
	}
	return p;
}

int
haru_save(HPDF_Doc pdf, unsigned char **bytes, size_t *len)
{
	HPDF_Dict		   trailer;
	HPDF_Dict_BeforeWriteFunc  hook;
	void			  *attr;
	struct at_trailer	   m = { pdf, 0, 0 };
	HPDF_STATUS		   ret;
	size_t			   n;

	*bytes = NULL;
	*len = 0;
	if (pdf == NULL || (trailer = pdf->trailer) == NULL)
		return -1;
	hook = trailer->before_write_fn;
	attr = trailer->attr;
	trailer->before_write_fn = mark_trailer;
	trailer->attr = &m;
	ret = HPDF_SaveToStream(pdf);
	trailer->before_write_fn = hook;
	trailer->attr = attr;
	if (ret != HPDF_OK || pdf->stream == NULL)
		return -1;
	n = HPDF_Stream_Size(pdf->stream);
	if (!m.seen || m.at > n)
		m.at = SIZE_MAX;
	if ((*bytes = gather(pdf->stream, n, m.at)) == NULL)
		return -1;
	if (m.at != SIZE_MAX) {
		put_id(*bytes, n, m.at);
		n += ID_LEN;
	}
	*len = n;
	return 0;
}
