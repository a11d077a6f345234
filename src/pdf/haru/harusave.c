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
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "haruint.h"
#include "util/buf.h"
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
 * The file as libharu writes it, straight into one buffer: saving into
 * libharu's memory stream and then gathering its chunks held the file
 * twice.  libharu writes the trailer dictionary last, after the
 * cross-reference table, and calls its before-write hook right after
 * the "<<": there the ID's room (ID_LEN bytes) is left in the buffer,
 * outside what libharu counts (the stream's size), and at is where it
 * begins.  The trailer has no other use for attr.
 */
struct sink {
	struct buf	 b;
	size_t		 at;
	int		 seen;
};

static HPDF_STATUS
sink_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	struct sink *k = s->attr;

	buf_put(&k->b, (const char *)p, n);
	return HPDF_OK;
}

static HPDF_STATUS
mark_trailer(HPDF_Dict trailer)
{
	struct sink *k = trailer->attr;

	k->at = k->b.len;
	k->seen = 1;
	buf_grow(&k->b, ID_LEN);
	memset(k->b.data + k->b.len, ' ', ID_LEN);
	k->b.len += ID_LEN;
	return HPDF_OK;
}

/*
 * What libharu has written is in the file: a stream's bytes (the pages'
 * compressed content, the fonts) and a dictionary's entries (pages,
 * annotations, outline items, font dictionaries: some 250,000 small
 * allocations, 19 MB on the bench reference) are freed right after
 * their object is written, not at the end, so that the file and the
 * objects it was made from are not held together while it is repacked
 * (harupack.c).  A dictionary keeps its header, class and stream, which
 * is all the repacking and libharu's references to it (N 0 R) read.
 * Nothing written later reads an earlier object's entries: libharu's
 * before-write hooks read their own object (a page), or objects made
 * after it (the page tree's count reads its kids, an outline item's
 * its children).  Only a document saved once asks for it (pdf.c:
 * haru_forget_when_saved).
 */
static HPDF_STATUS
forget_written(HPDF_Dict d)
{
	if (d->stream != NULL) {
		/* Its filter parameters and /Length stay: few, and the
		 * dictionary's filterParams points into its entries. */
		if (d->stream->type == HPDF_STREAM_MEMORY)
			HPDF_MemStream_FreeData(d->stream);
		return HPDF_OK;
	}
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);

		if (e != NULL) {
			HPDF_Obj_Free(d->mmgr, e->value);
			HPDF_FreeMem(d->mmgr, e);
		}
	}
	HPDF_List_Clear(d->list);
	return HPDF_OK;
}

/* Every dictionary of the document forgets what it held once written,
 * but one with a hook of its own (a PNG read late frees itself). */
void
haru_forget_when_saved(HPDF_Doc pdf)
{
	if (pdf == NULL)
		return;
	for (HPDF_Xref xr = pdf->xref; xr != NULL; xr = xr->prev)
		for (HPDF_UINT i = 0; i < xr->entries->count; i++) {
			HPDF_XrefEntry e = HPDF_Xref_GetEntry(xr, i);
			HPDF_Obj_Header *h = e != NULL ? e->obj : NULL;
			HPDF_Dict d = (HPDF_Dict)h;

			if (h == NULL || (h->obj_class & HPDF_OCLASS_ANY) !=
			    HPDF_OCLASS_DICT || d->after_write_fn != NULL)
				continue;
			d->after_write_fn = forget_written;
		}
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

int
haru_save(HPDF_Doc pdf, unsigned char **bytes, size_t *len)
{
	HPDF_Dict		   trailer;
	HPDF_Dict_BeforeWriteFunc  hook;
	void			  *attr;
	struct sink		   k = { { NULL, 0, 0 }, 0, 0 };
	HPDF_Stream		   out, kept;
	HPDF_STATUS		   ret;
	size_t			   n, counted;

	*bytes = NULL;
	*len = 0;
	if (pdf == NULL || (trailer = pdf->trailer) == NULL)
		return -1;
	if ((out = HPDF_CallbackWriter_New(pdf->mmgr, sink_write, &k)) ==
	    NULL)
		return -1;
	buf_init(&k.b);
	hook = trailer->before_write_fn;
	attr = trailer->attr;
	trailer->before_write_fn = mark_trailer;
	trailer->attr = &k;
	/* A stream an earlier save left is kept for libharu to free. */
	kept = pdf->stream;
	pdf->stream = out;
	ret = HPDF_SaveToStream(pdf);
	pdf->stream = kept;
	counted = HPDF_Stream_Size(out);
	HPDF_Stream_Free(out);
	trailer->before_write_fn = hook;
	trailer->attr = attr;
	n = k.b.len - (k.seen ? ID_LEN : 0);
	if (ret != HPDF_OK || counted != n) {
		buf_free(&k.b);
		return -1;
	}
#ifdef __GLIBC__
	/* What the objects freed as they were written (forget_written) is
	 * scattered between other allocations: GNU malloc keeps it unless
	 * asked, and the repacking's buffers would come on top. */
	malloc_trim(0);
#endif
	if (k.seen) {
		put_id((unsigned char *)k.b.data, n, k.at);
		n += ID_LEN;
	}
	*bytes = (unsigned char *)k.b.data;
	*len = n;
	return 0;
}
