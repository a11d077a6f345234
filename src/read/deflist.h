/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deflist.h - the definition-list syntax extension for cmark-gfm
 * (deflist.c).  Only the parser uses it.
 */
#ifndef QUIRE_DEFLIST_H
#define QUIRE_DEFLIST_H

#include <cmark-gfm-extension_api.h>

/*
 * The extension, made once; attach it to a parser.  Its nodes' type
 * strings are "deflist" (terms and definitions), "defterm" (inlines, one
 * term per source line) and "defdata" (blocks).
 */
cmark_syntax_extension	*deflist_extension(void);

#endif
