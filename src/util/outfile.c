/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.c - where a publication goes: a regular file (new, or one
 * already there, or one a symbolic link leads to) gets a temporary file
 * beside it, renamed into place on success; anything else (a FIFO, a
 * terminal, /dev/null, /dev/stdout) is written directly, since renaming
 * over it would replace the device or pipe with a regular file.
 */
#define _XOPEN_SOURCE 700	/* realpath */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/outfile.h"
#include "util/tmpfiles.h"

/* The process umask, read once (umask(2) can only be read by setting,
 * so two threads must not do it at once). */
static mode_t umask_value;

static void
read_umask(void)
{
	umask_value = umask(022);
	umask(umask_value);
}

static mode_t
file_mode(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, read_umask);
	return 0666 & ~umask_value;
}

int
outfile_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	/* The umask read first: no other thread's reading (which sets it
	 * for a moment) can then come between these mkdirs. */
	(void)file_mode();
	/* Each parent in turn; one that exists already is fine. */
	for (s = p + 1; rc == 0 && *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* The folder holding `path`, as a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xstrdup(path);
	dir[slash - path] = '\0';
	return dir;
}

/* The folder of `path`, resolved; NULL if it does not exist. */
static char *
real_dir(const char *path)
{
	char *dir = dir_of(path), *real = realpath(dir, NULL);

	free(dir);
	return real;
}

/*
 * Whether `path` names something in /proc, whose links (/proc/self/fd/1,
 * where /dev/stdout leads) name open files rather than places: a path
 * through them is an already open stream, to be written in place.  When
 * it is one of this process's own descriptors, *fd is its number, to be
 * duplicated as a shell does (reopening a pipe or socket can fail where
 * writing to it would not); otherwise -1.
 */
static int
in_proc(const char *path, int *fd)
{
	char *real = real_dir(path), own[48], *end;
	const char *base = strrchr(path, '/');
	size_t n;
	long v;
	int yes;

	*fd = -1;
	yes = real != NULL && (strcmp(real, "/proc") == 0 ||
	    strncmp(real, "/proc/", 6) == 0);
	n = (size_t)snprintf(own, sizeof(own), "/proc/%ld/", (long)getpid());
	base = base != NULL ? base + 1 : path;
	if (yes && strncmp(real, own, n) == 0 && strlen(real) >= 3 &&
	    strcmp(real + strlen(real) - 3, "/fd") == 0 &&
	    *base >= '0' && *base <= '9') {
		errno = 0;
		v = strtol(base, &end, 10);
		if (errno == 0 && *end == '\0' && v <= 1 << 20)
			*fd = (int)v;
	}
	free(real);
	return yes;
}

/* `link`'s target, read from the file system, relative to its folder. */
static char *
follow(const char *link, const struct stat *sb)
{
	const char *slash = strrchr(link, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - link) + 1 : 0;
	size_t cap = (size_t)sb->st_size + 1;
	char *t = xmalloc(cap > 1 ? cap : 4096), *p;
	ssize_t n;

	cap = cap > 1 ? cap : 4096;
	if ((n = readlink(link, t, cap)) < 0 || (size_t)n >= cap) {
		free(t);
		return NULL;
	}
	t[n] = '\0';
	if (t[0] == '/' || dirlen == 0)
		return t;
	p = xmalloc(dirlen + (size_t)n + 1);
	memcpy(p, link, dirlen);
	memcpy(p + dirlen, t, (size_t)n + 1);
	free(t);
	return p;
}

/*
 * Where `path` leads: symbolic links followed one at a time (as the
 * kernel would, at most 40), so a dangling one still gives the place a
 * new file is to be made.  Sets o->dest (NULL: write `path` in place)
 * and *sb (st_mode 0: nothing there yet).  Returns 0, or -1 with errno.
 */
static int
resolve(struct outfile *o, const char *path, struct stat *sb)
{
	char *p = xstrdup(path), *next;
	int hops;

	o->fd = -1;
	for (hops = 0; ; hops++) {
		if (in_proc(p, &o->fd))
			break;
		if (lstat(p, sb) != 0) {
			if (errno != ENOENT)
				break;
			sb->st_mode = 0;
			o->dest = p;
			return 0;
		}
		if (S_ISREG(sb->st_mode)) {
			o->dest = p;
			return 0;
		}
		if (S_ISDIR(sb->st_mode)) {
			free(p);
			errno = EISDIR;
			return -1;
		}
		if (!S_ISLNK(sb->st_mode))
			break;
		if (hops == 40 || (next = follow(p, sb)) == NULL) {
			free(p);
			errno = hops == 40 ? ELOOP : errno;
			return -1;
		}
		free(p);
		p = next;
	}
	free(p);
	return 0;
}

/* Write in place: the pipe, device or stream `path` leads to. */
static int
open_direct(struct outfile *o, const char *path)
{
	int fd = o->fd >= 0 ? fcntl(o->fd, F_DUPFD_CLOEXEC, 0) :
	    open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd == -1)
		return -1;
	if ((o->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return -1;
	}
	return 0;
}

/* A temporary file beside o->dest, with `mode`.  The name starts with a
 * dot so a directory listing during the run does not show it as output,
 * and it is beside the target so rename(2) is atomic (one file system). */
static int
open_atomic(struct outfile *o, mode_t mode)
{
	const char *slash = strrchr(o->dest, '/');
	int fd, err;

	o->tmp = xmalloc(strlen(o->dest) + 16);
	if (slash != NULL)
		sprintf(o->tmp, "%.*s/.%s.XXXXXX", (int)(slash - o->dest),
		    o->dest, slash + 1);
	else
		sprintf(o->tmp, ".%s.XXXXXX", o->dest);
	/* Made and recorded as one step (tmpfiles.h), so no signal can
	 * come between the two and leave it behind. */
	fd = tmpfiles_make(o->tmp);
	err = errno;
	if (fd != -1 && (o->fp = fdopen(fd, "wb")) == NULL)
		err = errno;
	if (o->fp == NULL) {
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
			tmpfiles_remove(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		errno = err;
		return -1;
	}
	/* mkstemp makes the file 0600: a new publication is for everyone
	 * the umask allows, a replaced one keeps its own mode. */
	fchmod(fd, mode);
	return 0;
}

int
outfile_open(struct outfile *o, const char *path)
{
	struct stat sb;
	int rc;

	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* A directory in the way would make the final rename fail after
	 * other formats were already renamed into place: it is refused
	 * now.  Set-user-ID and set-group-ID bits are not carried over to
	 * new content. */
	rc = resolve(o, path, &sb);
	if (rc == 0 && o->dest == NULL)
		rc = open_direct(o, path);
	else if (rc == 0)
		rc = open_atomic(o, sb.st_mode != 0 ? sb.st_mode & 0777 :
		    file_mode());
	if (rc != 0) {
		diag_error(path, 0, "cannot write: %s", strerror(errno));
		free(o->dest);
		free(o->path);
		memset(o, 0, sizeof(*o));
		return -1;
	}
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		tmpfiles_remove(o->tmp);
	}
	free(o->tmp);
	free(o->dest);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int
outfile_close(struct outfile *o)
{
	int err = 0;

	if (o->fp == NULL || o->fp == stdout)
		return 0;
	/* A pipe or device has nothing to sync (fsync fails there). */
	if (fflush(o->fp) != 0 || ferror(o->fp) ||
	    (o->tmp != NULL && fsync(fileno(o->fp)) != 0))
		err = errno ? errno : EIO;
	if (fclose(o->fp) != 0 && err == 0)
		err = errno ? errno : EIO;
	o->fp = NULL;
	if (err != 0) {
		diag_error(o->path, 0, "cannot write: %s", strerror(err));
		outfile_abort(o);
		return -1;
	}
	return 0;
}

/* Rename one closed output into place (written in place: nothing to
 * do); returns 0, or -1 after a message. */
static int
commit_one(struct outfile *o)
{
	int err = 0;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diag_error("-", 0, "cannot write: %s", strerror(errno));
			err = -1;
		}
	} else if (o->fp != NULL && outfile_close(o) != 0)
		return -1;
	else if (o->path == NULL)
		return -1;	/* already aborted */
	else if (o->tmp != NULL && rename(o->tmp, o->dest) != 0) {
		diag_error(o->path, 0, "cannot write: %s", strerror(errno));
		outfile_abort(o);
		return -1;
	} else if (o->tmp != NULL)
		tmpfiles_remove(o->tmp);
	free(o->tmp);
	free(o->dest);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return err;
}

int
outfile_commit(struct outfile *o)
{
	return outfile_commit_all(&o, 1);
}

/* One folder's lock (see outfile_commit_all). */
struct dirlock {
	int	fd;
	dev_t	dev;
	ino_t	ino;
};

static int
dirlock_cmp(const void *a, const void *b)
{
	const struct dirlock *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Lock the folder of o->dest into l[*n], unless an earlier output's
 * folder is the same one.  A folder that cannot be opened is not
 * locked: its rename fails with the reason. */
static void
dirlock_add(const struct outfile *o, struct dirlock *l, size_t *n)
{
	char *dir = dir_of(o->dest);
	struct stat sb;
	size_t i;
	int fd;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return;
	}
	for (i = 0; i < *n; i++)
		if (l[i].dev == sb.st_dev && l[i].ino == sb.st_ino) {
			close(fd);
			return;
		}
	l[(*n)++] = (struct dirlock){ fd, sb.st_dev, sb.st_ino };
}

int
outfile_commit_all(struct outfile **o, size_t n)
{
	struct dirlock *locks = xcalloc(n + 1, sizeof(*locks));
	size_t i, nlocks = 0;
	int rc = 0;

	for (i = 0; i < n; i++)
		if (o[i]->tmp != NULL)
			dirlock_add(o[i], locks, &nlocks);
	/* Every run locks its folders in one order (device, inode), so two
	 * runs never hold one each while waiting for the other's. */
	qsort(locks, nlocks, sizeof(*locks), dirlock_cmp);
	for (i = 0; i < nlocks; i++)
		while (flock(locks[i].fd, LOCK_EX) != 0 && errno == EINTR)
			;
	for (i = 0; i < n; i++)
		if (commit_one(o[i]) != 0)
			rc = -1;
	/* Closing a folder releases its lock. */
	for (i = 0; i < nlocks; i++)
		close(locks[i].fd);
	free(locks);
	return rc;
}
