/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/epub.c - the EPUB 3 emitter's entry point: plan the book, build
 * every XML file (xw.c's trees for XHTML and NCX, libxml2's for the OPF
 * and container), serialise it and pack it with libzip.  The pieces live in src/epub/ (see epub.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "builtin.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "epub.h"
#include "util/file.h"
#include "model/style.h"


/* Read a stylesheet; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	char *data;

	return file_read(path, (size_t)1 << 20, &data, len) == 0 ? data : NULL;
}

/*
 * The stylesheet: the file the style names (epub.css), beside the style
 * file; the built-in one when the style is the built-in one, or when its
 * epub.css is not there.
 */
static char *
find_css(const struct style *st, size_t *len)
{
	const char *name = st->epub.css;
	char path[4096];
	char *css;

	if (name[0] == '/')
		return slurp(name, len);
	if (st->dir != NULL) {
		snprintf(path, sizeof(path), "%s/%s", st->dir, name);
		if ((css = slurp(path, len)) != NULL)
			return css;
	}
	if (strcmp(name, "epub.css") != 0)
		return NULL;
	*len = quire_epub_css_len;
	return memcpy(xmalloc(*len + 1), quire_epub_css, *len + 1);
}

static int
add_tree(struct epub_zip *z, const char *name, xmlDocPtr d)
{
	unsigned char *data;
	size_t len;
	int rc;

	data = epub_serialise(d, &len);
	xmlFreeDoc(d);
	rc = epub_zip_add(z, name, data, len, 0);
	free(data);
	return rc;
}

/* A content file, written by xw.c; its bytes go to the archive as they
 * are, not copied. */
static int
add_xw(struct epub_zip *z, const char *name, struct xw_doc *d)
{
	size_t len;
	char *data = xw_serialise(d, &len);

	return epub_zip_take(z, name, data, len);
}

int
emit_epub(const struct doc *d, const struct style *st, struct runner *run,
    FILE *out)
{
	static const char mimetype[] = "application/epub+zip";
	struct epub e;
	struct epub_zip *z;
	char *css = NULL, *extra = NULL, path[64];
	size_t csslen = 0, extralen = 0, i;
	int rc = -1;

	if (epub_plan(&e, d, st) < 0)
		goto done;
	if ((css = find_css(st, &csslen)) == NULL)
		diag_warn(NULL, 0, "stylesheet %s not found; the book has "
		    "none", st->epub.css);
	e.has_css = css != NULL;
	/* A front matter's stylesheet is read at the place it was judged
	 * inside the document's folder, with no link on the way. */
	if (d->meta.css != NULL && d->meta.css_judged) {
		if (file_read_confined(d->meta.css, (size_t)1 << 20, &extra,
		    &extralen) != 0) {
			diag_warn(d->meta.css, 0, "stylesheet: %s; the book "
			    "has only its own", strerror(errno));
			extra = NULL;
		}
	} else if (d->meta.css != NULL)
		extra = slurp(d->meta.css, &extralen);
	e.extra_css = extra != NULL;
	if ((z = epub_zip_new(d->epoch)) == NULL)
		goto done;
	epub_zip_add(z, "mimetype", mimetype, strlen(mimetype), 1);
	add_tree(z, "META-INF/container.xml", epub_container());
	add_tree(z, EPUB_DIR "package.opf", epub_opf(&e));
	add_xw(z, EPUB_DIR "nav.xhtml", epub_nav(&e));
	add_xw(z, EPUB_DIR "toc.ncx", epub_ncx(&e));
	if (css != NULL)
		epub_zip_add(z, EPUB_DIR "epub.css", css, csslen, 0);
	if (extra != NULL)
		epub_zip_add(z, EPUB_DIR "extra.css", extra, extralen, 0);
	if (e.cover.data != NULL) {
		add_xw(z, EPUB_DIR "cover.xhtml", epub_coverpage(&e));
		snprintf(path, sizeof(path), EPUB_DIR "%s", e.cover.name);
		/* A generated card is text, which deflate shrinks. */
		epub_zip_add(z, path, e.cover.data, e.cover.len,
		    strcmp(e.cover.mime, "image/svg+xml") != 0);
	}
	add_xw(z, EPUB_DIR "titlepage.xhtml", epub_titlepage(&e));
	for (i = 0; i < e.nfiles; i++) {
		snprintf(path, sizeof(path), EPUB_DIR "%s", e.files[i].name);
		add_xw(z, path, epub_xhtml_file(&e, i));
	}
	for (i = 0; i < e.nimages; i++) {
		snprintf(path, sizeof(path), EPUB_DIR "%s", e.images[i].name);
		/* Compressed images gain nothing from deflate. */
		epub_zip_add(z, path, e.images[i].data, e.images[i].len, 1);
	}
	rc = epub_zip_finish(z, run, out);
done:
	free(css);
	free(extra);
	epub_plan_free(&e);
	return rc;
}
