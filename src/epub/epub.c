/*
 * epub/epub.c - the EPUB 3 emitter's entry point: plan the book, build
 * every XML file as a libxml2 tree, serialise it with libxml2 and pack it
 * with libzip.  The pieces live in src/epub/ (see epub.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "emit.h"
#include "epub.h"
#include "file.h"
#include "style.h"

#ifndef QUIRE_DATADIR
#define QUIRE_DATADIR "/usr/local/share/quire"
#endif

/* Read a stylesheet; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	char *data;

	return file_read(path, (size_t)1 << 20, &data, len) == 0 ? data : NULL;
}

/*
 * The stylesheet: epub.css (or the file the style names with epub.css)
 * beside the style file, then the installed copy, then the source tree's.
 */
static char *
find_css(const struct style *st, size_t *len)
{
	const char *name = st->epub.css;
	char path[4096];
	char *css;

	if (name[0] == '/')
		return slurp(name, len);
	snprintf(path, sizeof(path), "%s/%s", st->dir, name);
	if ((css = slurp(path, len)) != NULL)
		return css;
	snprintf(path, sizeof(path), "%s/styles/%s", QUIRE_DATADIR, name);
	if ((css = slurp(path, len)) != NULL)
		return css;
	snprintf(path, sizeof(path), "styles/%s", name);
	return slurp(path, len);
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

int
emit_epub(const struct doc *d, const struct style *st, FILE *out)
{
	static const char mimetype[] = "application/epub+zip";
	struct epub e;
	struct epub_zip *z;
	char *css = NULL, path[64];
	size_t csslen = 0, i;
	int rc = -1;

	if (epub_plan(&e, d, st) < 0)
		goto done;
	if ((css = find_css(st, &csslen)) == NULL)
		diag_warn(NULL, 0, "epub.css not found; the book has no "
		    "stylesheet");
	e.has_css = css != NULL;
	if ((z = epub_zip_new(d->epoch)) == NULL)
		goto done;
	epub_zip_add(z, "mimetype", mimetype, strlen(mimetype), 1);
	add_tree(z, "META-INF/container.xml", epub_container());
	add_tree(z, EPUB_DIR "package.opf", epub_opf(&e));
	add_tree(z, EPUB_DIR "nav.xhtml", epub_nav(&e));
	add_tree(z, EPUB_DIR "toc.ncx", epub_ncx(&e));
	if (css != NULL)
		epub_zip_add(z, EPUB_DIR "epub.css", css, csslen, 0);
	add_tree(z, EPUB_DIR "titlepage.xhtml", epub_titlepage(&e));
	for (i = 0; i < e.nfiles; i++) {
		snprintf(path, sizeof(path), EPUB_DIR "%s", e.files[i].name);
		add_tree(z, path, epub_xhtml_file(&e, i));
	}
	for (i = 0; i < e.nimages; i++) {
		snprintf(path, sizeof(path), EPUB_DIR "%s", e.images[i].name);
		/* Compressed images gain nothing from deflate. */
		epub_zip_add(z, path, e.images[i].data, e.images[i].len, 1);
	}
	rc = epub_zip_finish(z, out);
done:
	free(css);
	epub_plan_free(&e);
	return rc;
}
