/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * release.h - freeing the layout's memory page by page as the device
 * draws the pages (release.c), not all of it after the last one.
 */
#ifndef QUIRE_LO_RELEASE_H
#define QUIRE_LO_RELEASE_H
#include <stddef.h>

struct lo_doc;
struct lo_pool;
struct lo_release;

/*
 * Takes every block of the pool (pool_take) and finds the last page
 * whose operations or strings each one holds; the blocks no page reads
 * (table rows, scratch) are freed now.  The marks' strings are copied
 * out of the blocks: the outline and the links read them after the last
 * page.
 */
struct lo_release *release_plan(struct lo_doc *, struct lo_pool *);
/*
 * Page k is drawn: its runs point to a blank array of the same length
 * from now on, except those holding a link, which point to a copy of
 * their links (the links are made after every page is drawn, and count
 * each page's operations); then the blocks page k was the last to read
 * are freed.
 */
void	release_page(struct lo_release *, struct lo_doc *, size_t k);
void	release_free(struct lo_release *);

#endif
