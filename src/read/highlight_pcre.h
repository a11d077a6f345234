// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre.h - Source-highlight's rules matched with PCRE2's JIT
 * instead of Boost.Regex (used by highlight_sh.cc and highlight_drive.cc
 * only).
 *
 * Source-highlight builds its automaton through a rule factory; the one
 * here makes every rule from the expression the library's own factory
 * would give it, and the rule matches that expression with PCRE2, with
 * the semantics of the library's Boost rule.  Where the two engines
 * might read an expression or a line differently, the library's own
 * Boost rule answers; it is only built (its expression compiled by
 * Boost) when it is first needed (see highlight_pcre.cc).
 */
#ifndef QUIRE_READ_HIGHLIGHT_PCRE_H
#define QUIRE_READ_HIGHLIGHT_PCRE_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <srchilite/highlightrule.h>
#include <srchilite/regexhighlightrule.h>
#include <srchilite/regexrulefactory.h>

namespace hlpcre {

struct compiled;

/* A rule of the automaton.  Every rule the factory below makes is one
 * of these; the copies a back-reference makes are too. */
class Rule final : public srchilite::HighlightRule {
public:
	Rule(const std::string &name, const std::string &expr);
	explicit Rule(const std::string &expr);
	Rule(const Rule &other);
	~Rule() override;

	/* The library's interface: PCRE2's answer, or Boost's. */
	bool tryToMatch(std::string::const_iterator start,
	    std::string::const_iterator end,
	    srchilite::HighlightToken &token,
	    const srchilite::MatchingParameters &params) override;
	const std::string toString() const override { return expr; }
	void replaceReferences(const srchilite::ReplacementList &rep) override;
	srchilite::HighlightRule *clone() override;

	/*
	 * For quire's own driver (highlight_drive.cc): the earliest match
	 * from s in the line begin_line() set, as the library's rule would
	 * find it.  FOUND gives the groups' offsets in the line, 2 * (groups
	 * + 1) of them (SIZE_MAX where a group is unset), valid until this
	 * thread's next match; UNSURE means PCRE2 cannot answer here and
	 * boost_match must.
	 */
	enum outcome { FOUND, NONE, UNSURE };
	outcome		 quick(size_t s, bool bol, const size_t **ov);
	uint32_t	 groups() const;
	/* The library's own answer, with its Boost expression. */
	bool		 boost_match(std::string::const_iterator start,
			    std::string::const_iterator end,
			    srchilite::HighlightToken &token,
			    const srchilite::MatchingParameters &params);
	/* Each element's class (enum code_class), -1 for plain text. */
	const std::vector<int8_t> &classes() const { return elem_classes; }
	void		 set_classes();

private:
	std::string				 expr;
	std::atomic<const compiled *>		 code;
	size_t					 id;
	std::vector<int8_t>			 elem_classes;
	std::atomic<srchilite::RegexHighlightRule *> boost{ nullptr };

	srchilite::RegexHighlightRule	&boost_rule();
	const compiled	*pcre();
	outcome	search(const compiled *pc, size_t s, uint32_t opts,
		    size_t limit, const char *line, size_t n,
		    std::vector<size_t> &ov) const;
	outcome	find(const compiled *pc, size_t s, bool bol,
		    std::vector<size_t> *&ov);
	void	fill(const compiled *pc, srchilite::HighlightToken &token,
		    size_t s, const std::vector<size_t> &ov) const;
};

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

/* The line this thread is about to read (the very string object): rules
 * match it with PCRE2 only between begin_line and end_line. */
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

/* How many rules were made, how many of them Boost matches, and how
 * many had their Boost expression compiled. */
struct counts {
	size_t	 rules;
	size_t	 on_boost;
	size_t	 boost_built;
};
counts	rule_counts();

/*
 * For tests: while on, the factory also asks the library's own factory
 * for each list and compound rule and counts the rules whose
 * expression differs from the one made here (factory_differs()).
 */
void	factory_check(bool on);
size_t	factory_differs();

/* The class (enum code_class) of a language element, or -1: plain
 * (highlight_drive.cc holds the table). */
int	element_class(const std::string &elem);

} // namespace hlpcre

#endif
