/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * emit.c - what every emitter shares: the fallback for a node it cannot
 * draw (see emit.h).
 */
#include <libxml/parser.h>

#include "util/diag.h"
#include "model/doc.h"
#include "emit.h"

const struct emitter emitters[NEMITTERS] = {
	{ "pdf", "pdf", emit_pdf, 1, pdf_libraries, 1 },
	{ "epub", "epub", emit_epub, 1, epub_libraries, 1 },
	{ "man", NULL, emit_man, 0, NULL, 0 },
};

void
emit_fallback_warn(int warned[], const struct node *n, const char *format)
{
	if (warned[n->type]++)
		return;
	diag_warn(n->file, n->line, "the %s cannot show a %s; its text is "
	    "kept", format, doc_type_name(n->type));
}

/* fontconfig needs nothing here: only the PDF uses it, on one thread. */
void
emit_init(void)
{
	xmlInitParser();
}
