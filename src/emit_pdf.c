/* emit_pdf.c - placeholder until the pdf emitter lands. */
#include "diag.h"
#include "doc.h"
#include "emit.h"

int
emit_pdf(const struct doc *d, const struct style *st, FILE *out)
{
	(void)d; (void)st; (void)out;
	diag_error(NULL, 0, "the pdf emitter is not built yet");
	return -1;
}
