/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_flat.h - a YAML document as a flat list of (dotted key, scalar)
 * pairs, read with libyaml's event parser.
 *
 * Both the front matter (meta.c) and the style file (style.c) are small
 * mappings of scalars and lists; flattening them once here keeps each
 * reader a simple table lookup.  Nested mappings give "a.b", sequences
 * "a.0", "a.1".  Aliases are refused, so an alias bomb ("billion laughs")
 * is an error, not an exponential expansion.
 */
#ifndef QUIRE_YAML_FLAT_H
#define QUIRE_YAML_FLAT_H

#include <stddef.h>

/* Called for each scalar; key and value are only valid during the call.
 * line is the 1-based line in the file.  Return 0 to go on. */
typedef int (*yaml_flat_cb)(void *arg, const char *key, const char *value,
    int line);

/*
 * Parse text[0..len), which starts on line `line0` of `file`.  Returns 0,
 * or -1 after printing "quire: FILE:LINE: message".  The root must be a
 * mapping (or empty); a lone scalar returns YAML_FLAT_SCALAR, silently,
 * so the caller can decide it was not YAML at all.
 */
#define YAML_FLAT_SCALAR 1
int	yaml_flat(const char *file, int line0, const char *text, size_t len,
	    yaml_flat_cb, void *arg);

/* A boolean as people write YAML's (true/false, yes/no, on/off, 1/0, in
 * any case): 1 or 0; -1 for anything else. */
int	yaml_flat_bool(const char *);

#endif
