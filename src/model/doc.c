/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc.c - the document model: an arena, nodes linked in place, an
 * iterative walk and the --dump printer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"

void *
doc_alloc(struct doc *d, size_t n)
{
	return arena_calloc(d->arena, n);
}

struct doc *
doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof(*d));

	d->arena = arena_new();
	d->root = doc_node(d, N_DOCUMENT, NULL, 0);
	/* Unset until front matter, -M or meta_finish says. */
	d->meta.toc = d->meta.titlepage = d->meta.number_sections = -1;
	d->meta.highlight = d->meta.smart = -1;
	d->notes = doc_node(d, N_DOCUMENT, NULL, 0);
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->arena);
	free(d);
}

char *
doc_strndup(struct doc *d, const char *s, size_t n)
{
	return arena_strndup(d->arena, s, n);
}

char *
doc_strdup(struct doc *d, const char *s)
{
	return arena_strdup(d->arena, s);
}

struct node *
doc_node(struct doc *d, enum node_type t, const char *file, int line)
{
	struct node *n = doc_alloc(d, sizeof(*n));

	n->type = t;
	n->file = file;
	n->line = line;
	return n;
}

void
doc_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
doc_insert_after(struct node *ref, struct node *child)
{
	struct node *p = ref->parent;

	child->parent = p;
	child->prev = ref;
	child->next = ref->next;
	if (ref->next != NULL)
		ref->next->prev = child;
	else if (p != NULL)
		p->last = child;
	ref->next = child;
}

void
doc_insert_before(struct node *ref, struct node *child)
{
	struct node *p = ref->parent;

	child->parent = p;
	child->next = ref;
	child->prev = ref->prev;
	if (ref->prev != NULL)
		ref->prev->next = child;
	else if (p != NULL)
		p->first = child;
	ref->prev = child;
}

void
doc_unlink(struct node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

static const char *const names[N_TYPE_COUNT] = {
	"document", "chapter", "heading", "paragraph", "list", "item",
	"quote", "code_block", "html_block", "rule", "table", "row", "cell",
	"div", "figure", "caption", "details", "summary", "deflist",
	"defterm", "defdata", "alert", "footnote", "pagebreak",
	"text", "emph", "strong", "strike", "sup", "sub", "underline",
	"mark", "small", "code", "link", "image", "linebreak", "softbreak",
	"anchor", "placeholder", "footref", "html_inline",
};

const char *
doc_type_name(enum node_type t)
{
	return (unsigned)t < N_TYPE_COUNT ? names[t] : "?";
}

int
doc_is_inline(const struct node *n)
{
	return n->type >= N_TEXT;
}

/* Blocks: what stands in a chapter, an item, a quote or a cell holding
 * blocks (rows, cells, captions, summaries and terms are parts of their
 * own containers, not blocks). */
int
doc_contents_depth(const struct doc *d, int depth)
{
	for (const struct node *ch = d->root->first; ch != NULL; ch = ch->next)
		if (ch->type == N_CHAPTER && ch->u.chapter.part)
			return depth + 1;
	return depth;
}

int
doc_is_block(const struct node *n)
{
	switch (n->type) {
	case N_HEADING: case N_PARAGRAPH: case N_LIST: case N_QUOTE:
	case N_CODE_BLOCK: case N_HTML_BLOCK: case N_RULE: case N_TABLE:
	case N_DIV:
	case N_FIGURE: case N_DETAILS: case N_DEFLIST: case N_ALERT:
	case N_PAGEBREAK:
		return 1;
	default:
		return 0;
	}
}

struct node *
doc_next(const struct node *root, struct node *cur, int *entering)
{
	if (cur == NULL) {
		*entering = 1;
		return (struct node *)root;
	}
	if (*entering && cur->first != NULL)
		return cur->first;	/* *entering stays 1 */
	/* Leaving cur: its next sibling is entered, or its parent left. */
	if (cur == root)
		return NULL;
	if (cur->next != NULL) {
		*entering = 1;
		return cur->next;
	}
	*entering = 0;
	return cur->parent;
}

void
doc_text(const struct node *root, struct buf *b, int flags)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		switch (n->type) {
		case N_TEXT:
		case N_CODE:
			buf_puts(b, n->text);
			break;
		case N_CODE_BLOCK:
			if (flags & TEXT_BLOCKS)
				buf_puts(b, n->text);
			break;
		case N_LINEBREAK:
		case N_SOFTBREAK:
			buf_putc(b, ' ');
			break;
		default:
			/* Blocks side by side are words apart. */
			if ((flags & TEXT_BLOCKS) && n != root &&
			    doc_is_block(n) && b->len > 0)
				buf_putc(b, ' ');
			break;
		}
	}
}

char *
doc_text_dup(const struct node *root, int flags)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	doc_text(root, &b, flags);
	return b.data;
}

char *
doc_plain_text(struct doc *d, const struct node *root)
{
	struct buf b;
	char *s;

	buf_init(&b);
	doc_text(root, &b, 0);
	s = doc_strndup(d, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

const char *
doc_target_id(const struct node *t)
{
	return t->type == N_CHAPTER ? t->u.chapter.id :
	    t->type == N_ANCHOR ? t->u.anchor.id : t->u.heading.id;
}

int
doc_has_text(const struct node *root)
{
	struct node *n = NULL;
	const char *s;
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering || n->text == NULL || n->type == N_HTML_BLOCK)
			continue;
		for (s = n->text; *s != '\0'; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n')
				return 1;
	}
	return 0;
}

/* Print a string as a C-like quoted literal, so dumps stay one line. */
static void
dump_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':  fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if ((unsigned char)*s < 0x20)
				fprintf(fp, "\\x%02x", (unsigned char)*s);
			else
				fputc(*s, fp);
		}
	}
	fputc('"', fp);
}

static void
dump_field(FILE *fp, const char *k, const char *v)
{
	if (v == NULL)
		return;
	fprintf(fp, "%s=", k);
	dump_str(fp, v);
	fputc(' ', fp);
}

static void
dump_list(FILE *fp, const char *k, const char **v)
{
	for (; v != NULL && *v != NULL; v++)
		dump_field(fp, k, *v);
}

/* Where a link or image leads, as resolve.c decided. */
static void
dump_link(FILE *fp, const struct node *n)
{
	static const char *const formats[] = { "?", "png", "jpeg", "gif",
	    "webp", "svg" };

	switch (n->u.link.kind) {
	case LINK_EXTERNAL:
		fputs(" -> ", fp);
		dump_str(fp, n->u.link.href);
		break;
	case LINK_INTERNAL:
		fprintf(fp, " -> %s#%s", doc_type_name(n->u.link.target->type),
		    doc_target_id(n->u.link.target));
		break;
	case LINK_FILE:
		fprintf(fp, " -> %s file ", formats[n->u.link.format]);
		dump_str(fp, n->u.link.path);
		break;
	case LINK_MANPAGE:
		fputs(" -> manpage", fp);
		break;
	default:
		fputs(" -> none", fp);
		break;
	}
	if (n->type == N_LINK && n->u.link.man_section != NULL) {
		fputs(" section=", fp);
		dump_str(fp, n->u.link.man_section);
	}
	if (n->type == N_LINK && n->u.link.man_page != NULL) {
		fputs(" page=", fp);
		dump_str(fp, n->u.link.man_page);
	}
}

const char *
doc_code_class_name(enum code_class c)
{
	static const char *const class_names[CC_COUNT] = { "keyword", "type",
	    "string", "number", "comment", "preproc", "function",
	    "operator", "variable", "constant", "inserted", "deleted" };

	return (unsigned)c < CC_COUNT ? class_names[c] : "?";
}

/* A code block's language and tokens: "lang=rust keyword@0+2 ...". */
static void
dump_code(FILE *fp, const struct node *n)
{
	const struct code_span *s = n->u.code.spans;

	if (n->u.code.lang != NULL && n->u.code.lang[0] != '\0') {
		fputs(" lang=", fp);
		dump_str(fp, n->u.code.lang);
	}
	for (size_t i = 0; i < n->u.code.nspans; i++)
		fprintf(fp, " %s@%lu+%lu", doc_code_class_name(s[i].cls),
		    (unsigned long)s[i].off, (unsigned long)s[i].len);
}

static const char *const align_names[] = { "none", "left", "center", "right" };
static const char *const alert_names[] = { "note", "tip", "important",
	"warning", "caution" };

/* GitHub's additions: an alert's kind, a note's number, id and label,
 * and where a reference leads. */
static void
dump_gfm(FILE *fp, const struct node *n)
{
	if (n->type == N_ALERT) {
		fprintf(fp, " kind=%s", alert_names[n->u.alert.kind]);
	} else if (n->type == N_FOOTNOTE) {
		fprintf(fp, " num=%d refs=%d id=", n->u.footnote.num,
		    n->u.footnote.nrefs);
		dump_str(fp, n->u.footnote.id);
		fputs(" label=", fp);
		dump_str(fp, n->u.footnote.label);
	} else {
		fprintf(fp, " -> %d", n->u.footref.note->u.footnote.num);
		if (n->u.footref.nth > 1)
			fprintf(fp, " (use %d)", n->u.footref.nth);
		fputs(" id=", fp);
		dump_str(fp, n->u.footref.id);
	}
}

/* Print the tree under root, one node per line indented by depth. */
static void	dump_node(FILE *, const struct node *, int);

static void
dump_tree(FILE *fp, const struct node *root, int depth)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering) {
			depth--;
			continue;
		}
		dump_node(fp, n, depth);
		if (n->first != NULL)
			depth++;
	}
}

/* A link's or image's URL, title, an image's size and alignment, and
 * where it leads. */
static void
dump_url(FILE *fp, const struct node *n)
{
	fputs(" url=", fp);
	dump_str(fp, n->u.link.url);
	if (n->u.link.title[0] != '\0') {
		fputs(" title=", fp);
		dump_str(fp, n->u.link.title);
	}
	if (n->type == N_IMAGE && (n->u.link.width > 0 ||
	    n->u.link.height > 0))
		fprintf(fp, " size=%gx%g", n->u.link.width,
		    n->u.link.height);
	if (n->type == N_IMAGE && n->u.link.align != AL_NONE)
		fprintf(fp, " align=%s", align_names[n->u.link.align]);
	dump_link(fp, n);
}

/* What a node of its type holds beyond its text, as " key=value"s. */
static void
dump_attrs(FILE *fp, const struct node *n)
{
	int i;

	switch (n->type) {
	case N_CHAPTER:
		fputs(" file=", fp);
		dump_str(fp, n->u.chapter.path);
		fprintf(fp, " id=");
		dump_str(fp, n->u.chapter.id);
		if (n->u.chapter.depth > 0)
			fprintf(fp, " depth=%d", n->u.chapter.depth);
		if (n->u.chapter.part)
			fputs(" part", fp);
		break;
	case N_HEADING:
		fprintf(fp, " level=%d id=", n->u.heading.level);
		dump_str(fp, n->u.heading.id);
		if (n->u.heading.outline != n->u.heading.level)
			fprintf(fp, " outline=%d", n->u.heading.outline);
		if (n->u.heading.number != NULL)
			fprintf(fp, " number=%s", n->u.heading.number);
		break;
	case N_LIST:
		if (n->u.list.ordered)
			fprintf(fp, " ordered start=%d delim='%c'",
			    n->u.list.start, n->u.list.delim);
		else
			fprintf(fp, " bullet='%c'", n->u.list.bullet);
		fputs(n->u.list.tight ? " tight" : " loose", fp);
		break;
	case N_CODE_BLOCK:
		fputs(" info=", fp);
		dump_str(fp, n->u.code.info);
		dump_code(fp, n);
		break;
	case N_TABLE:
		fprintf(fp, " cols=%d align=", n->u.table.ncols);
		for (i = 0; i < n->u.table.ncols; i++)
			fprintf(fp, "%s%s", i ? "," : "",
			    align_names[n->u.table.aligns[i]]);
		if (n->u.table.label_col)
			fputs(" labels", fp);
		break;
	case N_ROW:
		if (n->u.row.header)
			fputs(" header", fp);
		break;
	case N_CELL:
		fprintf(fp, " col=%d", n->u.cell.col);
		if (n->u.cell.colspan > 1 || n->u.cell.rowspan > 1)
			fprintf(fp, " span=%dx%d", n->u.cell.colspan,
			    n->u.cell.rowspan);
		if (n->u.cell.header)
			fputs(" th", fp);
		if (n->u.cell.align != AL_NONE)
			fprintf(fp, " align=%s", align_names[n->u.cell.align]);
		break;
	case N_DIV:
		if (n->u.div.align != AL_NONE)
			fprintf(fp, " align=%s", align_names[n->u.div.align]);
		if (n->u.div.dir != TD_INHERIT)
			fprintf(fp, " dir=%s", n->u.div.dir == TD_RTL ? "rtl" :
			    n->u.div.dir == TD_LTR ? "ltr" : "auto");
		break;
	case N_ANCHOR:
		fputs(" id=", fp);
		dump_str(fp, n->u.anchor.id);
		break;
	case N_ALERT:
	case N_FOOTNOTE:
	case N_FOOTREF:
		dump_gfm(fp, n);
		break;
	case N_ITEM:
		if (n->u.item.task != TASK_NONE)
			fputs(n->u.item.task == TASK_DONE ? " [x]" : " [ ]", fp);
		break;
	case N_LINK:
	case N_IMAGE:
		dump_url(fp, n);
		break;
	default:
		break;
	}
}

static void
dump_node(FILE *fp, const struct node *n, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", fp);
	fprintf(fp, "%s %d", doc_type_name(n->type), n->line);
	dump_attrs(fp, n);
	if (n->text != NULL) {
		fputc(' ', fp);
		dump_str(fp, n->text);
	}
	fputc('\n', fp);
}

void
doc_dump(const struct doc *d, FILE *fp)
{
	const struct meta *m = &d->meta;
	const char **e;
	const struct node *n;

	fputs("meta ", fp);
	dump_field(fp, "title", m->title);
	if (m->untitled)
		fputs("untitled ", fp);
	dump_field(fp, "subtitle", m->subtitle);
	dump_list(fp, "author", m->authors);
	dump_field(fp, "date", m->date);
	dump_field(fp, "lang", m->lang);
	dump_field(fp, "dir", d->set.dir == TD_RTL ? "rtl" : NULL);
	dump_field(fp, "name", m->name);
	dump_field(fp, "section", m->section);
	dump_field(fp, "description", m->description);
	dump_field(fp, "source", m->source);
	dump_field(fp, "manual", m->manual);
	dump_field(fp, "identifier", m->identifier);
	dump_list(fp, "keyword", m->keywords);
	dump_field(fp, "rights", m->rights);
	fputc('\n', fp);
	for (e = m->extra; e != NULL && e[0] != NULL; e += 2) {
		fputs("meta-extra ", fp);
		dump_field(fp, e[0], e[1]);
		fputc('\n', fp);
	}
	dump_tree(fp, d->root, 0);
	/* The notes, outside the chapters, after them. */
	if (d->notes != NULL && d->notes->first != NULL) {
		fputs("notes\n", fp);
		for (n = d->notes->first; n != NULL; n = n->next)
			dump_tree(fp, n, 1);
	}
}

int
doc_labels(const struct node *t, int labels)
{
	if (t->u.table.ncols < 2)
		return 0;
	return labels < 0 ? t->u.table.label_col : labels;
}

enum text_dir
doc_dir(const struct node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == N_DIV && n->u.div.dir != TD_INHERIT)
			return n->u.div.dir;
	return TD_INHERIT;
}
