/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.c - read a whole file (see file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/confine.h"
#include "util/file.h"
#include "util/watchlist.h"

int
file_read_fd(int fd, size_t max, char **data, size_t *len)
{
	char chunk[65536];
	struct buf b;
	ssize_t n;
	int err = 0;

	*data = NULL;
	*len = 0;
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno ? errno : EIO;
			break;
		}
		if (b.len + (size_t)n > max) {
			err = EFBIG;
			break;
		}
		buf_put(&b, chunk, (size_t)n);
	}
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

/* file_read_fd, then the descriptor closed, keeping the reading's errno. */
static int
read_and_close(int fd, size_t max, char **data, size_t *len)
{
	int rc = file_read_fd(fd, max, data, len), err = errno;

	close(fd);
	errno = err;
	return rc;
}

int
file_read(const char *path, size_t max, char **data, size_t *len)
{
	int fd;

	*data = NULL;
	*len = 0;
	watchlist_note(path);
	if (strcmp(path, "-") == 0)
		return file_read_fd(STDIN_FILENO, max, data, len);
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return -1;
	return read_and_close(fd, max, data, len);
}

int
file_read_confined(const char *real, size_t max, char **data, size_t *len)
{
	int fd;

	*data = NULL;
	*len = 0;
	watchlist_note(real);
	if ((fd = confine_reopen(real)) == -1)
		return -1;
	return read_and_close(fd, max, data, len);
}
