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

/* ---- Objects written as objects streams (PDF 1.5) ---------------------- */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "util/buf.h"
#include "util/diag.h"

/* Objects per object stream: readers parse a stream's offset table
 * whole to reach one object, so several moderate ones beat one huge. */
#define OBJS_PER_STREAM	500

struct haru_objs {
	struct buf	 body;		/* the objects, one after another */
	size_t		*off;		/* where each begins in body */
	size_t		 n, cap;
	struct buf	 catalog;	/* entries added to the catalog */
};

long
haru_obj_number(struct haru_dict *d)
{
	HPDF_Obj_Header *h = (HPDF_Obj_Header *)(void *)d;

	if (h == NULL || !(h->obj_id & HPDF_OTYPE_INDIRECT))
		return -1;
	return (long)(h->obj_id & 0x00FFFFFF);
}

void
haru_objs_add(struct haru_objs *o, const char *syntax, size_t len)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 256;
		o->off = xrealloc(o->off, o->cap * sizeof(*o->off));
	}
	o->off[o->n++] = o->body.len;
	buf_put(&o->body, syntax, len);
	buf_putc(&o->body, '\n');
}

void
haru_objs_catalog(struct haru_objs *o, const char *entries)
{
	buf_puts(&o->catalog, entries);
}

/* libdeflate's level for the object streams.  On the bench corpus's
 * 4.2 MB of structure (one CPU, libdeflate 1.14): level 1 makes 990 kB
 * in 15 ms, 4 makes 948 kB in 32 ms, 5 makes 840 kB in 47 ms, 6 makes
 * 825 kB in 65 ms and 9 makes 793 kB in 470 ms.  Level 5's 150 kB (2%
 * of the file) would cost 4% more instructions for the whole PDF
 * (cachegrind), which would take tagging past its tenth of the time:
 * the tree stays cheap. */
#define OBJS_LEVEL	1

/* zlib-compressed bytes (what /FlateDecode reads) into out. */
static int
deflate_into(struct libdeflate_compressor *c, struct buf *out, const char *p,
    size_t n)
{
	size_t bound, got;

	if (c == NULL)
		return -1;
	bound = libdeflate_zlib_compress_bound(c, n);
	buf_grow(out, bound + 1);
	got = libdeflate_zlib_compress(c, p, n, out->data + out->len, bound);
	if (got == 0)
		return -1;
	out->len += got;
	out->data[out->len] = '\0';
	return 0;
}

/* "N " by hand: printf was a tenth of the tree's cost. */
static void
put_size(struct buf *b, size_t v)
{
	char s[24], *q = s + sizeof(s);

	*--q = ' ';
	do {
		*--q = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	buf_put(b, q, (size_t)(s + sizeof(s) - q));
}

/* One object stream: objects [from, to) of o, numbered first + i. */
static int
objstm(struct libdeflate_compressor *c, struct buf *u,
    const struct haru_objs *o, long first, size_t from, size_t to, long num)
{
	struct buf head, all, z;
	size_t end = to < o->n ? o->off[to] : o->body.len;
	int rc = -1;

	buf_init(&head);
	buf_init(&all);
	buf_init(&z);
	for (size_t i = from; i < to; i++) {
		put_size(&head, (size_t)first + i);
		put_size(&head, o->off[i] - o->off[from]);
	}
	buf_putc(&head, '\n');
	buf_put(&all, head.data, head.len);
	buf_put(&all, o->body.data + o->off[from], end - o->off[from]);
	if (deflate_into(c, &z, all.data, all.len) == 0) {
		buf_printf(u, "%ld 0 obj\n<</Type/ObjStm/N %zu/First %zu"
		    "/Filter/FlateDecode/Length %zu>>\nstream\n", num,
		    to - from, head.len, z.len);
		buf_put(u, z.data, z.len);
		buf_puts(u, "\nendstream\nendobj\n");
		rc = 0;
	}
	buf_free(&head);
	buf_free(&all);
	buf_free(&z);
	return rc;
}

/* The catalog again, libharu's entries and the caller's, as a new
 * version of the same object. */
static int
catalog_again(HPDF_Doc pdf, struct buf *u, const struct haru_objs *o,
    long num)
{
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, 4096);
	HPDF_UINT   i, len;
	unsigned char *chunk;
	struct buf  c;
	int	    rc = -1;

	if (s == NULL)
		return -1;
	buf_init(&c);
	if (HPDF_Dict_Write(pdf->catalog, s, NULL) == HPDF_OK) {
		for (i = 0; (chunk = HPDF_MemStream_GetBufPtr(s, i, &len)) !=
		    NULL && c.len < HPDF_Stream_Size(s); i++)
			buf_put(&c, (const char *)chunk, len);
		/* libharu ends a dictionary with ">>": the caller's entries
		 * go before it. */
		while (c.len > 0 && (c.data[c.len - 1] == '\n' ||
		    c.data[c.len - 1] == ' '))
			c.len--;
		if (c.len >= 2 && memcmp(c.data + c.len - 2, ">>", 2) == 0) {
			buf_printf(u, "%ld 0 obj\n", num);
			buf_put(u, c.data, c.len - 2);
			buf_put(u, o->catalog.data, o->catalog.len);
			buf_puts(u, "\n>>\nendobj\n");
			rc = 0;
		}
	}
	buf_free(&c);
	HPDF_Stream_Free(s);
	return rc;
}

/* A cross-reference stream entry: type, field 2 (4 bytes), field 3
 * (2 bytes). */
#define XREF_ROW	7

static void
xref_entry(struct buf *x, int type, size_t f2, unsigned f3)
{
	buf_putc(x, type);
	for (int k = 3; k >= 0; k--)
		buf_putc(x, (int)((f2 >> (8 * k)) & 255));
	buf_putc(x, (int)((f3 >> 8) & 255));
	buf_putc(x, (int)(f3 & 255));
}

/*
 * The entries as rows of the PNG "Up" predictor (/Predictor 12): a tag
 * byte, then each byte less the one above it.  Successive entries
 * differ in a byte or two, so the rows are nearly all zeros, which
 * Flate packs to almost nothing.
 */
static void
xref_predict(struct buf *out, const struct buf *x)
{
	const unsigned char *p = (const unsigned char *)x->data;

	for (size_t r = 0; r + XREF_ROW <= x->len; r += XREF_ROW) {
		buf_putc(out, 2);
		for (size_t k = 0; k < XREF_ROW; k++)
			buf_putc(out, (unsigned char)(p[r + k] -
			    (r >= XREF_ROW ? p[r + k - XREF_ROW] : 0)));
	}
}

/* The trailer's /ID as libharu's save wrote it (harusave.c), to repeat
 * in the update's. */
static const char *
saved_id(const unsigned char *p, size_t n, size_t *idlen)
{
	size_t from = n > 4096 ? n - 4096 : 0;
	const char *id = NULL, *end;

	for (size_t i = from; i + 5 < n; i++)
		if (memcmp(p + i, "/ID [", 5) == 0)
			id = (const char *)p + i + 4;
	if (id == NULL || (end = memchr(id, ']', (size_t)((const char *)p +
	    n - id))) == NULL)
		return NULL;
	*idlen = (size_t)(end - id) + 1;
	return id;
}

static int
update(HPDF_Doc pdf, struct buf *u, const struct haru_objs *o, long first,
    const unsigned char *p, size_t n)
{
	long	 cat = haru_obj_number(haru_d(pdf->catalog));
	long	 info = pdf->info ? haru_obj_number(haru_d(pdf->info)) : -1;
	size_t	 nstm = (o->n + OBJS_PER_STREAM - 1) / OBJS_PER_STREAM;
	long	 xnum = first + (long)o->n + (long)nstm;
	size_t	*stmoff = xcalloc(nstm + 1, sizeof(*stmoff)), catoff, xoff;
	size_t	 idlen = 0;
	const char *id = saved_id(p, n, &idlen);
	struct buf x, z, pred;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(
	    OBJS_LEVEL);
	int	 rc = -1;

	buf_init(&x);
	buf_init(&z);
	buf_init(&pred);
	for (size_t s = 0; s < nstm; s++) {
		size_t to = (s + 1) * OBJS_PER_STREAM;

		stmoff[s] = n + u->len;
		if (objstm(c, u, o, first, s * OBJS_PER_STREAM, to < o->n ? to :
		    o->n, first + (long)o->n + (long)s) != 0)
			goto done;
	}
	catoff = n + u->len;
	if (cat < 0 || catalog_again(pdf, u, o, cat) != 0)
		goto done;
	xoff = n + u->len;
	xref_entry(&x, 1, catoff, 0);
	for (size_t i = 0; i < o->n; i++)
		xref_entry(&x, 2, (size_t)first + o->n + i / OBJS_PER_STREAM,
		    (unsigned)(i % OBJS_PER_STREAM));
	for (size_t s = 0; s < nstm; s++)
		xref_entry(&x, 1, stmoff[s], 0);
	xref_entry(&x, 1, xoff, 0);
	xref_predict(&pred, &x);
	if (deflate_into(c, &z, pred.data, pred.len) != 0)
		goto done;
	buf_printf(u, "%ld 0 obj\n<</Type/XRef/Size %ld/Index[%ld 1 %ld %ld]"
	    "/W[1 4 2]/DecodeParms<</Predictor 12/Columns 7>>/Root %ld 0 R", xnum, xnum + 1, cat, first,
	    xnum + 1 - first, cat);
	if (info >= 0)
		buf_printf(u, "/Info %ld 0 R", info);
	if (id != NULL) {
		buf_puts(u, "/ID");
		buf_put(u, id, idlen);
	}
	buf_printf(u, "/Prev %u/Filter/FlateDecode/Length %zu>>\nstream\n",
	    (unsigned)pdf->xref->addr, z.len);
	buf_put(u, z.data, z.len);
	buf_printf(u, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xoff);
	rc = 0;
done:
	free(stmoff);
	if (c != NULL)
		libdeflate_free_compressor(c);
	buf_free(&x);
	buf_free(&z);
	buf_free(&pred);
	return rc;
}

int
haru_save_with(HPDF_Doc pdf, haru_objs_fn fn, void *ctx,
    unsigned char **bytes, size_t *len)
{
	struct haru_objs o;
	struct buf	 u;
	long		 first;
	int		 rc = -1;

	if (haru_save(pdf, bytes, len) != 0)
		return -1;
	if (fn == NULL)
		return 0;
	/* Objects 0 .. first - 1 are libharu's (0 the free list's head). */
	first = (long)(pdf->xref->start_offset + pdf->xref->entries->count);
	memset(&o, 0, sizeof(o));
	buf_init(&o.body);
	buf_init(&o.catalog);
	buf_init(&u);
	if (fn(ctx, first, &o) == 0 && o.n > 0 &&
	    update(pdf, &u, &o, first, *bytes, *len) == 0) {
		*bytes = xrealloc(*bytes, *len + u.len);
		memcpy(*bytes + *len, u.data, u.len);
		*len += u.len;
		rc = 0;
	}
	buf_free(&o.body);
	buf_free(&o.catalog);
	free(o.off);
	buf_free(&u);
	if (rc != 0) {
		free(*bytes);
		*bytes = NULL;
		*len = 0;
	}
	return rc;
}
