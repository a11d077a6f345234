/*
 * emit.c - what every emitter shares: the fallback for a node it cannot
 * draw (see emit.h).
 */
#include "diag.h"
#include "doc.h"
#include "emit.h"

void
emit_fallback_warn(int warned[], const struct node *n, const char *format)
{
	if (warned[n->type]++)
		return;
	diag_warn(n->file, n->line, "the %s cannot show a %s; its text is "
	    "kept", format, doc_type_name(n->type));
}
