/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strmap.c - the string map (see strmap.h).
 */
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/hash.h"
#include "util/strmap.h"

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_free(struct strmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

static size_t
slot(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & m->mask;

	while (m->key[i] != NULL && strcmp(m->key[i], key) != 0)
		i = (i + 1) & m->mask;
	return i;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->n == 0)
		return NULL;
	i = slot(m, key);
	return m->key[i] != NULL ? m->val[i] : NULL;
}

/* Keep the table at most half full, so probes stay short. */
static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t size = old.key ? (old.mask + 1) * 2 : 16, i, j;

	m->key = xcalloc(size, sizeof(*m->key));
	m->val = xcalloc(size, sizeof(*m->val));
	m->mask = size - 1;
	for (i = 0; old.key != NULL && i <= old.mask; i++)
		if (old.key[i] != NULL) {
			j = slot(m, old.key[i]);
			m->key[j] = old.key[i];
			m->val[j] = old.val[i];
		}
	free(old.key);
	free(old.val);
}

void
strmap_put(struct strmap *m, const char *key, void *val)
{
	size_t i;

	if (m->key == NULL || (m->n + 1) * 2 > m->mask + 1)
		grow(m);
	i = slot(m, key);
	if (m->key[i] == NULL) {
		m->key[i] = key;
		m->n++;
	}
	m->val[i] = val;
}
