/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meta_value.c - the metadata's values checked and kept: lists in the
 * arena, man sections, output names.  Apart from meta.c so that the man
 * page conventions (manpage.c), which meta.c calls, can use them too.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc.h"
#include "read/meta.h"

/*
 * Append to a NULL-terminated list in the arena.  A list of n entries
 * always lives in an array of list_cap(n) slots (a power of two), so
 * most appends write in place: a front matter with 20 000 authors or keys
 * must not cost n^2 copies (nor n^2 bytes of arena).  Every list of the
 * metadata is made here, so the invariant holds.
 */
static size_t
list_cap(size_t n)
{
	size_t cap = 4;

	while (cap < n + 1)
		cap *= 2;
	return cap;
}

/*
 * The length of such a list without walking it: slots [0, n) are set and
 * [n, list_cap(n)) are NULL (the arena zeroes), so gallop over indexes
 * 2^k - 1, which stay inside the array, then search by halves.
 */
static size_t
list_len(const char **list)
{
	size_t lo = 0, hi = 1, mid;

	if (list == NULL || list[0] == NULL)
		return 0;
	/* Invariant: list[lo] != NULL; find hi with list[hi] == NULL. */
	while (list[hi] != NULL) {
		lo = hi;
		hi = hi * 2 + 1;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (list[mid] != NULL)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

const char **
meta_list_add(struct doc *d, const char **list, const char *v)
{
	size_t n = list_len(list);
	const char **nl = list;

	if (list == NULL || n + 2 > list_cap(n)) {
		nl = doc_alloc(d, list_cap(n + 1) * sizeof(*nl));
		if (n)
			memcpy(nl, list, n * sizeof(*nl));
	}
	nl[n] = doc_strdup(d, v);
	nl[n + 1] = NULL;
	return nl;
}

int
meta_valid_section(const char *s)
{
	/* "n" (Tcl's and other new commands) and "l" (local) are old
	 * sections man(1) still searches; "0p" holds POSIX headers. */
	if (!strcmp(s, "n") || !strcmp(s, "l") || !strcmp(s, "0p"))
		return 1;
	if (*s < '1' || *s > '9')
		return 0;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s))
			return 0;
	return 1;
}

/* A name becomes a file name in the output directory: keep it there. */
int
meta_valid_name(const char *s)
{
	return *s != '\0' && strchr(s, '/') == NULL &&
	    strstr(s, "..") == NULL && *s != '.';
}
