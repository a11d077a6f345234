/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests: the EPUB's estimate of a table's width and its breakpoint
 * for the stacked layout (src/epub/tablefit.c). */
#include <stdlib.h>

#include "check.h"
#include "util/diag.h"
#include "model/doc.h"
#include "epub/epub.h"
#include "read/parse.h"
#include "model_fixture.h"

/* Parse Markdown text into a fresh document. */
static struct doc *
parse(const char *md)
{
	return fixture_parse("t.md", md, strlen(md), NULL);
}

/* The first table of a document, wherever it is. */
static const struct node *
first_table(const struct doc *d)
{
	struct node *n = NULL;
	int entering;

	while ((n = doc_next(d->root, n, &entering)) != NULL)
		if (n->type == N_TABLE)
			return n;
	return NULL;
}

/* Width and breakpoint of the first table of some Markdown. */
static double
width_of(const char *md, int labels, int *breakpoint)
{
	struct doc *d = parse(md);
	const struct node *t = first_table(d);
	double w = -1;

	*breakpoint = -1;
	if (t != NULL) {
		w = epub_table_width(t, labels);
		*breakpoint = epub_table_breakpoint(t, labels);
	}
	doc_free(d);
	return w;
}

#define SEED \
	"| Aspect | AI Engineer | ML Engineer |\n|---|---|---|\n" \
	"| **Primary Focus** | Develops and integrates a broad range of AI " \
	"solutions (including reasoning, NLP, computer vision, robotics) " \
	"into products and services. | Specializes in designing, " \
	"implementing, and optimizing machine learning models. |\n" \
	"| **Key Responsibilities** | - Design and develop end-to-end AI " \
	"systems.<br>- Integrate various AI techniques. | - Build and train " \
	"ML models.<br>- Tune model hyperparameters. |\n"

#define FIVE \
	"| Language | Typing | Memory | Typical use | Notes |\n" \
	"|---|---|---|---|---|\n" \
	"| C | Static, weak; implicit conversions between numbers | Manual: " \
	"malloc and free | Operating systems, embedded firmware | The " \
	"standard library is small; portability comes from POSIX |\n"

int
main(void)
{
	double w, w2;
	int bp, bp2;

	diag_quiet = 1;

	/* A grid of short cells fits the narrowest phone: never stacked. */
	w = width_of("| Size | Pages | Price |\n|--:|--:|--:|\n"
	    "| A5 | 120 | 9.50 |\n| A4 | 64 | 12.00 |\n", 0, &bp);
	CHECK("narrow table: under 20em", w > 2 && w <= 20);
	CHECK("narrow table: never stacked", bp == 0);

	/* The seed's table: prose columns at a readable measure need more
	 * than a phone, less than a small tablet. */
	w = width_of(SEED, 1, &bp);
	CHECK("seed table: wider than a phone", w > 24);
	CHECK("seed table: stacked below 30..42em", bp >= 30 && bp <= 42);

	/* Five prose columns switch earlier, but stay a grid at 1024px. */
	w2 = width_of(FIVE, 0, &bp2);
	CHECK("five columns: wider than the seed", w2 > w);
	CHECK("five columns: a later breakpoint", bp2 > bp);
	CHECK("five columns: a grid at 64em", bp2 > 0 && bp2 < 64);

	/* Prose is measured at a comfortable width, not on one line: a far
	 * longer text in the same columns needs no more room. */
	w = width_of("| a | b |\n|---|---|\n| x | one two three four five six "
	    "seven eight nine ten eleven twelve thirteen fourteen fifteen "
	    "sixteen seventeen eighteen nineteen twenty |\n", 0, &bp);
	w2 = width_of("| a | b |\n|---|---|\n| x | one two three four five "
	    "six seven eight nine ten eleven twelve thirteen fourteen |\n", 0,
	    &bp2);
	CHECK("prose: longer text, same width", w == w2 && bp == bp2);

	/* But a word that cannot break widens its column. */
	w = width_of("| a | b |\n|---|---|\n| x | `/usr/share/doc/quire/"
	    "examples/a-very-long-file-name.epub` |\n", 0, &bp);
	CHECK("long code word: stacked", bp >= 22);

	/* The room a list item or a quote takes is counted. */
	w = width_of(SEED, 1, &bp);
	w2 = width_of("1. item\n\n   " "| Aspect | AI Engineer | ML Engineer "
	    "|\n   |---|---|---|\n   | **Primary Focus** | Develops and "
	    "integrates a broad range of AI solutions (including reasoning, NLP, "
	    "computer vision, robotics) into products and services. | "
	    "Specializes in designing, implementing, and optimizing machine "
	    "learning models. |\n   | **Key Responsibilities** | - Design and "
	    "develop end-to-end AI systems.<br>- Integrate various AI "
	    "techniques. | - Build and train ML models.<br>- Tune model "
	    "hyperparameters. |\n", 1, &bp2);
	CHECK("in a list item: the item's indent more", w2 > w + 1.5 &&
	    w2 < w + 1.7);
	w2 = width_of("> " "| a | b |\n> |---|---|\n> | x | y |\n", 0, &bp2);
	w = width_of("| a | b |\n|---|---|\n| x | y |\n", 0, &bp);
	CHECK("in a quote: the quote's indent more", w2 > w + 1.1 &&
	    w2 < w + 1.3);

	/* Lists in cells: each item a line, indented. */
	w = width_of("| a |\n|---|\n| - alpha beta<br>- gamma delta |\n", 0,
	    &bp);
	w2 = width_of("| a |\n|---|\n| alpha beta gamma delta |\n", 0, &bp2);
	CHECK("list in a cell: items are lines", w < w2);

	/* East Asian text breaks between any two characters. */
	w = width_of("| a | b |\n|---|---|\n| x | \xe6\xbc\xa2\xe5\xad\x97"
	    "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"
	    "\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
	    "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"
	    "\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97 |\n", 0, &bp);
	CHECK("CJK: wraps, so fits a phone", bp == 0);

	/* A cell spanning columns shares its width among them (HTML). */
	w = width_of("<table><tr><th>a</th><th>b</th></tr><tr><td colspan=\"2\">"
	    "<code>an-unbreakable-word-wider-than-any-phone-screen-is</code>"
	    "</td></tr></table>\n", 0, &bp);
	CHECK("colspan: its word counts", bp >= 22);

	/* Tables of no columns do not crash the estimate. */
	w = width_of("<table></table>\n", 0, &bp);
	CHECK("empty table: never stacked", bp <= 0);
	return check_failed;
}
