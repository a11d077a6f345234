/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.h - the layout engine's context: the settings layout.c reads
 * from the style once (page geometry, sizes, colours) and a handle on
 * each module's own state, which only that module touches and frees.
 * The setters receive it const: once layout.c has filled it, nothing
 * changes it (a table cell's smaller text is a struct lo_column of its
 * own, see block.h).
 *
 * The pipeline: inline.c turns inline nodes into Knuth-Plass items
 * (items.h); linebreak.c chooses the breaks; parset.c sets the chosen
 * lines as vertical entries (vlist.h); block.c and table.c stack entries
 * for every block; page.c cuts the entries into pages and pagedraw.c
 * puts them on the pages.
 */
#ifndef QUIRE_LO_CONTEXT_H
#define QUIRE_LO_CONTEXT_H

#include <stdint.h>

struct doc;
struct style;
struct lo_doc;
struct lo_metrics;
struct lo_pool;
struct lo_widths;
struct lo_hyph;
struct kp_state;
struct par_state;
struct runner;
struct split_guard;

struct lo_ctx {
	const struct doc	*doc;
	const struct style	*st;
	const struct lo_metrics	*m;		/* for image sizes */
	struct lo_doc		*out;
	/* Each module's state, made and freed by layout.c through that
	 * module's own functions. */
	struct lo_pool		*pool;		/* pool.c; out owns it */
	struct lo_widths	*widths;	/* metrics.c */
	struct lo_hyph		*hyph;		/* hyph.c, or NULL */
	struct kp_state		*kp;		/* linebreak.c */
	struct par_state	*par;		/* inline.c, parset.c */
	/* Threads: the runner the PDF was given, and split.c's guard
	 * when the body may be laid out in two parts (else NULL). */
	struct runner		*run;
	struct split_guard	*split;
	int			 ragged;
	/* The document's direction (set.dir, set.dir_auto): rtl sets
	 * its blocks from the right; dir_auto lets each paragraph take
	 * its own from its first strong character. */
	int			 rtl, dir_auto;
	int			 chapter_break;	/* input files start pages */
	/* A tagged PDF (pdf.tagged): links' and other languages' text
	 * set as ops of their own (items.h's tagnode); untagged, the
	 * ops stay as they always were. */
	int			 tagged;
	/* page geometry */
	double			 pw, ph, ml, mr, mt, mb;
	double			 left, width;	/* the text column */
	double			 top, bottom;	/* body area, footer excluded */
	/* sizes */
	double			 body_size, lead;	/* leading factor */
	double			 code_size, table_size, table_floor;
	double			 par_skip;
	int			 fam_body, fam_head, fam_mono;
	uint32_t		 link_rgb, text_rgb;
	/* Node types warned about once ("the PDF cannot show ..."):
	 * layout.c owns the array, the setters only count in it. */
	int			*unshown;
};

#endif
