/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * codeblock.h - code blocks settled in the front end: their language
 * and, through the highlighting library, their tokens (codeblock.c).
 */
#ifndef QUIRE_CODEBLOCK_H
#define QUIRE_CODEBLOCK_H

struct doc;
struct node;
struct runner;

/*
 * Tokens made ahead, on a thread of the runner's, kept in *early (the
 * parser's; NULL until the first block comes, and when the runner has
 * no thread to give).  When code will be highlighted as far as can be
 * told before reading, parse_chapter() hands each chapter's code blocks
 * over as it is read; parse_finish() calls codeblock_early_start()
 * before its last passes (which starts the thread now when reading did
 * not, and adds the footnotes' blocks) and codeblock_settle() after
 * them.
 */
struct codeblock_early;
void	codeblock_early_chapter(struct codeblock_early **, struct runner *,
	    struct doc *, struct node *chapter);
void	codeblock_early_start(struct codeblock_early **, struct runner *,
	    struct doc *);
/* Stop and free *early without using it (reading failed half way: the
 * thread reads the model, so this comes before doc_free). */
void	codeblock_early_discard(struct codeblock_early **);

/*
 * Give every CODE_BLOCK its language (code.lang) and, when set.highlight
 * (and some output shows tokens), its tokens (code.spans), taking those
 * made early where they still apply; *early is freed.  Languages the
 * library does not know are named under -v, once each.  Called by
 * parse_finish().
 */
void	codeblock_settle(struct codeblock_early **, struct doc *);

/* Unload the highlighting library's definitions (at exit). */
void	codeblock_release(void);

#endif
