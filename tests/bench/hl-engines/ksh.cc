// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * ksh.cc - time KDE's KSyntaxHighlighting on the fenced code blocks of a
 * Markdown file (the engine weighed against GNU Source-highlight in issue
 * 36): one AbstractHighlighter, a definition per block, a line at a time,
 * every format reported.  Built and run by tests/bench/hl-engines/run.
 */
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Format>
#include <QString>
#include <QStringList>
#include <fstream>
#include <sstream>
#include <chrono>
#include <cstdio>
#include <map>
using namespace KSyntaxHighlighting;
static long ntok;
class H : public AbstractHighlighter {
public:
	void applyFormat(int, int, const Format &) override { ntok++; }
	void run(const QStringList &lines) {
		State st;
		for (const auto &l : lines) st = highlightLine(l, st);
	}
};
int main(int argc, char **argv) {
	auto t0 = std::chrono::steady_clock::now();
	Repository repo;
	H h;
	std::ifstream f(argv[1]); std::stringstream ss; ss << f.rdbuf(); std::string t = ss.str();
	auto t1 = std::chrono::steady_clock::now();
	size_t pos = 0, nb = 0, bytes = 0;
	std::map<std::string,std::string> alias = {{"js","JavaScript"},{"javascript","JavaScript"},{"typescript","TypeScript"},{"c","C"},{"rust","Rust"},{"python","Python"},{"go","Go"},{"sh","Bash"},{"bash","Bash"},{"shell","Bash"},{"console","Bash"},{"json","JSON"},{"yaml","YAML"},{"toml","TOML"},{"sql","SQL"}};
	while ((pos = t.find("\n```", pos)) != std::string::npos) {
		size_t e = t.find('\n', pos + 1); std::string lang = t.substr(pos + 4, e - pos - 4);
		size_t end = t.find("\n```", e); if (end == std::string::npos) break;
		if (lang.empty()) { pos = e; continue; }
		std::string body = t.substr(e + 1, end - e - 1);
		auto d = repo.definitionForName(QString::fromStdString(alias.count(lang) ? alias[lang] : lang));
		h.setDefinition(d);
		h.run(QString::fromStdString(body).split('\n'));
		nb++; bytes += body.size(); pos = end + 4;
	}
	auto t2 = std::chrono::steady_clock::now();
	printf("ksyntaxhighlighting: blocks %zu bytes %zu tokens %ld setup %.1f ms highlight %.1f ms\n", nb, bytes, ntok,
	    std::chrono::duration<double, std::milli>(t1 - t0).count(), std::chrono::duration<double, std::milli>(t2 - t1).count());
}
