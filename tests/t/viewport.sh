#!/usr/bin/env bash
# tests/t/viewport.sh - the EPUB's tables in a browser at phone and tablet
# widths (tests/viewport.js): every chapter of the seed book and of
# tests/cases/epub-stack.md (wide and narrow tables, lists in cells, spans
# from HTML, tables in a list item and in a quote) at 360 and 1024 CSS
# pixels.  Needs Debian's chromium and puppeteer-core from npm, which
# scripts/check-a11y --setup installs into .cache/.  Screenshots of every
# page at both widths are left in $BUILD/viewport/ to be looked at.
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
# viewport.js prints a line per check, and a FAIL when the browser
# fails; if node itself cannot start it, that is a FAIL too.
node tests/viewport.js "${ACE_DIR:-.cache/ace}" "$SHOTS" "${files[@]}" >"$D/out" 2>"$D/err"
rc=$?
cat "$D/out"
if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$D/out"; then
	fail "viewport: tests/viewport.js" "exit $rc: $(tail -3 "$D/err" | tr '\n' ' ')"
elif ! grep -q '^PASS' "$D/out"; then
	fail "viewport: tests/viewport.js" "no check made: $(tail -3 "$D/err" | tr '\n' ' ')"
fi
exit 0
