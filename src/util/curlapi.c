/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * curlapi.c - libcurl opened on first use (see curlapi.h).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#define CURLAPI_SELF
#include "util/curlapi.h"

/* The library's run-time name (its soname since libcurl 7.16). */
#define CURL_SONAME	"libcurl.so.4"

struct curlapi curlapi;

/* One function of the library into its entry of the table (POSIX's dlsym
 * gives a function through a void pointer of the same size). */
#define FIND(field, name) do {						\
	wanted = name;							\
	if ((sym = dlsym(h, wanted)) == NULL)				\
		goto missing;						\
	memcpy(&curlapi.field, &sym, sizeof(sym));			\
} while (0)

int
curlapi_load(char *why, size_t whysz)
{
	const char *wanted = NULL, *lib = getenv("QUIRE_LIBCURL");
	void *h, *sym;

	/* QUIRE_LIBCURL names another copy of the library (a path). */
	if (lib == NULL || lib[0] == '\0')
		lib = CURL_SONAME;
	/* Kept open to the end: its atexit cleanup runs from it. */
	if ((h = dlopen(lib, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, whysz, "libcurl could not be loaded (%s)",
		    dlerror());
		return -1;
	}
	FIND(global_init, "curl_global_init");
	FIND(global_cleanup, "curl_global_cleanup");
	FIND(easy_init, "curl_easy_init");
	FIND(easy_setopt, "curl_easy_setopt");
	FIND(easy_getinfo, "curl_easy_getinfo");
	FIND(easy_cleanup, "curl_easy_cleanup");
	FIND(easy_strerror, "curl_easy_strerror");
	FIND(easy_header, "curl_easy_header");
	FIND(slist_append, "curl_slist_append");
	FIND(slist_free_all, "curl_slist_free_all");
	FIND(multi_init, "curl_multi_init");
	FIND(multi_add_handle, "curl_multi_add_handle");
	FIND(multi_remove_handle, "curl_multi_remove_handle");
	FIND(multi_perform, "curl_multi_perform");
	FIND(multi_info_read, "curl_multi_info_read");
	FIND(multi_poll, "curl_multi_poll");
	FIND(multi_cleanup, "curl_multi_cleanup");
	return 0;
missing:
	snprintf(why, whysz, "libcurl could not be loaded (%s is too old: "
	    "it has no %s)", lib, wanted);
	memset(&curlapi, 0, sizeof(curlapi));
	dlclose(h);
	return -1;
}
