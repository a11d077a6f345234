/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fetch.c - remote images into the cache, with libcurl (see fetch.h).
 *
 * Every URL of a document is fetched at once, side by side, by one
 * curl "multi" handle on the calling thread: the transfers mostly wait
 * on the network, so no worker threads are needed.  Messages are not
 * printed here: the caller (read/resolve.c) asks for each URL's result
 * in document order, so stderr reads the same whatever finished first.
 *
 * The link-local check is made on the address curl is about to connect
 * to (CURLOPT_OPENSOCKETFUNCTION), for the first request and for every
 * redirect, so a host name that resolves to 169.254.169.254 is refused
 * as surely as the literal.  Proxies are switched off: through one, the
 * address checked would be the proxy's, not the server's.
 *
 * A cache entry is two files named by a digest of the URL: HEX holds
 * the bytes and HEX.meta the URL and its validators.  A new download is
 * written to a temporary file and renamed over HEX after HEX.meta has
 * been removed, then HEX.meta is written the same way, so a crash at any
 * point leaves either a complete entry or bytes without validators,
 * which are simply fetched again.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <netinet/in.h>
#include <curl/curl.h>

#include "util/curlapi.h"
#include "util/diag.h"
#include "util/fetch.h"
#include "util/hash.h"
#include "util/strmap.h"
#include "util/tmpfiles.h"

#ifndef QUIRE_VERSION
#define QUIRE_VERSION "0"
#endif

/* Limits: seconds per image and for the whole run (QUIRE_FETCH_TIMEOUT
 * and QUIRE_FETCH_TOTAL override them), redirects, transfers at once. */
#define PER_IMAGE_S	20
#define TOTAL_S		60
#define MAX_REDIRECTS	5
#define PARALLEL	8
/* The bytes kept to check the file's signature (an SVG's may follow an
 * XML declaration and a comment). */
#define HEAD_MAX	1024

int fetch_offline;

struct item {
	char		*url;
	char		*path;		/* the cache file: DIR/HEX */
	char		*meta;		/* DIR/HEX.meta */
	char		*tmp;		/* the download under way, or NULL */
	FILE		*fp;
	CURL		*h;
	struct curl_slist *headers;
	const struct fetch_set *set;
	long long	 got;
	int		 cached;	/* path holds this URL's earlier bytes */
	int		 ok;		/* path is the answer */
	int		 refused;	/* a link-local address was refused */
	size_t		 nhead;
	unsigned char	 head[HEAD_MAX];
	char		 etag[256], modified[64];	/* the cache's */
	char		 why[160];
};

struct fetch_set {
	struct item	*items;
	size_t		 n, cap;
	struct strmap	 index;		/* url -> item number + 1 */
	char		*dir;		/* NULL: no cache folder */
	char		 dir_why[160];
	long long	 max;
	long		 per_ms, total_ms;
	int		 offline;	/* fetch_offline or QUIRE_OFFLINE */
};

static pthread_once_t	curl_once = PTHREAD_ONCE_INIT;
static int		curl_ok;
static char		curl_why[160] = "libcurl could not start";

/* libcurl is opened here, on the first fetch (curlapi.h says why). */
static void
curl_start(void)
{
	if (curlapi_load(curl_why, sizeof(curl_why)) != 0)
		return;
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	if (curl_ok)
		atexit(curl_global_cleanup);
}

/* ---- the cache folder -------------------------------------------------- */

/* mkdir -p, private to the user as a cache should be. */
static int
make_dirs(char *path)
{
	char *p;

	for (p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = c;
			return -1;
		}
		*p = c;
		if (c == '\0')
			return 0;
	}
}

static char *
cache_dir(char *why, size_t size)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct stat sb;
	char *dir;
	size_t n;

	/* The XDG rule: a relative $XDG_CACHE_HOME is ignored. */
	if (xdg != NULL && xdg[0] == '/') {
		n = strlen(xdg) + 16;
		dir = xmalloc(n);
		snprintf(dir, n, "%s/quire/images", xdg);
	} else if (home != NULL && home[0] == '/') {
		n = strlen(home) + 24;
		dir = xmalloc(n);
		snprintf(dir, n, "%s/.cache/quire/images", home);
	} else {
		snprintf(why, size, "no cache folder: neither XDG_CACHE_HOME "
		    "nor HOME is set");
		return NULL;
	}
	if (make_dirs(dir) != 0 || stat(dir, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		snprintf(why, size, "no cache folder %.120s: %s", dir,
		    strerror(errno ? errno : ENOTDIR));
		free(dir);
		return NULL;
	}
	return dir;
}

/* ---- cache entries ---------------------------------------------------- */

static char *
entry_name(const char *dir, const char *url, const char *suffix)
{
	struct hash128 h;
	char hex[33], *name;
	size_t n;

	hash128_init(&h);
	hash128_add(&h, url, strlen(url));
	hash128_hex(&h, hex);
	n = strlen(dir) + sizeof(hex) + strlen(suffix) + 2;
	name = xmalloc(n);
	snprintf(name, n, "%s/%s%s", dir, hex, suffix);
	return name;
}

/* A line "KEY VALUE\n" of a meta file: the value into out. */
static void
meta_value(const char *line, const char *key, char *out, size_t size)
{
	size_t k = strlen(key);

	if (strncmp(line, key, k) == 0 && line[k] == ' ')
		snprintf(out, size, "%.*s", (int)strcspn(line + k + 1, "\n"),
		    line + k + 1);
}

/* Whether the cache holds this URL: its meta file names it and its
 * bytes are a regular file.  The validators go into it. */
static int
entry_read(struct item *it)
{
	char line[8192], url[8192] = "";
	struct stat sb;
	FILE *fp;

	if ((fp = fopen(it->meta, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		meta_value(line, "url", url, sizeof(url));
		meta_value(line, "etag", it->etag, sizeof(it->etag));
		meta_value(line, "last-modified", it->modified,
		    sizeof(it->modified));
	}
	fclose(fp);
	return strcmp(url, it->url) == 0 && stat(it->path, &sb) == 0 &&
	    S_ISREG(sb.st_mode);
}

/* A temporary file beside `final`, registered for removal should the
 * process die; *fpp open for writing. */
static char *
temp_beside(const char *final, FILE **fpp)
{
	size_t n = strlen(final) + 16;
	char *tmp = xmalloc(n);
	const char *slash = strrchr(final, '/');
	int fd;

	snprintf(tmp, n, "%.*s/.%s.XXXXXX", (int)(slash - final), final,
	    slash + 1);
	if ((fd = tmpfiles_make(tmp)) < 0 ||
	    (*fpp = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
			tmpfiles_remove(tmp);
		}
		free(tmp);
		return NULL;
	}
	return tmp;
}

static void
temp_drop(char **tmp)
{
	if (*tmp == NULL)
		return;
	unlink(*tmp);
	tmpfiles_remove(*tmp);
	free(*tmp);
	*tmp = NULL;
}

/* A response header of the last answer, or "". */
static const char *
header(CURL *h, const char *name)
{
	struct curl_header *hd;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return "";
	return strchr(hd->value, '\n') == NULL ? hd->value : "";
}

/* The download becomes the entry: meta removed, bytes renamed into
 * place, then the new meta written and renamed.  0 or -1 (why set). */
static int
entry_commit(struct item *it)
{
	FILE *fp;
	char *tmp;
	int bad;

	unlink(it->meta);
	if (rename(it->tmp, it->path) != 0) {
		snprintf(it->why, sizeof(it->why), "cannot store it in the "
		    "cache: %s", strerror(errno));
		return -1;
	}
	tmpfiles_remove(it->tmp);
	free(it->tmp);
	it->tmp = NULL;
	/* Without a meta file the bytes are still used, this once. */
	if ((tmp = temp_beside(it->meta, &fp)) == NULL)
		return 0;
	fprintf(fp, "quire-cache 1\nurl %s\n", it->url);
	if (*header(it->h, "ETag") != '\0')
		fprintf(fp, "etag %s\n", header(it->h, "ETag"));
	if (*header(it->h, "Last-Modified") != '\0')
		fprintf(fp, "last-modified %s\n",
		    header(it->h, "Last-Modified"));
	bad = ferror(fp);
	bad |= fclose(fp) != 0;
	if (bad || rename(tmp, it->meta) != 0)
		unlink(tmp);
	tmpfiles_remove(tmp);
	free(tmp);
	return 0;
}

/* ---- what may be fetched ---------------------------------------------- */

/* 169.254.0.0/16 and fe80::/10, the first also within an IPv6
 * address: where cloud metadata services answer. */
static int
link_local(const struct sockaddr *sa)
{
	const unsigned char *b;

	if (sa->sa_family == AF_INET) {
		b = (const unsigned char *)
		    &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
		return b[0] == 169 && b[1] == 254;
	}
	if (sa->sa_family != AF_INET6)
		return 0;
	b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return 1;
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0xff, 0xff };
	/* The NAT64 prefix 64:ff9b::/96 reaches IPv4 addresses too. */
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0,
	    0, 0, 0, 0, 0, 0 };
	return (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0) &&
	    b[12] == 169 && b[13] == 254;
}

static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct item *it = arg;

	if (purpose == CURLSOCKTYPE_IPCXN && link_local(&a->addr)) {
		it->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* image/..., or the generic binary types some servers give everything;
 * with no type at all the file's first bytes decide. */
static int
image_type(const char *type)
{
	return type == NULL || strncasecmp(type, "image/", 6) == 0 ||
	    strncasecmp(type, "application/octet-stream", 24) == 0 ||
	    strncasecmp(type, "binary/octet-stream", 19) == 0;
}

/* PNG, JPEG, GIF, WebP or SVG by the first bytes. */
static int
signature_ok(const unsigned char *b, size_t n)
{
	if ((n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) ||
	    (n >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0) ||
	    (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0)) ||
	    (n >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0))
		return 1;
	/* SVG: markup whose first element is <svg. */
	while (n > 0 && (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n' ||
	    *b == 0xef || *b == 0xbb || *b == 0xbf))
		b++, n--;
	if (n < 5 || *b != '<')
		return 0;
	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(b + i, "<svg", 4) == 0)
			return 1;
	return 0;
}

/* curl's write callback: the body, checked as it comes. */
static size_t
on_data(char *p, size_t size, size_t nmemb, void *arg)
{
	struct item *it = arg;
	size_t n = size * nmemb, k;
	char *type = NULL;

	if (it->fp == NULL) {
		curl_easy_getinfo(it->h, CURLINFO_CONTENT_TYPE, &type);
		if (!image_type(type)) {
			snprintf(it->why, sizeof(it->why), "not an image: "
			    "%.60s", type);
			return 0;
		}
		if ((it->tmp = temp_beside(it->path, &it->fp)) == NULL) {
			snprintf(it->why, sizeof(it->why), "cannot write to "
			    "the cache: %s", strerror(errno));
			return 0;
		}
	}
	if (it->got + (long long)n > it->set->max) {
		snprintf(it->why, sizeof(it->why), "larger than %lld MiB",
		    it->set->max >> 20);
		return 0;
	}
	k = n < HEAD_MAX - it->nhead ? n : HEAD_MAX - it->nhead;
	memcpy(it->head + it->nhead, p, k);
	it->nhead += k;
	it->got += (long long)n;
	return fwrite(p, 1, n, it->fp);
}

/* ---- transfers ---------------------------------------------------------- */

static CURL *
handle_for(struct item *it)
{
	const struct fetch_set *s = it->set;
	char line[320];
	CURL *h;

	if ((h = curl_easy_init()) == NULL)
		return NULL;
	it->h = h;
	curl_easy_setopt(h, CURLOPT_URL, it->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, it);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, it);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, s->per_ms);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, it);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "quire/" QUIRE_VERSION);
	it->headers = curl_slist_append(NULL, "Accept: image/*");
	if (it->cached && it->etag[0] != '\0') {
		snprintf(line, sizeof(line), "If-None-Match: %s", it->etag);
		it->headers = curl_slist_append(it->headers, line);
	}
	if (it->cached && it->modified[0] != '\0') {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
		    it->modified);
		it->headers = curl_slist_append(it->headers, line);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, it->headers);
	return h;
}

/* Why a transfer failed, in words, unless on_data said already. */
static void
failure(struct item *it, CURLcode rc, long status)
{
	if (it->why[0] != '\0')
		return;
	if (it->refused)
		snprintf(it->why, sizeof(it->why), "it leads to a link-local "
		    "address");
	else if (rc == CURLE_HTTP_RETURNED_ERROR || rc == CURLE_OK)
		snprintf(it->why, sizeof(it->why), "HTTP %ld", status);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(it->why, sizeof(it->why), "more than %d redirects",
		    MAX_REDIRECTS);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(it->why, sizeof(it->why), "no answer within %ld s",
		    it->set->per_ms / 1000);
	else if (rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(it->why, sizeof(it->why), "larger than %lld MiB",
		    it->set->max >> 20);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		snprintf(it->why, sizeof(it->why), "a redirect to a scheme "
		    "other than http or https");
	else
		snprintf(it->why, sizeof(it->why), "%s",
		    curl_easy_strerror(rc));
}

/* Whether rc says the server could not be reached or did not answer
 * in full, rather than that it answered with something else. */
static int
network_failed(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return 1;
	default:
		return 0;
	}
}

/* A transfer is over: the entry stored, or why not. */
static void
finish(struct item *it, CURLcode rc)
{
	long status = 0;
	int bad = 0;

	curl_easy_getinfo(it->h, CURLINFO_RESPONSE_CODE, &status);
	if (it->fp != NULL) {
		bad = ferror(it->fp);
		bad |= fclose(it->fp) != 0;
		it->fp = NULL;
	}
	if (rc == CURLE_OK && status == 304 && it->cached)
		it->ok = 1;
	else if (rc == CURLE_OK && status / 100 == 2 && it->tmp != NULL) {
		if (bad)
			snprintf(it->why, sizeof(it->why), "cannot write to "
			    "the cache: %s", strerror(errno));
		else if (!signature_ok(it->head, it->nhead))
			snprintf(it->why, sizeof(it->why), "not PNG, JPEG, "
			    "GIF, WebP or SVG by its first bytes");
		else
			it->ok = entry_commit(it) == 0;
	} else if (rc == CURLE_OK && it->tmp == NULL)
		snprintf(it->why, sizeof(it->why), "an empty answer "
		    "(HTTP %ld)", status);
	else
		failure(it, rc, status);
	temp_drop(&it->tmp);
	/* The network failed, not the image: the copy fetched before is
	 * still the best there is. */
	if (!it->ok && it->cached && network_failed(rc) && !it->refused) {
		it->ok = 1;
		if (diag_verbose)
			diag_note("%s: %s; using the cached copy", it->url,
			    it->why);
	}
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Start transfers until PARALLEL run (a queue of our own: curl would
 * count a waiting transfer's time against its limit). */
static size_t
start_more(CURLM *m, struct fetch_set *s, size_t next, size_t *active)
{
	struct item *it;

	while (*active < PARALLEL && next < s->n) {
		it = &s->items[next++];
		if (handle_for(it) != NULL &&
		    curl_multi_add_handle(m, it->h) == CURLM_OK) {
			(*active)++;
			continue;
		}
		snprintf(it->why, sizeof(it->why), "libcurl could not start "
		    "a transfer");
		if (it->h != NULL)
			curl_easy_cleanup(it->h);
		it->h = NULL;
	}
	return next;
}

/* Every transfer of the set side by side, until done or out of time. */
static void
transfer_all(struct fetch_set *s)
{
	CURLM *m = curl_multi_init();
	long deadline = now_ms() + s->total_ms, left = 1;
	struct item *it;
	CURLMsg *msg;
	int running, queued;
	size_t i, next = 0, active = 0;

	if (m == NULL)
		oom();
	while ((next = start_more(m, s, next, &active)) < s->n || active > 0) {
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &queued)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&it);
			finish(it, msg->data.result);
			curl_multi_remove_handle(m, it->h);
			curl_easy_cleanup(it->h);
			it->h = NULL;
			active--;
		}
		if ((left = deadline - now_ms()) <= 0)
			break;
		if (active > 0)
			curl_multi_poll(m, NULL, 0, left < 1000 ? (int)left :
			    1000, NULL);
	}
	/* Out of time: those under way stop, those waiting never start. */
	for (i = 0; left <= 0 && i < s->n; i++) {
		it = &s->items[i];
		if (it->h == NULL && (i < next || it->why[0] != '\0'))
			continue;
		snprintf(it->why, sizeof(it->why), "the run's %ld s for "
		    "fetching images ran out", s->total_ms / 1000);
		if (it->h == NULL) {
			it->ok = it->cached;
			continue;
		}
		finish(it, CURLE_OPERATION_TIMEDOUT);
		curl_multi_remove_handle(m, it->h);
		curl_easy_cleanup(it->h);
		it->h = NULL;
	}
	curl_multi_cleanup(m);
}

/* ---- the set ------------------------------------------------------------- */

/* Seconds from the environment (a test's short limits), else def. */
static long
limit_ms(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	double s;

	if (v == NULL || *v == '\0')
		return def * 1000;
	s = strtod(v, &end);
	return *end == '\0' && s > 0 && s < 86400 ? (long)(s * 1000) :
	    def * 1000;
}

struct fetch_set *
fetch_new(long long max_bytes)
{
	struct fetch_set *s = xcalloc(1, sizeof(*s));
	const char *off = getenv("QUIRE_OFFLINE");

	strmap_init(&s->index);
	s->max = max_bytes;
	s->per_ms = limit_ms("QUIRE_FETCH_TIMEOUT", PER_IMAGE_S);
	s->total_ms = limit_ms("QUIRE_FETCH_TOTAL", TOTAL_S);
	s->offline = fetch_offline ||
	    (off != NULL && *off != '\0' && strcmp(off, "0") != 0);
	return s;
}

void
fetch_want(struct fetch_set *s, const char *url)
{
	struct item *it;

	if (strmap_get(&s->index, url) != NULL)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
	}
	it = &s->items[s->n++];
	memset(it, 0, sizeof(*it));
	it->url = xstrdup(url);
	strmap_put(&s->index, it->url, (void *)(uintptr_t)s->n);
}

void
fetch_run(struct fetch_set *s)
{
	struct item *it;
	size_t i;
	int online = 0;

	if (s->n == 0)
		return;
	s->dir = cache_dir(s->dir_why, sizeof(s->dir_why));
	for (i = 0; i < s->n; i++) {
		it = &s->items[i];
		it->set = s;
		if (s->dir == NULL) {
			snprintf(it->why, sizeof(it->why), "%s", s->dir_why);
			continue;
		}
		it->path = entry_name(s->dir, it->url, "");
		it->meta = entry_name(s->dir, it->url, ".meta");
		it->cached = entry_read(it);
		if (s->offline && !(it->ok = it->cached))
			snprintf(it->why, sizeof(it->why), "--offline, and it "
			    "is not in the cache");
		online |= !s->offline;
	}
	if (!online)
		return;
	pthread_once(&curl_once, curl_start);
	if (curl_ok)
		transfer_all(s);
	else
		for (i = 0; i < s->n; i++)
			snprintf(s->items[i].why, sizeof(s->items[i].why),
			    "%s", curl_why);
}

const char *
fetch_path(const struct fetch_set *s, const char *url, const char **why)
{
	uintptr_t k = (uintptr_t)strmap_get(&s->index, url);
	const struct item *it;

	if (k == 0) {
		*why = "never asked for";
		return NULL;
	}
	it = &s->items[k - 1];
	*why = it->why;
	return it->ok ? it->path : NULL;
}

const char *
fetch_dir(const struct fetch_set *s)
{
	return s->dir;
}

void
fetch_free(struct fetch_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		/* Only a transfer made headers, and only then is libcurl
		 * open. */
		if (s->items[i].headers != NULL)
			curl_slist_free_all(s->items[i].headers);
		free(s->items[i].url);
		free(s->items[i].path);
		free(s->items[i].meta);
	}
	free(s->items);
	free(s->dir);
	strmap_free(&s->index);
	free(s);
}
