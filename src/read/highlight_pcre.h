// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre.h - Source-highlight's rules matched with PCRE2's JIT
 * instead of Boost.Regex (used by highlight_sh.cc only).
 *
 * Source-highlight builds its automaton through a rule factory; the one
 * here lets the library's own factory make each rule (so its regular
 * expressions are exactly the library's) and gives back a rule that
 * matches the same expression with PCRE2, with the semantics of the
 * library's Boost rule.  Where the two engines might read an expression
 * or a line differently, the Boost rule itself answers (see
 * highlight_pcre.cc).
 */
#ifndef QUIRE_READ_HIGHLIGHT_PCRE_H
#define QUIRE_READ_HIGHLIGHT_PCRE_H

#include <cstddef>
#include <string>

#include <srchilite/regexrulefactory.h>

namespace hlpcre {

/* The factory to give a LangDefManager. */
class RuleFactory : public srchilite::RegexRuleFactory {
public:
	srchilite::HighlightRule *createSimpleRule(const std::string &name,
	    const std::string &s) override;
	srchilite::HighlightRule *createWordListRule(const std::string &name,
	    const srchilite::WordList &list, bool caseSensitive) override;
	srchilite::HighlightRule *createListRule(const std::string &name,
	    const srchilite::WordList &list, bool caseSensitive) override;
	srchilite::HighlightRule *createCompoundRule(
	    const srchilite::ElemNameList &names,
	    const std::string &rep) override;
};

/* The line this thread is about to give SourceHighlighter::
 * highlightParagraph (the very string object): rules match it with
 * PCRE2 only between begin_line and end_line. */
void	begin_line(const std::string *line);
void	end_line();

/*
 * A Boost expression in PCRE2's syntax, into out; false when it uses
 * something the two engines may read differently (then Boost matches
 * it).  *uses_g tells whether it uses \G, whose meaning depends on
 * where a search starts.
 */
bool	translate(const std::string &boost, std::string &out, bool *uses_g);

/* Whether PCRE2 matches a Boost expression (false: Boost must). */
bool	pcre_reads(const std::string &boost);

/* How many rules were made, and how many of them Boost matches. */
struct counts {
	size_t	 rules;
	size_t	 on_boost;
};
counts	rule_counts();

} // namespace hlpcre

#endif
