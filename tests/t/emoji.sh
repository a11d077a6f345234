# SPDX-License-Identifier: GPL-3.0-or-later
# GitHub emoji shortcodes and emoji in every format (issue 32):
# ":tada:" becomes U+1F389 in the model, outside code, from GitHub's own
# list (src/read/emoji_table.h, made by scripts/emoji-table); unknown
# names stay as typed; the PDF draws emoji from a monochrome font
# (Symbola, which scripts/install-deps installs) instead of '?'; and a
# character no font has is named with its FILE:LINE.
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
pdffonts "$T/out/doc.pdf" 2>/dev/null | grep -q Symbola &&
    pass "emoji: drawn from Symbola (scripts/install-deps)" ||
    fail "emoji: drawn from Symbola (scripts/install-deps)" "$(pdffonts "$T/out/doc.pdf" 2>&1)"
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
