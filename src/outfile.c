/*
 * outfile.c - write to a temporary file, rename into place on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"

/* The process umask, read once (umask(2) can only be read by setting). */
static mode_t
file_mode(void)
{
	static int known;
	static mode_t mask;

	if (!known) {
		mask = umask(022);
		umask(mask);
		known = 1;
	}
	return 0666 & ~mask;
}

int
outfile_open(struct outfile *o, const char *path)
{
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* The temporary file lives beside the target, so rename(2) is
	 * atomic (same file system).  The name starts with a dot so a
	 * directory listing during the run does not show it as output. */
	slash = strrchr(path, '/');
	o->tmp = xmalloc(strlen(path) + 16);
	if (slash != NULL)
		sprintf(o->tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		sprintf(o->tmp, ".%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) == -1 ||
	    (o->fp = fdopen(fd, "wb")) == NULL) {
		diag_error(path, 0, "cannot write: %s", strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return -1;
	}
	/* mkstemp makes the file 0600; publications are for everyone. */
	fchmod(fd, file_mode());
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int
outfile_commit(struct outfile *o)
{
	int err = 0;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diag_error("-", 0, "cannot write: %s", strerror(errno));
			err = -1;
		}
		free(o->path);
		memset(o, 0, sizeof(*o));
		return err;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
		err = errno ? errno : EIO;
	if (fclose(o->fp) != 0 && err == 0)
		err = errno ? errno : EIO;
	o->fp = NULL;
	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		diag_error(o->path, 0, "cannot write: %s", strerror(err));
		outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return 0;
}
