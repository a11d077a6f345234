/* emit_man.c - placeholder until the man emitter lands. */
#include "diag.h"
#include "doc.h"
#include "emit.h"

int
emit_man(const struct doc *d, const struct style *st, FILE *out)
{
	(void)d; (void)st; (void)out;
	diag_error(NULL, 0, "the man emitter is not built yet");
	return -1;
}
