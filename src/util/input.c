/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.c - read a file whole and make it clean UTF-8 with LF endings.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/file.h"
#include "util/input.h"
#include "util/utf8.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/* Where the plain ASCII from raw[i] on may end, looked at 8 bytes at a
 * time: the start of the first word holding a byte of 0x80 or more, a
 * '\r' or a NUL (the caller looks at that word byte by byte). */
static size_t
plain_words(const char *raw, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t highs = 0x8080808080808080u;
	uint64_t w, cr;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, raw + i, 8);
		cr = w ^ (ones * '\r');
		/* (x - ones) & ~x & highs: a zero byte in x. */
		if ((w & highs) || ((w - ones) & ~w & highs) ||
		    ((cr - ones) & ~cr & highs))
			break;
	}
	return i;
}

/* The line number of the end of s: one more than its line ends. */
static int
lines_in(const char *s, size_t len)
{
	const char *end;
	int line = 1;

	if (len == 0)
		return line;
	for (end = s + len; (s = memchr(s, '\n', (size_t)(end - s))) != NULL;
	    s++)
		line++;
	return line;
}

void
input_clean(const char *path, const char *raw, size_t len, struct input *in)
{
	struct buf b;
	size_t i = 0, n, run;
	uint32_t cp;
	int bad_line = 0;

	buf_init(&b);
	buf_grow(&b, len);
	if (len >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		/* Copy runs of plain ASCII at once: the common case. */
		for (run = plain_words(raw, i, len); run < len; run++) {
			unsigned char c = (unsigned char)raw[run];
			if (c >= 0x80 || c == '\r' || c == '\0')
				break;
		}
		buf_put(&b, raw + i, run - i);
		if ((i = run) >= len)
			break;
		if (raw[i] == '\r') {
			buf_putc(&b, '\n');
			i += (i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (raw[i] != '\0' && (n = utf8_decode(raw + i, len - i, &cp))) {
			buf_put(&b, raw + i, n);
			i += n;
			continue;
		}
		/* The line is counted only now, in what is written: every
		 * line end there is one '\n'. */
		if (bad_line == 0)
			bad_line = lines_in(b.data, b.len);
		buf_puts(&b, replacement);
		i++;
	}
	if (bad_line)
		diag_warn(path, bad_line, "invalid UTF-8 or NUL bytes replaced "
		    "by U+FFFD (first on this line)");
	if (b.data == NULL)
		buf_puts(&b, "");
	in->text = b.data;
	in->len = b.len;
}

int
input_read(const char *path, struct input *in)
{
	return input_read_confined(path, NULL, in);
}

int
input_read_confined(const char *path, const char *real, struct input *in)
{
	char *raw;
	size_t len;
	int rc;

	in->text = NULL;
	in->len = 0;
	rc = real != NULL ? file_read_confined(real, INPUT_MAX, &raw, &len) :
	    file_read(path, INPUT_MAX, &raw, &len);
	if (rc != 0) {
		if (real != NULL && (errno == ELOOP || errno == EINVAL))
			diag_error(path, 0, "is no longer the file judged "
			    "inside the book (a link or something other than "
			    "a file was put in its path); not read");
		else if (errno == EFBIG)
			diag_error(path, 0, "larger than the %zu MiB input "
			    "limit", INPUT_MAX / (1024 * 1024));
		else
			diag_error(path, 0, "%s", strerror(errno));
		return -1;
	}
	input_clean(path, raw, len, in);
	free(raw);
	return 0;
}

void
input_free(struct input *in)
{
	free(in->text);
	in->text = NULL;
	in->len = 0;
}
