/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * builtin.h - files compiled into quire (scripts/embed, at build time):
 * the default style and the EPUB stylesheet, so the binary needs no data
 * files to find, wherever it is run or installed.
 */
#ifndef QUIRE_BUILTIN_H
#define QUIRE_BUILTIN_H

#include <stddef.h>

extern const char	quire_style_yaml[];	/* styles/default.yaml */
extern const size_t	quire_style_yaml_len;
extern const char	quire_epub_css[];	/* styles/epub.css */
extern const size_t	quire_epub_css_len;

#endif
