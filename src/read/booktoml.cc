// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * booktoml.cc - book.toml's [book] table, read with cpptoml (Debian's
 * libcpptoml-dev), behind a C function (book.h's book_toml).  This is the
 * only C++ in quire: a bridge, so no TOML is parsed by hand.
 */
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include <cpptoml.h>

extern "C" {
#include "read/book.h"
#include "util/diag.h"
#include "util/file.h"
}

/* No book.toml is near this; a larger one is not read. */
static const size_t toml_max = (size_t)1 << 20;

/* A C copy of a string, in quire's allocator. */
static char *
dup(const std::string &s)
{
	char *p = static_cast<char *>(xmalloc(s.size() + 1));

	std::memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	return p;
}

static void
field(const std::shared_ptr<cpptoml::table> &book, const char *key,
    char **slot)
{
	auto v = book->get_as<std::string>(key);

	if (v && *slot == NULL)
		*slot = dup(*v);
}

/*
 * The first line where arrays and inline tables nest deeper than
 * BOOK_TOML_DEPTH, or 0.  Strings and comments are skipped, so that a
 * '[' inside them does not count; a table header ("[a]", "[[a]]") counts
 * as the one or two levels it opens.
 */
static int
too_deep(const std::string &t)
{
	size_t i = 0, n = t.size();
	int depth = 0, line = 1;

	while (i < n) {
		char c = t[i];

		if (c == '\n')
			line++;
		if (c == '#') {
			while (i < n && t[i] != '\n')
				i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			/* """ and ''' strings end at the same three. */
			std::string q(t.compare(i, 3, std::string(3, c)) == 0 ?
			    3 : 1, c);

			for (i += q.size(); i < n && t.compare(i, q.size(),
			    q) != 0; i++) {
				if (t[i] == '\n')
					line++;
				if (c == '"' && t[i] == '\\')
					i++;
			}
			i += q.size();
			continue;
		}
		if ((c == '[' || c == '{') && ++depth > BOOK_TOML_DEPTH)
			return line;
		if ((c == ']' || c == '}') && depth > 0)
			depth--;
		i++;
	}
	return 0;
}

extern "C" int
book_toml_line(const char *path, const char *key)
{
	char *data;
	size_t len, k = std::strlen(key);
	int line = 1;

	if (file_read(path, toml_max, &data, &len) != 0)
		return 0;
	for (const char *p = data; *p != '\0'; line++) {
		p += std::strspn(p, " \t");
		if (std::strncmp(p, key, k) == 0 &&
		    std::strchr(" \t=", p[k]) != NULL && p[k] != '\0')
			break;
		if ((p = std::strchr(p, '\n')) == NULL) {
			line = 0;
			break;
		}
		p++;
	}
	std::free(data);
	return line;
}

extern "C" int
book_toml(const char *path, const char *real, struct book *b)
{
	char *data;
	size_t len;
	int deep;

	if (file_read_confined(real, toml_max, &data, &len) != 0) {
		diag_error(path, 0, "%s", errno == EFBIG ? "larger than "
		    "1 MiB; not read" : std::strerror(errno));
		return -1;
	}
	std::string text(data, len);
	std::free(data);
	if ((deep = too_deep(text)) != 0) {
		diag_error(path, deep, "arrays or tables nested more than %d "
		    "deep", BOOK_TOML_DEPTH);
		return -1;
	}
	try {
		std::istringstream in(text);
		auto root = cpptoml::parser(in).parse();
		auto book = root->get_table("book");

		/* Where the book is published: links leaving it point
		 * there (meta link-base). */
		if (auto site = root->get_qualified_as<std::string>(
		    "output.html.site-url"))
			b->site_url = dup(*site);
		if (!book)
			return 0;
		field(book, "title", &b->title);
		field(book, "description", &b->description);
		field(book, "language", &b->language);
		field(book, "src", &b->src);
		if (auto authors = book->get_array_of<std::string>("authors")) {
			size_t i = 0;

			b->authors = static_cast<char **>(xcalloc(
			    authors->size() + 1, sizeof(char *)));
			for (const auto &a : *authors)
				b->authors[i++] = dup(a);
		}
		return 0;
	} catch (const cpptoml::parse_exception &e) {
		/* cpptoml ends its message " at line N": quire's messages
		 * say FILE:LINE first. */
		std::string what = e.what();
		size_t at = what.rfind(" at line ");
		int line = 0;

		if (at != std::string::npos &&
		    (line = atoi(what.c_str() + at + 9)) > 0)
			what.erase(at);
		diag_error(path, line, "%s", what.c_str());
	} catch (const std::exception &e) {
		diag_error(path, 0, "cannot read it: %s", e.what());
	} catch (...) {
		diag_error(path, 0, "cannot read it");
	}
	return -1;
}
