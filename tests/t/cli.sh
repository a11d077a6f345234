# SPDX-License-Identifier: GPL-3.0-or-later
# The command-line contract: options, exit statuses, messages, atomic
# output and input hygiene, run through the real binary.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch cli)

stderr_has() {	# name, fixed string
	grep -qF -- "$2" "$T/err" && pass "$1" || fail "$1" "stderr: $(head -c 200 "$T/err")"
}

expect "--help exits 0" 0 "$QUIRE" --help
for o in --to --output --metadata --style --paper --dump --quiet --verbose --help --version -t -o -M -s -q -v -h -V; do
	grep -q -- "$o" "$T/out" && pass "--help lists $o" || fail "--help lists $o"
done
expect "--version exits 0" 0 "$QUIRE" --version
grep -q '^quire [0-9]' "$T/out" && pass "--version prints quire N" || fail "--version prints quire N"
# The libraries at the versions the program runs with, and the licence.
for lib in cmark-gfm libharu HarfBuzz FriBidi ICU libxml2 libzip; do
	grep -q "^Libraries: .*\b$lib [0-9][0-9.a-z]*\b" "$T/out" &&
		pass "--version names $lib with its version" ||
		fail "--version names $lib with its version" "$(head -2 "$T/out")"
done
grep -q "libxml2 $(xml2-config --version 2>/dev/null || echo x)" "$T/out" &&
	pass "--version gives libxml2's dotted version" ||
	fail "--version gives libxml2's dotted version" "$(sed -n 2p "$T/out")"
grep -q '^Licence GPL-3.0-or-later' "$T/out" && pass "--version names the licence" ||
	fail "--version names the licence"
expect "unknown option exits 1" 1 "$QUIRE" --bogus x.md
stderr_has "unknown option message" 'quire: unknown option "--bogus"'
expect "no input exits 1" 1 "$QUIRE"
expect "bad format exits 1" 1 "$QUIRE" -t pdf,rtf content/ai-engineer.md
expect "bad paper exits 1" 1 "$QUIRE" --paper a9x content/ai-engineer.md
expect "-M without = exits 1" 1 "$QUIRE" -M title content/ai-engineer.md
expect "-o - with two formats exits 1" 1 "$QUIRE" -t pdf,man -o - content/ai-engineer.md

(cd "$T" && "$QUIRE" nosuch.md >/dev/null 2>err; echo $? >rc)
[ "$(cat "$T/rc")" = 2 ] && pass "missing file exits 2" || fail "missing file exits 2" "exit $(cat "$T/rc")"
grep -qx 'quire: nosuch.md: No such file or directory' "$T/err" &&
	pass "missing file message" || fail "missing file message" "$(cat "$T/err")"

printf -- '---\ntitle: ok\nauthor: [unclosed\n---\n# x\n' >"$T/badfm.md"
expect "malformed front matter exits 2" 2 "$QUIRE" --dump "$T/badfm.md"
grep -qE "^quire: $T/badfm.md:[34]: " "$T/err" && pass "malformed front matter names FILE:LINE" ||
	fail "malformed front matter names FILE:LINE" "$(cat "$T/err")"
printf -- '---\ntitle: x\n' >"$T/open.md"
expect "unterminated front matter exits 2" 2 "$QUIRE" --dump "$T/open.md"
stderr_has "unterminated front matter message" "open.md:1: front matter is not closed"
{ printf -- '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  for l in b c d e f g h i; do printf '%s: &%s [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' $l $l; done
  printf -- '---\n'; } >"$T/bomb.md"
expect "alias bomb is an input error" 2 timeout 5 "$QUIRE" --dump "$T/bomb.md"
stderr_has "alias bomb message names the line" "bomb.md:3: YAML aliases are not allowed"
printf -- '---\nname: ../evil\n---\nx\n' >"$T/evil.md"
expect "name escaping the output directory refused" 2 "$QUIRE" --dump "$T/evil.md"
expect "-M name with a slash refused" 1 "$QUIRE" --dump -M name=a/b content/ai-engineer.md

# Input hygiene through the binary.
printf '\xef\xbb\xbf# BOM\r\n\r\nline one\r\nbad \xff byte\rnul \0 here\n' >"$T/dirty.md"
expect "dirty input still parses" 0 "$QUIRE" --dump "$T/dirty.md"
grep -q 'title="BOM"' "$T/out" && pass "BOM dropped before the heading" || fail "BOM dropped before the heading"
grep -q $'\xef\xbf\xbd byte' "$T/out" && pass "invalid byte became U+FFFD" || fail "invalid byte became U+FFFD"
[ "$(grep -c 'warning: invalid UTF-8' "$T/err")" = 1 ] && pass "one UTF-8 warning per file" ||
	fail "one UTF-8 warning per file" "$(cat "$T/err")"
stderr_has "UTF-8 warning names the first bad line" "dirty.md:4: warning"
grep -q $'\r' "$T/out" && fail "no CR survives" || pass "no CR survives"

# Several files make one document, a chapter each, in order.
printf -- '---\ntitle: Book\n---\n# One\n' >"$T/a.md"
printf '# Two\n' >"$T/b.md"
expect "two files dump" 0 "$QUIRE" --dump "$T/a.md" "$T/b.md"
[ "$(grep -c '^  chapter ' "$T/out")" = 2 ] && pass "two files, two chapters" || fail "two files, two chapters"
grep -q 'name="a"' "$T/out" && pass "name from the first file" || fail "name from the first file"
expect "-M overrides metadata" 0 "$QUIRE" --dump -M title=Other -M lang=de "$T/a.md"
grep -q 'title="Other".*lang="de"' "$T/out" && pass "-M values in the model" || fail "-M values in the model"

# Atomic output: an unwritable destination is exit 3, no debris, and a
# failing run leaves the previous output byte-identical.
# Missing folders are made (issue 17); one that cannot be (under a
# regular file) is an output error.
expect "output into missing folders is made" 0 "$QUIRE" -t man -o "$T/no/such/dir/x.7" content/ai-engineer.md
touch "$T/plain"
expect "output under a regular file exits 3" 3 "$QUIRE" -t man -o "$T/plain/dir/x.7" content/ai-engineer.md
stderr_has "output error message" "quire: $T/plain/dir/x.7: cannot write"

# -M adds to a list after every file is read: the second file's author
# is kept (the first file has none), -M's comes after it.
printf '# One\n\ntext\n' >"$T/noauthor.md"
printf -- '---\nauthor: Xavier\n---\n# Two\n\ntext\n' >"$T/withauthor.md"
expect "-M author.1 with two files" 0 "$QUIRE" --dump -M author.1=Yvonne "$T/noauthor.md" "$T/withauthor.md"
same "-M author.1 adds after a later file's author" \
    "$(head -1 "$T/out" | grep -o 'author="[^"]*"' | tr '\n' ' ')" \
    'author="Xavier" author="Yvonne" '

# ---- --each: every input its own outputs, none lost to another ----
# Inputs in different folders keep those folders under -o, relative to
# the folder they share, so two README.md both publish.
E=$T/each
mkdir -p "$E/docs/a" "$E/docs/b/c"
for d in a b b/c; do printf '# Readme %s\n\nThe %s text.\n' "$d" "$d" >"$E/docs/$d/README.md"; done
expect "--each: two README.md in two folders publish" 0 timeout 60 "$QUIRE" -q --each -o "$E/out" \
    "$E/docs/a/README.md" "$E/docs/b/README.md" "$E/docs/b/c/README.md"
same "--each: outputs keep the inputs' folders" \
    "$(cd "$E/out" && find . -type f | sort | tr '\n' ' ')" \
    "./a/README.7 ./a/README.epub ./a/README.pdf ./b/README.7 ./b/README.epub ./b/README.pdf ./b/c/README.7 ./b/c/README.epub ./b/c/README.pdf "
grep -q 'The b/c text' "$E/out/b/c/README.7" && grep -q 'The a text' "$E/out/a/README.7" &&
	pass "--each: each folder holds its own input's page" || fail "--each: each folder holds its own input's page"
# Relative paths from elsewhere, and inputs all in one folder (flat).
expect "--each: inputs of one folder publish" 0 timeout 60 bash -c \
    'cd "$1/docs/b" && "$2" -q --each -t man -o "$1/flat" ../a/README.md c/README.md ../b/README.md' sh "$E" "$QUIRE"
same "--each: relative paths keep their folders" "$(cd "$E/flat" && find . -type f | sort | tr '\n' ' ')" \
    "./a/README.7 ./b/README.7 ./b/c/README.7 "
printf '# One\n' >"$E/docs/a/one.md"
printf '# Two\n' >"$E/docs/a/two.md"
expect "--each: one folder's inputs" 0 timeout 60 "$QUIRE" -q --each -t man -o "$E/one" "$E/docs/a/one.md" "$E/docs/a/two.md"
same "--each: one folder's inputs stay flat" "$(ls "$E/one" | tr '\n' ' ')" "one.7 two.7 "
# Two documents that still share a name (name: in their front matter)
# are refused before anything is written, naming both inputs.
printf -- '---\nname: same\n---\n# First\n' >"$E/docs/a/first.md"
printf -- '---\nname: same\n---\n# Second\n' >"$E/docs/a/second.md"
expect "--each: two documents of one name exit 2" 2 timeout 60 "$QUIRE" --each -o "$E/clash" \
    "$E/docs/a/one.md" "$E/docs/a/first.md" "$E/docs/a/second.md"
[ ! -e "$E/clash" ] || [ -z "$(find "$E/clash" -type f)" ] && pass "--each: a name clash writes nothing" ||
	fail "--each: a name clash writes nothing" "$(find "$E/clash" -type f | tr '\n' ' ')"
grep -F "docs/a/second.md" "$T/err" | grep -qF "docs/a/first.md" &&
	pass "--each: the clash names both inputs" || fail "--each: the clash names both inputs" "$(head -c 300 "$T/err")"
same "--each: a clash is one message" "$(grep -c 'nothing is published' "$T/err")" 1

# Without -t, -o names the format by its extension (report.pdf is a PDF,
# not a folder); a name with no such extension is still a folder.
X="$T/byext"
mkdir -p "$X"
for f in report.pdf book.epub tool.1 perl.3pm; do
	expect "-o $f without -t exits 0" 0 "$QUIRE" -q -o "$X/$f" content/ai-engineer.md
done
same "-o report.pdf writes a PDF" "$(head -c 5 "$X/report.pdf")" "%PDF-"
same "-o book.epub writes an EPUB" "$(unzip -p "$X/book.epub" mimetype 2>/dev/null)" "application/epub+zip"
grep -q '^\.TH ' "$X/tool.1" && grep -q '^\.TH ' "$X/perl.3pm" &&
	pass "-o tool.1 and perl.3pm write man pages" || fail "-o tool.1 and perl.3pm write man pages"
same "-o by extension writes nothing else" "$(cd "$X" && find . -mindepth 1 | sort | tr '\n' ' ')" \
    "./book.epub ./perl.3pm ./report.pdf ./tool.1 "
expect "-o NAME without an extension is a folder" 0 "$QUIRE" -q -o "$X/folder" content/ai-engineer.md
same "-o folder holds the three formats" "$(ls "$X/folder" | tr '\n' ' ')" \
    "ai-engineer.7 ai-engineer.epub ai-engineer.pdf "
