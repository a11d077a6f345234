// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_drive.h - quire's own driver over a Source-highlight
 * automaton (used by highlight_sh.cc only).
 *
 * The library's SourceHighlighter walks its automaton a line at a time:
 * at every token every rule of the current state is asked for a token
 * (strings of the text before the match and of the matched text, in a
 * list by element), the best is copied twice, and each of its parts is
 * given to a formatter, found by name in a map, as a string.  The
 * driver here walks the same automaton (the library's HighlightState
 * and HighlightRule objects, built by the library from its definition
 * files) and makes the same decisions in the same order, read from
 * Source-highlight 3.1.9's SourceHighlighter::highlightParagraph and
 * HighlightState::findBestMatch, but asks each rule only where its match
 * is (PCRE2, highlight_pcre.h) and hands back (offset, length, class)
 * spans.  unit/test_highlight checks it against the library's own
 * highlighter with Boost's matching, over every definition the library
 * has.
 */
#ifndef QUIRE_READ_HIGHLIGHT_DRIVE_H
#define QUIRE_READ_HIGHLIGHT_DRIVE_H

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <srchilite/highlightstate.h>
#include <srchilite/highlighttoken.h>

#include "model/doc.h"
#include "read/highlight_pcre.h"

namespace hldrive {

/* Source-highlight's language elements and the classes they are shown
 * as; elements not listed are plain text. */
struct element {
	const char	*name;
	enum code_class	 cls;
};
extern const element	 elements[];
extern const size_t	 n_elements;

/* A span of the line: len bytes at off, of class cls. */
typedef void	span_fn(void *arg, size_t off, size_t len, enum code_class cls);

struct line_ctx;

class Driver {
public:
	explicit Driver(srchilite::HighlightStatePtr automaton);

	/* Read one line (no '\n' in it), its spans to fn in order.  The
	 * state a comment or string leaves open goes on to the next
	 * line.  Throws when the definition makes no progress. */
	void	line(const std::string &text, span_fn *fn, void *arg);

	/* In the definition's outermost state, nothing entered: where a
	 * line is read the same whatever came before it. */
	bool	at_top() const { return cur == main && stack.empty(); }

private:
	/* The best rule's answer at a token (the library's bestToken). */
	struct best {
		srchilite::HighlightRule	*rule = nullptr;
		hlpcre::Rule			*ours = nullptr; /* null: token */
		size_t				 prefix = 0, size = 0;
		std::vector<size_t>		 ov;
		srchilite::HighlightToken	 token;
	};
	/* A state's rules, and which of them are quire's; the state is
	 * held, so that its address stays its own. */
	struct rules {
		srchilite::HighlightStatePtr		 state;
		std::vector<srchilite::HighlightRule *>	 all;
		std::vector<hlpcre::Rule *>		 ours;
		int					 dflt_cls = -1;
	};
	static const size_t	 STATES = 8;	/* states remembered */

	srchilite::HighlightStatePtr			 main, cur;
	std::vector<srchilite::HighlightStatePtr>	 stack;
	best						 b;
	srchilite::HighlightToken			 tmp;
	line_ctx					*lc;
	rules						 known[STATES];
	size_t						 known_next = 0;

	const rules	&rules_of(const srchilite::HighlightStatePtr &st);
	hlpcre::outcome	answer(hlpcre::Rule &r, size_t s, bool bol,
			    const size_t **ov);
	bool	best_match(const std::string &text, const rules &rs, size_t s,
		    bool bol);
	bool	library_answer(srchilite::HighlightRule *r,
		    hlpcre::Rule *ours, const std::string &text, size_t s,
		    bool bol, bool first);
	void	emit_matched(size_t at, size_t n, span_fn *fn, void *arg);
	void	next_state(const std::string &text);
	srchilite::ReplacementList subexps(const std::string &text) const;
	void	exit_states(int level);
};

} // namespace hldrive

#endif
