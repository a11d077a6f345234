#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/bench.sh - the code-heavy bench corpora and their bench (issue 36).
#
#  - tests/bench/gen-code writes the same reference every time, a smaller
#    one a prefix-like sample of the same kind: many short fenced blocks
#    in many languages, inline code, HTML tables;
#  - its mdBook book has the listings asked for and quire publishes it
#    without a warning (every link it writes resolves);
#  - tests/bench/code-bench runs end to end on small corpora and reports
#    each table and target, highlighting's share and the parse's ratio.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch bench)
GEN=tests/bench/gen-code

# ok NAME WHY COMMAND... : PASS when the command succeeds, else FAIL with WHY.
ok() {
	local name=$1 why=$2; shift 2
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "$why"; fi
}

perl "$GEN" -b 200000 >"$S/a.md" 2>"$S/gen.err" &&
    perl "$GEN" -b 200000 >"$S/b.md" 2>>"$S/gen.err"
check gen-code-deterministic cmp -s "$S/a.md" "$S/b.md"

blocks=$(grep -c '^```[a-z]' "$S/a.md")
langs=$(sed -n 's/^```\([a-z]*\).*/\1/p' "$S/a.md" | sort -u | wc -l)
ok gen-code-many-blocks "$blocks blocks" [ "$blocks" -ge 150 ]
ok gen-code-languages "$langs languages" [ "$langs" -ge 10 ]
check gen-code-html-tables grep -q '^<table>' "$S/a.md"
inline=$(grep -v '^```' "$S/a.md" | grep -o '`[^`]*`' | wc -l)
ok gen-code-inline-code "$inline code spans" [ "$inline" -ge 1000 ]

perl "$GEN" -B "$S/book" -n 400 2>"$S/book.err"
listings=$(cat "$S"/book/src/*.md 2>/dev/null | grep -c '^```[a-z]')
ok gen-code-book-listings "$listings listings" [ "$listings" -ge 400 ]
check gen-code-book-files test -s "$S/book/book.toml" -a -s "$S/book/src/SUMMARY.md"
"$QUIRE" -j 2 -o "$S/book.out" "$S/book" >"$S/quire.out" 2>"$S/quire.err"
rc=$?
warned=$(grep -v 'quire: font' "$S/quire.err" | head -n 2)
ok gen-code-book-publishes "exit $rc: $warned" [ $rc -eq 0 -a -z "$warned" ]
made=$(ls "$S/book.out" 2>/dev/null | grep -cE '\.(pdf|epub|[1-9])$')
ok gen-code-book-formats "$made of the three formats made" [ "$made" -eq 3 ]

BUILD=$S/build RUNS=1 SCALE=2 BYTES=30000 LISTINGS=12 PANDOC=0 QUIRE="$QUIRE" \
    tests/bench/code-bench >"$S/bench.out" 2>"$S/bench.err"
rc=$?
ok code-bench-runs "exit $rc: $(tail -n 2 "$S/bench.err")" [ $rc -eq 0 ]
R=$S/build/bench/results-code.md
# The other tools' PDFs are not quire's: no PDF/UA check for them.
while IFS= read -r f; do
	pdfua_exempt "$f" "made by lowdown or pandoc with groff"
done < <(find "$S/build" -name '*-lowdown.pdf' -o -name '*-pandoc.pdf')
for want in '### API reference' '### mdBook book' "highlighting's share of a -j 1 run" "share of a run on" \
    'read+parse without highlighting' '| \*\*quire -t pdf\*\* |' 'Linearity' \
    '| read+parse |'; do
	name=code-bench-reports-$(echo "$want" | tr -cs 'a-z0-9' - | sed 's/^-//; s/-$//')
	ok "$name" "no '$want' in the results" grep -q -- "$want" "$R"
done
failed=$(grep FAILED "$R" | grep -v groff | head -n 1)
ok code-bench-no-failure "$failed" [ -z "$failed" ]
