/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * watchlist.c - the files a run read (see watchlist.h).  A file is kept
 * by its folder's real path and its own name: an editor that saves by
 * writing a new file and renaming it over the old one changes the
 * folder, and that is where --watch looks.
 */
#define _XOPEN_SOURCE 700	/* realpath */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/strmap.h"
#include "util/watchlist.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int on;
static struct strmap seen;
static char **files;
static size_t nfiles;

void
watchlist_free(void)
{
	pthread_mutex_lock(&lock);
	if (on)
		strmap_free(&seen);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	files = NULL;
	nfiles = 0;
	on = 0;
	pthread_mutex_unlock(&lock);
}

void
watchlist_start(void)
{
	watchlist_free();
	pthread_mutex_lock(&lock);
	strmap_init(&seen);
	on = 1;
	pthread_mutex_unlock(&lock);
}

/* "REALFOLDER/NAME" for path, or NULL when its folder does not exist. */
static char *
key(const char *path)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	char *folder = slash == NULL ? xstrdup(".") : slash == path ?
	    xstrdup("/") : strndup(path, (size_t)(slash - path));
	char real[PATH_MAX], *k = NULL;

	if (folder != NULL && *name != '\0' && realpath(folder, real) != NULL) {
		k = xmalloc(strlen(real) + strlen(name) + 2);
		strcpy(k, real);
		strcat(k, "/");
		strcat(k, name);
	}
	free(folder);
	return k;
}

void
watchlist_note(const char *path)
{
	char *k;

	/* Read without the lock: set only on the main thread, before and
	 * after the threads of a run. */
	if (!on || strcmp(path, "-") == 0 || (k = key(path)) == NULL)
		return;
	pthread_mutex_lock(&lock);
	if (strmap_get(&seen, k) == NULL) {
		files = xrealloc(files, (nfiles + 1) * sizeof(*files));
		files[nfiles++] = k;
		strmap_put(&seen, k, k);
		k = NULL;
	}
	pthread_mutex_unlock(&lock);
	free(k);
}

const char *const *
watchlist_files(size_t *n)
{
	*n = nfiles;
	return (const char *const *)files;
}
