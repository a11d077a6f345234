/* emit_epub.c - placeholder until the epub emitter lands. */
#include "diag.h"
#include "doc.h"
#include "emit.h"

int
emit_epub(const struct doc *d, const struct style *st, FILE *out)
{
	(void)d; (void)st; (void)out;
	diag_error(NULL, 0, "the epub emitter is not built yet");
	return -1;
}
