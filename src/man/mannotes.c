/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/notes.c - what a man page makes of GitHub's alerts and footnotes.
 *
 * A man page has no boxes and no foot of the page: an alert is a block
 * inset like a quote under its title in bold, and the footnotes, marked
 * "[1]" in the text (man.c), are listed in a NOTES section after the
 * body, each under its marker as a list item would be, so the page needs
 * no table and reads the same in man, mandoc and groff.
 */
#include <stdio.h>
#include <string.h>

#include "model/doc.h"
#include "man.h"
#include "model/style.h"

/* The indent of an alert's text, as a quote's. */
#define ALERT_INDENT	4

void
man_alert(struct man *m, const struct node *n, int depth)
{
	const char *title = m->alert_title[n->u.alert.kind];
	/* Deep inside lists and quotes, indenting stops (as inset()'s). */
	int w = m->indent + ALERT_INDENT <= MAX_INDENT ? ALERT_INDENT : 0;

	if (w > 0) {
		roff_req(&m->r, ".RS 4");
		roff_eol(&m->r);
	}
	roff_req(&m->r, ".PP");
	roff_eol(&m->r);
	roff_font_push(&m->r, FONT_BOLD);
	roff_text(&m->r, title, strlen(title), ESC_ONELINE);
	roff_font_pop(&m->r, FONT_BOLD);
	/* The text starts on the line under the title, as on GitHub: no
	 * paragraph break between them. */
	if (n->first != NULL) {
		roff_req(&m->r, ".br");
		roff_eol(&m->r);
		m->fresh = 1;
		m->indent += w;
		man_blocks(m, n->first, depth + 1);
		m->indent -= w;
	}
	roff_eol(&m->r);
	if (w > 0) {
		roff_req(&m->r, ".RE");
		roff_eol(&m->r);
	}
	m->fresh = 0;
}

void
man_notes(struct man *m)
{
	const struct node *note;
	char tmp[64];
	int w = 4;

	if (m->doc->notes == NULL || m->doc->notes->first == NULL)
		return;
	/* Room for the widest marker, "[12]" and a space. */
	for (note = m->doc->notes->first; note != NULL; note = note->next) {
		snprintf(tmp, sizeof(tmp), "[%d]", note->u.footnote.num);
		if ((int)strlen(tmp) + 1 > w)
			w = (int)strlen(tmp) + 1;
	}
	roff_req(&m->r, ".SH NOTES");
	roff_eol(&m->r);
	m->fresh = 1;
	m->gap = 0;
	for (note = m->doc->notes->first; note != NULL; note = note->next) {
		snprintf(tmp, sizeof(tmp), ".IP [%d] %d", note->u.footnote.num,
		    w);
		roff_req(&m->r, tmp);
		roff_eol(&m->r);
		m->fresh = 1;
		if (note->first == NULL) {
			/* An empty note still shows its marker. */
			roff_raw(&m->r, "\\&");
			roff_eol(&m->r);
			m->fresh = 0;
			continue;
		}
		/* The first block beside the marker, the rest inset to it. */
		m->indent += w;
		man_block(m, note->first, 1);
		m->indent -= w;
		if (note->first->next != NULL)
			man_inset(m, note->first->next, w, 1);
		m->fresh = 0;
	}
}
