/*
 * pdf/deflate.h - the pages' content streams and the images compressed
 * on other threads while the next pages are drawn, the same bytes
 * whatever the number of threads.
 */
#ifndef QUIRE_PDF_DEFLATE_H
#define QUIRE_PDF_DEFLATE_H

#include <stddef.h>

#include <hpdf.h>

#define PDF_DEFLATE_MAX_THREADS	64

struct pdf_zpages;

/* Before the first page is drawn: a queue for up to nstreams streams
 * (the pages, the images and their masks), with threads - 1 workers
 * waiting for them (none for one thread: then all the work is done in
 * pdf_zpages_finish). */
struct pdf_zpages *pdf_zpages_start(size_t nstreams, int threads);

/* The page is drawn and its content stream will not change again: it
 * may be compressed from now on.  A page that is not a plain flate
 * memory stream is left to libharu. */
void	pdf_zpages_add(struct pdf_zpages *, HPDF_Page);

/* Any other stream that will not change again (an image).  add_filter:
 * one libharu leaves uncompressed (an image's soft mask) is compressed
 * too.  One more than the queue holds is left to libharu. */
void	pdf_zpages_add_stream(struct pdf_zpages *, HPDF_Dict, int add_filter);

/* After the last page, before HPDF_SaveToStream: the caller's thread
 * joins in, waits for the rest, and (use = 1) gives every compressed
 * stream to libharu as done; use = 0 only frees (drawing failed).
 * NULL does nothing. */
void	pdf_zpages_finish(struct pdf_zpages *, int use);

/* A stream's write hook for bytes compressed already (its filter set to
 * none, so libharu leaves them be): the /Filter entry libharu would have
 * written, last among the dictionary's entries, as an array. */
HPDF_STATUS pdf_flate_filter(HPDF_Dict, HPDF_Stream);

#endif
