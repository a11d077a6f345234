/*
 * yaml_flat.c - flatten a YAML mapping into dotted keys with libyaml.
 */
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "yaml_flat.h"

#define MAX_DEPTH 32

struct level {
	int	is_seq;
	int	index;		/* next sequence index */
	size_t	keylen;		/* length of the key prefix at this level */
	int	want_key;	/* mapping: the next scalar is a key */
};

int
yaml_flat(const char *file, int line0, const char *text, size_t len,
    yaml_flat_cb cb, void *arg)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct level st[MAX_DEPTH];
	struct buf key;
	int depth = -1, rc = -1, done = 0, line;
	char num[32];

	buf_init(&key);
	buf_puts(&key, "");
	if (!yaml_parser_initialize(&p)) {
		diag_error(file, line0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			diag_error(file, line0 + (int)p.problem_mark.line,
			    "malformed YAML: %s", p.problem ? p.problem : "?");
			goto out;
		}
		line = line0 + (int)ev.start_mark.line;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			diag_error(file, line, "YAML aliases are not allowed");
			yaml_event_delete(&ev);
			goto out;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth < 0) {
				if (ev.type == YAML_SCALAR_EVENT) {
					/* "---\nFoo\n---" is a setext heading
					 * in Markdown, not metadata. */
					rc = YAML_FLAT_SCALAR;
					yaml_event_delete(&ev);
					goto done;
				}
				if (ev.type != YAML_MAPPING_START_EVENT) {
					diag_error(file, line, "expected a "
					    "mapping of keys to values");
					yaml_event_delete(&ev);
					goto out;
				}
			} else if (!st[depth].is_seq && st[depth].want_key) {
				/* A key: only scalars make sense here. */
				if (ev.type != YAML_SCALAR_EVENT) {
					diag_error(file, line, "a key must "
					    "be plain text");
					yaml_event_delete(&ev);
					goto out;
				}
				key.len = st[depth].keylen;
				if (key.len > 0)
					buf_putc(&key, '.');
				buf_put(&key, (const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				st[depth].want_key = 0;
				break;
			} else if (st[depth].is_seq) {
				key.len = st[depth].keylen;
				snprintf(num, sizeof(num), "%s%d",
				    key.len > 0 ? "." : "", st[depth].index++);
				buf_puts(&key, num);
			}
			/* Now `key` names this value. */
			if (depth >= 0 && !st[depth].is_seq)
				st[depth].want_key = 1;
			if (ev.type == YAML_SCALAR_EVENT) {
				if (strlen((const char *)ev.data.scalar.value) !=
				    ev.data.scalar.length) {
					diag_error(file, line, "NUL character "
					    "in a YAML value");
					yaml_event_delete(&ev);
					goto out;
				}
				if (cb(arg, key.data,
				    (const char *)ev.data.scalar.value, line)) {
					yaml_event_delete(&ev);
					goto out;
				}
				break;
			}
			if (++depth >= MAX_DEPTH) {
				diag_error(file, line, "YAML nested too deeply");
				yaml_event_delete(&ev);
				goto out;
			}
			st[depth].is_seq = ev.type == YAML_SEQUENCE_START_EVENT;
			st[depth].index = 0;
			st[depth].keylen = key.len;
			st[depth].want_key = 1;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
	goto done;
out:
	rc = -1;
done:
	yaml_parser_delete(&p);
	buf_free(&key);
	return rc;
}
