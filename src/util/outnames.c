/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outnames.c - each input's folder relative to the inputs' common
 * folder, for --each (see outnames.h).
 */
#define _XOPEN_SOURCE 700	/* realpath */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/outnames.h"

/* The resolved folder holding `file` (a trailing '/' of a book's folder
 * ignored), or NULL. */
static char *
folder_of(const char *file)
{
	char *dir = xstrdup(file), *slash, *real;
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	/* A missing input is not published: it must not move the others. */
	if (strcmp(file, "-") == 0 || access(file, F_OK) != 0)
		real = NULL;
	else if ((slash = strrchr(dir, '/')) == NULL)
		real = realpath(".", NULL);
	else {
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		real = realpath(dir, NULL);
	}
	free(dir);
	return real;
}

/* The length of the longest folder that holds both a and b (whole path
 * components only). */
static size_t
common_len(const char *a, const char *b)
{
	size_t i = 0, last = 0;

	for (; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '/')
			last = i;
	if ((a[i] == '\0' || a[i] == '/') && (b[i] == '\0' || b[i] == '/'))
		last = i;
	return last;
}

char **
outnames_folders(char *const *files, size_t n)
{
	char **real = xcalloc(n + 1, sizeof(*real));
	char **rel = xcalloc(n + 1, sizeof(*rel));
	const char *first = NULL;
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		if ((real[i] = folder_of(files[i])) == NULL)
			continue;
		if (first == NULL) {
			first = real[i];
			len = strlen(first);
		} else if (common_len(first, real[i]) < len)
			len = common_len(first, real[i]);
	}
	for (i = 0; i < n; i++) {
		const char *r = real[i] != NULL ? real[i] + len : "";

		while (*r == '/')
			r++;
		rel[i] = xstrdup(r);
		free(real[i]);
	}
	free(real);
	return rel;
}
