/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xmlerr.c - libxml2's errors routed through quire's messages (xmlerr.h).
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/diag.h"
#include "util/xmlerr.h"

static void
on_error(void *ctx, xmlErrorPtr e)
{
	char msg[256];
	size_t n;

	(void)ctx;
	if (e == NULL)
		return;
	if (e->code == XML_ERR_NO_MEMORY)
		oom();
	if (e->domain == XML_FROM_HTML || e->domain == XML_FROM_PARSER ||
	    e->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	diag_warn(NULL, 0, "libxml2: %s", msg);
}

void
xmlerr_init(void)
{
	xmlSetStructuredErrorFunc(NULL, on_error);
	xmlThrDefSetStructuredErrorFunc(NULL, on_error);
}
