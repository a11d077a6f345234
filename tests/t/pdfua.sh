#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/pdfua.sh - the PDF is tagged (PDF/UA-1) by default: every PDF
# made from the seed, each tests/cases/*.md, the right-to-left books and
# a book with a contents page passes tests/pdfua.py (the Matterhorn
# Protocol's machine-checkable conditions, see that file); a copy with
# one artifact's marks removed fails it; the structure follows the
# model (headings, lists, table cells with their scope, notes, links,
# figures); `pdf.tagged: false` turns it all off; the tagged output is
# the same at -j1 and -j2 and from run to run; the tags cost at most 19
# bytes a structure element.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch pdfua)
# Debian's python3, which has python3-pikepdf (scripts/install-deps).
PY=/usr/bin/python3
if ! $PY -c 'import pikepdf' 2>/dev/null; then
	fail pdfua "python3-pikepdf is not installed (scripts/install-deps test)"
	exit 0
fi
need pdfua pdfinfo || exit 0

# publish NAME [quire options] FILE...: PDF into $S/NAME.pdf
pdfs=()
publish() {
	local name=$1; shift
	if "$QUIRE" -q -t pdf -o "$S/$name.pdf" "$@" 2>"$S/$name.err"; then
		pdfs+=("$S/$name.pdf")
	else
		fail "pdfua-build-$name" "$(head -c 300 "$S/$name.err")"
	fi
}
publish seed content/ai-engineer.md
for md in tests/cases/*.md; do
	publish "$(basename "$md" .md)" "$md"
done
for md in tests/bidi/*.md; do
	publish "bidi-$(basename "$md" .md)" "$md"
done
publish linked tests/books/linked/*.md
publish mdbook tests/books/mdbook

# Runs in other languages, and every kind of link: a link's text, a
# footnote's marker and number, a contents entry, a linked picture.
cat >"$S/lang-links.md" <<EOF2
---
title: Languages and links
lang: en
toc: true
---
# Words

A phrase in French: <i lang="fr">je ne sais quoi</i>, one in Spanish:
<span lang="es">hasta luego</span>, and a
[link over several words](https://example.org/some/where) in a sentence.
A note.[^n]

<p lang="de">Ein ganzer Absatz auf Deutsch.</p>

[![A chart]($TOP/tests/cases/images/chart.png)](https://example.org/chart)

# More

[^n]: The note's text.
EOF2
publish lang-links "$S/lang-links.md"

# A linked picture with no alt text (a decoration, an artifact): its
# Link holds only the annotation, so it says where it leads in /Alt.
cat >"$S/deco-link.md" <<EOF2
---
title: A decorative linked picture
lang: en
---
[![]($TOP/tests/cases/images/chart.png)](https://example.org/deco)
EOF2
publish deco-link "$S/deco-link.md"

# Every PDF, one line each from the checker.
$PY tests/pdfua.py "${pdfs[@]}" >"$S/check.out" 2>&1
for p in "${pdfs[@]}"; do
	n=$(basename "$p" .pdf)
	if grep -qx "ok $p" "$S/check.out"; then
		pass "pdfua-$n"
	else
		fail "pdfua-$n" "$(grep -F "$p:" "$S/check.out" | head -3 |
		    sed "s|$S/||" | tr '\n' ';')"
	fi
done

# The checker refuses a PDF with one artifact's marks removed.
if [ -f "$S/seed.pdf" ] &&
    $PY tests/pdfua.py --drop-artifact "$S/seed.pdf" "$S/mutant.pdf" 2>"$S/mutant.err"; then
	pdfua_exempt "$S/mutant.pdf" "one artifact's marks removed on purpose"
	if $PY tests/pdfua.py "$S/mutant.pdf" >"$S/mutant.out" 2>&1; then
		fail pdfua-mutant "a PDF with an untagged rule passed"
	elif grep -q "neither tagged nor artifacts" "$S/mutant.out"; then
		pass pdfua-mutant
	else
		fail pdfua-mutant "failed for another reason: $(head -1 "$S/mutant.out")"
	fi
else
	fail pdfua-mutant "cannot make the mutant: $(head -c 200 "$S/mutant.err")"
fi

# The structure follows the model: poppler's view of the tree of the
# seed, its table row by row, and of the notes and tasks cases.
tree() {	# the element types, attributes left out
	pdfinfo -struct "$S/$1.pdf" 2>/dev/null |
	    awk '$1 !~ /^\// { sub(":$", "", $1); print $1 }' | tr '\n' ' '
}
has() {	# NAME PDF PATTERN: the element types of PDF's tree match PATTERN
	if tree "$2" | grep -Eq "$3"; then pass "$1"; else
		fail "$1" "no /$3/ in: $(tree "$2" | head -c 300)"; fi
}
if [ -f "$S/seed.pdf" ]; then
	has pdfua-tree-document seed '^Document '
	has pdfua-tree-headings seed 'H1 .*H2 '
	has pdfua-tree-list seed 'L LI LBody LI LBody '
	has pdfua-tree-table seed 'Table (THead )?TR TH .*TBody TR (TH|TD) '
	got=$(pdfinfo -struct-text "$S/seed.pdf" 2>/dev/null | grep -c 'Scope')
	[ "${got:-0}" -gt 0 ] && pass pdfua-th-scope ||
	    fail pdfua-th-scope "pdfinfo -struct-text shows no /Scope"
fi
# A plain bullet is an artifact, its L saying /ListNumbering /Disc; a
# number (/Decimal) and a task's check box are Lbl elements.
lists() {	# PDF: per L, its numbering and per LI "b" (LBody only) or "lb"
	$PY - "$S/$1.pdf" <<'EOF2' 2>&1
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
def kids(e):
    k = e.get("/K")
    k = [] if k is None else (list(k) if isinstance(k, pikepdf.Array) else [k])
    return [x for x in k if isinstance(x, pikepdf.Dictionary) and "/S" in x]
out = []
def walk(e):
    if e.get("/S") == "/L":
        a = e.get("/A")
        num = str(a.get("/ListNumbering")) if a is not None else "-"
        items = ["".join({"/Lbl": "l", "/LBody": "b"}[str(x.S)] for x in kids(li)
                         if x.S in ("/Lbl", "/LBody"))
                 for li in kids(e) if li.S == "/LI"]
        out.append(num + ":" + ",".join(items))
    for k in kids(e):
        walk(k)
walk(pdf.Root.StructTreeRoot.K[0])
print(" ".join(out))
EOF2
}
if [ -f "$S/gfm-tasks.pdf" ] && [ -f "$S/pdf-blocks.pdf" ]; then
	got="$(lists seed | cut -d' ' -f1) | $(lists gfm-tasks) | $(lists pdf-blocks)"
	case $got in
	"/Disc:b,b,b,b | /Disc:lb,lb,lb,b,lb /Disc:lb,lb /Decimal:lb,lb "*" | /Decimal:lb,lb,lb /Disc:b,b "*)
		pass pdfua-list-labels ;;
	*)	fail pdfua-list-labels "$got" ;;
	esac
fi
[ -f "$S/gfm-notes.pdf" ] && has pdfua-tree-notes gfm-notes 'Note '
[ -f "$S/gfm-notes.pdf" ] && has pdfua-tree-links gfm-notes 'Link '
[ -f "$S/pdf-image.pdf" ] && has pdfua-tree-figure pdf-image 'Figure '
[ -f "$S/code-highlight.pdf" ] && has pdfua-tree-code code-highlight 'Code '
[ -f "$S/gfm-alerts.pdf" ] && has pdfua-tree-quote gfm-alerts 'BlockQuote '

# A run in another language is a Span with /Lang, a block in another
# language has /Lang; the EPUB says the same with lang and xml:lang.
if [ -f "$S/lang-links.pdf" ]; then
	got=$($PY - "$S/lang-links.pdf" <<'EOF2' 2>&1
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
out = []
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if "/Lang" in e:
            out.append("%s:%s" % (str(e.S)[1:], str(e.Lang)))
        k = e.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(c)
walk(pdf.Root.StructTreeRoot.K[0])
print(" ".join(out))
EOF2
)
	same pdfua-span-lang "$got" "Span:fr Span:es P:de"
	# The Links hold their text: the contents entries', the note
	# marker's and number's, the link's words (pdfinfo prints the text
	# of an element's marked content under it).
	got=$(pdfinfo -struct-text "$S/lang-links.pdf" 2>/dev/null |
	    awk '/Link/ { l = 1; next } l && /"/ { n++ } { l = 0 }
	    END { print n + 0 }')
	[ "$got" -ge 5 ] && pass pdfua-link-text ||
	    fail pdfua-link-text "$got Links begin with their text, not 5"
fi
if "$QUIRE" -q -t epub -o "$S/lang-links.epub" "$S/lang-links.md" 2>/dev/null &&
    unzip -p "$S/lang-links.epub" '*.xhtml' 2>/dev/null |
    grep -q '<em lang="fr" xml:lang="fr">' &&
    unzip -p "$S/lang-links.epub" '*.xhtml' |
    grep -q '<span lang="es" xml:lang="es">hasta luego</span>' &&
    unzip -p "$S/lang-links.epub" '*.xhtml' | grep -q '<p lang="de" xml:lang="de">'; then
	pass pdfua-epub-lang
else
	fail pdfua-epub-lang "the EPUB has no lang and xml:lang on the French and German text"
fi

if [ -f "$S/deco-link.pdf" ]; then
	got=$($PY -c 'import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/Link":
            print(str(e.get("/Alt", "")))
        k = e.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(c)
walk(pdf.Root.StructTreeRoot.K[0])' "$S/deco-link.pdf" 2>&1)
	same pdfua-link-alt "$got" "https://example.org/deco"
fi

# The link annotations (with the /Contents and /StructParent tagging
# adds) are in compressed object streams with the tree: none is left in
# plain syntax.
if [ -f "$S/lang-links.pdf" ]; then
	got=$($PY - "$S/lang-links.pdf" <<'EOF2' 2>&1
import pikepdf, re, subprocess, sys
f = sys.argv[1]
x = subprocess.run(["qpdf", "--show-xref", f], capture_output=True,
                   text=True).stdout
plain = {int(m.group(1)) for m in re.finditer(r"^(\d+)/0: uncompressed", x, re.M)}
pdf = pikepdf.open(f)
annots = [a for pg in pdf.pages for a in pg.obj.get("/Annots", [])]
print(len(annots) > 0, sum(1 for a in annots if a.objgen[0] in plain))
EOF2
)
	same pdfua-packed "$got" "True 0"
	if why=$(qpdf_ok "$S/lang-links.pdf"); then pass pdfua-qpdf; else
		fail pdfua-qpdf "$why"; fi
fi

# The catalog's language is the document's.
lang=$($PY -c 'import pikepdf,sys; print(pikepdf.open(sys.argv[1]).Root.Lang)' \
    "$S/bidi-ar.pdf" 2>/dev/null)
same pdfua-lang-ar "$lang" ar

# pdf.tagged: false gives an untagged PDF for every case (pictures,
# links and notes included), packed in object streams like a tagged
# one.
printf 'pdf:\n  tagged: false\n' >"$S/untagged.yaml"
off_bad=""
for md in content/ai-engineer.md tests/cases/*.md; do
	n=$(basename "$md" .md)
	pdfua_exempt "$S/off-$n.pdf" "pdf.tagged: false"
	if ! "$QUIRE" -q -t pdf -s "$S/untagged.yaml" -o "$S/off-$n.pdf" "$md" \
	    2>"$S/off-$n.err"; then
		off_bad="$off_bad $n(exit)"
	elif qpdf --qdf --object-streams=disable "$S/off-$n.pdf" - 2>/dev/null |
	    grep -q 'StructTreeRoot\|/MCID'; then
		off_bad="$off_bad $n(tagged)"
	elif ! grep -aq '/Type/ObjStm' "$S/off-$n.pdf"; then
		off_bad="$off_bad $n(unpacked)"
	fi
done
if [ -z "$off_bad" ] && [ -f "$S/off-ai-engineer.pdf" ] &&
    ! $PY tests/pdfua.py "$S/off-ai-engineer.pdf" >/dev/null 2>&1; then
	pass pdfua-switch-off
else
	fail pdfua-switch-off "pdf.tagged: false:$off_bad"
fi

# Byte for byte the same at -j1, -j2 and run to run.
big="$S/big.md"
for i in $(seq 1 12); do cat content/ai-engineer.md tests/cases/gfm-notes.md; done >"$big"
"$QUIRE" -q -j1 -t pdf -o "$S/j1.pdf" "$big" 2>/dev/null
"$QUIRE" -q -j2 -t pdf -o "$S/j2.pdf" "$big" 2>/dev/null
"$QUIRE" -q -j2 -t pdf -o "$S/j2b.pdf" "$big" 2>/dev/null
if [ -s "$S/j1.pdf" ] && cmp -s "$S/j1.pdf" "$S/j2.pdf" &&
    cmp -s "$S/j2.pdf" "$S/j2b.pdf"; then
	pass pdfua-reproducible
else
	fail pdfua-reproducible "the PDFs of -j1 and -j2 (or of two runs) differ"
fi
$PY tests/pdfua.py "$S/j2.pdf" >"$S/big.out" 2>&1 && pass pdfua-big ||
    fail pdfua-big "$(head -2 "$S/big.out" | sed "s|$S/||" | tr '\n' ';')"

# What the tags cost in bytes (issue 33 asks for a tenth of the file on
# a large reference): 150 sections of a heading, a paragraph, a small
# table and a list, about 3,900 structure elements, cost at most 19
# bytes an element over the untagged file (the tree, its ParentTree and
# each element's object-stream entry; the marked-content operators).
# 20.0 before the tree was grouped by type and the operators lost their
# spaces, 18.3 after.
for i in $(seq 1 150); do
	printf '## Section %d\n\nThe function `f%d` takes a buffer and returns its length, or -1.\n\n' "$i" "$i"
	printf '| name | type | default |\n|---|---|---|\n| `size%d` | `int` | %d |\n| `mode` | `enum m` | `M_FAST` |\n| `flags%d` | `unsigned` | 0x%x |\n\n' "$i" "$i" "$i" "$i"
	printf -- '- first item %d\n- second item\n\n' "$i"
done >"$S/cost.md"
"$QUIRE" -q -t pdf -o "$S/cost.pdf" "$S/cost.md" 2>/dev/null
"$QUIRE" -q -t pdf -s "$S/untagged.yaml" -o "$S/cost-off.pdf" "$S/cost.md" \
    2>/dev/null
pdfua_exempt "$S/cost-off.pdf" "pdf.tagged: false"
got=$($PY - "$S/cost.pdf" "$S/cost-off.pdf" <<'PY' 2>&1
import os, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
n = sum(1 for o in pdf.objects
        if isinstance(o, pikepdf.Dictionary) and '/S' in o and '/P' in o)
extra = os.path.getsize(sys.argv[1]) - os.path.getsize(sys.argv[2])
print(n, extra, '%.1f' % (extra / n) if n else 'none')
PY
)
case $got in
[0-9]*\ [0-9]*\ 1[0-8].[0-9]|[0-9]*\ [0-9]*\ [0-9].[0-9]|[0-9]*\ [0-9]*\ 19.0)
	pass pdfua-cost ;;
*)	fail pdfua-cost "elements, bytes over untagged, bytes an element: $got (at most 19)" ;;
esac
