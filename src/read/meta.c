/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meta.c - document metadata from YAML front matter and -M overrides.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/confine.h"
#include "util/diag.h"
#include "model/doc.h"
#include "util/hash.h"
#include "read/manpage.h"
#include "read/meta.h"
#include "util/url.h"
#include "util/yaml_flat.h"

struct ctx {
	struct doc	*d;
	const char	*path;
	const char	*root;		/* the book's folder, or NULL */
	int		 override;	/* -M: replace what is set */
	int		 first;		/* first file: set everything */
	int		 lists_locked;	/* later file: authors/keywords set */
	int		 keywords_locked;
};

/* A well-formed BCP 47 tag, as far as readers care: a primary subtag of
 * 2-8 letters, then "-" and subtags of 1-8 letters or digits. */
static int
valid_lang(const char *s)
{
	size_t i = 0, seg = 0;

	if (strlen(s) > 35)
		return 0;
	for (; s[i] != '\0' && isalpha((unsigned char)s[i]); i++)
		seg++;
	if (seg < 2 || seg > 8)
		return 0;
	while (s[i] == '-') {
		i++;
		for (seg = 0; s[i] != '\0' && isalnum((unsigned char)s[i]); i++)
			seg++;
		if (seg < 1 || seg > 8)
			return 0;
	}
	return s[i] == '\0';
}


/*
 * The switches (toc, titlepage, number-sections or numbersections,
 * highlight, smart: a boolean
 * each) and toc-depth (1 to 6).  Returns 1 when key is one of them.  A
 * value that is not one of theirs is a warning and the field stays as
 * it was, as a style's bad value is.
 */
static int
switches(struct ctx *c, const char *key, const char *v, int line)
{
	struct meta *m = &c->d->meta;
	int *slot = !strcmp(key, "toc") ? &m->toc :
	    !strcmp(key, "titlepage") ? &m->titlepage :
	    !strcmp(key, "number-sections") ? &m->number_sections :
	    /* pandoc's spelling */
	    !strcmp(key, "numbersections") ? &m->number_sections :
	    !strcmp(key, "highlight") ? &m->highlight :
	    !strcmp(key, "smart") ? &m->smart :
	    !strcmp(key, "toc-depth") ? &m->toc_depth : NULL;
	int b;

	if (slot == NULL)
		return 0;
	/* A later file does not change what the first one set. */
	if ((slot == &m->toc_depth ? *slot > 0 : *slot >= 0) &&
	    !c->override && !c->first)
		return 1;
	if (slot == &m->toc_depth) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '6')
			diag_warn(c->path, line, "toc-depth: \"%s\" is not 1 "
			    "to 6; ignored", v);
		else
			*slot = v[0] - '0';
		return 1;
	}
	if ((b = yaml_flat_bool(v)) < 0)
		diag_warn(c->path, line, "%s: \"%s\" is not true or false; "
		    "ignored", key, v);
	else
		*slot = b;
	return 1;
}

/* "author: X", "author: [X, Y]" (author.0, author.1) and the same for
 * keywords ("authors" is accepted as a synonym): 1 when key is one. */
static int
list_key(const char *key, int *is_author)
{
	*is_author = !strcmp(key, "author") || !strcmp(key, "authors") ||
	    (!strncmp(key, "author.", 7) && isdigit((unsigned char)key[7])) ||
	    (!strncmp(key, "authors.", 8) && isdigit((unsigned char)key[8]));
	return *is_author || !strcmp(key, "keywords") ||
	    (!strncmp(key, "keywords.", 9) && isdigit((unsigned char)key[9]));
}

/* One author or keyword; "keywords: a, b" as one string is split at
 * commas. */
static void
set_list(struct ctx *c, const char *key, const char *value, int is_author)
{
	struct meta *m = &c->d->meta;
	const char ***list = is_author ? &m->authors : &m->keywords;
	const char *p = value, *q;

	if (is_author ? c->lists_locked : c->keywords_locked)
		return;
	if (c->override && strchr(key, '.') == NULL)
		*list = NULL;
	if (is_author || strchr(key, '.') != NULL) {
		*list = meta_list_add(c->d, *list, value);
		return;
	}
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		q = p + strcspn(p, ",");
		while (q > p && q[-1] == ' ')
			q--;
		if (q > p)
			*list = meta_list_add(c->d, *list,
			    doc_strndup(c->d, p, (size_t)(q - p)));
		p += strcspn(p, ",");
	}
}

/* The string field a key names, or NULL. */
static const char **
string_slot(struct meta *m, const char *key)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "title", offsetof(struct meta, title) },
		{ "subtitle", offsetof(struct meta, subtitle) },
		{ "date", offsetof(struct meta, date) },
		{ "lang", offsetof(struct meta, lang) },
		{ "language", offsetof(struct meta, lang) },
		{ "name", offsetof(struct meta, name) },
		{ "section", offsetof(struct meta, section) },
		{ "description", offsetof(struct meta, description) },
		{ "source", offsetof(struct meta, source) },
		{ "manual", offsetof(struct meta, manual) },
		{ "identifier", offsetof(struct meta, identifier) },
		{ "rights", offsetof(struct meta, rights) },
		{ "cover-image", offsetof(struct meta, cover_image) },
		{ "css", offsetof(struct meta, css) },
		{ "link-base", offsetof(struct meta, link_base) },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(key, fields[i].key))
			return (const char **)(void *)((char *)m +
			    fields[i].off);
	return NULL;
}

/* "dir": ltr, rtl or auto, kept as written (TD_INHERIT: unsaid). */
static int
set_dir(struct ctx *c, const char *value, int line)
{
	struct meta *m = &c->d->meta;
	enum text_dir dir = !strcmp(value, "ltr") ? TD_LTR :
	    !strcmp(value, "rtl") ? TD_RTL : !strcmp(value, "auto") ?
	    TD_AUTO : TD_INHERIT;

	if (dir == TD_INHERIT) {
		diag_error(c->path, line, "dir \"%s\" is not ltr, rtl or "
		    "auto", value);
		return -1;
	}
	if (m->dir == TD_INHERIT || c->override || c->first)
		m->dir = dir;
	return 0;
}

/*
 * A stylesheet or cover the front matter names.  The document may come
 * from anyone, unlike -M and --css, so the file must lie in the
 * document's folder or the book's and be a regular file (confine.h);
 * otherwise a warning, and the field stays unset.  The field keeps the
 * real path, so the file is found whatever the current folder.
 */
static int
named_file(struct ctx *c, const char *key, const char **slot,
    const char *value, int line)
{
	struct confine k;
	enum confine_verdict v;
	char *path = path_resolve(c->path, value), *real, why[4300];
	int err;

	confine_init(&k);
	confine_add_dir_of(&k, c->path);
	if (c->root != NULL)
		confine_add(&k, c->root);
	v = confine_check(&k, path, &real);
	err = errno;
	if (v == CONFINE_OK) {
		*slot = doc_strdup(c->d, real);
		if (slot == &c->d->meta.css)
			c->d->meta.css_judged = 1;
		else
			c->d->meta.cover_judged = 1;
	}
	else
		diag_warn(c->path, line, "%s %s%s; left out", key, value,
		    confine_why(v, err, c->root != NULL ? "the book and "
		    "the document's folder" : "the document's folder", why,
		    sizeof(why)));
	free(real);
	free(path);
	confine_free(&k);
	return 0;
}

/* Set one scalar field; strings are stored in the document's arena. */
static int
set_field(struct ctx *c, const char *key, const char *value, int line)
{
	struct meta *m = &c->d->meta;
	const char **slot, *v;
	int is_author;

	if (list_key(key, &is_author)) {
		set_list(c, key, value, is_author);
		return 0;
	}
	if (switches(c, key, value, line))
		return 0;
	if (!strcmp(key, "dir"))
		return set_dir(c, value, line);
	slot = string_slot(m, key);
	if (slot == NULL) {
		meta_check_unknown(c->path, line, key, c->override);
		if (c->first || c->override)
			m->extra = meta_list_add(c->d, meta_list_add(c->d, m->extra,
			    key), value);
		return 0;
	}
	if (slot == &m->section && !meta_valid_section(value)) {
		diag_error(c->path, line, "section \"%s\" is not a manual "
		    "section (1-9, optionally followed by letters or digits, "
		    "or n, l, 0p)", value);
		return -1;
	}
	if (slot == &m->lang && !valid_lang(value)) {
		diag_error(c->path, line, "lang \"%s\" is not a language tag",
		    value);
		return -1;
	}
	if (slot == &m->name && !meta_valid_name(value)) {
		diag_error(c->path, line, "name \"%s\" must be a plain file "
		    "name (no '/', no '..', not starting with '.')", value);
		return -1;
	}
	if (slot == &m->link_base && !url_remote_ok(value)) {
		diag_warn(c->path, line, "link-base \"%s\" is not an http or "
		    "https URL; ignored", value);
		return 0;
	}
	if (*slot != NULL && !c->override && !c->first)
		return 0;
	if ((slot == &m->css || slot == &m->cover_image) && !c->override &&
	    *value != '\0')
		return named_file(c, key, slot, value, line);
	/* Given on the command line (or emptied): trusted as given. */
	if (slot == &m->css)
		m->css_judged = 0;
	else if (slot == &m->cover_image)
		m->cover_judged = 0;
	v = doc_strdup(c->d, value);
	*slot = v;
	return 0;
}

static int
field_cb(void *arg, const char *key, const char *value, int line)
{
	return set_field(arg, key, value, line);
}

/* Length of the line at p (without its newline). */
static size_t
line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return (size_t)((nl ? nl : end) - p);
}

static int
is_fence(const char *p, size_t n, int closing)
{
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return (n == 3 && !memcmp(p, "---", 3)) ||
	    (closing && n == 3 && !memcmp(p, "...", 3));
}

int
meta_front_matter(struct doc *d, const char *path, int first, char *text,
    size_t len)
{
	return meta_front_matter_in(d, path, NULL, first, text, len);
}

int
meta_front_matter_in(struct doc *d, const char *path, const char *root,
    int first, char *text, size_t len)
{
	struct ctx c = { d, path, root, 0, first, 0, 0 };
	char *end = text + len, *p, *body, *q;
	size_t n;
	int line = 2, rc;

	n = line_len(text, end);
	if (!is_fence(text, n, 0) || text + n >= end)
		return 0;
	body = p = text + n + 1;
	/* "---" followed by a blank line, or by nothing at all, is a
	 * thematic break, not YAML. */
	if (p >= end || *p == '\n')
		return 0;
	for (;;) {
		if (p >= end) {
			diag_error(path, 1, "front matter is not closed by a "
			    "\"---\" line");
			return -1;
		}
		n = line_len(p, end);
		if (is_fence(p, n, 1))
			break;
		p += n + (p + n < end);
		line++;
	}
	c.lists_locked = !first && d->meta.authors != NULL;
	c.keywords_locked = !first && d->meta.keywords != NULL;
	rc = yaml_flat(path, 2, body, (size_t)(p - body), field_cb, &c);
	if (rc == YAML_FLAT_SCALAR)
		return 0;	/* a setext heading under a rule, not YAML */
	/* Blank the block but keep its newlines for line numbers. */
	for (q = text; q < p + n; q++)
		if (*q != '\n')
			*q = ' ';
	return rc;
}

const char *
meta_extra(const struct meta *m, const char *key)
{
	const char **e, *v = NULL;

	for (e = m->extra; e != NULL && e[0] != NULL; e += 2)
		if (strcmp(e[0], key) == 0)
			v = e[1];
	return v;
}

int
meta_override(struct doc *d, const char *key, const char *value)
{
	struct ctx c = { d, "-M", NULL, 1, 1, 0, 0 };

	return set_field(&c, key, value, 0);
}

int
meta_override_from(struct doc *d, const char *path, int line,
    const char *key, const char *value)
{
	struct ctx c = { d, path, NULL, 1, 1, 0, 0 };

	return set_field(&c, key, value, line);
}

static void
hash_field(struct hash128 *h, const char *s)
{
	hash128_add(h, s ? s : "", s ? strlen(s) : 0);
}

int
meta_finish(struct doc *d, const char *first_path, const struct hash128 *text)
{
	struct meta *m = &d->meta;
	struct hash128 h = *text;
	const char *base, *dot, **a;
	char id[46];

	if (m->section == NULL)
		m->section = "7";
	if (m->title != NULL && m->title[0] == '\0')
		m->title = NULL;
	if (m->name == NULL) {
		base = strrchr(first_path, '/');
		base = base ? base + 1 : first_path;
		if (!strcmp(base, "-"))
			base = "stdin";
		dot = strrchr(base, '.');
		m->name = doc_strndup(d, base, dot && dot != base ?
		    (size_t)(dot - base) : strlen(base));
		if (!meta_valid_name(m->name)) {
			diag_error(first_path, 0, "cannot derive an output "
			    "name from this file name; set one with -M name=");
			return -1;
		}
	}
	manpage_finish(d);	/* also the title's default */
	if (m->identifier == NULL || m->identifier[0] == '\0') {
		/* A UUID (version 8, RFC 9562) from the text and the
		 * metadata, so a rebuild of the same book keeps the same
		 * identifier and two books never share one. */
		hash_field(&h, m->title);
		hash_field(&h, m->lang);
		for (a = m->authors; a != NULL && *a != NULL; a++)
			hash_field(&h, *a);
		hash128_uuid(&h, id);
		m->identifier = doc_strdup(d, id);
	}
	return 0;
}
