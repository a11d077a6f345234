/*
 * codeblock.h - code blocks settled in the front end: their language
 * and, through the highlighting library, their tokens (codeblock.c).
 */
#ifndef QUIRE_CODEBLOCK_H
#define QUIRE_CODEBLOCK_H

struct doc;

struct node;

/*
 * Tokens made ahead, on a thread of their own (with d->opts.early_code,
 * set before reading when there are threads to spare and code will be
 * highlighted): parse_chapter() hands each chapter's code blocks over
 * as it is read; parse_finish() calls codeblock_early_start() before
 * its last passes (which starts the thread now when reading did not,
 * and adds the footnotes' blocks) and codeblock_settle() after them.
 */
void	codeblock_early_chapter(struct doc *, struct node *chapter);
void	codeblock_early_start(struct doc *, int threads);
/* Stop and free d->early without using it (doc_free does). */
void	codeblock_early_discard(struct doc *);

/*
 * Give every CODE_BLOCK its language (code.lang) and, unless
 * d->meta.highlight is 0, its tokens (code.spans), taking those made
 * early where they still apply.  Languages the library does not know
 * are named under -v, once each.  Called by parse_finish().
 */
void	codeblock_settle(struct doc *);

/* Unload the highlighting library's definitions (at exit). */
void	codeblock_release(void);

#endif
