/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outnames.h - where the documents of --each go: each input's folder
 * relative to the folder all the inputs share, so docs/a/README.md and
 * docs/b/README.md publish as OUT/a/README.pdf and OUT/b/README.pdf
 * instead of one replacing the other.
 */
#ifndef QUIRE_OUTNAMES_H
#define QUIRE_OUTNAMES_H

#include <stddef.h>

/* For each of files[0..n), its folder relative to the inputs' common
 * folder: "" for one in the common folder itself (and for "-" or a
 * missing input, which then fails to be read).
 * A book given as its folder counts as an input in that folder's
 * parent.  The caller frees each string and the array. */
char	**outnames_folders(char *const *files, size_t n);

#endif
