/*
 * pdf/deflate.h - the pages' content streams compressed side by side
 * before libharu saves the file, with the bytes libharu would write.
 */
#ifndef QUIRE_PDF_DEFLATE_H
#define QUIRE_PDF_DEFLATE_H

#include <hpdf.h>

#define PDF_DEFLATE_MAX_THREADS	64

/*
 * Call after the last page is drawn, before HPDF_SaveToStream: every
 * page's content stream is compressed on up to `threads` threads (the
 * caller's among them) and handed back to libharu as done.  With one
 * thread, or a few pages, it does nothing and libharu compresses as
 * usual; a stream it cannot compress is also left to libharu.
 */
void	pdf_deflate_pages(HPDF_Doc pdf, int threads);

#endif
