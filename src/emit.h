/*
 * emit.h - the emitters' one entry point each.
 *
 * Each emitter reads the model (doc.h) and the style, writes one complete
 * publication to `out` and returns 0, or prints "quire: ..." messages
 * (diag.h) and returns -1.  `out` is a temporary file owned by the caller
 * (outfile.c), which renames it into place only on success, so an emitter
 * never deals with paths, partial files or stdout.
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

/* How many threads an emitter may use for work of its own (the PDF's
 * compression), and the front end for its highlighting (codeblock.c);
 * set by main before reading, never while emitters run.  The output is
 * the same whatever it is. */
extern int emit_jobs;

/* Wait for what emitters left to finish on threads of their own (the
 * PDF's freeing); main calls it before it returns. */
void	emit_wait(void);

int	emit_man(const struct doc *, const struct style *, FILE *out);
int	emit_epub(const struct doc *, const struct style *, FILE *out);
int	emit_pdf(const struct doc *, const struct style *, FILE *out);

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
