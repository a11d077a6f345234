// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * sh.cc - time GNU Source-highlight on the fenced code blocks of a
 * Markdown file, driven as src/read/highlight_sh.cc drives it (one
 * highlighter per block, a line at a time, positions reported), without
 * quire's memory of lines: the engine's own cost.  Built and run by
 * tests/bench/hl-engines/run beside ksh.cc, on the same blocks.
 */
#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>
#include <fstream>
#include <sstream>
#include <chrono>
#include <cstdio>
#include <map>
static long ntok;
class F : public srchilite::Formatter { public: void format(const std::string &, const srchilite::FormatterParams *) override { ntok++; } };
int main(int argc, char **argv) {
	auto t0 = std::chrono::steady_clock::now();
	srchilite::RegexRuleFactory rules; srchilite::LangDefManager defs(&rules);
	std::string dd = srchilite::Settings::retrieveDataDir();
	srchilite::FormatterManager fm(srchilite::FormatterPtr(new F()));
	const char *el[] = {"keyword","type","usertype","classname","string","number","comment","preproc","function","symbol","cbracket","variable","specialchar","todo","url","label","regexp","attribute","selector","property","value","atom","predef_var","predef_func","paren","key","keyquote","valquote","costant","section","colon"};
	for (auto e : el) fm.addFormatter(e, srchilite::FormatterPtr(new F()));
	std::ifstream f(argv[1]); std::stringstream ss; ss << f.rdbuf(); std::string t = ss.str();
	std::map<std::string,std::string> alias = {{"js","javascript.lang"},{"javascript","javascript.lang"},{"typescript","javascript.lang"},{"c","c.lang"},{"rust","rust.lang"},{"python","python.lang"},{"go","go.lang"},{"sh","sh.lang"},{"bash","sh.lang"},{"shell","sh.lang"},{"console","sh.lang"},{"json","json.lang"},{"yaml","desktop.lang"},{"toml","desktop.lang"},{"sql","sql.lang"}};
	auto t1 = std::chrono::steady_clock::now();
	size_t pos = 0, nb = 0, bytes = 0;
	while ((pos = t.find("\n```", pos)) != std::string::npos) {
		size_t e = t.find('\n', pos + 1); std::string lang = t.substr(pos + 4, e - pos - 4);
		size_t end = t.find("\n```", e); if (end == std::string::npos) break;
		if (lang.empty() || !alias.count(lang)) { pos = e; continue; }
		std::string body = t.substr(e + 1, end - e - 1);
		static std::map<std::string, srchilite::HighlightStatePtr> cache; auto &hs = cache[lang]; if (!hs) hs = defs.getHighlightState(dd, alias[lang]); srchilite::SourceHighlighter h(hs);
		srchilite::FormatterParams params; h.setOptimize(false); h.setFormatterManager(&fm); h.setFormatterParams(&params);
		std::istringstream in(body); std::string line;
		while (std::getline(in, line)) { params.start = 0; h.highlightParagraph(line); }
		nb++; bytes += body.size(); pos = end + 4;
	}
	auto t2 = std::chrono::steady_clock::now();
	printf("source-highlight: blocks %zu bytes %zu tokens %ld setup %.1f ms highlight %.1f ms\n", nb, bytes, ntok,
	    std::chrono::duration<double, std::milli>(t1 - t0).count(), std::chrono::duration<double, std::milli>(t2 - t1).count());
}
