# SPDX-License-Identifier: GPL-3.0-or-later
# Books as users set them up (issue 17): an mdBook book read from its
# folder or its SUMMARY.md, with parts, nesting, drafts, includes and
# .html chapter links; the EPUB's cover and extra stylesheet; includes
# confined to the book; quire working from any folder.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch books)
BOOK=tests/books/mdbook
NAME=the-garden-shed-manual

"$QUIRE" -o "$T/out" -M cover-image=$BOOK/src/cover.png "$BOOK" 2>"$T/err"
rc=$?
[ $rc = 0 ] && pass "book publishes from its folder" || fail "book publishes from its folder" "exit $rc: $(head -3 "$T/err")"
[ -f "$T/out/$NAME.pdf" ] && [ -f "$T/out/$NAME.epub" ] && [ -f "$T/out/$NAME.7" ] &&
	pass "outputs named after the title" || fail "outputs named after the title" "$(ls "$T/out")"
# The draft is the only warning: every link resolved.
w=$(grep -c warning "$T/err")
grep -q 'SUMMARY.md:11: warning: draft chapter "Roofing"' "$T/err" && [ "$w" = 1 ] &&
	pass "a draft is left out with one warning, and nothing else warns" ||
	fail "a draft is left out with one warning, and nothing else warns" "$(cat "$T/err")"
# Same book from its SUMMARY.md.
"$QUIRE" -q -t man -o "$T/s.7" "$BOOK/src/SUMMARY.md" && cmp -s "$T/s.7" "$T/out/$NAME.7" &&
	pass "SUMMARY.md gives the same book" || fail "SUMMARY.md gives the same book"

# Order and nesting: the EPUB's navigation.
nav=$(unzip -p "$T/out/$NAME.epub" EPUB/nav.xhtml | awk '/<nav epub:type="toc"/ {on = 1} on {print} on && /<\/nav>/ {exit}')
got=$(grep -o '<li>\|</li>\|<ol>\|</ol>\|>[^<]*</a>' <<<"$nav" | sed 's/<\/a>//; s/^>//' |
	awk '/^<ol>$/ {d++; next} /^<\/ol>$/ {d--; next} /^</ {next} {printf "%d:%s;", d, $0}')
want='1:Preface;1:Building;2:1 Foundations;3:1.1 Levelling the ground;4:1.1.1 Tools;3:1.2 Pouring the slab;2:2 Walls;1:Using;2:3 Storage;1:Afterword;'
[ "$got" = "$want" ] && pass "EPUB nav: parts, nesting, numbers, order" ||
	fail "EPUB nav: parts, nesting, numbers, order" "$got"
# And the PDF's outline.
got=$(qpdf --json --json-key=outlines "$T/out/$NAME.pdf" | python3 -c '
import json, sys
def walk(o, d):
    for x in o:
        print("%d:%s;" % (d, x["title"]), end="")
        walk(x["kids"], d + 1)
walk(json.load(sys.stdin)["outlines"], 1)')
want='1:Preface;1:Building;2:1 Foundations;3:1.1 Levelling the ground;4:1.1.1 Tools;3:1.2 Pouring the slab;2:2 Walls;1:Using;2:3 Storage;1:Afterword;'
[ "$got" = "$want" ] && pass "PDF outline: parts, nesting, numbers, order" ||
	fail "PDF outline: parts, nesting, numbers, order" "$got"

# Includes: expanded everywhere, none left; lines, anchors, rustdoc.
pdftotext "$T/out/$NAME.pdf" "$T/book.txt"
unzip -p "$T/out/$NAME.epub" 'EPUB/c*.xhtml' >"$T/book.xhtml"
for f in "$T/book.txt" "$T/book.xhtml" "$T/out/$NAME.7"; do
	n=$(grep -c '{{#include\|{{#rustdoc' "$f")
	# The one directive written literally (\{{#include) stays.
	[ "$n" = 1 ] && pass "no directive left in $(basename "$f")" ||
		fail "no directive left in $(basename "$f")" "$n"
done
x=$(cat "$T/book.xhtml")
case $x in *"12 bags of cement"*"3 cubic metres"*) pass "whole file included" ;; *) fail "whole file included" ;; esac
sed 's/<[^>]*>//g' "$T/book.xhtml" | grep -q 'let sand = 2;' && ! grep -q 'ANCHOR' "$T/book.xhtml" &&
	pass "anchor included, its markers not" || fail "anchor included, its markers not"
# Rust listings show what mdBook shows: "# " lines hidden, "##" as "#".
n=$(cat "$T/book.xhtml" "$T/book.txt" "$T/out/$NAME.7" | grep -c 'hidden_in_rustdoc')
[ "$n" = 0 ] && pass "a Rust listing's '# ' lines are hidden in every format" ||
	fail "a Rust listing's '# ' lines are hidden in every format" "$n left"
sed 's/<[^>]*>//g' "$T/book.xhtml" | grep -q '^#\[allow(dead_code)\]' &&
	! grep -q '##\[allow' "$T/book.xhtml" "$T/book.txt" &&
	pass "'##' in a Rust listing is a literal '#'" || fail "'##' in a Rust listing is a literal '#'"
# The Rust book's <Listing>: a figure, its file name above the code and
# "Listing N: caption" (Markdown) under it, in every format.
grep -q 'Filename: src/main.rs' "$T/book.txt" && grep -q 'Listing 1-2: The mix program, whole' "$T/book.txt" &&
	pass "a <Listing> is captioned in the PDF" || fail "a <Listing> is captioned in the PDF"
grep -q '<figcaption>Listing 1-2: The <code>mix</code> program, <em>whole</em></figcaption>' "$T/book.xhtml" &&
	grep -q '<code class="language-rust">' "$T/book.xhtml" &&
	pass "a <Listing> is a figure with its code highlighted in the EPUB" ||
	fail "a <Listing> is a figure with its code highlighted in the EPUB"
grep -q 'Listing 1.\{0,1\}-2: The' "$T/out/$NAME.7" && grep -q '^cement  sand  gravel$' "$T/out/$NAME.7" &&
	pass "a <Listing> in the man page; <listing> alone is preformatted" ||
	fail "a <Listing> in the man page; <listing> alone is preformatted" "$(grep -n 'Listing\|cement  sand' "$T/out/$NAME.7")"
# Links written as .html lead to the chapters.
n=$(grep -o 'href="c[0-9]*\.xhtml[^"]*"' "$T/book.xhtml" | wc -l)
[ "$n" = 8 ] && pass "chapter links resolve in the EPUB ($n)" || fail "chapter links resolve in the EPUB" "$n"
# The cover: first in the spine, in the manifest, for EPUB 2 readers too.
opf=$(unzip -p "$T/out/$NAME.epub" EPUB/package.opf)
grep -q 'properties="cover-image"' <<<"$opf" && grep -q '<meta name="cover" content="cover-image"/>' <<<"$opf" &&
	[ "$(grep -o '<itemref idref="[^"]*"' <<<"$opf" | head -1)" = '<itemref idref="cover"' ] &&
	pass "EPUB cover image and page" || fail "EPUB cover image and page"
# Nothing at all from epubcheck, as for every book of epub.sh.
epubcheck_all "$T/out/$NAME.epub"
epubcheck_verdict "book" "$T/out/$NAME.epub"
# An extra stylesheet, after quire's.
printf 'h1 { letter-spacing: 0.02em; }\n' >"$T/extra.css"
"$QUIRE" -q -t epub -o "$T/css.epub" --css "$T/extra.css" "$BOOK" &&
	unzip -p "$T/css.epub" EPUB/c001.xhtml | grep -A1 'href="epub.css"' | tail -1 | grep -q 'href="extra.css"' &&
	unzip -l "$T/css.epub" | grep -q 'EPUB/extra.css' &&
	pass "--css adds a stylesheet" || fail "--css adds a stylesheet"

# The PDF's front matter: a title page without a footer, a contents
# page whose numbers are the pages the chapters start on, running heads
# naming the chapter.
P="$T/out/$NAME.pdf"
# The cover image is the PDF's first page (labelled i): the book's own
# pages come after it, numbered from 1 as they print.
C=1
qpdf --qdf --object-streams=disable "$P" - 2>/dev/null | grep -a -A12 '/PageLabels' |
	tr -d ' \n' | grep -q '/Nums\[0<</S/r/St1>>1<</S/D/St1>>\]' &&
	pass "PDF cover page labelled i, the book's pages from 1" ||
	fail "PDF cover page labelled i, the book's pages from 1"
p1=$(pdftotext -f $((1 + C)) -l $((1 + C)) -layout "$P" - 2>/dev/null)
grep -q 'The Garden Shed Manual' <<<"$p1" && ! grep -qE '[0-9]+ / [0-9]+' <<<"$p1" &&
	pass "PDF page 1 is a title page with no footer" || fail "PDF page 1 is a title page with no footer" "$p1"
toc=$(pdftotext -f $((2 + C)) -l $((2 + C)) "$P" - 2>/dev/null | sed '/^$/d')
[ "$(head -1 <<<"$toc")" = Contents ] && pass "PDF page 2 is the contents" ||
	fail "PDF page 2 is the contents" "$(head -3 <<<"$toc")"
# Each entry ends in its page number; that page opens with the entry.
pdftotext -f $((2 + C)) -l $((2 + C)) -layout "$P" - 2>/dev/null |
	sed -n 's/^ *\(.*[^ .]\)[ .]\{2,\}\([0-9][0-9]*\) *$/\2\t\1/p' >"$T/toc"
n=0 bad=
while IFS=$'\t' read -r pg title; do
	n=$((n + 1))
	first=$(pdftotext -f $((pg + C)) -l $((pg + C)) "$P" - 2>/dev/null | sed '/^$/d' | head -1)
	[ "$first" = "$title" ] || bad="$bad [$title on $pg: $first]"
done <"$T/toc"
[ "$n" -ge 9 ] && [ -z "$bad" ] && pass "every contents entry ($n) names the page it starts on" ||
	fail "every contents entry names the page it starts on" "$n entries;$bad"
# The foot of each chapter's first page names that chapter and the page.
bad=
while IFS=$'\t' read -r pg title; do
	foot=$(pdftotext -layout -f $((pg + C)) -l $((pg + C)) "$P" - 2>/dev/null | sed '/^[[:space:]]*$/d' | tail -1)
	grep -qE "^ *$title +$pg / [0-9]+ *\$" <<<"$foot" || bad="$bad [$pg: $foot]"
done <"$T/toc"
[ -z "$bad" ] && pass "the running foot names the chapter and the page" ||
	fail "the running foot names the chapter and the page" "$bad"
# The contents' entries are links to their pages: the book has exactly
# one link more per entry than the same book without contents.
nlinks() { qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | grep -ac '/Subtype /Link'; }
"$QUIRE" -q -t pdf -M toc=false -o "$T/notoc.pdf" "$BOOK"
links=$(( $(nlinks "$P") - $(nlinks "$T/notoc.pdf") ))
[ "$links" = "$n" ] && pass "contents entries are links ($links)" || fail "contents entries are links" "$links links for $n entries"
# The contents list two levels by default (parts not counted): the
# chapters and their sub-chapters, not 1.1.1.
! grep -q 'Tools' "$T/toc" && grep -q '1.1 Levelling' "$T/toc" &&
	pass "contents: two levels under the parts by default" || fail "contents: two levels under the parts by default" "$(cut -f2 "$T/toc" | tr '\n' ';')"
"$QUIRE" -q -t pdf -M toc-depth=3 -o "$T/d3.pdf" "$BOOK" &&
	pdftotext -f 2 -l 2 "$T/d3.pdf" - | grep -q '1.1.1 Tools' &&
	pass "toc-depth=3 lists 1.1.1" || fail "toc-depth=3 lists 1.1.1"
# The style may ask for them too; the metadata wins.  (The title may
# take two lines at the default measure.)
printf 'pdf:\n  toc: yes\n  titlepage: no\n' >"$T/front.yaml"
"$QUIRE" -q -t pdf -s "$T/front.yaml" -o "$T/st.pdf" content/ai-engineer.md &&
	pdftotext -f 1 -l 1 "$T/st.pdf" - | grep -qx Contents &&
	pdftotext -f 1 -l 1 "$T/st.pdf" - | sed '/^$/d' | tr '\n' ' ' |
	grep -q '^Introduction to AI Engineers ' &&
	pass "style pdf.toc: the title, then the contents, on page 1" ||
	fail "style pdf.toc: the title, then the contents, on page 1"
"$QUIRE" -q -t pdf -s "$T/front.yaml" -M toc=no -o "$T/st2.pdf" content/ai-engineer.md &&
	! pdftotext -f 1 -l 2 "$T/st2.pdf" - | grep -qx Contents &&
	pass "toc=no in the metadata wins over the style" || fail "toc=no in the metadata wins over the style"
# Switches: a book without its title page; a handout with a contents page.
"$QUIRE" -q -t pdf -M titlepage=false -o "$T/nt.pdf" "$BOOK" &&
	[ "$(pdftotext -f 1 -l 1 "$T/nt.pdf" - | sed '/^$/d' | head -1)" = "The Garden Shed Manual" ] &&
	pdftotext -f 1 -l 1 "$T/nt.pdf" - | grep -qx Contents &&
	pass "titlepage=false: the title above the contents on page 1" ||
	fail "titlepage=false: the title above the contents on page 1"
"$QUIRE" -q -t pdf -o "$T/ai.pdf" content/ai-engineer.md &&
	! pdftotext -f 1 -l 2 "$T/ai.pdf" - | grep -qx Contents &&
	pass "a handout has no contents page by default" || fail "a handout has no contents page by default"
"$QUIRE" -q -t pdf -M toc=true -o "$T/ait.pdf" content/ai-engineer.md
pdftotext -f 1 -l 1 -layout "$T/ait.pdf" - 2>/dev/null |
	sed -n 's/^ *\(.*[^ .]\)[ .]\{2,\}\([0-9][0-9]*\) *$/\2\t\1/p' >"$T/ait"
n=0 bad=
while IFS=$'\t' read -r pg title; do
	n=$((n + 1))
	pdftotext -f "$pg" -l "$pg" "$T/ait.pdf" - | grep -qxF "$title" || bad="$bad [$title not on $pg]"
done <"$T/ait"
[ "$n" -ge 3 ] && [ -z "$bad" ] && pass "toc=true: a handout's contents ($n) give the right pages" ||
	fail "toc=true: a handout's contents give the right pages" "$n entries;$bad"

# Confinement, missing files and loops: exit 2, a message, nothing out.
mk() {	# name, chapter text : a one-chapter book in $T/name
	mkdir -p "$T/$1/src/sub"
	printf '# Summary\n\n- [One](one.md)\n' >"$T/$1/src/SUMMARY.md"
	printf '%s\n' "$2" >"$T/$1/src/one.md"
}
bad() {	# name, message pattern
	rm -rf "$T/badout"
	"$QUIRE" -o "$T/badout" "$T/$1" >/dev/null 2>"$T/$1.err"
	local rc=$?
	[ $rc = 2 ] && grep -q "^quire: .*\.md:[0-9]*: .*$2" "$T/$1.err" && [ ! -e "$T/badout" ] &&
		pass "include: $1 refused, nothing written" ||
		fail "include: $1 refused, nothing written" "exit $rc: $(cat "$T/$1.err")"
}
mk escape '{{#include ../../../../../../etc/passwd}}'
bad escape 'outside the book'
mk missing '{{#include nothing-here.rs}}'
bad missing 'cannot include nothing-here.rs'
mk loop '{{#include sub/a.md}}'
printf 'a {{#include b.md}}\n' >"$T/loop/src/sub/a.md"
printf 'b {{#include a.md}}\n' >"$T/loop/src/sub/b.md"
bad loop 'includes itself'
mk anchor '{{#include sub/x.rs:nowhere}}'
printf 'x\n' >"$T/anchor/src/sub/x.rs"
bad anchor 'no anchor "nowhere"'
# A symbolic link out of the book is an escape too.
mk link '{{#include sub/out.txt}}'
ln -s /etc/hostname "$T/link/src/sub/out.txt"
bad link 'outside the book'

# Issue 35: every file a book names lies inside the book and is a
# regular file.  A refused chapter is an error (exit 2) naming SUMMARY.md
# and its line; nothing is written, and the secret is nowhere.
refused_msg() {	# name, description, message regex : exit 2, nothing written
	rm -rf "$T/badout"
	timeout -k 5 20 "$QUIRE" -o "$T/badout" "$T/$1" >/dev/null 2>"$T/$1.err"
	local rc=$?
	[ $rc = 2 ] && grep -q "$3" "$T/$1.err" && [ ! -e "$T/badout" ] &&
		pass "confined: $2" || fail "confined: $2" "exit $rc: $(head -c 300 "$T/$1.err")"
}
refused() {	# name, pattern : $T/name refused with "FILE:LINE: ...pattern"
	refused_msg "$1" "$1 refused, nothing written" "^quire: [^ ]*:[0-9][0-9]*: .*$2"
}
chapters() {	# name, SUMMARY line : a book whose one chapter is that
	mkdir -p "$T/$1/src"
	printf '# Summary\n\n- [Intro](intro.md)\n%s\n' "$2" >"$T/$1/src/SUMMARY.md"
	printf '# Intro\n\nHello.\n' >"$T/$1/src/intro.md"
}
mkdir -p "$T/secret"
printf '# Secret\n\nSECRET-TOKEN-35\n' >"$T/secret/s.md"
chapters abs-chapter "- [P]($T/secret/s.md)"
refused abs-chapter 'chapter .*s.md lies outside the book'
chapters up-chapter '- [P](../../secret/s.md)'
refused up-chapter 'chapter .*s.md lies outside the book'
chapters link-chapter '- [P](link.md)'
ln -s "$T/secret/s.md" "$T/link-chapter/src/link.md"
refused link-chapter 'chapter .*link.md lies outside the book'
# book.toml's src may not leave the book; the message names its line.
chapters src-out ''
printf '# Summary\n\n- [S](s.md)\n' >"$T/secret/SUMMARY.md"
printf '[book]\ntitle = "Out"\nsrc = "../secret"\n' >"$T/src-out/book.toml"
refused_msg src-out "book.toml's src outside the book refused at its line" \
    "^quire: .*book.toml:3: src folder .*lies outside the book"
# A symlinked book.toml or SUMMARY.md leading out of the book.
chapters toml-link ''
ln -s "$T/secret/s.md" "$T/toml-link/book.toml"
refused_msg toml-link "a book.toml linked from outside the book refused" \
    "^quire: book.toml .*lies outside the book"
mkdir -p "$T/summary-link/src"
ln -s "$T/secret/SUMMARY.md" "$T/summary-link/src/SUMMARY.md"
refused_msg summary-link "a SUMMARY.md linked from outside the book refused" \
    "^quire: SUMMARY.md .*lies outside the book"
# A FIFO as a chapter or an include: refused at once, never opened (it
# would block forever).  The FIFOs are made in the test's own folder.
if mkfifo "$T/fifo-probe" 2>/dev/null; then
	chapters fifo-chapter '- [F](f.md)'
	mkfifo "$T/fifo-chapter/src/f.md"
	refused fifo-chapter 'chapter .*f.md is not a regular file'
	mk fifo-include '{{#include sub/f.md}}'
	mkfifo "$T/fifo-include/src/sub/f.md"
	refused fifo-include 'sub/f.md is not a regular file'
	chapters dir-chapter '- [D](sub)'
	mkdir -p "$T/dir-chapter/src/sub"
	refused dir-chapter 'chapter .*sub is not a regular file'
else
	skip "confined: FIFOs refused" "mkfifo failed in $T"
fi
# A chapter linked inside the book (and a symlink that stays inside) is
# still read.
chapters inside '- [Two](sub/two.md)'
mkdir -p "$T/inside/src/sub" "$T/inside/shared"
printf '# Two\n\nInside-35.\n' >"$T/inside/shared/two.md"
ln -s ../../shared/two.md "$T/inside/src/sub/two.md"
timeout -k 5 20 "$QUIRE" -t man -o "$T/inside.7" "$T/inside" 2>"$T/inside.err" &&
	grep -q 'Inside-35' "$T/inside.7" && pass "confined: a chapter linked inside the book is read" ||
	fail "confined: a chapter linked inside the book is read" "$(cat "$T/inside.err")"

# A chapter's front matter may name a cover anywhere in the book, and it
# is found from any folder.
chapters fm-cover ''
printf -- '---\ncover-image: ../cover.png\n---\n\n# Intro\n\nHello.\n' >"$T/fm-cover/src/intro.md"
cp "$BOOK/src/cover.png" "$T/fm-cover/cover.png"
mkdir -p "$T/elsewhere"
(cd "$T/elsewhere" && timeout -k 5 60 "$QUIRE" -t epub -o "$T/fm-cover.epub" "$T/fm-cover") 2>"$T/fm-cover.err" &&
	[ ! -s "$T/fm-cover.err" ] && unzip -l "$T/fm-cover.epub" | grep -q 'cover' &&
	pass "confined: a front matter cover in the book's folder is used" ||
	fail "confined: a front matter cover in the book's folder is used" "$(head -c 300 "$T/fm-cover.err")"

# A deeply nested book.toml (arrays, inline tables) is refused before
# cpptoml, whose recursive parser would overflow the stack.
for kind in array table; do
	chapters "deep-$kind" ''
	case $kind in
	array) python3 -c "print('[book]\ntitle = \"x\"\na = ' + '[' * 40000)" ;;
	table) python3 -c "print('[book]\ntitle = \"x\"\na = ' + '{b=' * 40000)" ;;
	esac >"$T/deep-$kind/book.toml"
	rm -rf "$T/badout"
	timeout -k 5 20 "$QUIRE" -o "$T/badout" "$T/deep-$kind" >/dev/null 2>"$T/deep.err"
	rc=$?
	[ $rc = 2 ] && grep -q "^quire: .*book.toml:3: .*nested more than" "$T/deep.err" &&
		pass "book.toml nested 40000 deep ($kind): exit 2 at its line, no crash" ||
		fail "book.toml nested 40000 deep ($kind): exit 2 at its line, no crash" "exit $rc: $(head -c 200 "$T/deep.err")"
done
# Nesting inside a string is text, not nesting.
chapters deep-string ''
python3 -c "print('[book]\ntitle = \"' + '[' * 1000 + '\"')" >"$T/deep-string/book.toml"
timeout -k 5 20 "$QUIRE" --dump "$T/deep-string" 2>"$T/deep.err" | grep -q 'title="\[\[\[' &&
	pass "book.toml: brackets inside a string are not nesting" ||
	fail "book.toml: brackets inside a string are not nesting" "$(head -c 200 "$T/deep.err")"

# Includes "billion laughs": each of 7 levels includes the next ten
# times.  The expansion is capped (100 times the files read), refused at
# once with a message.
mk laughs '{{#include sub/l1.md}}'
for i in 1 2 3 4 5 6; do
	for k in 1 2 3 4 5 6 7 8 9 10; do echo "{{#include l$((i + 1)).md}}"; done >"$T/laughs/src/sub/l$i.md"
done
echo 'ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha ha' >"$T/laughs/src/sub/l7.md"
start=$(date +%s)
rm -rf "$T/badout"
timeout -k 5 30 "$QUIRE" -o "$T/badout" "$T/laughs" >/dev/null 2>"$T/laughs.err"
rc=$? secs=$(( $(date +%s) - start ))
[ $rc = 2 ] && [ $secs -le 10 ] && grep -q "^quire: .*\.md:[0-9]*: the includes in this chapter come to more than" "$T/laughs.err" &&
	pass "include: billion laughs refused in ${secs}s" ||
	fail "include: billion laughs refused" "exit $rc after ${secs}s: $(head -c 300 "$T/laughs.err")"
# A file included many times is fine when the result stays in bounds.
mk reuse "$(for k in $(seq 50); do echo "{{#include sub/x.rs}}"; done)"
printf 'fn main() {}\n' >"$T/reuse/src/sub/x.rs"
timeout -k 5 20 "$QUIRE" -t man -o "$T/reuse.7" "$T/reuse" 2>"$T/reuse.err" &&
	[ "$(grep -c 'fn main' "$T/reuse.7")" = 50 ] && pass "include: one file included 50 times" ||
	fail "include: one file included 50 times" "$(head -c 300 "$T/reuse.err")"
# Scanning for directives is linear: 160 000 unclosed "{{#include"
# lines (2.4 MB) and one line of 40 000 directives take about as long as
# the same book with no directive in it (35 s and more before).
mk scan ''
mk plain ''
printf 'a' >"$T/scan/src/a.md"
python3 -c "
import sys
sys.stdout.write('# Scan\n\n' + '{{#include \n' * 80000 + 'x {{#include zz\n' * 80000 +
    '{{#include a.md}}' * 40000 + '\n')" >"$T/scan/src/one.md"
sed 's/{{#/[[#/g' "$T/scan/src/one.md" >"$T/plain/src/one.md"
ms() {	# book : milliseconds for --dump, output in $T/BOOK.dump
	local start=$(date +%s%N)
	timeout -k 5 30 "$QUIRE" --dump "$T/$1" >"$T/$1.dump" 2>"$T/$1.err" || echo 99999
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}
plain=$(ms plain | tail -1) scan=$(ms scan | tail -1)
[ "$scan" -lt $((plain * 3 + 2000)) ] && grep -q "a\{32000\}" "$T/scan.dump" &&
	pass "include: 160000 open directives and a line of 40000 scanned in $scan ms ($plain ms without)" ||
	fail "include: 160000 open directives and a line of 40000 scanned in time" "$scan ms ($plain ms without): $(head -c 200 "$T/scan.err")"

# The hostile books of the fuzz corpus: each ends in time, with status 0
# or with status 2 and a message, never a crash.
for b in tests/fuzz/books/*/; do
	name=$(basename "$b")
	rm -rf "$T/fz"
	timeout -k 5 60 "$QUIRE" -q -o "$T/fz" "$b" >/dev/null 2>"$T/fz.err"
	rc=$?
	{ [ $rc = 0 ] || { [ $rc = 2 ] && grep -q '^quire: ' "$T/fz.err"; }; } &&
		pass "fuzz book $name: exit $rc" ||
		fail "fuzz book $name" "exit $rc: $(head -c 200 "$T/fz.err")"
done

# From any folder, with no style file around: the built-in style and
# stylesheet.
(cd / && "$QUIRE" -q -o "$T/root" "$TOP/content/ai-engineer.md") 2>"$T/root.err" &&
	unzip -l "$T/root/ai-engineer.epub" | grep -q 'EPUB/epub.css' && [ ! -s "$T/root.err" ] &&
	pass "quire runs from / with its built-in style and stylesheet" ||
	fail "quire runs from / with its built-in style and stylesheet" "$(cat "$T/root.err")"
# -o DIR/ and a file in new folders are made, parents too.
"$QUIRE" -q -t pdf -o "$T/new/deeper/" content/ai-engineer.md && [ -f "$T/new/deeper/ai-engineer.pdf" ] &&
	pass "-o DIR/ made with its parents" || fail "-o DIR/ made with its parents"
"$QUIRE" -q -t man -o "$T/new2/a/page.7" content/ai-engineer.md && [ -f "$T/new2/a/page.7" ] &&
	pass "-o FILE in new folders" || fail "-o FILE in new folders"
# A book with no chapter file (one part, one draft) still takes its title
# and authors from book.toml, and -M above them; a bad -M value is still
# reported.
E="$T/emptybook"
mkdir -p "$E/src"
printf '[book]\ntitle = "Empty Book"\nauthors = ["Ann", "Bo"]\n' >"$E/book.toml"
printf '# Summary\n\n# Part one\n\n- [Draft]()\n' >"$E/src/SUMMARY.md"
"$QUIRE" --dump "$E" >"$T/empty.dump" 2>/dev/null
same "a book of parts and drafts takes book.toml's metadata" \
    "$(head -1 "$T/empty.dump" | grep -o '\(title\|author\)="[^"]*"' | tr '\n' ' ')" \
    'title="Empty Book" author="Ann" author="Bo" '
"$QUIRE" --dump -M title=Zed "$E" >"$T/empty.dump" 2>/dev/null
grep -q '^meta title="Zed"' "$T/empty.dump" && pass "a book of parts and drafts takes -M" ||
	fail "a book of parts and drafts takes -M" "$(head -1 "$T/empty.dump")"
"$QUIRE" --dump -M smart=maybe "$E" >/dev/null 2>"$T/empty.err"
grep -q 'smart: "maybe" is not true or false' "$T/empty.err" &&
	pass "a book of parts and drafts checks -M values" ||
	fail "a book of parts and drafts checks -M values" "$(cat "$T/empty.err")"

exit 0
