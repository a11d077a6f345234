#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/a11y.sh - Ace by DAISY over every book the suite makes: each
# tests/cases/*.md, each content/*.md, the right-to-left books of
# tests/bidi/ and the linked three-file book and the mdBook book, as
# EPUBs; every one must have zero violations, whatever their impact.
# Ace (from npm into .cache/) and Debian's chromium come through
# scripts/check-a11y, which also runs `make check-a11y`.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
D=$(scratch a11y)

books=()
# book NAME FILE... : quire -t epub into $D/NAME.epub, for Ace.
book() {
	local name=$1; shift
	if "$QUIRE" -q -t epub -o "$D/$name.epub" "$@" 2>"$D/$name.err"; then
		books+=("$D/$name.epub")
	else
		fail "a11y: build $name" "$(head -c 300 "$D/$name.err")"
	fi
}
for md in tests/cases/*.md content/*.md tests/bidi/*.md; do
	[ -f "$md" ] || continue
	name=$(basename "$md" .md)
	case $md in
	content/*) name="content-$name" ;;
	tests/bidi/*) name="bidi-$name" ;;	# right-to-left books
	esac
	book "$name" "$md"
done
book linked tests/books/linked/*.md
book mdbook -M cover-image=tests/books/mdbook/src/cover.png tests/books/mdbook

# check-a11y prints a PASS or FAIL line for every book; its own failure
# (to install Ace or chromium, or to start) becomes one FAIL line here.
# Ace is installed first under the suite's lock: viewport.sh, which may
# be running beside this script, installs into the same .cache/ace.
: >"$D/ace.out"
if locked scripts/check-a11y --setup >"$D/setup.log" 2>"$D/ace.err"; then
	scripts/check-a11y "${books[@]}" >"$D/ace.out" 2>"$D/ace.err"
fi
rc=$?
cat "$D/ace.out"
n=$(grep -cE '^(PASS|FAIL) ace ' "$D/ace.out")
if [ "$n" -ne ${#books[@]} ] || { [ $rc -ne 0 ] && ! grep -q '^FAIL' "$D/ace.out"; }; then
	fail "a11y: check-a11y reported $n of ${#books[@]} books" \
	    "$(tail -3 "$D/ace.err" | tr '\n' ' ')"
fi
exit 0
