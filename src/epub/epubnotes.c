/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/notes.c - GitHub's footnotes, alerts and task items in the book.
 *
 * A reference is an <a epub:type="noteref" role="doc-noteref"> and its
 * note an <aside epub:type="footnote" role="doc-footnote"> at the end of
 * the content file that first refers to it, so that reading systems
 * (Apple Books, Kobo, Thorium) show it as a pop-up and the others at the
 * end of the section; the note links back to each of its references.
 * Which file holds which note and reference is planned once, before
 * (noteplan.c), as plan.c does for headings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "util/strmap.h"
#include "model/style.h"

/* The href of id in file fi, seen from file `from` (malloc'd). */
static char *
href_in(const struct epub *e, int fi, int from, const char *id)
{
	const char *name = fi != from && fi >= 0 ? e->files[fi].name : "";
	size_t len = strlen(name) + strlen(id) + 2;
	char *h = xmalloc(len);

	snprintf(h, len, "%s#%s", name, id);
	return h;
}

/* ---- references ------------------------------------------------------ */

void
epub_noteref(const struct epub *e, struct xw *parent, const struct node *n,
    int in_link)
{
	const struct node *note = n->u.footref.note;
	const struct epub_note *en = epub_note_of(e, note);
	struct xw *sup = xw_el(parent, "sup"), *a;
	char num[24], *h;

	snprintf(num, sizeof(num), "%d", note->u.footnote.num);
	if (in_link || en == NULL) {
		/* A link cannot hold another: the number, still a place the
		 * note can lead back to. */
		xw_attr(sup, "id", n->u.footref.id);
		xw_text(sup, num);
		return;
	}
	a = xw_el(sup, "a");
	xw_attr(a, "epub:type", "noteref");
	xw_attr(a, "role", "doc-noteref");
	xw_attr(a, "id", n->u.footref.id);
	xw_attr(a, "class", "noteref");
	h = href_in(e, en->file, en->ref_file[n->u.footref.nth - 1],
	    note->u.footnote.id);
	xw_attr(a, "href", h);
	free(h);
	xw_text(a, num);
}

/* ---- the notes ------------------------------------------------------- */

/* A link back to each reference, in their order: "↩", then "↩2"... */
static void
backlinks(const struct epub *e, struct xw *p, const struct epub_note *en,
    int fi)
{
	char label[64], num[24], *h;
	struct xw *a;

	for (int k = 0; k < en->note->u.footnote.nrefs; k++) {
		if (en->refs[k] == NULL)
			continue;	/* not shown in the book */
		if (xw_has_children(p))
			xw_text(p, " ");
		a = xw_el(p, "a");
		xw_attr(a, "role", "doc-backlink");
		xw_attr(a, "class", "backlink");
		h = href_in(e, en->ref_file[k], fi, en->refs[k]->u.footref.id);
		xw_attr(a, "href", h);
		free(h);
		if (k == 0)
			snprintf(label, sizeof(label), "Back to the text");
		else
			snprintf(label, sizeof(label), "Back to the text, "
			    "reference %d", k + 1);
		xw_attr(a, "aria-label", label);
		xw_text(a, "\xe2\x86\xa9");	/* U+21A9 */
		if (k > 0) {
			snprintf(num, sizeof(num), "%d", k + 1);
			xw_text(xw_el(a, "sup"), num);
		}
	}
}

/* One note: its number leading its first paragraph (or on a line of its
 * own before other blocks), its blocks, the links back at the end. */
static void
aside(const struct epub *e, struct xw *body, const struct epub_note *en,
    int fi)
{
	const struct node *note = en->note, *first = note->first;
	struct xw *as = xw_el(body, "aside"), *p, *sp, *last;
	char num[24];

	xw_attr(as, "epub:type", "footnote");
	xw_attr(as, "role", "doc-footnote");
	xw_attr(as, "id", note->u.footnote.id);
	xw_attr(as, "class", "footnote");
	snprintf(num, sizeof(num), "%d.", note->u.footnote.num);
	p = xw_el(as, "p");
	sp = xw_el(p, "span");
	xw_attr(sp, "class", "note-num");
	xw_text(sp, num);
	if (first != NULL && first->type == N_PARAGRAPH) {
		xw_text(p, " ");
		epub_inlines(e, p, first, 0);
		first = first->next;
	}
	epub_blocks(e, as, first, NULL, 0);
	/* The links back go after the last paragraph's text, or in a
	 * paragraph of their own after a list, a table or code. */
	if ((last = xw_last_el(as, "p")) == NULL)
		last = xw_el(as, "p");
	backlinks(e, last, en, fi);
}

void
epub_file_notes(const struct epub *e, struct xw *body, size_t fi)
{
	for (size_t i = 0; i < e->nnotes; i++)
		if (e->notes[i].file == (int)fi)
			aside(e, body, &e->notes[i], (int)fi);
}

/* ---- alerts and tasks ------------------------------------------------- */

void
epub_alert(const struct epub *e, struct xw *parent, const struct node *n)
{
	static const char *const cls[] = { "alert alert-note",
	    "alert alert-tip", "alert alert-important", "alert alert-warning",
	    "alert alert-caution" };
	struct xw *as = xw_el(parent, "aside"), *t;

	/* role="note": an aside that is part of the text, not a
	 * complementary landmark. */
	xw_attr(as, "role", "note");
	xw_attr(as, "class", cls[n->u.alert.kind]);
	t = xw_el(as, "p");
	xw_attr(t, "class", "alert-title");
	xw_text(t, e->st->alert_title[n->u.alert.kind]);
	epub_blocks(e, as, n->first, NULL, 0);
}

/*
 * A task item's box: a disabled checkbox at the start of its text (in
 * its first paragraph when the item has paragraphs), called once the
 * item's blocks are in li.
 */
void
epub_task(struct xw *li, const struct node *item)
{
	struct xw *at, *in;

	if ((at = xw_first_el(li, "p")) == NULL)
		at = li;
	in = xw_prepend_el(at, "input");
	xw_attr(li, "class", "task-list-item");
	xw_attr(in, "type", "checkbox");
	xw_attr(in, "class", "task-list-item-checkbox");
	xw_attr(in, "disabled", "disabled");
	if (item->u.item.task == TASK_DONE)
		xw_attr(in, "checked", "checked");
	/* A control needs a name; whether it is ticked is its state,
	 * which assistive technology reads out. */
	xw_attr(in, "aria-label", "Task");
}
