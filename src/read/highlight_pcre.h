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
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <srchilite/highlightrule.h>
#include <srchilite/regexhighlightrule.h>
#include <srchilite/regexrulefactory.h>

namespace hlpcre {

/* An expression compiled by PCRE2, with what PCRE2's study of it says.
 * A rule of a loaded definition is JIT-compiled when it is first
 * searched with (jit_after()): the JIT's copy of the code, made then, is
 * searched with from then on. */
struct compiled {
	pcre2_code	*code = nullptr;
	uint32_t	 groups = 0;		/* capturing groups */
	uint32_t	 lookbehind = 0;	/* characters looked back at */
	bool		 memo = false;		/* no \G: may be remembered */
	bool		 empty = true;		/* may match "" */
	bool		 want_jit = false;
	std::bitset<256> starts;		/* bytes a match may start with */
	std::bitset<256> needs;			/* one of them is in any match */
	mutable std::atomic<uint32_t>	 uses{ 0 };
	mutable std::atomic<bool>	 jit_tried{ false };
	mutable std::atomic<pcre2_code *> jitted{ nullptr };

	~compiled()
	{
		pcre2_code_free(code);
		pcre2_code_free(jitted.load());
	}
};

/* For tests: JIT-compile a rule at its nth search (1: the first; 0:
 * never). */
void	jit_after(uint32_t n);

/* The outcome of a search. */
enum outcome { FOUND, NONE, UNSURE };

/*
 * Search the n bytes at subject (nothing before it visible, as Boost
 * sees a search's start) from its beginning, a match starting at most
 * at offset limit (PCRE2_UNSET: anywhere); ov gets the groups' offsets
 * plus shift, 2 * (groups + 1) of them, SIZE_MAX where a group is
 * unset.  UNSURE: PCRE2 gave up (its JIT stack or match limit).
 */
outcome	search(const compiled &pc, const char *subject, size_t n,
	    uint32_t opts, size_t limit, size_t shift,
	    std::vector<size_t> &ov);

/* Rules made once per definition are numbered, for the memory of their
 * searches; copies are not. */
const size_t	 NO_MEMO = SIZE_MAX;
/* How many numbers were given. */
size_t	rules_numbered();

/* A rule of the automaton.  Every rule the factory below makes is one
 * of these; the copies a back-reference makes are too.  The library's
 * interface (tryToMatch) answers with the library's own Boost rule;
 * quire's driver (highlight_drive.cc) asks pcre() and searches. */
class Rule final : public srchilite::HighlightRule {
public:
	Rule(const std::string &name, const std::string &expr);
	explicit Rule(const std::string &expr);
	Rule(const Rule &other);
	~Rule() override;

	bool tryToMatch(std::string::const_iterator start,
	    std::string::const_iterator end,
	    srchilite::HighlightToken &token,
	    const srchilite::MatchingParameters &params) override;
	const std::string toString() const override { return expr; }
	void replaceReferences(const srchilite::ReplacementList &rep) override;
	srchilite::HighlightRule *clone() override;

	/* The expression compiled by PCRE2, compiled when first asked
	 * for; null when Boost must match it. */
	const compiled	*pcre()
	{
		const compiled *c = code.load(std::memory_order_acquire);

		return c != nullptr && c->code != nullptr ? c : first_pcre();
	}
	size_t		 memo_id() const { return id; }
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
	const compiled	*first_pcre();
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
