/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man.h - shared state of the man emitter (man.c) and its table
 * module (table.c).  Private to those files.
 */
#ifndef QUIRE_MAN_H
#define QUIRE_MAN_H

#include "model/doc.h"
#include "roff.h"

struct doc;
struct node;
struct style;

/* Beyond this indent (ens), nested lists and quotes stop indenting. */
#define MAX_INDENT	24

/* Where inline content lands, which decides what a link or a break may
 * become: macros are only possible in running text. */
enum inl_mode {
	INL_FLOW,	/* paragraph text: .UR/.UE links, .br breaks */
	INL_LINE,	/* one input line (.SH/.SS title, .TP tag) */
	INL_CELL	/* tbl text block: .br breaks, links as "text <url>" */
};

struct man {
	struct roff		 r;
	const struct doc	*doc;
	int			 width;	/* line length in ens (man.width) */
	int			 indent; /* ens right of the text margin */
	int			 fresh;	/* just after .SH/.SS/.IP/.TP: no .PP */
	int			 gap;	/* a thematic break is owed */
	int			 pd0;	/* ".PD 0" in effect: tight list */
	int			 layout; /* enum man_table_layout */
	const struct node	*skip_node; /* text whose start went on .UE */
	size_t			 skip;
	size_t			 th_end; /* offset just after the .TH line */
	const char *const	*alert_title; /* the style's, by kind */
	int			 unshown[N_TYPE_COUNT]; /* warned once */
};

/* The line length text may use at the current indent, in ens: the
 * terminal width less man's 7n margin and the nesting indent. */
int	man_avail(const struct man *);

/* Begin a paragraph-like block: .PP unless just after a heading or tag. */
void	man_para(struct man *);

/* Is this LINK's text its own address ("<https://x>")? */
int	man_autolink(const struct node *);

/* Render the inline children of `parent`; flags are ESC_* for the text. */
void	man_inlines(struct man *, const struct node *parent,
	    enum inl_mode, int flags);

/* Render the inline siblings from `first` up to, not including, `stop`. */
void	man_inline_range(struct man *, const struct node *first,
	    const struct node *stop, enum inl_mode, int flags);

/* Render a TABLE node: tbl, stacked .TP blocks, or both behind a test
 * of the line length. */
void	man_table(struct man *, const struct node *table);

/* Blocks (man.c) for notes.c: one, all from first on, or all from first
 * on inset by w ens in an .RS (depth: block nesting so far). */
void	man_block(struct man *, const struct node *, int depth);
void	man_blocks(struct man *, const struct node *first, int depth);
void	man_inset(struct man *, const struct node *first, int w, int depth);

/* notes.c: GitHub's alerts as an inset block under a bold title, and the
 * footnotes as a NOTES section after the body. */
void	man_alert(struct man *, const struct node *alert, int depth);
void	man_notes(struct man *);

#endif
