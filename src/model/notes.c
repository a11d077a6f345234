/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notes.c - footnotes settled once, in the model (see notes.h).
 *
 * cmark-gfm numbers a file's notes in order of first reference and keeps
 * only those referenced; it silently turns a reference to a missing note
 * into text and drops a note nobody refers to.  Both are an author's
 * slip worth a warning, so this file compares what cmark kept with every
 * definition parse.c saw it read.  Everything an emitter needs (number,
 * id, the first reference, how many there are) ends up on the nodes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "model/doc.h"
#include "model/notes.h"
#include "util/strmap.h"

/* Room for one more entry in an array of n entries with capacity *cap. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	return xrealloc(v, *cap * size);
}

void
notes_found_def(struct notes_found *f, struct node *note, int line, int col)
{
	f->defs = grow(f->defs, f->ndefs, &f->capdefs, sizeof(*f->defs));
	f->defs[f->ndefs].note = note;
	f->defs[f->ndefs].line = line;
	f->defs[f->ndefs].col = col;
	f->ndefs++;
}

void
notes_found_text(struct notes_found *f, struct node *t)
{
	if (strstr(t->text, "[^") == NULL)
		return;
	f->texts = grow(f->texts, f->ntexts, &f->captexts,
	    sizeof(*f->texts));
	f->texts[f->ntexts++] = t;
}

void
notes_found_ref(struct notes_found *f, struct node *ref, int num)
{
	f->refs = grow(f->refs, f->nrefs, &f->caprefs, sizeof(*f->refs));
	f->refs[f->nrefs].ref = ref;
	f->refs[f->nrefs].num = num;
	f->nrefs++;
}

static int
pos_cmp(int line, int col, const struct found_seen *s)
{
	return line != s->line ? (line < s->line ? -1 : 1) :
	    col != s->col ? (col < s->col ? -1 : 1) : 0;
}

/* The index of the definition seen at line, col, or where it would go. */
static size_t
seen_at(const struct notes_found *f, int line, int col, int *found)
{
	size_t lo = 0, hi = f->nseen, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = pos_cmp(line, col, &f->seen[mid])) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * cmark shows a definition to parse.c on every line inside it, almost
 * always first on its own line; the list is kept in source order (a
 * definition seen late is put in its place), so each is kept once.
 */
void
notes_found_seen(struct notes_found *f, int line, int col, const char *label)
{
	int found;
	size_t i = seen_at(f, line, col, &found);

	if (found) {
		if (f->seen[i].label == NULL)
			f->seen[i].label = label;
		return;
	}
	f->seen = grow(f->seen, f->nseen, &f->capseen, sizeof(*f->seen));
	memmove(f->seen + i + 1, f->seen + i, (f->nseen - i) *
	    sizeof(*f->seen));
	f->seen[i].line = line;
	f->seen[i].col = col;
	f->seen[i].label = label;
	f->seen[i].used = 0;
	f->nseen++;
}

/* A label as cmark compares them, near enough: ASCII case folded. */
static char *
fold(struct doc *d, const char *s, size_t n)
{
	char *k = doc_strndup(d, s, n);

	for (char *p = k; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/*
 * Text like "[^label]" that names no definition at all was a reference
 * to a missing note: cmark left it as text, which it stays.  (A label
 * that does name one, say inside a link's text, is the author's choice.)
 */
static void
missing_refs(struct doc *d, const struct notes_found *f)
{
	struct strmap labels;
	struct node *n;
	const char *s, *e;
	int made = 0;

	/* The chapter's TEXTs that may hold one, listed as they were made
	 * (notes_found_text), not found by a walk of the chapter. */
	for (size_t k = 0; k < f->ntexts; k++) {
		n = f->texts[k];
		if (n->type != N_TEXT)
			continue;
		for (s = n->text; (s = strstr(s, "[^")) != NULL; s = e) {
			e = s + 2 + strcspn(s + 2, "] \t\n[");
			if (*e != ']' || e == s + 2)
				continue;
			if (!made++) {
				strmap_init(&labels);
				for (size_t i = 0; i < f->nseen; i++)
					if (f->seen[i].label != NULL)
						strmap_put(&labels, fold(d,
						    f->seen[i].label,
						    strlen(f->seen[i].label)),
						    &f->seen[i]);
			}
			if (strmap_get(&labels, fold(d, s + 2,
			    (size_t)(e - s - 2))) == NULL)
				diag_warn(n->file, n->line, "footnote %.*s has "
				    "no note; it stays as written",
				    (int)(e + 1 - s), s);
		}
	}
	if (made)
		strmap_free(&labels);
}

/* Each note's label, and the definitions nobody uses. */
static void
labels(struct doc *d, const char *file, struct notes_found *f)
{
	char num[24];
	size_t k, i;
	int found;

	for (k = 0; k < f->ndefs; k++) {
		struct node *note = f->defs[k].note;

		i = seen_at(f, f->defs[k].line, f->defs[k].col, &found);
		if (found) {
			f->seen[i].used = 1;
			note->u.footnote.label = f->seen[i].label;
		}
		if (note->u.footnote.label == NULL) {
			/* cmark did not show its line: its number will do
			 * for an id. */
			snprintf(num, sizeof(num), "%zu", k + 1);
			note->u.footnote.label = doc_strdup(d, num);
		}
	}
	for (i = 0; i < f->nseen; i++)
		if (!f->seen[i].used)
			diag_warn(file, f->seen[i].line, "footnote [^%s] is "
			    "never referenced; it is left out",
			    f->seen[i].label ? f->seen[i].label : "?");
}

void
notes_chapter(struct doc *d, struct node *ch, struct notes_found *f)
{
	size_t k;

	labels(d, ch->file, f);
	for (k = 0; k < f->nrefs; k++) {
		struct node *ref = f->refs[k].ref, *note;
		int num = f->refs[k].num;

		if (num < 1 || (size_t)num > f->ndefs) {
			/* Never from cmark; a reference that leads
			 * nowhere shows a question mark. */
			ref->type = N_TEXT;
			ref->text = doc_strdup(d, "?");
			continue;
		}
		note = f->defs[num - 1].note;
		ref->u.footref.note = note;
		ref->u.footref.nth = ++note->u.footnote.nrefs;
		if (note->u.footnote.ref == NULL)
			note->u.footnote.ref = ref;
	}
	missing_refs(d, f);
	free(f->texts);
	free(f->defs);
	free(f->refs);
	free(f->seen);
	memset(f, 0, sizeof(*f));
}

void
notes_document(struct doc *d)
{
	struct node *ch, *n, *next;
	int num = 0;

	for (ch = d->root->first; ch != NULL; ch = ch->next) {
		if (d->set.notes_restart)
			num = 0;
		for (n = ch->first; n != NULL; n = next) {
			next = n->next;
			if (n->type != N_FOOTNOTE)
				continue;
			doc_unlink(n);
			n->u.footnote.num = ++num;
			doc_append(d->notes, n);
		}
	}
}
