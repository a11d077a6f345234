#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/fonts.sh - any font a user has (issue 34): OpenType with CFF
# outlines by family and by file (relative to the style file), a face of
# a .ttc collection for Japanese by index and by name, found in a
# --font-path folder; each embedded as a subset made by HarfBuzz
# (pdffonts: embedded, ABCDEF+ name, ToUnicode), pdftotext giving the
# text back exactly, qpdf --check clean, the output reproducible; the
# seed PDF no bigger than it was; a missing family and an unreadable
# file each said once, in their own words, never blaming TrueType.
# The default faces, drawn for print: Charis SIL, Linux Biolinum O and
# Anonymous Pro, each embedded as a subset; an 80-column listing fits
# the default block unwrapped; the seed at most 20% larger than with
# DejaVu's faces; without them installed, DejaVu's, said once each.
# The fonts come with scripts/install-deps (the defaults) and
# scripts/install-deps test (fonts-texgyre, fonts-noto-cjk).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch fonts)
T=$S
TERMES=/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf
HEROS=/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyreheros-regular.otf
CJK=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# The seed PDF's size before fonts were subset by HarfBuzz (libharu's
# subsets, commit 6e085fc): it may not grow by more than 20%.
SEED_BYTES=192455
# And with DejaVu Sans and DejaVu Sans Mono as the defaults' sans and
# mono (commit c58ed85), which the print faces may not grow by more
# than 20% either.
DEJAVU_SEED_BYTES=33857

need fonts-tools pdffonts pdftotext qpdf fc-list || exit 0
for f in "$TERMES" "$HEROS" "$CJK"; do
	if [ ! -r "$f" ]; then
		fail fonts-installed "$f missing (scripts/install-deps test)"
		exit 0
	fi
done

cat >"$S/latin.md" <<'EOF'
# Fonts by file

Plain text in a face with CFF outlines: “quoted”, dashes — and ligatures fi fl.

**Bold words** and *italic words* and `code words`.
EOF
printf '# 日本語\n\n吾輩は猫である。名前はまだ無い。\n' >"$S/ja.md"

# embedded NAME PDF PSNAME TYPE : PSNAME is in the PDF as an embedded
# subset (a six-capital tag), of pdffonts' TYPE, with a ToUnicode map.
embedded() {
	local name=$1 pdf=$2 ps=$3 type=$4 line
	line=$(pdffonts "$pdf" 2>&1 | grep -E "^[A-Z]{6}\+$ps ")
	if [ -z "$line" ]; then
		fail "$name" "no subset of $ps: $(pdffonts "$pdf" 2>&1 | tail -n +3 | awk '{print $1}' | tr '\n' ' ')"
	elif ! grep -q "$type" <<<"$line"; then
		fail "$name" "$ps is not $type: $line"
	elif ! awk '{ exit !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") }' <<<"$line"; then
		fail "$name" "not embedded, subset and mapped: $line"
	else
		pass "$name"
	fi
}

# clean NAME PDF : qpdf finds nothing wrong.
clean() {
	local out
	if out=$(qpdf --check "$2" 2>&1); then pass "$1"; else
		fail "$1" "$(grep -v '^checking\|^PDF Version\|^File is not' <<<"$out" | head -c 200)"; fi
}

# publish NAME STYLE MD PDF [ARGS...] : made without a warning.
publish() {
	local name=$1 style=$2 md=$3 pdf=$4; shift 4
	if ! "$QUIRE" -t pdf -s "$style" "$@" -o "$pdf" "$md" 2>"$S/err" ||
	    [ -s "$S/err" ]; then
		fail "$name" "$(head -c 300 "$S/err")"
		return 1
	fi
	pass "$name"
}

# The text with today's fonts (DejaVu), to compare with.
"$QUIRE" -t pdf -o "$S/dejavu.pdf" "$S/latin.md" 2>/dev/null
pdftotext "$S/dejavu.pdf" "$S/dejavu.txt" 2>/dev/null

# --- OpenType/CFF by family -------------------------------------------------
printf 'pdf:\n  fonts:\n    serif: TeX Gyre Termes\n    sans: TeX Gyre Heros\n    mono: TeX Gyre Cursor\n' >"$S/family.yaml"
if publish fonts-cff-family-publish "$S/family.yaml" "$S/latin.md" "$S/family.pdf"; then
	embedded fonts-cff-family-serif "$S/family.pdf" TeXGyreTermes-Regular "CID Type 0C (OT)"
	embedded fonts-cff-family-bold "$S/family.pdf" TeXGyreTermes-Bold "CID Type 0C (OT)"
	embedded fonts-cff-family-mono "$S/family.pdf" TeXGyreCursor-Regular "CID Type 0C (OT)"
	clean fonts-cff-family-qpdf "$S/family.pdf"
	pdftotext "$S/family.pdf" "$S/family.txt" 2>/dev/null
	if cmp -s "$S/family.txt" "$S/dejavu.txt" &&
	    grep -qx 'Plain text in a face with CFF outlines: “quoted”, dashes — and ligatures fi fl.' "$S/family.txt"; then
		pass fonts-cff-family-text
	else
		fail fonts-cff-family-text "$(diff "$S/dejavu.txt" "$S/family.txt" | head -5 | tr '\n' ' ')"
	fi
	"$QUIRE" -t pdf -s "$S/family.yaml" -j1 -o "$S/family1.pdf" "$S/latin.md" 2>/dev/null
	check fonts-cff-reproducible cmp "$S/family.pdf" "$S/family1.pdf"
fi

# --- OpenType/CFF by file, relative to the style file ------------------------
mkdir -p "$S/styles/fonts" "$S/elsewhere"
cp "$HEROS" "$S/styles/fonts/MyFont.otf"
printf 'pdf:\n  fonts:\n    serif: fonts/MyFont.otf\n' >"$S/styles/path.yaml"
if (cd "$S/elsewhere" && publish fonts-cff-path-publish ../styles/path.yaml ../latin.md path.pdf); then
	embedded fonts-cff-path "$S/elsewhere/path.pdf" TeXGyreHeros-Regular "CID Type 0C (OT)"
	clean fonts-cff-path-qpdf "$S/elsewhere/path.pdf"
	pdftotext "$S/elsewhere/path.pdf" "$S/path.txt" 2>/dev/null
	check fonts-cff-path-text cmp "$S/path.txt" "$S/dejavu.txt"
fi

# --- A .ttc collection's face for Japanese ----------------------------------
JA='吾輩は猫である。名前はまだ無い。'
printf 'pdf:\n  fonts:\n    serif: %s#0\n    sans: Noto Sans CJK JP\n' "$CJK" >"$S/ttc.yaml"
if publish fonts-ttc-publish "$S/ttc.yaml" "$S/ja.md" "$S/ttc.pdf"; then
	embedded fonts-ttc-index "$S/ttc.pdf" NotoSansCJKjp-Regular "CID Type 0C"
	clean fonts-ttc-qpdf "$S/ttc.pdf"
	same fonts-ttc-text "$(pdftotext "$S/ttc.pdf" - 2>/dev/null | grep -m1 猫)" "$JA"
	# One file for the regular text and the heading's face: one font.
	same fonts-ttc-one-font "$(pdffonts "$S/ttc.pdf" | grep -c NotoSansCJKjp-Regular)" 1
fi
# By the face's name, the file found in the --font-path folder.
printf 'pdf:\n  fonts:\n    serif: NotoSansCJK-Regular.ttc#Noto Sans CJK KR\n' >"$S/ttcname.yaml"
if publish fonts-ttc-name-publish "$S/ttcname.yaml" "$S/ja.md" "$S/ttcname.pdf" \
    --font-path "$(dirname "$CJK")"; then
	embedded fonts-ttc-name "$S/ttcname.pdf" NotoSansCJKkr-Regular "CID Type 0C"
	same fonts-ttc-name-text "$(pdftotext "$S/ttcname.pdf" - 2>/dev/null | grep -m1 猫)" "$JA"
fi

# --- The seed PDF: subsets no bigger than libharu's ---------------------------
if "$QUIRE" -t pdf -o "$S/seed.pdf" content/ai-engineer.md 2>/dev/null; then
	n=$(stat -c %s "$S/seed.pdf")
	if [ "$n" -le $((SEED_BYTES * 12 / 10)) ]; then
		pass fonts-seed-size
	else
		fail fonts-seed-size "$n bytes, more than 120% of $SEED_BYTES"
	fi
	embedded fonts-seed-truetype "$S/seed.pdf" CharisSIL "CID TrueType"
	if [ "$n" -le $((DEJAVU_SEED_BYTES * 12 / 10)) ]; then
		pass fonts-seed-size-print-faces
	else
		fail fonts-seed-size-print-faces "$n bytes, more than 120% of $DEJAVU_SEED_BYTES"
	fi
else
	fail fonts-seed-size "the seed did not publish"
fi

# --- Messages: once each, in their own words ------------------------------
# said NAME WANT STYLE : publishing with STYLE exits 0 with exactly the
# one line WANT on stderr.
said() {
	local name=$1 want=$2
	expect "$name-status" 0 "$QUIRE" -t pdf -s "$3" -o "$S/msg.pdf" "$S/latin.md"
	same "$name" "$(cat "$S/err")" "$want"
	if grep -qi truetype "$S/err"; then fail "$name-no-truetype" "$(cat "$S/err")"; else
		pass "$name-no-truetype"; fi
}
printf 'pdf:\n  fonts:\n    serif: No Such Family\n' >"$S/missing.yaml"
said fonts-msg-family 'quire: warning: font "No Such Family" is not installed; using "Charis SIL"' "$S/missing.yaml"
printf 'pdf:\n  fonts:\n    sans: %s/nowhere.otf\n' "$S" >"$S/nofile.yaml"
said fonts-msg-nofile "quire: warning: cannot read $S/nowhere.otf: No such file or directory; using \"Linux Biolinum O\"" "$S/nofile.yaml"
printf 'not a font\n' >"$S/junk.ttf"
printf 'pdf:\n  fonts:\n    serif: junk.ttf\n' >"$S/junk.yaml"
said fonts-msg-notfont "quire: warning: cannot read $S/junk.ttf: not a font file (.ttf, .otf, .ttc or .otc); using \"Charis SIL\"" "$S/junk.yaml"
printf 'pdf:\n  fonts:\n    serif: %s#99\n' "$CJK" >"$S/noface.yaml"
n=$(fc-query --format '.' "$CJK" | wc -c)
said fonts-msg-noface "quire: warning: cannot read $CJK: no face 99: it has $n (0 to $((n - 1))); using \"Charis SIL\"" "$S/noface.yaml"
expect fonts-msg-fontpath-status 0 "$QUIRE" -t pdf --font-path "$S/nodir" -o "$S/msg.pdf" "$S/latin.md"
same fonts-msg-fontpath "$(cat "$S/err")" "quire: warning: cannot read $S/nodir: No such file or directory"

# --- The default faces, drawn for print -----------------------------------
# A heading, bold and italic text, and code with a keyword and a comment
# (bold and italic monospace), in the built-in style.
cat >"$S/faces.md" <<'EOF'
# Default faces

Body text, **bold** and *italic*, and `inline code`.

```rust
fn main() { // a comment
}
```
EOF
if "$QUIRE" -t pdf -o "$S/faces.pdf" "$S/faces.md" 2>"$S/err" && [ ! -s "$S/err" ]; then
	embedded fonts-default-serif "$S/faces.pdf" CharisSIL "CID TrueType"
	embedded fonts-default-sans "$S/faces.pdf" LinBiolinumOB "CID Type 0C (OT)"
	embedded fonts-default-mono "$S/faces.pdf" AnonymousPro "CID TrueType"
	embedded fonts-default-mono-bold "$S/faces.pdf" AnonymousPro-Bold "CID TrueType"
	embedded fonts-default-mono-italic "$S/faces.pdf" AnonymousPro-Italic "CID TrueType"
	if pdffonts "$S/faces.pdf" | grep -q DejaVu; then
		fail fonts-default-no-dejavu "$(pdffonts "$S/faces.pdf" | grep DejaVu)"
	else
		pass fonts-default-no-dejavu
	fi
else
	fail fonts-default-faces "$(head -c 300 "$S/err")"
fi

# An 80-column listing (The Rust Programming Language's width) fits the
# default 130 mm block on A4: no line is wrapped with the mark, each
# comes back whole.
L80='    let username_file_result = File::open("hello.txt"); // opens it, or it fails'
D80=12345678901234567890123456789012345678901234567890123456789012345678901234567890
printf '```rust\n%s\n%s\n```\n' "$L80" "$D80" >"$S/cols.md"
same fonts-80-columns-width "${#L80} ${#D80}" "80 80"
if "$QUIRE" -t pdf --paper a4 -o "$S/cols.pdf" "$S/cols.md" 2>"$S/err"; then
	pdftotext -layout "$S/cols.pdf" "$S/cols.txt" 2>/dev/null
	if grep -q '↪' "$S/cols.txt"; then
		fail fonts-80-columns "wrapped: $(grep -m1 '↪' "$S/cols.txt")"
	elif grep -qF "$L80" "$S/cols.txt" && grep -qF "$D80" "$S/cols.txt"; then
		pass fonts-80-columns
	else
		fail fonts-80-columns "$(head -3 "$S/cols.txt" | tr '\n' '|')"
	fi
else
	fail fonts-80-columns "$(head -c 300 "$S/err")"
fi

# Without the default faces installed (a fontconfig that knows only
# DejaVu and Charis SIL): DejaVu Sans for headings and DejaVu Sans Mono
# for code, a monospace, each said once in the usual words.
mkdir -p "$S/fc"
cat >"$S/fc/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>/usr/share/fonts/truetype/charis</dir>
  <cachedir>$S/fc/cache</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
EOF
expect fonts-defaults-missing-status 0 env FONTCONFIG_FILE="$S/fc/fonts.conf" \
    "$QUIRE" -t pdf -o "$S/spare.pdf" "$S/faces.md"
same fonts-defaults-missing-said "$(cat "$S/err")" 'quire: warning: font "Linux Biolinum O" is not installed; using "DejaVu Sans"
quire: warning: font "Anonymous Pro" is not installed; using "DejaVu Sans Mono"'
embedded fonts-defaults-missing-mono "$S/spare.pdf" DejaVuSansMono "CID TrueType"
