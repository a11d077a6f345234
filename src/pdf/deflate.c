/*
 * pdf/deflate.c - the pages' content streams and the images compressed
 * on other threads while the device draws the next pages (deflate.h).
 *
 * libharu compresses every stream inside HPDF_SaveToStream, one after
 * another on the calling thread, with zlib; the content streams of the
 * pages are most of that work (about nine tenths of the bytes of a long
 * document).  Here each page's stream is compressed as soon as the
 * device has drawn it, by libdeflate (a whole-buffer compressor, three
 * times zlib's speed for a result 2 % larger at the level below), on
 * worker threads that run beside the drawing.  The compressed bytes then
 * replace the stream's content and its filter is marked done, so
 * libharu copies them as they are; the /Filter entry libharu would have
 * written last in the stream's dictionary is written by the
 * dictionary's write_fn, in the same place and spelling.  libdeflate's
 * output depends only on the level and the input, so the file is the
 * same byte for byte whatever the number of threads (tests/t/pdf.sh
 * compares -j 1, -j 2 and -j 3).
 *
 * Threads: the workers only read a finished page's memory stream (its
 * buffers are never written again) and allocate with malloc, never from
 * libharu's memory manager; everything that changes libharu's objects
 * (install) happens on the calling thread in pdf_zpages_finish.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <libdeflate.h>

#include "util/diag.h"
#include "deflate.h"

/* libdeflate's level 4: on the bench corpus's 16.7 MB of page streams,
 * 0.19 s of CPU for 4.57 MB, where zlib's default level took 0.59 s for
 * 4.46 MB (level 5: 0.28 s, 4.42 MB; level 6: 0.32 s, 4.40 MB).  At
 * this level one worker keeps pace with the drawing. */
#define LEVEL	4

/* One stream (a page's content, an image, an image's soft mask),
 * compressed into out (ok = 0 leaves it to libharu, which compresses
 * it with zlib as usual, or not at all for a mask). */
struct zstream {
	HPDF_Dict	 contents;
	unsigned char	*out;
	size_t		 len;
	int		 ok;
};

struct pdf_zpages {
	struct zstream	*p;
	size_t		 cap;		/* streams it can hold */
	size_t		 n;		/* handed in so far */
	size_t		 next;		/* the next one to take */
	int		 closed;	/* no more to come */
	pthread_mutex_t	 lock;
	pthread_cond_t	 more;
	pthread_t	 tid[PDF_DEFLATE_MAX_THREADS];
	int		 nworkers;
};

/* What one thread keeps between streams: its compressor and a buffer to
 * gather a stream's chunks into one piece. */
struct zwork {
	struct libdeflate_compressor *c;
	unsigned char	*in;
	size_t		 incap;
};

/* One stream, its chunks gathered into one piece first (libdeflate
 * compresses whole buffers); z->ok = 0 leaves it as it was. */
static void
compress_one(struct zwork *w, struct zstream *z)
{
	HPDF_Stream s = z->contents->stream;
	HPDF_UINT32 size = HPDF_Stream_Size(s), got = 0;
	HPDF_UINT i, n;
	HPDF_BYTE *chunk;
	size_t bound;

	if (w->c == NULL)
		return;
	if (w->incap < size) {
		free(w->in);
		w->incap = size;
		w->in = xmalloc(size);
	}
	for (i = 0; got < size; i++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &n)) == NULL ||
		    n > size - got)
			return;
		memcpy(w->in + got, chunk, n);
		got += n;
	}
	bound = libdeflate_zlib_compress_bound(w->c, size);
	z->out = xmalloc(bound);
	z->len = libdeflate_zlib_compress(w->c, w->in, size, z->out, bound);
	z->ok = z->len > 0;
}

/* Take streams as they come until the queue is closed and empty. */
static void
drain(struct pdf_zpages *q, int wait)
{
	struct zwork w = { libdeflate_alloc_compressor(LEVEL), NULL, 0 };
	size_t i;

	for (;;) {
		pthread_mutex_lock(&q->lock);
		while (wait && q->next >= q->n && !q->closed)
			pthread_cond_wait(&q->more, &q->lock);
		if (q->next >= q->n) {
			pthread_mutex_unlock(&q->lock);
			break;
		}
		i = q->next++;
		pthread_mutex_unlock(&q->lock);
		compress_one(&w, &q->p[i]);
	}
	free(w.in);
	if (w.c != NULL)
		libdeflate_free_compressor(w.c);
}

static void *
worker(void *arg)
{
	drain(arg, 1);
	return NULL;
}

HPDF_STATUS
pdf_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* A stream libharu would compress and nothing else touches: a memory
 * stream, the flate filter only (or none, when one is to be added), no
 * write hook of its own. */
static int
ours(HPDF_Dict c, int add_filter)
{
	return c != NULL && c->stream != NULL &&
	    c->stream->type == HPDF_STREAM_MEMORY &&
	    (c->filter == HPDF_STREAM_FILTER_FLATE_DECODE ||
	    (add_filter && c->filter == HPDF_STREAM_FILTER_NONE)) &&
	    c->write_fn == NULL && HPDF_Stream_Size(c->stream) > 0;
}

/* Back on the calling thread: the compressed bytes in place of the
 * stream's own, its filter done.  A failure leaves libharu its usual work. */
static void
install(struct zstream *z)
{
	HPDF_Stream s = z->contents->stream;

	if (!z->ok)
		return;
	HPDF_MemStream_FreeData(s);
	if (HPDF_Stream_Write(s, z->out, (HPDF_UINT)z->len) != HPDF_OK)
		return;	/* libharu has recorded the error; save fails */
	z->contents->filter = HPDF_STREAM_FILTER_NONE;
	z->contents->write_fn = pdf_flate_filter;
}

struct pdf_zpages *
pdf_zpages_start(size_t nstreams, int threads)
{
	struct pdf_zpages *q = xcalloc(1, sizeof(*q));
	int k;

	q->cap = nstreams;
	q->p = xcalloc(nstreams ? nstreams : 1, sizeof(*q->p));
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->more, NULL);
	if (threads > PDF_DEFLATE_MAX_THREADS)
		threads = PDF_DEFLATE_MAX_THREADS;
	/* The caller draws; the others compress (and so does the caller
	 * once the drawing is done). */
	for (k = 1; k < threads && (size_t)k < nstreams; k++)
		if (pthread_create(&q->tid[q->nworkers], NULL, worker, q) == 0)
			q->nworkers++;
	return q;
}

void
pdf_zpages_add_stream(struct pdf_zpages *q, HPDF_Dict stream, int add_filter)
{
	if (q == NULL || !ours(stream, add_filter))
		return;
	pthread_mutex_lock(&q->lock);
	if (q->n < q->cap) {
		q->p[q->n++].contents = stream;
		pthread_cond_signal(&q->more);
	}
	pthread_mutex_unlock(&q->lock);
}

void
pdf_zpages_add(struct pdf_zpages *q, HPDF_Page page)
{
	HPDF_PageAttr attr = page != NULL ? page->attr : NULL;

	if (attr != NULL)
		pdf_zpages_add_stream(q, attr->contents, 0);
}

void
pdf_zpages_finish(struct pdf_zpages *q, int use)
{
	size_t i;
	int k;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	if (!use)
		q->next = q->n;	/* nothing more to start */
	pthread_cond_broadcast(&q->more);
	pthread_mutex_unlock(&q->lock);
	drain(q, 0);
	for (k = 0; k < q->nworkers; k++)
		pthread_join(q->tid[k], NULL);
	for (i = 0; i < q->n; i++) {
		if (use)
			install(&q->p[i]);
		free(q->p[i].out);
	}
	pthread_cond_destroy(&q->more);
	pthread_mutex_destroy(&q->lock);
	free(q->p);
	free(q);
}
