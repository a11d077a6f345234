/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * items.h - what a paragraph is made of before it is broken into lines:
 * Knuth-Plass items (boxes, glue, penalties) and the character format
 * they are made with.  inline.c makes them, linebreak.c reads them.
 */
#ifndef QUIRE_LO_ITEMS_H
#define QUIRE_LO_ITEMS_H

#include <stddef.h>
#include <stdint.h>

struct node;

enum { IT_BOX, IT_GLUE, IT_PEN };
#define PEN_INF		10000	/* a penalty this high forbids a break */

struct lo_item {
	int		 type;
	double		 w, st, sh;	/* width; glue stretch and shrink */
	int		 pen;		/* IT_PEN: penalty */
	int		 flag;		/* IT_PEN: a hyphen is drawn here */
	/* IT_BOX */
	const char	*s;		/* UTF-8, not NUL terminated */
	size_t		 len;
	int		 face;
	double		 size, rise;
	uint32_t	 rgb;
	int		 strike;
	int		 underline;
	int		 mark;		/* highlighted (<mark>) */
	const char	*link;		/* URI or "#id", NULL if none */
	/* The inline node whose structure element its text is in (a link,
	 * a run in another language: tag.h), NULL for its block's; an
	 * inline image's, the IMAGE (its Figure). */
	const struct node *tagnode;
	const char	*anchor;	/* a zero-width box: a place's id */
	const struct node *ref;		/* a footnote's marker: its FOOTREF */
	/* The bidi embedding level of its characters (bidi.c): odd reads
	 * right to left; 0 in a paragraph without right-to-left text. */
	int		 level;
	/* An inline image (inlineimage.c): the model's path of its file,
	 * drawn w wide and img_h high, its bottom rise above the
	 * baseline. */
	const char	*image;
	double		 img_h;
	/* IT_GLUE: a space inside inline code, whose stretch is its own
	 * (CODE_SPACE_STRETCH): a line has to have a word space to be
	 * justified (linebreak.c). */
	int		 code;
};

/* A paragraph's direction, as its block asks for it (lo_par.dir):
 * DIR_AUTO is its first strong character's (UAX #9 P2-P3). */
enum { DIR_DOC, DIR_LTR, DIR_RTL, DIR_AUTO };
/* par_set: the start of the line, the left in left-to-right text and
 * the right in right-to-left (an author's AL_LEFT stays on the left). */
#define AL_START	(AL_RIGHT + 1)

struct lo_par {
	struct lo_item	*it;
	size_t		 n, cap;
	int		 dir;		/* DIR_*; par_take makes it DIR_DOC */
};

/* Character format while walking inlines. */
struct lo_fmt {
	int		 fam, sty;	/* family, LO_BOLD|LO_ITALIC */
	double		 size, rise;
	uint32_t	 rgb;
	int		 strike;
	int		 underline;
	int		 mark;
	const char	*link;
	const struct node *tagnode;	/* as lo_item's */
	int		 nohyph;	/* label cells: never hyphenate */
	int		 depth;		/* inline nesting so far */
};

#endif
