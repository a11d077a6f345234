/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/deflate.h - the pages' content streams and the fonts' streams
 * compressed on other threads while the next pages are drawn, the same
 * bytes whatever the number of threads.
 */
#ifndef QUIRE_PDF_DEFLATE_H
#define QUIRE_PDF_DEFLATE_H

#include <stddef.h>

#include "haru/haru.h"

#define PDF_DEFLATE_MAX_THREADS	64

struct pdf_zpages;

/* Before the first page is drawn: a queue for up to nstreams streams
 * (the pages, the fonts' files and ToUnicode maps), with up to threads
 * - 1 of the runner's workers waiting for them (none for one thread:
 * then the caller compresses each stream as it hands it in).  Each
 * compressed stream replaces its own in libharu at the next hand-in,
 * so the uncompressed streams are not all held to the end. */
struct runner;
struct pdf_zpages *pdf_zpages_start(size_t nstreams, struct runner *);

/* The page is drawn and its content stream will not change again: it
 * may be compressed from now on.  A page that is not a plain flate
 * memory stream is left to libharu. */
void	pdf_zpages_add(struct pdf_zpages *, HPDF_Page);

/* Any other stream that will not change again (a font's file, its
 * ToUnicode map).  add_filter: one libharu leaves uncompressed is
 * compressed too.  A stream that is not haru_stream_deflatable, or one
 * more than the queue holds, is left to libharu. */
void	pdf_zpages_add_stream(struct pdf_zpages *, struct haru_dict *,
	    int add_filter);

/* After the last page, before haru_save: the caller's thread
 * joins in, waits for the rest, and (use = 1) gives every compressed
 * stream to libharu as done; use = 0 only frees (drawing failed).
 * NULL does nothing. */
void	pdf_zpages_finish(struct pdf_zpages *, int use);

#endif
