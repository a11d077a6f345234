// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre.cc - Source-highlight's rules matched with PCRE2's JIT
 * (see highlight_pcre.h).
 *
 * Matching was nearly all of highlighting's cost, and nearly all of that
 * was Boost.Regex.  A rule here holds the expression the library's
 * factory would give its own Boost rule, compiled by PCRE2 and
 * JIT-compiled.  Its answers are the library's (read from
 * Source-highlight 3.1.9's RegexHighlightRule): search the rest of the
 * line from `start', the start not a line's beginning once something
 * was matched on the line, nothing before `start' visible; the token
 * gets the text before the match, whether that is only blanks, the
 * subexpressions' texts when the rule needs them, and the matched text
 * by element.
 *
 * Boost answers instead where the engines might differ: an expression
 * translate() leaves to it, a line holding a byte Boost takes for a line
 * separator (CR, FF, VT, 0x85: PCRE2 would see only LF, and no line
 * has one), a match PCRE2 gives up on (its JIT stack or match limit),
 * and any line not given through begin_line().  Then the library's own
 * rule, with the same expression and elements, answers.  It is built
 * the first time it is needed: compiling every rule's expression for
 * Boost as well as for PCRE2 was a third of loading a definition, and
 * for a short document loading is most of highlighting.  An expression
 * PCRE2 refuses is compiled for Boost at once, so a definition Boost
 * cannot read fails to load as it did.
 *
 * The library tries every rule of the current state at every token and
 * takes the earliest match, so each rule searches the rest of the line
 * again after every token: quadratic in a line's tokens.  A thread
 * remembers, per rule, where its last search on the current line
 * started and what it found.  A search from a later start s, not at the
 * line's beginning, gives the same answer at every position the pattern
 * cannot see before s from: PCRE2 reports how far back a pattern looks
 * (lookbehinds, and one character for \b, \B and \A), and only the
 * positions within that distance of s are tried again, anchored.  So a
 * rule whose last search found its match at m >= s + lookbehind (or
 * found nothing) has its answer without a search.  \G, which matches
 * where a search starts, turns this off for its rule.
 */
#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <srchilite/highlighttoken.h>
#include <srchilite/matchingparameters.h>
#include <srchilite/regexpreprocessor.h>
#include <srchilite/tostringcollection.h>

#include "read/highlight_pcre.h"

namespace hlpcre {

/* An expression compiled by PCRE2, shared by a rule and its copies. */
struct compiled {
	pcre2_code	*code = nullptr;
	uint32_t	 groups = 0;		/* capturing groups */
	uint32_t	 lookbehind = 0;	/* characters looked back at */
	bool		 memo = false;		/* may be remembered */
	bool		 jit = false;		/* JIT-compiled */
	bool		 empty = true;		/* may match "" */
	std::bitset<256> starts;		/* bytes a match may start with */

	~compiled() { pcre2_code_free(code); }
};

} // namespace hlpcre

namespace {

using hlpcre::Rule;
using hlpcre::compiled;

/* The bytes a match of c may start with, as PCRE2's own study of the
 * pattern found them (its first code unit, in either case, or its
 * table of starting bytes); every byte when it found none, or when the
 * pattern may match the empty string. */
void
starting_bytes(compiled &c)
{
	uint32_t empty = 1, type = 0, unit;
	const uint8_t *map = nullptr;

	c.starts.set();
	if (pcre2_pattern_info(c.code, PCRE2_INFO_MATCHEMPTY, &empty) != 0 ||
	    pcre2_pattern_info(c.code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return;
	c.empty = empty != 0;
	if (c.empty)
		return;
	if (type == 1 && pcre2_pattern_info(c.code,
	    PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
		c.starts.reset();
		c.starts.set(unit);
		if (unit < 128 && std::isalpha((int)unit))
			c.starts.set((size_t)(std::islower((int)unit) ?
			    std::toupper((int)unit) : std::tolower((int)unit)));
	} else if (type == 0 && pcre2_pattern_info(c.code,
	    PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map != nullptr) {
		for (size_t b = 0; b < 256; b++)
			c.starts.set(b, (map[b / 8] >> (b % 8)) & 1);
	}
}

/* Compile a Boost expression for PCRE2; null when Boost must match it.
 * Rules made once per language are JIT-compiled; the copies made for
 * each dynamic back-reference are not, as they match only a little. */
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
	if (jit)
		c->jit = pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
	return c;
}

/* An expression PCRE2 does not match is Boost's from the start: compile
 * it now, so that one Boost cannot read fails the definition's loading
 * (with the library's boost::regex_error) as it always did. */
void
boost_reads(const std::string &expr)
{
	boost::regex check(expr);
}

/* The line being read on this thread, and a number that tells its
 * lines apart for the memory below. */
struct line_ctx {
	const std::string	*str = nullptr;
	const char		*subject = nullptr;	/* its copy, padded */
	bool			 plain = false;	/* no separator byte */
	uint64_t		 gen = 0;
};
thread_local line_ctx	 cur;
thread_local uint64_t	 generation;

/* PCRE2's JIT reads the subject a vector at a time, and may read a few
 * bytes on either side of it (within the page: harmless, but valgrind
 * rightly calls it reading outside the string).  It matches a copy of
 * the line with zeroed bytes around it instead. */
const size_t		 PAD = 64;
thread_local std::vector<char> padded;

/* A rule's last search on the current line. */
struct memo_entry {
	uint64_t		 gen = 0;	/* 0: none */
	size_t			 from = 0;	/* where it started */
	bool			 found = false;
	std::vector<size_t>	 ov;		/* its groups, in the line */
};
thread_local std::vector<memo_entry> memos;
/* A match not remembered (a copy's, or one found anchored). */
thread_local std::vector<size_t> scratch;

/* Rules that may be remembered are numbered; copies are not. */
const size_t		 NO_MEMO = SIZE_MAX;
const size_t		 MEMO_RULES = 1 << 16;
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

bool
separator(unsigned char c)
{
	return c == '\r' || c == '\f' || c == '\v' || c == 0x85;
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
Rule::pcre()
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

/* Search line[s, n) from its offset at (relative to s), into ov (in the
 * line's offsets). */
Rule::outcome
Rule::search(const compiled *pc, size_t s, uint32_t opts, size_t limit,
    const char *line, size_t n, std::vector<size_t> &ov) const
{
	pcre2_match_data *md = match_data(pc->groups + 1);
	pcre2_match_context *mc = nullptr;
	int rc;

	if (limit != PCRE2_UNSET) {
		mc = match_context();
		pcre2_set_offset_limit(mc, limit);
	}
	/* The JIT's own entry skips pcre2_match's checks of its
	 * arguments, which are quire's and sound. */
	if (pc->jit)
		rc = pcre2_jit_match(pc->code, (PCRE2_SPTR)(line + s), n - s,
		    0, opts, md, mc);
	else
		rc = pcre2_match(pc->code, (PCRE2_SPTR)(line + s), n - s, 0,
		    opts, md, mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return NONE;
	if (rc <= 0)
		return UNSURE;
	const PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
	ov.resize(2 * ((size_t)pc->groups + 1));
	for (size_t i = 0; i < ov.size(); i++)
		ov[i] = i < 2 * (size_t)rc && v[i] != PCRE2_UNSET ?
		    v[i] + s : SIZE_MAX;
	return FOUND;
}

/* Whether a match of pc may start in line[s, stop) (n: the line's
 * length, where only an empty match can start). */
static bool
may_start(const compiled &pc, const char *line, size_t n, size_t s,
    size_t stop)
{
	for (size_t p = s; p < stop; p++)
		if (p == n ? pc.empty : pc.starts[(unsigned char)line[p]])
			return true;
	return false;
}

/* The earliest match in the line from s, as Boost would find it; ov
 * points at its groups when found. */
Rule::outcome
Rule::find(const compiled *pc, size_t s, bool bol, std::vector<size_t> *&ov)
{
	const char *line = cur.subject;
	size_t n = cur.str->size();
	uint32_t opts = bol ? 0 : PCRE2_NOTBOL;
	memo_entry *m = nullptr;

	if (pc->memo && id < memos.size())
		m = &memos[id];
	if (m != nullptr && m->gen == cur.gen && !bol && m->from <= s &&
	    (!m->found || m->ov[0] >= s)) {
		/* Only where the pattern can see before s from may the
		 * answer differ: search there first, no further. */
		size_t last = m->found ? m->ov[0] : n + 1;
		size_t near = s + pc->lookbehind;
		size_t stop = std::min(std::min(near, last), n + 1);

		if (may_start(*pc, line, n, s, stop)) {
			outcome o = search(pc, s, opts, stop - 1 - s, line, n,
			    scratch);
			if (o != NONE) {
				m->gen = 0;
				ov = &scratch;
				return o;
			}
		}
		if (!m->found || m->ov[0] >= near) {
			m->from = s;
			ov = &m->ov;
			return m->found ? FOUND : NONE;
		}
	}
	ov = m != nullptr ? &m->ov : &scratch;
	outcome o = search(pc, s, opts, PCRE2_UNSET, line, n, *ov);
	if (m != nullptr) {
		m->gen = o == UNSURE ? 0 : cur.gen;
		m->from = s;
		m->found = o == FOUND;
	}
	return o;
}

Rule::outcome
Rule::quick(size_t s, bool bol, const size_t **ov)
{
	const compiled *pc;
	std::vector<size_t> *v;

	if (cur.str == nullptr || !cur.plain || s > cur.str->size() ||
	    (pc = pcre()) == nullptr)
		return UNSURE;
	outcome o = find(pc, s, bol, v);
	if (o == FOUND)
		*ov = v->data();
	return o;
}

/* The token for a match, as the library's Boost rule makes it. */
void
Rule::fill(const compiled *pc, srchilite::HighlightToken &token, size_t s,
    const std::vector<size_t> &ov) const
{
	const std::string &line = *cur.str;
	const srchilite::ElemList &elems = getElemList();

	/* The library's rule also copies the rest of the line into
	 * token.suffix; nothing reads it (SourceHighlighter uses the
	 * prefix, the matched texts and the subexpressions, and quire
	 * listens to no highlighting events), and it is a copy of up to a
	 * line for every rule at every token, so it stays empty. */
	token.prefix.assign(line, s, ov[0] - s);
	token.prefixOnlySpaces = token.prefix.find_first_not_of(" \t") ==
	    std::string::npos;
	if (getHasSubexpressions())
		for (size_t i = 1; i <= pc->groups; i++)
			token.matchedSubExps.push_back(ov[2 * i] ==
			    SIZE_MAX ? std::string() :
			    line.substr(ov[2 * i], ov[2 * i + 1] - ov[2 * i]));
	if (elems.size() > 1) {
		for (size_t i = 1; i <= pc->groups && i <= elems.size(); i++)
			if (ov[2 * i] != SIZE_MAX)
				token.addMatched(elems[i - 1], line.substr(
				    ov[2 * i], ov[2 * i + 1] - ov[2 * i]));
	} else {
		token.addMatched(elems[0], line.substr(ov[0], ov[1] - ov[0]));
	}
}

bool
Rule::tryToMatch(std::string::const_iterator start,
    std::string::const_iterator end, srchilite::HighlightToken &token,
    const srchilite::MatchingParameters &params)
{
	const compiled *pc;

	if (cur.str == nullptr || !cur.plain || end != cur.str->cend() ||
	    start < cur.str->cbegin() || start > end ||
	    (pc = pcre()) == nullptr)
		return boost_match(start, end, token, params);

	size_t s = (size_t)(start - cur.str->cbegin());
	std::vector<size_t> *ov;
	outcome o = find(pc, s, params.beginningOfLine, ov);

	if (o == UNSURE)
		return boost_match(start, end, token, params);
	if (o == NONE)
		return false;
	fill(pc, token, s, *ov);
	return true;
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

void
begin_line(const std::string *line)
{
	cur.str = line;
	cur.plain = true;
	for (unsigned char c : *line)
		if (separator(c)) {
			cur.plain = false;
			break;
		}
	padded.assign(PAD + line->size() + PAD, '\0');
	std::copy(line->begin(), line->end(), padded.begin() + PAD);
	cur.subject = padded.data() + PAD;
	cur.gen = ++generation;
	/* Every rule this line can meet was made before it began. */
	size_t ids = std::min(rule_ids.load(), MEMO_RULES);
	if (memos.size() < ids)
		memos.resize(ids);
}

void
end_line()
{
	cur.str = nullptr;
	cur.subject = nullptr;
	cur.plain = false;
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
