/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: quire's driver with Source-highlight's rules matched by
 * PCRE2 (highlight_drive.cc, highlight_pcre.cc) gives the tokens the
 * library's own highlighter gives with Boost.Regex, for every definition
 * in the library's lang.map, on text meant to reach every rule: code of many
 * languages, each definition's own text (full of regular expressions,
 * quotes and comment markers), unterminated strings and comments, form
 * feeds and vertical tabs (bytes Boost takes for line separators), long
 * lines of dense tokens and the dynamic back-references of Rust's raw
 * strings and Lua's long brackets.  Expressions PCRE2 might read
 * differently are left to Boost, and counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "read/highlight.h"

#define LANG_MAP	"/usr/share/source-highlight/lang.map"
#define LANG_DIR	"/usr/share/source-highlight/"
#define MAX_FILES	256

struct toks {
	size_t	*v;		/* off, len, class: three per token */
	size_t	 n, cap;
};

static void
keep(void *arg, size_t off, size_t len, enum code_class cls)
{
	struct toks *t = arg;

	if (t->n + 3 > t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4096;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (t->v == NULL)
			abort();
	}
	t->v[t->n++] = off;
	t->v[t->n++] = len;
	t->v[t->n++] = (size_t)cls;
}

static const char sample[] =
    "#include <stdio.h>\n"
    "int main(int argc, char **argv) { /* a comment */ return 0x1f + 'c'; }\n"
    "fn main() { let s = r#\"raw \"quoted\" text\"#; println!(\"{}\", s); }\n"
    "let b = br##\"two\"# hashes\"##; // trailing\n"
    "def f(x): return \"\"\"doc\"\"\" + 'q' # comment\n"
    "local s = [==[ long ]] still ]==] .. [[x]] -- lua\n"
    "--[[ block\ncomment ]] x = 1\n"
    "const re = /ab+c/g; `tmpl ${x} end`; <div class=\"a\">t</div>\n"
    "SELECT a, b FROM t WHERE c = 'x' AND d > 10; -- sql\n"
    "key: value\n[section]\nname = \"v\" # toml\n"
    "$ cargo build --release && echo \"$HOME\" | grep -E '^a+$'\n"
    "<<EOF\nheredoc $var\nEOF\n"
    "@{1} \\<word\\> \\bx [[:alpha:]] (?:a|b)* {,3} \\\\ \\\" \n"
    "\tform\ffeed and vertical\vtab; x = 1; \"str\fing\"\n"
    "x=1;y=2;z=x+y*3/4-5%6;if(x){y++;}else{z--;}while(0){}for(;;){break;}"
    "x=1;y=2;z=x+y*3/4-5%6;if(x){y++;}else{z--;}while(0){}for(;;){break;}"
    "x=1;y=2;z=x+y*3/4-5%6;if(x){y++;}else{z--;}while(0){}for(;;){break;}\n"
    "\"unterminated string\n/* unterminated comment\nstill\n";

/* Code with no byte Boost takes for a line separator. */
static const char plain[] =
    "fn main() { let s = \"x\"; } // c\n"
    "int f(int a) { return a * 2; } /* c */\n"
    "$ echo \"$HOME\" | grep -E '^a+$'\n";

/* A definition's own text after the sample, as one block. */
static char *
block_for(const char *file, size_t *len)
{
	char path[512];
	FILE *f;
	size_t n = sizeof(sample) - 1, cap = n + 65536;
	char *b = malloc(cap);

	if (b == NULL)
		abort();
	memcpy(b, sample, n);
	snprintf(path, sizeof(path), "%s%.63s", LANG_DIR, file);
	if ((f = fopen(path, "rb")) != NULL) {
		n += fread(b + n, 1, cap - n - 1, f);
		fclose(f);
	}
	b[n] = '\0';
	*len = n;
	return b;
}

/* Tokens of text by file, with PCRE2 (boost 0) or Boost alone. */
static int
tokens(const char *file, const char *text, size_t len, int boost,
    struct toks *t)
{
	t->n = 0;
	hl_boost_only(boost);
	return hl_tokenize(file, text, len, keep, t);
}

/* The distinct definition files lang.map names, into files. */
static size_t
map_files(char files[][64])
{
	FILE *f = fopen(LANG_MAP, "r");
	char line[256], name[64], file[64];
	size_t n = 0, i;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL && n < MAX_FILES) {
		if (sscanf(line, " %63[^ =#] = %63s", name, file) != 2)
			continue;
		for (i = 0; i < n && strcmp(files[i], file) != 0; i++)
			;
		if (i == n)
			strcpy(files[n++], file);
	}
	fclose(f);
	return n;
}

static void
same_tokens_everywhere(const char *how)
{
	static char files[MAX_FILES][64];
	struct toks a = { 0 }, b = { 0 };
	size_t n = map_files(files), i, differ = 0, failed = 0, len;
	char why[256] = "";

	if (n == 0) {
		printf("SKIP highlight pcre: no %s\n", LANG_MAP);
		return;
	}
	for (i = 0; i < n; i++) {
		char *text = block_for(files[i], &len);
		int ra = tokens(files[i], text, len, 0, &a);
		int rb = tokens(files[i], text, len, 1, &b);

		if (ra != rb)
			failed++;
		else if (ra == 0 && (a.n != b.n ||
		    memcmp(a.v, b.v, a.n * sizeof(*a.v)) != 0)) {
			differ++;
			snprintf(why, sizeof(why), "%.63s: %zu against %zu",
			    files[i], a.n / 3, b.n / 3);
		}
		free(text);
	}
	hl_boost_only(0);
	if (differ != 0)
		printf("FAIL highlight pcre, %s: %zu definitions differ, "
		    "last %s\n", how, differ, why);
	else
		printf("PASS highlight pcre, %s: the tokens of all %zu "
		    "definitions are Boost's\n", how, n);
	printf("%s highlight pcre, %s: same success everywhere\n",
	    failed == 0 ? "PASS" : "FAIL", how);
	check_failed |= failed != 0;
	check_failed |= differ != 0;
	free(a.v);
	free(b.v);
}

/* Under LeakSanitizer: Source-highlight's definition parser (its bison
 * grammar, langdef_parse) keeps what it builds for a few of the 87
 * definitions this test loads, in the library's own memory; quire's
 * documents load far fewer, and valgrind.sh checks those runs. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:langdef_parse\nleak:libsource-highlight.so\n";
}

int
main(void)
{
	static const char *bench[] = { "c.lang", "rust.lang", "python.lang",
	    "javascript.lang", "go.lang", "sh.lang", "json.lang", "sql.lang",
	    "desktop.lang", "cpp.lang", "java.lang" };
	size_t rules, on_boost, boost_built, i;
	struct toks t = { 0 };
	int ok = 1;

	if (hl_ready() != 0) {
		printf("SKIP highlight: %s\n", hl_error());
		return 0;
	}
	CHECK("pcre reads word bounds", hl_pcre_reads("\\<(?:if|for)\\>"));
	CHECK("pcre reads posix classes", hl_pcre_reads("[[:alpha:]_]+"));
	CHECK("pcre reads \\Q..\\E", hl_pcre_reads("\\Q\\<\\E"));
	CHECK("boost keeps \\l", !hl_pcre_reads("\\l+"));
	CHECK("boost keeps \\h", !hl_pcre_reads("a\\h"));
	CHECK("boost keeps collating", !hl_pcre_reads("[[.space.]]"));
	CHECK("boost keeps {,n}", !hl_pcre_reads("a{,3}"));
	CHECK("boost keeps \\`", !hl_pcre_reads("\\`a"));
	CHECK("boost keeps what pcre refuses", !hl_pcre_reads("(?<=a+)b"));

	/* The bench's languages load with no rule left to Boost, and with
	 * every list rule's expression the library's own factory's; on
	 * plain lines no rule's Boost expression is ever compiled. */
	hl_factory_check(1);
	for (i = 0; i < sizeof(bench) / sizeof(*bench); i++)
		ok &= tokens(bench[i], plain, sizeof(plain) - 1, 0, &t) == 0;
	hl_rule_counts(&rules, &on_boost, &boost_built);
	CHECK("bench languages load", ok && rules > 100);
	CHECK("bench languages all on pcre", on_boost == 0);
	CHECK("bench languages: no boost expression compiled",
	    boost_built == 0);
	free(t.v);

	/* PCRE2's interpreter first, then its JIT, which compiles each
	 * rule at its next search: both must read every rule alike. */
	hl_jit_after(0);
	same_tokens_everywhere("interpreter");
	hl_jit_after(1);
	same_tokens_everywhere("jit");
	hl_rule_counts(&rules, &on_boost, &boost_built);
	CHECK("some rules counted on boost", on_boost < rules);
	CHECK("list rules' expressions are the library's",
	    hl_factory_differs() == 0);
	hl_factory_check(0);
	hl_release();
	return check_failed;
}
