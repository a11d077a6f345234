/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * settle.c - every merge of command line x metadata x book.toml x style,
 * done once (see settle.h for the order of the sources).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "model/doc.h"
#include "model/settle.h"
#include "model/style.h"
#include "util/paper.h"


/* A switch as written (1, 0, or -1 for unsaid), else the fallback. */
static int
either(int written, int fallback)
{
	return written >= 0 ? written : fallback;
}

void
settle_reading(struct doc *d, const struct style *st, int plain_code)
{
	struct settings *s = &d->set;

	s->smart = either(d->meta.smart, st->markdown.smart);
	s->notes_restart = st->markdown.footnotes == NOTES_CHAPTER;
	s->plain_code = plain_code;
	s->highlight = either(d->meta.highlight, st->code.highlight) != 0;
}

/*
 * A script subtag decides when there is one ("az-Arab" is right to left,
 * "ku-Latn" is not); otherwise the language does, from the languages
 * whose usual script is Arabic, Hebrew, Thaana or Syriac.  Case does not
 * matter in a tag (BCP 47).
 */
int
settle_rtl_lang(const char *tag)
{
	static const char *const langs[] = { "ar", "he", "iw", "fa", "ur",
	    "yi", "ps", "sd", "ug", "ckb", "dv", "syr", NULL };
	static const char *const scripts[] = { "Arab", "Hebr", "Thaa",
	    "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", NULL };
	size_t n = strcspn(tag, "-_");
	const char *p = tag + n;

	while (*p != '\0') {
		size_t k = strcspn(++p, "-_");

		if (k == 4 && isalpha((unsigned char)p[0])) {
			for (int i = 0; scripts[i] != NULL; i++)
				if (strncasecmp(p, scripts[i], 4) == 0)
					return 1;
			return 0;
		}
		p += k;
	}
	for (int i = 0; langs[i] != NULL; i++)
		if (strlen(langs[i]) == n && strncasecmp(tag, langs[i], n) == 0)
			return 1;
	return 0;
}

/* The direction: "dir" when it says ltr or rtl; otherwise (unsaid or
 * auto) the language's script, each paragraph finding its own when
 * that is left to right. */
static void
direction(struct doc *d)
{
	int rtl = settle_rtl_lang(d->meta.lang);

	if (d->meta.dir == TD_LTR || d->meta.dir == TD_RTL) {
		d->set.dir = d->meta.dir;
		d->set.dir_auto = 0;
	} else {
		d->set.dir = rtl ? TD_RTL : TD_LTR;
		d->set.dir_auto = !rtl;
	}
}

/* The page: the style's width and height where given, the rest from
 * its paper (paper.h: by name, or the system's). */
static void
paper(struct settings *s, const struct pdf_style *st)
{
	double w, h;

	paper_size(st->paper, &w, &h);
	s->page_width = st->page_width > 0 ? st->page_width : w;
	s->page_height = st->page_height > 0 ? st->page_height : h;
}

/*
 * The title of a document that states none (meta.untitled): its first
 * heading, else its file name, for the PDF's title, the EPUB's
 * dc:title and the man page's NAME line alike; "Untitled" names nothing
 * in a reader's library.  meta.untitled stays set, so no title block or
 * footer prints the stand-in over the heading it was taken from.
 */
void
settle_title(struct doc *d)
{
	struct node *n = NULL;
	const char *t = NULL;
	int entering;

	if (!d->meta.untitled && d->meta.title != NULL)
		return;
	while (t == NULL && (n = doc_next(d->root, n, &entering)) != NULL)
		if (entering && n->type == N_HEADING &&
		    *(t = doc_plain_text(d, n)) == '\0')
			t = NULL;
	if (t == NULL && d->meta.name != NULL && *d->meta.name != '\0')
		t = d->meta.name;
	if (t == NULL)
		return;
	/* The NAME line took the title when nothing better was said. */
	if (d->man.whatis == d->meta.title)
		d->man.whatis = t;
	d->meta.title = t;
	d->meta.untitled = 1;
}

void
settle_document(struct doc *d, const struct style *st)
{
	struct settings *s = &d->set;
	const struct meta *m = &d->meta;

	s->highlight = either(m->highlight, st->code.highlight) != 0;
	/* The furniture: the metadata, else the style, else on for a book
	 * and off for a handout.  Sections have no style key. */
	s->toc = either(m->toc, either(st->pdf.toc, d->book)) > 0;
	s->titlepage = either(m->titlepage, either(st->pdf.titlepage,
	    d->book)) > 0;
	s->number_sections = either(m->number_sections, d->book) > 0;
	s->number_depth = m->toc_depth > 0 ? m->toc_depth : 3;
	s->pdf_toc_depth = m->toc_depth > 0 ? m->toc_depth :
	    st->pdf.toc_depth;
	s->epub_toc_depth = m->toc_depth > 0 ? m->toc_depth :
	    st->epub.toc_depth;
	if (d->meta.lang == NULL)
		d->meta.lang = "en";
	direction(d);
	paper(s, &st->pdf);
	s->pdf_labels = st->pdf.table_label_column;
	s->epub_labels = st->epub.label_column;
}
