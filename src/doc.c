/*
 * doc.c - the document model: an arena, nodes linked in place, an
 * iterative walk and the --dump printer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

/*
 * A bump allocator: nodes and strings are never freed one by one, so a
 * chain of large blocks is both the fastest and the simplest owner.
 */
struct block {
	struct block	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

struct arena {
	struct block	*head;
};

#define BLOCK_SIZE (64 * 1024)

void *
doc_alloc(struct doc *d, size_t n)
{
	struct arena *a = d->arena;
	struct block *b = a->head;
	size_t align = sizeof(max_align_t), sz;
	void *p;

	n = (n + align - 1) / align * align;
	if (b == NULL || b->size - b->used < n) {
		sz = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + sz);
		b->used = 0;
		b->size = sz;
		/* A large one-off block goes behind the head so the head's
		 * free space is not wasted. */
		if (a->head != NULL && sz > BLOCK_SIZE) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

struct doc *
doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof(*d));

	d->arena = xcalloc(1, sizeof(*d->arena));
	d->root = doc_node(d, N_DOCUMENT, NULL, 0);
	return d;
}

void
doc_free(struct doc *d)
{
	struct block *b, *next;

	if (d == NULL)
		return;
	for (b = d->arena->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(d->arena);
	free(d);
}

char *
doc_strndup(struct doc *d, const char *s, size_t n)
{
	char *p = doc_alloc(d, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
doc_strdup(struct doc *d, const char *s)
{
	return doc_strndup(d, s, strlen(s));
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
	"text", "emph", "strong", "strike", "sup", "sub", "code", "link",
	"image", "linebreak", "softbreak",
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

int
doc_is_block(const struct node *n)
{
	return n->type >= N_HEADING && n->type <= N_RULE;
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

char *
doc_plain_text(struct doc *d, const struct node *root)
{
	struct buf b;
	struct node *n = NULL;
	int entering;
	char *s;

	buf_init(&b);
	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		switch (n->type) {
		case N_TEXT:
		case N_CODE:
			buf_puts(&b, n->text);
			break;
		case N_LINEBREAK:
		case N_SOFTBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	s = doc_strndup(d, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
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

static const char *const align_names[] = { "none", "left", "center", "right" };

static void
dump_node(FILE *fp, const struct node *n, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		fputs("  ", fp);
	fprintf(fp, "%s %d", doc_type_name(n->type), n->line);
	switch (n->type) {
	case N_CHAPTER:
		fputs(" file=", fp);
		dump_str(fp, n->u.chapter.path);
		break;
	case N_HEADING:
		fprintf(fp, " level=%d id=", n->u.heading.level);
		dump_str(fp, n->u.heading.id);
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
		break;
	case N_TABLE:
		fprintf(fp, " cols=%d align=", n->u.table.ncols);
		for (i = 0; i < n->u.table.ncols; i++)
			fprintf(fp, "%s%s", i ? "," : "",
			    align_names[n->u.table.aligns[i]]);
		break;
	case N_ROW:
		if (n->u.row.header)
			fputs(" header", fp);
		break;
	case N_CELL:
		fprintf(fp, " col=%d", n->u.cell.col);
		if (n->u.cell.align != AL_NONE)
			fprintf(fp, " align=%s", align_names[n->u.cell.align]);
		break;
	case N_LINK:
	case N_IMAGE:
		fputs(" url=", fp);
		dump_str(fp, n->u.link.url);
		if (n->u.link.title[0] != '\0') {
			fputs(" title=", fp);
			dump_str(fp, n->u.link.title);
		}
		break;
	default:
		break;
	}
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
	struct node *n = NULL;
	int entering, depth = 0;

	fputs("meta ", fp);
	dump_field(fp, "title", m->title);
	dump_field(fp, "subtitle", m->subtitle);
	dump_list(fp, "author", m->authors);
	dump_field(fp, "date", m->date);
	dump_field(fp, "lang", m->lang);
	dump_field(fp, "name", m->name);
	dump_field(fp, "section", m->section);
	dump_field(fp, "description", m->description);
	dump_field(fp, "identifier", m->identifier);
	dump_list(fp, "keyword", m->keywords);
	dump_field(fp, "rights", m->rights);
	fputc('\n', fp);
	for (e = m->extra; e != NULL && e[0] != NULL; e += 2) {
		fputs("meta-extra ", fp);
		dump_field(fp, e[0], e[1]);
		fputc('\n', fp);
	}
	while ((n = doc_next(d->root, n, &entering)) != NULL) {
		if (!entering) {
			depth--;
			continue;
		}
		dump_node(fp, n, depth);
		if (n->first != NULL)
			depth++;
	}
}
