/*
 * tidy.c - normalise the model once parsing is done.
 *
 * cmark splits text at every delimiter it tried ("[", "!", "*"), and
 * "<br>" arrives with the spaces around it; emitters should not each deal
 * with that.  Here adjacent text is merged, breaks are trimmed, "<br>- "
 * lines in table cells become lists, the title is settled and headings
 * get unique ids.  Everything walks iteratively (doc_next).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "tidy.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Merge the run of TEXT nodes starting at n into n; one allocation. */
static void
merge_run(struct doc *d, struct node *n)
{
	struct node *m;
	size_t len = 0, off = 0, l;
	char *s;

	if (n->next == NULL || n->next->type != N_TEXT)
		return;
	for (m = n; m != NULL && m->type == N_TEXT; m = m->next)
		len += strlen(m->text);
	s = doc_alloc(d, len + 1);
	for (m = n; m != NULL && m->type == N_TEXT; m = m->next) {
		l = strlen(m->text);
		memcpy(s + off, m->text, l);
		off += l;
	}
	s[len] = '\0';
	n->text = s;
	while (n->next != NULL && n->next->type == N_TEXT)
		doc_unlink(n->next);
}

void
tidy_inlines(struct doc *d, struct node *parent)
{
	struct node *n, *next;
	size_t l;
	const char *t;

	for (n = parent->first; n != NULL; n = n->next)
		if (n->type == N_TEXT)
			merge_run(d, n);
	for (n = parent->first; n != NULL; n = n->next) {
		if (n->type != N_LINEBREAK)
			continue;
		/* "a <br> b": the spaces around a break are not content. */
		if (n->prev != NULL && n->prev->type == N_TEXT) {
			t = n->prev->text;
			l = strlen(t);
			while (l > 0 && is_space(t[l - 1]))
				l--;
			n->prev->text = doc_strndup(d, t, l);
		}
		if (n->next != NULL && n->next->type == N_TEXT) {
			t = n->next->text;
			while (is_space(*t))
				t++;
			n->next->text = t;
		}
	}
	/* A break before or after everything breaks nothing, and spaces
	 * at the ends of a block (left by a dropped tag) are not content. */
	if (parent->type == N_PARAGRAPH || parent->type == N_CELL ||
	    parent->type == N_HEADING) {
		if (parent->last != NULL && parent->last->type == N_TEXT) {
			t = parent->last->text;
			l = strlen(t);
			while (l > 0 && is_space(t[l - 1]))
				l--;
			parent->last->text = doc_strndup(d, t, l);
		}
		if (parent->first != NULL && parent->first->type == N_TEXT)
			while (is_space(*parent->first->text))
				parent->first->text++;
		while (parent->first != NULL &&
		    (parent->first->type == N_LINEBREAK ||
		     parent->first->type == N_SOFTBREAK))
			doc_unlink(parent->first);
		while (parent->last != NULL &&
		    (parent->last->type == N_LINEBREAK ||
		     parent->last->type == N_SOFTBREAK))
			doc_unlink(parent->last);
	}
	for (n = parent->first; n != NULL; n = next) {
		next = n->next;
		if (n->type == N_TEXT && n->text[0] == '\0')
			doc_unlink(n);
	}
}

static int
is_marker(const struct node *n)
{
	return n != NULL && n->type == N_TEXT &&
	    (n->text[0] == '-' || n->text[0] == '*') && n->text[1] == ' ';
}

int
tidy_cell_list(struct doc *d, struct node *cell)
{
	struct node *n, *next, *list, *item, *para;
	int lines = 0, at_start = 1;
	const char *t;

	if (cell->first == NULL || doc_is_block(cell->first))
		return 0;
	/* Every line (between breaks) must start with "- " or "* ". */
	for (n = cell->first; n != NULL; n = n->next) {
		if (n->type == N_LINEBREAK) {
			at_start = 1;
			continue;
		}
		if (at_start) {
			if (!is_marker(n))
				return 0;
			lines++;
			at_start = 0;
		}
	}
	if (lines < 2)
		return 0;
	list = doc_node(d, N_LIST, cell->file, cell->line);
	list->u.list.bullet = cell->first->text[0];
	list->u.list.tight = 1;
	para = NULL;
	for (n = cell->first; n != NULL; n = next) {
		next = n->next;
		doc_unlink(n);
		if (n->type == N_LINEBREAK) {
			para = NULL;
			continue;
		}
		if (para == NULL) {
			item = doc_node(d, N_ITEM, n->file, n->line);
			doc_append(list, item);
			para = doc_node(d, N_PARAGRAPH, n->file, n->line);
			doc_append(item, para);
			/* Drop the marker; keep the item's text. */
			for (t = n->text + 2; is_space(*t); t++)
				;
			n->text = t;
			if (*t == '\0')
				continue;
		}
		doc_append(para, n);
	}
	doc_append(cell, list);
	return 1;
}

void
tidy_slugify(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	unsigned char c;

	for (; *s != '\0' && o + 5 < outsz; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_')
			out[o++] = (char)tolower(c);
		else if (c == ' ')
			out[o++] = '-';
		else if (c >= 0x80) {
			/* Keep letters of other scripts; drop the typographic
			 * punctuation smart quotes bring (U+2010..U+205E). */
			if (c == 0xe2 && (unsigned char)s[1] == 0x80) {
				s += 2;
				continue;
			}
			out[o++] = (char)c;
			while (((unsigned char)s[1] & 0xc0) == 0x80 &&
			    o + 1 < outsz)
				out[o++] = *++s;
		}
	}
	/* Never cut a UTF-8 sequence in half at the size limit. */
	while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
		o--;
	if (o > 0 && (unsigned char)out[o - 1] >= 0xc0)
		o--;
	if (o == 0)
		memcpy(out, "section", (o = 7));
	out[o] = '\0';
}

/*
 * Ids already given, each with the next number to try after it: with
 * 30 000 headings called "Notes" the suffixes are found in linear time.
 * Open addressing, power-of-2 size, keys in the arena.
 */
struct idset {
	const char	**key;
	int		 *next;
	size_t		  mask;
};

static size_t
idset_find(const struct idset *set, const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *p;
	size_t i;

	for (p = s; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	for (i = (size_t)h & set->mask; set->key[i] != NULL;
	    i = (i + 1) & set->mask)
		if (!strcmp(set->key[i], s))
			break;
	return i;
}

static void
assign_ids(struct doc *d, size_t nheadings)
{
	struct idset set;
	struct node *n = NULL;
	int entering;
	size_t size = 16, b, i;
	char slug[128], cand[160];

	/* Each heading adds at most two keys (its id and its base). */
	while (size < nheadings * 4 + 4)
		size *= 2;
	set.key = xcalloc(size, sizeof(*set.key));
	set.next = xcalloc(size, sizeof(*set.next));
	set.mask = size - 1;
	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (!entering || n->type != N_HEADING)
			continue;
		tidy_slugify(doc_plain_text(d, n), slug, sizeof(slug));
		b = idset_find(&set, slug);
		if (set.key[b] == NULL) {
			n->u.heading.id = set.key[b] = doc_strdup(d, slug);
			set.next[b] = 1;
			continue;
		}
		/* GitHub's scheme: "x", then "x-1", "x-2", ... skipping any
		 * that another heading already has. */
		do {
			snprintf(cand, sizeof(cand), "%s-%d", slug,
			    set.next[b]++);
			i = idset_find(&set, cand);
		} while (set.key[i] != NULL);
		n->u.heading.id = set.key[i] = doc_strdup(d, cand);
		set.next[i] = 1;
	}
	free(set.key);
	free(set.next);
}

/*
 * Settle the title: without one in the metadata, the first level-1
 * heading is the title; either way, a first block that is a level-1
 * heading repeating the title is not shown again as a section.
 */
static void
settle_title(struct doc *d)
{
	struct node *n = NULL, *first = NULL, *h1 = NULL;
	int entering;

	if (d->root->first != NULL)
		first = d->root->first->first;
	while ((n = doc_next(d->root, n, &entering)) != NULL)
		if (entering && n->type == N_HEADING &&
		    n->u.heading.level == 1) {
			h1 = n;
			break;
		}
	if (h1 == NULL)
		return;
	if (d->meta.title == NULL) {
		/* An empty "#" names nothing: meta_finish gives "Untitled". */
		if (*doc_plain_text(d, h1) == '\0')
			return;
		d->meta.title = doc_plain_text(d, h1);
		doc_unlink(h1);
	} else if (first == h1 && !strcmp(doc_plain_text(d, h1), d->meta.title))
		doc_unlink(h1);
}

/*
 * Nesting is capped here, once for every format: a document 10 000 lists
 * deep is legal Markdown, but an XHTML reader stops at 256 levels, roff
 * has no indentation left long before and recursion in an emitter must
 * stay bounded.  Past the cap a container keeps its content, flattened:
 * block containers keep their paragraphs (and other leaf blocks) in
 * order, inline containers keep their text.
 */
#define MAX_BLOCK_NEST	16	/* quotes and list items inside each other */
#define MAX_INLINE_NEST	16	/* emphasis, links, ... inside each other */

static int
is_leaf_block(const struct node *n)
{
	return n->type == N_PARAGRAPH || n->type == N_HEADING ||
	    n->type == N_CODE_BLOCK || n->type == N_HTML_BLOCK ||
	    n->type == N_RULE || n->type == N_TABLE;
}

static int
is_inline_leaf(const struct node *n)
{
	return doc_is_inline(n) && n->first == NULL;
}

/* Replace the children of c by the nodes of its subtree that keep(). */
static void
flatten(struct node *c, int (*keep)(const struct node *))
{
	struct node *n = NULL, **kept = NULL;
	size_t k = 0, cap = 0, i;
	int entering;

	while ((n = doc_next(c, n, &entering)) != NULL) {
		if (!entering || n == c || !keep(n))
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			kept = xrealloc(kept, cap * sizeof(*kept));
		}
		kept[k++] = n;
		/* Do not look inside what is kept (a table, a paragraph):
		 * step over it by pretending it was just left. */
		if (n->first != NULL)
			entering = 0;
	}
	while (c->first != NULL)
		doc_unlink(c->first);
	for (i = 0; i < k; i++) {
		doc_unlink(kept[i]);
		doc_append(c, kept[i]);
	}
	free(kept);
}

static void
cap_depth(struct doc *d)
{
	struct node *n = NULL;
	int entering, blocks = 0, inlines = 0, warned = 0;

	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		int is_block = n->type == N_QUOTE || n->type == N_ITEM;
		int is_inl = doc_is_inline(n) && !is_inline_leaf(n);

		if (!entering) {
			blocks -= is_block;
			inlines -= is_inl;
			continue;
		}
		if (n->first == NULL || (!is_block && !is_inl))
			continue;
		if (is_block && ++blocks == MAX_BLOCK_NEST)
			flatten(n, is_leaf_block);
		else if (is_inl && ++inlines == MAX_INLINE_NEST)
			flatten(n, is_inline_leaf);
		else
			continue;
		if (!warned++)
			diag_warn(n->file, n->line, "nested more than %d deep; "
			    "deeper levels are flattened", is_block ?
			    MAX_BLOCK_NEST : MAX_INLINE_NEST);
		/* An emptied container gets no "leave" from the walk. */
		if (n->first == NULL) {
			blocks -= is_block;
			inlines -= is_inl;
		}
	}
}

/*
 * A paragraph left with nothing in it (it held only a dropped tag or a
 * comment) would be an empty block in every format.  Unlinking during the
 * walk would cut the walk's own links, so they are removed afterwards.
 */
static void
drop_empty_paragraphs(struct doc *d)
{
	struct node *n = NULL, **empty = NULL;
	size_t k = 0, cap = 0, i;
	int entering;

	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (n->type != N_PARAGRAPH || n->first != NULL)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			empty = xrealloc(empty, cap * sizeof(*empty));
		}
		empty[k++] = n;
	}
	for (i = 0; i < k; i++)
		doc_unlink(empty[i]);
	free(empty);
}

void
tidy_document(struct doc *d)
{
	struct node *n = NULL;
	int entering;
	size_t nheadings = 0;

	cap_depth(d);
	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (entering) {
			if (n->type == N_HEADING)
				nheadings++;
			else if (n->type == N_TABLE)
				d->has_table = 1;
			continue;
		}
		/* Leaving n (it has children): they are final now. */
		if (n->first != NULL && doc_is_inline(n->first))
			tidy_inlines(d, n);
		if (n->type == N_CELL)
			tidy_cell_list(d, n);
	}
	drop_empty_paragraphs(d);
	settle_title(d);
	assign_ids(d, nheadings);
}
