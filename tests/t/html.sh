# SPDX-License-Identifier: GPL-3.0-or-later
# Raw HTML becomes model nodes (issue 14): one parse, every format.
# The README-shaped and API-reference fixtures (tests/cases/html-*.md)
# also run through every validator and golden in man.sh, epub.sh and
# pdf.sh; here, what a reader of each format must find.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch html)

publish() {	# name, file : all three formats into $T/out
	"$QUIRE" -q -o "$T/out" "$2" 2>"$T/$1.err" ||
		{ fail "$1: publishes" "$(head -c 300 "$T/$1.err")"; return 1; }
}

# ---- the API reference: a 30-row HTML table of constants --------------
API=tests/cases/html-api.md
publish api "$API" || exit 0
txt=$(pdftotext -layout "$T/out/html-api.pdf" -)
if grep -qE '<t[dhr]|</' <<<"$txt"; then
	fail "PDF: no HTML source on any page" "$(grep -nE '<t[dhr]|</' <<<"$txt" | head -2)"
else
	pass "PDF: no HTML source on any page"
fi
n=$(grep -c 'WIDGET_[A-Z]* *[0-9][0-9]* *Status' <<<"$txt")
[ "$n" = 30 ] && pass "PDF: 30 rows, name, value and meaning on one line" ||
	fail "PDF: 30 rows, name, value and meaning on one line" "$n"
# Reading order: the names come out in the source's order.
got=$(pdftotext -raw "$T/out/html-api.pdf" - | grep -o '^WIDGET_[A-Z]*' | head -30 | tr '\n' ' ')
want=$(grep -o '<td><code>WIDGET_[A-Z]*' "$API" | sed 's/<td><code>//' | head -30 | tr '\n' ' ')
[ "$got" = "$want" ] && pass "PDF: table words in reading order" ||
	fail "PDF: table words in reading order" "$got"
# Links in cells: 30 internal (to the <a id> anchors), 30 external.
for fmt in epub; do
	x=$(unzip -p "$T/out/html-api.epub" 'EPUB/c*.xhtml')
	ni=$(grep -o 'href="c[0-9]*\.xhtml#[a-z]*"' <<<"$x" | wc -l)
	ne=$(grep -o 'href="https://example.org/widget/[a-z]*"' <<<"$x" | wc -l)
	[ "$ni" -ge 30 ] && [ "$ne" = 30 ] && pass "$fmt: links in cells ($ni internal, $ne external)" ||
		fail "$fmt: links in cells" "$ni internal, $ne external"
done
# Every cell's text is on the man page, at 80 and at 60 columns.
for w in 80 60; do
	page=$(MANWIDTH=$w man -l "$T/out/html-api.7" 2>/dev/null)
	miss=""
	for word in $(grep -o 'WIDGET_[A-Z]*' "$API" | sort -u) Transient Fatal retry interrupted; do
		grep -q "$word" <<<"$page" || miss="$miss $word"
	done
	[ -z "$miss" ] && pass "man at $w: every cell's text" || fail "man at $w: every cell's text" "$miss"
done
# Spans: tbl's "s" and "^" in man, colspan/rowspan in the EPUB, the
# spanning row with no rule under "Transient" in the PDF (checked by the
# dump: the model holds the spans).
grep -q '^l.*s' "$T/out/html-api.7" && grep -q '\^' "$T/out/html-api.7" &&
	pass "man: tbl spans" || fail "man: tbl spans"
grep -q 'rowspan="3"' <<<"$x" && grep -q 'colspan="2"' <<<"$x" &&
	pass "EPUB: colspan and rowspan" || fail "EPUB: colspan and rowspan"
"$QUIRE" -q --dump "$API" | grep -q 'cell .* span=1x3' &&
	pass "model: a cell spanning three rows" || fail "model: a cell spanning three rows"

# ---- the README: centred logo, badges, details, aligned blocks --------
RM=tests/cases/html-readme.md
publish readme "$RM" || exit 0
x=$(unzip -p "$T/out/html-readme.epub" 'EPUB/c*.xhtml')
for want in '<div class="align-center">' '<details open="open">' '<summary>' \
    '<dl>' '<figure>' '<figcaption>' 'class="page-break"' '<var class="placeholder">&lt;file&gt;</var>' \
    '<mark>December</mark>' '<u>new</u>' '<small>'; do
	case $x in *"$want"*) pass "EPUB: $want" ;; *) fail "EPUB: $want" ;; esac
done
for bad in '<script' '<iframe' 'alert(' 'frame text' '<!--'; do
	case $x in *"$bad"*) fail "EPUB: no $bad" ;; *) pass "EPUB: no $bad" ;; esac
done
"$QUIRE" -t man -o "$T/readme.7" "$RM" 2>"$T/readme.err"
grep -q 'html-readme.md:[0-9]*: warning: <script> dropped with its content' "$T/readme.err" &&
	pass "warned about <script>, with its line" || fail "warned about <script>, with its line"
txt=$(pdftotext -layout "$T/out/html-readme.pdf" -)
grep -q '<file>' <<<"$txt" && grep -q '<branch-name>' <<<"$txt" &&
	pass "PDF: <file> placeholders kept as written" || fail "PDF: <file> placeholders kept as written"
pages=$(pdfinfo "$T/out/html-readme.pdf" | awk '/^Pages:/ {print $2}')
p2=$(pdftotext -f 2 -l 2 "$T/out/html-readme.pdf" - | head -1)
[ "$pages" = 2 ] && [ "$p2" = Appendix ] && pass "PDF: the page break starts the appendix's page" ||
	fail "PDF: the page break starts the appendix's page" "$pages pages, page 2 starts '$p2'"
n=$(pdfimages -list "$T/out/html-readme.pdf" 2>/dev/null | grep -c ' image ')
[ "$n" -ge 2 ] && pass "PDF: the logo and the figure drawn ($n)" || fail "PDF: the logo and the figure drawn" "$n"
page=$(MANWIDTH=80 man -l "$T/out/html-readme.7" 2>/dev/null)
for want in 'Advanced options' 'The advanced options are' 'Why is it called quire' \
    'Is it fast?' 'Neither.' 'Last reviewed in December'; do
	grep -q "$want" <<<"$page" && pass "man: $want" || fail "man: $want"
done
grep -q '\\fIfile\\f' "$T/out/html-readme.7" && pass "man: <file> as an italic placeholder" ||
	fail "man: <file> as an italic placeholder"
# The <dl>'s terms as .TP/.TQ tags.
grep -q '^\.TQ' "$T/out/html-readme.7" && pass "man: two terms, one definition (.TQ)" ||
	fail "man: two terms, one definition (.TQ)"

# ---- stitching: a block split by blank lines, and one never closed ----
printf '<div align="center">\n\n# Centred\n\nText *in* it.\n\n</div>\n\nAfter.\n' >"$T/stitch.md"
d=$("$QUIRE" --dump "$T/stitch.md" 2>&1)
grep -A3 '^    div .*align=center' <<<"$d" | grep -q 'paragraph' &&
	grep -q '^    paragraph .*' <<<"$d" && pass "split <div> holds its Markdown" ||
	fail "split <div> holds its Markdown" "$d"
printf 'Before.\n\n<div>\n\nInside an open div.\n\n## Later\n\nMore.\n' >"$T/open.md"
"$QUIRE" -q -o "$T/open" "$T/open.md" 2>/dev/null
"$QUIRE" --dump "$T/open.md" >"$T/open.dump" 2>"$T/open.err"
grep -q 'open.md:3: warning: <div> is not closed' "$T/open.err" &&
	pass "an unclosed <div> is reported with its line" ||
	fail "an unclosed <div> is reported with its line" "$(cat "$T/open.err")"
grep -q '^    heading .* level=2' "$T/open.dump" &&
	pass "an unclosed <div> swallows nothing" || fail "an unclosed <div> swallows nothing"
# Inline: an element left open ends with its paragraph.
printf 'A <b>bold start\n\nand a new paragraph.\n' >"$T/inl.md"
"$QUIRE" --dump "$T/inl.md" 2>/dev/null | grep -A2 '^    paragraph 3' | grep -q strong &&
	fail "an open <b> stays in its paragraph" || pass "an open <b> stays in its paragraph"

# Issue 35: HTML5's void elements are not containers.  libxml2's HTML 4
# parser took <source>, <track>, <keygen>, <wbr> for containers and
# everything after them in the block was lost.  GitHub's dark-mode logo,
# on separate lines, keeps its <img>.
mkdir -p "$T/void"
printf '\x89PNG\r\n\x1a\n' >"$T/void/light.png"
cat >"$T/void/logo.md" <<'MD'
# Logo

<picture>
  <source media="(prefers-color-scheme: dark)" srcset="dark.png">
  <source media="(prefers-color-scheme: light)" srcset="light.png">
  <img alt="The project logo" src="light.png">
</picture>

After the logo.

<div>before <source src=x> after-source</div>

<p>one <track src=x> two <embed src=y> three <keygen> four <wbr> five</p>

<div>héllo ☃ <source src="a>b"> après-source</div>

<div>
<video controls>
<source src="movie.mp4" type="video/mp4">
</video>
Kept after video.
</div>

Final.
MD
timeout -k 5 20 "$QUIRE" --dump "$T/void/logo.md" >"$T/void.dump" 2>"$T/void.err"
grep -q 'image .*url="light.png"' "$T/void.dump" && grep -q '"The project logo"' "$T/void.dump" &&
	pass "void: <picture> with <source> lines becomes its <img>" ||
	fail "void: <picture> with <source> lines becomes its <img>" "$(head -c 400 "$T/void.dump")"
grep -q 'after-source' "$T/void.dump" && pass "void: text after <source> in a block is kept" ||
	fail "void: text after <source> in a block is kept" "$(grep -n before "$T/void.dump")"
grep -q '"one  two  three  four  five"' "$T/void.dump" &&
	pass "void: <track>, <embed>, <keygen>, <wbr> lose nothing after them" ||
	fail "void: <track>, <embed>, <keygen>, <wbr> lose nothing after them" "$(grep -n one "$T/void.dump")"
grep -q 'après-source' "$T/void.dump" && pass "void: non-ASCII text and a '>' in an attribute before it" ||
	fail "void: non-ASCII text and a '>' in an attribute before it" "$(grep -n llo "$T/void.dump")"
grep -q 'Kept after video' "$T/void.dump" && grep -q '"Final."' "$T/void.dump" &&
	pass "void: text after a <video>'s <source> is kept" ||
	fail "void: text after a <video>'s <source> is kept" "$(tail -5 "$T/void.dump")"
timeout -k 5 60 "$QUIRE" -q -o "$T/void/out" "$T/void/logo.md" 2>"$T/void.err" &&
	pdftotext "$T/void/out/logo.pdf" - | grep -q 'after-source' &&
	unzip -p "$T/void/out/logo.epub" | grep -q 'after-source' &&
	grep -q 'after-source' "$T/void/out/logo.7" &&
	pass "void: the text after <source> reaches every format" ||
	fail "void: the text after <source> reaches every format" "$(head -c 300 "$T/void.err")"

# An HTML table of 1001 plain cells in a row ends, with one warning, and
# keeps every cell (the rows past 1000 columns wrap).
python3 -c "print('<table><tr>' + ''.join('<td>c%d</td>' % i for i in range(1001)) + '</tr></table>')" >"$T/wide.md"
timeout -k 5 20 "$QUIRE" --dump "$T/wide.md" >"$T/wide.dump" 2>"$T/wide.err"
rc=$?
[ $rc = 0 ] && [ "$(grep -c 'reaches past 1000 columns' "$T/wide.err")" = 1 ] &&
	[ "$(wc -l <"$T/wide.err")" = 1 ] && grep -q '"c1000"' "$T/wide.dump" &&
	pass "a table of 1001 cells in a row ends with one warning, every cell kept" ||
	fail "a table of 1001 cells in a row ends with one warning, every cell kept" "exit $rc, $(wc -l <"$T/wide.err") lines: $(head -c 200 "$T/wide.err")"
exit 0
