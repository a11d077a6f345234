/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/libraries.c - the libraries the PDF is made with, and their
 * versions at run time, for --version.
 */
#include "pdf/haru/haru.h"

#include <fribidi.h>
#include <hb.h>
#include <unicode/uversion.h>

#include "emit.h"

void
pdf_libraries(FILE *fp)
{
	UVersionInfo v;
	char icu[U_MAX_VERSION_STRING_LENGTH];
	const char *fb = fribidi_version_info, *end;

	u_getVersion(v);
	u_versionToString(v, icu);
	/* fribidi_version_info is "(GNU FriBidi) 1.0.8\n...". */
	while (*fb != '\0' && (*fb < '0' || *fb > '9'))
		fb++;
	for (end = fb; *end != '\0' && *end != '\n' && *end != ' '; end++)
		;
	fprintf(fp, ", libharu %s, HarfBuzz %s, FriBidi %.*s, ICU %s",
	    HPDF_GetVersion(), hb_version_string(), (int)(end - fb), fb,
	    icu);
}
