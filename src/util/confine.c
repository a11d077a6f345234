/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * confine.c - the one rule for every file a document names (confine.h).
 */
#define _XOPEN_SOURCE 700	/* realpath */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	/* stat, not lstat: the real path has no links left in it. */
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
