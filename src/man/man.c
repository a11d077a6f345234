/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * man/man.c - the document model as a man(7) page, with tbl tables.
 *
 * The page is built in memory by the roff writer (roff.c), which is the
 * only place user text is escaped, and written out at the end.  This file
 * decides the page's structure: the .TH/NAME header, sections, paragraphs,
 * lists, quotes, code and the inline fonts and links; table.c does the
 * tables.  Blocks recurse (the model bounds their nesting: doc.h); inlines
 * are walked iteratively with doc_next().
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"
#include "man.h"
#include "model/style.h"

static void	block(struct man *, const struct node *, int);
static void	blocks(struct man *, const struct node *, int);
static void	inset(struct man *, const struct node *, int, int);

int
man_avail(const struct man *m)
{
	return m->width - 7 - m->indent;
}

void
man_para(struct man *m)
{
	if (m->gap) {
		/* A thematic break: a blank line more than a paragraph. */
		roff_req(&m->r, ".sp");
		roff_eol(&m->r);
		m->gap = 0;
		m->fresh = 0;
	}
	if (!m->fresh) {
		roff_req(&m->r, ".PP");
		roff_eol(&m->r);
	}
	m->fresh = 0;
}

/* ---------------------------------------------------------------- inlines */

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A link whose text is its own address ("<https://x>", "<a@b.c>") is
 * shown once, as the address. */
int
man_autolink(const struct node *link)
{
	const char *url = link->u.link.href;
	char *text;
	int same;

	if (link->u.link.kind != LINK_EXTERNAL)
		return 0;
	text = doc_text_dup(link, 0);
	if (starts_with(url, "mailto:") && !starts_with(text, "mailto:"))
		url += strlen("mailto:");
	same = text[0] == '\0' || strcmp(text, url) == 0;
	free(text);
	return same;
}

static void
link_open(struct man *m, const struct node *n)
{
	const char *url = n->u.link.href;

	if (starts_with(url, "mailto:")) {
		roff_req(&m->r, ".MT");
		url += strlen("mailto:");
	} else
		roff_req(&m->r, ".UR");
	roff_arg(&m->r, url, ESC_LITERAL);
	roff_eol(&m->r);
}

/*
 * Close a link.  Punctuation glued to the link text in the source (the
 * "," in "[x](u), and") goes on the .UE line so no space appears before
 * it; returns how many bytes of the next text node were used.
 */
static size_t
link_close(struct man *m, const struct node *n)
{
	const struct node *next = n->next;
	size_t len = 0;

	roff_req(&m->r, starts_with(n->u.link.href, "mailto:") ?
	    ".ME" : ".UE");
	if (next != NULL && next->type == N_TEXT) {
		/* Unquoted: mandoc would show the quotes.  The run stops
		 * at a space and ONELINE spells '"' as "\(dq". */
		len = strcspn(next->text, " \t\n");
		if (len > 0) {
			m->r.space = 1;
			roff_text(&m->r, next->text, len, ESC_ONELINE);
		}
	}
	roff_eol(&m->r);
	return len;
}

/*
 * A link: a page reference set as man pages set them (the name bold, the
 * section roman), a link out of the document as .UR/.UE, anything else
 * as its text.  Returns 0 when the link's children are not to be
 * walked, else `entering`.
 */
static int
link_node(struct man *m, const struct node *n, enum inl_mode mode,
    int flags, int entering)
{
	const char *u = n->u.link.href;

	if (entering && n->u.link.man_page != NULL) {
		roff_font_push(&m->r, FONT_BOLD);
		roff_text(&m->r, n->u.link.man_page,
		    strlen(n->u.link.man_page), flags | ESC_LITERAL);
		roff_font_pop(&m->r, FONT_BOLD);
		roff_text(&m->r, "(", 1, flags);
		roff_text(&m->r, n->u.link.man_section,
		    strlen(n->u.link.man_section), flags);
		roff_text(&m->r, ")", 1, flags);
		return 0;
	}
	if (n->u.link.kind != LINK_EXTERNAL)
		return entering;
	if (entering && man_autolink(n)) {
		/* The address is the text: no macro, which mandoc would
		 * call an empty block. */
		if (starts_with(u, "mailto:"))
			u += strlen("mailto:");
		roff_text(&m->r, u, strlen(u), flags | ESC_LITERAL |
		    ESC_NOHYPH);
		return 0;
	}
	if (entering && mode == INL_FLOW)
		link_open(m, n);
	else if (!entering && mode == INL_FLOW) {
		m->skip = link_close(m, n);
		m->skip_node = n->next;
	} else if (!entering && mode == INL_CELL) {
		roff_text(&m->r, " <", 2, flags);
		roff_text(&m->r, u, strlen(u), flags | ESC_LITERAL);
		roff_text(&m->r, ">", 1, flags);
	}
	return entering;
}

/* A footnote's marker, "[1]", as the NOTES section at the end lists
 * it. */
static void
footref(struct man *m, const struct node *n, int flags)
{
	char num[24];

	snprintf(num, sizeof(num), "[%d]", n->u.footref.note->u.footnote.num);
	roff_text(&m->r, num, strlen(num), flags);
}

/* One inline subtree, walked iteratively (emphasis can nest deeply). */
static void
inline_tree(struct man *m, const struct node *root, enum inl_mode mode,
    int flags)
{
	struct node *n = NULL;
	enum font_bit font;
	int entering;
	char *text;

	if (mode == INL_LINE) {
		flags |= ESC_ONELINE;
		m->r.nowrap++;
	}
	while ((n = doc_next(root, n, &entering)) != NULL) {
		switch (n->type) {
		case N_TEXT: {
			const char *s = n->text;

			if (n == m->skip_node) {
				s += strlen(s) < m->skip ? strlen(s) : m->skip;
				m->skip_node = NULL;
			}
			roff_text(&m->r, s, strlen(s), flags);
			break;
		}
		case N_CODE:
			roff_font_push(&m->r, FONT_MONO);
			roff_text(&m->r, n->text, strlen(n->text),
			    flags | ESC_LITERAL | ESC_NOHYPH);
			roff_font_pop(&m->r, FONT_MONO);
			break;
		case N_SOFTBREAK:
			if (mode == INL_FLOW)
				roff_eol(&m->r);
			else
				m->r.space = 1;
			break;
		case N_LINEBREAK:
			/* In a tbl text block mandoc loses .br, so table
			 * rows are split at breaks (table.c); one
			 * nested deeper is a space. */
			if (mode == INL_FLOW) {
				roff_req(&m->r, ".br");
				roff_eol(&m->r);
			} else
				m->r.space = 1;
			break;
		case N_EMPH:
		case N_STRONG:
		case N_UNDERLINE:
		case N_MARK:
			/* Underlining is italics on a man page (as troff
			 * does on terminals); a highlight is bold. */
			font = n->type == N_EMPH || n->type == N_UNDERLINE ?
			    FONT_ITALIC : FONT_BOLD;
			if (entering)
				roff_font_push(&m->r, font);
			else
				roff_font_pop(&m->r, font);
			break;
		case N_SUP:
			if (entering)
				roff_text(&m->r, "^", 1, flags);
			break;
		case N_IMAGE:
			/* Images show as their alt text. */
			text = doc_text_dup(n, 0);
			roff_text(&m->r, text, strlen(text), flags);
			free(text);
			entering = 0;	/* skip the alt-text children */
			break;
		case N_LINK:
			entering = link_node(m, n, mode, flags, entering);
			break;
		case N_PLACEHOLDER:
			/* "<file>": an italic placeholder, as ronn and
			 * man pages write them. */
			roff_font_push(&m->r, FONT_ITALIC);
			roff_text(&m->r, n->text, strlen(n->text), flags);
			roff_font_pop(&m->r, FONT_ITALIC);
			break;
		case N_FOOTREF:
			footref(m, n, flags);
			break;
		case N_ANCHOR: case N_STRIKE: case N_SUB: case N_SMALL:
			break;		/* their text, as is */
		default:
			if (entering)
				emit_fallback_warn(m->unshown, n, "man page");
			if (entering && n->text != NULL)
				roff_text(&m->r, n->text, strlen(n->text),
				    flags);
			break;
		}
	}
	if (mode == INL_LINE)
		m->r.nowrap--;
}

void
man_inline_range(struct man *m, const struct node *first,
    const struct node *stop, enum inl_mode mode, int flags)
{
	const struct node *n;

	for (n = first; n != NULL && n != stop; n = n->next)
		inline_tree(m, n, mode, flags);
	m->skip_node = NULL;
}

void
man_inlines(struct man *m, const struct node *parent, enum inl_mode mode,
    int flags)
{
	man_inline_range(m, parent->first, NULL, mode, flags);
}

/* ----------------------------------------------------------------- blocks */

/* A heading outside a section's top level (in a list or quote) cannot be
 * .SH/.SS; it becomes a bold paragraph. */
static void
heading(struct man *m, const struct node *n, int depth)
{
	int sh;

	if (!doc_has_text(n))
		return;
	if (depth > 0) {
		man_para(m);
		roff_font_push(&m->r, FONT_BOLD);
		man_inlines(m, n, INL_FLOW, 0);
		roff_font_pop(&m->r, FONT_BOLD);
		roff_eol(&m->r);
		return;
	}
	sh = n->u.heading.level <= m->doc->man.sh_level;
	roff_req(&m->r, sh ? ".SH" : ".SS");
	roff_eol(&m->r);
	man_inlines(m, n, INL_LINE, sh ? ESC_UPPER : 0);
	roff_eol(&m->r);
	m->fresh = 1;
	m->gap = 0;
}

static void
code_block(struct man *m, const struct node *n)
{
	size_t len = strlen(n->text);

	while (len > 0 && n->text[len - 1] == '\n')
		len--;
	/* Indented, so an example stands out from the text around it. */
	man_para(m);
	roff_req(&m->r, ".RS 4");
	roff_eol(&m->r);
	roff_req(&m->r, ".EX");
	roff_eol(&m->r);
	if (len == 0)
		roff_raw(&m->r, "\\&");
	roff_text(&m->r, n->text, len, ESC_NOSPACE | ESC_LITERAL);
	roff_req(&m->r, ".EE");
	roff_eol(&m->r);
	roff_req(&m->r, ".RE");
	roff_eol(&m->r);
}

/* The tag's width: the widest number or the bullet, and room for a
 * task's "[x]" after it when an item has one. */
static int
list_width(const struct node *list)
{
	char tmp[32];
	int count = 0, task = 0;
	const struct node *c;

	for (c = list->first; c != NULL; c = c->next, count++)
		task |= c->u.item.task != TASK_NONE;
	if (!list->u.list.ordered)
		return task ? 4 : 2;
	snprintf(tmp, sizeof(tmp), "%d%c", list->u.list.start + count - 1,
	    list->u.list.delim ? list->u.list.delim : '.');
	return ((int)strlen(tmp) + 1 < 3 ? 3 : (int)strlen(tmp) + 1) +
	    (task ? 4 : 0);
}

/* A task item's box, as GitHub's Markdown writes it: "[x]" or "[ ]"
 * (an unbreakable space), or "" for an item without one. */
static const char *
task_box(const struct node *item)
{
	return item->u.item.task == TASK_DONE ? "[x]" :
	    item->u.item.task == TASK_OPEN ? "[\\ ]" : "";
}

/* Paragraph spacing on (.PD) or off (.PD 0), written only on change. */
static void
set_pd0(struct man *m, int on)
{
	if (m->pd0 == on)
		return;
	roff_req(&m->r, on ? ".PD 0" : ".PD");
	roff_eol(&m->r);
	m->pd0 = on;
}

/* Is this list tight and nested in an item of a tight list? */
static int
tight_in_tight(const struct node *n)
{
	const struct node *item = n->parent;

	return n->u.list.tight && item != NULL && item->type == N_ITEM &&
	    item->parent != NULL && item->parent->type == N_LIST &&
	    item->parent->u.list.tight;
}

/*
 * A tight list's items follow each other without blank lines, as in a
 * browser: spacing goes off after its first item (which keeps the
 * spacing around it) and comes back as it was when the list ends.  A
 * tight list in a tight list's item follows the item's text directly,
 * whichever item it is in, so every sub-list is spaced the same.
 */
static void
list(struct man *m, const struct node *n, int depth)
{
	const struct node *item;
	char tmp[64];
	int num = n->u.list.start, w = list_width(n), outer = m->pd0;
	int first = tight_in_tight(n) ? 1 : outer;

	for (item = n->first; item != NULL; item = item->next, num++) {
		set_pd0(m, item == n->first ? first : n->u.list.tight);
		if (n->u.list.ordered)
			snprintf(tmp, sizeof(tmp), ".IP %d%c%s%s %d", num,
			    n->u.list.delim ? n->u.list.delim : '.',
			    *task_box(item) ? "\\ " : "", task_box(item), w);
		else
			snprintf(tmp, sizeof(tmp), ".IP %s %d",
			    *task_box(item) ? task_box(item) : "\\(bu", w);
		if (m->gap) {
			roff_req(&m->r, ".sp");
			roff_eol(&m->r);
			m->gap = 0;
		}
		roff_req(&m->r, tmp);
		roff_eol(&m->r);
		m->fresh = 1;
		if (item->first == NULL || !doc_has_text(item)) {
			roff_raw(&m->r, "\\&");
			roff_eol(&m->r);
			m->fresh = 0;
			continue;
		}
		/* The first block follows the tag; the rest are inset to
		 * the item's text. */
		m->indent += w;
		block(m, item->first, depth + 1);
		m->indent -= w;
		if (item->first->next != NULL)
			inset(m, item->first->next, w, depth + 1);
		m->fresh = 0;
	}
	set_pd0(m, outer);
}

/* Blocks after the first in an item sit in an .RS at the item's indent;
 * blocks in a quote in an .RS 4.  Indentation stops growing at
 * MAX_INDENT so deep nesting stays readable. */
static void
inset(struct man *m, const struct node *first, int w, int depth)
{
	char tmp[32];

	if (m->indent + w > MAX_INDENT) {
		blocks(m, first, depth);
		return;
	}
	snprintf(tmp, sizeof(tmp), ".RS %d", w);
	roff_req(&m->r, tmp);
	roff_eol(&m->r);
	m->indent += w;
	m->fresh = 0;
	blocks(m, first, depth);
	m->indent -= w;
	roff_req(&m->r, ".RE");
	roff_eol(&m->r);
	m->fresh = 0;
}

/* A node the man page cannot draw (yet): its content, with a warning. */
static void
fallback(struct man *m, const struct node *n, int depth)
{
	emit_fallback_warn(m->unshown, n, "man page");
	if (n->first != NULL && doc_is_block(n->first)) {
		blocks(m, n->first, depth);
	} else if (n->first != NULL || n->text != NULL) {
		man_para(m);
		if (n->first != NULL)
			man_inlines(m, n, INL_FLOW, 0);
		else
			roff_text(&m->r, n->text, strlen(n->text), 0);
		roff_eol(&m->r);
	}
}

/* A paragraph of inlines set in one font. */
static void
lead_line(struct man *m, const struct node *n, enum font_bit font)
{
	if (!doc_has_text(n))
		return;
	man_para(m);
	roff_font_push(&m->r, font);
	man_inlines(m, n, INL_FLOW, 0);
	roff_font_pop(&m->r, font);
	roff_eol(&m->r);
}

/*
 * A definition list: each term a .TP tag in bold (further terms of the
 * same definition with .TQ), the definition's first block beside it and
 * the rest inset at its indent.
 */
static void
deflist(struct man *m, const struct node *n, int depth)
{
	const struct node *c;
	int prev_term = 0;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->type == N_DEFTERM) {
			roff_req(&m->r, prev_term ? ".TQ" : ".TP");
			roff_eol(&m->r);
			roff_font_push(&m->r, FONT_BOLD);
			man_inlines(m, c, INL_LINE, 0);
			roff_font_pop(&m->r, FONT_BOLD);
			roff_eol(&m->r);
			m->fresh = 1;
			prev_term = 1;
			continue;
		}
		if (!prev_term) {
			/* A definition without a term of its own. */
			roff_req(&m->r, ".TP");
			roff_eol(&m->r);
			roff_raw(&m->r, "\\&");
			roff_eol(&m->r);
			m->fresh = 1;
		}
		prev_term = 0;
		if (c->first == NULL)
			continue;
		m->indent += 7;
		block(m, c->first, depth + 1);
		m->indent -= 7;
		if (c->first->next != NULL)
			inset(m, c->first->next, 7, depth + 1);
		m->fresh = 0;
	}
}

static void
block(struct man *m, const struct node *n, int depth)
{
	const struct node *c;

	switch (n->type) {
	case N_HEADING:
		heading(m, n, depth);
		break;
	case N_PARAGRAPH:
		if (!doc_has_text(n))
			break;
		man_para(m);
		man_inlines(m, n, INL_FLOW, 0);
		roff_eol(&m->r);
		break;
	case N_LIST:
		if (n->first != NULL)
			list(m, n, depth);
		break;
	case N_QUOTE:
		if (n->first != NULL && doc_has_text(n))
			inset(m, n->first, 4, depth + 1);
		break;
	case N_CODE_BLOCK:
		code_block(m, n);
		break;
	case N_RULE:
		/* Right after a heading a break separates nothing, and
		 * ".sp" there is a lint warning. */
		if (!m->fresh)
			m->gap = 1;
		break;
	case N_TABLE:
		if (m->gap) {
			roff_req(&m->r, ".sp");
			roff_eol(&m->r);
			m->gap = 0;
		}
		man_table(m, n);
		break;
	case N_DIV:
		blocks(m, n->first, depth);
		break;
	case N_FIGURE:
	case N_DETAILS:
		/* The caption or summary as a paragraph in its place:
		 * italic under a figure, a bold lead line of details. */
		for (c = n->first; c != NULL; c = c->next)
			if (c->type == N_CAPTION || c->type == N_SUMMARY)
				lead_line(m, c, c->type == N_CAPTION ?
				    FONT_ITALIC : FONT_BOLD);
			else
				block(m, c, depth);
		break;
	case N_DEFLIST:
		deflist(m, n, depth);
		break;
	case N_ALERT:
		man_alert(m, n, depth);
		break;
	case N_PAGEBREAK:
		break;		/* a man page has no pages */
	default:
		fallback(m, n, depth);
		break;
	}
}

static void
blocks(struct man *m, const struct node *first, int depth)
{
	const struct node *n;

	for (n = first; n != NULL; n = n->next)
		block(m, n, depth);
}

void
man_block(struct man *m, const struct node *n, int depth)
{
	block(m, n, depth);
}

void
man_blocks(struct man *m, const struct node *first, int depth)
{
	blocks(m, first, depth);
}

void
man_inset(struct man *m, const struct node *first, int w, int depth)
{
	inset(m, first, w, depth);
}

/* ----------------------------------------------------------------- header */

static void
header(struct man *m)
{
	const struct meta *mt = &m->doc->meta;
	const struct manpage *mp = &m->doc->man;

	if (m->doc->has_table) {
		/* Tells man(1) to run tbl; must be the very first line. */
		roff_req(&m->r, "'\\\" t");
		roff_eol(&m->r);
	}
	roff_req(&m->r, ".\\\" Generated by quire " QUIRE_VERSION
	    "; edit the Markdown source instead.");
	roff_eol(&m->r);

	roff_req(&m->r, ".TH");
	roff_arg(&m->r, mt->name, ESC_UPPER | ESC_LITERAL);
	roff_arg(&m->r, mt->section, 0);
	roff_arg(&m->r, mp->th_date, 0);
	roff_arg(&m->r, mt->source != NULL ? mt->source : "", 0);
	roff_arg(&m->r, mp->th_manual, 0);
	roff_eol(&m->r);
	m->th_end = m->r.out.len;

	/* whatis, apropos and lexgrog read "name \- description" here. */
	roff_req(&m->r, ".SH NAME");
	roff_eol(&m->r);
	roff_text(&m->r, mp->names, strlen(mp->names),
	    ESC_LITERAL | ESC_ONELINE);
	roff_raw(&m->r, " \\- ");
	roff_text(&m->r, mp->whatis, strlen(mp->whatis), ESC_LITERAL);
	roff_eol(&m->r);
}

/* Is this chapter child a heading that opens a man section? */
static int
opens_section(const struct doc *d, const struct node *n)
{
	return n->type == N_HEADING && n->u.heading.level <= d->man.sh_level &&
	    doc_has_text(n);
}

/* Text before the first section would land in NAME, where whatis would
 * read it: it gets a DESCRIPTION section, led by the subtitle. */
static void
preamble(struct man *m)
{
	const struct node *ch, *n;
	const char *sub = m->doc->meta.subtitle;

	for (ch = m->doc->root->first; ch != NULL; ch = ch->next)
		for (n = ch->first; n != NULL; n = n->next) {
			if (opens_section(m->doc, n))
				return;
			if (n->type == N_RULE ||
			    (n->type != N_TABLE && !doc_has_text(n)))
				continue;
			roff_req(&m->r, ".SH DESCRIPTION");
			roff_eol(&m->r);
			m->fresh = 1;
			if (sub != NULL && sub[0] != '\0') {
				man_para(m);
				roff_font_push(&m->r, FONT_ITALIC);
				roff_text(&m->r, sub, strlen(sub),
				    ESC_ONELINE);
				roff_font_pop(&m->r, FONT_ITALIC);
				roff_eol(&m->r);
			}
			return;
		}
}

static int
has_authors_section(const struct doc *d)
{
	const struct node *ch, *n;
	char *text;
	int found = 0;

	for (ch = d->root->first; ch != NULL && !found; ch = ch->next)
		for (n = ch->first; n != NULL && !found; n = n->next) {
			if (!opens_section(d, n))
				continue;
			text = doc_text_dup(n, 0);
			found = strcasecmp(text, "author") == 0 ||
			    strcasecmp(text, "authors") == 0;
			free(text);
		}
	return found;
}

static void
authors(struct man *m)
{
	const char **a = m->doc->meta.authors;

	if (a == NULL || a[0] == NULL || has_authors_section(m->doc))
		return;
	roff_req(&m->r, ".SH AUTHORS");
	roff_eol(&m->r);
	for (; *a != NULL; a++) {
		roff_text(&m->r, *a, strlen(*a), ESC_ONELINE);
		if (a[1] != NULL)
			roff_raw(&m->r, ",");
		roff_eol(&m->r);
	}
}

int
emit_man(const struct doc *d, const struct style *st, struct runner *run,
    FILE *out)
{
	struct man m;
	struct buf fb;
	const struct node *ch, *n;
	int rc = 0;

	(void)run;	/* a man page is small: one thread */
	memset(&m, 0, sizeof(m));
	roff_init(&m.r);
	m.doc = d;
	m.width = st->man.width;
	m.layout = st->man.table;
	m.alert_title = st->alert_title;

	header(&m);
	preamble(&m);
	for (ch = d->root->first; ch != NULL; ch = ch->next)
		for (n = ch->first; n != NULL; n = n->next) {
			/* The author's NAME section is the header's. */
			if (n == d->man.name_heading &&
			    (n = d->man.name_end) == NULL)
				break;
			block(&m, n, 0);
		}
	man_notes(&m);
	authors(&m);
	roff_eol(&m.r);

	/* Glyph stand-ins go right after .TH, before any text uses them. */
	buf_init(&fb);
	if (m.r.chunked) {
		/* A line holding only part of a long word has no space to
		 * stretch: justifying it would fail ("cannot adjust"). */
		buf_puts(&fb, ".ad l\n");
	}
	roff_fallbacks(&m.r, &fb);
	if (fwrite(m.r.out.data, 1, m.th_end, out) != m.th_end ||
	    fwrite(fb.data ? fb.data : "", 1, fb.len, out) != fb.len ||
	    fwrite(m.r.out.data + m.th_end, 1, m.r.out.len - m.th_end, out) !=
	    m.r.out.len - m.th_end || fflush(out) != 0) {
		diag_error(NULL, 0, "cannot write the man page: %s",
		    strerror(errno));
		rc = -1;
	}
	buf_free(&fb);
	roff_free(&m.r);
	return rc;
}
