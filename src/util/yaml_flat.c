/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yaml_flat.c - flatten a YAML mapping into dotted keys with libyaml.
 *
 * libyaml's event parser gives a stream of scalars and the starts and
 * ends of mappings and sequences; a stack of levels turns that into the
 * dotted key of every scalar ("pdf.margin.top", "author.1").
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/yaml_flat.h"

#define MAX_DEPTH 32
#define END	  2	/* event(): the stream ended (not YAML_FLAT_SCALAR) */

struct level {
	int	is_seq;
	int	index;		/* next sequence index */
	size_t	keylen;		/* length of the key prefix at this level */
	int	want_key;	/* mapping: the next scalar is a key */
};

struct flat {
	const char	*file;
	struct level	 st[MAX_DEPTH];
	int		 depth;		/* -1 before the root */
	struct buf	 key;
	yaml_flat_cb	 cb;
	void		*arg;
};

/* The document's root: a mapping.  Returns 0, YAML_FLAT_SCALAR for a
 * lone scalar ("---\nFoo\n---" is a setext heading in Markdown, not
 * metadata) or -1. */
static int
root(struct flat *f, const yaml_event_t *ev, int line)
{
	if (ev->type == YAML_SCALAR_EVENT)
		return YAML_FLAT_SCALAR;
	if (ev->type != YAML_MAPPING_START_EVENT) {
		diag_error(f->file, line, "expected a mapping of keys to values");
		return -1;
	}
	return 0;
}

/* A scalar where a mapping wants its key: it extends the key. */
static int
mapping_key(struct flat *f, const yaml_event_t *ev, int line)
{
	struct level *l = &f->st[f->depth];

	if (ev->type != YAML_SCALAR_EVENT) {
		diag_error(f->file, line, "a key must be plain text");
		return -1;
	}
	f->key.len = l->keylen;
	if (f->key.len > 0)
		buf_putc(&f->key, '.');
	buf_put(&f->key, (const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	l->want_key = 0;
	return 0;
}

/* A value (scalar, mapping or sequence) named by the current key. */
static int
value(struct flat *f, const yaml_event_t *ev, int line)
{
	const char *v = (const char *)ev->data.scalar.value;
	struct level *l;

	if (f->depth >= 0 && !f->st[f->depth].is_seq)
		f->st[f->depth].want_key = 1;
	if (ev->type == YAML_SCALAR_EVENT) {
		if (strlen(v) != ev->data.scalar.length) {
			diag_error(f->file, line, "NUL character in a YAML "
			    "value");
			return -1;
		}
		return f->cb(f->arg, f->key.data, v, line) ? -1 : 0;
	}
	if (++f->depth >= MAX_DEPTH) {
		diag_error(f->file, line, "YAML nested too deeply");
		return -1;
	}
	l = &f->st[f->depth];
	l->is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
	l->index = 0;
	l->keylen = f->key.len;
	l->want_key = 1;
	return 0;
}

/* One event; returns 0 to go on, END, or what root() says. */
static int
event(struct flat *f, const yaml_event_t *ev, int line)
{
	struct level *l;
	char num[32];

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return END;
	case YAML_ALIAS_EVENT:
		diag_error(f->file, line, "YAML aliases are not allowed");
		return -1;
	case YAML_SCALAR_EVENT:
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (f->depth < 0) {
			int rc = root(f, ev, line);

			return rc != 0 ? rc : value(f, ev, line);
		}
		l = &f->st[f->depth];
		if (!l->is_seq && l->want_key)
			return mapping_key(f, ev, line);
		if (l->is_seq) {
			f->key.len = l->keylen;
			snprintf(num, sizeof(num), "%s%d", f->key.len > 0 ?
			    "." : "", l->index++);
			buf_puts(&f->key, num);
		}
		return value(f, ev, line);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		f->depth--;
		return 0;
	default:
		return 0;
	}
}

int
yaml_flat(const char *file, int line0, const char *text, size_t len,
    yaml_flat_cb cb, void *arg)
{
	struct flat f;
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.file = file;
	f.depth = -1;
	f.cb = cb;
	f.arg = arg;
	buf_init(&f.key);
	buf_puts(&f.key, "");
	if (!yaml_parser_initialize(&p)) {
		diag_error(file, line0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			diag_error(file, line0 + (int)p.problem_mark.line,
			    "malformed YAML: %s", p.problem ? p.problem : "?");
			rc = -1;
			break;
		}
		rc = event(&f, &ev, line0 + (int)ev.start_mark.line);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	buf_free(&f.key);
	return rc == END ? 0 : rc;
}

int
yaml_flat_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1", NULL };
	static const char *const no[] = { "false", "no", "off", "0", NULL };
	int i;

	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}
