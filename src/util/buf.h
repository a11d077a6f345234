/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h - a growable byte buffer, NUL terminated at all times.
 */
#ifndef QUIRE_BUF_H
#define QUIRE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_free(struct buf *);
void	buf_reset(struct buf *);
void	buf_grow(struct buf *, size_t extra);
void	buf_puts(struct buf *, const char *);
/* Inline, as buf_putc: the PDF's structure tree and object streams are
 * hundreds of thousands of pieces of a few bytes, and the call was a
 * third of their cost. */
static inline void
buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}
/* Inline, because the roff writer puts most of a man page a byte at a
 * time: a call and a memcpy per byte would cost more than the byte. */
static inline void
buf_putc(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* cp in UTF-16, as 4 or 8 hex digits: PDF text strings (ActualText) and
 * ToUnicode maps. */
void	buf_utf16hex(struct buf *, uint32_t cp);

#endif
