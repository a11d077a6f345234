/*
 * pdf/deflate.c - the pages' content streams compressed on several
 * threads before libharu saves the file (see deflate.h).
 *
 * libharu compresses every stream inside HPDF_SaveToStream, one after
 * another on the calling thread, and the content streams of the pages
 * are most of that work (about nine tenths of the bytes of a long
 * document).  Here each page's stream is compressed beforehand, as
 * libharu would compress it: zlib's deflate at Z_DEFAULT_COMPRESSION
 * with its default window, memory level and strategy, no flush until
 * the end (deflate's output does not depend on how its input is split
 * into calls).  The compressed bytes then replace the stream's content
 * and its filter is marked done, so libharu copies them as they are; the
 * /Filter entry libharu would have written last in the stream's
 * dictionary is written by the dictionary's write_fn, in the same place
 * and spelling.  The file is byte for byte what libharu alone makes
 * (tests/t/pdf.sh compares -j 1 and -j 2).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <zlib.h>

#include "diag.h"
#include "deflate.h"
#include "run.h"

/* Under this many pages the threads cost more than they save. */
#define MIN_PAGES	4

/* One page's content stream: its bytes read on the main thread's
 * behalf by a worker (libharu is only read), compressed into out. */
struct page_z {
	HPDF_Dict	 contents;
	unsigned char	*out;
	size_t		 len;
	int		 ok;
};

struct pool {
	struct page_z	*p;
	size_t		 n, next;
	pthread_mutex_t	 lock;
};

/* Compress one stream, fed chunk by chunk from libharu's memory stream
 * buffers (no copy); ok = 0 leaves the page to libharu. */
static void
compress_one(struct page_z *z)
{
	HPDF_Stream s = z->contents->stream;
	HPDF_UINT32 size = HPDF_Stream_Size(s), got = 0;
	z_stream zs;
	HPDF_UINT i, n;
	HPDF_BYTE *chunk;
	int rc = Z_OK;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit(&zs, Z_DEFAULT_COMPRESSION) != Z_OK)
		return;
	z->len = deflateBound(&zs, size);
	z->out = xmalloc(z->len);
	zs.next_out = z->out;
	zs.avail_out = (uInt)z->len;
	for (i = 0; got < size && rc == Z_OK; i++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &n)) == NULL)
			break;
		zs.next_in = chunk;
		zs.avail_in = n;
		got += n;
		rc = deflate(&zs, Z_NO_FLUSH);
	}
	if (got == size && rc == Z_OK &&
	    deflate(&zs, Z_FINISH) == Z_STREAM_END) {
		z->len = zs.total_out;
		z->ok = 1;
	}
	deflateEnd(&zs);
}

static void *
worker(void *arg)
{
	struct pool *q = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&q->lock);
		i = q->next++;
		pthread_mutex_unlock(&q->lock);
		if (i >= q->n)
			return NULL;
		compress_one(&q->p[i]);
	}
}

/* The /Filter entry libharu writes for a compressed stream: last among
 * the dictionary's entries (it adds it when saving), as an array. */
static HPDF_STATUS
write_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* A page whose stream libharu would compress and nothing else touches:
 * a memory stream, the flate filter only, no write hook of its own. */
static int
ours(HPDF_Dict c)
{
	return c != NULL && c->stream != NULL &&
	    c->stream->type == HPDF_STREAM_MEMORY &&
	    c->filter == HPDF_STREAM_FILTER_FLATE_DECODE &&
	    c->write_fn == NULL && HPDF_Stream_Size(c->stream) > 0;
}

/* Back on the main thread: the compressed bytes in place of the page's
 * own, its filter done.  A failure leaves libharu its usual work. */
static void
install(struct page_z *z)
{
	HPDF_Stream s = z->contents->stream;

	if (!z->ok)
		return;
	HPDF_MemStream_FreeData(s);
	if (HPDF_Stream_Write(s, z->out, (HPDF_UINT)z->len) != HPDF_OK)
		return;	/* libharu has recorded the error; save fails */
	z->contents->filter = HPDF_STREAM_FILTER_NONE;
	z->contents->write_fn = write_filter;
}

void
pdf_deflate_pages(HPDF_Doc pdf, int threads)
{
	struct pool q = { NULL, 0, 0, PTHREAD_MUTEX_INITIALIZER };
	HPDF_UINT i, npages = pdf->page_list->count;

	if (threads <= 1 || npages < MIN_PAGES)
		return;
	if (threads > PDF_DEFLATE_MAX_THREADS)
		threads = PDF_DEFLATE_MAX_THREADS;
	q.p = xcalloc(npages, sizeof(*q.p));
	for (i = 0; i < npages; i++) {
		HPDF_Page page = HPDF_List_ItemAt(pdf->page_list, i);
		HPDF_PageAttr attr = page != NULL ? page->attr : NULL;

		if (attr != NULL && ours(attr->contents))
			q.p[q.n++].contents = attr->contents;
	}
	run_workers(worker, &q, threads);
	pthread_mutex_destroy(&q.lock);
	for (i = 0; i < q.n; i++) {
		install(&q.p[i]);
		free(q.p[i].out);
	}
	free(q.p);
}
