# SPDX-License-Identifier: GPL-3.0-or-later
# Pathological input (issue 8): every file tests/hostile/gen writes must
# end within a generous, size-proportional time, either with status 0 and
# valid output in every format, or (files named err-*) with status 2, a
# "quire:" message and no output at all.  Nothing may crash or hang.
#
# Outputs are validated cheaply: mandoc -Tlint on the man page, unzip -t
# and a well-formedness check of every XHTML with xmllint at its default
# limits (what a reader's XML parser accepts) on the EPUB, qpdf --check on
# the PDF.  A format whose emitter is still a placeholder is a SKIP.
#
# HOSTILE_FACTOR multiplies the time limits (default 1; 6 for a binary
# built with sanitizers, whose path contains "-san").  HOSTILE_ONLY=REGEX
# runs only the inputs whose name matches.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch hostile)
"$TOP/tests/hostile/gen" "$T/in" || { fail "hostile: generator" "tests/hostile/gen failed"; exit 0; }

case $QUIRE in *-san*) factor=${HOSTILE_FACTOR:-6} ;; *) factor=${HOSTILE_FACTOR:-1} ;; esac

# Which emitters exist: a placeholder says "not built yet".
printf '# Probe\n\ntext\n' >"$T/probe.md"
formats=""
for f in man epub pdf; do
	if "$QUIRE" -q -t $f -o "$T/probe.$f" "$T/probe.md" 2>"$T/probe.err"; then
		formats="$formats,$f"
	elif grep -q 'not built yet' "$T/probe.err"; then
		skip "hostile: $f output" "the $f emitter is not built yet"
	else
		formats="$formats,$f"	# broken, not absent: let the cases fail
	fi
done
formats=${formats#,}
[ -n "$formats" ] || { fail "hostile: no emitter"; exit 0; }
need "hostile: validators installed" mandoc unzip xmllint qpdf

# valid_man/epub/pdf NAME FILE : print nothing when FILE is valid.
valid_man() {
	mandoc -Tlint -W warning "$2" 2>&1 | head -3
}
valid_epub() {
	local x="$T/x/$1" f
	unzip -tq "$2" >/dev/null 2>&1 || { echo "unzip -t failed"; return; }
	rm -rf "$x"; mkdir -p "$x"
	(cd "$x" && unzip -q "$2")
	# One xmllint for all files: a book may have thousands of chapters.
	find "$x" -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' |
	    xargs -r xmllint --noout 2>&1 | head -2
	rm -rf "$x"
}
valid_pdf() {
	qpdf_ok "$2"
}

for in in "$T"/in/*.md; do
	name=$(basename "$in" .md)
	[ -n "${HOSTILE_ONLY:-}" ] && ! [[ $name =~ $HOSTILE_ONLY ]] && continue
	size=$(wc -c <"$in")
	# 20 s, plus 20 s per MiB of input, times the factor: generous, as
	# the machine may be busy (today the slowest case, 20 000 table rows
	# in 690 KB, takes 8 s).
	limit=$(( (20 + size * 20 / 1048576) * factor ))
	out="$T/out/$name"
	mkdir -p "$out"
	start=$(date +%s%N)
	timeout -k 5 "$limit" "$QUIRE" -q -t "$formats" -o "$out" "$in" \
	    >"$T/stdout" 2>"$T/err"
	rc=$?
	secs=$(( ($(date +%s%N) - start) / 1000000 ))
	secs="$((secs / 1000)).$(printf %03d $((secs % 1000)))s"
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "hostile $name: ends in time" "killed after ${limit}s (input $size bytes)"
		continue
	fi
	if [ $rc -gt 128 ]; then
		fail "hostile $name: no crash" "killed by signal $((rc - 128)): $(head -c 300 "$T/err")"
		continue
	fi
	pass "hostile $name: ends in time ($secs, limit ${limit}s)"
	if grep -q 'runtime error\|Sanitizer' "$T/err"; then
		fail "hostile $name: sanitizers quiet" "$(grep -m1 'runtime error\|Sanitizer' "$T/err")"
		continue
	fi
	case $name in
	err-*)
		[ $rc -eq 2 ] && pass "hostile $name: input error, status 2" ||
			fail "hostile $name: input error, status 2" "exit $rc: $(head -c 200 "$T/err")"
		grep -q '^quire: ' "$T/err" && pass "hostile $name: quire: message" ||
			fail "hostile $name: quire: message" "stderr: $(head -c 200 "$T/err")"
		[ -z "$(ls -A "$out")" ] && pass "hostile $name: no output" ||
			fail "hostile $name: no output" "$(ls -A "$out" | head -3 | tr '\n' ' ')"
		continue
		;;
	esac
	if [ $rc -ne 0 ]; then
		fail "hostile $name: publishes" "exit $rc: $(head -c 300 "$T/err")"
		continue
	fi
	pass "hostile $name: publishes"
	for f in ${formats//,/ }; do
		case $f in
		man) file=$(ls "$out"/*.[1-9]* 2>/dev/null | head -1) ;;
		*) file="$out/$name.$f" ;;
		esac
		if [ ! -s "$file" ]; then
			fail "hostile $name: $f output" "missing or empty"
			continue
		fi
		msg=$(valid_$f "$name" "$file")
		[ -z "$msg" ] && pass "hostile $name: valid $f" ||
			fail "hostile $name: valid $f" "$(echo "$msg" | head -3 | tr '\n' ' ' | head -c 300)"
	done
	ls -A "$out" | grep -q '^\.' && fail "hostile $name: no temporary files" "$(ls -A "$out" | tr '\n' ' ')"
	rm -rf "$out"
done

# ---- issue 35: files a document names, and messages --------------------
H="$T/i35"
mkdir -p "$H/doc" "$H/secret"
printf 'SECRET-CSS-35 { color: red }\n' >"$H/secret/s.css"
printf '\x89PNG\r\n\x1a\n' >"$H/secret/cover.png"
# Front matter's css and cover-image may not leave the document's folder
# (the warning names the line), even for a folder under the current one;
# --css from the command line may.
printf -- '---\ntitle: T\ncss: ../secret/s.css\ncover-image: ../secret/cover.png\n---\n\n# T\n\ntext\n' \
    >"$H/doc/fm.md"
(cd "$H" && timeout -k 5 60 "$QUIRE" -t epub -o "$H/fm.epub" doc/fm.md) 2>"$H/fm.err"
rc=$?
[ $rc = 0 ] && ! unzip -p "$H/fm.epub" | grep -q SECRET-CSS-35 &&
	grep -q "fm.md:3: warning: css ../secret/s.css lies outside" "$H/fm.err" &&
	pass "front matter css outside the document's folder left out, FILE:LINE warning" ||
	fail "front matter css outside the document's folder left out, FILE:LINE warning" "exit $rc: $(head -c 300 "$H/fm.err")"
# The file outside is not packed: the book gets its generated title card.
grep -q "fm.md:4: warning: cover-image .*lies outside" "$H/fm.err" &&
	! unzip -l "$H/fm.epub" | grep -q 'cover\.png' &&
	unzip -l "$H/fm.epub" | grep -q 'images/cover\.svg' &&
	pass "front matter cover-image outside the document's folder left out" ||
	fail "front matter cover-image outside the document's folder left out" "$(head -c 300 "$H/fm.err")"
timeout -k 5 60 "$QUIRE" -q -t epub --css "$H/secret/s.css" -o "$H/cl.epub" "$H/doc/fm.md" 2>"$H/cl.err" &&
	unzip -p "$H/cl.epub" EPUB/extra.css | grep -q SECRET-CSS-35 &&
	pass "--css from the command line is trusted" ||
	fail "--css from the command line is trusted" "$(head -c 300 "$H/cl.err")"
cp "$H/secret/s.css" "$H/doc/own.css"
printf -- '---\ntitle: T\ncss: own.css\n---\n\n# T\n\ntext\n' >"$H/doc/own.md"
(cd / && timeout -k 5 60 "$QUIRE" -q -t epub -o "$H/own.epub" "$H/doc/own.md") 2>"$H/own.err" &&
	unzip -p "$H/own.epub" EPUB/extra.css | grep -q SECRET-CSS-35 &&
	pass "front matter css beside the document is used, from any folder" ||
	fail "front matter css beside the document is used, from any folder" "$(head -c 300 "$H/own.err")"
# A FIFO named as css waits for nobody.
if mkfifo "$H/doc/pipe.css" 2>/dev/null; then
	printf -- '---\ntitle: T\ncss: pipe.css\n---\n\n# T\n\ntext\n' >"$H/doc/pipe.md"
	timeout -k 5 20 "$QUIRE" -t epub -o "$H/pipe.epub" "$H/doc/pipe.md" 2>"$H/pipe.err"
	rc=$?
	[ $rc = 0 ] && grep -q "pipe.md:3: warning: css pipe.css is not a regular file" "$H/pipe.err" &&
		pass "front matter css that is a FIFO refused at once" ||
		fail "front matter css that is a FIFO refused at once" "exit $rc: $(head -c 300 "$H/pipe.err")"
fi
# A --css over the EPUB's 1 MiB limit is not left out silently.
head -c 1100000 /dev/zero | tr '\0' a >"$H/big.css"
timeout -k 5 60 "$QUIRE" -t epub --css "$H/big.css" -o "$H/big.epub" "$H/doc/own.md" 2>"$H/big.err"
grep -q "big.css is larger than 1024 KiB" "$H/big.err" &&
	pass "a --css over 1 MiB is named in a warning" ||
	fail "a --css over 1 MiB is named in a warning" "$(head -c 300 "$H/big.err")"
# Every exit-2 path prints a message: a style file that is a lone
# scalar, a list, an unreadable input...
printf 'justascalar\n' >"$H/scalar.yaml"
printf -- '- a\n- b\n' >"$H/list.yaml"
for s in scalar list; do
	timeout -k 5 20 "$QUIRE" -s "$H/$s.yaml" -t man -o "$H/s.7" "$H/doc/own.md" 2>"$H/s.err"
	rc=$?
	[ $rc = 2 ] && grep -q "^quire: .*$s.yaml:1: " "$H/s.err" &&
		pass "a style file that is a lone $s: exit 2 with a message" ||
		fail "a style file that is a lone $s: exit 2 with a message" "exit $rc: $(head -c 200 "$H/s.err")"
done
# The exit-2 paths, a representative set: each prints "quire: FILE: what"
# (FILE:LINE where there is a line), whatever else is wrong.
X="$H/exit2"
mkdir -p "$X/dir" "$X/bk/src" "$X/toml/src"
printf '# A\n\ntext\n' >"$X/a.md"
printf -- '---\ntitle: [bad\n---\n' >"$X/badfm.md"
printf 'a: [\n' >"$X/bad.yaml"
printf '# D\n' >"$X/..md"
printf '# S\n\n- [A](a.md)\n' >"$X/bk/src/SUMMARY.md"
cp "$X/a.md" "$X/bk/src/a.md"
cp -r "$X/bk/src" "$X/toml/"
printf '[book]\ntitle = "T"\nlanguage = "!!"\n' >"$X/bk/book.toml"
printf '[book]\ntitle = "T"\n[output\n' >"$X/toml/book.toml"
exit2() {	# description, message regex, quire arguments...
	local what=$1 re=$2 rc
	shift 2
	(cd "$X" && timeout -k 5 20 "$QUIRE" -t man -o "$X/out.7" "$@") >/dev/null 2>"$X/err"
	rc=$?
	[ $rc = 2 ] && grep -q "^quire: $re" "$X/err" &&
		pass "exit 2 with a message: $what" ||
		fail "exit 2 with a message: $what" "exit $rc: $(head -c 200 "$X/err")"
}
exit2 "a missing input" "nosuch.md: No such file" nosuch.md
exit2 "a folder as input" "dir: Is a directory" dir
exit2 "broken front matter" "badfm.md:3: malformed YAML" badfm.md
exit2 "a missing style file" "nosuch.yaml: No such file" -s nosuch.yaml a.md
exit2 "a style file of broken YAML" "bad.yaml:2: malformed YAML" -s bad.yaml a.md
exit2 "a missing --css" "nosuch.css: cannot read the stylesheet" --css nosuch.css a.md
exit2 "no output name from the file name" "\.\.md: cannot derive an output name" ..md
exit2 "a bad language in book.toml, at its line" "bk/book.toml:3: lang \"!!\" is not a language tag" bk
exit2 "broken book.toml, at its line" "toml/book.toml:3: " toml
# -M is checked before any input is read: a bad value is a usage error
# (exit 1) whether a missing input comes before it or after.
for order in "a.md nosuch.md" "nosuch.md a.md"; do
	# shellcheck disable=SC2086
	(cd "$X" && timeout -k 5 20 "$QUIRE" -t man -o "$X/out.7" -M name=../x $order) >/dev/null 2>"$X/err"
	rc=$?
	[ $rc = 1 ] && grep -q '^quire: -M: name "../x"' "$X/err" && ! grep -q nosuch "$X/err" &&
		pass "a bad -M exits 1 before reading inputs ($order)" ||
		fail "a bad -M exits 1 before reading inputs ($order)" "exit $rc: $(head -c 200 "$X/err")"
done
(cd "$X" && timeout -k 5 20 "$QUIRE" -t man -o "$X/out.7" -M foo=bar a.md) >/dev/null 2>"$X/err"
same "an unknown -M field is warned about once" "$(grep -c 'foo is not a field' "$X/err")" 1

# --each holds one document per thread, not every input: four times the
# inputs take about the same peak memory (it grew with them: 40
# documents of 170 KB took 77 MB, 160 took 240 MB).
M="$H/each-mem"
mkdir -p "$M/in"
python3 - "$M/in" <<'PYEOF'
import random, sys
random.seed(3)
words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split()
for i in range(160):
    out = ['# Document %d\n' % i]
    for s in range(60):
        out.append('\n## Section %d\n\n' % s)
        out.append(' '.join(random.choice(words) for _ in range(400)) + '\n')
    open('%s/doc%03d.md' % (sys.argv[1], i), 'w').write(''.join(out))
PYEOF
peak_kb() {	# N : peak RSS of --each over the first N inputs, in KiB
	python3 - "$QUIRE" "$M" "$1" <<'PYEOF'
import glob, resource, subprocess, sys
q, m, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(m + '/in/*.md'))[:n]
rc = subprocess.call([q, '-q', '--each', '-j', '1', '-t', 'man,epub', '-o', m + '/out%d' % n] + files,
    timeout=300)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if rc == 0 else -rc - 1000000)
PYEOF
}
case $QUIRE in *-san*) skip "--each: memory does not grow with the inputs" "sanitizers keep freed memory" ;; *)
	small=$(peak_kb 40) large=$(peak_kb 160)
	[ "$small" -gt 0 ] && [ "$large" -gt 0 ] && [ "$large" -lt $((small * 3 / 2)) ] &&
		pass "--each: memory does not grow with the inputs (40: $small KiB, 160: $large KiB)" ||
		fail "--each: memory does not grow with the inputs" "40 inputs: $small KiB, 160: $large KiB"
	[ "$(ls "$M/out160" | wc -l)" = 320 ] && pass "--each: 160 inputs, 320 outputs" ||
		fail "--each: 160 inputs, 320 outputs" "$(ls -A "$M/out160" | wc -l) files"
	rm -rf "$M" ;;
esac

# A book names images inside its own folder only, wherever quire runs:
# a picture elsewhere under the current folder is its alt text, with a
# warning; one inside the book is drawn.
B=$(scratch img-book)
mkdir -p "$B/book/src"
cp tests/cases/pdf-image.png "$B/outside.png"
cp tests/cases/pdf-image.png "$B/book/src/in.png"
printf '[book]\ntitle = "B"\n' >"$B/book/book.toml"
printf '# Summary\n\n- [C](c.md)\n' >"$B/book/src/SUMMARY.md"
printf '# C\n\n![inside](in.png)\n\n![outside](../../outside.png)\n' >"$B/book/src/c.md"
(cd "$B" && "$QUIRE" -t pdf -o b.pdf book 2>err)
[ "$(pdfimages -list "$B/b.pdf" 2>/dev/null | tail -n +3 | wc -l)" = 1 ] &&
	grep -q "c.md:5: warning: image .*outside.png lies outside the book's folder" "$B/err" &&
	pass "a book's images stay inside the book" ||
	fail "a book's images stay inside the book" "$(pdfimages -list "$B/b.pdf" 2>&1 | tail -n +3 | wc -l) images; $(cat "$B/err")"

# -q silences libxml2 too: short of memory, quire says so in its own
# words or succeeds, and no line of libxml2's own reaches stderr.
# Sanitizers reserve terabytes of address space, so they cannot run
# under a limit.
case $QUIRE in *-san*)
	skip "-q: no libxml2 lines when memory runs short" "a sanitizer build cannot run under an address-space limit"
	exit 0 ;;
esac
python3 -c "
import sys
sys.stdout.write('<div>' + 'word ' * 3000000 + '</div>\n')" >"$H/bightml.md"
bad=
for kb in 120000 150000 180000; do
	(ulimit -v $kb; timeout -k 5 60 "$QUIRE" -q -t epub -o "$H/oom/" "$H/bightml.md") 2>"$H/oom.err"
	rc=$?
	if grep -qv '^quire: ' "$H/oom.err"; then
		bad="$bad [$kb KiB: exit $rc: $(grep -v '^quire: ' "$H/oom.err" | head -1)]"
	elif [ $rc != 0 ] && [ $rc != 3 ]; then
		bad="$bad [$kb KiB: exit $rc]"
	fi
done
[ -z "$bad" ] && pass "-q: no libxml2 lines when memory runs short" ||
	fail "-q: no libxml2 lines when memory runs short" "$bad"

exit 0
