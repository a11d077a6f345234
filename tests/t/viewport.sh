#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/viewport.sh - the EPUB's tables in a browser at phone and tablet
# widths (tests/viewport.js): every chapter of the seed book and of
# tests/cases/epub-stack.md (wide and narrow tables, lists in cells, spans
# from HTML, tables in a list item and in a quote) at 360 and 1024 CSS
# pixels.  Then the text of those books, of tests/cases/epub-reader.md
# and of the mdBook fixture as a reader sees it at 360, 768 and 1280 px
# (tests/reader.js).  Needs Debian's chromium and puppeteer-core from
# npm, which scripts/check-a11y --setup installs into .cache/.
# Screenshots of every page are left in $BUILD/viewport/ to be looked at.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
D=$(scratch viewport)
SHOTS="$BUILD/viewport"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"

if ! locked scripts/check-a11y --setup >"$D/setup.log" 2>&1; then
	fail "viewport: browser and puppeteer-core" "$(tail -3 "$D/setup.log" | tr '\n' ' ')"
	exit 0
fi
files=()
for md in content/ai-engineer.md tests/cases/epub-stack.md; do
	name=$(basename "$md" .md)
	if "$QUIRE" -q -t epub -o "$D/$name.epub" "$md" 2>"$D/$name.err" &&
	    mkdir -p "$D/$name" && (cd "$D/$name" && unzip -q ../"$name.epub"); then
		files+=("$D/$name"/EPUB/c[0-9]*.xhtml)
	else
		fail "viewport: build $name" "$(head -c 300 "$D/$name.err")"
	fi
done
# browse SCRIPT FILE... : node runs tests/SCRIPT over the files; it
# prints a line per check, and a FAIL when the browser fails; if node
# itself cannot start it, that is a FAIL too.
browse() {
	local js=$1; shift
	node "tests/$js" "${ACE_DIR:-.cache/ace}" "$SHOTS" "$@" >"$D/out" 2>"$D/err"
	local rc=$?
	cat "$D/out"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$D/out"; then
		fail "viewport: tests/$js" "exit $rc: $(tail -3 "$D/err" | tr '\n' ' ')"
	elif ! grep -q '^PASS' "$D/out"; then
		fail "viewport: tests/$js" "no check made: $(tail -3 "$D/err" | tr '\n' ' ')"
	fi
}
browse viewport.js "${files[@]}"

# The text as a reader sees it (tests/reader.js): inline code's size,
# code blocks aligned left (the mdBook fixture's listings too), note
# references that leave the line height alone, two-column tables kept
# as grids where they fit, landmarks hidden by the stylesheet.
reader=("${files[@]}")
for md in tests/cases/epub-reader.md; do
	name=$(basename "$md" .md)
	if "$QUIRE" -q -t epub -o "$D/$name.epub" "$md" 2>"$D/$name.err" &&
	    mkdir -p "$D/$name" && (cd "$D/$name" && unzip -q ../"$name.epub"); then
		reader+=("$D/$name"/EPUB/c[0-9]*.xhtml "$D/$name/EPUB/nav.xhtml")
	else
		fail "viewport: build $name" "$(head -c 300 "$D/$name.err")"
	fi
done
if "$QUIRE" -q -t epub -o "$D/mdbook.epub" tests/books/mdbook 2>"$D/mdbook.err" &&
    mkdir -p "$D/mdbook" && (cd "$D/mdbook" && unzip -q ../mdbook.epub); then
	reader+=("$D/mdbook"/EPUB/c[0-9]*.xhtml "$D/mdbook/EPUB/nav.xhtml")
else
	fail "viewport: build mdbook" "$(head -c 300 "$D/mdbook.err")"
fi
browse reader.js "${reader[@]}"
exit 0
