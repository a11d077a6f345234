/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linkbase.c - links leaving the document, made absolute (linkbase.h).
 * The path is taken relative to the published folder here; joining it
 * to the base, dot segments and all, is RFC 3986's reference
 * resolution, which libxml2's xmlBuildURI does.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "read/linkbase.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/url.h"

/* p normalised and absolute (relative ones under the current folder). */
static char *
absolute(const char *p)
{
	char cwd[PATH_MAX], *joined, *r;

	if (p[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return path_norm(p);
	joined = xmalloc(strlen(cwd) + strlen(p) + 2);
	strcpy(joined, cwd);
	strcat(joined, "/");
	strcat(joined, p);
	r = path_norm(joined);
	free(joined);
	return r;
}

/* target relative to the folder root: "../" for each of root's
 * segments below what they share, then the rest of target. */
static void
relative_to(const char *root, const char *target, struct buf *out)
{
	char *r = absolute(root), *t = absolute(target);
	size_t i = 0, common = 0;

	/* The last '/' both have at the same place, the end of r counting
	 * as one when t goes on below it. */
	for (; r[i] != '\0' && r[i] == t[i]; i++)
		if (r[i] == '/')
			common = i + 1;
	if (r[i] == '\0' && t[i] == '/')
		common = i + 1;
	if (r[i] == '\0' && t[i] == '\0')
		common = i;
	for (i = common; i < strlen(r); i++)
		if (i == common || r[i - 1] == '/')
			buf_puts(out, "../");
	buf_puts(out, t + common);
	free(r);
	free(t);
}

char *
link_base_url(const char *base, const char *root, const char *target,
    const char *suffix)
{
	struct buf rel, folder;
	xmlChar *esc, *url;
	char *r = NULL;

	buf_init(&rel);
	buf_init(&folder);
	relative_to(root, target, &rel);
	/* The base names a folder: "https://x.org/book" is taken as
	 * "https://x.org/book/". */
	buf_puts(&folder, base);
	if (folder.len == 0 || folder.data[folder.len - 1] != '/')
		buf_putc(&folder, '/');
	esc = xmlURIEscapeStr((const xmlChar *)(rel.data ? rel.data : ""),
	    (const xmlChar *)"/.-_~!$&'()*+,;=:@");
	buf_free(&rel);
	buf_init(&rel);
	buf_puts(&rel, esc != NULL ? (const char *)esc : "");
	buf_puts(&rel, suffix);
	url = xmlBuildURI((const xmlChar *)rel.data,
	    (const xmlChar *)folder.data);
	if (url != NULL && url_remote_ok((const char *)url))
		r = xstrdup((const char *)url);
	xmlFree(esc);
	xmlFree(url);
	buf_free(&rel);
	buf_free(&folder);
	return r;
}
