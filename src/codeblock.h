/*
 * codeblock.h - code blocks settled in the front end: their language
 * and, through the highlighting library, their tokens (codeblock.c).
 */
#ifndef QUIRE_CODEBLOCK_H
#define QUIRE_CODEBLOCK_H

struct doc;

struct codeblock_early;

/*
 * With threads >= 2, start tokenising the code blocks the document has
 * now on a thread of its own, while the front end's last passes run;
 * NULL when there is nothing to do.  parse_finish() calls it before
 * those passes and hands the result to codeblock_settle().
 */
struct codeblock_early *codeblock_start(struct doc *, int threads);
void	codeblock_early_free(struct codeblock_early *);

/*
 * Give every CODE_BLOCK its language (code.lang) and, unless
 * d->meta.highlight is 0, its tokens (code.spans), taking those made
 * early where they still apply (early may be NULL).  Languages the
 * library does not know are named under -v, once each.  Called by
 * parse_finish().
 */
void	codeblock_settle(struct doc *, struct codeblock_early *early);

/* Unload the highlighting library's definitions (at exit). */
void	codeblock_release(void);

#endif
