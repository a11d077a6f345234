/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve.h - the front end's last pass: where every link and image
 * leads, and which tables have a label column (see doc.h's "Decisions
 * already made").
 */
#ifndef QUIRE_RESOLVE_H
#define QUIRE_RESOLVE_H

struct doc;

/* Resolve every LINK and IMAGE and decide table label columns; warnings
 * for links and images that lead nowhere are printed here, once. */
void	resolve_document(struct doc *);

#endif
