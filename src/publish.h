/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * publish.h - a document read from its inputs, then dumped or published
 * in every wanted format: each format written to a temporary file beside
 * its place by its emitter (side by side under -j), and renamed into
 * place only once all are complete (util/outfile.h).
 */
#ifndef QUIRE_PUBLISH_H
#define QUIRE_PUBLISH_H

#include <stddef.h>

struct doc;
struct options;
struct outfile;
struct style;

/* Whether no output wanted shows code's tokens (a man page alone): code
 * is then not tokenised at all. */
int	publish_plain_code(const struct options *);

/* The document from `nfiles` inputs, into *d; returns an exit status. */
int	read_one(const struct options *, char **files, int nfiles,
	    const struct style *, double *t, struct doc **d);

/*
 * A document read: dumped, or published into `output` (-o, or its folder
 * for a document of --each).  kept NULL: renamed into place now.
 * Otherwise the outputs are left complete but unrenamed, handed over in
 * kept[0..*nkept) (room for NEMITTERS), for the caller to commit or
 * abort (util/outfile.h).  Returns an exit status.
 */
int	emit_doc(const struct options *, const struct doc *,
	    const struct style *, const char *output, double *t,
	    struct outfile *kept, size_t *nkept);
int	publish(const struct options *, const struct doc *,
	    const struct style *, const char *output, double *t,
	    struct outfile *kept, size_t *nkept);

#endif
