#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/shaping.sh - complex scripts in the PDF (issue 20): text in
# Arabic, Persian, Hebrew, Hindi, Bengali and Thai is shaped by HarfBuzz
# and drawn by glyph id.  Checked on what is drawn (tests/glyphs.py reads
# the glyph ids out of the content streams and the ToUnicode maps), not
# only on what pdftotext says:
#  - no character is replaced by '?' when an installed font covers it;
#  - Arabic letters take their joining forms: the glyphs of a word are
#    not the glyphs of the same letters standing alone;
#  - a Devanagari conjunct is fewer glyphs than characters, and the word
#    still reads back whole (ActualText);
#  - pdftotext gives back the logical text of left-to-right lines, and
#    every right-to-left word in its logical order;
#  - a justified Hindi paragraph's lines end at the right margin, so the
#    widths layout measured are the widths drawn;
#  - Latin text is still drawn glyph per character, with no marked
#    content, and outputs are reproducible.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch shaping)
W=$TOP/tests/cases/world-scripts.md
GLYPHS="python3 $TOP/tests/glyphs.py"
# Known margins for the width checks: 20 mm all round on A4.
a4_style "$S/style.yaml"

if ! "$QUIRE" -t pdf -o "$S/w.pdf" "$W" 2>"$S/w.err"; then
	fail shaping-publish "$(head -c 300 "$S/w.err")"
	exit 0
fi
pass shaping-publish
if grep -q "no font has a glyph" "$S/w.err"; then
	fail shaping-no-missing "$(grep -m3 'no font' "$S/w.err")"
else
	pass shaping-no-missing
fi

# Left-to-right scripts: the logical text, line by line.
pdftotext -raw "$S/w.pdf" "$S/w.txt" 2>/dev/null
bad=""
for s in "नमस्ते दुनिया।" "क्षत्रिय, श्री और द्वार" "ক্ষ এবং জ্ঞ" \
    "আমি বাংলায় গান গাই।" "สวัสดีชาวโลก" "ที่นี่มีวรรณยุกต์" \
    "안녕하세요 세계." "こんにちは世界。"; do
	grep -qF -- "$s" "$S/w.txt" || bad="$bad; no '$s'"
done
[ -z "$bad" ] && pass shaping-ltr-text || fail shaping-ltr-text "${bad#; }"

# Right-to-left words, each in its logical order: pdftotext turns the
# glyphs of a right-to-left run, drawn in visual order, back into
# logical text through the ToUnicode maps.  Words with a lam-alef
# ligature are left out: poppler reverses the two letters of that one
# glyph, as it does in Chromium's PDFs.
pdftotext "$S/w.pdf" "$S/w.logical" 2>/dev/null
bad=""
for s in مرحبا بالعالم قصير دنیا עולם שלום בעברית; do
	grep -qw -- "$s" "$S/w.logical" || bad="$bad $s"
done
[ -z "$bad" ] && pass shaping-rtl-words || fail shaping-rtl-words "not read back:$bad"

# Whole right-to-left paragraphs (the bidi fixtures): the words pdftotext
# reads, line after line, are the source's words in logical order.
# Punctuation is left out (poppler places neutrals by its own guess), and
# a lam-alef ligature is compared as poppler reads it (see above).
logical_words() {	# FILE.md FILE.pdf
	pdftotext "$2" - 2>/dev/null | python3 -c '
import re, sys
src = open(sys.argv[1], encoding="utf-8").read().split("---", 2)[2]
par = [p for p in src.split("\n\n") if p.strip() and
       not p.lstrip().startswith(("#", "-", "1."))][0]
def words(t):
    t = re.sub("[\u200e\u200f\u202a-\u202e]", " ", t)
    # poppler reads a lam-alef ligature as alef-lam: say it the same way
    t = re.sub("\u0644([\u0622\u0623\u0625\u0627])", "\\1\u0644", t)
    return re.findall(r"\w+", t)
want = words(par)
got = words(sys.stdin.read())
for i in range(len(got) - len(want) + 1):
    if got[i:i + len(want)] == want:
        sys.exit(0)
print(" ".join(want[:8]), "| read:", " ".join(got[:12]))
sys.exit(1)' "$1"
}
for f in he ar fa; do
	if "$QUIRE" -q -t pdf -o "$S/$f.pdf" "$TOP/tests/bidi/$f.md" &&
	    r=$(logical_words "$TOP/tests/bidi/$f.md" "$S/$f.pdf"); then
		pass "shaping-logical-$f"
	else
		fail "shaping-logical-$f" "$r"
	fi
done

# Arabic joining: the glyphs of a word against the same letters alone.
printf 'مرحبا\n' >"$S/word.md"
printf 'م ر ح ب ا\n' >"$S/letters.md"
"$QUIRE" -q -t pdf -o "$S/word.pdf" "$S/word.md" &&
"$QUIRE" -q -t pdf -o "$S/letters.pdf" "$S/letters.md"
arabic_gids() {	# the glyphs of Arabic letters drawn, in order
	$GLYPHS "$1" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    for g, c in zip(r["gids"], r["text"]):
        if "\u0600" <= c <= "\u06ff":
            print(g)'
}
word=$(arabic_gids "$S/word.pdf" | sort -u)
letters=$(arabic_gids "$S/letters.pdf" | sort -u)
common=$(comm -12 <(echo "$word") <(echo "$letters"))
if [ "$(echo "$word" | grep -c .)" -eq 5 ] &&
    [ "$(echo "$letters" | grep -c .)" -eq 5 ] && [ -z "$common" ]; then
	pass shaping-arabic-joining
else
	fail shaping-arabic-joining "word glyphs [$(echo $word)], alone [$(echo $letters)]"
fi

# Brackets in right-to-left text are mirrored: drawn left to right, the
# bracket glyphs come as in left-to-right text, "(" then ")".
printf -- '---\nlang: ar\n---\n\nأهلا (بالعالم) هنا\n' >"$S/rtlbr.md"
printf 'one (two) three\n' >"$S/ltrbr.md"
"$QUIRE" -q -t pdf -o "$S/rtlbr.pdf" "$S/rtlbr.md" &&
"$QUIRE" -q -t pdf -o "$S/ltrbr.pdf" "$S/ltrbr.md"
brackets() {	# glyph ids of brackets, in drawing order
	$GLYPHS "$1" | python3 -c '
import json, sys
out = []
for l in sys.stdin:
    r = json.loads(l)
    out += [g for g, c in zip(r["gids"], r["text"]) if c in "()"]
print(*out)'
}
r=$(brackets "$S/rtlbr.pdf") l=$(brackets "$S/ltrbr.pdf")
[ -n "$l" ] && [ "$r" = "$l" ] && pass shaping-rtl-mirrored ||
	fail shaping-rtl-mirrored "right to left [$r], left to right [$l]"

# Urdu: a word with a letter (heh goal) the Arabic fallback font lacks is
# set whole in a font that has all its letters, so it stays joined: the
# word's glyphs are one string, in one font.
printf -- '---\nlang: ur\n---\n\nیہ ہمیشہ ہے\n' >"$S/ur.md"
"$QUIRE" -q -t pdf -o "$S/ur.pdf" "$S/ur.md"
if $GLYPHS "$S/ur.pdf" | grep -q '"text": "ہشیمہ"'; then
	pass shaping-urdu-one-font
else
	fail shaping-urdu-one-font "$($GLYPHS "$S/ur.pdf" | grep -o '"font": "[^"]*", "gids": [^]]*], "text": "[^"]*"' | tr '\n' ' ' | head -c 300)"
fi

# Bold text in a script the style's fonts lack is set in a bold face of
# the font found for it, when one is installed.
if fc-list --format '%{file}\n' ':charset=0938:weight=bold' 2>/dev/null |
    grep -q '\.ttf$'; then
	printf '**पसंदीदा सेटअप** सामान्य पाठ\n' >"$S/bold.md"
	"$QUIRE" -q -t pdf -o "$S/bold.pdf" "$S/bold.md"
	f=$(pdffonts "$S/bold.pdf" 2>/dev/null | awk 'NR > 2 {print $1}' |
	    grep -ci devanagari)
	b=$(pdffonts "$S/bold.pdf" 2>/dev/null | awk 'NR > 2 {print $1}' |
	    grep -i devanagari | grep -ci bold)
	[ "$f" -eq 2 ] && [ "$b" -eq 1 ] && pass shaping-bold-fallback ||
		fail shaping-bold-fallback "$(pdffonts "$S/bold.pdf" | tail -n +3 | awk '{print $1}' | tr '\n' ' ')"
else
	skip shaping-bold-fallback "no bold TrueType Devanagari font; install fonts-noto-core"
fi

# With its vowel marks, an Arabic word still joins: its letters' glyphs
# are not the isolated ones (marks belong to the run of their letter).
printf 'مَرْحَبًا\n' >"$S/marked.md"
"$QUIRE" -q -t pdf -o "$S/marked.pdf" "$S/marked.md"
marked=$($GLYPHS "$S/marked.pdf" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    for g, t in zip(r["gids"], r["texts"]):
        if t and "\u0621" <= t[0] <= "\u064a":
            print(g)' | sort -u)
common=$(comm -12 <(echo "$marked") <(echo "$letters"))
if [ "$(echo "$marked" | grep -c .)" -ge 4 ] && [ -z "$common" ]; then
	pass shaping-arabic-marks-join
else
	fail shaping-arabic-marks-join "letters [$(echo $marked)], alone [$(echo $letters)]"
fi

# A word wider than the line (no spaces at all) is cut into pieces a line
# wide, each shaped whole: the lines but the last are full.
python3 -c "print('# Long\n\n' + 'المستشفيات' * 60)" >"$S/long.md"
"$QUIRE" -q -t pdf -s "$S/style.yaml" -o "$S/long.pdf" "$S/long.md"
r=$(pdftotext -bbox-layout "$S/long.pdf" - | python3 -c '
import re, sys
w = 595.276 - 2 * 20 / 25.4 * 72
ls = [(float(a), float(b), float(y)) for a, y, b in re.findall(
    r"<line xMin=\"([^\"]+)\" yMin=\"([^\"]+)\" xMax=\"([^\"]+)\"",
    sys.stdin.read())]
body = [b - a for a, b, y in ls if y < 700][1:-1]
print(len(body), sum(x < 0.95 * w for x in body))')
set -- $r
if [ "${1:-0}" -ge 3 ] && [ "${2:-1}" -eq 0 ]; then
	pass "shaping-long-word-cut ($1 full lines)"
else
	fail shaping-long-word-cut "lines, not full: $r"
fi

# A conjunct: क्षत्रिय is 8 characters; its glyphs are fewer, and they
# read back as the word.
n=$($GLYPHS "$S/w.pdf" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["actual"] and r["actual"].startswith("क्षत्रिय"):
        print(len(r["gids"]), len(r["actual"].rstrip(",")))
        break')
if [ -n "$n" ] && [ "${n% *}" -lt "${n#* }" ]; then
	pass shaping-conjunct
else
	fail shaping-conjunct "glyphs and characters: '${n:-no such span}'"
fi

# Widths: a justified Hindi paragraph (long enough for several lines)
# ends every line but the last at the right margin.
{
	printf -- '---\ntitle: Hindi\n---\n\n'
	for i in 1 2 3 4 5 6; do
		printf 'यह एक लंबा हिन्दी अनुच्छेद है जिसमें क्षत्रिय, श्री, द्वार और '
		printf 'संयुक्ताक्षर जैसे शब्द बार बार आते हैं ताकि पंक्तियाँ भरें। '
	done
	printf '\n'
} >"$S/hindi.md"
if "$QUIRE" -q -t pdf -s "$S/style.yaml" -o "$S/hindi.pdf" "$S/hindi.md"; then
	pdftotext -bbox-layout "$S/hindi.pdf" "$S/hindi.html" 2>/dev/null
	r=$(python3 - "$S/hindi.html" <<'EOF2'
import re, sys
right = 595.276 - 20 / 25.4 * 72
lines = [(float(y), float(x)) for y, x in re.findall(
    r'<line xMin="[^"]+" yMin="([^"]+)" xMax="([^"]+)"',
    open(sys.argv[1]).read())]
# The title is one line, the paragraph's last line is ragged, and the
# footer is below 700 pt.
body = [x for y, x in lines if y < 700][1:-1]
off = [x for x in body if abs(x - right) > 0.6]
print(len(body), len(off), ' '.join('%.2f' % x for x in off[:4]))
EOF2
)
	set -- $r
	if [ "${1:-0}" -ge 3 ] && [ "${2:-1}" -eq 0 ]; then
		pass "shaping-justified ($1 lines flush right)"
	else
		fail shaping-justified "lines, off the margin: $r"
	fi
else
	fail shaping-justified "cannot publish"
fi

# Text without spaces between words (Thai) breaks between words, where
# ICU's dictionary says, not inside one: the paragraph is made of known
# words, and every line must end at one of their boundaries.  Japanese
# lines never start with "。" or "、".
python3 - "$S" <<'EOF2'
import sys
words = ['ภาษา', 'ไทย', 'สวย', 'มาก', 'เรา', 'รัก', 'บ้าน', 'แมว', 'หมา', 'และ']
seq = [words[(i * 7 + i // 3) % len(words)] for i in range(240)]
open(sys.argv[1] + '/thai.md', 'w').write('# Thai\n\n' + ''.join(seq) + '\n')
open(sys.argv[1] + '/thai.words', 'w').write(' '.join(seq))
ja = 'これは日本語の文章で、単語の間に空白がありません。行の折り返しは文字の間で行います。'
# Two kana of padding put a "。" at the start of a line when lines are
# cut at any character (as before ICU).
open(sys.argv[1] + '/ja.md', 'w').write('# 日本語\n\nああ' + ja * 8 + '\n')
EOF2
"$QUIRE" -q -t pdf -o "$S/thai.pdf" "$S/thai.md" 2>/dev/null
"$QUIRE" -q -t pdf -o "$S/ja.pdf" "$S/ja.md"
r=$(pdftotext -raw "$S/thai.pdf" - | python3 -c '
import sys
seq = open(sys.argv[1]).read().split()
bounds, at = set(), 0
for w in seq:
    at += len(w); bounds.add(at)
lines = [l for l in sys.stdin.read().split("\n")[1:] if l.strip()][:-2]
at, bad = 0, 0
for l in lines[:-1]:
    at += len(l.strip())
    bad += at not in bounds
print(len(lines), bad)' "$S/thai.words")
set -- $r
if [ "${1:-0}" -ge 5 ] && [ "${2:-1}" -eq 0 ]; then
	pass "shaping-thai-breaks ($1 lines, each ends between words)"
else
	fail shaping-thai-breaks "lines, ends inside a word: $r"
fi
n=$(pdftotext -raw "$S/ja.pdf" - | grep -c '^[。、]')
l=$(pdftotext -raw "$S/ja.pdf" - | grep -c .)
if [ "$l" -ge 5 ] && [ "$n" -eq 0 ]; then
	pass shaping-japanese-kinsoku
else
	fail shaping-japanese-kinsoku "$n of $l lines start with 。 or 、"
fi

# Latin text: one glyph per character, no marked content; the shaped
# runs of the world page do have it.
printf '# Plain\n\nPlain Latin text, with café and naïve.\n' >"$S/latin.md"
"$QUIRE" -q -t pdf -o "$S/latin.pdf" "$S/latin.md"
spans() { $GLYPHS "$1" | grep -c '"actual": "'; }
n=$(spans "$S/latin.pdf") m=$(spans "$S/w.pdf")
if [ "$n" -eq 0 ] && [ "$m" -gt 10 ]; then
	pass shaping-latin-plain
else
	fail shaping-latin-plain "spans: $n in Latin text, $m in the world page"
fi

# Beyond the Basic Multilingual Plane: an emoji an installed TrueType
# font has (DejaVu Sans has U+1F600) is drawn and reads back.
if ttf_for 1F600; then
	printf 'A smile \360\237\230\200 here.\n' >"$S/emoji.md"
	"$QUIRE" -t pdf -o "$S/emoji.pdf" "$S/emoji.md" 2>"$S/emoji.err"
	if ! grep -q . "$S/emoji.err" &&
	    pdftotext "$S/emoji.pdf" - 2>/dev/null | grep -q $'\U1F600'; then
		pass shaping-astral
	else
		fail shaping-astral "$(head -c 200 "$S/emoji.err")"
	fi
else
	skip shaping-astral "no TrueType font with U+1F600; install fonts-dejavu-core"
fi

# A variation selector (emoji presentation) is not drawn: the word's box
# ends with its emoji, and the next word stays a word of its own.
printf 'Text \342\235\244\357\270\217 here.\n' >"$S/vs.md"
"$QUIRE" -q -t pdf -o "$S/vs.pdf" "$S/vs.md"
if pdftotext -bbox "$S/vs.pdf" - 2>/dev/null | grep -q '>here\.</word>'; then
	pass shaping-ignorables-not-drawn
else
	fail shaping-ignorables-not-drawn "$(pdftotext -bbox "$S/vs.pdf" - | grep -o '>[^<]*here[^<]*<')"
fi

"$QUIRE" -q -t pdf -o "$S/w2.pdf" "$W"
cmp -s "$S/w.pdf" "$S/w2.pdf" && pass shaping-reproducible ||
	fail shaping-reproducible "two runs differ"
if out=$(qpdf_ok "$S/w.pdf"); then
	pass shaping-qpdf
else
	fail shaping-qpdf "$out"
fi
