/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/noteplan.c - which content file holds each footnote and each
 * reference (the note goes with its first reference), planned once
 * before any file is written, as plan.c does for headings; notes.c
 * writes them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "model/doc.h"
#include "epub.h"
#include "util/strmap.h"

struct epub_note *
epub_note_of(const struct epub *e, const struct node *note)
{
	uintptr_t k = (uintptr_t)strmap_get(&e->note_ix, note->u.footnote.id);

	return k > 0 ? &e->notes[k - 1] : NULL;
}

/*
 * Every reference under root is in file fi: remember it with its note,
 * and put there each note not placed yet.  Returns how many were.
 */
static int
place_refs(struct epub *e, const struct node *root, int fi)
{
	struct node *n = NULL;
	struct epub_note *en;
	int entering, placed = 0;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering || n->type != N_FOOTREF ||
		    (en = epub_note_of(e, n->u.footref.note)) == NULL)
			continue;
		en->refs[n->u.footref.nth - 1] = n;
		en->ref_file[n->u.footref.nth - 1] = fi;
		if (en->file < 0) {
			en->file = fi;
			placed++;
		}
	}
	return placed;
}

void
epub_plan_notes(struct epub *e)
{
	const struct node *n, *b;
	struct epub_note *en;
	size_t i, fi;
	int placed;

	strmap_init(&e->note_ix);
	for (n = e->doc->notes->first; n != NULL; n = n->next)
		e->nnotes++;
	e->notes = xcalloc(e->nnotes + 1, sizeof(*e->notes));
	for (n = e->doc->notes->first, i = 0; n != NULL; n = n->next, i++) {
		en = &e->notes[i];
		en->note = n;
		en->file = -1;
		en->refs = xcalloc((size_t)n->u.footnote.nrefs + 1,
		    sizeof(*en->refs));
		en->ref_file = xcalloc((size_t)n->u.footnote.nrefs + 1,
		    sizeof(*en->ref_file));
		strmap_put(&e->note_ix, n->u.footnote.id,
		    (void *)(uintptr_t)(i + 1));
	}
	for (fi = 0; fi < e->nfiles; fi++) {
		placed = 0;
		for (b = e->files[fi].first; b != e->files[fi].end;
		    b = b->next)
			placed += place_refs(e, b, (int)fi);
		/* A note referred to only from another note goes with it,
		 * into the same file. */
		while (placed > 0) {
			placed = 0;
			for (i = 0; i < e->nnotes; i++)
				if (e->notes[i].file == (int)fi &&
				    !e->notes[i].walked) {
					e->notes[i].walked = 1;
					placed += place_refs(e,
					    e->notes[i].note, (int)fi);
				}
		}
	}
	/* A note the book shows no reference to (it was in the title
	 * heading, shown as plain text) still goes somewhere. */
	for (i = 0; i < e->nnotes; i++)
		if (e->notes[i].file < 0)
			e->notes[i].file = 0;
}

void
epub_plan_notes_free(struct epub *e)
{
	for (size_t i = 0; i < e->nnotes; i++) {
		free(e->notes[i].refs);
		free(e->notes[i].ref_file);
	}
	free(e->notes);
	strmap_free(&e->note_ix);
}
