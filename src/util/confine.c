/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * confine.c - the one rule for every file a document names (confine.h).
 */
#define _GNU_SOURCE		/* realpath, syscall */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

#include "util/confine.h"
#include "util/diag.h"

void
confine_init(struct confine *c)
{
	c->roots = NULL;
	c->n = 0;
}

void
confine_free(struct confine *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->roots[i]);
	free(c->roots);
	confine_init(c);
}

void
confine_add(struct confine *c, const char *dir)
{
	char *real = realpath(dir, NULL);
	size_t i;

	if (real == NULL)
		return;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->roots[i], real) == 0) {
			free(real);
			return;
		}
	c->roots = xrealloc(c->roots, (c->n + 1) * sizeof(*c->roots));
	c->roots[c->n++] = real;
}

void
confine_add_dir_of(struct confine *c, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir;

	if (slash == NULL) {
		confine_add(c, ".");
		return;
	}
	/* "/x" is in "/", not in "". */
	dir = strndup(file, slash == file ? 1 : (size_t)(slash - file));
	if (dir == NULL)
		oom();
	confine_add(c, dir);
	free(dir);
}

int
confine_under(const char *real, const char *root)
{
	size_t n = strlen(root);

	/* "/" holds everything; "/a/b" holds "/a/b/c" but not "/a/bc". */
	if (n == 1 && root[0] == '/')
		return real[0] == '/';
	return strncmp(real, root, n) == 0 && real[n] == '/';
}

/* The path the descriptor fd was opened at, from /proc/self/fd (the
 * kernel's own record, links resolved); NULL where /proc is missing. */
static char *
fd_path(int fd)
{
	char link[64], *buf = NULL;
	size_t cap = 256;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	for (;;) {
		buf = xrealloc(buf, cap);
		if ((n = readlink(link, buf, cap)) < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < cap)
			break;
		cap *= 2;
	}
	buf[n] = '\0';
	/* An anonymous or deleted file has no place to judge. */
	if (buf[0] != '/' || (n > 10 && strcmp(buf + n - 10, " (deleted)") ==
	    0)) {
		free(buf);
		return NULL;
	}
	return buf;
}

enum confine_verdict
confine_check(const struct confine *c, const char *path, char **real)
{
	enum confine_verdict v;
	struct stat sb;
	size_t i;
	int err;

	if ((*real = realpath(path, NULL)) == NULL)
		return CONFINE_MISSING;
	for (i = 0; i < c->n; i++)
		if (confine_under(*real, c->roots[i]))
			break;
	if (i == c->n) {
		free(*real);
		*real = NULL;
		return CONFINE_OUTSIDE;
	}
	/* stat, not lstat: the real path has no links left in it.  Nothing
	 * that is not a regular file is opened: opening a device may do
	 * something (a tape rewinds). */
	if (stat(*real, &sb) != 0)
		v = CONFINE_MISSING;
	else if (!S_ISREG(sb.st_mode))
		v = CONFINE_NOT_FILE;
	else
		return CONFINE_OK;
	err = errno;
	free(*real);
	*real = NULL;
	errno = err;
	return v;
}

enum confine_verdict
confine_open(const struct confine *c, const char *path, char **real, int *fd)
{
	enum confine_verdict v;
	int err;

	*fd = -1;
	if ((v = confine_check(c, path, real)) != CONFINE_OK)
		return v;
	/* The real path has no link in it and lies inside: opened with
	 * no link allowed, what is opened is that file, whatever was
	 * swapped into the path since. */
	if ((*fd = confine_reopen(*real)) != -1)
		return CONFINE_OK;
	err = errno;
	free(*real);
	*real = NULL;
	errno = err;
	return err == EINVAL ? CONFINE_NOT_FILE : err == ELOOP ?
	    CONFINE_OUTSIDE : CONFINE_MISSING;
}

/* open(2) of path with no symbolic link met anywhere on the way. */
static int
open_no_links(const char *path)
{
#ifdef SYS_openat2
	/* Set once openat2 is known to be missing, so that a run opening
	 * many files asks the kernel once. */
	static atomic_int no_openat2;
	struct open_how how;
	long fd;

	if (!atomic_load_explicit(&no_openat2, memory_order_relaxed)) {
		memset(&how, 0, sizeof(how));
		how.flags = O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
		how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
		fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
		/* An older kernel (ENOSYS) or a filter refusing the call
		 * (EPERM): the portable way below. */
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return (int)fd;
		atomic_store_explicit(&no_openat2, 1, memory_order_relaxed);
	}
#endif
	{
		int fd2 = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC |
		    O_NONBLOCK | O_NOFOLLOW);
		char *at;

		/* O_NOFOLLOW guards the last part only: the folders on the
		 * way are checked by where the file turned out to be. */
		if (fd2 == -1 || (at = fd_path(fd2)) == NULL)
			return fd2;
		if (strcmp(at, path) != 0) {
			free(at);
			close(fd2);
			errno = ELOOP;
			return -1;
		}
		free(at);
		return fd2;
	}
}

int
confine_reopen(const char *real)
{
	struct stat sb;
	int fd = open_no_links(real), err;

	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) != 0)
		err = errno;
	else if (!S_ISREG(sb.st_mode))
		err = EINVAL;
	else {
		/* Reads of a regular file ignore O_NONBLOCK; the caller's
		 * descriptor is an ordinary one all the same. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		return fd;
	}
	close(fd);
	errno = err;
	return -1;
}

const char *
confine_why(enum confine_verdict v, int err, const char *place, char *buf,
    size_t size)
{
	switch (v) {
	case CONFINE_OUTSIDE:
		snprintf(buf, size, " lies outside %s", place);
		break;
	case CONFINE_NOT_FILE:
		snprintf(buf, size, " is not a regular file");
		break;
	default:
		snprintf(buf, size, ": %s", strerror(err));
		break;
	}
	return buf;
}
