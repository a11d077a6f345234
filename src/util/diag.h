/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diag.h - messages to stderr, always "quire: FILE:LINE: message".
 *
 * Exit statuses are part of the command-line contract: 0 success, 1 usage
 * error, 2 input error, 3 output error, 4 warnings under
 * --fail-if-warnings.
 */
#ifndef QUIRE_DIAG_H
#define QUIRE_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INPUT = 2, EXIT_OUTPUT = 3,
    EXIT_WARNINGS = 4 };

extern int diag_quiet;		/* -q: no warnings */
extern int diag_verbose;	/* -v: timings and notes */
extern int diag_warnings;	/* count of warnings printed or suppressed */

/* "quire: FILE:LINE: msg"; FILE may be NULL, LINE 0 omits the line. */
void	diag_error(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_warn(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Messages of code running on another thread (the emitters side by side,
 * run.c) are held back, so that stderr reads the same whatever finished
 * first: the thread captures them in its own buffer, and the main thread
 * prints the buffers in a fixed order once every thread has joined.
 */
struct diag_entry;
struct diag_buf {
	FILE	*fp;		/* open_memstream; NULL: straight to stderr */
	char	*data;
	size_t	 len;
	int	 warnings;	/* added to diag_warnings when flushed */
	/* Sorted buffers (diag_buf_init_sorted) hold each message apart. */
	struct diag_entry *ent;
	size_t	 nent, cap;
	int	 sorted;
};
void	diag_buf_init(struct diag_buf *);
/* The calling thread's messages go to `b` from now on; NULL: stderr.
 * Returns where they went before, to be restored: captures nest (a
 * document's messages held while its formats hold their own). */
struct diag_buf *diag_capture(struct diag_buf *b);
/* Print what `b` holds (print = 1) or drop it, then free it; printed
 * into the calling thread's capture, if it has one. */
void	diag_buf_flush(struct diag_buf *b, int print);

/*
 * A buffer whose messages are printed by input file, then line, when
 * flushed: reading warns in passes (parse each file, then resolve links
 * across them), and a reader wants them in the order of the text.
 * files[0..n) gives the inputs' order; a message about anything else
 * (an option, the style) comes first; one file's messages keep their
 * own order where the lines are equal.
 */
void	diag_buf_init_sorted(struct diag_buf *);
void	diag_buf_flush_sorted(struct diag_buf *, const char *const *files,
	    size_t n);

/* Under -v: the time since *t as "what  N ms", then *t restarts. */
double	diag_clock(void);
void	diag_stage(double *t, const char *what);

/* Called before an allocation failure exits (outfile.c sets it to remove
 * its temporary files); must not allocate. */
extern void (*diag_cleanup)(void);
/* Whether the process is dying of a lack of memory (on any thread). */
int	diag_dying(void);

/* Out of memory (a library's allocation failed): say so, clean up,
 * exit 3. */
void	oom(void);

/* Allocation that never returns NULL: failure exits once, here. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);

#endif
