/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_quire.c - libFuzzer target over quire's whole pipeline.
 *
 * One fuzz input is one document: input hygiene, front matter, the
 * Markdown parse, normalisation, metadata defaults, and then every
 * emitter writing into memory (open_memstream), exactly as main.c drives
 * them.  The input may hold several "files": a line holding only the
 * ASCII record separator (0x1e) starts the next chapter, so the fuzzer
 * also reaches the rules for later files' front matter.
 *
 * Build and run with scripts/fuzz (make fuzz SECONDS=N).  A crash input
 * goes into tests/fuzz/regress/, which tests/t/fuzz-regress.sh runs
 * through build/quire in every format on each make check.
 */
#define _GNU_SOURCE	/* memmem */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "model/doc.h"
#include "util/hash.h"
#include "emit.h"
#include "util/input.h"
#include "read/meta.h"
#include "read/parse.h"
#include "model/settle.h"
#include "model/style.h"
#include "pdf/image.h"

#define MAX_CHAPTERS 4

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct style *style;
static int want_man = 1, want_epub = 1, want_pdf = 1;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *f;

	(void)argc;
	(void)argv;
	/* Warnings for hostile input are expected; keep the log readable. */
	diag_quiet = 1;
	/* SVG pictures are read and cleaned (svgclean.c is fuzzed) but not
	 * drawn: see image.h. */
	pdf_images_no_svg = 1;
	/* QUIRE_FUZZ_FORMATS=man,epub leaves the PDF emitter out: it is
	 * a hundred times slower than the others (fonts are loaded and
	 * subset on every run), so a run without it explores far more. */
	if ((f = getenv("QUIRE_FUZZ_FORMATS")) != NULL) {
		want_man = strstr(f, "man") != NULL;
		want_epub = strstr(f, "epub") != NULL;
		want_pdf = strstr(f, "pdf") != NULL;
	}
	/* The real style file when run from the repository, so the
	 * emitters see the keys they get in production. */
	style = style_load(access("styles/default.yaml", R_OK) == 0 ?
	    "styles/default.yaml" : NULL);
	if (style == NULL)
		abort();
	return 0;
}

/* Run one emitter into a memory buffer; the bytes are dropped. */
static void
run_emitter(emit_fn *emit, const struct doc *d)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&mem, &len);

	if (fp == NULL)
		abort();
	(void)emit(d, style, NULL, fp);
	fclose(fp);
	free(mem);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[MAX_CHAPTERS] = {
		"fuzz.md", "b.md", "c.md", "d.md",
	};
	const char *p = (const char *)data, *end = p + size, *sep;
	struct hash128 hash;
	struct input in;
	struct parser parser;
	struct doc *d;
	size_t n;
	int i, ok = 1;

	/* Keep single runs short: the hostile-input tests cover size. */
	if (size > 256 * 1024)
		return 0;
	d = doc_new();
	d->epoch = 1700000000;
	parser_init(&parser, d, NULL);
	hash128_init(&hash);
	for (i = 0; i < MAX_CHAPTERS && ok; i++) {
		sep = i + 1 < MAX_CHAPTERS ?
		    memmem(p, (size_t)(end - p), "\n\x1e\n", 3) : NULL;
		n = sep ? (size_t)(sep - p) + 1 : (size_t)(end - p);
		input_clean(paths[i], p, n, &in);
		if (meta_front_matter(d, paths[i], i == 0, in.text,
		    in.len) != 0)
			ok = 0;
		else {
			if (i == 0)
				settle_reading(d, style, 0);
			hash128_add(&hash, in.text, in.len);
			parse_chapter(&parser, paths[i], in.text, in.len);
		}
		input_free(&in);
		if (sep == NULL)
			break;
		p = sep + 3;
	}
	if (ok) {
		settle_document(d, style);
		parse_finish(&parser);
		if (meta_finish(d, paths[0], &hash) == 0) {
			/* The guarantees every emitter relies on. */
			if (doc_check(d) != 0)
				abort();
			if (want_man)
				run_emitter(emit_man, d);
			if (want_epub)
				run_emitter(emit_epub, d);
			if (want_pdf)
				run_emitter(emit_pdf, d);
		}
	}
	else
		parser_discard(&parser);
	doc_free(d);
	return 0;
}
