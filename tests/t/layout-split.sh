# SPDX-License-Identifier: GPL-3.0-or-later
# The PDF body laid out in two parts on two threads (src/pdf/layout/
# split.c): on a document over the threshold the split must happen and
# keep most of the second part, and the PDF must be the one thread's to
# the byte.  Below the threshold, and at -j 1, there is no second part.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch layout-split)

# About 150 KB of prose, lists, code and a table: well over split.c's
# SPLIT_MIN (64 KB), in two chapters so a cut can fall between them.
for ch in 1 2; do
	{
		echo "# Chapter $ch"
		for i in $(seq 1 120); do
			echo
			echo "## Section $ch.$i"
			echo
			echo "Paragraph $i of chapter $ch, long enough to need several lines in the PDF's measure: the layout breaks it with Knuth and Plass, hyphenates where the patterns allow and justifies every line but the last one."
			echo
			echo "- an item with \`inline code\` and **strong** words"
			echo "- a second item, *emphasised*"
			echo
			echo '```c'
			echo "int f$i(int x) { return x * $i; }"
			echo '```'
		done
		echo
		echo "| key | value |"
		echo "|-----|-------|"
		for i in $(seq 1 20); do echo "| k$i | v$i |"; done
	} >"$T/ch$ch.md"
done
"$QUIRE" -v -j 2 -t pdf -o "$T/j2.pdf" "$T/ch1.md" "$T/ch2.md" 2>"$T/j2.err"
rc2=$?
"$QUIRE" -v -j 1 -t pdf -o "$T/j1.pdf" "$T/ch1.md" "$T/ch2.md" 2>"$T/j1.err"
rc1=$?
check "split: both runs succeed" [ $rc1 -eq 0 -a $rc2 -eq 0 ]
note=$(grep -o 'second part from [^:]*:[0-9]*, on another thread: [0-9]* of [0-9]* blocks kept' "$T/j2.err")
if [ -n "$note" ]; then pass "split: -j 2 lays the body out in two parts"
else fail "split: -j 2 lays the body out in two parts" "no split note in: $(head -c 300 "$T/j2.err")"; fi
kept=$(echo "$note" | sed -n 's/.*thread: \([0-9]*\) of \([0-9]*\) blocks kept/\1 \2/p')
set -- $kept
if [ -n "${1:-}" ] && [ "$1" -gt 0 ] && [ $(( $1 * 10 )) -ge $(( $2 * 9 )) ]; then
	pass "split: at least 9 in 10 of the second part's blocks kept ($1 of $2)"
else
	fail "split: at least 9 in 10 of the second part's blocks kept" "${kept:-none}"
fi
check "split: the PDF is -j 1's to the byte" cmp -s "$T/j1.pdf" "$T/j2.pdf"
if grep -q 'second part' "$T/j1.err"; then fail "split: none at -j 1" "$(grep 'second part' "$T/j1.err")"
else pass "split: none at -j 1"; fi

# Below the threshold: one part, whatever the threads.
head -c 20000 "$T/ch1.md" >"$T/small.md"
"$QUIRE" -v -j 2 -t pdf -o "$T/small.pdf" "$T/small.md" 2>"$T/small.err"
if grep -q 'second part' "$T/small.err"; then fail "split: none below the threshold" "split on 20 KB"
else pass "split: none below the threshold"; fi
