#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/pdf.sh - the PDF emitter.
#
# Every case in tests/cases/ and every content/*.md is published as PDF
# and checked with the validators: qpdf --check (no errors or warnings),
# pdffonts (every font embedded and subset, with a ToUnicode map, and no
# warnings), pdftotext (silent), the words in reading order against the
# model (>= 98 %), and pdftotext -bbox (no word outside the margins).
# Then specific properties: outline, links, reproducibility, paper size,
# and the tables of issue 6.  NAME.pdf.txt beside a case is the expected
# `pdftotext -raw` output; regenerate with UPDATE=1 bash tests/t/pdf.sh
# (and read every regenerated file before committing it).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch pdf)

# Known margins for the bbox check: 20 mm all round on A4.
a4_style "$S/style.yaml"

# The checks that need parsing are done in Python: tests/pdfcheck.py.
PY="python3 $TOP/tests/pdfcheck.py"

# publish NAME FILE [quire options]: PDF into $S/NAME.pdf, errors in .err
publish() {
	local name=$1 file=$2; shift 2
	"$QUIRE" -q -t pdf -o "$S/$name.pdf" "$@" "$file" 2>"$S/$name.err"
}

validate() {	# NAME FILE
	local name=$1 file=$2 out
	if ! publish "$name" "$file"; then
		fail "pdf-publish:$name" "$(head -c 300 "$S/$name.err")"
		return
	fi
	pass "pdf-publish:$name"
	if out=$(qpdf_ok "$S/$name.pdf"); then
		pass "pdf-qpdf:$name"
	else
		fail "pdf-qpdf:$name" "$out"
	fi
	out=$(pdffonts "$S/$name.pdf" 2>&1)
	if grep -qi 'error\|warning' <<<"$out"; then
		fail "pdf-fonts:$name" "$(head -c 200 <<<"$out")"
	elif awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" ||
	    $(NF-2) != "yes") { bad = 1 } END { exit bad }' <<<"$out" &&
	    [ "$(wc -l <<<"$out")" -gt 2 ]; then
		pass "pdf-fonts:$name"
	else
		fail "pdf-fonts:$name" "a font not embedded, subset and mapped"
	fi
	pdftotext -raw "$S/$name.pdf" "$S/$name.txt" 2>"$S/$name.pdftotext"
	if [ -s "$S/$name.pdftotext" ]; then
		fail "pdf-text:$name" "$(head -c 200 "$S/$name.pdftotext")"
	else
		pass "pdf-text:$name"
	fi
	"$QUIRE" --dump "$file" >"$S/$name.dump" 2>/dev/null
	out=$($PY order "$S/$name.dump" "$S/$name.txt")
	if [ $? -eq 0 ]; then
		pass "pdf-order:$name"
	else
		fail "pdf-order:$name" "only $out% of the words in order"
	fi
	# Margins, with the test style's known 20 mm.
	if publish "$name-m" "$file" -s "$S/style.yaml" &&
	    pdftotext -bbox "$S/$name-m.pdf" "$S/$name.bbox" 2>/dev/null &&
	    out=$($PY margins "$S/$name.bbox" 56.69); then
		pass "pdf-margins:$name"
	else
		fail "pdf-margins:$name" "$(head -3 <<<"$out" | tr '\n' ';')"
	fi
	local golden=${file%.md}.pdf.txt
	if [ -n "${UPDATE:-}" ] && [[ $file == */tests/cases/* ]] &&
	    [ -f "$golden" ]; then
		cp "$S/$name.txt" "$golden"
	fi
	if [ -f "$golden" ]; then
		if cmp -s "$golden" "$S/$name.txt"; then
			pass "pdf-golden:$name"
		else
			fail "pdf-golden:$name" "$(diff "$golden" "$S/$name.txt" |
			    head -5 | tr '\n' ';')"
		fi
	fi
}

for f in "$TOP"/tests/cases/*.md "$TOP"/content/*.md; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .md)
	case $f in */content/*) n=content-$n ;; esac
	validate "$n" "$f"
done

SEED=$TOP/content/ai-engineer.md
CASES=$TOP/tests/cases

# Outline: one entry per heading, in order, nested.
for n in content-ai-engineer pdf-blocks; do
	[ -f "$S/$n.pdf" ] || { fail "pdf-outline:$n" "no $n.pdf"; continue; }
	if out=$($PY outline "$S/$n.dump" "$S/$n.pdf"); then
		pass "pdf-outline:$n"
	else
		fail "pdf-outline:$n" "$out"
	fi
done

# Links: the URI annotation and the internal one to "Lists and nesting"
# (on page 1 of pdf-blocks).
if [ -f "$S/pdf-blocks.pdf" ]; then
	out=$($PY annots "$S/pdf-blocks.pdf")
	if grep -qx 'uri https://example.org/page' <<<"$out" &&
	    grep -qx 'dest 1' <<<"$out"; then
		pass "pdf-links"
	else
		fail "pdf-links" "$(tr '\n' ';' <<<"$out")"
	fi
else
	fail "pdf-links" "no pdf-blocks.pdf"
fi

# Reproducible: two runs, byte-identical, file ID included.
if publish repro1 "$SEED" && publish repro2 "$SEED" &&
    cmp -s "$S/repro1.pdf" "$S/repro2.pdf" &&
    grep -aq '/ID \[<' "$S/repro1.pdf"; then
	pass "pdf-reproducible"
else
	fail "pdf-reproducible" "two runs differ or no /ID"
fi

# Document info from the metadata and SOURCE_DATE_EPOCH.
info=$(pdfinfo "$S/repro1.pdf" 2>&1)
if grep -q '^Title: *Introduction to AI Engineers' <<<"$info" &&
    grep -q '^Creator: *quire ' <<<"$info" &&
    grep -q '^Subject: *what an AI engineer does' <<<"$info" &&
    grep -q '^Keywords: *AI engineering, machine learning' <<<"$info" &&
    grep -q '^CreationDate: .*2023' <<<"$info"; then
	pass "pdf-info"
else
	fail "pdf-info" "$(tr '\n' ';' <<<"$info" | head -c 300)"
fi

# Paper sizes.
if publish letter "$SEED" --paper letter &&
    pdfinfo "$S/letter.pdf" | grep -q 'Page size: *612 x 792'; then
	pass "pdf-paper-letter"
else
	fail "pdf-paper-letter" "not 612 x 792"
fi
if pdfinfo "$S/repro1.pdf" | grep -q 'Page size: *595.2.. x 841.8'; then
	pass "pdf-paper-a4"
else
	fail "pdf-paper-a4" "$(pdfinfo "$S/repro1.pdf" | grep 'Page size')"
fi

# A book of several files: each file after the first starts a page (the
# linked book is short enough to fit on one page otherwise), unless the
# style turns that off.
firstline() {	# PDF PAGE: the first text line of that page
	pdftotext -f "$2" -l "$2" -raw "$1" - 2>/dev/null | sed -n 1p
}
printf 'pdf:\n  chapter-page-break: false\n' >"$S/nobreak.yaml"
if "$QUIRE" -q -t pdf -o "$S/book.pdf" tests/books/linked/*.md 2>"$S/book.err" &&
    "$QUIRE" -q -t pdf -s "$S/nobreak.yaml" -o "$S/book1.pdf" \
    tests/books/linked/*.md 2>>"$S/book.err"; then
	np=$(pdfinfo "$S/book.pdf" | awk '/^Pages:/ { print $2 }')
	np1=$(pdfinfo "$S/book1.pdf" | awk '/^Pages:/ { print $2 }')
	if [ "$np" -eq 3 ] && [ "$(firstline "$S/book.pdf" 2)" = Setup ] &&
	    [ "$(firstline "$S/book.pdf" 3)" = Reference ] && [ "$np1" -eq 1 ]; then
		pass "pdf-book-chapter-pages"
	else
		fail "pdf-book-chapter-pages" "$np pages ($np1 without breaks);\
 page 2 starts '$(firstline "$S/book.pdf" 2)'"
	fi
	# Links between the files become internal links, in reading order:
	# setup chapter, installation, options, the last word, goals (page
	# 1); introduction, options, the first goals, these goals (page 2);
	# installation, start (page 3).  The missing part and the file
	# outside the book stay text.  (A link broken across two lines is
	# two areas; with font expansion none of these is broken.)
	got=$($PY annots "$S/book.pdf" | tr '\n' ' ')
	if [ "$got" = "dest 2 dest 2 dest 3 dest 3 dest 1 dest 1 dest 3 dest 1 dest 2 dest 2 dest 1 " ]; then
		pass "pdf-book-links"
	else
		fail "pdf-book-links" "$got"
	fi
else
	fail "pdf-book-chapter-pages" "$(head -c 200 "$S/book.err")"
fi

# A thematic break never opens a page: 240 paragraphs of varying length,
# each followed by a rule, so many page ends fall next to a rule; on no
# page may a stroked line lie above the page's first text line.
{
	printf -- '---\ntitle: Rules\n---\n\n'
	for i in $(seq 1 240); do
		printf 'Paragraph %d.' "$i"
		for j in $(seq 0 $((i * 7 % 23))); do printf ' word%d' "$j"; done
		printf '\n\n---\n\n'
	done
} >"$S/rules.md"
if publish rules "$S/rules.md" -s "$S/style.yaml"; then
	if out=$($PY ruletop "$S/rules.pdf"); then
		pass "pdf-no-rule-at-page-top"
	else
		fail "pdf-no-rule-at-page-top" "$out"
	fi
else
	fail "pdf-no-rule-at-page-top" "$(head -c 200 "$S/rules.err")"
fi

# The seed's table: the label column about as wide as "Responsibilities"
# plus padding, no label hyphenated, each "Key Responsibilities" item on
# a line of its own, in reading order.
T=$S/content-ai-engineer.txt
if [ -f "$T" ]; then
	if out=$($PY labelwidth "$S/content-ai-engineer.bbox" \
	    Responsibilities Develops 4); then
		pass "pdf-table-labelwidth"
	else
		fail "pdf-table-labelwidth" "$out"
	fi
	if out=$($PY cellbullets "$S/content-ai-engineer.bbox" \
	    Responsibilities); then
		pass "pdf-table-cell-bullets"
	else
		fail "pdf-table-cell-bullets" "$out"
	fi
	if grep -q '^Responsibilities$' "$T" && grep -q '^Organization$' "$T" &&
	    ! grep -Eq 'Respon-|Organi-|Organiza-|Skill-' "$T"; then
		pass "pdf-table-labels-whole"
	else
		fail "pdf-table-labels-whole" "a label is hyphenated"
	fi
	n=$(grep -Ec '^• (Design and develop|Integrate various|Ensure ethical|Oversee system|Build and train|Perform data|Tune model|Deploy and monitor)' "$T")
	if [ "$n" -eq 8 ]; then
		pass "pdf-table-cell-items"
	else
		fail "pdf-table-cell-items" "$n of 8 items start a line"
	fi
else
	fail "pdf-table-labelwidth" "no content-ai-engineer.txt"
fi

# Body text is justified to the right margin; list items hang.
if [ -f "$S/content-ai-engineer.bbox" ]; then
	if out=$($PY justified "$S/content-ai-engineer.bbox" 56.69 10); then
		pass "pdf-justified"
	else
		fail "pdf-justified" "$out"
	fi
	if out=$($PY hanging "$S/content-ai-engineer.bbox" Developing address); then
		pass "pdf-hanging-indent"
	else
		fail "pdf-hanging-indent" "$out"
	fi
else
	fail "pdf-justified" "no content-ai-engineer.bbox"
fi

# 300 rows, right/centre/left aligned: several pages, header on each,
# alignment kept, inside the margins.
{
	printf -- '---\ntitle: Three hundred rows\n---\n\n'
	printf '| Amount | Status | Item | Note |\n|---:|:---:|:---|---|\n'
	for i in $(seq 1 300); do
		case $((i % 3)) in 0) st=ok ;; 1) st=pending ;; *) st=late ;; esac
		printf '| %d.%02d | %s | item-%d | row %d of the long table |\n' \
		    $((i * 37 % 1000)) $((i % 100)) "$st" "$i" "$i"
	done
} >"$S/rows.md"
if publish rows "$S/rows.md" -s "$S/style.yaml"; then
	pages=$(pdfinfo "$S/rows.pdf" | awk '/^Pages:/ { print $2 }')
	hdr=0
	for p in $(seq 1 "$pages"); do
		pdftotext -f "$p" -l "$p" -raw "$S/rows.pdf" - |
		    grep -q '^Amount Status Item Note$' && hdr=$((hdr + 1))
	done
	if [ "$pages" -ge 3 ] && [ "$hdr" -eq "$pages" ]; then
		pass "pdf-table-300-header"
	else
		fail "pdf-table-300-header" "header on $hdr of $pages pages"
	fi
	pdftotext -bbox "$S/rows.pdf" "$S/rows.bbox"
	if $PY align "$S/rows.bbox" right '[0-9]+\.[0-9]+' >"$S/al" &&
	    $PY align "$S/rows.bbox" center 'ok|pending|late' >>"$S/al" &&
	    $PY align "$S/rows.bbox" left 'item-[0-9]+' >>"$S/al"; then
		pass "pdf-table-300-align"
	else
		fail "pdf-table-300-align" "$(head -2 "$S/al" | tr '\n' ';')"
	fi
	if out=$($PY margins "$S/rows.bbox" 56.69); then
		pass "pdf-table-300-margins"
	else
		fail "pdf-table-300-margins" "$(tr '\n' ';' <<<"$out")"
	fi
else
	fail "pdf-table-300" "$(head -c 200 "$S/rows.err")"
fi

# A cell taller than a page splits, the header repeats, the label says
# it continues.
if [ -f "$S/pdf-table-tall.pdf" ]; then
	p2=$(pdftotext -f 2 -l 2 -raw "$S/pdf-table-tall.pdf" -)
	if grep -q '^Aspect Details Notes$' <<<"$p2" &&
	    grep -Eq '\((continued|cont\.)\)' <<<"$p2" &&
	    grep -q 'Item number 70' "$S/pdf-table-tall.txt"; then
		pass "pdf-table-tall-split"
	else
		fail "pdf-table-tall-split" "no header or label on page 2"
	fi
else
	fail "pdf-table-tall-split" "no pdf-table-tall.pdf"
fi

# Twelve columns stay readable: no word set below 7 pt (a 7 pt DejaVu
# word box is about 8 pt high).
if [ -f "$S/pdf-table-wide.bbox" ]; then
	if out=$($PY minheight "$S/pdf-table-wide.bbox" 7.9); then
		pass "pdf-table-wide-size"
	else
		fail "pdf-table-wide-size" "$(tr '\n' ';' <<<"$out")"
	fi
else
	fail "pdf-table-wide-size" "no pdf-table-wide.bbox"
fi

# Footnotes by position (issue 15): in the notes case, and in a book of
# two of them numbered per chapter.
if [ -f "$S/gfm-notes.bbox" ]; then
	if out=$($PY notes "$S/gfm-notes.dump" "$S/gfm-notes.bbox" 56.69 20); then
		pass "pdf-notes-position: $out"
	else
		fail "pdf-notes-position" "$(tr '\n' ';' <<<"$out")"
	fi
	grep -q ' split$' <<<"$out" && ! grep -q ' 0 split$' <<<"$out" &&
		pass "pdf-notes-split" || fail "pdf-notes-split" "$out"
	# The markers lead to the notes and the notes back: an internal
	# link per reference and per note.
	n=$($PY annots "$S/gfm-notes-m.pdf" | grep -c '^dest')
	[ "$n" -ge 12 ] && pass "pdf-notes-links ($n)" ||
		fail "pdf-notes-links" "$n internal links"
else
	fail "pdf-notes-position" "no gfm-notes.bbox"
fi

# A missing hyphenation dictionary is a warning, not a failure.
printf -- '---\nlang: xx-YY\n---\nA paragraph in an unknown language.\n' \
    >"$S/lang.md"
if "$QUIRE" -t pdf -o "$S/lang.pdf" "$S/lang.md" 2>"$S/lang.err" &&
    grep -q 'hyphenation' "$S/lang.err"; then
	pass "pdf-hyphen-warning"
else
	fail "pdf-hyphen-warning" "no warning for lang xx-YY"
fi

# Per-character font fallback (issue 20): letters no configured family
# has are drawn with an installed TrueType font that has them (found
# through fontconfig), not as '?'.  Each script is checked only where
# such a font is installed; otherwise its case is a SKIP naming what to
# install.  The text is unshaped (no conjuncts), so only the characters
# are compared; Hebrew is compared letter by letter, as pdftotext
# reorders what quire still draws left to right.
cat >"$S/scripts.md" <<'EOF2'
# Scripts

Hindi: नमस्ते दुनिया

Korean: 안녕하세요 세계

Greek: Καλημέρα κόσμε

Hebrew: שלום עולם
EOF2
# fallback SCRIPT HEX PACKAGE STRING...: each string is in the text, and
# no warning names U+HEX.
fallback() {
	local script=$1 hex=$2 pkg=$3 bad="" w
	local why="no TrueType font with U+$hex; install $pkg"
	shift 3
	if ! ttf_for "$hex"; then
		skip "pdf-fallback-$script" "$why"
		return
	fi
	grep -q "U+$hex" "$S/scripts.err" && bad="warned about U+$hex"
	for w; do
		grep -qF -- "$w" "$S/scripts.txt" || bad="$bad; no '$w'"
	done
	if [ -z "$bad" ]; then
		pass "pdf-fallback-$script"
	else
		fail "pdf-fallback-$script" "$bad"
	fi
}
if "$QUIRE" -t pdf -o "$S/scripts.pdf" "$S/scripts.md" 2>"$S/scripts.err"; then
	pdftotext -raw "$S/scripts.pdf" "$S/scripts.txt" 2>/dev/null
	fallback Devanagari 0938 fonts-noto-core "नमस्ते दुनिया"
	fallback Hangul C548 fonts-nanum "안녕하세요 세계"
	fallback Greek 03B1 fonts-dejavu-core "Καλημέρα κόσμε"
	fallback Hebrew 05E9 fonts-noto-core ש ל ו ם ע
	if out=$(qpdf_ok "$S/scripts.pdf"); then
		pass "pdf-fallback-qpdf"
	else
		fail "pdf-fallback-qpdf" "$out"
	fi
	"$QUIRE" -q -t pdf -o "$S/scripts2.pdf" "$S/scripts.md" 2>/dev/null
	cmp -s "$S/scripts.pdf" "$S/scripts2.pdf" &&
		pass "pdf-fallback-reproducible" ||
		fail "pdf-fallback-reproducible" "two runs differ"
	# In code too: a letter the mono face lacks is set in the face that
	# has it (pdffonts lists it), not drawn as a missing glyph.
	printf '```\nlet s = "नमस्ते";\n```\n' >"$S/codescript.md"
	if ttf_for 0938; then
		"$QUIRE" -q -t pdf -o "$S/codescript.pdf" "$S/codescript.md" &&
		    pdffonts "$S/codescript.pdf" | grep -q Devanagari &&
			pass "pdf-fallback-in-code" ||
			fail "pdf-fallback-in-code" "$(pdffonts "$S/codescript.pdf" | tail -n +3)"
	else
		skip pdf-fallback-in-code "no TrueType font with U+0938; install fonts-noto-core"
	fi
else
	fail "pdf-fallback" "$(head -c 200 "$S/scripts.err")"
fi

# The pages' content streams compressed on several threads (pdf/deflate.c)
# give the bytes libharu gives alone: one document of every case (many
# pages), and the mdBook fixture, -j 1 against -j 2 and -j 3.
"$QUIRE" -q -j 1 -t pdf -o "$S/many-j1.pdf" tests/cases/*.md 2>/dev/null
for j in 2 3; do
	"$QUIRE" -q -j "$j" -t pdf -o "$S/many-j$j.pdf" tests/cases/*.md 2>/dev/null
	cmp -s "$S/many-j1.pdf" "$S/many-j$j.pdf" &&
		pass "pdf-threads: every case as one PDF, -j 1 and -j $j byte-identical" ||
		fail "pdf-threads: every case as one PDF, -j 1 and -j $j byte-identical"
done
pages=$(qpdf --show-npages "$S/many-j2.pdf" 2>/dev/null)
[ "${pages:-0}" -ge 8 ] && qpdf --check "$S/many-j2.pdf" >/dev/null 2>&1 &&
	pass "pdf-threads: $pages pages, qpdf --check clean" ||
	fail "pdf-threads: many pages, qpdf --check clean" "${pages:-no} pages"
# Images come compressed (pngload.c), the same at any -j; this PNG's
# alpha channel is opaque everywhere, so it has no soft mask (libharu
# alone wrote a raw 37.5 kB one).
"$QUIRE" -q -j 1 -t pdf -o "$S/img-j1.pdf" tests/cases/pdf-image.md 2>/dev/null
"$QUIRE" -q -j 2 -t pdf -o "$S/img-j2.pdf" tests/cases/pdf-image.md 2>/dev/null
images=$(pdfimages -list "$S/img-j2.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
masks=$(pdfimages -list "$S/img-j2.pdf" 2>/dev/null | awk '$3 == "smask"' | wc -l)
raw=$(pdfimages -list "$S/img-j2.pdf" 2>/dev/null | awk 'NR > 2 && $NF == "100%"' | wc -l)
if [ "$images" = 2 ] && [ "$masks" = 0 ] && [ "$raw" = 0 ] &&
    cmp -s "$S/img-j1.pdf" "$S/img-j2.pdf" &&
    qpdf --check "$S/img-j2.pdf" >/dev/null 2>&1; then
	pass "pdf-threads: images compressed, an opaque alpha channel dropped, -j 1 and -j 2 byte-identical"
else
	fail "pdf-threads: images compressed, an opaque alpha channel dropped, -j 1 and -j 2 byte-identical" \
	    "$images images, $masks masks, $raw raw"
fi
"$QUIRE" -q -j 1 -t pdf -o "$S/book-j1.pdf" tests/books/mdbook 2>/dev/null
"$QUIRE" -q -j 2 -t pdf -o "$S/book-j2.pdf" tests/books/mdbook 2>/dev/null
cmp -s "$S/book-j1.pdf" "$S/book-j2.pdf" &&
	pass "pdf-threads: the mdBook fixture, -j 1 and -j 2 byte-identical" ||
	fail "pdf-threads: the mdBook fixture, -j 1 and -j 2 byte-identical"

# PNGs are decoded with libpng (pngload.c), not by libharu, which
# refused or garbled these:
# an RGBA image whose ICC profile has bytes after its compressed data
# (as macOS screenshots do; libpng only warns, libharu failed the whole
# PDF), a 16-bit RGB image (libharu drew noise), a grey+alpha image
# with the same profile; a truncated PNG still falls back to its alt
# text with a warning (libharu's reader abort()ed on it), and so does
# one whose header claims 2.5 billion pixels (refused before any
# allocation).  The pixels
# are checked after pdfimages; -j 1 and -j 2 (the PNGs made ready on a
# thread of their own) give the same file and messages.
P="$S/png"
mkdir -p "$P"
python3 - "$P" <<'PYEOF'
import struct, sys, zlib
d = sys.argv[1]
def chunk(t, b):
    return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
def png(name, w, h, depth, ctype, pixel, iccp=False, cut=False):
    rows = b''.join(b'\0' + b''.join(pixel(x, y) for x in range(w)) for y in range(h))
    out = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, 0))
    if iccp:
        # a minimal profile header, compressed, then stray bytes
        out += chunk(b'iCCP', b'ICC Profile\0\0' + zlib.compress(bytes(132)) + b'\0\0\0\0')
    idat = zlib.compress(rows)
    out += chunk(b'IDAT', idat[:len(idat) // 2] if cut else idat)
    if not cut:
        out += chunk(b'IEND', b'')
    open(d + '/' + name, 'wb').write(out)
# left half opaque red, right half transparent blue
png('icc.png', 40, 20, 8, 6, lambda x, y: bytes([255, 0, 0, 255]) if x < 20 else bytes([0, 0, 255, 0]), iccp=True)
# 16 bits a channel: 0x8040 grey-blue, kept as its high byte 0x80
png('deep.png', 40, 20, 16, 2, lambda x, y: struct.pack('>HHH', 0x8040, 0x8040, 0xFF00))
png('grey.png', 40, 20, 8, 4, lambda x, y: bytes([100, 255 if y < 10 else 0]), iccp=True)
png('cut.png', 40, 20, 8, 2, lambda x, y: bytes([1, 2, 3]), cut=True)
# a header claiming 50000 x 50000 pixels over a few bytes of data
open(d + '/huge.png', 'wb').write(b'\x89PNG\r\n\x1a\n' +
    chunk(b'IHDR', struct.pack('>IIBBBBB', 50000, 50000, 8, 6, 0, 0, 0)) +
    chunk(b'IDAT', zlib.compress(bytes(1000))) + chunk(b'IEND', b''))
PYEOF
cat >"$P/png.md" <<'EOF2'
# PNGs

![with an ICC profile](icc.png)

![sixteen bits](deep.png)

![grey with alpha](grey.png)

![a truncated file](cut.png)

![a huge header](huge.png)

The end.
EOF2
"$QUIRE" -j 2 -t pdf -o "$P/png.pdf" "$P/png.md" 2>"$P/err"
rc=$?
"$QUIRE" -j 1 -t pdf -o "$P/png-j1.pdf" "$P/png.md" 2>"$P/err-j1"
( cd "$P" && pdfimages png.pdf x 2>/dev/null )
# Left and right of the top half, left of the bottom half, per file
# (pdfimages writes a mask as .pgm or .ppm, by version).
python3 - "$P" >"$P/pixels" 2>&1 <<'PYEOF'
import glob, sys
d = sys.argv[1]
def pnm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace(): pos += 1
        end = pos
        while not data[end:end + 1].isspace(): end += 1
        parts.append(data[pos:end]); pos = end
    w, h = int(parts[1]), int(parts[2])
    n = 3 if parts[0] == b'P6' else 1
    px = data[pos + 1:]
    return lambda x, y: tuple(px[(y * w + x) * n:(y * w + x) * n + n])
files = sorted(glob.glob(d + '/x-*.p?m'))
print(len(files))
for f in files:
    p = pnm(f)
    print(f.rsplit('/', 1)[1], p(5, 5), p(35, 5), p(5, 15))
PYEOF
# Expected: 3 images, two with masks: 5 files.
if [ $rc = 0 ] && ! grep -q "icc.png\|deep.png\|grey.png" "$P/err" &&
    grep -q "png.md:9: warning: .*cut.png.*alt text" "$P/err" &&
    grep -q "png.md:11: warning: .*huge.png: it is too large.*alt text" "$P/err" &&
    [ "$(head -1 "$P/pixels")" = 5 ] &&
    grep -q "^x-000.ppm (255, 0, 0) (0, 0, 255) (255, 0, 0)$" "$P/pixels" &&
    grep -q "^x-001.p.m (255[, 25]*) (0[, 0]*) (255[, 25]*)$" "$P/pixels" &&
    grep -q "^x-002.ppm (128, 128, 255) (128, 128, 255) " "$P/pixels" &&
    grep -q "^x-003.p.m (100[, 10]*) (100[, 10]*) (100[, 10]*)$" "$P/pixels" &&
    grep -q "^x-004.p.m (255[, 25]*) (255[, 25]*) (0[, 0]*)$" "$P/pixels" &&
    pdftotext "$P/png.pdf" - 2>/dev/null | grep -q "a truncated file" &&
    cmp -s "$P/png.pdf" "$P/png-j1.pdf" && cmp -s "$P/err" "$P/err-j1" &&
    qpdf --check "$P/png.pdf" >/dev/null 2>&1; then
	pass "pdf-png: PNGs libharu refuses (ICC profile, 16 bits, grey+alpha) decoded with libpng; a truncated one warns and keeps its alt text"
else
	fail "pdf-png: PNGs libharu refuses decoded with libpng" "rc=$rc $(cat "$P/err" "$P/pixels" | tr '\n' ' ')"
fi

# ---- damaged JPEGs (issue 35): libjpeg reads each whole first ----
# Made from the case's JPEG: cut in half, its frame header claiming 16-bit
# samples, two components (the header's length then wrong), 60000 x 60000
# pixels, and its coded data scribbled over.  Each gets a warning naming
# the file and line and its alt text; the good one is still drawn, and
# qpdf finds no damaged stream.
J=$(scratch pdf-jpeg)
python3 - "$TOP/tests/cases/pdf-image.jpg" "$J" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()
out = sys.argv[2]
i = d.find(b'\xff\xc0')
def put(name, b): open(out + '/' + name + '.jpg', 'wb').write(bytes(b))
put('good', d)
put('cut', d[:len(d) // 2])
b = bytearray(d); b[i + 4] = 16; put('deep', b)
b = bytearray(d); b[i + 9] = 2; put('two', b)
b = bytearray(d); b[i + 5:i + 9] = (60000).to_bytes(2, 'big') * 2; put('huge', b)
b = bytearray(d); s = d.find(b'\xff\xda')
for k in range(s + 40, len(d) - 10, 7): b[k] = 0xff if b[k] != 0xff else 0
put('scribbled', b)
PYEOF
{
	printf '# JPEGs\n\n'
	for f in good cut deep two huge scribbled; do printf '![the %s one](%s.jpg)\n\n' $f $f; done
} >"$J/jpeg.md"
timeout 60 "$QUIRE" -t pdf -o "$J/jpeg.pdf" "$J/jpeg.md" 2>"$J/err"
rc=$?
same "pdf-jpeg: damaged JPEGs still publish" "$rc" 0
line=5
for f in cut deep two huge scribbled; do
	grep -q "^quire: $J/jpeg.md:$line: warning: image [^ ]*/$f.jpg: .*alt text" "$J/err" &&
		pass "pdf-jpeg: $f.jpg warns with FILE:LINE" || fail "pdf-jpeg: $f.jpg warns with FILE:LINE" "$(head -c 300 "$J/err")"
	pdftotext "$J/jpeg.pdf" - 2>/dev/null | grep -q "the $f one" &&
		pass "pdf-jpeg: $f.jpg shows its alt text" || fail "pdf-jpeg: $f.jpg shows its alt text"
	line=$((line + 2))
done
grep -q 'deep.jpg: its samples are not 8 bits' "$J/err" && grep -q 'huge.jpg: it is too large' "$J/err" &&
	pass "pdf-jpeg: the warning says what is wrong" || fail "pdf-jpeg: the warning says what is wrong" "$(cat "$J/err")"
! grep -q 'good.jpg' "$J/err" && [ "$(pdfimages -list "$J/jpeg.pdf" 2>/dev/null | grep -c ' jpeg ')" = 1 ] &&
	pass "pdf-jpeg: the good JPEG alone is embedded" || fail "pdf-jpeg: the good JPEG alone is embedded" "$(pdfimages -list "$J/jpeg.pdf" 2>&1 | tail -n +3)"
out=$(qpdf_ok "$J/jpeg.pdf") && pass "pdf-jpeg: qpdf --check clean" || fail "pdf-jpeg: qpdf --check clean" "$out"

# ---- one letter carrying 100 000 combining marks (issue 35) ----
# HarfBuzz's cost grows with the square of a letter's marks; the PDF
# shapes a run of more than 32 in pieces, so 200 KB takes well under a
# second (it took about 20 s), and every mark is still in the text.
C=$(scratch pdf-marks)
python3 -c "import sys; open(sys.argv[1], 'w').write('# Marks\n\nbefore a' + '\u0301' * 100000 + ' end\n')" "$C/marks.md"
timeout 20 "$QUIRE" -q -t pdf -o "$C/marks.pdf" "$C/marks.md" 2>"$C/err"
rc=$?
same "pdf-marks: 100 000 combining marks on one letter publish in time" "$rc" 0
if [ $rc = 0 ]; then
	same "pdf-marks: every mark and the words around them kept" \
	    "$(pdftotext "$C/marks.pdf" - | python3 -c "import sys; t = sys.stdin.read(); print(t.count('\u0301'), 'before' in t, 'end' in t)")" "100000 True True"
	out=$(qpdf_ok "$C/marks.pdf") && pass "pdf-marks: qpdf --check clean" || fail "pdf-marks: qpdf --check clean" "$out"
else
	fail "pdf-marks: every mark and the words around them kept" "exit $rc"
	fail "pdf-marks: qpdf --check clean" "exit $rc"
fi

# ---- a page too small for any text (issue 35) ----
# pdf.page.width: 0.001 is in the style's range (0 means the paper's), but
# no text fits: a warning at the style file's line, which keeps the
# paper's size, never "libharu failed (error 0x1054)".
Z=$(scratch pdf-tiny)
printf 'pdf:\n  page:\n    width: 0.001\n' >"$Z/w.yaml"
printf 'pdf:\n  page:\n    height: 1mm\n' >"$Z/h.yaml"
for k in w h; do
	timeout 30 "$QUIRE" -t pdf -s "$Z/$k.yaml" -o "$Z/$k.pdf" content/ai-engineer.md 2>"$Z/err"
	rc=$?
	size=$(pdfinfo "$Z/$k.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\).*/\1/p')
	[ $rc = 0 ] && grep -q "^quire: $Z/$k.yaml:3: warning: pdf.page.* leaves no room for text" "$Z/err" &&
	    ! grep -q libharu "$Z/err" && [ "$size" = "595.276 x 841.89" ] &&
		pass "pdf-tiny: a page too small ($k) is named at its line, the paper kept" ||
		fail "pdf-tiny: a page too small ($k) is named at its line, the paper kept" "exit $rc, size $size: $(cat "$Z/err")"
done

# ---- a wide table whose header holds long words (issue 35) ----
# Forty narrow columns make the header row nearly a page tall; repeated
# on every page it left a line or two of the rows to each, so pages and
# memory grew as the square of the table (165 KB: 4335 pages, 1.2 GB).
# A header taller than a quarter of a page is not repeated.
WT=$(scratch pdf-wide)
python3 - "$WT/wide.md" <<'PYEOF'
import random, sys
random.seed(1)
word = lambda: ''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(100))
rows = ['# Wide', '', '|' + '|'.join(word() for _ in range(40)) + '|', '|' + '---|' * 40]
rows += ['|' + '|'.join(word() for _ in range(40)) + '|' for _ in range(40)]
open(sys.argv[1], 'w').write('\n'.join(rows) + '\n')
PYEOF
timeout 20 "$QUIRE" -q -t pdf -o "$WT/wide.pdf" "$WT/wide.md" 2>"$WT/err"
rc=$?
pages=$(pdfinfo "$WT/wide.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ $rc = 0 ] && [ "${pages:-0}" -gt 0 ] && [ "${pages:-0}" -lt 200 ] &&
	pass "pdf-wide: a table with a page-tall header takes pages in proportion ($pages)" ||
	fail "pdf-wide: a table with a page-tall header takes pages in proportion" "exit $rc, ${pages:-no} pages"
