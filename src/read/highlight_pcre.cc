// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre.cc - Source-highlight's rules matched with PCRE2's JIT
 * (see highlight_pcre.h).
 *
 * Matching was nearly all of highlighting's cost, and nearly all of that
 * was Boost.Regex.  A rule here is the library's own Boost rule (so it
 * carries every property the library gives a rule, and the Boost
 * expression is there to fall back on) with the same expression
 * compiled by PCRE2 as well, JIT-compiled.  Its tryToMatch answers as
 * the library's does (read from Source-highlight 3.1.9's
 * RegexHighlightRule): search the rest of the line from `start', the
 * start not a line's beginning once something was matched on the line,
 * nothing before `start' visible; the token gets the text before the
 * match, the text after it, whether the text before is only blanks, the
 * subexpressions' texts when the rule needs them, and the matched text
 * by element.
 *
 * Boost answers instead where the engines might differ: an expression
 * translate() leaves to it, a line holding a byte Boost takes for a line
 * separator (CR, FF, VT, 0x85: PCRE2 would see only LF, and no line
 * has one), a match PCRE2 gives up on (its JIT stack or match limit),
 * and any line not given through begin_line().
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
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <srchilite/highlighttoken.h>
#include <srchilite/matchingparameters.h>
#include <srchilite/regexhighlightrule.h>

#include "read/highlight_pcre.h"

namespace {

/* An expression compiled by PCRE2, shared by a rule and its copies. */
struct compiled {
	pcre2_code	*code = nullptr;
	uint32_t	 groups = 0;		/* capturing groups */
	uint32_t	 lookbehind = 0;	/* characters looked back at */
	bool		 memo = false;		/* may be remembered */

	~compiled() { pcre2_code_free(code); }
};

/* Compile a Boost expression for PCRE2; null when Boost must match it.
 * Rules made once per language are JIT-compiled; the copies made for
 * each dynamic back-reference are not, as they match only a little. */
std::shared_ptr<const compiled>
compile(const std::string &boost, bool jit)
{
	std::string pattern;
	bool uses_g;
	int err;
	PCRE2_SIZE erroff;

	if (!hlpcre::translate(boost, pattern, &uses_g))
		return nullptr;
	auto c = std::make_shared<compiled>();
	c->code = pcre2_compile((PCRE2_SPTR)pattern.data(), pattern.size(),
	    0, &err, &erroff, nullptr);
	if (c->code == nullptr)
		return nullptr;
	if (pcre2_pattern_info(c->code, PCRE2_INFO_CAPTURECOUNT,
	    &c->groups) != 0 ||
	    pcre2_pattern_info(c->code, PCRE2_INFO_MAXLOOKBEHIND,
	    &c->lookbehind) != 0)
		return nullptr;
	c->memo = !uses_g;
	if (jit)
		(void)pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE);
	return c;
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
	std::vector<PCRE2_SIZE>	 ov;		/* its groups, in the line */
};
thread_local std::vector<memo_entry> memos;

/* Rules that may be remembered are numbered; copies are not. */
const size_t		 NO_MEMO = SIZE_MAX;
const size_t		 MEMO_RULES = 1 << 16;
std::atomic<size_t>	 rule_ids, made, on_boost;

struct match_data_free {
	void operator()(pcre2_match_data *md) const
	{
		pcre2_match_data_free(md);
	}
};
thread_local std::unique_ptr<pcre2_match_data, match_data_free> mdata;
thread_local uint32_t	 mdata_pairs;

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

class Rule : public srchilite::RegexHighlightRule {
	std::shared_ptr<const compiled>	 pc;
	size_t				 id;

	/* The outcome of one PCRE2 call. */
	enum outcome { FOUND, NONE, FAILED };
	outcome	search(size_t s, uint32_t opts, size_t at, const char *line,
		    size_t n, std::vector<PCRE2_SIZE> &ov) const;
	outcome	find(size_t s, bool bol, std::vector<PCRE2_SIZE> &ov);
	void	fill(srchilite::HighlightToken &token, size_t s,
		    const std::vector<PCRE2_SIZE> &ov) const;

public:
	Rule(const std::string &name, const std::string &s) :
	    RegexHighlightRule(name, s), pc(compile(s, true)), id(next_id())
	{
		counted();
	}
	explicit Rule(const std::string &s) :
	    RegexHighlightRule(s), pc(compile(s, true)), id(next_id())
	{
		counted();
	}
	Rule(const Rule &) = default;

	size_t next_id() { return rule_ids++; }
	void counted() const
	{
		made++;
		if (pc == nullptr)
			on_boost++;
	}

	bool tryToMatch(std::string::const_iterator start,
	    std::string::const_iterator end,
	    srchilite::HighlightToken &token,
	    const srchilite::MatchingParameters &params) override;

	void replaceReferences(const srchilite::ReplacementList &rep) override
	{
		RegexHighlightRule::replaceReferences(rep);
		pc = compile(toString(), false);
	}

	srchilite::HighlightRule *clone() override
	{
		Rule *copy = new Rule(*this);

		copy->id = NO_MEMO;
		return copy;
	}
};

/* Search line[s, n) from its offset at (relative to s), into ov (in the
 * line's offsets). */
Rule::outcome
Rule::search(size_t s, uint32_t opts, size_t at, const char *line, size_t n,
    std::vector<PCRE2_SIZE> &ov) const
{
	pcre2_match_data *md = match_data(pc->groups + 1);
	int rc = pcre2_match(pc->code, (PCRE2_SPTR)(line + s), n - s, at,
	    opts, md, nullptr);

	if (rc == PCRE2_ERROR_NOMATCH)
		return NONE;
	if (rc <= 0)
		return FAILED;
	const PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
	ov.resize(2 * ((size_t)pc->groups + 1));
	for (size_t i = 0; i < ov.size(); i++)
		ov[i] = i < 2 * (size_t)rc && v[i] != PCRE2_UNSET ?
		    v[i] + s : PCRE2_UNSET;
	return FOUND;
}

/* The earliest match in the line from s, as Boost would find it. */
Rule::outcome
Rule::find(size_t s, bool bol, std::vector<PCRE2_SIZE> &ov)
{
	const char *line = cur.subject;
	size_t n = cur.str->size();
	uint32_t opts = bol ? 0 : PCRE2_NOTBOL;
	memo_entry *m = nullptr;

	if (pc->memo && id < MEMO_RULES) {
		if (memos.size() <= id)
			memos.resize(id + 1);
		m = &memos[id];
	}
	if (m != nullptr && m->gen == cur.gen && !bol && m->from <= s &&
	    (!m->found || m->ov[0] >= s)) {
		/* Only where the pattern can see before s from may the
		 * answer differ: try there, anchored, first. */
		size_t last = m->found ? m->ov[0] : n + 1;
		size_t near = s + pc->lookbehind;

		for (size_t p = s; p < near && p < last && p <= n; p++) {
			outcome o = search(s, opts | PCRE2_ANCHORED, p - s,
			    line, n, ov);
			if (o != NONE) {
				m->gen = 0;
				return o;
			}
		}
		if (!m->found || m->ov[0] >= near) {
			m->from = s;
			if (!m->found)
				return NONE;
			ov = m->ov;
			return FOUND;
		}
	}
	outcome o = search(s, opts, 0, line, n, ov);
	if (m != nullptr) {
		m->gen = o == FAILED ? 0 : cur.gen;
		m->from = s;
		m->found = o == FOUND;
		if (o == FOUND)
			m->ov = ov;
	}
	return o;
}

/* The token for a match, as the library's Boost rule makes it. */
void
Rule::fill(srchilite::HighlightToken &token, size_t s,
    const std::vector<PCRE2_SIZE> &ov) const
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
			    PCRE2_UNSET ? std::string() :
			    line.substr(ov[2 * i], ov[2 * i + 1] - ov[2 * i]));
	if (elems.size() > 1) {
		for (size_t i = 1; i <= pc->groups && i <= elems.size(); i++)
			if (ov[2 * i] != PCRE2_UNSET)
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
	if (pc == nullptr || cur.str == nullptr || !cur.plain ||
	    end != cur.str->cend() || start < cur.str->cbegin() ||
	    start > end)
		return RegexHighlightRule::tryToMatch(start, end, token, params);

	size_t s = (size_t)(start - cur.str->cbegin());
	thread_local std::vector<PCRE2_SIZE> ov;
	outcome o = find(s, params.beginningOfLine, ov);

	if (o == FAILED)
		return RegexHighlightRule::tryToMatch(start, end, token, params);
	if (o == NONE)
		return false;
	fill(token, s, ov);
	return true;
}

/* A rule the library's factory made, as one of ours. */
srchilite::HighlightRule *
ours(srchilite::HighlightRule *made_by_library)
{
	std::unique_ptr<srchilite::HighlightRule> r(made_by_library);
	Rule *mine = new Rule(r->toString());

	for (const std::string &e : r->getElemList())
		mine->addElem(e);
	return mine;
}

} // namespace

namespace hlpcre {

srchilite::HighlightRule *
RuleFactory::createSimpleRule(const std::string &name, const std::string &s)
{
	return new Rule(name, s);
}

srchilite::HighlightRule *
RuleFactory::createWordListRule(const std::string &name,
    const srchilite::WordList &list, bool caseSensitive)
{
	return ours(RegexRuleFactory::createWordListRule(name, list,
	    caseSensitive));
}

srchilite::HighlightRule *
RuleFactory::createListRule(const std::string &name,
    const srchilite::WordList &list, bool caseSensitive)
{
	return ours(RegexRuleFactory::createListRule(name, list,
	    caseSensitive));
}

srchilite::HighlightRule *
RuleFactory::createCompoundRule(const srchilite::ElemNameList &names,
    const std::string &rep)
{
	return ours(RegexRuleFactory::createCompoundRule(names, rep));
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
	return { made.load(), on_boost.load() };
}

} // namespace hlpcre
