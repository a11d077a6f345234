# SPDX-License-Identifier: GPL-3.0-or-later
# GitHub emoji shortcodes and emoji in every format (issue 32):
# ":tada:" becomes U+1F389 in the model, outside code, from GitHub's own
# list (src/read/emoji_table.h, made by scripts/emoji-table); unknown
# names stay as typed; the PDF draws emoji in colour, as pictures of
# the colour emoji font (Noto Color Emoji, which scripts/install-deps
# installs), or without one from a monochrome font (Symbola) instead of
# '?'; and a character no font has is named with its FILE:LINE.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch emoji)
need "emoji: tools" pdftotext unzip || exit 0

cat >"$T/doc.md" <<'MD'
# :tada: Release

Done :heavy_check_mark:, failed :x:, liked :+1: and :thumbsup:, but
:no_such_emoji: and `:tada:` stay as typed, as do 10:30:45 and std::vector.

```
:rocket: in a code block
```

| A | B | C | D | E | F | G | H | I | J |
|---|---|---|---|---|---|---|---|---|---|
| :heavy_check_mark: | :x: | :heavy_check_mark: | :x: | :heavy_check_mark: | :x: | :heavy_check_mark: | :x: | :heavy_check_mark: | :x: |

See [the release](#tada-release).[^n]

[^n]: A note :sparkles:.
MD

d=$("$QUIRE" -q --dump "$T/doc.md")
has() {	# name, pattern : the dump has a line matching pattern
	grep -qF -- "$2" <<<"$d" && pass "emoji: $1" || fail "emoji: $1" "no line with $2"
}
has "a shortcode in text" 'text 3 "Done ✔️, failed ❌, liked 👍 and 👍, but"'
has "an unknown name stays" 'text 4 ":no_such_emoji: and "'
has "a code span keeps what was typed" 'code 4 ":tada:"'
has "a code block keeps what was typed" ':rocket: in a code block'
has "in a table cell" 'text 12 "✔️"'
has "in a footnote" 'A note ✨.'
has "the title from the first heading" 'meta title="🎉 Release"'
has "the heading keeps GitHub's id" 'url="#tada-release" -> '
grep -qE 'url="#tada-release" -> (heading|chapter)' <<<"$d" &&
    pass "emoji: a link to the heading's GitHub id still leads there" ||
    fail "emoji: a link to the heading's GitHub id still leads there" "$(grep tada-release <<<"$d")"
grep -q ':tada: Release\|:heavy_check_mark:\|:x:' <<<"$d" &&
    fail "emoji: no known shortcode left" "$(grep -n ':tada:\|:heavy_check_mark:\|:x:' <<<"$d" | head -3)" ||
    pass "emoji: no known shortcode left"

# Every format shows the characters.
"$QUIRE" -o "$T/out" "$T/doc.md" 2>"$T/err"
same "emoji: published" "$?" 0
txt=$(pdftotext -layout "$T/out/doc.pdf" - 2>/dev/null)
grep -q '🎉' <<<"$txt" && grep -q '❌' <<<"$txt" && grep -q '✔' <<<"$txt" &&
    pass "emoji: the PDF's text has the emoji" ||
    fail "emoji: the PDF's text has the emoji" "$(head -5 <<<"$txt")"
grep -q 'heavy_chec' <<<"$txt" &&
    fail "emoji: no shortcode broken across a table's lines" ||
    pass "emoji: no shortcode broken across a table's lines"
grep -q "no font has a glyph" "$T/err" &&
    fail "emoji: the PDF has a font for every emoji" "$(cat "$T/err")" ||
    pass "emoji: the PDF has a font for every emoji"
# Without a colour emoji font (fontconfig told to refuse it), the
# monochrome one draws them.
cat >"$T/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*NotoColorEmoji*</glob></rejectfont></selectfont>
</fontconfig>
XML
FONTCONFIG_FILE="$T/fonts.conf" "$QUIRE" -t pdf -o "$T/mono.pdf" "$T/doc.md" 2>/dev/null
pdffonts "$T/mono.pdf" 2>/dev/null | grep -q Symbola &&
    pass "emoji: drawn from Symbola without a colour font" ||
    fail "emoji: drawn from Symbola without a colour font" "$(pdffonts "$T/mono.pdf" 2>&1)"
unzip -p "$T/out/doc.epub" 'EPUB/c*.xhtml' | grep -q 'Done ✔️, failed ❌' &&
    pass "emoji: the EPUB has the emoji" || fail "emoji: the EPUB has the emoji"
grep -q 'Done \\\[u2714\]\\\[uFE0F\], failed \\\[u274C\]' "$T/out/doc.7" &&
    pass "emoji: the man page has the emoji" ||
    fail "emoji: the man page has the emoji" "$(grep Done "$T/out/doc.7")"

# A character no font has: one warning, with its file and line.
printf '# Glyphs\n\nFine.\n\nNone has \xf4\x8f\xbf\xbd here, \xf4\x8f\xbf\xbd again.\n' >"$T/none.md"
"$QUIRE" -t pdf -o "$T/none.pdf" "$T/none.md" 2>"$T/err2"
n=$(grep -c "^quire: $T/none.md:5: warning: no font has a glyph for U+10FFFD" "$T/err2")
same "emoji: a missing glyph is named with FILE:LINE, once" "$n" 1

# ---- Colour emoji (Noto Color Emoji) ---------------------------------------
need "emoji: colour tools" pdfimages pdftoppm python3 || exit 0
if ! fc-list :color=true 2>/dev/null | grep -q .; then
	fail "emoji: colour font" "no colour emoji font (scripts/install-deps: fonts-noto-color-emoji)"
	exit 0
fi
# A joined family (ZWJ), a skin tone, a flag, VS16, a keycap, an emoji of
# Unicode 14 (melting face, newer than Symbola's Unicode 9), one glued
# to a word, the party popper three times, and U+2714 without VS16, which
# stays text as browsers show it.
cat >"$T/colour.md" <<'MD'
# Colour

Party 🎉 time, family 👨‍👩‍👧 here, thumbs 👍🏽 and flag 🇫🇷, heart ❤️, melting 🫠 face, keycap 1️⃣ done.

Word🎉glued and 🎉🎉 twice; check ✔ stays text.
MD
SOURCE_DATE_EPOCH=0 "$QUIRE" -t pdf -o "$T/c1.pdf" "$T/colour.md" 2>"$T/cerr"
same "emoji: colour published without a warning" "$?:$(cat "$T/cerr")" "0:"
pdfimages -list "$T/c1.pdf" >"$T/clist" 2>&1
# One picture per distinct glyph, each with its alpha as a soft mask:
# 🎉 👨‍👩‍👧 👍🏽 🇫🇷 ❤️ 🫠 1️⃣ are seven, 🎉 drawn four times from one object.
same "emoji: one image object per distinct emoji glyph" \
    "$(awk 'NR > 2 && $3 == "image" {print $11}' "$T/clist" | sort -u | wc -l)" 7
same "emoji: the party popper drawn four times from one object" \
    "$(awk 'NR > 2 && $3 == "image"' "$T/clist" | wc -l)" 10
same "emoji: every picture has its alpha (smask)" \
    "$(awk 'NR > 2 && $3 == "smask"' "$T/clist" | wc -l)" 10
# The joined family is one picture: seven distinct glyphs for the seven
# sequences, where its three people alone would make nine.
ct=$(pdftotext "$T/c1.pdf" - 2>/dev/null)
for e in 🎉 👨‍👩‍👧 👍🏽 🇫🇷 ❤️ 🫠 1️⃣ Word🎉glued 🎉🎉; do
	grep -qF -- "$e" <<<"$ct" || { fail "emoji: pdftotext gives the emoji" "no $e in: $(head -4 <<<"$ct")"; break; }
done && pass "emoji: pdftotext gives the emoji"
grep -qF '?' <<<"$ct" && fail "emoji: no '?' drawn" "$(grep -F '?' <<<"$ct")" ||
    pass "emoji: no '?' drawn"
# The Unicode 14 emoji is drawn in colour: the page has saturated
# pixels (the melting face is yellow) where Symbola has none.
pdftoppm -r 60 -f 1 -l 1 "$T/c1.pdf" "$T/page"
python3 - "$T"/page-1.ppm <<'PY' && pass "emoji: the page is in colour" || fail "emoji: the page is in colour" "no coloured pixels"
import sys
d = open(sys.argv[1], 'rb').read()
# A binary PPM: "P6", width, height, 255, then RGB bytes.
f = d.split(maxsplit=4)
px = f[4]
col = sum(1 for i in range(0, len(px) - 2, 3)
          if max(px[i:i + 3]) - min(px[i:i + 3]) > 80)
sys.exit(0 if col > 20 else 1)
PY
# The pictures belong to their paragraph's marked content in the tagged
# PDF, not to a Figure.
qpdf --qdf --object-streams=disable "$T/c1.pdf" "$T/c1.qdf" 2>/dev/null
python3 - "$T/c1.qdf" <<'PY' && pass "emoji: pictures in the paragraph's marked content" || fail "emoji: pictures in the paragraph's marked content" "a Do outside /P or in a Figure"
import re, sys
s = open(sys.argv[1], 'rb').read().decode('latin-1')
cur, bad, n = None, 0, 0
for tok in re.finditer(r'/(\w+) ?<</MCID \d+>> ?BDC|/Artifact BMC|EMC|/X\d+ Do', s):
    t = tok.group(0)
    if t.endswith('BDC'): cur = tok.group(1)
    elif t.startswith('/Artifact'): cur = 'Artifact'
    elif t == 'EMC': cur = None
    else:
        n += 1
        if cur != 'P': bad += 1
sys.exit(0 if n > 0 and bad == 0 else 1)
PY
# Reproducible: the same bytes again.
SOURCE_DATE_EPOCH=0 "$QUIRE" -t pdf -o "$T/c2.pdf" "$T/colour.md" 2>/dev/null
check "emoji: colour PDF reproducible" cmp "$T/c1.pdf" "$T/c2.pdf"
