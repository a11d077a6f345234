// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_drive.cc - quire's own driver over a Source-highlight
 * automaton (see highlight_drive.h).
 *
 * What the library does, and so what this does, for one line:
 *
 *  - From the line's start s = 0, with "beginning of line" true, ask
 *    each rule of the current state, in order, for its earliest match in
 *    the rest of the line.  A rule's answer is best when it is the first
 *    or starts earlier than the best so far, or at the same place and is
 *    longer (its length: the whole match for a rule of one element, the
 *    sum of its matched groups for a rule of several).  A best answer
 *    with only blanks (space, tab) before it ends the asking.
 *  - No answer: the rest of the line, if any, is the state's default
 *    element, and the line is done.  Otherwise the text before the match
 *    is the default element, and each matched part follows in turn,
 *    placed one after another from the match's start.  Once a token of
 *    some length was matched, the line is no longer at its beginning.
 *  - The rule's next state (or, for a nested rule, the current one
 *    again; a state whose rules refer to the start's groups is copied
 *    with them filled in) is entered; or else the rule exits as many
 *    states as it says (all, when negative).  s moves past the text
 *    before the match and the match, and the next token is looked for,
 *    even at the line's end (rules matching the end rely on it).
 *
 * The library's formatters skip empty strings; plain elements (those
 * elements[] does not list) give no span.
 *
 * Asking every rule at every token searches the rest of the line again
 * and again: quadratic in a line's tokens.  A thread remembers, per
 * rule, where its last search on the current line started and what it
 * found.  A search from a later start s, not at the line's beginning,
 * gives the same answer at every position the pattern cannot see before
 * s from: PCRE2 reports how far back a pattern looks (lookbehinds, and
 * one character for \b, \B and \A), and only a match starting within
 * that distance of s is looked for again, with a search that may start
 * no further (an offset limit), and only where one of the bytes there
 * can start a match.  So a rule whose last search found its match at
 * m >= s + lookbehind (or found nothing) has its answer without a
 * search.  \G, which matches where a search starts, turns this off for
 * its rule.  A search from a line's beginning is always made afresh,
 * and a rule none of whose starting bytes (or none of whose required
 * bytes) the line holds is not searched at all.
 *
 * PCRE2 reads a line unless it holds a byte Boost takes for a line
 * separator (CR, FF, VT, 0x85: PCRE2 would see only LF, and no line
 * has one); then, and for an expression PCRE2 does not read or a search
 * it gives up on, the library's own rule answers with Boost.
 */
#include <algorithm>
#include <bitset>
#include <cstdint>
#include <stdexcept>
#include <typeinfo>

#include <srchilite/matchingparameters.h>

#include "read/highlight_drive.h"

namespace hldrive {

const element elements[] = {
	{ "keyword", CC_KEYWORD },
	{ "type", CC_TYPE }, { "usertype", CC_TYPE },
	{ "classname", CC_TYPE }, { "attribute", CC_TYPE },
	{ "selector", CC_TYPE },
	{ "string", CC_STRING }, { "regexp", CC_STRING },
	{ "valquote", CC_STRING },
	{ "number", CC_NUMBER },
	{ "comment", CC_COMMENT }, { "todo", CC_COMMENT },
	{ "url", CC_COMMENT },
	{ "preproc", CC_PREPROC }, { "label", CC_PREPROC },
	{ "difflines", CC_PREPROC },
	{ "function", CC_FUNCTION }, { "predef_func", CC_FUNCTION },
	{ "section", CC_FUNCTION },
	{ "symbol", CC_OPERATOR }, { "cbracket", CC_OPERATOR },
	{ "paren", CC_OPERATOR }, { "colon", CC_OPERATOR },
	{ "variable", CC_VARIABLE }, { "property", CC_VARIABLE },
	{ "key", CC_VARIABLE }, { "keyquote", CC_VARIABLE },
	{ "specialchar", CC_CONSTANT }, { "value", CC_CONSTANT },
	{ "atom", CC_CONSTANT }, { "predef_var", CC_CONSTANT },
	{ "costant", CC_CONSTANT },	/* sic, in some definitions */
	{ "newfile", CC_INSERTED },
	{ "oldfile", CC_DELETED },
};
const size_t n_elements = sizeof(elements) / sizeof(elements[0]);

/* A definition that matches nothing again and again without moving on
 * would keep the library reading one line for ever; this many steps
 * for a line of n bytes ends it with an error instead. */
static size_t
step_limit(size_t n)
{
	return 16 * (n + 1) + 1024;
}

/* A rule's last search on the current line. */
struct memo_entry {
	uint64_t		 gen = 0;	/* the line's; 0: none */
	size_t			 from = 0;	/* where it started */
	size_t			 at = 0;	/* where its match starts */
	bool			 found = false;
	std::vector<size_t>	 ov;		/* its groups, in the line */
};

/* Rules beyond this many numbers are not remembered. */
const size_t		 MEMO_RULES = 1 << 16;

/* PCRE2's JIT reads the subject a vector at a time, and may read a few
 * bytes on either side of it (within the page: harmless, but valgrind
 * rightly calls it reading outside the string).  It matches a copy of
 * the line with zeroed bytes around it instead. */
const size_t		 PAD = 64;

/* The line a thread reads, and its rules' searches on it. */
struct line_ctx {
	std::vector<char>	 padded;
	const char		*subject = nullptr;	/* in padded */
	size_t			 n = 0;
	bool			 plain = false;	/* no separator byte */
	uint64_t		 gen = 0;	/* tells lines apart */
	std::bitset<256>	 bytes;		/* those the line holds */
	std::vector<size_t>	 nonblank;	/* first non-blank from i */
	std::vector<memo_entry>	 memos;		/* by rule number */
	std::vector<size_t>	 scratch;	/* a match not remembered */

	void	begin(const std::string &text);
};
thread_local line_ctx	 lines;

static bool
separator(unsigned char c)
{
	return c == '\r' || c == '\f' || c == '\v' || c == 0x85;
}

void
line_ctx::begin(const std::string &text)
{
	n = text.size();
	plain = true;
	bytes.reset();
	for (unsigned char c : text) {
		bytes.set(c);
		if (separator(c))
			plain = false;
	}
	padded.assign(PAD + n + PAD, '\0');
	std::copy(text.begin(), text.end(), padded.begin() + PAD);
	subject = padded.data() + PAD;
	gen++;
	nonblank.resize(n + 1);
	nonblank[n] = n;
	for (size_t i = n; i-- > 0; )
		nonblank[i] = text[i] == ' ' || text[i] == '\t' ?
		    nonblank[i + 1] : i;
	/* Every rule this line can meet was numbered before it began. */
	size_t ids = std::min(hlpcre::rules_numbered(), MEMO_RULES);
	if (memos.size() < ids)
		memos.resize(ids);
}

Driver::Driver(srchilite::HighlightStatePtr automaton) :
    main(automaton), cur(automaton), lc(&lines)
{
}

/* A state's rules, from those remembered or listed now. */
const Driver::rules &
Driver::rules_of(const srchilite::HighlightStatePtr &st)
{
	for (const rules &k : known)
		if (k.state == st)
			return k;
	rules &k = known[known_next];
	known_next = (known_next + 1) % STATES;
	k.state = st;
	k.all.clear();
	k.ours.clear();
	for (const srchilite::HighlightRulePtr &rp : st->getRuleList()) {
		srchilite::HighlightRule *r = rp.get();

		k.all.push_back(r);
		k.ours.push_back(typeid(*r) == typeid(hlpcre::Rule) ?
		    static_cast<hlpcre::Rule *>(r) : nullptr);
	}
	k.dflt_cls = hlpcre::element_class(st->getDefaultElement());
	return k;
}

/* Whether a match of pc may start in the line's [s, stop) (at its end,
 * only an empty one). */
static bool
may_start(const hlpcre::compiled &pc, const line_ctx &lc, size_t s,
    size_t stop)
{
	for (size_t p = s; p < stop; p++)
		if (p == lc.n ? pc.empty :
		    pc.starts[(unsigned char)lc.subject[p]])
			return true;
	return false;
}

/* The earliest match of r in the line from s, as the library's rule
 * would find it (see the top of this file); *ov gets its groups. */
hlpcre::outcome
Driver::answer(hlpcre::Rule &r, size_t s, bool bol, const size_t **ov)
{
	const hlpcre::compiled *pc = r.pcre();
	size_t id = r.memo_id(), n = lc->n;
	uint32_t opts = bol ? 0 : PCRE2_NOTBOL;
	memo_entry *m = nullptr;

	if (pc == nullptr || !lc->plain)
		return hlpcre::UNSURE;
	if (pc->memo && id < lc->memos.size())
		m = &lc->memos[id];
	if (m != nullptr && m->gen == lc->gen && !bol && m->from <= s &&
	    (!m->found || m->at >= s)) {
		size_t last = m->found ? m->at : n + 1;
		size_t near = s + pc->lookbehind;
		size_t stop = std::min(std::min(near, last), n + 1);

		if (may_start(*pc, *lc, s, stop)) {
			hlpcre::outcome o = hlpcre::search(*pc, lc->subject +
			    s, n - s, opts, stop - 1 - s, s, lc->scratch);
			if (o != hlpcre::NONE) {
				m->gen = 0;
				*ov = lc->scratch.data();
				return o;
			}
		}
		if (!m->found || m->at >= near) {
			m->from = s;
			*ov = m->ov.data();
			return m->found ? hlpcre::FOUND : hlpcre::NONE;
		}
	}
	std::vector<size_t> &out = m != nullptr ? m->ov : lc->scratch;
	hlpcre::outcome o = hlpcre::NONE;
	if (pc->empty || ((pc->starts & lc->bytes).any() &&
	    (pc->needs & lc->bytes).any()))
		o = hlpcre::search(*pc, lc->subject + s, n - s, opts,
		    PCRE2_UNSET, s, out);
	if (m != nullptr) {
		m->gen = o == hlpcre::UNSURE ? 0 : lc->gen;
		m->from = s;
		m->found = o == hlpcre::FOUND;
		if (m->found)
			m->at = out[0];
	}
	*ov = out.data();
	return o;
}

/* What the library's own rule answers (a line PCRE2 does not read, an
 * expression it leaves to Boost): the token, as best if it is; whether
 * the asking ends here. */
bool
Driver::library_answer(srchilite::HighlightRule *r, hlpcre::Rule *ours,
    const std::string &text, size_t s, bool bol, bool first)
{
	srchilite::MatchingParameters params;
	bool m;

	params.beginningOfLine = bol;
	tmp = srchilite::HighlightToken();
	m = ours != nullptr ? ours->boost_match(text.begin() + (long)s,
	    text.end(), tmp, params) : r->tryToMatch(text.begin() + (long)s,
	    text.end(), tmp, params);
	if (!m)
		return false;
	if (!first && !(tmp.prefix.size() < b.prefix ||
	    (tmp.prefix.size() == b.prefix && tmp.matchedSize > b.size)))
		return false;
	b.rule = r;
	b.ours = nullptr;
	b.prefix = tmp.prefix.size();
	b.size = tmp.matchedSize;
	b.token = tmp;
	return true;
}

/* The length the library gives a rule's match: the whole match, or the
 * sum of the groups that matched for a rule of several elements. */
static size_t
matched_size(const hlpcre::Rule &r, const size_t *ov)
{
	size_t elems = r.classes().size(), size = 0;

	if (elems <= 1)
		return ov[1] - ov[0];
	for (size_t i = 1; i <= r.groups() && i <= elems; i++)
		if (ov[2 * i] != SIZE_MAX)
			size += ov[2 * i + 1] - ov[2 * i];
	return size;
}

/* The library's HighlightState::findBestMatch over rs, into b. */
bool
Driver::best_match(const std::string &text, const rules &rs, size_t s,
    bool bol)
{
	bool first = true;

	for (size_t i = 0; i < rs.all.size(); i++) {
		hlpcre::Rule *ours = rs.ours[i];
		const size_t *ov = nullptr;
		hlpcre::outcome o = ours != nullptr ?
		    answer(*ours, s, bol, &ov) : hlpcre::UNSURE;

		if (o == hlpcre::NONE)
			continue;
		if (o == hlpcre::UNSURE) {
			if (!library_answer(rs.all[i], ours, text, s, bol,
			    first))
				continue;
			first = false;
			if (b.token.prefixOnlySpaces)
				break;
			continue;
		}
		size_t prefix = ov[0] - s, size = matched_size(*ours, ov);

		if (!first && !(prefix < b.prefix ||
		    (prefix == b.prefix && size > b.size)))
			continue;
		first = false;
		b.rule = rs.all[i];
		b.ours = ours;
		b.prefix = prefix;
		b.size = size;
		b.ov.assign(ov, ov + 2 * ((size_t)ours->groups() + 1));
		if (lc->nonblank[s] >= ov[0])
			break;
	}
	return !first;
}

/* The matched parts of b, one after another from at. */
void
Driver::emit_matched(size_t at, size_t n, span_fn *fn, void *arg)
{
	auto put = [&](size_t len, int cls) {
		if (len > 0 && cls >= 0 && at <= n && len <= n - at)
			fn(arg, at, len, (enum code_class)cls);
		at += len;
	};

	if (b.ours == nullptr) {
		for (const auto &m : b.token.matched)
			put(m.second.size(), hlpcre::element_class(m.first));
		return;
	}
	const std::vector<int8_t> &cls = b.ours->classes();
	const size_t *ov = b.ov.data();

	if (cls.size() == 1) {
		put(ov[1] - ov[0], cls[0]);
		return;
	}
	for (size_t i = 1; i <= b.ours->groups() && i <= cls.size(); i++)
		if (ov[2 * i] != SIZE_MAX)
			put(ov[2 * i + 1] - ov[2 * i], cls[i - 1]);
}

/* The texts of b's groups, for a state that refers to them; empty
 * unless the rule keeps them (as the library's token). */
srchilite::ReplacementList
Driver::subexps(const std::string &text) const
{
	srchilite::ReplacementList list;

	if (b.ours == nullptr)
		return b.token.matchedSubExps;
	if (!b.rule->getHasSubexpressions())
		return list;
	for (size_t i = 1; i <= b.ours->groups(); i++)
		list.push_back(b.ov[2 * i] == SIZE_MAX ? std::string() :
		    text.substr(b.ov[2 * i], b.ov[2 * i + 1] - b.ov[2 * i]));
	return list;
}

/* Leave level states; the library would read past its stack's bottom
 * where this throws. */
void
Driver::exit_states(int level)
{
	for (int l = 1; l < level; l++) {
		if (stack.empty())
			throw std::runtime_error("a rule exits more states "
			    "than were entered");
		stack.pop_back();
	}
	if (stack.empty())
		throw std::runtime_error("a rule exits more states than "
		    "were entered");
	cur = stack.back();
	stack.pop_back();
}

/* The library's SourceHighlighter::getNextState and what follows it:
 * enter b's next state, or exit the states b's rule says. */
void
Driver::next_state(const std::string &text)
{
	const srchilite::HighlightRule *r = b.rule;
	srchilite::HighlightStatePtr next = r->getNextState();

	if (r->isNested())
		next = cur;
	if (next.get() != nullptr && next->getNeedsReferenceReplacement()) {
		if (next->getOriginalState().get() != nullptr)
			next = next->getOriginalState();
		srchilite::HighlightStatePtr copy(
		    new srchilite::HighlightState(*next));
		copy->setOriginalState(next);
		copy->replaceReferences(subexps(text));
		next = copy;
	}
	if (next.get() != nullptr) {
		stack.push_back(cur);
		cur = next;
	} else if (r->getExitLevel() < 0) {
		cur = main;
		stack.clear();
	} else if (r->getExitLevel() > 0) {
		exit_states(r->getExitLevel());
	}
}

void
Driver::line(const std::string &text, span_fn *fn, void *arg)
{
	size_t n = text.size(), s = 0, steps = 0;
	bool bol = true;

	lc->begin(text);
	for (;;) {
		const rules &rs = rules_of(cur);

		if (!best_match(text, rs, s, bol)) {
			if (s < n && rs.dflt_cls >= 0)
				fn(arg, s, n - s, (enum code_class)rs.dflt_cls);
			return;
		}
		if (++steps > step_limit(n))
			throw std::runtime_error("the language definition "
			    "does not advance");
		if (b.prefix > 0 && rs.dflt_cls >= 0)
			fn(arg, s, b.prefix, (enum code_class)rs.dflt_cls);
		emit_matched(s + b.prefix, n, fn, arg);
		if (b.size > 0)
			bol = false;
		next_state(text);
		s += b.prefix + b.size;
		if (s > n)
			throw std::runtime_error("a rule's match ends past "
			    "its line");
	}
}

} // namespace hldrive

namespace hlpcre {

int
element_class(const std::string &elem)
{
	for (size_t i = 0; i < hldrive::n_elements; i++)
		if (elem == hldrive::elements[i].name)
			return hldrive::elements[i].cls;
	return -1;
}

} // namespace hlpcre
