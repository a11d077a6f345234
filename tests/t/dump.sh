# The parser alone, through --dump: golden trees for tests/dump/*.md and
# the seed, and the seed's table checked property by property.
# UPDATE=1 rewrites the goldens (read the diff before committing).
. "$TOP/tests/lib.sh"
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
