# SPDX-License-Identifier: GPL-3.0-or-later
# The parser alone, through --dump: golden trees for tests/dump/*.md and
# the seed, and the seed's table checked property by property.
# UPDATE=1 rewrites the goldens (read the diff before committing).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"

golden() {	# name, input
	local want="tests/dump/$1.dump" got="$TMPROOT/$1.dump"
	"$QUIRE" -q --dump "$2" >"$got" 2>/dev/null || { fail "dump $1" "exit $?"; return; }
	if [ -n "${UPDATE:-}" ]; then cp "$got" "$want"; fi
	if cmp -s "$got" "$want"; then pass "dump $1"
	else fail "dump $1" "$(diff "$want" "$got" | head -5 | tr '\n' ' ')"; fi
}
for f in tests/dump/*.md; do
	golden "$(basename "$f" .md)" "$f"
done
golden seed content/ai-engineer.md

# Acceptance 2 of the foundation, asserted on the tree itself.
d=$("$QUIRE" --dump content/ai-engineer.md)
grep -q '^meta title="Introduction to AI Engineers"' <<<"$d" &&
	pass "seed: title from the metadata" || fail "seed: title from the metadata"
grep -q '^    table [0-9]* cols=3 ' <<<"$d" &&
	pass "seed: table has 3 columns" || fail "seed: table has 3 columns"
rows=$(grep -c '^      row ' <<<"$d")
hdr=$(grep -c '^      row [0-9]* header' <<<"$d")
[ "$rows" = 6 ] && [ "$hdr" = 1 ] && pass "seed: 6 rows, 1 header" ||
	fail "seed: 6 rows, 1 header" "rows=$rows header=$hdr"
# The two cells after the "Key Responsibilities" label: lists of 4 items.
kr=$(awk '/text [0-9]+ "Key Responsibilities"/ {on=1; next}
	on && /^      row / {exit}
	on && /^        cell / {c++}
	on && /^          list / {l[c]++}
	on && /^            item / {i[c]++}
	END {printf "%d %d %d %d", l[1], i[1], l[2], i[2]}' <<<"$d")
[ "$kr" = "1 4 1 4" ] && pass "seed: both Key Responsibilities cells hold 4-item lists" ||
	fail "seed: both Key Responsibilities cells hold 4-item lists" "got lists/items $kr"
grep -qi '<br' <<<"$d" && fail "seed: no raw <br> survives" || pass "seed: no raw <br> survives"
for f in tests/dump/*.md; do
	"$QUIRE" -q --dump "$f" | grep -qi '<br' && fail "no raw <br> in $f" || pass "no raw <br> in $f"
done

# GitHub's additions (issue 15).  Smart punctuation is off unless asked
# for: by the style, by the front matter or by -M, which wins; code is
# never touched.
D=$TMPROOT/gfm
mkdir -p "$D"
printf 'He said "yes" -- twice `"--x"`.\n' >"$D/smart.md"
printf 'markdown:\n  smart: true\n' >"$D/smart.yaml"
smart() { "$QUIRE" -q --dump "$@" "$D/smart.md" | grep -c '“yes” –'; }
[ "$(smart)" = 0 ] && pass "smart: off by default" || fail "smart: off by default"
[ "$(smart -s "$D/smart.yaml")" = 1 ] && pass "smart: the style turns it on" ||
	fail "smart: the style turns it on"
[ "$(smart -M smart=true)" = 1 ] && pass "smart: -M smart=true" ||
	fail "smart: -M smart=true"
[ "$(smart -s "$D/smart.yaml" -M smart=no)" = 0 ] &&
	pass "smart: -M wins over the style" || fail "smart: -M wins over the style"
"$QUIRE" -q --dump -M smart=true "$D/smart.md" | grep -qF 'code 1 "\"--x\""' &&
	pass "smart: code untouched" || fail "smart: code untouched"

# Footnotes through a book: numbered on from file to file, or from 1 in
# each with markdown.footnotes: chapter; ids stay unique either way.
printf 'One[^a] two[^b].\n\n[^a]: A.\n[^b]: B.\n' >"$D/ch1.md"
printf 'Three[^a].\n\n[^a]: C.\n' >"$D/ch2.md"
printf 'markdown:\n  footnotes: chapter\n' >"$D/restart.yaml"
nums() { "$QUIRE" -q --dump "$@" "$D/ch1.md" "$D/ch2.md" |
	sed -n 's/^  footnote [0-9]* num=\([0-9]*\) .* id="\([^"]*\)".*/\1:\2/p' | tr '\n' ' '; }
got=$(nums)
[ "$got" = "1:fn-a 2:fn-b 3:fn-a-1 " ] && pass "footnotes numbered through a book" ||
	fail "footnotes numbered through a book" "$got"
got=$(nums -s "$D/restart.yaml")
[ "$got" = "1:fn-a 2:fn-b 1:fn-a-1 " ] && pass "footnotes numbered per chapter" ||
	fail "footnotes numbered per chapter" "$got"

# A note never referenced is left out and a reference to a missing note
# stays as written, each with a warning naming the file and line.
printf 'Text[^gone] and[^here].\n\n[^here]: Kept.\n\n[^unused]: Dropped.\n' >"$D/warn.md"
"$QUIRE" --dump "$D/warn.md" >"$D/warn.dump" 2>"$D/warn.err"
grep -qx "quire: $D/warn.md:5: warning: footnote \[^unused\] is never referenced; it is left out" "$D/warn.err" &&
	! grep -q 'Dropped' "$D/warn.dump" &&
	pass "footnotes: an unused note is reported and left out" ||
	fail "footnotes: an unused note is reported and left out" "$(cat "$D/warn.err")"
grep -qx "quire: $D/warn.md:1: warning: footnote \[^gone\] has no note; it stays as written" "$D/warn.err" &&
	grep -q 'text 1 "Text\[^gone\] and"' "$D/warn.dump" &&
	pass "footnotes: a missing note is reported, the text kept" ||
	fail "footnotes: a missing note is reported, the text kept" "$(cat "$D/warn.err")"
