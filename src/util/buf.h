/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h - a growable byte buffer, NUL terminated at all times.
 */
#ifndef QUIRE_BUF_H
#define QUIRE_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_free(struct buf *);
void	buf_reset(struct buf *);
void	buf_grow(struct buf *, size_t extra);
void	buf_put(struct buf *, const char *, size_t);
void	buf_puts(struct buf *, const char *);
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
