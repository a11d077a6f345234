/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_inline.c - inline HTML tags in a paragraph (or heading, cell,
 * emphasis...) become model nodes.
 *
 * CommonMark hands over each tag as a token between Markdown nodes
 * ("<b>", text, "</b>").  Each token is read by libxml2 (html_token); a
 * stack of open elements then decides where the following siblings go:
 * into the node an element made, past an element with no meaning here,
 * or nowhere (inside <script>).  An element left open ends with its
 * container, as in a browser; an end tag that closes nothing is ignored.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/doc.h"
#include "read/html_int.h"

struct open_el {
	char		 name[32];
	struct node	*into;		/* where children went before it */
	int		 drop;		/* its content is discarded */
	int		 code;		/* it collects text into a CODE */
	int		 svg;		/* it is an <svg>, collected whole */
	const char	*lang;		/* <span lang>, <q lang>: no node of
					   its own, its content's language */
};

struct inl {
	struct doc		*d;
	struct html_warned	*w;
	struct node		*cur;	/* where the next node goes */
	struct open_el		*st;
	size_t			 n, cap;
	struct node		*code;	/* the CODE collecting text */
	struct buf		 text;
	/* An <svg> element's text, tokens and text between, while it is
	 * open: a picture once it ends (html_svg.c). */
	struct buf		 svg;
	int			 in_svg;
};


static int
dropping(const struct inl *s)
{
	return s->n > 0 && s->st[s->n - 1].drop;
}

static void
push(struct inl *s, const char *name, int drop, int code)
{
	struct open_el *e;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->st = xrealloc(s->st, s->cap * sizeof(*s->st));
	}
	e = &s->st[s->n++];
	memset(e, 0, sizeof(*e));
	strcpy(e->name, name);
	e->into = s->cur;
	e->drop = drop || dropping(s);
	e->code = code;
}

/* The language of a node going into s->cur: an open element with a
 * lang attribute but no node of its own (<span lang>) gives it to
 * what lies directly in it; the model keeps it on those nodes. */
static const char *
open_lang(const struct inl *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->st[i].lang != NULL)
			return s->st[i].into == s->cur ? s->st[i].lang : NULL;
	return NULL;
}

static void
set_lang(const struct inl *s, struct node *n)
{
	if (n->lang == NULL)
		n->lang = open_lang(s);
}

/* The CODE being collected gets its text. */
static void
code_end(struct inl *s)
{
	if (s->code == NULL)
		return;
	s->code->text = doc_strndup(s->d, s->text.data ? s->text.data : "",
	    s->text.len);
	s->code = NULL;
	buf_reset(&s->text);
}

static void
code_begin(struct inl *s, int line, const char *file)
{
	s->code = doc_node(s->d, N_CODE, file, line);
	s->code->text = "";
	doc_append(s->cur, s->code);
}

/* A start tag. */
static void
start(struct inl *s, struct html_token *t, const struct node *at)
{
	const struct html_tag *tag = html_tag(t->name);
	struct node *n;
	const char *id;

	if (dropping(s)) {
		if (!html_is_void(t->name))
			push(s, t->name, 1, 0);
		return;
	}
	switch (tag->role) {
	case R_NOT_HTML:
		/* "<file>": a placeholder the author wrote, not markup. */
		n = doc_node(s->d, N_PLACEHOLDER, at->file, at->line);
		n->text = doc_strdup(s->d, t->name);
		doc_append(s->cur, n);
		return;
	case R_DROP:
		if (strcmp(t->name, "svg") == 0) {
			push(s, t->name, 1, 0);
			s->st[s->n - 1].svg = 1;
			s->in_svg = 1;
			buf_reset(&s->svg);
			buf_puts(&s->svg, at->text);
			return;
		}
		html_warn_drop(s->w, t->name, at->file, at->line);
		if (!html_is_void(t->name))
			push(s, t->name, 1, 0);
		return;
	case R_VOID:
		if (tag->type == 0)
			return;		/* <wbr> */
		if (tag->type == N_LINEBREAK && s->code != NULL) {
			/* A break inside <code>: the code goes on after. */
			code_end(s);
			doc_append(s->cur, doc_node(s->d, N_LINEBREAK,
			    at->file, at->line));
			code_begin(s, at->line, at->file);
			return;
		}
		doc_append(s->cur, html_node(s->d, tag, t->atts, at->file,
		    at->line));
		return;
	case R_CODE:
		push(s, t->name, 0, s->code == NULL);
		if (s->code == NULL)
			code_begin(s, at->line, at->file);
		return;
	case R_INLINE:
		if (strcmp(t->name, "a") == 0 &&
		    ((id = html_attr(t->atts, "id")) != NULL ||
		    (id = html_attr(t->atts, "name")) != NULL) && *id != '\0') {
			n = doc_node(s->d, N_ANCHOR, at->file, at->line);
			n->u.anchor.id = doc_strdup(s->d, id);
			doc_append(s->cur, n);
		}
		push(s, t->name, 0, 0);
		if (s->code != NULL || (strcmp(t->name, "a") == 0 &&
		    html_attr(t->atts, "href") == NULL))
			return;		/* no node: only text in code */
		n = html_node(s->d, tag, t->atts, at->file, at->line);
		set_lang(s, n);
		doc_append(s->cur, n);
		s->cur = n;
		return;
	default:
		/* Spans, and blocks written inside a line: no node, the
		 * content stays where it is (with the language a lang
		 * attribute gives it). */
		if (!html_is_void(t->name)) {
			const char *lang = html_attr(t->atts, "lang");

			push(s, t->name, 0, 0);
			if (lang != NULL && *lang != '\0' && strspn(lang,
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-") == strlen(lang) && strlen(lang) < 64)
				s->st[s->n - 1].lang = doc_strdup(s->d, lang);
		}
		return;
	}
}

/* An end tag: close the innermost element of that name (and what is
 * open inside it). */
static void
end(struct inl *s, struct html_token *t, const struct node *at)
{
	struct node *n;
	struct buf b;
	size_t i;

	if (html_tag(t->name)->role == R_NOT_HTML && !dropping(s)) {
		/* "</file>" closes a placeholder: it stays as written. */
		buf_init(&b);
		buf_printf(&b, "</%s>", t->name);
		n = doc_node(s->d, N_TEXT, at->file, at->line);
		n->text = doc_strdup(s->d, b.data);
		buf_free(&b);
		if (s->code != NULL)
			buf_puts(&s->text, n->text);
		else
			doc_append(s->cur, n);
		return;
	}
	for (i = s->n; i-- > 0;)
		if (strcmp(s->st[i].name, t->name) == 0)
			break;
	if (i == (size_t)-1)
		return;			/* closes nothing: ignored */
	for (size_t k = s->n; k-- > i;)
		if (s->st[k].code)
			code_end(s);
	s->cur = s->st[i].into;
	s->n = i;
	if (s->st[i].svg) {
		s->in_svg = 0;
		if ((n = html_svg_text(s->d, s->svg.data, at->file,
		    at->line)) != NULL)
			doc_append(s->cur, n);
	}
}

/* What comes while an <svg> is open, as it was written: a tag's text
 * (its end tag too, before end() sees it), or a Markdown node's text
 * escaped again. */
static void
svg_collect(struct inl *s, const struct node *n)
{
	struct buf	 t;
	const char	*p;

	if (n->type == N_HTML_INLINE) {
		buf_puts(&s->svg, n->text);
		return;
	}
	buf_init(&t);
	if (n->type == N_SOFTBREAK || n->type == N_LINEBREAK)
		buf_putc(&t, '\n');
	else
		doc_text(n, &t, 0);
	for (p = t.data != NULL ? t.data : ""; *p != '\0'; p++)
		if (*p == '<')
			buf_puts(&s->svg, "&lt;");
		else if (*p == '&')
			buf_puts(&s->svg, "&amp;");
		else
			buf_putc(&s->svg, *p);
	buf_free(&t);
}

/* A Markdown node between the tags. */
static void
content(struct inl *s, struct node *n)
{
	if (dropping(s))
		return;
	if (s->code == NULL) {
		set_lang(s, n);
		doc_append(s->cur, n);
		return;
	}
	/* Inside <code> only the text counts, breaks as spaces. */
	if (n->type == N_SOFTBREAK)
		buf_putc(&s->text, ' ');
	else if (n->type == N_LINEBREAK) {
		code_end(s);
		doc_append(s->cur, n);
		code_begin(s, n->line, n->file);
	} else
		doc_text(n, &s->text, 0);
}

void
html_inlines(struct doc *d, struct node *parent, struct html_warned *w)
{
	struct inl s;
	struct html_token t;
	struct node *n, *next;

	memset(&s, 0, sizeof(s));
	s.d = d;
	s.w = w;
	s.cur = parent;
	buf_init(&s.text);
	buf_init(&s.svg);
	n = parent->first;
	parent->first = parent->last = NULL;
	for (; n != NULL; n = next) {
		next = n->next;
		n->parent = n->prev = n->next = NULL;
		if (s.in_svg)
			svg_collect(&s, n);
		if (n->type != N_HTML_INLINE) {
			content(&s, n);
			continue;
		}
		if (html_token(n->text, &t) == 1)
			start(&s, &t, n);
		else if (t.kind == 2)
			end(&s, &t, n);
		html_token_free(&t);
	}
	code_end(&s);
	if (s.in_svg)
		diag_warn(parent->file, parent->line, "<svg> element not closed "
		    "in its paragraph; dropped with its content");
	buf_free(&s.text);
	buf_free(&s.svg);
	free(s.st);
}
