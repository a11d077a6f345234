/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/diag.h"
#include "util/strmap.h"
#include "model/doc.h"
#include "model/notes.h"
#include "model/tidy.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Merge the run of TEXT nodes starting at n into n; one allocation.
 * Text in another language (a <span lang>: node.lang) is a run of its
 * own. */
#define IN_RUN(m, n)	((m) != NULL && (m)->type == N_TEXT && \
			    (m)->lang == (n)->lang)

static void
merge_run(struct doc *d, struct node *n)
{
	struct node *m;
	size_t len = 0, off = 0, l;
	char *s;

	if (!IN_RUN(n->next, n))
		return;
	for (m = n; IN_RUN(m, n); m = m->next)
		len += strlen(m->text);
	s = doc_alloc(d, len + 1);
	for (m = n; IN_RUN(m, n); m = m->next) {
		l = strlen(m->text);
		memcpy(s + off, m->text, l);
		off += l;
	}
	s[len] = '\0';
	n->text = s;
	while (IN_RUN(n->next, n))
		doc_unlink(n->next);
}

static void
drop_empty_text(struct node *parent)
{
	struct node *n, *next;

	for (n = parent->first; n != NULL; n = next) {
		next = n->next;
		if (n->type == N_TEXT && n->text[0] == '\0')
			doc_unlink(n);
	}
}

/* Trim spaces and breaks at both ends; returns whether anything went. */
static int
trim_ends(struct doc *d, struct node *parent)
{
	struct node *f = parent->first, *l = parent->last;
	const char *t;
	size_t n;
	int changed = 0;

	if (l != NULL && l->type == N_TEXT) {
		t = l->text;
		n = strlen(t);
		while (n > 0 && is_space(t[n - 1]))
			n--;
		if (t[n] != '\0') {
			l->text = doc_strndup(d, t, n);
			changed = 1;
		}
	}
	if (f != NULL && f->type == N_TEXT && is_space(*f->text)) {
		while (is_space(*f->text))
			f->text++;
		changed = 1;
	}
	while (parent->first != NULL && (parent->first->type == N_LINEBREAK ||
	    parent->first->type == N_SOFTBREAK)) {
		doc_unlink(parent->first);
		changed = 1;
	}
	while (parent->last != NULL && (parent->last->type == N_LINEBREAK ||
	    parent->last->type == N_SOFTBREAK)) {
		doc_unlink(parent->last);
		changed = 1;
	}
	return changed;
}

void
tidy_inlines(struct doc *d, struct node *parent)
{
	struct node *n;
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
	drop_empty_text(parent);
	/* A break before or after everything breaks nothing, and spaces
	 * at the ends of a block (left by a dropped tag) are not content:
	 * trimmed until neither end changes (<br> " " <br> " " <br>). */
	if (parent->type == N_PARAGRAPH || parent->type == N_CELL ||
	    parent->type == N_HEADING || parent->type == N_CAPTION ||
	    parent->type == N_SUMMARY || parent->type == N_DEFTERM)
		while (trim_ends(d, parent))
			drop_empty_text(parent);
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

/* The base of a note's or a reference's id, "fn-" or "fnref-" and the
 * label's slug (made unique where ids are assigned). */
static void
note_id_base(const struct node *n, char *out, size_t outsz)
{
	const struct node *note = n->type == N_FOOTREF ? n->u.footref.note : n;
	char slug[96];

	tidy_slugify(note->u.footnote.label, slug, sizeof(slug));
	snprintf(out, outsz, "%s-%s", n->type == N_FOOTREF ? "fnref" : "fn",
	    slug);
}

/*
 * Give id a unique form in ids: itself, or GitHub's "id-1", "id-2", ...
 * skipping any another node already has.  The map's values are the next
 * suffix to try after each id, so 30 000 headings called "Notes" get
 * their ids in linear time.  Returns the id, in the arena.
 */
const char *
tidy_unique_id(struct doc *d, struct strmap *ids, const char *base)
{
	uintptr_t next = (uintptr_t)strmap_get(ids, base);
	const char *id;
	char cand[160];

	if (next == 0) {
		id = doc_strdup(d, base);
		strmap_put(ids, id, (void *)(uintptr_t)1);
		return id;
	}
	do {
		snprintf(cand, sizeof(cand), "%s-%zu", base, (size_t)next++);
	} while (strmap_get(ids, cand) != NULL);
	/* base is in the map already: this updates its value only and
	 * keeps the arena copy as the key. */
	strmap_put(ids, base, (void *)next);
	id = doc_strdup(d, cand);
	strmap_put(ids, id, (void *)(uintptr_t)1);
	return id;
}

/* Nodes kept in document order by the walk that names them. */
struct kept {
	struct node	**n;
	size_t		  k, cap;
};

static void
kept_add(struct kept *v, struct node *n)
{
	if (v->k == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->n = xrealloc(v->n, v->cap * sizeof(*v->n));
	}
	v->n[v->k++] = n;
}

/* Heading ids from their text, then chapter ids ("chapter-N") where no
 * heading took that name, then footnotes' and their references' (notes
 * are still in their chapters here), so a heading keeps GitHub's id; a
 * note's id takes none an anchor of raw HTML has either.  The headings
 * are kept in heads, each after its chapter (outline_levels). */
static void
assign_ids(struct doc *d, struct kept *heads, struct kept *met)
{
	struct strmap ids;
	struct node *n = NULL;
	struct kept notes = { NULL, 0, 0 }, anchors = { NULL, 0, 0 };
	size_t i;
	int entering;
	char slug[128];

	strmap_init(&ids);
	if (d->title != NULL) {
		tidy_slugify(doc_plain_text(d, d->title), slug, sizeof(slug));
		d->title->u.heading.id = tidy_unique_id(d, &ids, slug);
	}
	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		if (n->type == N_CHAPTER || n->type == N_HEADING ||
		    n->type == N_ANCHOR || n->type == N_LINK ||
		    n->type == N_IMAGE || n->type == N_TABLE ||
		    (n->type == N_TEXT && n->text != NULL &&
		    strchr(n->text, ':') != NULL))
			kept_add(met, n);
		if (n->type == N_CHAPTER) {
			kept_add(heads, n);
			continue;
		}
		if (n->type == N_FOOTNOTE || n->type == N_FOOTREF ||
		    (n->type == N_ANCHOR && n->u.anchor.id != NULL))
			kept_add(&notes, n);
		/* Anchors are named after every heading, in this order:
		 * kept here rather than found by a second walk. */
		if (n->type == N_ANCHOR)
			kept_add(&anchors, n);
		if (n->type != N_HEADING)
			continue;
		kept_add(heads, n);
		tidy_slugify(doc_plain_text(d, n), slug, sizeof(slug));
		n->u.heading.id = tidy_unique_id(d, &ids, slug);
	}
	/* An author's <a id> keeps its name unless a heading has it; white
	 * space, which no id may hold, becomes '-'. */
	for (i = 0; i < anchors.k; i++) {
		n = anchors.n[i];
		snprintf(slug, sizeof(slug), "%s", n->u.anchor.id);
		for (char *p = slug; *p != '\0'; p++)
			if (*p == ' ' || *p == '\t' || *p == '\n')
				*p = '-';
		n->u.anchor.id = tidy_unique_id(d, &ids, slug[0] ? slug :
		    "anchor");
	}
	for (n = d->root->first; n != NULL; n = n->next) {
		snprintf(slug, sizeof(slug), "chapter-%d",
		    n->u.chapter.index + 1);
		n->u.chapter.id = tidy_unique_id(d, &ids, slug);
	}
	for (i = 0; i < notes.k; i++)
		if (notes.n[i]->type == N_ANCHOR &&
		    strmap_get(&ids, notes.n[i]->u.anchor.id) == NULL)
			strmap_put(&ids, notes.n[i]->u.anchor.id,
			    (void *)(uintptr_t)1);
	for (i = 0; i < notes.k; i++) {
		n = notes.n[i];
		if (n->type == N_ANCHOR)
			continue;
		note_id_base(n, slug, sizeof(slug));
		if (n->type == N_FOOTNOTE)
			n->u.footnote.id = tidy_unique_id(d, &ids, slug);
		else
			n->u.footref.id = tidy_unique_id(d, &ids, slug);
	}
	free(notes.n);
	free(anchors.n);
	strmap_free(&ids);
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
	/* A man page is called by its name (manpage.c); its level-1
	 * headings are its sections. */
	if (d->meta.title == NULL && d->man.conventions)
		return;
	if (d->meta.title == NULL) {
		/* An empty "#" names nothing: meta_finish gives "Untitled". */
		if (*doc_plain_text(d, h1) == '\0')
			return;
		d->meta.title = doc_plain_text(d, h1);
		doc_unlink(h1);
		d->title = h1;
	} else if (first == h1 &&
	    !strcmp(doc_plain_text(d, h1), d->meta.title)) {
		doc_unlink(h1);
		d->title = h1;
	}
}

/*
 * Nesting is capped here, once for every format: a document 10 000 lists
 * deep is legal Markdown, but an XHTML reader stops at 256 levels, roff
 * has no indentation left long before and recursion in an emitter must
 * stay bounded.  Past the cap a container keeps its content, flattened:
 * block containers keep their paragraphs (and other leaf blocks) in
 * order, inline containers keep their text.
 */
#define MAX_BLOCK_NEST	DOC_MAX_NEST	/* quotes and list items */
#define MAX_INLINE_NEST	DOC_MAX_NEST	/* emphasis, links, ... */

/* Containers of blocks: what nests block inside block. */
static int
is_block_container(const struct node *n)
{
	switch (n->type) {
	case N_QUOTE: case N_ITEM: case N_DIV: case N_FIGURE: case N_DETAILS:
	case N_DEFDATA: case N_ALERT: case N_FOOTNOTE: case N_CELL:
		return 1;
	default:
		return 0;
	}
}

/*
 * What flattening keeps whole: blocks with no blocks inside.  A table,
 * a list or a definition list is not kept (it nests); its paragraphs
 * are, and a cell's, caption's or term's inlines become one.
 */
static int
is_leaf_block(const struct node *n)
{
	if (n->type == N_CELL || n->type == N_CAPTION ||
	    n->type == N_SUMMARY || n->type == N_DEFTERM)
		return n->first != NULL && doc_is_inline(n->first);
	return n->type == N_PARAGRAPH || n->type == N_HEADING ||
	    n->type == N_CODE_BLOCK || n->type == N_RULE ||
	    n->type == N_PAGEBREAK;
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
		/* Inlines kept out of a cell or a term: a paragraph now. */
		if (kept[i]->type != N_PARAGRAPH && kept[i]->first != NULL &&
		    doc_is_inline(kept[i]->first))
			kept[i]->type = N_PARAGRAPH;
		doc_append(c, kept[i]);
	}
	free(kept);
}

/* The nesting met on the way down, for the cap: block containers and
 * inline containers open around the node the walk is at. */
struct depth {
	int	blocks, inlines, warned;
};

/* Entering n: past the cap, its content is flattened before any of it
 * is seen. */
static void
cap_enter(struct depth *k, struct node *n)
{
	int is_block = is_block_container(n);
	int is_inl = doc_is_inline(n) && !is_inline_leaf(n);

	if (n->first == NULL || (!is_block && !is_inl))
		return;
	if (is_block) {
		/* A container of inlines nests no blocks. */
		if (++k->blocks != MAX_BLOCK_NEST || doc_is_inline(n->first))
			return;
		flatten(n, is_leaf_block);
	} else {
		if (++k->inlines != MAX_INLINE_NEST)
			return;
		flatten(n, is_inline_leaf);
	}
	if (!k->warned++)
		diag_warn(n->file, n->line, "nested more than %d deep; "
		    "deeper levels are flattened", is_block ?
		    MAX_BLOCK_NEST : MAX_INLINE_NEST);
	/* An emptied container gets no "leave" from the walk. */
	if (n->first == NULL) {
		k->blocks -= is_block;
		k->inlines -= is_inl;
	}
}

/* Leaving n, which has children (the walk leaves no other), before it
 * is tidied: tidying may empty it, but it was counted as it was. */
static void
cap_leave(struct depth *k, const struct node *n)
{
	k->blocks -= is_block_container(n);
	k->inlines -= doc_is_inline(n);
}

/*
 * A paragraph left with nothing in it (it held only a dropped tag or a
 * comment) would be an empty block in every format.  Unlinking during the
 * walk would cut the walk's own links, so they are listed and removed
 * afterwards.
 */
struct empties {
	struct node	**n;
	size_t		  k, cap;
};

static void
note_if_empty(struct empties *e, struct node *n)
{
	if (n->type != N_PARAGRAPH || n->first != NULL)
		return;
	if (e->k == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->n = xrealloc(e->n, e->cap * sizeof(*e->n));
	}
	e->n[e->k++] = n;
}

/* The paragraphs of a list a cell's lines just became, which the walk,
 * already past the cell's children, does not visit. */
static void
note_list_empties(struct empties *e, const struct node *list)
{
	const struct node *item;

	for (item = list->first; item != NULL; item = item->next)
		for (struct node *p = item->first; p != NULL; p = p->next)
			note_if_empty(e, p);
}

/*
 * A definition list is groups of terms, each followed by definitions:
 * a definition with no term before it gets an empty one, a term left
 * without a definition an empty definition, as every format needs both.
 */
static void
tidy_deflist(struct doc *d, struct node *dl)
{
	struct node *c, *prev = NULL, *e;

	for (c = dl->first; c != NULL; prev = c, c = c->next)
		if (c->type == N_DEFDATA && (prev == NULL ||
		    (prev->type != N_DEFTERM && prev->type != N_DEFDATA))) {
			e = doc_node(d, N_DEFTERM, c->file, c->line);
			doc_insert_before(c, e);
		}
	if (dl->last != NULL && dl->last->type == N_DEFTERM)
		doc_append(dl, doc_node(d, N_DEFDATA, dl->last->file,
		    dl->last->line));
}

/* Headings' levels in the book's contents: a chapter's top heading sits
 * at its nesting in the book (a sub-chapter written with "##" is still
 * one level below its parent's "#"), one deeper under a part title, and
 * its other headings keep their distance from it.  heads: each chapter
 * followed by its headings, as assign_ids kept them. */
static void
outline_levels(struct doc *d, const struct kept *heads)
{
	struct node *ch;
	size_t i = 0, j;
	int under_part = 0, top, shift;

	while (i < heads->k) {
		ch = heads->n[i++];
		if (ch->u.chapter.part)
			under_part = 1;
		else if (ch->u.chapter.unparted)
			under_part = 0;
		top = 6;
		for (j = i; j < heads->k && heads->n[j]->type == N_HEADING;
		    j++)
			if (heads->n[j]->u.heading.level < top)
				top = heads->n[j]->u.heading.level;
		shift = ch->u.chapter.part ? 0 : 1 - top +
		    ch->u.chapter.depth + under_part;
		/* A lone handout keeps its levels as written. */
		if (!d->book)
			shift = 0;
		for (; i < j; i++)
			heads->n[i]->u.heading.outline =
			    heads->n[i]->u.heading.level + shift;
	}
	if (d->title != NULL)
		d->title->u.heading.outline = 1;
}

/* Does this chapter's headings get numbers?  Not a part's title, not a
 * book's prefix or suffix chapter (a preface, an afterword). */
static int
numbered(const struct node *ch)
{
	return !ch->u.chapter.part && !ch->u.chapter.unparted;
}

void
tidy_number_sections(struct doc *d)
{
	struct node *ch, *n;
	int entering, base = 7, depth, k, count[8] = { 0 };
	char num[64];
	size_t o;

	if (!d->set.number_sections)
		return;
	/* The shallowest level numbered is "1", its children "1.1". */
	for (ch = d->root->first; ch != NULL; ch = ch->next)
		for (n = NULL; numbered(ch) &&
		    (n = doc_next(ch, n, &entering)) != NULL;)
			if (entering && n->type == N_HEADING &&
			    n->u.heading.outline < base)
				base = n->u.heading.outline;
	depth = d->set.number_depth;
	for (ch = d->root->first; ch != NULL; ch = ch->next)
		for (n = NULL; numbered(ch) &&
		    (n = doc_next(ch, n, &entering)) != NULL;) {
			int l = n->type == N_HEADING ? n->u.heading.outline -
			    base : -1;

			if (!entering || l < 0 || l >= depth || l >= 7)
				continue;
			count[l]++;
			for (k = l + 1; k < 8; k++)
				count[k] = 0;
			for (k = 0, o = 0; k <= l; k++)
				o += (size_t)snprintf(num + o, sizeof(num) - o,
				    "%s%d", k ? "." : "", count[k]);
			n->u.heading.number = doc_strdup(d, num);
		}
}

/*
 * GitHub's alerts: a quote whose first line is "[!NOTE]", "[!TIP]",
 * "[!IMPORTANT]", "[!WARNING]" or "[!CAUTION]" alone (in any case) and
 * that says something after it becomes an ALERT of that kind, the marker
 * line gone.  Anything else, "[!foo]" included, stays a quote, as on
 * GitHub.
 */
static void
tidy_alert(struct node *q)
{
	static const char *const kinds[] = { "NOTE", "TIP", "IMPORTANT",
	    "WARNING", "CAUTION" };
	struct node *p = q->first, *t, *after;
	const char *s, *close;
	size_t k, len;

	if (p == NULL || p->type != N_PARAGRAPH || (t = p->first) == NULL ||
	    t->type != N_TEXT || strncmp(t->text, "[!", 2) != 0 ||
	    (close = strchr(t->text, ']')) == NULL)
		return;
	for (s = close + 1; is_space(*s); s++)
		;
	after = t->next;
	if (*s != '\0' || (after != NULL && after->type != N_SOFTBREAK &&
	    after->type != N_LINEBREAK) || (after == NULL && p->next == NULL))
		return;
	len = (size_t)(close - t->text - 2);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strlen(kinds[k]) == len &&
		    strncasecmp(t->text + 2, kinds[k], len) == 0)
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return;
	doc_unlink(t);
	if (after != NULL)
		doc_unlink(after);
	if (p->first == NULL)
		doc_unlink(p);
	q->type = N_ALERT;
	q->u.alert.kind = (enum alert_kind)k;
}

/*
 * One walk of the whole tree: the nesting capped on the way in, each
 * node with children tidied on the way out (its children are final
 * then), the empty paragraphs listed.  No step reaches outside the node
 * it is at, so doing them in one walk, node by node, comes to the same
 * tree as a walk for each.
 */
void
tidy_document(struct doc *d)
{
	struct depth k = { 0, 0, 0 };
	struct empties e = { NULL, 0, 0 };
	struct node *n = NULL;
	size_t i;
	int entering;

	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (entering) {
			cap_enter(&k, n);
			if (n->type == N_TABLE)
				d->has_table = 1;
			else if (n->first == NULL)
				note_if_empty(&e, n);
			continue;
		}
		cap_leave(&k, n);
		/* Leaving n (it has children): they are final now. */
		if (n->first != NULL && doc_is_inline(n->first))
			tidy_inlines(d, n);
		if (n->type == N_CELL) {
			if (tidy_cell_list(d, n))
				note_list_empties(&e, n->last);
		} else if (n->type == N_DEFLIST)
			tidy_deflist(d, n);
		else if (n->type == N_QUOTE)
			tidy_alert(n);
		else
			note_if_empty(&e, n);
	}
	for (i = 0; i < e.k; i++)
		doc_unlink(e.n[i]);
	free(e.n);
}

void
tidy_titles(struct doc *d, struct tidy_met *met)
{
	struct kept heads = { NULL, 0, 0 };
	struct kept seen = { met->v, met->n, met->cap };

	settle_title(d);
	assign_ids(d, &heads, &seen);
	outline_levels(d, &heads);
	free(heads.n);
	met->v = seen.n;
	met->n = seen.k;
	met->cap = seen.cap;
}
