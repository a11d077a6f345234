/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * model_fixture.h - a document read as main reads one: settled with a
 * style (the built-in one for NULL), parsed, finished.  For unit tests.
 */
#ifndef QUIRE_MODEL_FIXTURE_H
#define QUIRE_MODEL_FIXTURE_H

#include <string.h>

#include "model/doc.h"
#include "model/settle.h"
#include "model/style.h"
#include "read/parse.h"

static struct doc *
fixture_parse(const char *path, const char *md, size_t len,
    const struct style *st)
{
	struct style *own = st == NULL ? style_load(NULL) : NULL;
	struct doc *d = doc_new();
	struct parser p;

	if (st == NULL)
		st = own;
	parser_init(&p, d, NULL);
	settle_reading(d, st, 0);
	parse_chapter(&p, path, md, len);
	settle_document(d, st);
	parse_finish(&p);
	style_free(own);
	return d;
}

#endif
