/*
 * booktoml.cc - book.toml's [book] table, read with cpptoml (Debian's
 * libcpptoml-dev), behind a C function (book.h's book_toml).  This is the
 * only C++ in quire: a bridge, so no TOML is parsed by hand.
 */
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <cpptoml.h>

extern "C" {
#include "read/book.h"
#include "util/diag.h"
}

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

extern "C" int
book_toml(const char *path, struct book *b)
{
	try {
		auto root = cpptoml::parse_file(path);
		auto book = root->get_table("book");

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
		diag_error(path, 0, "%s", e.what());
	} catch (const std::exception &e) {
		diag_error(path, 0, "cannot read it: %s", e.what());
	} catch (...) {
		diag_error(path, 0, "cannot read it");
	}
	return -1;
}
