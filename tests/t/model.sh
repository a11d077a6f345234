# SPDX-License-Identifier: GPL-3.0-or-later
# Decided once, in the model (issue 13): where links and images lead and
# which tables have label columns is settled by the front end, shown by
# --dump, and every format renders the same verdict.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch model)

# ---- links in a book: per-file ids first, as on GitHub ----
d=$("$QUIRE" -q --dump tests/books/linked/*.md)
has() {	# name, pattern : the dump has a line matching pattern
	grep -qE -- "$2" <<<"$d" && pass "$1" || fail "$1" "no line matching $2"
}
has "link to a file leads to its start" 'url="2-setup.md" -> chapter#chapter-2$'
has "link to a file's heading" 'url="2-setup.md#installation" -> heading#installation$'
has "link to a heading of this file" 'url="#goals" -> heading#goals$'
has "file#id looks in that file first" 'url="1-intro.md#goals" -> heading#goals$'
has "#id-1 finds the second Goals" 'url="#goals-1" -> heading#goals-1$'
has "./ in a link" 'url="./2-setup.md#installation" -> heading#installation$'
has "a heading that is not the title keeps its place" 'url="1-intro.md#introduction" -> heading#introduction$'
has "missing fragment: no destination" 'url="2-setup.md#no-such-part" -> none$'
has "file outside the book: no destination" 'url="../../nowhere.md" -> none$'
# A first heading taken as the title is not shown, but links to it lead
# to the start of the document.
printf '# The Title\n\nText.\n\n## Part\n\nBack to [the top](#the-title).\n' >"$T/title.md"
d=$("$QUIRE" -q --dump "$T/title.md")
has "the title heading's id leads to the start" 'url="#the-title" -> chapter#chapter-1$'
# The same file's "Goals" is "goals" there, but "goals-1" in the book.
printf '# One\n\n## Goals\n\nx\n' >"$T/a.md"
printf '# Two\n\n## Goals\n\nSee [here](#goals) and [there](a.md#goals).\n' >"$T/b.md"
d=$("$QUIRE" -q --dump "$T/a.md" "$T/b.md")
here=$(grep 'url="#goals"' <<<"$d")
there=$(grep 'url="a.md#goals"' <<<"$d")
[ "$here" != "" ] && [ "${here##*#}" = goals-1 ] && [ "${there##*#}" = goals ] &&
	pass "#goals in b.md is b's own Goals, a.md#goals is a's" ||
	fail "#goals in b.md is b's own Goals, a.md#goals is a's" "$here / $there"

# ---- external links: safe and clean, or text ----
cat >"$T/links.md" <<'MD'
[ok](<https://example.com/a b>) [js](javascript:alert(1)) [nohost](http://)
[mail](mailto:a@b.c) [rel](//evil.example/x) [tab](java	script:x)
MD
d=$("$QUIRE" --dump "$T/links.md" 2>"$T/err")
has "https kept and cleaned" '-> "https://example.com/a%20b"'
has "javascript: is text" 'url="javascript:alert\(1\)" -> none'
has "mailto kept" '-> "mailto:a@b.c"'
n=$(grep -c 'warning' "$T/err")
[ "$n" -ge 3 ] && pass "links that lead nowhere warn ($n)" || fail "links that lead nowhere warn" "$n warnings"
# Emitters print no second warning of their own.
"$QUIRE" -o "$T/out" "$T/links.md" 2>"$T/err2"
[ "$(grep -c warning "$T/err2")" = "$n" ] && pass "every format together: the same warnings, once" ||
	fail "every format together: the same warnings, once" "$(grep -c warning "$T/err2") vs $n"

# ---- images: decoded, confined, checked once ----
mkdir -p "$T/img/sub"
cp tests/cases/pdf-image.png "$T/img/my pic.png"
cp tests/cases/pdf-image.png "$T/img/sub/p.png"
printf 'GIF89a..' >"$T/img/anim.gif"
printf 'not an image' >"$T/img/fake.png"
cat >"$T/img/doc.md" <<'MD'
# Pictures

![A picture](my%20pic.png)

![Again, with a query](my%20pic.png?raw=true#frag)

![Below](sub/p.png) ![Missing](nope.png) ![Missing again](nope.png)

![Fake](fake.png) ![Secrets](../../../../../../etc/passwd) ![Remote](https://example.com/x.png)
MD
(cd "$T/img" && "$QUIRE" --dump doc.md >"$T/dump" 2>"$T/err")
d=$(cat "$T/dump")
has "%20 decoded" 'url="my%20pic.png" -> png file "my pic.png"'
has "query and fragment stripped" 'url="my%20pic.png\?raw=true#frag" -> png file "my pic.png"'
has "subfolder" 'url="sub/p.png" -> png file "sub/p.png"'
has "missing: alt text" 'url="nope.png" -> none'
has "not an image: alt text" 'url="fake.png" -> none'
has "outside the folders: alt text" 'url="../../../../../../etc/passwd" -> none'
has "remote: not fetched, a link" 'url="https://example.com/x.png" -> "https://example.com/x.png"'
[ "$(grep -c 'nope.png' "$T/err")" = 1 ] && pass "a missing image used twice warns once" ||
	fail "a missing image used twice warns once" "$(grep -c nope.png "$T/err")"
grep -q 'passwd lies outside' "$T/err" && pass "escaping image refused with a message" ||
	fail "escaping image refused with a message" "$(cat "$T/err")"
(cd "$T/img" && "$QUIRE" -q -o out doc.md) || fail "image doc publishes" "exit $?"
# The %20 image is in the EPUB (once) and drawn in the PDF; the man page
# keeps the alt text.
n=$(unzip -l "$T/img/out/doc.epub" | grep -c 'EPUB/images/i[0-9]*\.png')
[ "$n" = 2 ] && pass "EPUB: two distinct images embedded" || fail "EPUB: two distinct images embedded" "$n"
# Both figures of "my pic.png" (one image object, drawn twice), and
# sub/p.png in its line (issue 32).
if need "PDF: the %20 images drawn" pdfimages; then
	n=$(pdfimages -list "$T/img/out/doc.pdf" | awk '$3 == "image"' | wc -l)
	[ "$n" = 3 ] && pass "PDF: the %20 images drawn ($n)" || fail "PDF: the %20 images drawn" "$n"
fi
grep -q 'A picture' "$T/img/out/doc.7" && grep -q 'Secrets' "$T/img/out/doc.7" &&
	pass "man: alt text" || fail "man: alt text"
unzip -p "$T/img/out/doc.epub" EPUB/c001.xhtml | grep -q 'passwd' &&
	fail "EPUB: no trace of the refused path" || pass "EPUB: no trace of the refused path"

# ---- label columns: decided once, rendered by PDF and EPUB alike ----
cat >"$T/t.md" <<'MD'
| Key | Value |
|---|---|
| **alpha** | one |
|  | blank label |
| **beta** | two |

| Key | Value |
|---|---|
| **alpha** | one |
| gamma | three |
MD
d=$("$QUIRE" -q --dump "$T/t.md")
[ "$(grep -c 'table .* labels' <<<"$d")" = 1 ] && pass "label column: bold first cells only" ||
	fail "label column: bold first cells only" "$(grep table <<<"$d")"
"$QUIRE" -q -t epub -o "$T/t.epub" "$T/t.md"
x=$(unzip -p "$T/t.epub" EPUB/c001.xhtml)
[ "$(grep -o 'scope="row"' <<<"$x" | wc -l)" = 3 ] && pass "EPUB: row headers in the labelled table" ||
	fail "EPUB: row headers in the labelled table" "$(grep -o 'scope="row"' <<<"$x" | wc -l)"
exit 0
