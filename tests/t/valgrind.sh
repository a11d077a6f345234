# Memory errors and leaks (issue 8): valgrind --leak-check=full over the
# seed document and every test document in every format (tables, blocks,
# images, hostile text, several files, --dump, input errors).  The rest
# of the suite (the spec corpus, hostile generators) runs under ASan and
# UBSan in `make sanitize`: under valgrind it would take hours.
# Any invalid read/write, use of uninitialised memory or definite/
# indirect leak fails.  valgrind is a dependency (scripts/install-deps).
# Skipped (with a note, no PASS) under a sanitizer build, where valgrind
# cannot run.
. "$TOP/tests/lib.sh"
cd "$TOP"
T=$(scratch valgrind)

case $QUIRE in *-san*) echo "valgrind: skipped for a sanitizer build"; exit 0 ;; esac
if ! command -v valgrind >/dev/null; then
	fail "valgrind: installed" "install valgrind (scripts/install-deps)"
	exit 0
fi

# vg NAME WANT-STATUS quire-args... : quire under valgrind.
vg() {
	local name=$1 want=$2 log="$T/vg.log"; shift 2
	timeout 600 valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    --track-origins=yes --log-file="$log" "$QUIRE" -q "$@" >/dev/null 2>"$T/err"
	local rc=$?
	if [ $rc -eq 99 ] || [ -s "$log" ]; then
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
for f in tests/cases/*.md tests/dump/*.md docs/quire.1.md; do
	vg "case $(basename "$f" .md) (all formats)" 0 -o "$T/out" "$f"
done
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
