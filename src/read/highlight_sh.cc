// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_sh.cc - GNU Source-highlight's library behind a C interface
 * (see highlight.h).
 *
 * The library's lower-level API is used: a LangDefManager builds the
 * matching automaton of a definition file (and caches it), with rules
 * from quire's factory (highlight_pcre.h), and quire's own driver
 * (highlight_drive.h) walks it a line at a time as the library's
 * SourceHighlighter would, handing back each token's place and class,
 * so nothing the library writes is ever parsed again.  Elements not in
 * the driver's table (and "normal" text) stay plain.  For the tests,
 * hl_boost_only() runs the library's own SourceHighlighter instead,
 * with a FormatterManager calling one Formatter per language element
 * with the token's text and its start in the line.
 *
 * Source-highlight keeps its state between lines (a comment or string
 * that spans lines), so one driver reads a whole block.  It is made
 * fresh for every block: a block never inherits the state another left
 * open.
 *
 * Blocks are tokenised on several threads at once.  Loading is not
 * safe to share (the definition parser is flex and bison's, with
 * globals, and the cache and language map are plain std::maps), so it
 * happens under one lock.  A loaded automaton is only read while it
 * runs: every rule matches with its compiled PCRE2 expression (or the
 * library's Boost rule, see highlight_pcre.h), both compiled once under
 * a lock when first needed and then safe to match from many threads,
 * with match data and the memory of a line's searches that are each
 * thread's own; a rule with back-references makes a copy of its state
 * for the driver that matched it (the copy's debugging id, a static
 * counter, is the one thing written; nothing reads it).  The drivers,
 * the formatters, which hold where tokens go, and the last error are
 * each thread's own.
 */
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include "read/highlight.h"
#include "read/highlight_drive.h"
#include "read/highlight_pcre.h"

namespace {

/* One token of a line, as a remembered line keeps it. */
struct line_token {
	uint32_t	 off, len;	/* in the line (in the block) */
	enum code_class	 cls;
};
typedef std::vector<line_token> line_tokens;

/* Where the tokens of the block being read go. */
struct sink {
	hl_token_fn	*fn;
	void		*arg;
	size_t		 line;		/* the line's offset in the block */
	size_t		 linelen;
	line_tokens	*keep;		/* the line's tokens, to remember */
};

/* One language element's formatter: it reports where its tokens are. */
class TokenFormatter : public srchilite::Formatter {
	enum code_class	 cls;
	struct sink	*out;

public:
	TokenFormatter(enum code_class c, struct sink *s) : cls(c), out(s) {}

	void format(const std::string &s,
	    const srchilite::FormatterParams *p) override
	{
		size_t start;

		/* The library counts start within the line; a token it
		 * places outside the line is dropped, not trusted. */
		if (p == nullptr || p->start < 0 || s.empty())
			return;
		start = (size_t)p->start;
		if (start > out->linelen || s.size() > out->linelen - start)
			return;
		out->fn(out->arg, out->line + start, s.size(), cls);
		if (out->keep != nullptr)
			out->keep->push_back({ (uint32_t)start,
			    (uint32_t)s.size(), cls });
	}
};

/* Plain text and the elements no class stands for. */
class PlainFormatter : public srchilite::Formatter {
public:
	void format(const std::string &,
	    const srchilite::FormatterParams *) override {}
};

/* What stays loaded between blocks: the definitions already built and
 * the language map, shared by every thread under `loading'. */
struct state {
	hlpcre::RuleFactory		 rules;
	srchilite::LangDefManager	 defs;
	std::string			 datadir;
	srchilite::LangMap		 map;

	state() : defs(&rules),
	    datadir(srchilite::Settings::retrieveDataDir()),
	    map(datadir, "lang.map")
	{
		map.open();
	}
};

/*
 * Lines already read, by definition file and text, with their tokens.
 * Matching is nearly all of the library's cost (every rule is tried at
 * every token), and code repeats its lines: closing braces, blank lines,
 * imports, the same call in one example after another.  A line that
 * starts and ends in the definition's outermost state, with nothing
 * pushed, is read the same way wherever it stands, so its tokens are
 * remembered and given again; a line inside a comment or string that
 * spans lines is always read afresh.  The memory is a thread's own and
 * forgets everything when it grows past MEMO_BYTES (texts and tokens,
 * with a guess at the map's own cost per entry).
 */
const size_t	 MEMO_BYTES = 4 << 20;
const size_t	 MEMO_ENTRY = 64;	/* the map's bytes per entry, about */
const size_t	 MEMO_LINE_MAX = 512;	/* bytes of a line remembered */

/* Whole blocks are remembered too (an install command, a manifest, a
 * signature repeated from page to page), with every token, so a block
 * seen before costs no matching at all, whatever state its lines are
 * read in. */
const size_t	 MEMO_BLOCK_MAX = 4096;	/* bytes of a block remembered */

/* The caller's callback, and the block's tokens kept as they pass. */
struct block_record {
	hl_token_fn	*fn;
	void		*arg;
	line_tokens	 toks;		/* off is in the block here */
};

void
record_token(void *arg, size_t off, size_t len, enum code_class cls)
{
	block_record *r = static_cast<block_record *>(arg);

	r->fn(r->arg, off, len, cls);
	r->toks.push_back({ (uint32_t)off, (uint32_t)len, cls });
}

/* A thread's own: where its tokens go, the formatters that send them
 * there and the lines it remembers. */
struct worker {
	struct sink			 sink;
	srchilite::FormatterManager	 formatters;
	std::unordered_map<std::string, line_tokens> memo;
	std::unordered_map<std::string, line_tokens> blocks;
	size_t				 memo_bytes = 0, block_bytes = 0;
	std::string			 key;
	std::string			 text;	/* the line being read */

	worker() : sink(), formatters(srchilite::FormatterPtr(
	    new PlainFormatter()))
	{
		for (size_t i = 0; i < hldrive::n_elements; i++)
			formatters.addFormatter(hldrive::elements[i].name,
			    srchilite::FormatterPtr(new TokenFormatter(
			    hldrive::elements[i].cls, &sink)));
	}
};

std::mutex	 loading;
state		*loaded;
bool		 broken;	/* the state could not be made: */
std::string	 broken_why = "source-highlight failed";	/* why */
thread_local std::string last_error = "no error";
thread_local std::unique_ptr<worker> mine;
thread_local bool boost_only;	/* hl_boost_only(): for tests */

/* The loaded state, made on first use; throws when the library's data
 * directory cannot be read, then at once on every later call, so a
 * missing directory is not searched for again for every block.  Called
 * with `loading' held. */
state &
get_state()
{
	if (broken)
		throw std::runtime_error(broken_why);
	if (loaded == nullptr) {
		try {
			loaded = new state();
		} catch (const std::exception &e) {
			broken = true;
			broken_why = e.what();
			throw;
		} catch (...) {
			broken = true;
			throw;
		}
	}
	return *loaded;
}

void
failed(const char *what)
{
	try {
		last_error = what != nullptr ? what : "unknown error";
	} catch (...) {
		/* No memory for the message: the old one stays. */
	}
}

/* Run f, whose exceptions become -1 and a message for hl_error(). */
template <typename F> int
guarded(F f)
{
	try {
		return f();
	} catch (const std::exception &e) {
		failed(e.what());
	} catch (...) {
		failed("source-highlight failed");
	}
	return -1;
}

/* A span the driver found, to the sink as the formatters send theirs. */
void
to_sink(void *arg, size_t off, size_t len, enum code_class cls)
{
	struct sink *out = static_cast<struct sink *>(arg);

	out->fn(out->arg, out->line + off, len, cls);
	if (out->keep != nullptr)
		out->keep->push_back({ (uint32_t)off, (uint32_t)len, cls });
}

/* Read one line of n bytes into w's sink, from memory when the same
 * line of the same definition was read before from the outermost
 * state; remember it when it is read from there and ends there. */
void
read_line(hldrive::Driver &d, worker &w, const char *langfile,
    const char *line, size_t n)
{
	struct sink &sink = w.sink;
	line_tokens toks;

	w.text.assign(line, n);
	if (n > MEMO_LINE_MAX || !d.at_top()) {
		d.line(w.text, to_sink, &sink);
		return;
	}
	w.key.assign(langfile);
	w.key.push_back('\n');
	w.key.append(line, n);
	auto hit = w.memo.find(w.key);
	if (hit != w.memo.end()) {
		for (const line_token &t : hit->second)
			sink.fn(sink.arg, sink.line + t.off, t.len, t.cls);
		return;
	}
	sink.keep = &toks;
	try {
		d.line(w.text, to_sink, &sink);
	} catch (...) {
		sink.keep = nullptr;
		throw;
	}
	sink.keep = nullptr;
	if (!d.at_top())
		return;
	size_t cost = w.key.size() + toks.size() * sizeof(line_token) +
	    MEMO_ENTRY;
	if (w.memo_bytes + cost > MEMO_BYTES) {
		w.memo.clear();
		w.memo_bytes = 0;
	}
	w.memo_bytes += cost;
	w.memo.emplace(w.key, std::move(toks));
}

/* Each line of a block, [at, at + n) without its newline, to fn, with
 * the sink told where the line stands (tokens are reported from it). */
template <typename Fn>
void
each_line(const char *text, size_t len, Fn fn)
{
	struct sink &sink = mine->sink;
	size_t at = 0;

	while (at < len) {
		const char *nl = static_cast<const char *>(
		    std::memchr(text + at, '\n', len - at));
		size_t n = nl != nullptr ? (size_t)(nl - (text + at)) :
		    len - at;

		sink.line = at;
		sink.linelen = n;
		fn(at, n);
		at += n + 1;
	}
}

/* The library's own highlighter over a block, every rule matched by
 * Boost (hl_boost_only: what the tests compare the driver with). */
void
library_block(srchilite::HighlightStatePtr automaton, const char *text,
    size_t len)
{
	srchilite::SourceHighlighter h(automaton);
	srchilite::FormatterParams params;

	/* Positions are only reported with optimisation off. */
	h.setOptimize(false);
	h.setFormatterManager(&mine->formatters);
	h.setFormatterParams(&params);
	each_line(text, len, [&](size_t at, size_t n) {
		params.start = 0;
		h.highlightParagraph(std::string(text + at, n));
	});
}

/* Tokenise a block from its definition's outermost state, its tokens
 * to fn. */
void
read_block(const char *langfile, const char *text, size_t len,
    hl_token_fn *fn, void *arg)
{
	srchilite::HighlightStatePtr automaton;

	{
		std::lock_guard<std::mutex> g(loading);
		state &st = get_state();

		automaton = st.defs.getHighlightState(st.datadir, langfile);
	}
	struct sink &sink = mine->sink;

	sink.fn = fn;
	sink.arg = arg;
	if (boost_only) {
		library_block(automaton, text, len);
		return;
	}
	hldrive::Driver d(automaton);
	each_line(text, len, [&](size_t at, size_t n) {
		read_line(d, *mine, langfile, text + at, n);
	});
}

} // namespace

extern "C" int
hl_ready(void)
{
	return guarded([] {
		std::lock_guard<std::mutex> g(loading);

		get_state();
		return 0;
	});
}

extern "C" int
hl_map_lang(const char *name, char *buf, size_t bufsize)
{
	return guarded([=] {
		std::lock_guard<std::mutex> g(loading);
		std::string file = get_state().map.getMappedFileName(name);

		if (file.empty() || file.size() >= bufsize)
			return -1;
		std::memcpy(buf, file.c_str(), file.size() + 1);
		return 0;
	});
}

extern "C" int
hl_tokenize(const char *langfile, const char *text, size_t len,
    hl_token_fn *fn, void *arg)
{
	return guarded([=] {
		if (mine == nullptr)
			mine.reset(new worker());
		if (len > MEMO_BLOCK_MAX || boost_only) {
			read_block(langfile, text, len, fn, arg);
			return 0;
		}
		std::string key(langfile);
		key.push_back('\0');
		key.append(text, len);
		auto hit = mine->blocks.find(key);
		if (hit != mine->blocks.end()) {
			for (const line_token &t : hit->second)
				fn(arg, t.off, t.len, t.cls);
			return 0;
		}
		block_record rec = { fn, arg, line_tokens() };
		read_block(langfile, text, len, record_token, &rec);
		size_t cost = key.size() + rec.toks.size() *
		    sizeof(line_token) + MEMO_ENTRY;
		if (mine->block_bytes + cost > MEMO_BYTES) {
			mine->blocks.clear();
			mine->block_bytes = 0;
		}
		mine->block_bytes += cost;
		mine->blocks.emplace(std::move(key), std::move(rec.toks));
		return 0;
	});
}

extern "C" void
hl_boost_only(int on)
{
	boost_only = on != 0;
}

extern "C" int
hl_pcre_reads(const char *boost_regex)
{
	return guarded([=] {
		return hlpcre::pcre_reads(boost_regex) ? 1 : 0;
	});
}

extern "C" void
hl_rule_counts(size_t *rules, size_t *on_boost, size_t *boost_built)
{
	hlpcre::counts c = hlpcre::rule_counts();

	*rules = c.rules;
	*on_boost = c.on_boost;
	*boost_built = c.boost_built;
}

extern "C" void
hl_factory_check(int on)
{
	hlpcre::factory_check(on != 0);
}

extern "C" size_t
hl_factory_differs(void)
{
	return hlpcre::factory_differs();
}

extern "C" void
hl_jit_after(unsigned n)
{
	hlpcre::jit_after(n);
}

extern "C" const char *
hl_error(void)
{
	return last_error.c_str();
}

extern "C" void
hl_release(void)
{
	std::lock_guard<std::mutex> g(loading);

	mine.reset();
	delete loaded;
	loaded = nullptr;
}
