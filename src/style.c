/*
 * style.c - the style file as a table of dotted keys (see style.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input.h"
#include "style.h"
#include "yaml_flat.h"

struct style {
	char	**keys, **vals;
	size_t	  n, cap;
	char	 *dir;
};

void
style_set(struct style *st, const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->keys[i], key) == 0) {
			free(st->vals[i]);
			st->vals[i] = xstrdup(value);
			return;
		}
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 32;
		st->keys = xrealloc(st->keys, st->cap * sizeof(char *));
		st->vals = xrealloc(st->vals, st->cap * sizeof(char *));
	}
	st->keys[st->n] = xstrdup(key);
	st->vals[st->n++] = xstrdup(value);
}

static int
add_cb(void *arg, const char *key, const char *value, int line)
{
	(void)line;
	style_set(arg, key, value);
	return 0;
}

struct style *
style_load(const char *path)
{
	struct style *st = xcalloc(1, sizeof(*st));
	struct input in;
	const char *slash;

	if (path == NULL) {
		st->dir = xstrdup(".");
		return st;
	}
	slash = strrchr(path, '/');
	st->dir = slash ? strndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (st->dir == NULL || input_read(path, &in) != 0) {
		style_free(st);
		return NULL;
	}
	if (yaml_flat(path, 1, in.text, in.len, add_cb, st) != 0) {
		input_free(&in);
		style_free(st);
		return NULL;
	}
	input_free(&in);
	return st;
}

void
style_free(struct style *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++) {
		free(st->keys[i]);
		free(st->vals[i]);
	}
	free(st->keys);
	free(st->vals);
	free(st->dir);
	free(st);
}

const char *
style_str(const struct style *st, const char *key, const char *def)
{
	size_t i;

	if (st != NULL)
		for (i = 0; i < st->n; i++)
			if (strcmp(st->keys[i], key) == 0)
				return st->vals[i];
	return def;
}

double
style_num(const struct style *st, const char *key, double def)
{
	const char *v = style_str(st, key, NULL);
	char *end;
	double d;

	if (v == NULL)
		return def;
	d = strtod(v, &end);
	return end == v ? def : d;
}

int
style_bool(const struct style *st, const char *key, int def)
{
	const char *v = style_str(st, key, NULL);

	if (v == NULL)
		return def;
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") ||
	    !strcmp(v, "1"))
		return 1;
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") ||
	    !strcmp(v, "0"))
		return 0;
	return def;
}

double
style_len(const struct style *st, const char *key, double def)
{
	const char *v = style_str(st, key, NULL);
	char *end;
	double d;

	if (v == NULL)
		return def;
	d = strtod(v, &end);
	if (end == v)
		return def;
	while (isspace((unsigned char)*end))
		end++;
	if (!strcmp(end, "mm"))
		return d * 72.0 / 25.4;
	if (!strcmp(end, "cm"))
		return d * 72.0 / 2.54;
	if (!strcmp(end, "in"))
		return d * 72.0;
	if (*end == '\0' || !strcmp(end, "pt"))
		return d;
	return def;
}

const char *
style_dir(const struct style *st)
{
	return st->dir;
}
