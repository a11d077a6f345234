/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_table.c - an HTML table's rows made regular: header rows first,
 * every cell's column found past the cells that span into its row, and
 * empty cells where a row is short, so emitters see the same shape as a
 * pipe table's (doc.h), spans included.
 */
#include <stdlib.h>

#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"

/* Wider than any table a page or a screen can show: spans that would
 * make one are ignored. */
#define HTML_MAX_COLS	1000

/* Which columns of this row the rows above cover (busy[k] > 0), and
 * the row's own cells placed at the first free columns; returns the
 * number of columns the row reaches.  busy grows as needed. */
static int
place_row(struct node *r, int **busy, int *nb, int rows_left)
{
	struct node *c;
	int col = 0, k;

	for (c = r->first; c != NULL; c = c->next) {
		while (col < *nb && (*busy)[col] > 0)
			col++;
		if (c->u.cell.rowspan > rows_left)
			c->u.cell.rowspan = rows_left;
		c->u.cell.col = col;
		if (col + c->u.cell.colspan > *nb) {
			*busy = xrealloc(*busy, (size_t)(col +
			    c->u.cell.colspan) * sizeof(**busy));
			while (*nb < col + c->u.cell.colspan)
				(*busy)[(*nb)++] = 0;
		}
		for (k = 0; k < c->u.cell.colspan; k++)
			(*busy)[col + k] = c->u.cell.rowspan;
		col += c->u.cell.colspan;
	}
	return col;
}

/* Empty cells where neither the row nor a cell above covers a column. */
static void
pad_row(struct doc *d, struct node *r, const int *before, int ncols)
{
	struct node *c = r->first, *e;
	int k = 0;

	while (k < ncols) {
		if (c != NULL && c->u.cell.col == k) {
			k += c->u.cell.colspan;
			c = c->next;
		} else if (k < ncols && before[k] > 0) {
			k++;
		} else {
			e = doc_node(d, N_CELL, r->file, r->line);
			e->u.cell.col = k;
			e->u.cell.colspan = e->u.cell.rowspan = 1;
			if (c != NULL)
				doc_insert_before(c, e);
			else
				doc_append(r, e);
			k++;
		}
	}
}

/*
 * Every cell of the table one column and one row wide, and the cells of
 * a row past the HTML_MAX_COLS-th moved on to rows of their own after
 * it, so that no cell is lost and the table ends up no wider than
 * that.  Returns the rows in order (malloc'd), their number in *n.
 */
static struct node **
narrow(struct doc *d, struct node *t, size_t *n)
{
	struct node **rows = NULL, *r, *c, *next, *more;
	int k;

	*n = 0;
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type != N_ROW)
			continue;
		for (c = r->first, k = 0; c != NULL; c = next, k++) {
			next = c->next;
			c->u.cell.colspan = c->u.cell.rowspan = 1;
			if (k < HTML_MAX_COLS)
				continue;
			more = doc_node(d, N_ROW, r->file, r->line);
			more->u.row.header = r->u.row.header;
			doc_insert_after(r, more);
			for (; c != NULL; c = next) {
				next = c->next;
				doc_unlink(c);
				doc_append(more, c);
			}
		}
		rows = xrealloc(rows, (*n + 1) * sizeof(*rows));
		rows[(*n)++] = r;
	}
	return rows;
}

/* Header rows first (a <thead>, or leading rows of <th> cells only),
 * every cell's column set, rows that span past the end cut, and every
 * row covering exactly ncols columns, counting the cells that span into
 * it from above: short rows get empty cells. */
void
html_table_end(struct doc *d, struct node *t)
{
	struct node **rows = NULL, *r, *c, *cap = NULL, *next;
	int *busy = NULL, *before, nb = 0, ncols = 0, w, k;
	size_t n = 0, i, body = 0;

	for (r = t->first; r != NULL; r = next) {
		next = r->next;
		doc_unlink(r);
		if (r->type == N_CAPTION) {
			if (cap == NULL)
				cap = r;
			continue;
		}
		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		rows[n++] = r;
	}
	if (cap != NULL)
		doc_append(t, cap);
	for (i = 0; i < n && i == body; i++) {
		for (c = rows[i]->first; c != NULL && c->u.cell.header;)
			c = c->next;
		if (rows[i]->first != NULL && c == NULL)
			rows[i]->u.row.header = 1;
		if (rows[i]->u.row.header)
			body = i + 1;
	}
	for (k = 1; k >= 0; k--)	/* header rows, then the body */
		for (i = 0; i < n; i++)
			if (rows[i]->u.row.header == k)
				doc_append(t, rows[i]);
	for (i = 0, r = t->first; r != NULL; r = r->next)
		if (r->type == N_ROW)
			rows[i++] = r;
	for (i = 0; i < n; i++) {
		w = place_row(rows[i], &busy, &nb, (int)(n - i));
		ncols = w > ncols ? w : ncols;
		ncols = nb > ncols ? nb : ncols;
		for (k = 0; k < nb; k++)
			if (busy[k] > 0)
				busy[k]--;
		if (ncols > HTML_MAX_COLS) {
			/* Wider than any real table: every cell keeps its
			 * text, one column each, and rows longer than that
			 * wrap.  After that no row can reach past it, so
			 * this happens once. */
			diag_warn(t->file, t->line, "table reaches past %d "
			    "columns; its spans are ignored and longer rows "
			    "wrap", HTML_MAX_COLS);
			free(rows);
			rows = narrow(d, t, &n);
			free(busy);
			busy = NULL;
			nb = ncols = 0;
			i = (size_t)-1;
		}
	}
	/* Again, now that ncols is known: fill the gaps. */
	before = xcalloc((size_t)ncols + 1, sizeof(*before));
	for (i = 0; i < n; i++) {
		pad_row(d, rows[i], before, ncols);
		for (k = 0; k < ncols; k++)
			if (before[k] > 0)
				before[k]--;
		for (c = rows[i]->first; c != NULL; c = c->next)
			for (k = 0; k < c->u.cell.colspan &&
			    c->u.cell.col + k < ncols; k++)
				before[c->u.cell.col + k] = c->u.cell.rowspan - 1;
	}
	free(before);
	free(busy);
	free(rows);
	t->u.table.ncols = ncols;
	t->u.table.aligns = doc_alloc(d, (size_t)(ncols > 0 ? ncols : 1) *
	    sizeof(enum align));
}

