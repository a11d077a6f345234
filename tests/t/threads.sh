# SPDX-License-Identifier: GPL-3.0-or-later
# The formats made side by side (-j, QUIRE_JOBS; issue 19): every output
# byte and every message the same as one after another, and a failure
# in one format still commits nothing.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch threads)

# run NAME ARGS... : publish into $T/NAME (outputs, stderr, exit status).
run() {
	local name=$1; shift
	rm -rf "$T/$name"; mkdir -p "$T/$name"
	"$@" -o "$T/$name/out" >"$T/$name/stdout" 2>"$T/$name/err"
	echo $? >"$T/$name/rc"
}
# same_run WHAT A B : the two runs' outputs, messages and statuses are equal.
same_run() {
	if diff -r "$T/$2" "$T/$3" >"$T/diff" 2>&1; then pass "$1"
	else fail "$1" "$(head -c 300 "$T/diff" | tr '\n' ' ')"; fi
}

# A document every emitter warns about (PDF: a missing glyph, a GIF;
# EPUB: the date; man: blocks in a table cell): the messages must come
# out in the order pdf, epub, man, whichever thread finishes first.
W=$T/warns
mkdir -p "$W"
printf 'GIF89a\001\000\001\000\000\000\000;' >"$W/pic.gif"
cat >"$W/w.md" <<'MD'
---
title: Warnings from every format
date: spring 2024
---
A private character (U+10FFFD, which no font has): 􏿽

![a gif](pic.gif)

<table><tr><td><blockquote><p>quoted</p></blockquote><table><tr><td>in</td></tr></table></td></tr></table>
MD
for input in content/ai-engineer.md tests/books/mdbook "$W/w.md"; do
	run j1 "$QUIRE" -j 1 "$input"
	run j4 "$QUIRE" -j 4 "$input"
	run env1 env QUIRE_JOBS=1 "$QUIRE" "$input"
	run default env -u QUIRE_JOBS "$QUIRE" "$input"
	[ "$(cat "$T/j1/rc")" = 0 ] && [ "$(ls "$T/j1/out" | wc -l)" = 3 ] &&
		pass "$input: three outputs" || fail "$input: three outputs" "$(cat "$T/j1/err")"
	same_run "$input: -j 1 and -j 4 byte-identical, messages too" j1 j4
	same_run "$input: QUIRE_JOBS=1 and the default byte-identical" env1 default
	same_run "$input: -j 1 and QUIRE_JOBS=1 alike" j1 env1
done
kinds=$(sed -n 's/.*warning: \(no font\|image\|date\|the man page\).*/\1/p' "$T/j4/err" | uniq | tr '\n' ,)
[ "$kinds" = "no font,image,date,the man page," ] &&
	pass "every format warns, in the order pdf, epub, man" ||
	fail "every format warns, in the order pdf, epub, man" "$(cat "$T/j4/err")"
# The same run under -v keeps its stage lines in a fixed order.
env QUIRE_JOBS=4 "$QUIRE" -v -o "$T/v" content/ai-engineer.md 2>"$T/v.err"
order=$(sed -n 's/^quire: \([a-z:+]*\) .* ms$/\1/p' "$T/v.err" | tr '\n' ' ')
[ "$order" = "style read+parse pdf:layout pdf:draw pdf:deflate pdf:save pdf epub man emit write " ] &&
	pass "-v: stages in order, each emitter timed" || fail "-v: stages in order, each emitter timed" "$order"

# Bad thread counts are usage errors.
"$QUIRE" -j 0 -o "$T/bad" content/ai-engineer.md 2>"$T/err"
[ $? = 1 ] && grep -q '^quire: -j wants a number' "$T/err" && pass "-j 0 exits 1" ||
	fail "-j 0 exits 1" "$(cat "$T/err")"
QUIRE_JOBS=many "$QUIRE" -o "$T/bad" content/ai-engineer.md 2>"$T/err"
[ $? = 1 ] && grep -q '^quire: QUIRE_JOBS="many"' "$T/err" && pass "QUIRE_JOBS=many exits 1" ||
	fail "QUIRE_JOBS=many exits 1" "$(cat "$T/err")"
"$QUIRE" --help | grep -q -- '-j, --jobs N' && pass "--help lists -j" || fail "--help lists -j"

# failing NAME JOBS SETUP: publish twice into $T/NAME/out, the second time
# after SETUP broke one format; status, messages and what is left are
# recorded for comparing -j 1 with -j 4.
failing() {
	local name=$1 jobs=$2 setup=$3 D="$T/$1/out"
	rm -rf "$T/$name"; mkdir -p "$D"
	"$QUIRE" -q -j "$jobs" -o "$D" -M name=doc content/ai-engineer.md
	(cd "$D" && md5sum doc.pdf doc.epub) >"$T/$name/before"
	# 300 ideographs: the PDF's font subsets make it the largest output
	# by far (60 kB, the man page 22, the EPUB 13).
	{ cat content/ai-engineer.md; printf '\nOne more paragraph.\n\n'
	  python3 -c "print(''.join(chr(0x4E00 + i) for i in range(0, 600, 2)))"
	} >"$T/changed.md"
	case $setup in
	dir)	# the EPUB's name taken by a directory
		rm "$D/doc.epub"; mkdir "$D/doc.epub"
		"$QUIRE" -j "$jobs" -o "$D" -M name=doc "$T/changed.md" 2>"$T/$name/err" ;;
	fsize)	# the PDF, the largest, stops part-way; EPUB and man fit
		( trap '' XFSZ; ulimit -f 40
		  exec "$QUIRE" -j "$jobs" -o "$D" -M name=doc "$T/changed.md" ) 2>"$T/$name/err" ;;
	esac
	echo $? >"$T/$name/rc"
	(cd "$D" && ls -A | sort && md5sum doc.pdf doc.7 2>/dev/null) >"$T/$name/after"
	sed -i "s|$T/$name/|T/|g" "$T/$name/err"
}
for setup in dir fsize; do
	failing f1 1 $setup
	failing f4 4 $setup
	[ "$(cat "$T/f4/rc")" = 3 ] && pass "$setup: one format failing exits 3" ||
		fail "$setup: one format failing exits 3" "exit $(cat "$T/f4/rc")"
	if ls -A "$T/f4/out" | grep -q '^\.'; then
		fail "$setup: no temporary file left" "$(ls -A "$T/f4/out" | tr '\n' ' ')"
	else pass "$setup: no temporary file left"; fi
	grep -q "$(head -n1 "$T/f4/before" | cut -d' ' -f1)" "$T/f4/after" &&
		pass "$setup: the previous PDF kept" || fail "$setup: the previous PDF kept"
	same_run "$setup: -j 1 and -j 4 fail alike (status, message, files left)" f1 f4
done

# --each: documents side by side (-j N), each with its messages held and
# printed in input order, outputs renamed in input order.  The inputs: the
# test cases, a file every format warns about, a missing file (exit 2,
# named, the others written) and two files of one name in two folders.
E=$T/each-in
mkdir -p "$E/a" "$E/b"
printf '# First\n\nfrom a\n' >"$E/a/same.md"
printf '# Second\n\nfrom b, with `code`\n' >"$E/b/same.md"
set -- tests/cases/*.md
each_inputs=("$@" "$W/w.md" "$E/missing.md" "$E/a/same.md" "$E/b/same.md")
for fmt in man pdf,epub,man; do
	run e1 "$QUIRE" -j 1 --each -t "$fmt" "${each_inputs[@]}"
	run e2 "$QUIRE" -j 2 --each -t "$fmt" "${each_inputs[@]}"
	run e4 env QUIRE_JOBS=4 "$QUIRE" --each -t "$fmt" "${each_inputs[@]}"
	[ "$(cat "$T/e2/rc")" = 2 ] && grep -q "missing.md: not published" "$T/e2/err" &&
		pass "--each -t $fmt -j 2: a missing file exits 2, named" ||
		fail "--each -t $fmt -j 2: a missing file exits 2, named" "$(tail -n 3 "$T/e2/err")"
	# Each keeps its folder under -o (relative to the inputs' common
	# one), so neither replaces the other.
	same "--each -t $fmt -j 2: two same-named files in two folders both kept" \
	    "$(find "$T/e2/out" -name same.7 -exec grep -ho 'from [ab]' {} + | sort | tr '\n' ' ')" "from a from b "
	same_run "--each -t $fmt: -j 1 and -j 2 byte-identical, messages too" e1 e2
	same_run "--each -t $fmt: -j 1 and QUIRE_JOBS=4 byte-identical, messages too" e1 e4
done
# Under -v every document's stage lines come together, in input order.
"$QUIRE" -v -j 2 --each -t man -o "$T/ev" tests/cases/man-ronn.md tests/cases/man-blocks.md \
	tests/cases/man-3pm.md 2>&1 | sed -n 's/^quire: \(read+parse\|man\|write\) .*/\1/p' |
	tr '\n' ' ' >"$T/ev.order"
[ "$(cat "$T/ev.order")" = "read+parse man write read+parse man write read+parse man write " ] &&
	pass "--each -v -j 2: each document's stages together" ||
	fail "--each -v -j 2: each document's stages together" "$(cat "$T/ev.order")"

# The PDF's body laid out in two parts on two threads (layout/split.c):
# byte-identical to one thread wherever the cut falls.  One document of
# every kind of block, rotated so that each kind in turn comes just after
# the middle; the second part's blocks are kept (not redone) in most of
# them, so the joining is what is tested, and where a block of its own needs a
# font the first part has not loaded (code, in a style whose mono font is
# missing: a warning held and said in its place) it is still the same.
L=$T/split
mkdir -p "$L"
cat >"$L/style.yaml" <<'YAML'
pdf:
  fonts:
    mono: No Such Mono Font
YAML
python3 - "$L" <<'PYEOF'
import sys
d = sys.argv[1]
words = ("layout breaks every paragraph into lines of about equal "
         "width and the pages keep headings with what follows them").split()
def prose(i, n=90):
    return " ".join(words[(i * 7 + k) % len(words)] for k in range(n)) + "."
kinds = [
    lambda i: f"## Heading {i}\n\n{prose(i)}",
    lambda i: f"{prose(i)}\n\n{prose(i + 1)}",
    lambda i: "\n".join(f"- item {i}.{k} {prose(k, 12)}" for k in range(6)),
    lambda i: "\n".join(f"{k}. step {k}\n   - nested {prose(k, 8)}" for k in range(1, 5)),
    lambda i: "| a | b | c |\n|---|:-:|--:|\n" + "\n".join(f"| {k} | {prose(k, 6)} | {k * i} |" for k in range(5)),
    lambda i: f"```c\nint f{i}(int x)\n{{\n\treturn x * {i};\n}}\n```",
    lambda i: f"> {prose(i, 40)}\n>\n> > {prose(i + 2, 20)}",
    lambda i: f"> [!NOTE]\n> {prose(i, 30)}",
    lambda i: f"<details><summary>More {i}</summary>\n\n{prose(i, 30)}\n\n</details>",
    lambda i: f"Term {i}\n: {prose(i, 20)}",
    lambda i: f"A note.[^n{i}]\n\n[^n{i}]: {prose(i, 25)}",
    lambda i: "---",
    lambda i: f"- [ ] task {i}\n- [x] done {i}",
    lambda i: "<div class=\"page-break\"></div>",
    lambda i: f"<table><tr><th>h{i}</th><td>{prose(i, 10)}</td></tr></table>",
    lambda i: f"Inline `code {i}` and **bold** and *italic* {prose(i, 30)}",
]
n = len(kinds)
for r in range(n):
    blocks = []
    for rep in range(40):
        for k in range(n):
            blocks.append(kinds[(k + r) % n](rep * n + k))
    # the middle block: the kind r+... each variant puts another kind there
    text = "# Split %d\n\n" % r + "\n\n".join(blocks) + "\n"
    open(f"{d}/s{r:02d}.md", "w").write(text)
# Code only in the second half, with a missing mono font.
first = "\n\n".join(prose(i) for i in range(120))
second = "\n\n".join(kinds[5](i) + "\n\n" + prose(i) for i in range(120))
open(f"{d}/mono.md", "w").write("# Mono\n\n" + first + "\n\n" + second + "\n")
# A character only a fallback font has, three quarters in: its block
# is laid out again by the first thread, in its place.
third = "\n\n".join(prose(i) for i in range(60))
open(f"{d}/stop.md", "w").write("# Stop\n\n" + first + "\n\n" + third +
    "\n\nKorean \ud55c\uae00 here.\n\n" + third + "\n")
PYEOF
ok=0 kept=0 total=0 bad=""
for f in "$L"/s[0-9]*.md "$L"/mono.md "$L"/stop.md; do
	b=$(basename "$f" .md)
	st=""
	[ "$b" = mono ] && st="-s $L/style.yaml"
	# shellcheck disable=SC2086
	"$QUIRE" -j 1 -t pdf $st -o "$L/$b-1.pdf" "$f" 2>"$L/$b-1.err"
	# shellcheck disable=SC2086
	"$QUIRE" -v -j 2 -t pdf $st -o "$L/$b-2.pdf" "$f" 2>"$L/$b-2.v"
	grep -v ' ms$\|^quire: font \|layout: second part' "$L/$b-2.v" >"$L/$b-2.err"
	total=$((total + 1))
	if cmp -s "$L/$b-1.pdf" "$L/$b-2.pdf" && cmp -s "$L/$b-1.err" "$L/$b-2.err"; then
		ok=$((ok + 1))
	else
		bad="$bad $b"
	fi
	grep -q 'layout: second part .*: [1-9][0-9]* of [0-9]* blocks kept' "$L/$b-2.v" &&
		kept=$((kept + 1))
done
[ "$ok" = "$total" ] && [ "$kept" -ge $((total / 2)) ] &&
	grep -q 'No Such Mono Font' "$L/mono-2.err" &&
	grep -q 'layout: second part .*: [1-9][0-9]* of [0-9]* blocks kept (others needed a fallback font' "$L/stop-2.v" &&
	pass "PDF layout in two parts: $total documents byte-identical to one thread, messages too ($kept joined)" ||
	fail "PDF layout in two parts: byte-identical to one thread" "$ok of $total same ($bad), $kept joined"
