/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diag.c - messages and the allocation wrappers.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/strmap.h"

int diag_quiet;
int diag_verbose;
int diag_warnings;

/* A message of a sorted buffer, with its place. */
struct diag_entry {
	char	*file;		/* NULL: about no input */
	int	 line;
	size_t	 seq;		/* the order it came in */
	int	 rank;		/* the file's place among the inputs */
	char	*text;		/* the whole line */
	size_t	 len;
	const char *kind;	/* a warning's format string; NULL: error */
};

/* Of one kind of warning (one format string), a sorted buffer prints
 * this many, then a line that counts the rest. */
#define SAID_OF_A_KIND	5

/* Where this thread's messages go: a buffer, or stderr when NULL.  Only
 * the thread itself reads or sets it, so it needs no lock. */
static _Thread_local struct diag_buf *capture;

void
diag_buf_init(struct diag_buf *b)
{
	memset(b, 0, sizeof(*b));
	/* Without a memory stream the messages still come out, only
	 * unordered. */
	b->fp = open_memstream(&b->data, &b->len);
}

struct diag_buf *
diag_capture(struct diag_buf *b)
{
	struct diag_buf *prev = capture;

	capture = b != NULL && b->fp != NULL ? b : NULL;
	return prev;
}

/* Into the thread's own capture when there is one: a document published
 * beside others (--each) holds its formats' messages as well. */
/* A sorted buffer's messages, in their order now; freed. */
static void
release(struct diag_buf *b, FILE *to, int print)
{
	for (size_t i = 0; i < b->nent; i++) {
		if (print)
			fwrite(b->ent[i].text, 1, b->ent[i].len, to);
		free(b->ent[i].text);
		free(b->ent[i].file);
	}
	free(b->ent);
}

void
diag_buf_flush(struct diag_buf *b, int print)
{
	FILE *to = capture != NULL ? capture->fp : stderr;

	release(b, to, print);

	if (b->fp != NULL && fclose(b->fp) == 0 && print && b->len > 0)
		fwrite(b->data, 1, b->len, to);
	if (print && capture != NULL)
		capture->warnings += b->warnings;
	else if (print)
		diag_warnings += b->warnings;
	free(b->data);
	memset(b, 0, sizeof(*b));
}


void
diag_buf_init_sorted(struct diag_buf *b)
{
	diag_buf_init(b);
	b->sorted = 1;
}

/* One message into a sorted buffer, kept apart with its place. */
static void
hold(struct diag_buf *b, const char *file, int line, const char *text,
    size_t len, const char *kind)
{
	struct diag_entry *e;

	if (b->nent == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->ent = xrealloc(b->ent, b->cap * sizeof(*b->ent));
	}
	e = &b->ent[b->nent];
	e->file = file != NULL ? xstrdup(file) : NULL;
	e->line = line;
	e->seq = b->nent++;
	e->text = xmalloc(len + 1);
	memcpy(e->text, text, len + 1);
	e->len = len;
	e->kind = kind;
}

static int
by_place(const void *pa, const void *pb)
{
	const struct diag_entry *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->rank >= 0 && a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Past SAID_OF_A_KIND warnings of one kind, the rest are dropped and the
 * last one said is followed by a count ("and 39 more like it").  A kind
 * is a format string: the same warning about other files or words.
 */
/* A kind of warning met in a sorted buffer. */
struct kind {
	const char	*fmt;
	size_t		 count, last;	/* last: the index of the last said */
};

/* The kind of e in kinds[0..*n) (added when new); few kinds exist, as
 * few as quire's format strings, so a scan is enough. */
static struct kind *
kind_of(struct kind **kinds, size_t *n, const struct diag_entry *e)
{
	size_t k;

	for (k = 0; k < *n && (*kinds)[k].fmt != e->kind; k++)
		;
	if (k == *n) {
		*kinds = xrealloc(*kinds, (*n + 1) * sizeof(**kinds));
		(*kinds)[(*n)++] = (struct kind){ e->kind, 0, 0 };
	}
	return &(*kinds)[k];
}

/*
 * Past SAID_OF_A_KIND warnings of one kind, the rest are dropped and the
 * last one said is followed by a count ("and 39 more like it").  A kind
 * is a format string: the same warning about other files or words.
 */
static void
summarise(struct diag_buf *b)
{
	struct kind *kinds = NULL, *k;
	size_t i, o = 0, nk = 0, more;
	struct diag_entry *e;

	for (i = 0; i < b->nent; i++)
		if (b->ent[i].kind != NULL &&
		    ++(k = kind_of(&kinds, &nk, &b->ent[i]))->count <=
		    SAID_OF_A_KIND)
			k->last = i;
	for (i = 0; i < b->nent; i++) {
		e = &b->ent[i];
		k = e->kind != NULL ? kind_of(&kinds, &nk, e) : NULL;
		more = k != NULL && k->count > SAID_OF_A_KIND ?
		    k->count - SAID_OF_A_KIND : 0;
		if (more > 0 && i > k->last) {
			free(e->text);
			free(e->file);
			continue;
		}
		if (more > 0 && i == k->last) {
			char line[96];
			size_t n = (size_t)snprintf(line, sizeof(line),
			    "quire: ... and %zu more warning%s like it\n",
			    more, more == 1 ? "" : "s");

			e->text = xrealloc(e->text, e->len + n + 1);
			memcpy(e->text + e->len, line, n + 1);
			e->len += n;
		}
		b->ent[o++] = *e;
	}
	b->nent = o;
	free(kinds);
}

void
diag_buf_flush_sorted(struct diag_buf *b, const char *const *files,
    size_t n)
{
	size_t i;
	struct diag_entry *e, *prev = NULL;
	struct strmap rank;
	void *v;

	/* A message about a file that is not an input (an included one)
	 * stays with the message before it, from the input that named it. */
	strmap_init(&rank);
	for (i = n; i-- > 0;)	/* the first of two equal names wins */
		strmap_put(&rank, files[i], (void *)(uintptr_t)(i + 1));
	for (i = 0; i < b->nent; i++) {
		e = &b->ent[i];
		v = e->file != NULL ? strmap_get(&rank, e->file) : NULL;
		e->rank = v != NULL ? (int)(uintptr_t)v - 1 : -1;
		if (e->rank < 0 && e->file != NULL && prev != NULL) {
			e->rank = prev->rank;
			e->line = prev->line;
		}
		if (e->rank >= 0)
			prev = e;
	}
	strmap_free(&rank);
	if (b->nent > 1)
		qsort(b->ent, b->nent, sizeof(*b->ent), by_place);
	/* -v: every one. */
	if (!diag_verbose)
		summarise(b);
	diag_buf_flush(b, 1);
}

static void
vmsg(const char *file, int line, const char *kind, const char *fmt,
    va_list ap)
{
	FILE *fp = capture != NULL ? capture->fp : stderr;
	char *text = NULL;
	size_t len = 0;

	if (capture != NULL && capture->sorted &&
	    (fp = open_memstream(&text, &len)) == NULL)
		fp = capture->fp;

	fputs("quire: ", fp);
	if (file != NULL && line > 0)
		fprintf(fp, "%s:%d: ", file, line);
	else if (file != NULL)
		fprintf(fp, "%s: ", file);
	if (kind != NULL)
		fputs(kind, fp);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
	if (capture != NULL && capture->sorted && fp != capture->fp) {
		if (fclose(fp) == 0)
			hold(capture, file, line, text, len, kind ? fmt : NULL);
		free(text);
	}
}

void
diag_error(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file, line, NULL, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (capture != NULL)
		capture->warnings++;
	else
		diag_warnings++;
	if (diag_quiet)
		return;
	va_start(ap, fmt);
	vmsg(file, line, "warning: ", fmt, ap);
	va_end(ap);
}

void
diag_note(const char *fmt, ...)
{
	va_list ap;

	if (!diag_verbose)
		return;
	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, fmt, ap);
	va_end(ap);
}

void (*diag_cleanup)(void);
static _Atomic int dying;

int
diag_dying(void)
{
	return dying;
}

/*
 * Out of memory: say so, remove any half-written output, exit.  It may
 * happen on any thread (a compressor, a helper) while the others go on:
 * diag_dying() tells outfile.c to remove a temporary file made after this
 * point, and _exit ends every thread at once, without running exit
 * handlers (fontconfig's shutdown) under threads still using them.
 */
void
oom(void)
{
	dying = 1;
	fputs("quire: out of memory\n", stderr);
	if (diag_cleanup != NULL)
		diag_cleanup();
	_exit(EXIT_OUTPUT);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

double
diag_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
diag_stage(double *t, const char *what)
{
	double n = diag_clock();

	if (diag_verbose)
		diag_note("%-14s %8.1f ms", what, (n - *t) * 1000.0);
	*t = n;
}
