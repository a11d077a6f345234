/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * linkbase.h - a link to a file outside the document, made absolute
 * under the URL where the document's folder is published (link-base:
 * -M link-base=URL, or a book's [output.html] site-url), as pandoc and
 * mdBook keep such a link instead of dropping it.
 */
#ifndef QUIRE_LINKBASE_H
#define QUIRE_LINKBASE_H

/*
 * The URL for `target` (a path, as path_resolve gives it) when `root`
 * (a folder, the same kind of path) is published at `base`, with
 * `suffix` ("?q#frag", or "") added; malloc'd, or NULL when no valid
 * URL comes of it.  "../std/x.html" from a chapter of a book at
 * https://example.org/book/ gives https://example.org/std/x.html.
 */
char	*link_base_url(const char *base, const char *root, const char *target,
	    const char *suffix);

#endif
