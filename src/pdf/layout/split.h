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

/* The metrics the layout's first thread asks: with m->lock, a copy of m
 * asking each question under the lock; else m itself. */
const struct lo_metrics *split_metrics(const struct lo_metrics *m);
void	split_metrics_free(const struct lo_metrics *);

/* The body (root's chapters) into v: in two parts on two threads when
 * c->m came from split_metrics with a lock and the body is large enough,
 * else in one; the same entries either way. */
void	split_body(const struct lo_ctx *c, struct vlist *v,
	    const struct node *root, const struct lo_column *body);

#endif
