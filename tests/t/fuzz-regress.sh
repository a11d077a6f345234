# SPDX-License-Identifier: GPL-3.0-or-later
# The fuzzing regression corpus (tests/fuzz/regress/: every input that
# once crashed, leaked or hung under scripts/fuzz) through build/quire in
# every format.  Each must end without a crash or sanitizer report, with
# status 0 or 2 (an input error with a "quire:" message); a fuzz input may
# hold several chapters separated by a line holding only 0x1e, exactly as
# the fuzz target reads it.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch fuzz-regress)
case $QUIRE in *-san*) limit=300 ;; *) limit=60 ;; esac

n=0
for f in tests/fuzz/regress/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f")
	rm -rf "$T/in" "$T/out"; mkdir -p "$T/in" "$T/out"
	# Split exactly as the fuzz target does: up to four chapters, each
	# ending at "\n\x1e\n" (its newline kept), the last taking the rest.
	perl -e 'local $/; my $s = <STDIN>; my @n = qw(fuzz b c d);
		for my $i (0 .. 3) {
			my $k = $i < 3 ? index($s, "\n\x1e\n") : -1;
			my $c = $k < 0 ? $s : substr($s, 0, $k + 1);
			open(my $fh, ">", "$ARGV[0]/$n[$i].md") or die; print $fh $c; close $fh;
			last if $k < 0;
			$s = substr($s, $k + 3);
		}' "$T/in" <"$f"
	[ -f "$T/in/fuzz.md" ] || : >"$T/in/fuzz.md"
	files=("$T/in/fuzz.md")
	for c in b c d; do [ -f "$T/in/$c.md" ] && files+=("$T/in/$c.md"); done
	for fmt in man epub pdf; do
		timeout -k 5 $limit "$QUIRE" -q -t $fmt -o "$T/out" "${files[@]}" >/dev/null 2>"$T/err"
		rc=$?
		if grep -q 'runtime error\|Sanitizer\|LeakSanitizer' "$T/err"; then
			fail "fuzz-regress $name: $fmt" "$(grep -m1 'runtime error\|Sanitizer' "$T/err")"
		elif [ $rc -eq 0 ] || { [ $rc -eq 2 ] && grep -q '^quire: ' "$T/err"; }; then
			pass "fuzz-regress $name: $fmt (exit $rc)"
		else
			fail "fuzz-regress $name: $fmt" "exit $rc: $(head -c 200 "$T/err")"
		fi
	done
	# The model keeps what doc.h promises the emitters (the fuzz target
	# aborts when doc_check finds otherwise; --dump runs it too).
	timeout -k 5 $limit "$QUIRE" --dump "${files[@]}" >/dev/null 2>"$T/err"
	if grep -q 'breaks doc.h' "$T/err"; then
		fail "fuzz-regress $name: model" "$(grep -m1 'breaks doc.h' "$T/err")"
	else
		pass "fuzz-regress $name: the model keeps doc.h"
	fi
done
[ $n -gt 0 ] && pass "fuzz-regress: $n inputs" || fail "fuzz-regress: corpus" "tests/fuzz/regress/ is empty"
exit 0
