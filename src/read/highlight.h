/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * highlight.h - the bridge to GNU Source-highlight's library
 * (highlight_sh.cc, with highlight_drive.cc and highlight_pcre*.cc).
 *
 * Source-highlight reads a language definition (a .lang file from its
 * data directory, as its lang.map names them) and reports each token of
 * a line as a language element ("keyword", "string", "symbol"...) and its
 * position.  The bridge folds the elements into the model's token
 * classes (doc.h) and hands back (offset, length, class) triples; it
 * never formats text.  Nothing it calls may throw past it: every
 * exception of the library, of Boost.Regex or of the C++ runtime is
 * caught and becomes a -1 with a message in hl_error().
 */
#ifndef QUIRE_HIGHLIGHT_H
#define QUIRE_HIGHLIGHT_H

#include <stddef.h>

#include "model/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called once per token, in order: len bytes at off into the text. */
typedef void	hl_token_fn(void *arg, size_t off, size_t len,
		    enum code_class cls);

/* Load the library's language map and data directory (once); returns
 * -1 when they cannot be read. */
int		hl_ready(void);

/*
 * The definition file ("ruby.lang") that the library's own lang.map
 * gives a language name, copied into buf; returns -1 when the map does
 * not name it (or cannot be read).
 */
int		hl_map_lang(const char *name, char *buf, size_t bufsize);

/*
 * Tokenise len bytes of text (lines separated by '\n') with the
 * definition file langfile, calling fn for each token.  Returns 0, or
 * -1 when the definition cannot be loaded or the library fails on this
 * text; the tokens reported before a failure are to be dropped.
 */
int		hl_tokenize(const char *langfile, const char *text, size_t len,
		    hl_token_fn *fn, void *arg);

/* What the last failure was (never NULL). */
const char	*hl_error(void);

/*
 * For tests.  hl_boost_only(1) makes this thread's later hl_tokenize
 * calls read with the library's own highlighter, every rule matched with
 * Boost.Regex, as the library alone does, and remember no line or
 * block; hl_boost_only(0) goes back to quire's driver and PCRE2 (see
 * highlight_drive.h and highlight_pcre.h).  hl_pcre_reads tells whether
 * PCRE2 matches a Boost expression (1) or leaves it to Boost (0).
 * hl_rule_counts gives how many rules the loaded definitions made, how
 * many of them Boost matches and how many had their expression
 * compiled for Boost.  While hl_factory_check(1) is on, definitions
 * loaded have each list rule's expression compared with the one the
 * library's own factory makes; hl_factory_differs() counts those that
 * differ.  hl_jit_after(n) has each rule compiled for PCRE2's JIT at its
 * nth search (1: the first; 0: never).
 */
void		hl_boost_only(int on);
int		hl_pcre_reads(const char *boost_regex);
void		hl_rule_counts(size_t *rules, size_t *on_boost,
		    size_t *boost_built);
void		hl_factory_check(int on);
size_t		hl_factory_differs(void);
void		hl_jit_after(unsigned n);

/* Free the loaded definitions (at exit, so leak checkers see none). */
void		hl_release(void);

#ifdef __cplusplus
}
#endif

#endif
