/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/tag.c - the structure tree of the tagged PDF, from the model
 * (tag.h): the elements, which node's operations go to which, and the
 * marked content and annotations the device records in them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "model/doc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "tag.h"

/* A node's element for one role; el -1: an artifact (a picture with no
 * alt text is decoration). */
struct tag_slot {
	const struct node *n;
	int		 role;
	int		 el;
};

static size_t
slot_hash(const struct node *n, int role, size_t nslots)
{
	uint64_t h = (uint64_t)(uintptr_t)n * 0x9E3779B97F4A7C15ull;

	return (size_t)((h >> 17) + (uint64_t)role * 31) & (nslots - 1);
}

static void	map(struct tag_tree *, const struct node *, int, int);

static void
grow_slots(struct tag_tree *t)
{
	struct tag_slot	*old = t->slot;
	size_t		 n = t->nslots;

	t->nslots = n ? 2 * n : 256;
	t->slot = xcalloc(t->nslots, sizeof(*t->slot));
	t->nmap = 0;
	for (size_t i = 0; i < n; i++)
		if (old[i].n != NULL)
			map(t, old[i].n, old[i].role, old[i].el);
	free(old);
}

static void
map(struct tag_tree *t, const struct node *n, int role, int el)
{
	size_t i;

	/* Up to seven tenths full: the device asks only some 60,000 times
	 * on the bench reference (tag_find), and the table is made while
	 * the whole layout is held, where the run's memory peaks; at half
	 * full it took 4 MB there. */
	if (10 * (t->nmap + 1) > 7 * t->nslots)
		grow_slots(t);
	i = slot_hash(n, role, t->nslots);
	while (t->slot[i].n != NULL && !(t->slot[i].n == n &&
	    t->slot[i].role == role))
		i = (i + 1) & (t->nslots - 1);
	if (t->slot[i].n == NULL)
		t->nmap++;
	t->slot[i].n = n;
	t->slot[i].role = role;
	t->slot[i].el = el;
}

static const struct tag_slot *
lookup(const struct tag_tree *t, const struct node *n, int role)
{
	size_t i;

	if (t->nslots == 0)
		return NULL;
	i = slot_hash(n, role, t->nslots);
	while (t->slot[i].n != NULL) {
		if (t->slot[i].n == n && t->slot[i].role == role)
			return &t->slot[i];
		i = (i + 1) & (t->nslots - 1);
	}
	return NULL;
}

int
tag_find(const struct tag_tree *t, const struct node *n, int role)
{
	for (; n != NULL; n = n->parent, role = LO_TAG_SELF) {
		const struct tag_slot *s = lookup(t, n, role);

		if (s != NULL)
			return s->el;
	}
	return 0;
}

static int
elem_new(struct tag_tree *t, const char *type, int parent)
{
	struct tag_elem *e;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->e = xrealloc(t->e, t->cap * sizeof(*t->e));
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->parent = parent;
	e->key = UINT64_MAX;
	return (int)t->n++;
}

/* s (NUL-terminated) added to the tree's string pool: its offset + 1. */
static uint32_t
str_add(struct tag_tree *t, const char *s)
{
	size_t	 len = strlen(s) + 1;
	uint32_t off;

	if (t->nstr + len > UINT32_MAX - 1)
		oom();	/* offsets are 32 bits: 4 GB of alt text */
	if (t->nstr + len > t->capstr) {
		while (t->nstr + len > t->capstr)
			t->capstr = t->capstr ? 2 * t->capstr : 4096;
		t->str = xrealloc(t->str, t->capstr);
	}
	memcpy(t->str + t->nstr, s, len);
	off = (uint32_t)t->nstr + 1;
	t->nstr += len;
	return off;
}

/* A /Lang: a document has few languages, in runs, so the last one is
 * reused when it is the same. */
static uint32_t
lang_add(struct tag_tree *t, const char *lang)
{
	if (lang == NULL)
		return 0;
	if (t->lastlang == 0 || strcmp(t->str + t->lastlang - 1, lang) != 0)
		t->lastlang = str_add(t, lang);
	return t->lastlang;
}

/* ---- from the model ------------------------------------------------- */

struct walk {
	struct tag_tree	*t;
	const struct doc *d;
	int		 toc;		/* the contents page's TOC */
};

static void	blocks(struct walk *, const struct node *, int);
static void	inlines(struct walk *, const struct node *, int);

/* An image's alt text: the text of its inline children. */
static void
plain(struct buf *b, const struct node *n)
{
	for (const struct node *k = n->first; k != NULL; k = k->next) {
		if ((k->type == N_TEXT || k->type == N_CODE) && k->text)
			buf_puts(b, k->text);
		else if (k->type == N_SOFTBREAK || k->type == N_LINEBREAK)
			buf_putc(b, ' ');
		else
			plain(b, k);
	}
}

static void
image(struct walk *w, const struct node *n, int parent)
{
	struct buf b;

	buf_init(&b);
	plain(&b, n);
	if (b.len == 0 || strspn(b.data, " ") == b.len) {
		/* No alt text: a decoration, an artifact. */
		map(w->t, n, LO_TAG_SELF, -1);
	} else {
		int el = elem_new(w->t, "Figure", parent);

		w->t->e[el].alt = str_add(w->t, b.data);
		map(w->t, n, LO_TAG_SELF, el);
	}
	buf_free(&b);
}

/* A footnote's Note, its number (role LBL) the Link back to its first
 * reference when there is one. */
static void
note_elem(struct walk *w, const struct node *fn, int parent)
{
	const struct node *ref = fn->u.footnote.ref;
	int el = elem_new(w->t, "Note", parent);

	map(w->t, fn, LO_TAG_SELF, el);
	if (ref != NULL && ref->u.footref.id != NULL) {
		int link = elem_new(w->t, "Link", el);

		w->t->e[link].flags |= TAG_LEAD;
		map(w->t, fn, LO_TAG_LBL, link);
	} else
		map(w->t, fn, LO_TAG_LBL, el);
	blocks(w, fn->first, el);
}

/* A footnote's marker: a Link to the note (layout stamps the marker
 * with its FOOTREF), and the Note under the element of its first
 * reference. */
static void
note(struct walk *w, const struct node *ref, int parent)
{
	const struct node *fn = ref->u.footref.note;

	map(w->t, ref, LO_TAG_SELF, elem_new(w->t, "Link", parent));
	if (fn == NULL || ref->u.footref.nth != 1 ||
	    lookup(w->t, fn, LO_TAG_SELF) != NULL)
		return;
	note_elem(w, fn, parent);
}

/* A link's Link, holding its text (layout stamps the text with the
 * link's node) and, once drawn, its annotations; a run in another
 * language's Span with /Lang. */
static void
inline_elem(struct walk *w, const struct node *k, int parent)
{
	int el = elem_new(w->t, k->type == N_LINK ? "Link" : "Span", parent);

	w->t->e[el].lang = lang_add(w->t, k->lang);
	map(w->t, k, LO_TAG_SELF, el);
	inlines(w, k, el);
}

static void
inlines(struct walk *w, const struct node *n, int parent)
{
	for (const struct node *k = n->first; k != NULL; k = k->next)
		if (k->type == N_IMAGE)
			image(w, k, parent);
		else if (k->type == N_FOOTREF)
			note(w, k, parent);
		else if (k->type == N_LINK || k->lang != NULL)
			inline_elem(w, k, parent);
		else if (k->first != NULL)
			inlines(w, k, parent);
}

/* An element for node n (role SELF) under parent, its inlines below. */
static int
leaf(struct walk *w, const struct node *n, const char *type, int parent)
{
	int el = elem_new(w->t, type, parent);

	w->t->e[el].lang = lang_add(w->t, n->lang);
	map(w->t, n, LO_TAG_SELF, el);
	inlines(w, n, el);
	return el;
}

static int
container(struct walk *w, const struct node *n, const char *type,
    int parent)
{
	int el = elem_new(w->t, type, parent);

	w->t->e[el].lang = lang_add(w->t, n->lang);
	map(w->t, n, LO_TAG_SELF, el);
	blocks(w, n->first, el);
	return el;
}

static void
list(struct walk *w, const struct node *n, int parent)
{
	int l = elem_new(w->t, "L", parent), bullets = !n->u.list.ordered;

	map(w->t, n, LO_TAG_SELF, l);
	w->t->e[l].flags |= bullets ? TAG_DISC : TAG_DECIMAL;
	for (const struct node *it = n->first; it != NULL; it = it->next) {
		int li = elem_new(w->t, "LI", l);

		const struct node *p = it->first;
		int body;

		/* A plain bullet says nothing the L's /ListNumbering and
		 * its LI count do not (screen readers announce "list, N
		 * items" and each item): an artifact, as a Lbl element it
		 * cost an element, an MCID and a parent-tree entry per item.
		 * A number or a task's check box is content: a Lbl. */
		if (bullets && it->u.item.task == TASK_NONE)
			map(w->t, it, LO_TAG_LBL, -1);
		else
			map(w->t, it, LO_TAG_LBL, elem_new(w->t, "Lbl", li));
		body = elem_new(w->t, "LBody", li);
		map(w->t, it, LO_TAG_SELF, body);
		/* An item of one paragraph (most are) is its LBody: a P
		 * inside would only add an element per item. */
		if (p != NULL && p->next == NULL && p->type == N_PARAGRAPH) {
			map(w->t, p, LO_TAG_SELF, body);
			inlines(w, p, body);
		} else
			blocks(w, p, body);
	}
}

static void
cell(struct walk *w, const struct node *c, int tr, int header, int label)
{
	int th = header || c->u.cell.header || (label && c->u.cell.col == 0);
	int el = elem_new(w->t, th ? "TH" : "TD", tr);
	struct tag_elem *e = &w->t->e[el];

	e->scope = (uint8_t)(!th ? SCOPE_NONE : header ? SCOPE_COLUMN :
	    label && c->u.cell.col == 0 ? SCOPE_ROW : SCOPE_COLUMN);
	/* The reader caps them (html.c): 65534 rows, 1000 columns. */
	e->rowspan = (uint16_t)(c->u.cell.rowspan > UINT16_MAX ? UINT16_MAX :
	    c->u.cell.rowspan);
	e->colspan = (uint16_t)(c->u.cell.colspan > UINT16_MAX ? UINT16_MAX :
	    c->u.cell.colspan);
	map(w->t, c, LO_TAG_SELF, el);
	if (c->first != NULL && doc_is_block(c->first))
		blocks(w, c->first, el);
	else
		inlines(w, c, el);
}

static void
table(struct walk *w, const struct node *n, int parent)
{
	int tab = elem_new(w->t, "Table", parent), head = -1, body = -1;
	int label = doc_labels(n, w->d->set.pdf_labels);

	map(w->t, n, LO_TAG_SELF, tab);
	for (const struct node *r = n->first; r != NULL; r = r->next) {
		int group, tr;

		if (r->type == N_CAPTION) {
			leaf(w, r, "Caption", tab);
			continue;
		}
		if (r->type != N_ROW)
			continue;
		if (r->u.row.header && head < 0)
			head = elem_new(w->t, "THead", tab);
		if (!r->u.row.header && body < 0)
			body = elem_new(w->t, "TBody", tab);
		group = r->u.row.header ? head : body;
		tr = elem_new(w->t, "TR", group);
		map(w->t, r, LO_TAG_SELF, tr);
		for (const struct node *c = r->first; c != NULL; c = c->next)
			if (c->type == N_CELL)
				cell(w, c, tr, r->u.row.header, label);
	}
}

static void
block(struct walk *w, const struct node *n, int parent)
{
	static const char *h[] = { "H1", "H2", "H3", "H4", "H5", "H6" };

	switch (n->type) {
	case N_CHAPTER:
		blocks(w, n->first, parent);
		break;
	case N_HEADING:
		/* Its entry on the contents page, if it has one: a TOCI
		 * whose Link holds the entry's text and annotation. */
		map(w->t, n, LO_TAG_TOCI, elem_new(w->t, "Link",
		    elem_new(w->t, "TOCI", w->toc)));
		leaf(w, n, h[n->u.heading.level < 1 ? 0 :
		    n->u.heading.level > 6 ? 5 : n->u.heading.level - 1],
		    parent);
		break;
	case N_PARAGRAPH:
	case N_SUMMARY:
		leaf(w, n, "P", parent);
		break;
	case N_CAPTION:
		leaf(w, n, "Caption", parent);
		break;
	case N_LIST:
		list(w, n, parent);
		break;
	case N_QUOTE:
	case N_ALERT:
		container(w, n, "BlockQuote", parent);
		break;
	case N_CODE_BLOCK:
		leaf(w, n, "Code", parent);
		break;
	case N_TABLE:
		table(w, n, parent);
		break;
	case N_DIV:
	case N_FIGURE:
	case N_DETAILS:
	case N_DEFLIST:
	case N_DEFDATA:
		container(w, n, "Div", parent);
		break;
	case N_DEFTERM:
		/* Set with the list's own lines (block.c): its notes and
		 * pictures belong to the list. */
		inlines(w, n, parent);
		break;
	case N_RULE:
	case N_PAGEBREAK:
		break;
	default:
		if (doc_is_inline(n)) {
			/* Inlines among blocks: set as their parent's
			 * paragraph (block.c). */
			if (n->type == N_IMAGE)
				image(w, n, parent);
			else if (n->type == N_FOOTREF)
				note(w, n, parent);
			else
				inlines(w, n, parent);
		} else if (n->first != NULL && doc_is_block(n->first))
			blocks(w, n->first, parent);
		else
			inlines(w, n, parent);
		break;
	}
}

static void
blocks(struct walk *w, const struct node *n, int parent)
{
	for (; n != NULL; n = n->next)
		block(w, n, parent);
}

struct tag_tree *
tag_build(const struct doc *d, size_t npages)
{
	struct tag_tree *t = xcalloc(1, sizeof(*t));
	struct walk	 w = { t, d, 0 };

	map(t, d->root, LO_TAG_SELF, elem_new(t, "Document", -1));
	/* The title block (front.c): the title a heading, the subtitle
	 * and byline a paragraph; the contents page. */
	map(t, d->root, LO_TAG_TITLE, elem_new(t, "H1", 0));
	map(t, d->root, LO_TAG_BYLINE, elem_new(t, "P", 0));
	w.toc = elem_new(t, "TOC", 0);
	blocks(&w, d->root->first, 0);
	/* A note whose reference was set nowhere the walk went. */
	for (const struct node *fn = d->notes->first; fn; fn = fn->next)
		if (lookup(t, fn, LO_TAG_SELF) == NULL)
			note_elem(&w, fn, 0);
	t->npages = npages;
	t->pageobj = xcalloc(npages + 1, sizeof(*t->pageobj));
	t->mcid_elem = xcalloc(npages + 1, sizeof(*t->mcid_elem));
	t->nmcid = xcalloc(npages + 1, sizeof(*t->nmcid));
	t->capmcid = xcalloc(npages + 1, sizeof(*t->capmcid));
	return t;
}

void
tag_free(struct tag_tree *t)
{
	if (t == NULL)
		return;
	for (size_t p = 0; p < t->npages; p++)
		free(t->mcid_elem[p]);
	free(t->mcid_elem);
	free(t->pageobj);
	free(t->nmcid);
	free(t->capmcid);
	free(t->annot_elem);
	free(t->slot);
	free(t->kid);
	free(t->drawn);
	free(t->str);
	free(t->e);
	free(t);
}

/* ---- what the device drew ------------------------------------------- */

static uint64_t
key_of(int page, size_t seq)
{
	return ((uint64_t)page << 32) | (seq > UINT32_MAX ? UINT32_MAX :
	    (uint64_t)seq);
}

/* A kid of element el, as drawn; its key may be el's first content. */
static void
kid_push(struct tag_tree *t, int el, const struct tag_kid *k)
{
	struct tag_elem *e = &t->e[el];

	if (t->ndrawn == t->capdrawn) {
		t->capdrawn = t->capdrawn ? 2 * t->capdrawn : 1024;
		t->drawn = xrealloc(t->drawn, t->capdrawn * sizeof(*t->drawn));
	}
	t->drawn[t->ndrawn].k = *k;
	t->drawn[t->ndrawn++].el = (uint32_t)el;
	if (k->key < e->key)
		e->key = k->key;
}

int
tag_mcid(struct tag_tree *t, int el, int page, size_t seq)
{
	struct tag_kid	 k;
	size_t		 p = (size_t)page;

	if (t->nmcid[p] == t->capmcid[p]) {
		t->capmcid[p] = t->capmcid[p] ? 2 * t->capmcid[p] : 64;
		t->mcid_elem[p] = xrealloc(t->mcid_elem[p], t->capmcid[p] *
		    sizeof(**t->mcid_elem));
	}
	t->mcid_elem[p][t->nmcid[p]] = el;
	memset(&k, 0, sizeof(k));
	k.kind = TK_MCR;
	k.val = (uint32_t)t->nmcid[p]++;
	k.key = key_of(page, seq);
	kid_push(t, el, &k);
	return (int)k.val;
}

long
tag_annot(struct tag_tree *t, int parent, int page, size_t seq, long annot,
    const char *desc)
{
	struct tag_kid	 k;
	/* The link's own Link when its text made one (tag.c's walk), else
	 * a new one holding only the annotation. */
	int		 el = parent > 0 && strcmp(t->e[parent].type,
			    "Link") == 0 ? parent : elem_new(t, "Link", parent);

	memset(&k, 0, sizeof(k));
	k.kind = TK_OBJR;
	k.val = (uint32_t)annot;
	k.key = key_of(page, seq);
	kid_push(t, el, &k);
	if (desc != NULL && *desc != '\0' && t->e[el].alt == 0)
		t->e[el].alt = str_add(t, desc);
	if (t->nannots == t->capannots) {
		t->capannots = t->capannots ? 2 * t->capannots : 16;
		t->annot_elem = xrealloc(t->annot_elem, t->capannots *
		    sizeof(*t->annot_elem));
	}
	t->annot_elem[t->nannots] = el;
	return (long)(t->npages + t->nannots++);
}

/* By lead, place, kind, then element or MCID.  Two annotations drawn at
 * the same place compare equal and keep the order they were recorded
 * in, as they did before the kids were gathered into one array: GNU
 * libc's qsort is a merge sort, and the gathering keeps that order. */
static int
cmp_kid(const void *a, const void *b)
{
	const struct tag_kid *x = a, *y = b;

	if (x->lead != y->lead)
		return (int)y->lead - (int)x->lead;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->kind == TK_OBJR || x->val == y->val)
		return 0;
	return x->val < y->val ? -1 : 1;
}

/* Each element's kids gathered into its range of t->kid, in the order
 * they were recorded (a counting sort by element). */
static void
gather_kids(struct tag_tree *t)
{
	size_t at = 0;

	for (size_t i = 0; i < t->n; i++)
		t->e[i].nkids = 0;
	for (size_t j = 0; j < t->ndrawn; j++)
		t->e[t->drawn[j].el].nkids++;
	for (size_t i = 0; i < t->n; i++) {
		t->e[i].kid0 = (uint32_t)at;
		at += t->e[i].nkids;
		t->e[i].nkids = 0;
	}
	t->nkid = at;
	t->kid = xmalloc((at ? at : 1) * sizeof(*t->kid));
	for (size_t j = 0; j < t->ndrawn; j++) {
		struct tag_elem *e = &t->e[t->drawn[j].el];

		t->kid[e->kid0 + e->nkids++] = t->drawn[j].k;
	}
	free(t->drawn);
	t->drawn = NULL;
	t->ndrawn = t->capdrawn = 0;
}

void
tag_finish(struct tag_tree *t)
{
	/* Nothing more is drawn: the map from nodes goes. */
	free(t->slot);
	t->slot = NULL;
	t->nslots = t->nmap = 0;
	/* Children come after their parents in t->e: from the last, each
	 * element's first content is known when it joins its parent. */
	for (size_t i = t->n; i-- > 1;) {
		struct tag_elem *e = &t->e[i];
		struct tag_kid	 k;

		if (e->key == UINT64_MAX || e->parent < 0)
			continue;
		memset(&k, 0, sizeof(k));
		k.kind = TK_ELEM;
		k.val = (uint32_t)i;
		k.key = e->key;
		k.lead = (e->flags & TAG_LEAD) != 0;
		kid_push(t, e->parent, &k);
	}
	gather_kids(t);
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].nkids > 1)
			qsort(t->kid + t->e[i].kid0, t->e[i].nkids,
			    sizeof(struct tag_kid), cmp_kid);
}
