/*
 * codeblock.h - code blocks settled in the front end: their language
 * and, through the highlighting library, their tokens (codeblock.c).
 */
#ifndef QUIRE_CODEBLOCK_H
#define QUIRE_CODEBLOCK_H

struct doc;

/*
 * Give every CODE_BLOCK its language (code.lang) and, unless
 * d->meta.highlight is 0, its tokens (code.spans).  Languages the
 * library does not know are named under -v, once each.  Called by
 * parse_finish().
 */
void	codeblock_settle(struct doc *);

/* Unload the highlighting library's definitions (at exit). */
void	codeblock_release(void);

#endif
