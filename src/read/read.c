/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read/read.c - the one document read from every input file: a book in
 * its SUMMARY's order or files in the order given, each file's front
 * matter and Markdown, the metadata's other sources layered on, its
 * values settled (model/settle.c), then the passes that need them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "model/doc.h"
#include "model/settle.h"
#include "model/tidy.h"
#include "read/book.h"
#include "read/meta.h"
#include "read/parse.h"
#include "read/read.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/input.h"

/*
 * SOURCE_DATE_EPOCH fixes every timestamp, for reproducible builds.  The
 * document's own date, when it states none, is that or else the first
 * input file's modification time, so rebuilding an unchanged page does
 * not change it either.
 */
static int
get_epoch(struct doc *d, const char *first)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	struct stat sb;
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		d->epoch = d->date_epoch = (long)time(NULL);
		if (strcmp(first, "-") != 0 && stat(first, &sb) == 0)
			d->date_epoch = (long)sb.st_mtime;
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < 0) {
		diag_error(NULL, 0, "SOURCE_DATE_EPOCH=\"%s\" is not a number "
		    "of seconds", s);
		return -1;
	}
	d->epoch = d->date_epoch = v;
	return 0;
}

/* What every input file is read with. */
struct reader {
	const struct read_request *q;
	const struct style	*st;
	const struct book	*book;	/* NULL: files in order */
	struct parser		 p;
	struct hash128		 text;	/* of every input, for the UUID */
	int			 layered;	/* layers() applied */
};

/* Whether an -M argument adds to a list (author.1=, keywords.2=) rather
 * than setting a field. */
static int
appends(const char *arg)
{
	const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');

	return dot != NULL && dot < eq;
}

/*
 * The metadata's sources above the first file's front matter, in order
 * (the later winning): book.toml, -M, --css.  Applied before the first
 * chapter's Markdown is read, so the reader's settings (smart) see them;
 * a later file's front matter only fills what is still unsaid.  -M's
 * additions to a list wait until every file is read (read_all), so
 * that a later file's authors are not taken for the first's.
 */
/* The -M arguments that add to a list (adding 1) or the others (0),
 * in order. */
static int
overrides(struct doc *d, const struct read_request *q, int adding)
{
	char *key, *eq;
	size_t i;
	int rc;

	for (i = 0; i < q->noverrides; i++) {
		if (appends(q->overrides[i]) != adding)
			continue;
		key = xstrdup(q->overrides[i]);
		eq = strchr(key, '=');
		*eq = '\0';
		rc = meta_override(d, key, eq + 1);
		free(key);
		if (rc != 0)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* One of book.toml's values (its key there: toml_key) set as the field
 * key; a bad one is named at its line of book.toml.  Returns 0 or -1. */
static int
book_field(struct doc *d, const struct book *b, const char *toml_key,
    const char *key, const char *value)
{
	char *toml;
	int rc;

	if (value == NULL)
		return 0;
	toml = xmalloc(strlen(b->root) + sizeof("/book.toml"));
	sprintf(toml, "%s/book.toml", b->root);
	rc = meta_override_from(d, toml, book_toml_line(toml, toml_key), key,
	    value);
	free(toml);
	return rc;
}

static int
layers(struct doc *d, struct reader *r)
{
	const struct book *b = r->book;
	size_t i;

	if (b != NULL && (book_field(d, b, "title", "title", b->title) != 0 ||
	    book_field(d, b, "language", "lang", b->language) != 0 ||
	    book_field(d, b, "description", "description",
	    b->description) != 0 || book_field(d, b, "site-url", "link-base",
	    b->site_url) != 0))
		return EXIT_INPUT;
	for (i = 0; b != NULL && b->authors && b->authors[i] != NULL; i++)
		if (book_field(d, b, "authors", i == 0 ? "author" : "author.1",
		    b->authors[i]) != 0)
			return EXIT_INPUT;
	r->layered = 1;
	if (overrides(d, r->q, 0) != EXIT_OK)
		return EXIT_USAGE;
	if (r->q->css != NULL && meta_override(d, "css", r->q->css) != 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

/* One input file read and parsed as the next chapter; a book's chapter
 * has its {{#include}}s expanded first (root: the book's folder). */
static int
read_chapter(struct doc *d, struct reader *r, const char *file,
    const char *real, int first, const char *root)
{
	struct input in;
	char *title = NULL;
	int rc = EXIT_OK;

	/* A book's chapter is read from the real path judged inside the
	 * book when SUMMARY.md was read, with no link allowed on the way. */
	if (input_read_confined(file, real, &in) != 0)
		return EXIT_INPUT;
	if ((root != NULL && book_includes(file, root, &in.text,
	    &in.len, &title) != 0) || meta_front_matter_in(d, file, root,
	    first, in.text, in.len) != 0)
		rc = EXIT_INPUT;
	if (rc == EXIT_OK && first && (rc = layers(d, r)) == EXIT_OK)
		settle_reading(d, r->st, r->q->plain_code);
	/* {{#title}}: below book.toml and every front matter. */
	if (title != NULL && d->meta.title == NULL)
		d->meta.title = doc_strdup(d, title);
	free(title);
	if (rc != EXIT_OK) {
		input_free(&in);
		return rc;
	}
	hash128_add(&r->text, in.text, in.len);
	hash128_add(&r->text, file, strlen(file));
	parse_chapter(&r->p, file, in.text, in.len);
	input_free(&in);
	return EXIT_OK;
}

/* An mdBook book: its chapters in SUMMARY order, part titles between,
 * nesting kept. */
static int
read_book(struct doc *d, struct reader *r, const struct book *b)
{
	size_t i;
	int rc, first = 1;

	d->book = 1;
	r->book = b;
	for (i = 0; i < b->n; i++) {
		if (b->e[i].path == NULL) {
			parse_part(&r->p, b->summary, b->e[i].line,
			    b->e[i].title);
			continue;
		}
		if ((rc = read_chapter(d, r, b->e[i].path, b->e[i].real,
		    first, b->root)) != EXIT_OK)
			return rc;
		d->root->last->u.chapter.depth = b->e[i].depth;
		d->root->last->u.chapter.unparted = b->e[i].unparted;
		first = 0;
	}
	/* A book with no chapter file (only parts and drafts) still gets
	 * book.toml, -M and --css. */
	if (!r->layered && (rc = layers(d, r)) != EXIT_OK)
		return rc;
	if (first)
		settle_reading(d, r->st, r->q->plain_code);
	return EXIT_OK;
}

/* A book is published under its title's slug ("the-rust-programming-
 * language.pdf"), not its first chapter's file name. */
static void
book_name(struct doc *d)
{
	char slug[128];

	if (d->meta.name != NULL || d->meta.title == NULL)
		return;
	tidy_slugify(d->meta.title, slug, sizeof(slug));
	d->meta.name = doc_strdup(d, slug);
}

/* The folder link-base stands for: SUMMARY.md's (a book's src/), else
 * the first input's, as the site publishes them. */
static void
site_root(struct doc *d, const char *first)
{
	const char *slash = strrchr(first, '/');

	d->site_root = strcmp(first, "-") == 0 || slash == NULL ? "." :
	    slash == first ? "/" : doc_strndup(d, first, (size_t)(slash -
	    first));
}

/* Every input read and parsed into d: a book, or files in order. */
static int
read_all(struct doc *d, struct reader *r, char **files, int nfiles)
{
	struct book b;
	int f, rc = EXIT_OK, is_book = 0;

	if (nfiles == 1 && (is_book = book_open(files[0], &b)) < 0)
		return EXIT_INPUT;
	site_root(d, is_book ? b.summary : files[0]);
	if (is_book) {
		d->book_root = doc_strdup(d, b.root);
		rc = read_book(d, r, &b);
		book_free(&b);
		r->book = NULL;
	}
	for (f = 0; !is_book && rc == EXIT_OK && f < nfiles; f++)
		rc = read_chapter(d, r, files[f], NULL, f == 0, NULL);
	if (rc == EXIT_OK)
		rc = overrides(d, r->q, 1);
	return rc;
}

/* Every input read, parsed, resolved and settled into d. */
static int
read_whole(struct doc *d, const struct read_request *q, char **files,
    int nfiles, const struct style *st)
{
	struct reader r = { q, st, NULL, { NULL, NULL, NULL }, { { 0 } }, 0 };
	int rc;

	if (get_epoch(d, files[0]) != 0)
		return EXIT_USAGE;
	hash128_init(&r.text);
	parser_init(&r.p, d, q->run);
	if ((rc = read_all(d, &r, files, nfiles)) != EXIT_OK) {
		parser_discard(&r.p);
		return rc;
	}
	settle_document(d, st);
	parse_finish(&r.p);
	if (d->book)
		book_name(d);
	if (meta_finish(d, d->root->first->u.chapter.path, &r.text) != 0)
		return EXIT_INPUT;
	settle_title(d);
	tidy_number_sections(d);
	return EXIT_OK;
}

/* The held messages in the order of the inputs: the chapters'. */
static void
flush_in_order(struct diag_buf *held, const struct doc *d)
{
	const char **files = NULL;
	size_t n = 0;

	for (const struct node *c = d->root->first; c != NULL; c = c->next)
		if (c->type == N_CHAPTER) {
			files = xrealloc(files, (n + 1) * sizeof(*files));
			files[n++] = c->u.chapter.path;
		}
	diag_buf_flush_sorted(held, files, n);
	free(files);
}

int
read_document(const struct read_request *q, char **files, int nfiles,
    const struct style *st, struct doc **out)
{
	struct doc *d = doc_new();
	struct diag_buf held, *outer;
	int rc;

	/* Every message of the reading, printed file by file, line by line
	 * (diag.h), whichever pass found it. */
	diag_buf_init_sorted(&held);
	outer = diag_capture(&held);
	rc = read_whole(d, q, files, nfiles, st);
	diag_capture(outer);
	flush_in_order(&held, d);
	*out = d;
	return rc;
}

void
read_init(void)
{
	parse_init();
}

void
read_libraries(FILE *fp)
{
	fprintf(fp, "cmark-gfm %s", parse_cmark_version());
}
