#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/stack.sh - the markup of the EPUB's stacked tables (issue 21):
# which tables may stack and below which width, the column headings
# repeated in body cells (hidden, aria-hidden), and a stylesheet that has
# a block for every breakpoint quire can choose.  How it looks in a
# browser is tests/t/viewport.sh's; the XHTML goldens are epub.sh's.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
D=$(scratch stack)

# unpack NAME FILE : quire -t epub, unpacked into $D/NAME/.
unpack() {
	"$QUIRE" -q -t epub -o "$D/$1.epub" "$2" 2>"$D/$1.err" &&
	    mkdir -p "$D/$1" && (cd "$D/$1" && unzip -q ../"$1.epub")
}
# xq FILE XPATH : the XPath's string value over the content files
# concatenated into one document.
X='//*[local-name()="'
xq() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}
# The content files of a book as one well-formed document.
joined() {
	{ echo '<book>'; for f in "$D/$1"/EPUB/c[0-9]*.xhtml; do
		sed '1{/^<?xml/d}; /^<!DOCTYPE/d' "$f"; done; echo '</book>'; } >"$D/$1.xml"
	echo "$D/$1.xml"
}

if ! unpack seed content/ai-engineer.md || ! unpack fix tests/cases/epub-stack.md; then
	fail "stack: build" "$(cat "$D"/*.err | head -c 300)"
	exit 0
fi
S=$(joined seed) F=$(joined fix)

# ---- the breakpoints: the C list, the stylesheet and the books agree -------
# (tablefit.c found wherever src/ keeps it.)
tablefit=$(grep -rl --include=tablefit.c 'breakpoints\[\] = {' src | head -1)
c_list=$(sed -n 's/.*breakpoints\[\] = { \(.*\) };.*/\1/p' "${tablefit:-src/epub/tablefit.c}" | tr -d ' ')
css_list=$(sed -n 's/^@media (max-width: \([0-9]*\)em) {$/\1/p' styles/epub.css | paste -sd, -)
same "stack: epub.css has a block for each breakpoint of tablefit.c" "$css_list" "$c_list"
bad=
for n in ${c_list//,/ }; do
	# Each block stacks its own class, and only that.
	block=$(sed -n "/^@media (max-width: ${n}em) {\$/,/^}/p" styles/epub.css)
	others=$(printf '%s\n' "$block" | grep -o '\.stack-[0-9]*' | sort -u)
	[ "$others" = ".stack-$n" ] &&
	    printf '%s\n' "$block" | grep -q "\.stack-$n \.cell-label { display: inline; }" &&
	    printf '%s\n' "$block" | grep -q "\.stack-$n td {\$" ||
	    bad="$bad $n"
done
[ -z "$bad" ] && pass "stack: every breakpoint block stacks its own class" ||
    fail "stack: every breakpoint block stacks its own class" "$bad"
used=$(cat "$D"/seed/EPUB/*.xhtml "$D"/fix/EPUB/*.xhtml | grep -o 'stack-[0-9]*' | sort -u)
bad=
for u in $used; do
	case ",$c_list," in *",${u#stack-},"*) ;; *) bad="$bad $u" ;; esac
done
[ -z "$bad" ] && pass "stack: books use only the stylesheet's breakpoints" ||
    fail "stack: books use only the stylesheet's breakpoints" "$bad"

# ---- the seed's table --------------------------------------------------------
same "seed: the table stacks below 36em" \
    "$(xq "$S" "string(${X}div\"][${X}table\"]]/@class)")" "table-wrap stack-36"
same "seed: a label in each of the 10 body cells" \
    "$(xq "$S" "count(${X}tbody\"]//*[local-name()=\"td\"]/*[1][@class=\"cell-label\"][@aria-hidden=\"true\"][@hidden])")" 10
same "seed: column 2 is labelled AI Engineer" \
    "$(xq "$S" "count(${X}tbody\"]/*/*[2]/*[@class=\"cell-label\"][.=\"AI Engineer: \"])")" 5
same "seed: column 3 is labelled ML Engineer" \
    "$(xq "$S" "count(${X}tbody\"]/*/*[3]/*[@class=\"cell-label\"][.=\"ML Engineer: \"])")" 5
same "seed: row labels and the header row carry no label" \
    "$(xq "$S" "count(${X}th\"]//*[@class=\"cell-label\"])")" 0
same "seed: the lists stay lists after their label" \
    "$(xq "$S" "count(${X}td\"][*[1][@class=\"cell-label\"]]/*[2][local-name()=\"ul\"])")" 2
same "seed: roles as the elements' own" \
    "$(xq "$S" "concat(count(${X}table\"][@role=\"table\"]), \"/\", count(${X}tr\"][@role=\"row\"]), \"/\", count(${X}th\"][@scope=\"col\"][@role=\"columnheader\"]), \"/\", count(${X}th\"][@scope=\"row\"][@role=\"rowheader\"]), \"/\", count(${X}td\"][@role=\"cell\"]))")" "1/6/3/5/10"

# ---- the fixture ---------------------------------------------------------------
wraps=$(xq "$F" "${X}div\"][${X}table\"]]/@class" | sed 's/ *class="\([^"]*\)"/\1\n/g' | grep . | paste -sd, -)
same "fixture: which tables stack, and where" "$wraps" \
    "table-wrap stack-48,table-wrap,table-wrap stack-36,table-wrap stack-30,table-wrap stack-42,table-wrap stack-24,table-wrap,table-wrap stack-24"
same "fixture: a grid that fits keeps today's markup" \
    "$(xq "$F" "count(${X}div\"][@class=\"table-wrap\"]//*[@role or @class=\"cell-label\"])")" 0
same "fixture: a rowspan cell is labelled by its column's headings" \
    "$(xq "$F" "string(${X}td\"][@rowspan=\"2\"]/*[@class=\"cell-label\"])")" "Autumn term / Literature: "
same "fixture: a colspan cell by its first column's" \
    "$(xq "$F" "string(${X}td\"][@colspan=\"2\"]/*[@class=\"cell-label\"])")" "Spring term / Mathematics: "
same "fixture: a body header cell in column 1 heads its row, unlabelled" \
    "$(xq "$F" "count(${X}tbody\"]//*[local-name()=\"th\"][.=\"Ada\" or .=\"Charles\"][not(*)])")" 2
same "fixture: an empty cell gets no label (it is hidden when stacked)" \
    "$(xq "$F" "count(${X}td\"][not(node())])")" 1
same "fixture: tables in a list item and a quote stack too" \
    "$(xq "$F" "count(${X}li\"]//*[contains(@class,\"stack-\")] | ${X}blockquote\"]//*[contains(@class,\"stack-\")])")" 2
exit 0
