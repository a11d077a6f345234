/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/deflate.c - the pages' content streams and the fonts' streams
 * compressed on other threads while the device draws the next pages
 * (deflate.h).
 *
 * libharu compresses every stream inside HPDF_SaveToStream, one after
 * another on the calling thread, with zlib; the content streams of the
 * pages are most of that work (about nine tenths of the bytes of a long
 * document).  Here each page's stream is compressed as soon as the
 * device has drawn it, by libdeflate (a whole-buffer compressor, three
 * times zlib's speed for a result 2 % larger at the level below), on
 * worker threads that run beside the drawing.  The compressed bytes then
 * replace the stream's content, marked as compressed already
 * (haru_stream_set_deflated), so libharu copies them as they are.
 * libdeflate's output depends only on the level and the input, so the
 * file is the same byte for byte whatever the number of threads
 * (tests/t/pdf.sh compares -j 1, -j 2 and -j 3).
 *
 * Threads: the workers only read a finished page's memory stream (its
 * buffers are never written again) and allocate with malloc, never from
 * libharu's memory manager; everything that changes libharu's objects
 * (install) happens on the calling thread.
 *
 * Memory: a stream's compressed bytes replace its own as soon as they
 * are ready, each time the caller hands in the next page, so the pages'
 * uncompressed streams (about 14 kB a page of code) are not all held
 * until the end.  With no worker (one thread) the caller compresses
 * each page as it hands it in, for the same reason.
 */
#include <pthread.h>
#include <stdlib.h>

#include <libdeflate.h>

#include "haru/haru.h"
#include "util/diag.h"
#include "util/runner.h"
#include "deflate.h"

/* libdeflate's level 4: on the bench corpus's 16.7 MB of page streams,
 * 0.19 s of CPU for 4.57 MB, where zlib's default level took 0.59 s for
 * 4.46 MB (level 5: 0.28 s, 4.42 MB; level 6: 0.32 s, 4.40 MB).  At
 * this level one worker keeps pace with the drawing. */
#define LEVEL	4

/* One stream (a page's content, a font's file or ToUnicode map),
 * compressed into out (ok = 0 leaves it to libharu, which compresses
 * it with zlib as usual, or not at all when it had no filter). */
struct zstream {
	struct haru_dict *st;
	unsigned char	*out;
	size_t		 len;
	int		 ok;
	int		 done;		/* compressed (under the lock) */
	int		 installed;	/* given to libharu, out freed */
};

/* What one thread keeps between streams: its compressor and a buffer to
 * gather a stream's chunks into one piece. */
struct zwork {
	struct libdeflate_compressor *c;
	unsigned char	*in;
	size_t		 incap;
};

struct pdf_zpages {
	struct zstream	*p;
	size_t		 cap;		/* streams it can hold */
	size_t		 n;		/* handed in so far */
	size_t		 next;		/* the next one to take */
	int		 closed;	/* no more to come */
	pthread_mutex_t	 lock;
	pthread_cond_t	 more;
	struct runner_task *task[PDF_DEFLATE_MAX_THREADS];
	int		 nworkers;
	size_t		 reaped;	/* streams before it installed */
	struct zwork	 own;		/* the caller's, with no worker */
};

static void install(struct zstream *);

/* One stream, its chunks gathered into one piece first (libdeflate
 * compresses whole buffers); z->ok = 0 leaves it as it was. */
static void
compress_one(struct zwork *w, struct zstream *z)
{
	size_t size = haru_stream_size(z->st);
	size_t bound;

	if (w->c == NULL)
		return;
	if (w->incap < size) {
		free(w->in);
		w->incap = size;
		w->in = xmalloc(size);
	}
	if (haru_stream_copy(z->st, w->in, size) != 0)
		return;
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
		pthread_mutex_lock(&q->lock);
		q->p[i].done = 1;
		pthread_mutex_unlock(&q->lock);
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

/* Back on the calling thread: the compressed bytes in place of the
 * stream's own.  A failure leaves libharu its usual work. */
static void
install(struct zstream *z)
{
	if (z->ok)
		haru_stream_set_deflated(z->st, z->out, z->len);
	free(z->out);
	z->out = NULL;
	z->installed = 1;
}

/* On the calling thread: the streams compressed so far, in order, given
 * to libharu (their uncompressed bytes freed). */
static void
reap(struct pdf_zpages *q)
{
	size_t upto;

	pthread_mutex_lock(&q->lock);
	for (upto = q->reaped; upto < q->n && q->p[upto].done; upto++)
		;
	pthread_mutex_unlock(&q->lock);
	for (; q->reaped < upto; q->reaped++)
		install(&q->p[q->reaped]);
}

/* One thread: the caller compresses the stream it has just handed in. */
static void
compress_here(struct pdf_zpages *q)
{
	if (q->own.c == NULL)
		q->own.c = libdeflate_alloc_compressor(LEVEL);
	while (q->next < q->n) {
		compress_one(&q->own, &q->p[q->next]);
		q->p[q->next++].done = 1;
	}
}

struct pdf_zpages *
pdf_zpages_start(size_t nstreams, struct runner *run)
{
	int threads = runner_threads(run);
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
		if ((q->task[q->nworkers] = runner_start(run, worker, q)) !=
		    NULL)
			q->nworkers++;
	return q;
}

void
pdf_zpages_add_stream(struct pdf_zpages *q, struct haru_dict *stream,
    int add_filter)
{
	if (q == NULL || !haru_stream_deflatable(stream, add_filter))
		return;
	pthread_mutex_lock(&q->lock);
	if (q->n < q->cap) {
		q->p[q->n++].st = stream;
		pthread_cond_signal(&q->more);
	}
	pthread_mutex_unlock(&q->lock);
	if (q->nworkers == 0)
		compress_here(q);
	reap(q);
}

void
pdf_zpages_add(struct pdf_zpages *q, HPDF_Page page)
{
	pdf_zpages_add_stream(q, haru_page_contents(page), 0);
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
		(void)runner_join(q->task[k]);
	for (i = 0; i < q->n; i++) {
		if (use && !q->p[i].installed)
			install(&q->p[i]);
		free(q->p[i].out);
	}
	free(q->own.in);
	if (q->own.c != NULL)
		libdeflate_free_compressor(q->own.c);
	pthread_cond_destroy(&q->more);
	pthread_mutex_destroy(&q->lock);
	free(q->p);
	free(q);
}
