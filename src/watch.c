/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * watch.c - --watch (see watch.h).
 *
 * Each file read is watched through its folder, not itself: editors
 * save by writing a new file and renaming it over the old one, which a
 * watch on the old file would miss.  A change starts a quiet period
 * (DEBOUNCE_MS without events), so that a "save all" or a checkout
 * gives one rebuild, not one per file.  Every build notes the files it
 * read afresh, so a chapter added to SUMMARY.md is watched from then on.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/strmap.h"
#include "util/watchlist.h"
#include "watch.h"

#define DEBOUNCE_MS	150
#define EVENTS	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | \
		 IN_DELETE)

/* The watches of one wait: each folder once, by its watch descriptor. */
struct watches {
	int		 fd;
	char		**folder;	/* by descriptor */
	int		 nfolder;
	struct strmap	 files;		/* "FOLDER/NAME" of every file read */
	char		**keys;
	size_t		 nkeys;
};

static int
watch_folder(struct watches *w, const char *file)
{
	char *folder = strndup(file, (size_t)(strrchr(file, '/') - file));
	int wd = inotify_add_watch(w->fd, *folder ? folder : "/", EVENTS);

	if (wd < 0) {
		free(folder);
		return -1;
	}
	if (wd >= w->nfolder) {
		w->folder = xrealloc(w->folder, ((size_t)wd + 1) *
		    sizeof(*w->folder));
		memset(w->folder + w->nfolder, 0, (size_t)(wd + 1 -
		    w->nfolder) * sizeof(*w->folder));
		w->nfolder = wd + 1;
	}
	if (w->folder[wd] == NULL)
		w->folder[wd] = folder;
	else
		free(folder);
	return 0;
}

/* Watch every folder of the files the last build read; the number of
 * files watched. */
static size_t
watches_init(struct watches *w)
{
	size_t n, i, watched = 0;
	const char *const *files = watchlist_files(&n);

	memset(w, 0, sizeof(*w));
	strmap_init(&w->files);
	if ((w->fd = inotify_init1(IN_CLOEXEC)) < 0)
		return 0;
	w->keys = xcalloc(n + 1, sizeof(*w->keys));
	for (i = 0; i < n; i++) {
		w->keys[w->nkeys] = xstrdup(files[i]);
		strmap_put(&w->files, w->keys[w->nkeys++], w);
		watched += watch_folder(w, files[i]) == 0;
	}
	return watched;
}

static void
watches_free(struct watches *w)
{
	if (w->fd >= 0)
		close(w->fd);
	for (int i = 0; i < w->nfolder; i++)
		free(w->folder[i]);
	free(w->folder);
	strmap_free(&w->files);
	for (size_t i = 0; i < w->nkeys; i++)
		free(w->keys[i]);
	free(w->keys);
}

/* Read the events waiting; 1 when one is about a file read, 0 when not,
 * -1 on an error. */
static int
drain(struct watches *w)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t got = read(w->fd, buf, sizeof(buf));
	char path[8192];
	int hit = 0;

	if (got < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	for (char *p = buf; p < buf + got; p += sizeof(*ev) + ev->len) {
		ev = (const struct inotify_event *)(void *)p;
		if (ev->len == 0 || ev->wd < 0 || ev->wd >= w->nfolder ||
		    w->folder[ev->wd] == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", w->folder[ev->wd],
		    ev->name);
		hit |= strmap_get(&w->files, path) != NULL;
	}
	return hit;
}

/* Wait for a change to a file read, then for DEBOUNCE_MS of quiet.
 * Returns 0, or -1 when the watch fails. */
static int
wait_change(struct watches *w)
{
	struct pollfd p = { w->fd, POLLIN, 0 };
	int rc;

	while ((rc = drain(w)) == 0)
		;
	if (rc < 0)
		return -1;
	while (poll(&p, 1, DEBOUNCE_MS) > 0)
		if (drain(w) < 0)
			return -1;
	return 0;
}

int
watch_loop(int (*build)(void *), void *arg)
{
	struct watches w;
	double t;
	int rc, first = 1;

	for (;;) {
		watchlist_start();
		t = diag_clock();
		diag_warnings = 0;
		rc = build(arg);
		if (first)
			;
		else if (rc == EXIT_OK)
			fprintf(stderr, "quire: published again in %.0f ms\n",
			    (diag_clock() - t) * 1000);
		else
			fprintf(stderr, "quire: not published (exit %d); the "
			    "last good outputs stay\n", rc);
		if (watches_init(&w) == 0) {
			diag_error(NULL, 0, "--watch: cannot watch the inputs: "
			    "%s", w.fd < 0 ? strerror(errno) : "none read");
			watches_free(&w);
			watchlist_free();
			return rc != EXIT_OK ? rc : EXIT_INPUT;
		}
		if (first)
			fprintf(stderr, "quire: watching %zu file%s; Ctrl-C "
			    "stops\n", w.nkeys, w.nkeys == 1 ? "" : "s");
		first = 0;
		rc = wait_change(&w);
		watches_free(&w);
		if (rc != 0) {
			diag_error(NULL, 0, "--watch: %s", strerror(errno));
			watchlist_free();
			return EXIT_INPUT;
		}
	}
}
