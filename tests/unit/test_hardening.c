/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests for the hardening fixes (issue 8): metadata lists that grow
 * in linear time, "---" alone is a rule, atomic output refusing a
 * directory in the way and closing before renaming, and the parser and
 * tidy surviving nesting far deeper than any stack.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "util/input.h"
#include "read/meta.h"
#include "util/outfile.h"
#include "read/parse.h"
#include "model_fixture.h"

static int
fm(struct doc *d, const char *md)
{
	char *s = strdup(md);
	int rc = meta_front_matter(d, "t.md", 1, s, strlen(s));

	free(s);
	return rc;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_lists(void)
{
	struct doc *d = doc_new();
	struct buf b;
	char key[32];
	double t;
	size_t i, n;
	int ok;

	/* Every length across several capacity boundaries. */
	for (i = 0; i < 70; i++) {
		snprintf(key, sizeof(key), "a%zu", i);
		meta_override(d, "author.0", key);
	}
	for (n = 0; d->meta.authors[n] != NULL; n++)
		;
	CHECK("70 appended authors all kept", n == 70);
	ok = 1;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "a%zu", i);
		ok &= !strcmp(d->meta.authors[i], key);
	}
	CHECK("70 appended authors in order", ok);
	meta_override(d, "author", "solo");
	CHECK("-M author replaces the list", !strcmp(d->meta.authors[0],
	    "solo") && d->meta.authors[1] == NULL);
	doc_free(d);

	/* 20 000 authors and 20 000 keys: linear, not quadratic. */
	d = doc_new();
	buf_init(&b);
	buf_puts(&b, "---\nauthor:\n");
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "  - A%zu\n", i);
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "k%zu: v%zu\n", i, i);
	buf_puts(&b, "---\nbody\n");
	t = seconds();
	CHECK("20000 authors and keys parse", fm(d, b.data) == 0);
	t = seconds() - t;
	for (n = 0; d->meta.authors[n] != NULL; n++)
		;
	CHECK("20000 authors kept", n == 20000 &&
	    !strcmp(d->meta.authors[19999], "A19999"));
	for (n = 0; d->meta.extra[n] != NULL; n += 2)
		;
	CHECK("20000 extra keys kept", n == 40000 &&
	    !strcmp(d->meta.extra[39998], "k19999") &&
	    !strcmp(d->meta.extra[39999], "v19999"));
	/* Quadratic took 25 s and 1.6 GB; linear takes a few ms (slack
	 * for sanitizers and valgrind). */
	CHECK("20000 authors and keys in linear time", t < 5.0);
	buf_free(&b);
	doc_free(d);
}

static void
test_rule_alone(void)
{
	struct doc *d = doc_new();

	CHECK("\"---\" alone is a rule, not open front matter",
	    fm(d, "---\n") == 0);
	CHECK("\"---\" without newline is a rule", fm(d, "---") == 0);
	CHECK("\"---\" then EOF after blank is a rule", fm(d, "---\n\n") == 0);
	CHECK("unterminated front matter still an error",
	    fm(d, "---\ntitle: x\n") == -1);
	doc_free(d);
}

static void
test_empty_input(void)
{
	static const char *const raws[] = { "", "\xef\xbb\xbf" };
	struct input in;
	struct buf b;
	size_t i;

	for (i = 0; i < 2; i++) {
		input_clean("t.md", raws[i], strlen(raws[i]), &in);
		CHECK(i ? "BOM-only input is an empty string" :
		    "empty input is an empty string", in.text != NULL &&
		    in.len == 0 && in.text[0] == '\0');
		input_free(&in);
	}
	buf_init(&b);
	buf_grow(&b, 10);
	CHECK("a grown empty buffer is a string", b.data[0] == '\0');
	buf_free(&b);
}

static void
test_outfile(void)
{
	char dir[] = "/tmp/quire-unit.XXXXXX", path[128], sub[128];
	struct outfile o;
	struct stat sb;

	if (mkdtemp(dir) == NULL) {
		CHECK("mkdtemp", 0);
		return;
	}
	snprintf(sub, sizeof(sub), "%s/x.7", dir);
	mkdir(sub, 0777);
	CHECK("outfile refuses a directory at the output name",
	    outfile_open(&o, sub) == -1 && o.path == NULL && o.fp == NULL);
	rmdir(sub);

	snprintf(path, sizeof(path), "%s/y.7", dir);
	CHECK("outfile_open", outfile_open(&o, path) == 0);
	fputs("hello\n", o.fp);
	CHECK("outfile_close", outfile_close(&o) == 0 && o.fp == NULL);
	CHECK("closed but not yet renamed", stat(path, &sb) != 0 &&
	    stat(o.tmp, &sb) == 0);
	CHECK("outfile_commit after close", outfile_commit(&o) == 0);
	CHECK("renamed into place", stat(path, &sb) == 0 && sb.st_size == 6);

	CHECK("outfile_open again", outfile_open(&o, path) == 0);
	fputs("other\n", o.fp);
	snprintf(sub, sizeof(sub), "%s", o.tmp);
	outfile_abort(&o);
	CHECK("abort removes the temporary file", stat(sub, &sb) != 0);
	CHECK("abort keeps the previous output", stat(path, &sb) == 0 &&
	    sb.st_size == 6);
	unlink(path);
	CHECK("directory left empty", rmdir(dir) == 0);
}

/* Depth of the deepest node, walked with doc_next. */
static int
max_depth(const struct doc *d)
{
	struct node *n = NULL;
	int entering, depth = 0, max = 0;

	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (!entering) {
			depth--;
			continue;
		}
		if (depth > max)
			max = depth;
		if (n->first != NULL)
			depth++;
	}
	return max;
}

static void
test_deep(void)
{
	static const char *const units[] = { "- ", "> ", "1. ", "*", "[" };
	struct doc *d;
	struct buf b;
	size_t u;
	int i;

	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		buf_init(&b);
		for (i = 0; i < 50000; i++)
			buf_puts(&b, units[u]);
		buf_puts(&b, "x\n");
		d = fixture_parse("deep.md", b.data, b.len, NULL);
		CHECK("50000-deep nesting parses and tidies", max_depth(d) >= 2);
		buf_free(&b);
		doc_free(d);
	}
}

int
main(void)
{
	diag_quiet = 1;
	test_lists();
	test_rule_alone();
	test_empty_input();
	test_outfile();
	test_deep();
	return check_failed;
}
