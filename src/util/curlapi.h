/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * curlapi.h - libcurl, loaded when a remote image is first fetched.
 *
 * libcurl pulls in some 25 libraries (TLS, Kerberos, LDAP, ssh,
 * HTTP/2...) whose loading and relocation cost every run of quire about
 * as much CPU as a small document's whole parse, though most runs fetch
 * nothing.  So the program is not linked with it: curlapi_load() opens
 * libcurl.so.4 the first time a URL is fetched, and the functions
 * fetch.c calls go through the table it fills (QUIRE_LIBCURL, a path,
 * names another copy of the library).  Include this after
 * <curl/curl.h>: the names below then mean the table's entries.
 */
#ifndef QUIRE_UTIL_CURLAPI_H
#define QUIRE_UTIL_CURLAPI_H

#include <stddef.h>

struct curlapi {
	CURLcode	 (*global_init)(long);
	void		 (*global_cleanup)(void);
	CURL		*(*easy_init)(void);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	void		 (*easy_cleanup)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	CURLHcode	 (*easy_header)(CURL *, const char *, size_t,
			    unsigned int, int, struct curl_header **);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
	CURLM		*(*multi_init)(void);
	CURLMcode	 (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_perform)(CURLM *, int *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	CURLMcode	 (*multi_poll)(CURLM *, struct curl_waitfd *,
			    unsigned int, int, int *);
	CURLMcode	 (*multi_cleanup)(CURLM *);
};

/* Filled by curlapi_load(). */
extern struct curlapi curlapi;

/* Open libcurl and find its functions: 0, or -1 with why (a sentence
 * naming the library and the loader's reason) written into why. */
int	curlapi_load(char *why, size_t whysz);

#ifndef CURLAPI_SELF
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init	curlapi.global_init
#define curl_global_cleanup	curlapi.global_cleanup
#define curl_easy_init		curlapi.easy_init
#define curl_easy_setopt	curlapi.easy_setopt
#define curl_easy_getinfo	curlapi.easy_getinfo
#define curl_easy_cleanup	curlapi.easy_cleanup
#define curl_easy_strerror	curlapi.easy_strerror
#define curl_easy_header	curlapi.easy_header
#define curl_slist_append	curlapi.slist_append
#define curl_slist_free_all	curlapi.slist_free_all
#define curl_multi_init		curlapi.multi_init
#define curl_multi_add_handle	curlapi.multi_add_handle
#define curl_multi_remove_handle curlapi.multi_remove_handle
#define curl_multi_perform	curlapi.multi_perform
#define curl_multi_info_read	curlapi.multi_info_read
#define curl_multi_poll		curlapi.multi_poll
#define curl_multi_cleanup	curlapi.multi_cleanup
#endif

#endif
