/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.c - read a whole file (see file.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/file.h"
#include "util/watchlist.h"

int
file_read(const char *path, size_t max, char **data, size_t *len)
{
	int is_stdin = strcmp(path, "-") == 0, err = 0;
	char chunk[65536];
	struct buf b;
	FILE *fp;
	size_t n;

	*data = NULL;
	*len = 0;
	watchlist_note(path);
	if ((fp = is_stdin ? stdin : fopen(path, "rb")) == NULL)
		return -1;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > max) {
			err = EFBIG;
			break;
		}
		buf_put(&b, chunk, n);
	}
	if (err == 0 && ferror(fp))
		err = errno ? errno : EIO;
	if (!is_stdin)
		fclose(fp);
	if (err != 0) {
		buf_free(&b);
		errno = err;
		return -1;
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	*data = b.data;
	*len = b.len;
	return 0;
}
