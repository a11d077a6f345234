/*
 * parse.c - cmark-gfm's tree to quire's model.
 *
 * This is the only file that includes cmark.  It walks cmark's tree with
 * cmark's iterator (no recursion, so deep nesting cannot overflow the
 * stack), copies everything it needs into the document's arena and frees
 * cmark's tree at once.  Raw inline HTML that has a meaning in the model
 * (<br>, <b>, <i>, <code>, <a href>, <sup>, <sub>, <s>, <img>) becomes
 * model nodes; other tags are dropped with a warning, their content kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "parse.h"
#include "tidy.h"

#define HTML_STACK_MAX 64

struct pctx {
	struct doc	*d;
	const char	*file;
	struct node	*cur;		/* where the next node goes */
	struct node	*html[HTML_STACK_MAX];	/* containers opened by tags */
	int		 nhtml;
	struct node	*code;		/* open <code> collecting text */
	struct buf	 codebuf;
	char		 warned[8][16];	/* unknown tags already reported */
	int		 nwarned;
};

/* A parsed HTML tag: enough to map the few tags the model knows. */
struct tag {
	char	 name[16];
	int	 closing;
	char	*href, *src, *alt, *title;	/* malloc'd or NULL */
};

static void
tag_free(struct tag *t)
{
	free(t->href);
	free(t->src);
	free(t->alt);
	free(t->title);
}

/*
 * Parse "<name attr=value ...>" or "</name>".  Returns 0, or -1 when the
 * literal is not a single tag (comments, processing instructions).
 * Attribute values are taken verbatim; entity references in them are
 * decoded only for &amp; since URLs are what we read.
 */
/* Attribute values may hold the usual entity references: decode the
 * named few and numeric ones (URLs with &amp; are the common case). */
static char *
attr_value(const char *v, size_t n)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' },
	};
	char *out = xmalloc(n + 1), *o = out, *end;
	const char *e = v + n;
	size_t i, l;
	long cp;

	while (v < e) {
		if (*v == '&') {
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
				l = strlen(ents[i].ent);
				if ((size_t)(e - v) >= l &&
				    !strncmp(v, ents[i].ent, l))
					break;
			}
			if (i < sizeof(ents) / sizeof(ents[0])) {
				*o++ = ents[i].c;
				v += strlen(ents[i].ent);
				continue;
			}
			if (v + 2 < e && v[1] == '#') {
				cp = v[2] == 'x' || v[2] == 'X' ?
				    strtol(v + 3, &end, 16) : strtol(v + 2, &end, 10);
				/* Only ASCII printables: enough for URLs, and
				 * never a control character. */
				if (end < e && *end == ';' && cp >= 0x20 &&
				    cp < 0x7f) {
					*o++ = (char)cp;
					v = end + 1;
					continue;
				}
			}
		}
		*o++ = *v++;
	}
	*o = '\0';
	return out;
}

static int
tag_parse(const char *s, struct tag *t)
{
	size_t n = 0, vlen;
	const char *k, *v;
	size_t klen;
	char **slot;

	memset(t, 0, sizeof(*t));
	if (*s++ != '<')
		return -1;
	if (*s == '/') {
		t->closing = 1;
		s++;
	}
	if (!isalpha((unsigned char)*s))
		return -1;
	while (isalnum((unsigned char)*s)) {
		if (n + 1 < sizeof(t->name))
			t->name[n++] = (char)tolower((unsigned char)*s);
		s++;
	}
	t->name[n] = '\0';
	for (;;) {
		while (isspace((unsigned char)*s) || *s == '/')
			s++;
		if (*s == '>' || *s == '\0')
			break;
		k = s;
		while (*s && !isspace((unsigned char)*s) && *s != '=' &&
		    *s != '>' && *s != '/')
			s++;
		klen = (size_t)(s - k);
		while (isspace((unsigned char)*s))
			s++;
		v = "";
		vlen = 0;
		if (*s == '=') {
			s++;
			while (isspace((unsigned char)*s))
				s++;
			if (*s == '"' || *s == '\'') {
				char q = *s++;
				v = s;
				while (*s && *s != q)
					s++;
				vlen = (size_t)(s - v);
				if (*s)
					s++;
			} else {
				v = s;
				while (*s && !isspace((unsigned char)*s) &&
				    *s != '>')
					s++;
				vlen = (size_t)(s - v);
			}
		}
		slot = NULL;
		if (klen == 4 && !strncasecmp(k, "href", 4))
			slot = &t->href;
		else if (klen == 3 && !strncasecmp(k, "src", 3))
			slot = &t->src;
		else if (klen == 3 && !strncasecmp(k, "alt", 3))
			slot = &t->alt;
		else if (klen == 5 && !strncasecmp(k, "title", 5))
			slot = &t->title;
		if (slot != NULL && *slot == NULL)
			*slot = attr_value(v, vlen);
		if (klen == 0)
			s++;	/* stray character: skip it */
	}
	return 0;
}

static int
line_of(cmark_node *cn, struct node *parent)
{
	int l = cmark_node_get_start_line(cn);

	return l > 0 ? l : parent != NULL ? parent->line : 0;
}

static struct node *
add(struct pctx *c, enum node_type t, int line)
{
	struct node *n = doc_node(c->d, t, c->file, line);

	doc_append(c->cur, n);
	return n;
}

static void
warn_tag(struct pctx *c, const char *name, int line)
{
	int i;

	for (i = 0; i < c->nwarned; i++)
		if (!strcmp(c->warned[i], name))
			return;
	if (c->nwarned < 8)
		snprintf(c->warned[c->nwarned++], sizeof(c->warned[0]), "%s",
		    name);
	diag_warn(c->file, line, "HTML tag <%s> has no meaning in quire's "
	    "model; the tag is dropped, its text kept", name);
}

/* Close the <code> being collected, if any. */
static void
code_close(struct pctx *c)
{
	if (c->code == NULL)
		return;
	c->code->text = doc_strndup(c->d, c->codebuf.data ?
	    c->codebuf.data : "", c->codebuf.len);
	c->code = NULL;
	buf_reset(&c->codebuf);
}

static enum node_type
tag_type(const char *name)
{
	static const struct { const char *name; enum node_type t; } map[] = {
		{ "b", N_STRONG }, { "strong", N_STRONG },
		{ "i", N_EMPH }, { "em", N_EMPH }, { "cite", N_EMPH },
		{ "s", N_STRIKE }, { "del", N_STRIKE }, { "strike", N_STRIKE },
		{ "sup", N_SUP }, { "sub", N_SUB }, { "a", N_LINK },
		{ "code", N_CODE }, { "kbd", N_CODE }, { "tt", N_CODE },
		{ "samp", N_CODE }, { "br", N_LINEBREAK }, { "img", N_IMAGE },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].name, name))
			return map[i].t;
	return N_TYPE_COUNT;
}

static void
html_inline(struct pctx *c, const char *lit, int line)
{
	struct tag t;
	enum node_type type;
	struct node *n;
	int i;

	if (tag_parse(lit, &t) != 0)
		return;		/* a comment or declaration: nothing to show */
	type = tag_type(t.name);
	if (type == N_TYPE_COUNT) {
		warn_tag(c, t.name, line);
		goto out;
	}
	if (type == N_CODE) {
		if (t.closing)
			code_close(c);
		else if (c->code == NULL) {
			c->code = add(c, N_CODE, line);
			c->code->text = "";
		}
		goto out;
	}
	if (type == N_LINEBREAK) {
		add(c, N_LINEBREAK, line);
		goto out;
	}
	if (type == N_IMAGE) {
		if (t.closing)
			goto out;
		n = add(c, N_IMAGE, line);
		n->u.link.url = doc_strdup(c->d, t.src ? t.src : "");
		n->u.link.title = doc_strdup(c->d, t.title ? t.title : "");
		if (t.alt != NULL && *t.alt != '\0') {
			struct node *alt = doc_node(c->d, N_TEXT, c->file, line);
			alt->text = doc_strdup(c->d, t.alt);
			doc_append(n, alt);
		}
		goto out;
	}
	if (t.closing) {
		/* Close the innermost open container of this type. */
		for (i = c->nhtml - 1; i >= 0; i--)
			if (c->html[i]->type == type)
				break;
		if (i >= 0) {
			c->cur = c->html[i]->parent;
			c->nhtml = i;
		}
		goto out;
	}
	if (c->nhtml == HTML_STACK_MAX) {
		warn_tag(c, t.name, line);
		goto out;
	}
	n = add(c, type, line);
	if (type == N_LINK) {
		n->u.link.url = doc_strdup(c->d, t.href ? t.href : "");
		n->u.link.title = doc_strdup(c->d, t.title ? t.title : "");
	}
	c->html[c->nhtml++] = n;
	c->cur = n;
out:
	tag_free(&t);
}

/* Block HTML: comments and lone <br> vanish; the rest is kept raw for
 * the emitters (EPUB sanitises it, man and PDF show its text). */
static void
html_block(struct pctx *c, const char *lit, int line)
{
	const char *p = lit;
	struct tag t;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			return;
		if (!strncmp(p, "<!--", 4)) {
			const char *e = strstr(p + 4, "-->");
			if (e == NULL)
				return;
			p = e + 3;
			continue;
		}
		if (tag_parse(p, &t) == 0 && !strcmp(t.name, "br")) {
			tag_free(&t);
			p = strchr(p, '>');
			if (p == NULL)
				return;
			p++;
			continue;
		}
		if (*p == '<')
			tag_free(&t);
		break;
	}
	add(c, N_HTML_BLOCK, line)->text = doc_strdup(c->d, lit);
}

static const char *
cstr(struct doc *d, const char *s)
{
	return doc_strdup(d, s ? s : "");
}

/* Enter a cmark node: make its model node, or NULL to skip it. */
static struct node *
enter(struct pctx *c, cmark_node *cn, int *container)
{
	struct doc *d = c->d;
	int line = line_of(cn, c->cur);
	const char *ts;
	struct node *n = NULL;

	*container = 1;
	/* Inside <code>...</code> only the text counts. */
	if (c->code != NULL && cmark_node_get_type(cn) != CMARK_NODE_TEXT &&
	    cmark_node_get_type(cn) != CMARK_NODE_CODE &&
	    cmark_node_get_type(cn) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(cn) != CMARK_NODE_LINEBREAK &&
	    cmark_node_get_type(cn) != CMARK_NODE_HTML_INLINE &&
	    (cmark_node_get_type(cn) & CMARK_NODE_TYPE_MASK) ==
	    CMARK_NODE_TYPE_INLINE)
		return NULL;
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_BLOCK_QUOTE:
		return add(c, N_QUOTE, line);
	case CMARK_NODE_LIST:
		n = add(c, N_LIST, line);
		n->u.list.ordered = cmark_node_get_list_type(cn) ==
		    CMARK_ORDERED_LIST;
		n->u.list.start = cmark_node_get_list_start(cn);
		n->u.list.tight = cmark_node_get_list_tight(cn);
		n->u.list.delim = cmark_node_get_list_delim(cn) ==
		    CMARK_PAREN_DELIM ? ')' : '.';
		n->u.list.bullet = '-';
		return n;
	case CMARK_NODE_ITEM:
		return add(c, N_ITEM, line);
	case CMARK_NODE_PARAGRAPH:
		return add(c, N_PARAGRAPH, line);
	case CMARK_NODE_HEADING:
		n = add(c, N_HEADING, line);
		n->u.heading.level = cmark_node_get_heading_level(cn);
		return n;
	case CMARK_NODE_EMPH:
		return add(c, N_EMPH, line);
	case CMARK_NODE_STRONG:
		return add(c, N_STRONG, line);
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = add(c, cmark_node_get_type(cn) == CMARK_NODE_LINK ?
		    N_LINK : N_IMAGE, line);
		n->u.link.url = cstr(d, cmark_node_get_url(cn));
		n->u.link.title = cstr(d, cmark_node_get_title(cn));
		return n;
	default:
		break;
	}
	*container = 0;
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_CODE_BLOCK:
		n = add(c, N_CODE_BLOCK, line);
		n->text = cstr(d, cmark_node_get_literal(cn));
		n->u.code.info = cstr(d, cmark_node_get_fence_info(cn));
		return n;
	case CMARK_NODE_HTML_BLOCK:
		html_block(c, cmark_node_get_literal(cn), line);
		return NULL;
	case CMARK_NODE_THEMATIC_BREAK:
		return add(c, N_RULE, line);
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if (c->code != NULL) {	/* inside <code>...</code> */
			buf_puts(&c->codebuf, cmark_node_get_literal(cn));
			return NULL;
		}
		n = add(c, cmark_node_get_type(cn) == CMARK_NODE_TEXT ?
		    N_TEXT : N_CODE, line);
		n->text = cstr(d, cmark_node_get_literal(cn));
		return n;
	case CMARK_NODE_SOFTBREAK:
		if (c->code != NULL) {
			buf_putc(&c->codebuf, ' ');
			return NULL;
		}
		return add(c, N_SOFTBREAK, line);
	case CMARK_NODE_LINEBREAK:
		return add(c, N_LINEBREAK, line);
	case CMARK_NODE_HTML_INLINE:
		html_inline(c, cmark_node_get_literal(cn), line);
		return NULL;
	default:
		break;
	}
	/* GFM extension nodes are known by their type string. */
	ts = cmark_node_get_type_string(cn);
	*container = 1;
	if (!strcmp(ts, "table")) {
		uint8_t *al = cmark_gfm_extensions_get_table_alignments(cn);
		int i, nc = cmark_gfm_extensions_get_table_columns(cn);

		n = add(c, N_TABLE, line);
		n->u.table.ncols = nc;
		n->u.table.aligns = doc_alloc(d, (size_t)(nc > 0 ? nc : 1) *
		    sizeof(enum align));
		for (i = 0; i < nc; i++)
			n->u.table.aligns[i] = al == NULL ? AL_NONE :
			    al[i] == 'l' ? AL_LEFT : al[i] == 'c' ? AL_CENTER :
			    al[i] == 'r' ? AL_RIGHT : AL_NONE;
		return n;
	}
	if (!strcmp(ts, "table_row") || !strcmp(ts, "table_header")) {
		n = add(c, N_ROW, line);
		n->u.row.header = cmark_gfm_extensions_get_table_row_is_header(cn);
		return n;
	}
	if (!strcmp(ts, "table_cell")) {
		struct node *p;
		int col = 0;

		for (p = c->cur->last; p != NULL; p = p->prev)
			col++;
		n = add(c, N_CELL, line);
		n->u.cell.col = col;
		return n;
	}
	if (!strcmp(ts, "strikethrough"))
		return add(c, N_STRIKE, line);
	/* Anything else (footnotes are not enabled): keep the children. */
	return NULL;
}

/* Leaving a cmark container whose model node is n. */
static void
leave(struct pctx *c, struct node *n)
{
	struct node *table, *cell;
	int i;

	code_close(c);
	c->cur = n->parent;
	/* Tags left open inside n end with it. */
	while (c->nhtml > 0) {
		struct node *p = c->html[c->nhtml - 1];
		while (p != NULL && p != n)
			p = p->parent;
		if (p == NULL)
			break;
		c->nhtml--;
	}
	if (n->type == N_ROW) {
		/* Every row gets exactly ncols cells. */
		table = n->parent;
		i = 0;
		for (cell = n->first; cell != NULL; cell = cell->next, i++)
			if (i < table->u.table.ncols)
				cell->u.cell.align = table->u.table.aligns[i];
		for (; i < table->u.table.ncols; i++) {
			cell = doc_node(c->d, N_CELL, c->file, n->line);
			cell->u.cell.col = i;
			cell->u.cell.align = table->u.table.aligns[i];
			doc_append(n, cell);
		}
	}
}

void
parse_chapter(struct doc *d, const char *path, const char *text, size_t len)
{
	static int registered;
	struct pctx c;
	cmark_parser *p;
	cmark_node *root, *top, *cn;
	cmark_iter *it;
	cmark_event_type ev;
	struct node *ch, *n;
	int container, index = 0;
	const char *exts[] = { "table", "strikethrough", "autolink" };
	size_t i;

	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	for (n = d->root->first; n != NULL; n = n->next)
		index++;
	ch = doc_node(d, N_CHAPTER, doc_strdup(d, path), 1);
	ch->u.chapter.path = ch->file;
	ch->u.chapter.index = index;
	doc_append(d->root, ch);

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = ch->file;
	c.cur = ch;
	buf_init(&c.codebuf);

	p = cmark_parser_new(CMARK_OPT_SMART);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, text, len);
	root = cmark_parser_finish(p);

	/*
	 * One top-level block at a time, each freed once converted, so
	 * cmark's tree shrinks while the model grows and the peak memory
	 * is about one of them, not both.
	 */
	while ((top = cmark_node_first_child(root)) != NULL) {
		it = cmark_iter_new(top);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cn = cmark_iter_get_node(it);
			if (ev == CMARK_EVENT_EXIT) {
				if ((n = cmark_node_get_user_data(cn)) != NULL)
					leave(&c, n);
				continue;
			}
			n = enter(&c, cn, &container);
			if (n != NULL && container) {
				cmark_node_set_user_data(cn, n);
				c.cur = n;
			}
		}
		cmark_iter_free(it);
		cmark_node_free(top);
	}
	code_close(&c);
	cmark_node_free(root);
	cmark_parser_free(p);
	buf_free(&c.codebuf);
}

void
parse_finish(struct doc *d)
{
	tidy_document(d);
}
