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
for p in a5:419.528x595.276 legal:612x1008 letter:612x792 a4:595.276x841.89 A3:841.89x1190.55 \
	b5:498.898x708.661 executive:522x756 6inx9in:432x648 150mmx200mm:425.197x566.929; do
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
expect "--paper with a size without units exits 1" 1 "$QUIRE" --paper 100x200 "$T/x.md"
# A page too small for any text is refused where it is named, not by
# the PDF's writer (which exited 3 after the style had been accepted).
expect "--paper smaller than a page of text exits 1" 1 "$QUIRE" --paper 0.1mmx5mm -t pdf -o "$T/tiny.pdf" "$T/x.md"
printf 'pdf:\n  paper: a10\n' >"$T/a10.yaml"
expect "a style's paper too small is a warning" 0 "$QUIRE" -s "$T/a10.yaml" -t pdf -o "$T/a10.pdf" "$T/x.md"
grep -q 'a10.yaml:2: warning: pdf.paper: "a10" is not a paper size' "$T/err" &&
	[ "$(size "$T/a10.pdf")" = 595.276x841.89 ] && pass "a style's too small paper keeps the default" ||
	fail "a style's too small paper keeps the default" "$(cat "$T/err") $(size "$T/a10.pdf")"
printf -- '---\nnumbersections: true\n---\n# One\n\n## Two\n' >"$T/ns.md"
expect "pandoc's numbersections" 0 "$QUIRE" --dump "$T/ns.md"
grep -q 'heading [0-9]* level=2 .*number=1' "$T/out" && [ ! -s "$T/err" ] &&
	pass "pandoc's numbersections numbers the sections" || fail "pandoc's numbersections numbers the sections" "$(grep heading "$T/out" | head -2) $(cat "$T/err")"

# Warnings in the order of the text, whichever pass found them: a link
# in the first file (found when links are resolved, after every file is
# parsed) comes before the second file's dropped <script> (found while
# parsing it).
printf '# A\n\n[x](nowhere.md)\n' >"$T/o1.md"
printf '# B\n\n<script>alert(1)</script>\n' >"$T/o2.md"
"$QUIRE" -t man -o "$T/o.7" "$T/o1.md" "$T/o2.md" 2>"$T/err"
same "warnings come file by file, line by line" "$(sed 's/^quire: \([^:]*\):\([0-9]*\):.*/\1:\2/' "$T/err" | sed "s|$T/||" | tr '\n' ' ')" "o1.md:3 o2.md:3 "

# Five warnings of a kind, then one line that counts the rest; -v
# shows them all; --fail-if-warnings counts them all.
python3 -c "
print('# S\n')
for i in range(12): print('[l](#missing%d)\n' % i)" >"$T/many.md"
"$QUIRE" -t man -o "$T/many.7" "$T/many.md" 2>"$T/err"
same "five warnings of a kind, then a count" "$(grep -c 'missing fragment' "$T/err")/$(grep -c '^quire: \.\.\. and 7 more warnings like it$' "$T/err")" 5/1
"$QUIRE" -v -t man -o "$T/many.7" "$T/many.md" 2>"$T/err"
same "-v shows every warning" "$(grep -c 'missing fragment' "$T/err")" 12
"$QUIRE" --fail-if-warnings -t man -o "$T/many.7" "$T/many.md" 2>"$T/err"
grep -q '12 warnings (--fail-if-warnings)' "$T/err" && pass "warnings not shown still count" ||
	fail "warnings not shown still count" "$(tail -1 "$T/err")"

# Links leaving the document: five warnings, then one line counting the
# rest; with a link-base they become links to where the files live.
L=$T/lk; mkdir -p "$L/docs"
printf '# L\n\n[a](../std/a.html#x) [b](b.md) [c](sub/c%%20d.txt) [d](d.md) [e](e.md) [f](f.md) [g](g.md) [h](h.md) [a2](../std/a.html)\n' >"$L/docs/x.md"
expect "links leaving the inputs are no error" 0 "$QUIRE" -t man -o "$L/x.7" "$L/docs/x.md"
same "five warnings for links leaving, then one that counts" "$(grep -c 'which is not among the inputs' "$T/err")/$(grep -c '^quire: \.\.\. and 3 more warnings like it$' "$T/err")" 5/1
"$QUIRE" -M link-base=https://example.org/proj/docs -t epub -o "$L/x.epub" "$L/docs/x.md" 2>"$T/err"
unzip -p "$L/x.epub" EPUB/c001.xhtml >"$L/x.xhtml" 2>/dev/null
grep -q 'href="https://example.org/proj/std/a.html#x"' "$L/x.xhtml" &&
	grep -q 'href="https://example.org/proj/docs/sub/c%20d.txt"' "$L/x.xhtml" &&
	grep -q 'href="https://example.org/proj/docs/h.md"' "$L/x.xhtml" && [ ! -s "$T/err" ] &&
	pass "-M link-base makes links leaving the document absolute" ||
	fail "-M link-base makes links leaving the document absolute" "$(grep -o 'href="[^"]*"' "$L/x.xhtml" | head -3) $(cat "$T/err")"
expect "a link-base that is no URL is named" 0 "$QUIRE" -M link-base=/srv/www -t man -o "$L/y.7" "$L/docs/x.md"
grep -q 'link-base "/srv/www" is not an http or https URL' "$T/err" && pass "link-base must be http(s)" ||
	fail "link-base must be http(s)" "$(head -2 "$T/err")"

# mdBook: {{#title}} is taken out (and titles an untitled book),
# {{#playground}} includes a Rust listing, [output.html] site-url is
# the link-base.
B=$T/book; mkdir -p "$B/src"
printf '[output.html]\nsite-url = "https://example.org/guide/"\n' >"$B/book.toml"
printf '# Summary\n\n- [One](one.md)\n' >"$B/src/SUMMARY.md"
printf '{{#title The Page Title}}\n# One\n\n{{#playground ex.rs editable}}\n\nSee [the API](../api/index.html).\n' >"$B/src/one.md"
printf 'fn main() {\n    println!("hi");\n}\n' >"$B/src/ex.rs"
expect "a book with mdBook's directives" 0 "$QUIRE" --dump "$B"
grep -q 'meta title="The Page Title"' "$T/out" && ! grep -q '{{#' "$T/out" &&
	pass "{{#title}} titles an untitled book and shows nowhere" || fail "{{#title}} titles an untitled book and shows nowhere" "$(head -3 "$T/out")"
grep -q 'code_block [0-9]* info="rust,editable" lang="rust".*fn main()' "$T/out" &&
	pass "{{#playground}} includes the file as a Rust listing" || fail "{{#playground}} includes the file as a Rust listing" "$(grep -m1 code_block "$T/out")"
grep -q -- '-> "https://example.org/api/index.html"' "$T/out" && [ ! -s "$T/err" ] &&
	pass "book.toml's site-url is the link-base" || fail "book.toml's site-url is the link-base" "$(grep -m1 'link' "$T/out") $(head -2 "$T/err")"

# --watch: publish again when an input changes (also when an editor
# saves by renaming), keep the last good output when a rebuild fails,
# watch a chapter SUMMARY.md gains, and stop on Ctrl-C leaving nothing.
W=$T/watch; mkdir -p "$W/src"
printf '[book]\ntitle = "W"\n' >"$W/book.toml"
printf '# Summary\n\n- [One](one.md)\n' >"$W/src/SUMMARY.md"
printf '# One\n\nFirst words.\n' >"$W/src/one.md"
waitfor() {	# FILE PATTERN: up to 10 s for PATTERN to appear in FILE
	local i
	for i in $(seq 100); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
timeout 60 "$QUIRE" --watch -t man -o "$W/out/" "$W" 2>"$W/err" &
wpid=$!
waitfor "$W/err" 'watching 3 files' && waitfor "$W/out/w.7" 'First words' &&
	pass "--watch publishes first and watches book.toml, SUMMARY.md, the chapter" ||
	fail "--watch publishes first and watches book.toml, SUMMARY.md, the chapter" "$(cat "$W/err")"
printf '# One\n\nSecond words.\n' >"$W/src/one.tmp" && mv "$W/src/one.tmp" "$W/src/one.md"
waitfor "$W/out/w.7" 'Second words' && waitfor "$W/err" 'published again in' &&
	pass "--watch publishes again when a chapter is saved by rename" ||
	fail "--watch publishes again when a chapter is saved by rename" "$(cat "$W/err")"
printf '# Two\n\nNew chapter.\n' >"$W/src/two.md"
printf '# Summary\n\n- [One](one.md)\n- [Two](two.md)\n' >"$W/src/SUMMARY.md"
waitfor "$W/out/w.7" 'New chapter' && pass "--watch follows SUMMARY.md" || fail "--watch follows SUMMARY.md" "$(cat "$W/err")"
printf '# Two\n\nChanged too.\n' >"$W/src/two.md"
waitfor "$W/out/w.7" 'Changed too' && pass "--watch watches the chapter SUMMARY.md gained" ||
	fail "--watch watches the chapter SUMMARY.md gained" "$(cat "$W/err")"
printf 'not a toml [[[\n' >"$W/book.toml"
waitfor "$W/err" 'not published (exit 2); the last good outputs stay' && grep -q 'Changed too' "$W/out/w.7" &&
	pass "--watch keeps the last good output when a build fails" ||
	fail "--watch keeps the last good output when a build fails" "$(tail -3 "$W/err")"
n=$(grep -c 'published again' "$W/err")
touch "$W/src/unrelated.txt"; sleep 0.6
same "--watch ignores files no build read" "$(grep -c 'published again' "$W/err")" "$n"
kill -INT $wpid; wait $wpid 2>/dev/null
ls -A "$W/out" | grep -v '^w\.7$' >"$W/left"
[ ! -s "$W/left" ] && ! kill -0 $wpid 2>/dev/null && pass "Ctrl-C stops --watch leaving no temporary file" ||
	fail "Ctrl-C stops --watch leaving no temporary file" "$(cat "$W/left")"
expect "--watch refuses -o -" 1 "$QUIRE" --watch -t man -o - "$W"
