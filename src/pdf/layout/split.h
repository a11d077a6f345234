/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * split.h - the body laid out in two parts at once (split.c).
 */
#ifndef QUIRE_LO_SPLIT_H
#define QUIRE_LO_SPLIT_H

struct lo_column;
struct lo_ctx;
struct lo_metrics;
struct node;
struct vlist;

struct runner;
struct split_guard;

/* What lets the body be laid out on two threads: the runner has two and
 * the metrics can be asked under a lock (m->lock); NULL otherwise. */
struct split_guard *split_guard(const struct lo_metrics *m, struct runner *);
/* The metrics the layout's first thread then asks: m's, each question
 * under the lock. */
const struct lo_metrics *split_metrics(struct split_guard *);
void	split_guard_free(struct split_guard *);

/* The body (root's chapters) into v: in two parts on two threads when
 * c->split is set and the body is large enough, else in one; the same
 * entries either way. */
void	split_body(const struct lo_ctx *c, struct vlist *v,
	    const struct node *root, const struct lo_column *body);

#endif
