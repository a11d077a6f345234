// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * highlight_pcre_syntax.cc - Source-highlight's Boost.Regex expressions
 * in PCRE2's syntax (see highlight_pcre.h).
 *
 * The two engines share Perl's syntax nearly everywhere.  The one
 * construct Source-highlight relies on that PCRE2 lacks is Boost's word
 * start and end, \< and \>: the library's own keyword lists are built
 * as \<(?:...)\>, and PCRE2 would read \< as a plain '<' without a word.
 * They become \b(?=\w) and \b(?<=\w), which say the same.  Escapes whose
 * meaning differs between the engines or is unsure (\` and \' for the
 * buffer's ends, \h and \v, \l and \u as classes, \N, \R, \X, \C, \K,
 * Unicode properties, collating elements, {,n}) are not translated: the
 * expression is left to Boost.  The walk knows only what it must to
 * find escapes outside a character class: classes, \Q...\E quoting and
 * (?#...) comments are copied as they are.
 */
#include <cstring>
#include <string>

#include "read/highlight_pcre.h"

namespace {

/* Escape letters left to Boost, in or out of a class. */
const char	 boost_only[] = "`'NXRChHvVKpPlLuU";

bool
boost_only_escape(char c)
{
	return c != '\0' && std::strchr(boost_only, c) != nullptr;
}

/* Copy the character class starting at b[i] ('[') to out; the index
 * after it, or npos when it is one to leave to Boost. */
size_t
copy_class(const std::string &b, size_t i, std::string &out)
{
	size_t n = b.size();

	out.push_back(b[i++]);
	if (i < n && b[i] == '^')
		out.push_back(b[i++]);
	if (i < n && b[i] == ']')	/* a ']' first is a member */
		out.push_back(b[i++]);
	while (i < n) {
		char c = b[i];

		if (c == '\\') {
			if (i + 1 >= n || boost_only_escape(b[i + 1]))
				return std::string::npos;
			out.append(b, i, 2);
			i += 2;
		} else if (c == '[' && i + 1 < n &&
		    (b[i + 1] == '.' || b[i + 1] == '=')) {
			return std::string::npos;	/* collating */
		} else if (c == '[' && i + 1 < n && b[i + 1] == ':') {
			size_t e = b.find(":]", i + 2);

			if (e == std::string::npos)
				return std::string::npos;
			out.append(b, i, e + 2 - i);
			i = e + 2;
		} else if (c == ']') {
			out.push_back(c);
			return i + 1;
		} else {
			out.push_back(c);
			i++;
		}
	}
	return std::string::npos;
}

} // namespace

namespace hlpcre {

bool
translate(const std::string &b, std::string &out, bool *uses_g)
{
	size_t i = 0, n = b.size();

	out.clear();
	*uses_g = false;
	while (i < n) {
		char c = b[i];

		if (c == '\\') {
			char d = i + 1 < n ? b[i + 1] : '\0';

			if (d == '\0' || boost_only_escape(d))
				return false;
			if (d == '<') {
				out.append("\\b(?=\\w)");
			} else if (d == '>') {
				out.append("\\b(?<=\\w)");
			} else if (d == 'Q') {
				size_t e = b.find("\\E", i + 2);

				e = e == std::string::npos ? n : e + 2;
				out.append(b, i, e - i);
				i = e;
				continue;
			} else {
				if (d == 'G')
					*uses_g = true;
				out.append(b, i, 2);
			}
			i += 2;
		} else if (c == '[') {
			i = copy_class(b, i, out);
			if (i == std::string::npos)
				return false;
		} else if (c == '{' && i + 1 < n && b[i + 1] == ',') {
			return false;
		} else if (b.compare(i, 3, "(?#") == 0) {
			size_t e = b.find(')', i);

			if (e == std::string::npos)
				return false;
			out.append(b, i, e + 1 - i);
			i = e + 1;
		} else {
			out.push_back(c);
			i++;
		}
	}
	return true;
}

} // namespace hlpcre
