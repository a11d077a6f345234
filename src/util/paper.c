/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * paper.c - paper sizes through libpaper; the locale's through glibc's
 * LC_PAPER (see paper.h for the order).
 */
#define _GNU_SOURCE	/* _NL_PAPER_WIDTH, _NL_PAPER_HEIGHT */
#include <langinfo.h>
#include <locale.h>
#include <paper.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/paper.h"

#define MM	(72.0 / 25.4)

/* libpaper reads its configuration once, on the first call. */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
init(void)
{
	paperinit();
}

static const struct paper *
lookup(const char *name)
{
	pthread_once(&once, init);
	return name != NULL ? paperinfo(name) : NULL;
}

/* One length of "WxH": a number and pt, mm, cm or in; the rest of s
 * in *end.  Returns points, or -1. */
static double
length(const char *s, const char **end)
{
	static const struct { const char *unit; double pt; } units[] = {
		{ "pt", 1 }, { "mm", MM }, { "cm", 10 * MM }, { "in", 72 },
	};
	char *e;
	double v = strtod(s, &e);

	if (e == s || !(v > 0) || v > 14400)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strncmp(e, units[i].unit, 2) == 0) {
			*end = e + 2;
			return v * units[i].pt;
		}
	return -1;
}

/* "150mmx200mm", "6inx9in": a custom paper; 1 with its size. */
static int
dimensions(const char *s, double *w, double *h)
{
	const char *e;

	if ((*w = length(s, &e)) < 0 || (*e != 'x' && *e != 'X') ||
	    (*h = length(e + 1, &e)) < 0 || *e != '\0')
		return 0;
	return 1;
}

int
paper_known(const char *name)
{
	double w, h;

	return strcasecmp(name, "auto") == 0 || lookup(name) != NULL ||
	    dimensions(name, &w, &h);
}

/* Whether the environment names a locale for LC_PAPER other than the
 * C one, whose paper says nothing about where the user lives. */
static int
locale_named(void)
{
	const char *v = getenv("LC_ALL");

	if (v == NULL || *v == '\0')
		v = getenv("LC_PAPER");
	if (v == NULL || *v == '\0')
		v = getenv("LANG");
	return v != NULL && *v != '\0' && strcmp(v, "POSIX") != 0 &&
	    strcmp(v, "C") != 0 && strncmp(v, "C.", 2) != 0;
}

/* The locale's paper in points, or 0 when it has none to give. */
static int
locale_paper(double *w, double *h)
{
	locale_t loc;
	unsigned mw, mh;

	if (!locale_named() ||
	    (loc = newlocale(LC_PAPER_MASK, "", (locale_t)0)) == (locale_t)0)
		return 0;
	/* glibc gives these as numbers in the pointer's bits. */
	mw = (unsigned)(uintptr_t)nl_langinfo_l(_NL_PAPER_WIDTH, loc);
	mh = (unsigned)(uintptr_t)nl_langinfo_l(_NL_PAPER_HEIGHT, loc);
	freelocale(loc);
	if (mw == 0 || mh == 0)
		return 0;
	/* The locale rounds to whole millimetres: US Letter is 216 x 279. */
	if (mw == 216 && mh == 279) {
		*w = 612;
		*h = 792;
	} else {
		*w = mw * MM;
		*h = mh * MM;
	}
	return 1;
}

void
paper_size(const char *name, double *width, double *height)
{
	const struct paper *p = NULL;
	const char *env = getenv("PAPERSIZE");
	char *sys;

	if (name != NULL && dimensions(name, width, height))
		return;
	if (name != NULL && strcasecmp(name, "auto") != 0)
		p = lookup(name);
	else if (env != NULL && *env != '\0' && (p = lookup(env)) != NULL)
		;
	else if (locale_paper(width, height))
		return;
	else if ((sys = (pthread_once(&once, init), systempapername())) !=
	    NULL) {
		p = lookup(sys);
		free(sys);
	}
	if (p == NULL) {
		*width = 210 * MM;
		*height = 297 * MM;
		return;
	}
	*width = paperpswidth(p);
	*height = paperpsheight(p);
	/* libpaper rounds A4 to whole points; the ISO size it means. */
	if (strcasecmp(papername(p), "a4") == 0) {
		*width = 210 * MM;
		*height = 297 * MM;
	}
}
