# SPDX-License-Identifier: GPL-3.0-or-later
# What a new user and a CI script expect of a command-line tool: pipes
# for every format, a strict mode, any paper (and the system's), checked
# metadata and an --css that is really there.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch adopt)
printf '# Pipes\n\nSome *text* to publish.\n' >"$T/x.md"

# Pipes: '-' reads stdin, -o - writes any one format to stdout.
"$QUIRE" -t pdf -o - - <"$T/x.md" >"$T/p.pdf" 2>"$T/err"
same "stdin to a PDF on stdout exits 0" "$?" 0
[ "$(head -c 5 "$T/p.pdf")" = "%PDF-" ] && qpdf_ok "$T/p.pdf" &&
	pass "-o - writes a whole PDF to stdout" || fail "-o - writes a whole PDF to stdout" "$(head -c 60 "$T/err")"
pdftotext "$T/p.pdf" - 2>/dev/null | grep -q 'Some text to publish' &&
	pass "the piped PDF holds the text read from stdin" || fail "the piped PDF holds the text read from stdin"
"$QUIRE" -t epub -o - "$T/x.md" >"$T/p.epub" 2>"$T/err"
[ "$(head -c 4 "$T/p.epub" | od -An -c | tr -d ' ')" = 'PK003004' ] &&
	unzip -p "$T/p.epub" mimetype 2>/dev/null | grep -qx 'application/epub+zip' &&
	pass "-o - writes a whole EPUB to stdout" || fail "-o - writes a whole EPUB to stdout"
"$QUIRE" -t man -o - - <"$T/x.md" >"$T/p.7" 2>"$T/err"
grep -q '^\.TH ' "$T/p.7" && pass "stdin to a man page on stdout" || fail "stdin to a man page on stdout"
# A binary format is never poured onto a terminal (script(1) gives one).
script -qec "$QUIRE -t pdf -o - $T/x.md" /dev/null >"$T/tty" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'would write the pdf to the terminal' "$T/tty" &&
	! grep -q '%PDF' "$T/tty" && pass "-o - refuses to write a PDF to a terminal" ||
	fail "-o - refuses to write a PDF to a terminal" "exit $rc: $(head -c 200 "$T/tty")"
script -qec "$QUIRE -t man -o - $T/x.md" /dev/null >"$T/tty" 2>&1
grep -q '^\.TH ' "$T/tty" && pass "-o - still writes a man page to a terminal" ||
	fail "-o - still writes a man page to a terminal" "$(head -c 200 "$T/tty")"
expect "-o - with two formats exits 1" 1 "$QUIRE" -t pdf,epub -o - "$T/x.md"
grep -q -- '-o - writes one format' "$T/err" && pass "-o - with two formats says why" ||
	fail "-o - with two formats says why" "$(cat "$T/err")"

# --fail-if-warnings: exit 4, outputs still written; quiet and strict.
printf -- '---\nautor: Ann\n---\n# Strict\n\ntext\n' >"$T/w.md"
expect "a warning alone exits 0" 0 "$QUIRE" -t man -o "$T/w0.7" "$T/w.md"
expect "--fail-if-warnings exits 4 on a warning" 4 "$QUIRE" --fail-if-warnings -t man -o "$T/w1.7" "$T/w.md"
grep -q '1 warning (--fail-if-warnings)' "$T/err" && [ -s "$T/w1.7" ] &&
	pass "--fail-if-warnings counts them and still writes" || fail "--fail-if-warnings counts them and still writes" "$(cat "$T/err")"
expect "-q --fail-if-warnings still exits 4" 4 "$QUIRE" -q --fail-if-warnings -t man -o "$T/w2.7" "$T/w.md"
expect "--fail-if-warnings on a clean file exits 0" 0 "$QUIRE" --fail-if-warnings -t man -o "$T/c.7" "$T/x.md"
[ ! -s "$T/err" ] && pass "a clean file prints nothing" || fail "a clean file prints nothing" "$(cat "$T/err")"

# --css comes from the person running quire, as -s does: missing is an
# error naming the file, exit 2, nothing written.
expect "--css with a missing file exits 2" 2 "$QUIRE" --css "$T/none.css" -o "$T/css" "$T/x.md"
grep -q "quire: $T/none.css: cannot read the stylesheet" "$T/err" && [ ! -e "$T/css" ] &&
	pass "--css missing names the stylesheet, writes nothing" || fail "--css missing names the stylesheet, writes nothing" "$(cat "$T/err")"

# Metadata: a typo, a wrong shape and a pandoc variable are named.
printf -- '---\nautor: Ann\nauthor:\n  name: Bob\ncover-image: [a.png, b.png]\nlayout: post\n---\n# Meta\n' >"$T/m.md"
expect "checked front matter exits 0" 0 "$QUIRE" -t man -o "$T/m.7" "$T/m.md"
grep -qx "quire: $T/m.md:2: warning: autor is not a field quire knows: did you mean author?" "$T/err" &&
	pass "a near miss is named with FILE:LINE" || fail "a near miss is named with FILE:LINE" "$(cat "$T/err")"
grep -q "m.md:4: warning: author wants a name or a list of names, not a mapping" "$T/err" &&
	pass "author as a mapping is named" || fail "author as a mapping is named" "$(cat "$T/err")"
grep -q "m.md:5: warning: cover-image wants a single value, not a list" "$T/err" &&
	pass "cover-image as a list is named" || fail "cover-image as a list is named" "$(cat "$T/err")"
! grep -q layout "$T/err" && pass "another tool's field (layout:) is left alone" ||
	fail "another tool's field (layout:) is left alone" "$(cat "$T/err")"
expect "-M checked" 0 "$QUIRE" -M papersize=letter -M mainfont=X -M custom=1 -t man -o "$T/m2.7" "$T/x.md"
grep -q "quire: -M: warning: papersize is a pandoc variable.*--paper" "$T/err" &&
	grep -q "mainfont is a pandoc variable.*pdf.fonts.serif" "$T/err" &&
	grep -q "custom is not a field quire knows" "$T/err" &&
	pass "-M names unknown fields and pandoc's variables" || fail "-M names unknown fields and pandoc's variables" "$(cat "$T/err")"

# Paper: any size libpaper knows, and the system's when the style says
# auto (the default): $PAPERSIZE, then $PAPERCONF / /etc/papersize.
size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p'; }
for p in a5:419.528x595.276 legal:612x1008 letter:612x792 a4:595.276x841.89 A3:841.89x1190.55; do
	"$QUIRE" --paper "${p%%:*}" -t pdf -o "$T/pp.pdf" "$T/x.md" 2>"$T/err"
	same "--paper ${p%%:*}" "$(size "$T/pp.pdf")" "${p#*:}"
done
echo letter >"$T/papersize"
env -u PAPERSIZE PAPERCONF="$T/papersize" "$QUIRE" -t pdf -o "$T/sys.pdf" "$T/x.md"
same "the system's paper (/etc/papersize) by default" "$(size "$T/sys.pdf")" 612x792
PAPERSIZE=a5 PAPERCONF="$T/papersize" "$QUIRE" -t pdf -o "$T/env.pdf" "$T/x.md"
same "\$PAPERSIZE before /etc/papersize" "$(size "$T/env.pdf")" 419.528x595.276
PAPERSIZE=a5 "$QUIRE" --paper letter -t pdf -o "$T/opt.pdf" "$T/x.md"
same "--paper before \$PAPERSIZE" "$(size "$T/opt.pdf")" 612x792
printf 'pdf:\n  paper: legal\n' >"$T/s.yaml"
PAPERSIZE=a5 "$QUIRE" -s "$T/s.yaml" -t pdf -o "$T/sty.pdf" "$T/x.md"
same "a style's paper before \$PAPERSIZE" "$(size "$T/sty.pdf")" 612x1008
printf 'pdf:\n  paper: b99\n' >"$T/bad.yaml"
expect "a style's unknown paper is a warning" 0 "$QUIRE" -s "$T/bad.yaml" -t pdf -o "$T/bad.pdf" "$T/x.md"
grep -q 'bad.yaml:2: warning: pdf.paper: "b99" is not a paper size' "$T/err" &&
	pass "an unknown paper names the style's line" || fail "an unknown paper names the style's line" "$(cat "$T/err")"
expect "--paper with an unknown size exits 1" 1 "$QUIRE" --paper b99 "$T/x.md"
