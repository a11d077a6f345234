/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tagref.c - stamping drawn operations with the model node they belong
 * to (tagref.h).
 */
#include "tagref.h"
#include "vlist.h"

void
lo_tag_ops(struct lo_ops *ops, const struct node *n, int role)
{
	for (size_t i = 0; i < ops->n; i++)
		if (ops->op[i].tag == NULL) {
			ops->op[i].tag = n;
			ops->op[i].tagrole = role;
		}
}

void
lo_tag_entries(struct vlist *v, size_t from, const struct node *n, int role)
{
	if (n == NULL)
		return;
	for (size_t i = from; i < v->n; i++)
		if (v->e[i].kind == V_BOX)
			lo_tag_ops(&v->e[i].ops, n, role);
}
