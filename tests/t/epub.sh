#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/epub.sh - the EPUB emitter.
#
#  - epubcheck over every tests/cases/*.md, every content/*.md, the
#    linked three-file book in tests/books/linked/ and every other book
#    made here (zero messages), all in one JVM at the end (lib.sh's
#    epubcheck_all);
#  - golden XHTML: where tests/cases/NAME.xhtml exists, it must equal the
#    book's content files (EPUB/c*.xhtml in spine order, concatenated);
#    regenerate with `UPDATE=1 bash tests/t/epub.sh` and read every diff;
#  - the seed's table (acceptance 3), byte-identical rebuilds (4), hostile
#    HTML stripped (5), link rewriting, images, metadata.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
D=$(scratch epub)

# build NAME FILE... : quire -t epub into $D/NAME.epub, unpacked in
# $D/NAME/; stderr kept in $D/NAME.err.
build() {
	local name=$1; shift
	rm -rf "${D:?}/$name" "$D/$name.epub"
	"$QUIRE" -t epub -o "$D/$name.epub" "$@" 2>"$D/$name.err" &&
	    mkdir -p "$D/$name" && (cd "$D/$name" && unzip -q ../"$name.epub")
}

# validate NAME : epubcheck must report nothing at all.  The books are
# checked together at the end, where each gets its PASS or FAIL.
checked=()
validate() {
	checked+=("$1")
}

# The content files in spine order, for goldens.
content_xhtml() {
	local f
	for f in "$D/$1"/EPUB/c[0-9]*.xhtml; do
		[ -f "$f" ] && cat "$f"
	done
}

# xpath NAME FILE EXPR : count of nodes (XHTML namespace bound to h).
xcount() {
	xmllint --xpath "count($2)" "$1" 2>/dev/null
}
X='//*[local-name()="'

# ---- every case and every content document -------------------------------
for md in tests/cases/*.md content/*.md; do
	[ -f "$md" ] || continue
	name=$(basename "$md" .md)
	case $md in content/*) name="content-$name" ;; esac
	if ! build "$name" "$md"; then
		fail "build $name" "$(head -c 300 "$D/$name.err")"
		continue
	fi
	pass "build $name"
	validate "$name"
	golden=${md%.md}.xhtml
	case $md in tests/cases/*)
		if [ -n "${UPDATE:-}" ] && case $name in epub-*|html-*|code-*|gfm-*) true ;; *) false ;; esac; then
			content_xhtml "$name" >"$golden"
		fi
		if [ -f "$golden" ]; then
			if content_xhtml "$name" | diff -u "$golden" - >"$D/$name.diff"; then
				pass "golden $name.xhtml"
			else
				fail "golden $name.xhtml" "$(head -20 "$D/$name.diff" | tr '\n' ' ')"
			fi
		fi
	esac
done

# ---- structure of every book built above --------------------------------
for dir in "$D"/*/; do
	name=$(basename "$dir")
	[ -f "$D/$name.epub" ] || continue
	# mimetype first, stored, exact content.
	first=$(zipinfo -1 "$D/$name.epub" | head -n 1)
	method=$(zipinfo -v "$D/$name.epub" mimetype 2>/dev/null | sed -n 's/^ *compression method: *//p')
	if [ "$first" = mimetype ] && [ "$method" = none\ \(stored\) ] &&
	    [ "$(cat "$dir/mimetype")" = application/epub+zip ]; then
		pass "mimetype first and stored $name"
	else
		fail "mimetype first and stored $name" "first=$first method=$method"
	fi
	# lang and xml:lang on every XHTML document.
	bad=
	for f in "$dir"/EPUB/*.xhtml; do
		grep -q '<html [^>]*lang="[^"]*" xml:lang="[^"]*"' "$f" ||
		    bad="$bad $(basename "$f")"
	done
	if [ -z "$bad" ]; then pass "lang on every document $name"
	else fail "lang on every document $name" "$bad"; fi
done

# ---- acceptance 3: the seed's table --------------------------------------
seed="$D/content-ai-engineer"
tf=$(grep -l '<table' "$seed"/EPUB/c[0-9]*.xhtml 2>/dev/null | head -n 1)
if [ -n "$tf" ]; then
	n=$(xcount "$tf" "${X}thead\"]//*[local-name()=\"th\"][@scope=\"col\"]")
	[ "$n" = 3 ] && pass "seed table: 3 th scope=col" ||
	    fail "seed table: 3 th scope=col" "got $n"
	rows=$(xcount "$tf" "${X}tbody\"]/*[local-name()=\"tr\"]")
	led=$(xcount "$tf" "${X}tbody\"]/*[local-name()=\"tr\"][*[1][local-name()=\"th\"][@scope=\"row\"]]")
	[ "$rows" = 5 ] && [ "$led" = 5 ] && pass "seed table: 5 rows led by th scope=row" ||
	    fail "seed table: 5 rows led by th scope=row" "rows=$rows led=$led"
	for col in 2 3; do
		li=$(xcount "$tf" "${X}tr\"][*[1][normalize-space()=\"Key Responsibilities\"]]/*[$col]/*[local-name()=\"ul\"]/*[local-name()=\"li\"]")
		[ "$li" = 4 ] && pass "seed table: Key Responsibilities column $col has a ul of 4 li" ||
		    fail "seed table: Key Responsibilities column $col has a ul of 4 li" "got $li"
	done
	# No deprecated presentation attributes anywhere.
	if grep -qE '<t[dh][^>]* (align|valign|width)=' "$seed"/EPUB/*.xhtml; then
		fail "seed table: no deprecated attributes" "align/width found"
	else
		pass "seed table: no deprecated attributes"
	fi
else
	fail "seed table: found" "no <table> in $seed"
fi

# ---- acceptance 4: reproducible --------------------------------------------
if "$QUIRE" -q -t epub -o "$D/r1.epub" content/ai-engineer.md &&
    TZ=Pacific/Kiritimati "$QUIRE" -q -t epub -o "$D/r2.epub" content/ai-engineer.md &&
    cmp -s "$D/r1.epub" "$D/r2.epub"; then
	pass "two builds are byte-identical (cmp, even in another time zone)"
else
	fail "two builds are byte-identical" "cmp differs"
fi
SOURCE_DATE_EPOCH=1800000000 "$QUIRE" -q -t epub -o "$D/r3.epub" content/ai-engineer.md
if unzip -p "$D/r3.epub" EPUB/package.opf | grep -q 'dcterms:modified">2027-01-15T08:00:00Z<' &&
    zipinfo -T "$D/r3.epub" mimetype | grep -q '20270115\.08000'; then
	pass "SOURCE_DATE_EPOCH sets dcterms:modified and zip times"
else
	fail "SOURCE_DATE_EPOCH sets dcterms:modified and zip times"
fi
id1=$(unzip -p "$D/r1.epub" EPUB/package.opf | sed -n 's/.*<dc:identifier id="bookid">\(.*\)<\/dc:identifier>.*/\1/p')
id3=$(unzip -p "$D/r3.epub" EPUB/package.opf | sed -n 's/.*<dc:identifier id="bookid">\(.*\)<\/dc:identifier>.*/\1/p')
case $id1 in
urn:uuid:????????-????-????-????-????????????)
	[ "$id1" = "$id3" ] && pass "identifier is a stable urn:uuid" ||
	    fail "identifier is a stable urn:uuid" "$id1 vs $id3" ;;
*)	fail "identifier is a stable urn:uuid" "got '$id1'" ;;
esac
idh=$(unzip -p "$D/epub-hostile.epub" EPUB/package.opf 2>/dev/null | sed -n 's/.*<dc:identifier id="bookid">\(.*\)<\/dc:identifier>.*/\1/p')
[ -n "$idh" ] && [ "$idh" != "$id1" ] && pass "different books, different identifiers" ||
    fail "different books, different identifiers" "$idh"

# ---- acceptance 5: hostile HTML ---------------------------------------------
h="$D/epub-hostile"
if [ -d "$h" ]; then
	# (The generated cover is the one SVG document with its root alone;
	# the <svg> element is a picture of its own, images/i001.svg, kept
	# as a file but checked like the rest for everything else.)
	for pat in '<script' '<iframe' '<object' '<embed' '<style' '<svg' \
	    '<form' '<input' '<button' '<math' 'javascript:' 'data:text' \
	    'onclick' 'onmouseover' 'onerror' 'onload' 'ENTITY' 'file:///' \
	    'style=' 'id="trap"' 'alert('; do
		if grep -rqiF --exclude=cover.svg $([ "$pat" = '<svg' ] &&
		    echo --exclude=i001.svg) -- "$pat" "$h" ||
		    [ "$(grep -oiF -- "$pat" "$h/EPUB/images/cover.svg" 2>/dev/null | wc -l)" -gt \
		    "$([ "$pat" = '<svg' ] && echo 1 || echo 0)" ]; then
			fail "hostile: no $pat" "$(grep -rliF -- "$pat" "$h" | head -1)"
		else
			pass "hostile: no $pat"
		fi
	done
	# What is safe survives: text, the safe link, bold, the lists.
	c="$(cat "$h"/EPUB/c[0-9]*.xhtml)"
	for want in 'A div with an' 'href="https://example.org/"' '<strong>bold</strong>' \
	    '<li>two</li>' 'markdown javascript link' 'an image'; do
		case $c in *"$want"*) pass "hostile: kept $want" ;;
		*) fail "hostile: kept $want" ;; esac
	done
	grep -q 'unsafe link javascript:alert(3) dropped' "$D/epub-hostile.err" &&
	    pass "hostile: warns about the javascript: link" ||
	    fail "hostile: warns about the javascript: link" "$(cat "$D/epub-hostile.err")"
else
	fail "hostile: built" "no $h"
fi

# ---- images -------------------------------------------------------------------
b="$D/epub-blocks"
if [ -d "$b" ]; then
	cmp -s "$b/EPUB/images/i001.png" tests/cases/epub-pixel.png &&
	    grep -q 'href="images/i001.png" media-type="image/png"' "$b/EPUB/package.opf" &&
	    pass "local image copied with its media type" ||
	    fail "local image copied with its media type"
	grep -q 'epub-blocks.md:45: warning: image .*nowhere.png' "$D/epub-blocks.err" &&
	    grep -q 'class="missing-image">a missing image<' "$b"/EPUB/c[0-9]*.xhtml &&
	    pass "missing image: warning with file:line, alt text kept" ||
	    fail "missing image: warning with file:line, alt text kept"
	grep -q '<a href="https://example.org/image.png" class="remote-image">a remote image</a>' "$b"/EPUB/c[0-9]*.xhtml &&
	    ! grep -q 'src="https:' "$b"/EPUB/c[0-9]*.xhtml &&
	    pass "remote image: not fetched, alt text links to it" ||
	    fail "remote image: not fetched, alt text links to it"
	grep -q '<dc:creator id="creator2">Charles Babbage</dc:creator>' "$b/EPUB/package.opf" &&
	    pass "authors become dc:creator" || fail "authors become dc:creator"
else
	fail "images: built" "no $b"
fi

# Many images: the table of stored images grows (at 8, 16...) while the
# names are given; every <img> must still name its own stored file, in
# order, each once.  (They named freed memory once: "IU", "q.sU".)
m="$D/many-images-src"
mkdir -p "$m"
: >"$m/many.md"
for i in $(seq 1 20); do
	cp tests/cases/epub-pixel.png "$m/p$i.png"
	printf '![pixel %d](p%d.png)\n\n' "$i" "$i" >>"$m/many.md"
done
if build many-images "$m/many.md"; then
	srcs=$(grep -oh '<img src="[^"]*"' "$D"/many-images/EPUB/c[0-9]*.xhtml |
	    sed 's/.*src="//; s/"$//')
	want=$(for i in $(seq 1 20); do printf 'images/i%03d.png\n' "$i"; done)
	missing=$(for s in $srcs; do [ -f "$D/many-images/EPUB/$s" ] || echo "$s"; done)
	[ "$srcs" = "$want" ] && [ -z "$missing" ] &&
	    pass "20 images: each <img> names its own stored file" ||
	    fail "20 images: each <img> names its own stored file" \
		"$(echo $srcs | head -c 200) missing: $missing"
	validate many-images
else
	fail "20 images: built" "$(cat "$D/many-images.err")"
fi

# ---- accessibility metadata and navigation ----------------------------------------
opf="$seed/EPUB/package.opf"
for prop in accessMode accessModeSufficient accessibilityFeature \
    accessibilityHazard accessibilitySummary; do
	grep -q "property=\"schema:$prop\"" "$opf" 2>/dev/null &&
	    pass "a11y metadata schema:$prop" || fail "a11y metadata schema:$prop"
done
grep -q '<nav epub:type="toc" role="doc-toc"' "$seed/EPUB/nav.xhtml" 2>/dev/null &&
    grep -q 'epub:type="landmarks"' "$seed/EPUB/nav.xhtml" &&
    [ -f "$seed/EPUB/toc.ncx" ] &&
    pass "nav with toc role and landmarks, NCX present" ||
    fail "nav with toc role and landmarks, NCX present"

# ---- a cover, a title and the landmarks as other reading systems see them ---------
# Without a cover-image, a title card: an SVG cover image with its cover
# page first in the spine, holding the title and the subtitle.
if unzip -p "$D/content-ai-engineer.epub" EPUB/images/cover.svg 2>/dev/null |
    xmllint --xpath 'concat(count(//*[local-name()="text"]), ":",
    string(//*[local-name()="title"]))' - 2>/dev/null |
    grep -qx '[0-9]*:Introduction to AI Engineers' &&
    grep -q '<item id="cover-image" href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"/>' "$opf" &&
    grep -A1 '<spine' "$opf" | grep -q 'itemref idref="cover"' &&
    grep -q 'src="images/cover.svg" alt="Introduction to AI Engineers"' "$seed/EPUB/cover.xhtml" &&
    unzip -p "$D/content-ai-engineer.epub" EPUB/images/cover.svg | grep -q '>What they build, the skills'; then
	pass "cover: a title card when none is given"
else
	fail "cover: a title card when none is given" "$(unzip -l "$D/content-ai-engineer.epub" | grep -i cover)"
fi
printf 'epub:\n  cover: false\n' >"$D/nocover.yaml"
if build nocover content/ai-engineer.md -s "$D/nocover.yaml" &&
    ! grep -q cover "$D/nocover/EPUB/package.opf" && [ ! -e "$D/nocover/EPUB/cover.xhtml" ]; then
	pass "cover: epub.cover false in the style leaves it out"
else
	fail "cover: epub.cover false in the style leaves it out" "$(cat "$D/nocover.err")"
fi
# A long title, a word wider than the card, authors: each line of the
# card within the frame, by the estimate (and epubcheck below).
printf -- '---\ntitle: "%s and other words a title might hold, going on and on past any card ever printed"\nauthor: [Ada Lovelace, Charles Babbage]\n---\nText.\n' \
    "$(printf 'Pneumono%.0s' 1 2 3 4 5 6)" >"$D/longtitle.md"
if build longtitle "$D/longtitle.md"; then
	validate longtitle
	svg="$D/longtitle/EPUB/images/cover.svg"
	n=$(grep -c '<text ' "$svg")
	grep -q '…</text>' "$svg" && grep -q '>Ada Lovelace and Charles' "$svg" &&
	    [ "$n" -ge 6 ] && [ "$n" -le 9 ] &&
	    pass "cover: a long title is cut with an ellipsis, authors at the foot" ||
	    fail "cover: a long title is cut with an ellipsis, authors at the foot" "$n lines"
else
	fail "build longtitle" "$(cat "$D/longtitle.err")"
fi
# A document without a title is called by its first heading, else by
# its file name, never "Untitled".
printf '## Only a second-level heading\n\nText.\n' >"$D/h2only.md"
printf 'Text and nothing else.\n' >"$D/plain-notes.md"
build h2only "$D/h2only.md" && build plain-notes "$D/plain-notes.md"
same "title: the first heading when there is no title" \
    "$(sed -n 's/.*<dc:title id="title">\(.*\)<\/dc:title>.*/\1/p' "$D/h2only/EPUB/package.opf" 2>/dev/null)" \
    "Only a second-level heading"
same "title: the file name when there is no heading" \
    "$(sed -n 's/.*<dc:title id="title">\(.*\)<\/dc:title>.*/\1/p' "$D/plain-notes/EPUB/package.opf" 2>/dev/null)" \
    "plain-notes"
validate h2only
validate plain-notes
# calibre, a reading system that ignores the hidden attribute, must not
# show the landmarks as text, and keeps the seed's table (about 3 s).
if command -v ebook-convert >/dev/null; then
	ebook-convert "$D/content-ai-engineer.epub" "$D/calibre.txt" >"$D/calibre.log" 2>&1
	if [ -s "$D/calibre.txt" ] && ! grep -q 'Start of content' "$D/calibre.txt" &&
	    grep -q 'Key Responsibilities' "$D/calibre.txt"; then
		pass "calibre: no landmarks in the text, the table kept"
	else
		fail "calibre: no landmarks in the text, the table kept" "$(grep -n 'Start of content' "$D/calibre.txt" | head -2)"
	fi
else
	skip "calibre: no landmarks in the text" "calibre's ebook-convert is not installed"
fi

# ---- a book of three files linking to each other -------------------------------------
if build linked tests/books/linked/*.md; then
	pass "build linked book"
	validate linked
	L="$D/linked/EPUB"
	# href="FILE#ID" must land on a file that has that id.
	target() {	# file holding the link text, link text -> ok?
		local href file id
		href=$(grep -h -o "<a href=\"[^\"]*\">$1</a>" "$L"/c[0-9]*.xhtml | head -n 1 |
		    sed 's/<a href="\([^"]*\)".*/\1/')
		file=${href%%#*} id=${href#*#}
		[ -n "$href" ] && [ -f "$L/$file" ] &&
		    { [ "$id" = "$href" ] || grep -q "id=\"$id\"" "$L/$file"; } &&
		    [ "$id" = "${2:-$id}" ]
	}
	for pair in "installation:installation" "reference:options" \
	    "the last word:the-last-word" "goals:goals" "these goals:goals-1" \
	    "the first goals:goals" "start:introduction" "the options:options"; do
		text=${pair%%:*} id=${pair#*:}
		target "$text" "$id" && pass "linked: '$text' goes to #$id" ||
		    fail "linked: '$text' goes to #$id"
	done
	target "setup chapter" && grep -q '<a href="c00[0-9].xhtml">setup chapter</a>' "$L"/c[0-9]*.xhtml &&
	    pass "linked: a link to a file goes to its first part" ||
	    fail "linked: a link to a file goes to its first part"
	grep -q '1-intro.md:16: warning: link to missing fragment 2-setup.md#no-such-part' "$D/linked.err" &&
	    ! grep -q 'no-such-part' "$L"/c[0-9]*.xhtml &&
	    grep -q 'a missing part' "$L"/c[0-9]*.xhtml &&
	    pass "linked: a missing fragment is text, with a file:line warning" ||
	    fail "linked: a missing fragment is text, with a file:line warning"
	grep -q '1-intro.md:17: warning: link to .*nowhere.md, which is not among the inputs' "$D/linked.err" &&
	    pass "linked: a link outside the inputs is text, with a warning" ||
	    fail "linked: a link outside the inputs is text, with a warning"
	n=$(ls "$L"/c[0-9]*.xhtml | wc -l)
	[ "$n" -ge 6 ] && pass "linked: split at top-level sections ($n files)" ||
	    fail "linked: split at top-level sections" "$n files"
	grep -q 'xml:lang="en-GB"' "$L/c001.xhtml" && pass "linked: lang from metadata" ||
	    fail "linked: lang from metadata"
else
	fail "build linked book" "$(cat "$D/linked.err")"
fi
# The same book named partly by absolute paths: links still resolve.
if build linked-abs "$TOP/tests/books/linked/1-intro.md" \
    tests/books/linked/2-setup.md tests/books/linked/3-reference.md &&
    grep -q '<a href="c00[0-9].xhtml#installation">installation</a>' "$D/linked-abs/EPUB/c001.xhtml"; then
	pass "linked: absolute and relative input paths mix"
else
	fail "linked: absolute and relative input paths mix"
fi
# ---- right-to-left documents (issue 20) ------------------------------------
# The language decides the direction (he, ar, fa, ur, ... or a script
# subtag such as -Arab), and `dir` in the front matter or -M overrides
# it: every XHTML file of an RTL book (nav and title page included) has
# dir="rtl" on <html>, and the spine progresses right to left.
cat >"$D/rtl.md" <<'EOF2'
---
title: שלום עולם
lang: he
---
# פרק ראשון

זהו משפט בעברית עם המספר 2024 ומילה באנגלית, quire.

## סעיף

- פריט אחד
- פריט שני
EOF2
# rtl_ok NAME : every XHTML file has dir="rtl" and the spine says rtl.
rtl_ok() {
	local f bad=""
	for f in "$D/$1"/EPUB/*.xhtml; do
		grep -q '<html[^>]* dir="rtl"' "$f" || bad="$bad ${f##*/}"
	done
	grep -q '<spine[^>]* page-progression-direction="rtl"' \
	    "$D/$1/EPUB/package.opf" || bad="$bad spine"
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}
if build rtl "$D/rtl.md"; then
	validate rtl
	out=$(rtl_ok rtl) && pass "rtl: lang he gives dir=rtl and an rtl spine" ||
	    fail "rtl: lang he gives dir=rtl and an rtl spine" "missing in$out"
else
	fail "build rtl" "$(head -c 300 "$D/rtl.err")"
fi
printf -- '---\nlang: en\ndir: rtl\n---\nText.\n' >"$D/rtl-dir.md"
build rtl-dir "$D/rtl-dir.md" && rtl_ok rtl-dir >/dev/null &&
    pass "rtl: dir: rtl in the front matter" ||
    fail "rtl: dir: rtl in the front matter"
# dir: ltr wins over the language, and a left-to-right book says nothing.
if build rtl-ltr "$D/rtl.md" -M dir=ltr &&
    ! grep -q 'dir="rtl"\|page-progression' "$D"/rtl-ltr/EPUB/*.xhtml \
    "$D/rtl-ltr/EPUB/package.opf"; then
	pass "rtl: -M dir=ltr overrides lang he"
else
	fail "rtl: -M dir=ltr overrides lang he"
fi
"$QUIRE" -q -t epub -o "$D/rtl-bad.epub" -M dir=up "$D/rtl.md" 2>"$D/rtl-bad.err"
[ $? -ne 0 ] && grep -q 'dir "up" is not ltr, rtl or auto' "$D/rtl-bad.err" &&
    pass "rtl: a bad dir is an error" || fail "rtl: a bad dir is an error"
# The right-to-left books of the PDF's bidi tests: valid, and right to left.
for md in "$TOP"/tests/bidi/ar.md "$TOP"/tests/bidi/fa.md "$TOP"/tests/bidi/he.md; do
	name=bidi-$(basename "$md" .md)
	if build "$name" "$md"; then
		validate "$name"
		out=$(rtl_ok "$name") && pass "rtl: $name is right to left" ||
		    fail "rtl: $name is right to left" "missing in$out"
	else
		fail "build $name" "$(head -c 300 "$D/$name.err")"
	fi
done
# (The CommonMark spec's examples as the chapters of one book are
# tests/t/spec.sh's, where the examples are always at hand.)

# ---- epubcheck over every book above, in one JVM ----------------------------------
books=()
for name in "${checked[@]}"; do books+=("$D/$name.epub"); done
# A paragraph of 11 MB: readers built on libxml2 refuse a text node
# over 10 MB, so the text goes on in spans (xmllint at its default
# limits is such a reader).
awk 'BEGIN { for (i = 0; i < 170000; i++) print "lorem ipsum dolor sit amet, lorem ipsum dolor sit amet consectetur" }' \
	>"$D/para-11mb.md"
"$QUIRE" -q -t epub -o "$D/para-11mb.epub" "$D/para-11mb.md"
mkdir -p "$D/para-11mb" && (cd "$D/para-11mb" && unzip -qo ../para-11mb.epub)
xmllint --noout "$D"/para-11mb/EPUB/c*.xhtml 2>"$D/para-11mb.err" &&
	[ "$(cat "$D"/para-11mb/EPUB/c*.xhtml | grep -o 'lorem ipsum dolor sit amet,' | wc -l)" = 170000 ] &&
	pass "an 11 MB paragraph stays readable: no text node over 10 MB, no word lost" ||
	fail "an 11 MB paragraph stays readable: no text node over 10 MB, no word lost" "$(head -c 300 "$D/para-11mb.err")"
rm -rf "$D/para-11mb" "$D/para-11mb.md"
epubcheck_all "${books[@]}"
for name in "${checked[@]}"; do
	epubcheck_verdict "$name" "$D/$name.epub"
done
exit 0
