/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: front matter, overrides, defaults. */
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "util/hash.h"
#include "read/meta.h"

/* Run meta_front_matter on a writable copy of md. */
static int
fm(struct doc *d, int first, const char *md, char **out)
{
	char *s = strdup(md);
	int rc = meta_front_matter(d, "t.md", first, s, strlen(s));

	if (out != NULL)
		*out = s;
	else
		free(s);
	return rc;
}

int
main(void)
{
	struct hash128 h;
	struct doc *d;
	char *body;

	diag_quiet = 1;
	hash128_init(&h);
	d = doc_new();
	CHECK("front matter parsed", fm(d, 1,
	    "---\ntitle: T\nauthor: [A, B]\nkeywords: x, y\nsection: 1\n"
	    "custom: c\n---\n# Body\n", &body) == 0);
	CHECK_STR("title", d->meta.title, "T");
	CHECK("authors list", d->meta.authors && !strcmp(d->meta.authors[0],
	    "A") && !strcmp(d->meta.authors[1], "B") && !d->meta.authors[2]);
	CHECK("keywords split at commas", d->meta.keywords &&
	    !strcmp(d->meta.keywords[1], "y"));
	CHECK("unknown key kept as extra", d->meta.extra &&
	    !strcmp(d->meta.extra[0], "custom") &&
	    !strcmp(d->meta.extra[1], "c"));
	CHECK("front matter blanked, lines kept", strncmp(body, "   \n", 4) == 0
	    && strstr(body, "\n# Body\n") != NULL && strchr(body, ':') == NULL);
	CHECK("line count kept", strlen(body) == strlen("---\ntitle: T\n"
	    "author: [A, B]\nkeywords: x, y\nsection: 1\ncustom: c\n---\n# Body\n"));
	free(body);
	CHECK("later file does not override", fm(d, 0,
	    "---\ntitle: Other\nsubtitle: S\nauthor: Z\n---\n", NULL) == 0 &&
	    !strcmp(d->meta.title, "T") && !strcmp(d->meta.subtitle, "S") &&
	    !strcmp(d->meta.authors[0], "A"));
	CHECK("-M overrides", meta_override(d, "title", "New") == 0 &&
	    !strcmp(d->meta.title, "New"));
	CHECK("-M author replaces the list", meta_override(d, "author", "Q") == 0
	    && !strcmp(d->meta.authors[0], "Q") && d->meta.authors[1] == NULL);
	CHECK("-M name with a slash refused", meta_override(d, "name",
	    "../x") != 0);
	CHECK("-M bad section refused", meta_override(d, "section", "x") != 0);
	CHECK("finish keeps given values", meta_finish(d, "dir/file.md", &h) == 0
	    && !strcmp(d->meta.name, "file") && !strcmp(d->meta.section, "1"));
	CHECK("identifier is a urn:uuid", !strncmp(d->meta.identifier,
	    "urn:uuid:", 9) && strlen(d->meta.identifier) == 45);
	doc_free(d);

	d = doc_new();
	CHECK("no front matter: nothing to do", fm(d, 1, "# x\n", NULL) == 0 &&
	    d->meta.title == NULL);
	CHECK("--- then blank line is a thematic break", fm(d, 1,
	    "---\n\ntext\n", NULL) == 0 && d->meta.title == NULL);
	CHECK("unclosed front matter is an error", fm(d, 1,
	    "---\ntitle: x\n", NULL) != 0);
	CHECK("malformed YAML is an error", fm(d, 1,
	    "---\ntitle: [x\n---\n", NULL) != 0);
	CHECK("aliases are refused", fm(d, 1,
	    "---\na: &a [x, x]\nb: [*a, *a]\n---\n", NULL) != 0);
	CHECK("a non-mapping is an error", fm(d, 1, "---\n- a\n- b\n---\n",
	    NULL) != 0);
	CHECK("a lone scalar is Markdown, not front matter", fm(d, 1,
	    "---\nFoo\n---\nBar\n", &body) == 0 && d->meta.title == NULL &&
	    !strcmp(body, "---\nFoo\n---\nBar\n"));
	free(body);
	CHECK("\"...\" closes too", fm(d, 1, "---\ntitle: Dots\n...\n", NULL)
	    == 0 && !strcmp(d->meta.title, "Dots"));
	doc_free(d);

	d = doc_new();
	CHECK("derived name drops the extension", meta_finish(d, "a/b.c.md", &h)
	    == 0 && !strcmp(d->meta.name, "b.c"));
	doc_free(d);
	return check_failed;
}
