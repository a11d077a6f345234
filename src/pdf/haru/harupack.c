/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/haru/harupack.c - the file rewritten with compressed object
 * streams and a cross-reference stream (PDF 1.5), tagged or not
 * (haru.h: haru_save_with).
 *
 * libharu writes every object in plain syntax and a classic
 * cross-reference table.  A tagged file adds tens of thousands of small
 * objects (structure elements) and an annotation dictionary per link
 * with its /Contents; written plainly they cost more than a quarter of
 * the file, and an untagged file's pages, annotations and outline are
 * a tenth of it.  So libharu saves the file as always, and then its bytes
 * are repacked: every object that is not a stream (pages' dictionaries,
 * annotations, destinations, fonts' dictionaries, the catalog) is cut
 * out of libharu's body and goes, as libharu wrote it, into object
 * streams with the caller's objects; the streams stay where libharu
 * put them, at new offsets; one cross-reference stream replaces
 * libharu's table and trailer.  Object numbers do not change, so no
 * reference is rewritten.
 */
#include "haruint.h"

#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "util/buf.h"
#include "util/diag.h"

/* Objects per object stream: readers parse a stream's offset table
 * whole to reach one object, so several moderate ones beat one huge;
 * but each stream starts its compression afresh and has its own
 * header.  Bench corpus, tagged: 100 a stream 6.77 MB, 500 6.67 MB,
 * 2000 6.64 MB, 5000 6.62 MB.  The code-heavy reference (85,000
 * structure elements), tagged: 1000 7.21 MB, 2000 7.18 MB, 4000
 * 7.16 MB, 8000 7.14 MB, 16000 7.13 MB, the instructions the same
 * (callgrind, -j1); 8000 is half a megabyte of objects a stream,
 * a millisecond to inflate. */
#define OBJS_PER_STREAM	8000

struct haru_objs {
	struct buf	 body;		/* the objects, one after another */
	size_t		*off;		/* where each begins in body */
	long		*num;		/* each one's object number */
	size_t		 n, cap;
	long		 next;		/* the caller's next object number */
	struct buf	 catalog;	/* entries added to the catalog */
};

static void
objs_put(struct haru_objs *o, long num, const char *syntax, size_t len)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 1024;
		o->off = xrealloc(o->off, o->cap * sizeof(*o->off));
		o->num = xrealloc(o->num, o->cap * sizeof(*o->num));
	}
	o->off[o->n] = o->body.len;
	o->num[o->n++] = num;
	buf_put(&o->body, syntax, len);
	/* The stream's offsets say where each object begins; a newline
	 * between them is needed only where the next object's first token
	 * could run on from this one's last (a number), not after a
	 * delimiter - and a dictionary, nearly every object, ends in one. */
	if (len == 0 || !strchr(">])", syntax[len - 1]))
		buf_putc(&o->body, '\n');
}

void
haru_objs_add(struct haru_objs *o, const char *syntax, size_t len)
{
	objs_put(o, o->next++, syntax, len);
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
 * the tree stays cheap.  Again with 2000 objects a stream and every
 * object packed (cachegrind, -j1): level 3 saves 72 kB of 6.64 MB for
 * 162 M instructions more (2.8% of the run's 5.71 G). */
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

/* Where each object of the file is: the cross-reference stream's
 * entry (type 1: offset; type 2: object stream and index). */
struct xloc {
	unsigned char	 type;
	size_t		 f2;
	unsigned	 f3;
};

/* One object stream, number num: objects [from, to) of o. */
static int
objstm(struct libdeflate_compressor *c, struct buf *u,
    const struct haru_objs *o, size_t from, size_t to, long num)
{
	struct buf all, z;
	size_t end = to < o->n ? o->off[to] : o->body.len, first;
	int rc = -1;

	buf_init(&all);
	buf_init(&z);
	for (size_t i = from; i < to; i++) {
		put_size(&all, (size_t)o->num[i]);
		put_size(&all, o->off[i] - o->off[from]);
	}
	buf_putc(&all, '\n');
	first = all.len;
	buf_put(&all, o->body.data + o->off[from], end - o->off[from]);
	if (deflate_into(c, &z, all.data, all.len) == 0) {
		put_size(u, (size_t)num);
		buf_printf(u, "0 obj\n<</Type/ObjStm/N %zu/First %zu"
		    "/Filter/FlateDecode/Length %zu>>\nstream\n", to - from,
		    first, z.len);
		buf_put(u, z.data, z.len);
		buf_puts(u, "\nendstream\nendobj\n");
		rc = 0;
	}
	buf_free(&all);
	buf_free(&z);
	return rc;
}

/* How many bytes an unsigned value needs (at least one). */
static int
width_of(size_t v)
{
	int w = 1;

	while (w < 8 && (v >> (8 * w)) != 0)
		w++;
	return w;
}

/*
 * The cross-reference stream's rows (type, field 2 in w2 bytes, field 3
 * in 2 bytes) as rows of the PNG "Up" predictor (/Predictor 12): a tag
 * byte, then each byte less the one above it.  Successive entries
 * differ in a byte or two, so the rows are nearly all zeros, which
 * Flate packs to almost nothing.
 */
static void
xref_rows(struct buf *out, const struct xloc *x, size_t n, int w2)
{
	size_t	 row = 1 + (size_t)w2 + 2;
	unsigned char cur[16], prev[16] = { 0 };

	unsigned char *o;

	/* Written in place: a buf_putc per byte was felt. */
	buf_grow(out, n * (row + 1));
	o = (unsigned char *)out->data + out->len;
	for (size_t i = 0; i < n; i++) {
		cur[0] = x[i].type;
		for (int k = 0; k < w2; k++)
			cur[1 + k] = (unsigned char)(x[i].f2 >>
			    (8 * (w2 - 1 - k)));
		cur[1 + w2] = (unsigned char)(x[i].f3 >> 8);
		cur[2 + w2] = (unsigned char)x[i].f3;
		*o++ = 2;
		for (size_t k = 0; k < row; k++)
			*o++ = (unsigned char)(cur[k] - prev[k]);
		memcpy(prev, cur, row);
	}
	out->len += n * (row + 1);
	out->data[out->len] = '\0';
}

/* The trailer's /ID as libharu's save wrote it (harusave.c), to repeat
 * in the cross-reference stream. */
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

/*
 * Whether libharu's object goes into an object stream: any but a stream
 * (pages' and annotations' dictionaries, outline items, destinations,
 * arrays, streams' lengths).  On the bench corpus, against the
 * annotations alone, that saves 0.53 MB of the untagged file's 5.88 MB
 * and 0.61 MB of the tagged one's for 0.3% more instructions in either.
 */
static int
packable(void *obj)
{
	HPDF_Obj_Header *h = obj;

	return (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT ||
	    ((HPDF_Dict)obj)->stream == NULL;
}

/* The syntax of object i between libharu's "i 0 obj\n" and
 * "\nendobj\n" in p[from, to); NULL if it is not written so. */
static const char *
object_text(const unsigned char *p, size_t from, size_t to, HPDF_UINT i,
    size_t *len)
{
	char	 head[32], *q = head + sizeof(head);
	size_t	 hl;
	static const char tail[] = "\nendobj\n";

	/* "i 0 obj\n" by hand: snprintf per object was most of the
	 * repacking's own cost. */
	q -= 7;
	memcpy(q, " 0 obj\n", 7);
	do {
		*--q = (char)('0' + i % 10);
		i /= 10;
	} while (i > 0);
	hl = (size_t)(head + sizeof(head) - q);

	if (to < from + hl + sizeof(tail) - 1 || memcmp(p + from, q, hl) ||
	    memcmp(p + to - (sizeof(tail) - 1), tail, sizeof(tail) - 1))
		return NULL;
	*len = to - from - hl - (sizeof(tail) - 1);
	return (const char *)p + from + hl;
}

/* The catalog as libharu wrote it with the caller's entries before its
 * closing ">>". */
static int
catalog_with(struct haru_objs *o, long num, const char *s, size_t len)
{
	struct buf c;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	if (len < 2 || memcmp(s + len - 2, ">>", 2) != 0)
		return -1;
	buf_init(&c);
	buf_put(&c, s, len - 2);
	if (o->catalog.len > 0)
		buf_put(&c, o->catalog.data, o->catalog.len);
	buf_puts(&c, "\n>>");
	objs_put(o, num, c.data, c.len);
	buf_free(&c);
	return 0;
}

/*
 * libharu's objects: streams copied into out (after the file's header)
 * at their new offsets, recorded in x; the rest added to o, the
 * catalog held back in cat_text for the caller's entries.
 */
static int
split_body(HPDF_Doc pdf, const unsigned char *p, struct buf *out,
    struct haru_objs *o, struct xloc *x, const char **cat_text,
    size_t *cat_len)
{
	HPDF_Xref xr = pdf->xref;
	HPDF_UINT count = xr->entries->count;
	HPDF_UINT cat = (HPDF_UINT)haru_obj_number(haru_d(pdf->catalog));

	if (count < 2)
		return -1;
	buf_put(out, (const char *)p, HPDF_Xref_GetEntry(xr, 1)->byte_offset);
	x[0].type = 0;
	x[0].f3 = 65535;
	for (HPDF_UINT i = 1; i < count; i++) {
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(xr, i);
		size_t from = e->byte_offset, to = i + 1 < count ?
		    HPDF_Xref_GetEntry(xr, i + 1)->byte_offset : xr->addr;
		size_t len;
		const char *s = object_text(p, from, to, i, &len);

		if (s != NULL && i == cat) {
			*cat_text = s;
			*cat_len = len;
		} else if (s != NULL && packable(e->obj)) {
			objs_put(o, (long)i, s, len);
		} else {
			x[i].type = 1;
			x[i].f2 = out->len;
			buf_put(out, (const char *)p + from, to - from);
		}
	}
	return *cat_text != NULL ? 0 : -1;
}

/* The object streams, then the cross-reference stream, after out. */
static int
finish(HPDF_Doc pdf, struct buf *out, struct haru_objs *o, struct xloc *x,
    const char *id, size_t idlen)
{
	size_t	 nstm = (o->n + OBJS_PER_STREAM - 1) / OBJS_PER_STREAM;
	long	 xnum = o->next + (long)nstm, cat, info;
	struct buf z, rows;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(
	    OBJS_LEVEL);
	int	 w2, rc = -1;

	cat = haru_obj_number(haru_d(pdf->catalog));
	info = pdf->info ? haru_obj_number(haru_d(pdf->info)) : -1;
	buf_init(&z);
	buf_init(&rows);
	for (size_t s = 0; s < nstm; s++) {
		size_t to = (s + 1) * OBJS_PER_STREAM;
		long   num = o->next + (long)s;

		x[num].type = 1;
		x[num].f2 = out->len;
		if (objstm(c, out, o, s * OBJS_PER_STREAM, to < o->n ? to :
		    o->n, num) != 0)
			goto done;
		for (size_t i = s * OBJS_PER_STREAM; i < to && i < o->n; i++) {
			x[o->num[i]].type = 2;
			x[o->num[i]].f2 = (size_t)num;
			x[o->num[i]].f3 = (unsigned)(i - s * OBJS_PER_STREAM);
		}
	}
	x[xnum].type = 1;
	x[xnum].f2 = out->len;
	w2 = width_of(out->len > (size_t)xnum ? out->len : (size_t)xnum);
	xref_rows(&rows, x, (size_t)xnum + 1, w2);
	if (deflate_into(c, &z, rows.data, rows.len) != 0)
		goto done;
	put_size(out, (size_t)xnum);
	buf_printf(out, "0 obj\n<</Type/XRef/Size %ld/W[1 %d 2]"
	    "/DecodeParms<</Predictor 12/Columns %d>>/Root %ld 0 R", xnum + 1,
	    w2, w2 + 3, cat);
	if (info >= 0)
		buf_printf(out, "/Info %ld 0 R", info);
	if (id != NULL) {
		buf_puts(out, "/ID ");
		buf_put(out, id, idlen);
	}
	buf_printf(out, "/Filter/FlateDecode/Length %zu>>\nstream\n", z.len);
	buf_put(out, z.data, z.len);
	buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n",
	    x[xnum].f2);
	rc = 0;
done:
	if (c != NULL)
		libdeflate_free_compressor(c);
	buf_free(&z);
	buf_free(&rows);
	return rc;
}

/* libharu's file p[0, n) repacked into out, with fn's objects. */
static int
repack(HPDF_Doc pdf, haru_objs_fn fn, void *ctx, const unsigned char *p,
    size_t n, struct buf *out)
{
	struct haru_objs o;
	struct xloc	*x = NULL;
	const char	*cat_text = NULL, *id;
	size_t		 cat_len = 0, idlen = 0, nstm;
	long		 first;
	int		 rc = -1;

	/* One cross-reference section, object 0 its free list's head: what
	 * libharu writes for a new document. */
	if (pdf->xref == NULL || pdf->xref->prev != NULL ||
	    pdf->xref->start_offset != 0 || pdf->catalog == NULL)
		return -1;
	id = saved_id(p, n, &idlen);
	first = (long)pdf->xref->entries->count;
	memset(&o, 0, sizeof(o));
	buf_init(&o.body);
	buf_init(&o.catalog);
	o.next = first;
	x = xcalloc((size_t)first, sizeof(*x));
	if (split_body(pdf, p, out, &o, x, &cat_text, &cat_len) != 0 ||
	    (fn != NULL && fn(ctx, first, &o) != 0) || catalog_with(&o, haru_obj_number(
	    haru_d(pdf->catalog)), cat_text, cat_len) != 0)
		goto done;
	nstm = (o.n + OBJS_PER_STREAM - 1) / OBJS_PER_STREAM;
	x = xrealloc(x, ((size_t)o.next + nstm + 1) * sizeof(*x));
	memset(x + first, 0, ((size_t)(o.next - first) + nstm + 1) *
	    sizeof(*x));
	rc = finish(pdf, out, &o, x, id, idlen);
done:
	free(x);
	buf_free(&o.body);
	buf_free(&o.catalog);
	free(o.off);
	free(o.num);
	return rc;
}

int
haru_save_with(HPDF_Doc pdf, haru_objs_fn fn, void *ctx,
    unsigned char **bytes, size_t *len)
{
	struct buf out;
	int	   rc;

	/* Object streams are PDF 1.5's: the header says so, tagged or
	 * not (a tagged file is 1.7 already). */
	if (haru_pdf_version(pdf, 5) != 0 || haru_save(pdf, bytes, len) != 0)
		return -1;
	buf_init(&out);
	rc = repack(pdf, fn, ctx, *bytes, *len, &out);
	free(*bytes);
	*bytes = NULL;
	*len = 0;
	if (rc == 0) {
		*bytes = (unsigned char *)out.data;
		*len = out.len;
	} else
		buf_free(&out);
	return rc;
}
