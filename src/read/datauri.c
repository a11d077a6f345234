/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/datauri.c - the bytes a data: URI carries (RFC 2397):
 * "data:[<media type>][;base64],<data>".  Base64 is GLib's decoder,
 * percent-encoding util/url.c's; the media type is not trusted (the
 * caller tells the kind of picture by its first bytes).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "read/datauri.h"
#include "util/diag.h"
#include "util/url.h"

int
data_uri_is(const char *url)
{
	url += strspn(url, " \t\n");
	return strncasecmp(url, "data:", 5) == 0;
}

/* Whether the media type's parameters [s, e) end in ";base64". */
static int
is_base64(const char *s, const char *e)
{
	return e - s >= 7 && strncasecmp(e - 7, ";base64", 7) == 0;
}

int
data_uri_decode(const char *url, unsigned char **out, size_t *len,
    const char **why)
{
	const char *comma, *body;
	gsize	    n;
	guchar	   *bytes;
	char	   *text;

	url += strspn(url, " \t\n") + 5;
	*out = NULL;
	*len = 0;
	if ((comma = strchr(url, ',')) == NULL) {
		*why = "it has no comma before its data";
		return -1;
	}
	body = comma + 1;
	if (strlen(body) / 4 * 3 > DATA_URI_MAX) {
		*why = "it carries more than 8 MiB";
		return -1;
	}
	if (!is_base64(url, comma)) {
		text = pct_decode(body, strlen(body));
		*len = strlen(text);
		*out = (unsigned char *)text;
		return 0;
	}
	/* GLib's decoder skips what is not base64, line breaks among it;
	 * it wants two characters at least. */
	if (strlen(body) < 2) {
		*why = "its base64 holds nothing";
		return -1;
	}
	text = xstrdup(body);
	bytes = g_base64_decode_inplace(text, &n);
	if (n == 0) {
		free(text);
		*why = "its base64 holds nothing";
		return -1;
	}
	*out = (unsigned char *)text;
	*len = n;
	(void)bytes;	/* the same memory as text */
	return 0;
}
