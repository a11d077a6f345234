/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * each.h - --each: every input its own document.
 */
#ifndef QUIRE_EACH_H
#define QUIRE_EACH_H

struct options;
struct style;

/* Publish every input of o as a document of its own; returns the worst
 * exit status. */
int	each(const struct options *, const struct style *);

#endif
