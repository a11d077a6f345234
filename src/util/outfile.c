/*
 * outfile.c - write to a temporary file, rename into place on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/outfile.h"

/*
 * Temporary files in flight, so a SIGINT, SIGTERM or SIGHUP during a run
 * removes them instead of leaving ".NAME.XXXXXX" debris beside the
 * outputs.  The handler only calls unlink(2), signal(2) and raise(3),
 * which are async-signal-safe; the table is changed with those signals
 * blocked so the handler never sees a half-updated slot.  Documents
 * published side by side (--each -j N) open files on several threads, so
 * the table is also changed under a lock: three formats for each of
 * run.c's at most 64 threads fit.
 */
#define MAX_TMP 192
static char *volatile pending[MAX_TMP];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Remove every temporary file in flight; async-signal-safe. */
static void
remove_pending(void)
{
	size_t i;

	for (i = 0; i < MAX_TMP; i++)
		if (pending[i] != NULL)
			unlink(pending[i]);
}

static void
on_fatal_signal(int sig)
{
	remove_pending();
	/* Die of the same signal, so the parent sees what happened. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, fatal_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Add (add = 1) or remove a temporary file name from the table. */
static void
track(char *tmp, int add)
{
	static int installed;
	struct sigaction sa;
	sigset_t old;
	size_t i;

	block_signals(&old);
	pthread_mutex_lock(&pending_lock);
	if (add && !installed) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		for (i = 0; i < NSIGNALS; i++) {
			struct sigaction prev;

			/* A signal ignored by our parent (nohup) stays
			 * ignored. */
			if (sigaction(fatal_signals[i], NULL, &prev) == 0 &&
			    prev.sa_handler != SIG_IGN)
				sigaction(fatal_signals[i], &sa, NULL);
		}
		installed = 1;
		diag_cleanup = remove_pending;
		/* A library that gives up by calling exit() (libhyphen and
		 * Source-highlight's parser do, out of memory) leaves no
		 * debris either; a committed or abandoned file is no longer
		 * in the table. */
		atexit(remove_pending);
	}
	for (i = 0; i < MAX_TMP; i++) {
		if (add && pending[i] == NULL) {
			pending[i] = tmp;
			break;
		}
		if (!add && pending[i] == tmp) {
			pending[i] = NULL;
			break;
		}
	}
	pthread_mutex_unlock(&pending_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* Made while another thread ran out of memory: its cleanup may
	 * have run before this was in the table. */
	if (add && diag_dying())
		unlink(tmp);
}

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

int
outfile_open(struct outfile *o, const char *path)
{
	const char *slash;
	struct stat sb;
	sigset_t old;
	int fd, err;

	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* A directory in the way would make the final rename fail after
	 * other formats were already renamed into place: refuse it now. */
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		diag_error(path, 0, "cannot write: %s", strerror(EISDIR));
		free(o->path);
		o->path = NULL;
		return -1;
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
	/* Signals wait while the file is made and recorded, so none can
	 * come between the two and leave it behind. */
	block_signals(&old);
	fd = mkstemp(o->tmp);
	err = errno;
	if (fd != -1)
		track(o->tmp, 1);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd != -1 && (o->fp = fdopen(fd, "wb")) == NULL)
		err = errno;
	if (o->fp == NULL) {
		diag_error(path, 0, "cannot write: %s", strerror(err));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
			track(o->tmp, 0);
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
	if (o->tmp != NULL) {
		unlink(o->tmp);
		track(o->tmp, 0);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int
outfile_close(struct outfile *o)
{
	int err = 0;

	if (o->fp == NULL || o->fp == stdout)
		return 0;
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
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
	if (o->fp != NULL && outfile_close(o) != 0)
		return -1;
	if (o->tmp == NULL)
		return -1;	/* already aborted */
	if (rename(o->tmp, o->path) != 0) {
		diag_error(o->path, 0, "cannot write: %s", strerror(errno));
		outfile_abort(o);
		return -1;
	}
	track(o->tmp, 0);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return 0;
}
