/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.c - read a file whole and make it clean UTF-8 with LF endings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/file.h"
#include "util/input.h"
#include "util/utf8.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

void
input_clean(const char *path, const char *raw, size_t len, struct input *in)
{
	struct buf b;
	size_t i = 0, n, run;
	uint32_t cp;
	int line = 1, bad_line = 0;

	buf_init(&b);
	buf_grow(&b, len);
	if (len >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		/* Copy runs of plain ASCII at once: the common case. */
		for (run = i; run < len; run++) {
			unsigned char c = (unsigned char)raw[run];
			if (c >= 0x80 || c == '\r' || c == '\0')
				break;
			if (c == '\n')
				line++;
		}
		buf_put(&b, raw + i, run - i);
		if ((i = run) >= len)
			break;
		if (raw[i] == '\r') {
			buf_putc(&b, '\n');
			line++;
			i += (i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (raw[i] != '\0' && (n = utf8_decode(raw + i, len - i, &cp))) {
			buf_put(&b, raw + i, n);
			i += n;
			continue;
		}
		if (bad_line == 0)
			bad_line = line;
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
