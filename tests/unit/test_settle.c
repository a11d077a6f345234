/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_settle.c - settle.c: each value merged once, in the documented
 * order (style < front matter < book.toml < -M), into typed values.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/meta.h"
#include "model/settle.h"
#include "model/style.h"

/* A fresh document whose first file's front matter is fm (may be NULL),
 * then -M key=value pairs (m: "k", "v", ..., NULL), settled with st. */
static struct doc *
settled(const char *fm, const char *const *m, const struct style *st,
    int book)
{
	struct doc *d = doc_new();
	char *text = NULL;

	d->book = book;
	if (fm != NULL) {
		text = strdup(fm);
		(void)meta_front_matter(d, "t.md", 1, text, strlen(text));
	}
	for (; m != NULL && m[0] != NULL; m += 2)
		(void)meta_override(d, m[0], m[1]);
	settle_reading(d, st, 0);
	settle_document(d, st);
	free(text);
	return d;
}

int
main(void)
{
	struct style *st = style_load(NULL), *letter = style_load(NULL);
	struct doc *d;

	diag_quiet = 1;
	style_set(letter, "pdf.paper", "letter");
	style_set(letter, "code.highlight", "false");
	style_set(letter, "pdf.toc", "yes");

	d = settled(NULL, NULL, st, 0);
	CHECK("lang defaults to en", !strcmp(d->meta.lang, "en"));
	CHECK("an English document is ltr, paragraphs finding their own",
	    d->set.dir == TD_LTR && d->set.dir_auto);
	CHECK("A4 in points", d->set.page_width > 595.27 &&
	    d->set.page_width < 595.28 && d->set.page_height > 841.88 &&
	    d->set.page_height < 841.9);
	CHECK("a handout has no contents, title page or numbers",
	    !d->set.toc && !d->set.titlepage && !d->set.number_sections);
	CHECK("highlighting on by the built-in style", d->set.highlight);
	doc_free(d);

	d = settled(NULL, NULL, st, 1);
	CHECK("a book has contents, title page and numbers", d->set.toc &&
	    d->set.titlepage && d->set.number_sections);
	doc_free(d);

	d = settled("---\nlang: ar\n---\n", NULL, st, 0);
	CHECK("Arabic is rtl, not auto", d->set.dir == TD_RTL &&
	    !d->set.dir_auto);
	doc_free(d);

	d = settled("---\nlang: az-Latn\ndir: rtl\n---\n", NULL, st, 0);
	CHECK("dir: rtl wins over a ltr script", d->set.dir == TD_RTL);
	doc_free(d);

	d = settled("---\nlang: he\n---\n", (const char *const[]){ "dir", "ltr",
	    NULL }, st, 0);
	CHECK("-M dir=ltr wins over the language", d->set.dir == TD_LTR &&
	    !d->set.dir_auto);
	doc_free(d);

	d = settled(NULL, NULL, letter, 0);
	CHECK("letter from the style, in points", d->set.page_width == 612 &&
	    d->set.page_height == 792);
	CHECK("style turns highlighting off", !d->set.highlight);
	CHECK("style's pdf.toc wins over a handout's default", d->set.toc);
	doc_free(d);

	d = settled("---\nhighlight: true\ntoc: false\n---\n", NULL, letter, 0);
	CHECK("front matter wins over the style", d->set.highlight &&
	    !d->set.toc);
	doc_free(d);

	d = settled("---\nhighlight: true\nsmart: true\n---\n",
	    (const char *const[]){ "highlight", "false", "smart", "false",
	    NULL }, st, 0);
	CHECK("-M wins over the front matter", !d->set.highlight &&
	    !d->set.smart);
	doc_free(d);

	d = settled("---\ntoc-depth: 2\n---\n", NULL, st, 0);
	CHECK("toc-depth settles every depth", d->set.pdf_toc_depth == 2 &&
	    d->set.epub_toc_depth == 2 && d->set.number_depth == 2);
	doc_free(d);

	CHECK("rtl scripts by subtag", settle_rtl_lang("az-Arab") &&
	    !settle_rtl_lang("ku-Latn") && settle_rtl_lang("FA") &&
	    !settle_rtl_lang("en-GB"));
	style_free(st);
	style_free(letter);
	return check_failed;
}
