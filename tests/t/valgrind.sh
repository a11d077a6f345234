# SPDX-License-Identifier: GPL-3.0-or-later
# Memory errors and leaks (issue 8): valgrind --leak-check=full over the
# seed document and every test document in every format (tables, blocks,
# images, hostile text, several files, --dump, input errors).  The rest
# of the suite (the spec corpus, hostile generators) runs under ASan and
# UBSan in `make sanitize`: under valgrind it would take hours.
# Any invalid read/write, use of uninitialised memory or definite/
# indirect leak fails.  valgrind is a dependency (scripts/install-deps).
# A SKIP under a sanitizer build, where valgrind cannot run.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch valgrind)

case $QUIRE in *-san*) skip valgrind "a sanitizer build: valgrind cannot run it"; exit 0 ;; esac
need "valgrind: installed" valgrind || exit 0

# vg NAME WANT-STATUS quire-args... : quire under valgrind.  Without
# --track-origins, which finds the same errors but costs a third more
# time; a run that reports something is run again with it, so that the
# FAIL line says where an uninitialised value came from.
memcheck() {	# log, options..., quire-args...
	local log=$1; shift
	timeout 600 valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    --log-file="$log" "$@"
}
vg() {
	local name=$1 want=$2 log="$T/vg.log"; shift 2
	memcheck "$log" "$QUIRE" -q "$@" >/dev/null 2>"$T/err"
	local rc=$?
	# valgrind's own notes ("--PID-- WARNING: unhandled syscall 437",
	# openat2, which it does not know; quire then opens the portable
	# way) are not errors of the program: errors are "==PID==" lines.
	sed -i '/^--[0-9]*-- /d' "$log"
	if [ $rc -eq 99 ] || [ -s "$log" ]; then
		memcheck "$log.origins" --track-origins=yes "$QUIRE" -q "$@" >/dev/null 2>&1
		[ -s "$log.origins" ] && log=$log.origins
		fail "valgrind $name" "$(grep -m3 -E 'Invalid|uninitialised|definitely|indirectly|at 0x|by 0x' "$log" | tr '\n' ' ' | head -c 400)"
	elif [ $rc -ne "$want" ]; then
		fail "valgrind $name" "exit $rc, wanted $want: $(head -c 200 "$T/err")"
	else
		pass "valgrind $name"
	fi
}

SEED=content/ai-engineer.md
for f in man epub pdf; do
	vg "seed $f" 0 -t $f -o "$T/seed.$f" "$SEED"
done
vg "seed --dump" 0 --dump "$SEED"
vg "seed man to stdout" 0 -t man -o - "$SEED"
# Every test document: the emitter cases, the dump cases, quire's own
# page, the linked book and a generated table of 300 rows.
# The cases go through valgrind together, as the documents of one --each
# run: starting quire under valgrind (fonts, fontconfig, ICU) costs more
# than most of them, 2 s each, and one start instead of 41 saves two
# minutes.  Each is still published alone in every format, under
# memcheck, and must exit 0; a clean run passes each of them.  When the
# run reports anything, each case is run alone, so that the FAIL lines
# name the ones at fault (and if none fails alone, the --each run is).
# The single-document path stays under valgrind with the seed and the
# documents below.
cases=(tests/cases/*.md tests/dump/*.md docs/quire.1.md)
memcheck "$T/each.log" "$QUIRE" -q --each -o "$T/each" "${cases[@]}" >/dev/null 2>"$T/each.err"
rc=$?
sed -i '/^--[0-9]*-- /d' "$T/each.log"	# valgrind's own notes (vg)
if [ $rc -eq 0 ] && [ ! -s "$T/each.log" ]; then
	for f in "${cases[@]}"; do
		pass "valgrind case $(basename "$f" .md) (all formats)"
	done
else
	for f in "${cases[@]}"; do
		vg "case $(basename "$f" .md) (all formats)" 0 -o "$T/out" "$f" | tee -a "$T/fails"
	done
	grep -q '^FAIL' "$T/fails" 2>/dev/null ||
		fail "valgrind cases in one --each run" "exit $rc, each one clean alone: $(grep -m3 -E 'Invalid|uninitialised|definitely|indirectly|at 0x|by 0x' "$T/each.log" | tr '\n' ' ' | head -c 300) $(head -c 200 "$T/each.err")"
fi
vg "book of three files (all formats)" 0 -o "$T/out" tests/books/linked/*.md
{
	printf '| Right | Centre | Left |\n|--:|:-:|---|\n'
	for i in $(seq 300); do printf '| %d | **c%d** | - a<br>- b%d |\n' $i $i $i; done
} >"$T/rows.md"
vg "300-row table (all formats)" 0 -o "$T/out" "$T/rows.md"
printf -- '---\ntitle: Two\nauthor: [A, B]\n---\n# One\n\n| a | b |\n|---|---|\n| - x<br>- y | z |\n' >"$T/a.md"
printf '# Two\n\n> quote\n\n1. x\n2. y\n' >"$T/b.md"
vg "two files (all formats)" 0 -o "$T/out" "$T/a.md" "$T/b.md"
printf 'bad \377 byte\r\nnul \0 x\n' >"$T/dirty.md"
vg "dirty input (all formats)" 0 -o "$T/out" "$T/dirty.md"
: >"$T/empty.md"
vg "empty input (all formats)" 0 -o "$T/out" "$T/empty.md"
# Error paths free what they hold too.
vg "missing second file" 2 -o "$T/out" "$SEED" "$T/nosuch.md"
printf -- '---\ntitle: [x\n---\n' >"$T/badfm.md"
vg "malformed front matter" 2 -o "$T/out" "$T/badfm.md"
vg "unwritable output" 3 -o "$T/a.md/x" "$SEED"
for f in tests/fuzz/regress/*; do
	[ -f "$f" ] || continue
	vg "fuzz regression $(basename "$f")" 0 -o "$T/out" "$f"
done
exit 0
