/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check.h - the smallest unit-test helper: one "PASS name" or
 * "FAIL name: file:line: expression" line per check (tests/run counts
 * them).  The binary exits non-zero when a check failed.
 */
#ifndef QUIRE_CHECK_H
#define QUIRE_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("PASS %s\n", (name));				\
	else {								\
		printf("FAIL %s: %s:%d: %s\n", (name), __FILE__,	\
		    __LINE__, #cond);					\
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(name, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		printf("PASS %s\n", (name));				\
	else {								\
		printf("FAIL %s: got \"%s\", want \"%s\"\n", (name),	\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
		check_failed = 1;					\
	}								\
} while (0)

#endif
