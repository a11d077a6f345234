/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * epub/libraries.c - the libraries the EPUB is made with, and their
 * versions at run time, for --version.
 */
#include <stdlib.h>

#include <libxml/parser.h>
#include <zip.h>

#include "emit.h"

void
epub_libraries(FILE *fp)
{
	/* libxml2 gives its version as one number: 20914 is 2.9.14. */
	long v = strtol(xmlParserVersion, NULL, 10);

	fprintf(fp, ", libxml2 %ld.%ld.%ld, libzip %s", v / 10000,
	    v / 100 % 100, v % 100, zip_libzip_version());
}
