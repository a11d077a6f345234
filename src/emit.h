/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * emit.h - the emitters' one entry point each, and their table.
 *
 * Each emitter reads the model (doc.h, its settled values in doc->set)
 * and the style, writes one complete publication to `out` and returns 0,
 * or prints "quire: ..." messages (diag.h) and returns -1.  `out` is a
 * temporary file owned by the caller (outfile.c), which renames it into
 * place only on success, so an emitter never deals with paths, partial
 * files or stdout.  Any thread an emitter uses comes from the runner it
 * is given (runner.h); the output is the same whatever its threads.
 *
 * A new format is a folder of its own plus one row in emitters[].
 */
#ifndef QUIRE_EMIT_H
#define QUIRE_EMIT_H

#include <stdio.h>

struct doc;
struct style;

/* The libraries' one-time global set-up (libxml2's), done on the main
 * thread before emitters run side by side: done lazily by the first
 * caller instead, it would race. */
void	emit_init(void);

struct runner;

typedef int emit_fn(const struct doc *, const struct style *,
	    struct runner *, FILE *out);
/* Writes ", NAME VERSION" for each library the format is made with, the
 * versions these are running with, for --version. */
typedef void libraries_fn(FILE *);

emit_fn	emit_pdf, emit_epub, emit_man;
libraries_fn	pdf_libraries, epub_libraries;

struct emitter {
	const char	*option;	/* its name in -t, and under -v */
	const char	*extension;	/* of the file; NULL: the man page's
					   section (meta.section) */
	emit_fn		*emit;
	int		 tokens;	/* it shows code's tokens (colours) */
	libraries_fn	*libraries;	/* NULL: none beyond the C library */
	int		 binary;	/* not text: never to a terminal */
};

/* Every format, in the order they are made and named. */
extern const struct emitter emitters[];
#define NEMITTERS	3

/*
 * A node an emitter cannot draw falls back to its text, never to its
 * markup, and never disappears: the emitter renders its children (or its
 * text) as plain content and calls this, which warns once per node type
 * and format ("the man page cannot show a figure; its text is kept").
 * warned[] is the emitter's own, N_TYPE_COUNT entries, zeroed.
 */
struct node;
void	emit_fallback_warn(int warned[], const struct node *,
	    const char *format);

#endif
