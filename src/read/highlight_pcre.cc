// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre.cc - Source-highlight's rules matched with PCRE2's JIT
 * (see highlight_pcre.h).
 *
 * Matching was nearly all of highlighting's cost, and nearly all of that
 * was Boost.Regex.  A rule here holds the expression the library's
 * factory would give its own Boost rule, compiled by PCRE2 and
 * JIT-compiled the first time quire's driver (highlight_drive.cc) asks
 * for it: most rules of a definition are never tried, those of states
 * a document never enters.  search() answers as the library's
 * RegexHighlightRule does (read from Source-highlight 3.1.9): the rest
 * of the line from `start', nothing before `start' visible.
 *
 * Boost answers instead where the engines might differ: an expression
 * translate() leaves to it, a line holding a byte Boost takes for a
 * line separator, a match PCRE2 gives up on (the driver decides), and
 * the library's own interface, tryToMatch (the tests' reference).  Then
 * the library's own rule, with the same expression and elements,
 * answers.  It is built the first time it is needed: compiling every
 * rule's expression for Boost as well as for PCRE2 was a third of
 * loading a definition, and for a short document loading is most of
 * highlighting.  An expression translate() leaves to Boost is compiled
 * for Boost at once, so a definition Boost cannot read fails to load
 * as it did; one Boost cannot read and PCRE2 can now loads (none of the
 * library's definitions has one: the unit test loads them all).
 */
#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <srchilite/highlighttoken.h>
#include <srchilite/matchingparameters.h>
#include <srchilite/regexpreprocessor.h>
#include <srchilite/tostringcollection.h>

#include "read/highlight_pcre.h"

namespace {

using hlpcre::Rule;
using hlpcre::compiled;

/* A byte in either case: PCRE2 reports a caseless pattern's first or
 * last code unit in one case only (its tables are the "C" locale's:
 * ASCII letters alone have another case). */
std::bitset<256>
either_case(uint32_t unit)
{
	std::bitset<256> set;

	set.set(unit);
	if (unit < 128 && std::isalpha((int)unit))
		set.set((size_t)(std::islower((int)unit) ?
		    std::toupper((int)unit) : std::tolower((int)unit)));
	return set;
}

/* The bytes a match of c may start with, as PCRE2's own study of the
 * pattern found them (its first code unit, in either case, or its
 * table of starting bytes); every byte when it found none, or when the
 * pattern may match the empty string.  And the byte every match holds
 * (PCRE2's last required code unit), if there is one. */
void
starting_bytes(compiled &c)
{
	uint32_t empty = 1, type = 0, unit;
	const uint8_t *map = nullptr;

	c.starts.set();
	c.needs.set();
	if (pcre2_pattern_info(c.code, PCRE2_INFO_LASTCODETYPE, &type) == 0 &&
	    type == 1 && pcre2_pattern_info(c.code, PCRE2_INFO_LASTCODEUNIT,
	    &unit) == 0 && unit < 256)
		c.needs = either_case(unit);
	type = 0;
	if (pcre2_pattern_info(c.code, PCRE2_INFO_MATCHEMPTY, &empty) != 0 ||
	    pcre2_pattern_info(c.code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return;
	c.empty = empty != 0;
	if (c.empty)
		return;
	if (type == 1 && pcre2_pattern_info(c.code,
	    PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
		c.starts = either_case(unit);
	} else if (type == 0 && pcre2_pattern_info(c.code,
	    PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map != nullptr) {
		for (size_t b = 0; b < 256; b++)
			c.starts.set(b, (map[b / 8] >> (b % 8)) & 1);
	}
}

/* Compile a Boost expression for PCRE2; null when Boost must match it.
 * Rules made once per language may be JIT-compiled (see search()); the
 * copies made for each dynamic back-reference are not, as they match
 * only a little. */
std::unique_ptr<compiled>
compile(const std::string &boost, bool jit)
{
	std::string pattern;
	bool uses_g;
	int err;
	PCRE2_SIZE erroff;

	if (!hlpcre::translate(boost, pattern, &uses_g))
		return nullptr;
	std::unique_ptr<compiled> c(new compiled());
	/* An offset limit bounds the searches that check a remembered
	 * answer (find()); it changes nothing else. */
	c->code = pcre2_compile((PCRE2_SPTR)pattern.data(), pattern.size(),
	    PCRE2_USE_OFFSET_LIMIT, &err, &erroff, nullptr);
	if (c->code == nullptr)
		return nullptr;
	if (pcre2_pattern_info(c->code, PCRE2_INFO_CAPTURECOUNT,
	    &c->groups) != 0 ||
	    pcre2_pattern_info(c->code, PCRE2_INFO_MAXLOOKBEHIND,
	    &c->lookbehind) != 0)
		return nullptr;
	c->memo = !uses_g;
	starting_bytes(*c);
	c->want_jit = jit;
	return c;
}

/*
 * The JIT's code for pc, made from a copy of its code (the code searched
 * with on other threads meanwhile is not touched); null when the JIT
 * cannot compile it, and then the interpreter goes on.  A rule is
 * compiled for the JIT at its first search: a rule never searched (its
 * state never entered, or no line holding a byte its match needs) is
 * never compiled.  Waiting for more searches was measured and lost: the
 * rules searched most are those the interpreter is slowest on (long
 * alternations of keywords): highlighting the bench's book took 1 %
 * more instructions with the JIT at the 4th search, 2 % at the 12th,
 * 5 % at the 32nd.
 * One search only (the one that first sets jit_tried) compiles.
 */
const uint32_t		 JIT_AFTER = 1;
std::atomic<uint32_t>	 jit_uses{ JIT_AFTER };

pcre2_code *
jit_compile(const compiled &pc)
{
	pcre2_code *copy = pcre2_code_copy(pc.code);

	if (copy == nullptr)
		return nullptr;
	if (pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(copy);
		return nullptr;
	}
	pc.jitted.store(copy, std::memory_order_release);
	return copy;
}

/* An expression PCRE2 does not match is Boost's from the start: compile
 * it now, so that one Boost cannot read fails the definition's loading
 * (with the library's boost::regex_error) as it always did. */
void
boost_reads(const std::string &expr)
{
	boost::regex check(expr);
}

using hlpcre::NO_MEMO;
std::atomic<size_t>	 rule_ids, made, on_boost, boost_built;

/* The library's Boost rules and the PCRE2 codes, made when first
 * needed. */
std::mutex		 boost_making, compiling;

/* factory_check(): the rules whose expression is not the library's;
 * every rule is compiled as it is made. */
std::atomic<bool>	 checking;
std::atomic<size_t>	 differs;

struct match_data_free {
	void operator()(pcre2_match_data *md) const
	{
		pcre2_match_data_free(md);
	}
};
thread_local std::unique_ptr<pcre2_match_data, match_data_free> mdata;
thread_local uint32_t	 mdata_pairs;

struct match_context_free {
	void operator()(pcre2_match_context *mc) const
	{
		pcre2_match_context_free(mc);
	}
};
thread_local std::unique_ptr<pcre2_match_context, match_context_free> mctx;

/* This thread's match context, for searches with an offset limit. */
pcre2_match_context *
match_context()
{
	if (mctx == nullptr) {
		mctx.reset(pcre2_match_context_create(nullptr));
		if (mctx == nullptr)
			throw std::bad_alloc();
	}
	return mctx.get();
}

/* This thread's match data, with room for `pairs' offset pairs. */
pcre2_match_data *
match_data(uint32_t pairs)
{
	if (mdata == nullptr || mdata_pairs < pairs) {
		mdata.reset(pcre2_match_data_create(pairs, nullptr));
		if (mdata == nullptr)
			throw std::bad_alloc();
		mdata_pairs = pairs;
	}
	return mdata.get();
}

/* What a rule's PCRE2 code is when PCRE2 does not read its expression. */
compiled		 refused;

/* A rule's code at first: null (to be compiled when first asked), or
 * `refused' for an expression translate() leaves to Boost, which is
 * then compiled for Boost at once. */
const compiled *
first_code(const std::string &expr)
{
	std::string pattern;
	bool uses_g;

	if (hlpcre::translate(expr, pattern, &uses_g))
		return nullptr;
	on_boost++;
	boost_reads(expr);
	return &refused;
}

/* A list or compound rule: ours, and under factory_check() compared
 * with the one the library's factory makes. */
srchilite::HighlightRule *
checked(Rule *mine, srchilite::HighlightRule *library)
{
	std::unique_ptr<Rule> r(mine);
	std::unique_ptr<srchilite::HighlightRule> l(library);

	if (l != nullptr && (l->toString() != r->toString() ||
	    l->getElemList() != r->getElemList()))
		differs++;
	r->set_classes();
	return r.release();
}

} // namespace

namespace hlpcre {

Rule::Rule(const std::string &name, const std::string &e) :
    HighlightRule(name), expr(e), code(first_code(e)), id(rule_ids++)
{
	made++;
	set_classes();
	if (checking)
		(void)pcre();
}

Rule::Rule(const std::string &e) :
    expr(e), code(first_code(e)), id(rule_ids++)
{
	made++;
	if (checking)
		(void)pcre();
}

/* A copy, for a state whose rules refer to a match's groups: its
 * expression is about to change, so nothing compiled is shared. */
Rule::Rule(const Rule &other) :
    HighlightRule(other), expr(other.expr),
    code(other.code.load() == &refused ? &refused : nullptr), id(NO_MEMO),
    elem_classes(other.elem_classes)
{
}

Rule::~Rule()
{
	const compiled *c = code.load();

	if (c != &refused)
		delete c;
	delete boost.load();
}

/* The expression compiled by PCRE2, compiled the first time it is asked
 * for: most rules of a definition are never tried (those of states a
 * document never enters), and compiling them all was most of loading
 * a definition.  Null when Boost must match the expression. */
const compiled *
Rule::first_pcre()
{
	const compiled *c = code.load(std::memory_order_acquire);

	if (c != nullptr)
		return c != &refused ? c : nullptr;
	std::lock_guard<std::mutex> g(compiling);
	if ((c = code.load(std::memory_order_relaxed)) == nullptr) {
		c = compile(expr, id != NO_MEMO).release();
		if (c == nullptr) {
			on_boost++;
			c = &refused;
		}
		code.store(c, std::memory_order_release);
	}
	return c != &refused ? c : nullptr;
}

void
Rule::set_classes()
{
	elem_classes.clear();
	for (const std::string &e : getElemList())
		elem_classes.push_back((int8_t)element_class(e));
}

uint32_t
Rule::groups() const
{
	const compiled *c = code.load(std::memory_order_acquire);

	return c != nullptr ? c->groups : 0;
}

/* The library's own rule for this one: same expression, elements and
 * subexpressions, so its answers are the library's. */
srchilite::RegexHighlightRule &
Rule::boost_rule()
{
	srchilite::RegexHighlightRule *b = boost.load(
	    std::memory_order_acquire);

	if (b != nullptr)
		return *b;
	std::lock_guard<std::mutex> g(boost_making);
	if ((b = boost.load(std::memory_order_relaxed)) == nullptr) {
		std::unique_ptr<srchilite::RegexHighlightRule> r(
		    new srchilite::RegexHighlightRule(expr));

		for (const std::string &e : getElemList())
			r->addElem(e);
		r->setHasSubexpressions(getHasSubexpressions());
		b = r.release();
		boost.store(b, std::memory_order_release);
		boost_built++;
	}
	return *b;
}

bool
Rule::boost_match(std::string::const_iterator start,
    std::string::const_iterator end, srchilite::HighlightToken &token,
    const srchilite::MatchingParameters &params)
{
	return boost_rule().tryToMatch(start, end, token, params);
}

void
Rule::replaceReferences(const srchilite::ReplacementList &rep)
{
	const compiled *c;

	expr = srchilite::RegexPreProcessor::replace_references(expr, rep);
	if ((c = code.exchange(first_code(expr))) != &refused)
		delete c;
	delete boost.exchange(nullptr);
}

srchilite::HighlightRule *
Rule::clone()
{
	return new Rule(*this);
}

/* The library's interface: its own rule answers. */
bool
Rule::tryToMatch(std::string::const_iterator start,
    std::string::const_iterator end, srchilite::HighlightToken &token,
    const srchilite::MatchingParameters &params)
{
	return boost_match(start, end, token, params);
}

outcome
search(const compiled &pc, const char *subject, size_t n, uint32_t opts,
    size_t limit, size_t shift, std::vector<size_t> &ov)
{
	pcre2_match_data *md = match_data(pc.groups + 1);
	pcre2_match_context *mc = nullptr;
	int rc;

	if (limit != PCRE2_UNSET) {
		mc = match_context();
		pcre2_set_offset_limit(mc, limit);
	}
	/* The JIT's own entry skips pcre2_match's checks of its
	 * arguments, which are quire's and sound. */
	pcre2_code *jitted = pc.jitted.load(std::memory_order_acquire);
	uint32_t after = jit_uses.load(std::memory_order_relaxed);
	if (jitted == nullptr && pc.want_jit && after != 0 &&
	    pc.uses.fetch_add(1, std::memory_order_relaxed) + 1 >= after &&
	    !pc.jit_tried.exchange(true))
		jitted = jit_compile(pc);
	if (jitted != nullptr)
		rc = pcre2_jit_match(jitted, (PCRE2_SPTR)subject, n, 0, opts,
		    md, mc);
	else
		rc = pcre2_match(pc.code, (PCRE2_SPTR)subject, n, 0, opts, md,
		    mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return NONE;
	if (rc <= 0)
		return UNSURE;
	const PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
	size_t pairs = (size_t)pc.groups + 1, set = 2 * (size_t)rc;
	ov.resize(2 * pairs);
	for (size_t i = 0; i < 2 * pairs; i++)
		ov[i] = i < set && v[i] != PCRE2_UNSET ? v[i] + shift :
		    SIZE_MAX;
	return FOUND;
}

void
jit_after(uint32_t n)
{
	jit_uses = n;
}

size_t
rules_numbered()
{
	return rule_ids.load();
}

/*
 * The factory.  The library's own factory builds a list rule's
 * expression and compiles it for Boost at once; the expression is built
 * here the same way (RegexRuleFactory in Source-highlight 3.1.9: the
 * words joined by '|', made case-insensitive by the library's own
 * preprocessor when asked, in a non-marking group, between \< and \>
 * for a word list) and nothing is compiled for Boost.  factory_check()
 * compares the two for the unit tests, over every definition.
 */
srchilite::HighlightRule *
RuleFactory::createSimpleRule(const std::string &name, const std::string &s)
{
	return new Rule(name, s);
}

/* The alternatives of a list, as the library's factory writes them. */
static std::string
alternatives(const srchilite::WordList &list, bool caseSensitive)
{
	std::string alt = srchilite::toStringCollection(list, '|');

	if (!caseSensitive)
		alt = srchilite::RegexPreProcessor::make_nonsensitive(alt);
	return alt;
}

srchilite::HighlightRule *
RuleFactory::createWordListRule(const std::string &name,
    const srchilite::WordList &list, bool caseSensitive)
{
	return checked(new Rule(name, "\\<(?:" +
	    alternatives(list, caseSensitive) + ")\\>"),
	    checking ? RegexRuleFactory::createWordListRule(name, list,
	    caseSensitive) : nullptr);
}

srchilite::HighlightRule *
RuleFactory::createListRule(const std::string &name,
    const srchilite::WordList &list, bool caseSensitive)
{
	return checked(new Rule(name, "(?:" +
	    alternatives(list, caseSensitive) + ")"),
	    checking ? RegexRuleFactory::createListRule(name, list,
	    caseSensitive) : nullptr);
}

srchilite::HighlightRule *
RuleFactory::createCompoundRule(const srchilite::ElemNameList &names,
    const std::string &rep)
{
	Rule *r = new Rule(rep);

	for (const std::string &e : names)
		r->addElem(e);
	return checked(r, checking ?
	    RegexRuleFactory::createCompoundRule(names, rep) : nullptr);
}

bool
pcre_reads(const std::string &boost)
{
	return compile(boost, false) != nullptr;
}

counts
rule_counts()
{
	return { made.load(), on_boost.load(), boost_built.load() };
}

void
factory_check(bool on)
{
	checking = on;
}

size_t
factory_differs()
{
	return differs.load();
}

} // namespace hlpcre
