/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.h - the command line, read into struct options (options.c):
 * the options, their checks, --help and --version.
 */
#ifndef QUIRE_OPTIONS_H
#define QUIRE_OPTIONS_H

#include "emit.h"

struct runner;

/* A format's bit in options.mask: its row in emitters[] (emit.h). */
#define FORMAT_BIT(i)	(1 << (i))
#define ALL_FORMATS	((1 << NEMITTERS) - 1)
#define MAN_ONLY	FORMAT_BIT(2)

/* What the command line asked for. */
struct options {
	int		 mask;		/* F_* */
	int		 nformats;
	int		 formats_given;	/* -t was given */
	int		 dump;
	const char	*output;	/* NULL: out/ */
	const char	*style;		/* NULL: the default style */
	const char	*paper;
	const char	**overrides;	/* -M KEY=VALUE, in order */
	size_t		 noverrides;
	char		**files;
	int		 nfiles;
	int		 each;		/* every file its own document */
	const char	*css;		/* --css: the EPUB's extra stylesheet */
	const char	*font_path;	/* --font-path: a folder of fonts */
	int		 strict;	/* --fail-if-warnings */
	int		 watch;		/* --watch */
	int		 jobs;		/* -j N; 0: $QUIRE_JOBS or the cores */
	int		 threads;	/* what that comes to */
	struct runner	*run;		/* every thread, made by main */
};

/*
 * Read argv into *o (memset first; o->overrides allocated, for the
 * caller to free).  Returns 0 to go on, 1 when done (--help, --version
 * printed) or -1 after a usage error's message.
 */
int	parse_args(struct options *o, int argc, char *argv[]);

/* Whether p is a directory (following symbolic links). */
int	path_is_dir(const char *p);

#endif
