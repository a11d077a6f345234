# SPDX-License-Identifier: GPL-3.0-or-later
# Man pages as projects write them (issue 16): each convention's fixture
# in tests/cases/man-*.md published the way a project installs it, then
# checked for its file name, its whole .TH line, one NAME section whose
# whatis entry is the author's, "--" kept and silent linters; the
# name.SECTION.md file name; --each over many files with a bad one.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch manpages)
export LC_ALL=C.UTF-8

lint_quiet() {	# name, page
	local out
	out=$(mandoc_lint "$2"; groff_lint "$2")
	[ -z "$out" ] && pass "$1: mandoc and groff silent" ||
		fail "$1: mandoc and groff silent" "$(echo "$out" | head -2)"
}

# page FIXTURE FILE TH WHATIS...: publish into a directory, then check.
page() {
	local base=$1 file=$2 th=$3 want got n
	shift 3
	rm -rf "$T/out"
	"$QUIRE" -q -t man -o "$T/out/" "tests/cases/$base.md" 2>"$T/err" ||
		{ fail "$base: quire" "$(head -c 200 "$T/err")"; return; }
	[ -f "$T/out/$file" ] && pass "$base: written as $file" ||
		{ fail "$base: written as $file" "$(ls "$T/out")"; return; }
	got=$(grep '^\.TH' "$T/out/$file")
	[ "$got" = "$th" ] && pass "$base: .TH line" ||
		fail "$base: .TH line" "$got"
	n=$(grep -c '^\.SH NAME$' "$T/out/$file")
	n=$((n + $(grep -A1 '^\.SH$' "$T/out/$file" | grep -ci '^name$')))
	[ "$n" = 1 ] && pass "$base: one NAME section" ||
		fail "$base: one NAME section" "$n"
	got=$(lexgrog "$T/out/$file" 2>&1 | sed 's/^[^:]*: //')
	want=$(printf '"%s"\n' "$@")
	[ "$got" = "$want" ] && pass "$base: lexgrog reads the author's NAME" ||
		fail "$base: lexgrog reads the author's NAME" "$got"
	lint_quiet "$base" "$T/out/$file"
}

page man-pandoc-title man-pandoc-title.1 \
    '.TH "MAN\-PANDOC\-TITLE" "1" "2017-05-01" "Quire Tests 1.0" "Quire Fixtures Manual"' \
    'man-pandoc-title - frob the things named in a pandoc title block'
page man-gomd2man man-gomd2man.8 \
    '.TH "MAN\-GOMD2MAN" "8" "2024-03-01" "Quire 1.0" "Quire System Manual"' \
    'man-gomd2man - run the daemon the go-md2man way'
page man-ronn man-ronn.1 \
    '.TH "MAN\-RONN" "1" "2023-11-14" "" "General Commands Manual"' \
    'man-ronn - frob the things the ronn way'
page man-name-l1 man-name-l1.7 \
    '.TH "MAN\-NAME\-L1" "7" "2023-11-14" "" "Miscellaneous Information Manual"' \
    'man-name-l1 - a page whose sections are all at level 1' \
    'man-name-one - a page whose sections are all at level 1'
page man-name-l2 man-name-l2.7 \
    '.TH "MAN\-NAME\-L2" "7" "2024-02-29" "Quire 1.0" "Miscellaneous Information Manual"' \
    'man-name-l2 - a NAME section of its own, written at level 2'
page man-deflist man-deflist.1 \
    '.TH "MAN\-DEFLIST" "1" "2024-01-01" "" "General Commands Manual"' \
    'man-deflist - definition lists as man pages write their options'
page man-ronn-options man-ronn-options.1 \
    '.TH "MAN\-RONN\-OPTIONS" "1" "2024-01-01" "" "General Commands Manual"' \
    'man-ronn-options - ronn option lists in a page with front matter'
page man-links man-links.7 \
    '.TH "MAN\-LINKS" "7" "2024-01-01" "" "Miscellaneous Information Manual"' \
    'man-links - links to other man pages as page references'
page man-3pm man-3pm.3pm \
    '.TH "MAN\-3PM" "3pm" "2023-11-14" "" "Perl Programmers Reference Guide"' \
    'man-3pm - the page of a Perl module, in section 3pm'
page man-section-n man-section-n.n \
    '.TH "MAN\-SECTION\-N" "n" "2024-05-05" "Quire 1.0" "Quire Built-In Commands"' \
    'man-section-n - a page in section n, as Tcl writes them'

# What each convention must have become.
man1() { "$QUIRE" -q -t man -o - "tests/cases/$1.md"; }
for f in man-pandoc-title man-ronn man-gomd2man man-deflist; do
	man1 $f | grep -q '\\-\\-' && pass "$f: -- kept" || fail "$f: -- kept"
done
man1 man-pandoc-title | grep -qE '^%|^2017' &&
	fail "pandoc title block consumed" || pass "pandoc title block consumed"
[ "$(man1 man-gomd2man | grep -c 'Quire System Manual')" = 1 ] &&
	pass "go-md2man heading consumed" || fail "go-md2man heading consumed"
[ "$(man1 man-gomd2man | grep -c '^\.TP')" = 2 ] &&
	pass "go-md2man options: two .TP" || fail "go-md2man options: two .TP"
[ "$(man1 man-ronn | grep -c '^\.TP')" = 2 ] &&
	pass "ronn options: two .TP" || fail "ronn options: two .TP"
[ "$(man1 man-ronn-options | grep -c '^\.TP')" = 2 ] &&
	man1 man-ronn-options | grep -q '^\.IP \\(bu' &&
	pass "ronn option list converted, plain list kept" ||
	fail "ronn option list converted, plain list kept"
man1 man-deflist | grep -q '^\.TQ' && pass "deflist: two terms, .TQ" ||
	fail "deflist: two terms, .TQ"
man1 man-name-l1 | grep -A1 '^\.SS' | grep -q '^Levels$' &&
	pass "level 2 under level-1 sections is .SS" ||
	fail "level 2 under level-1 sections is .SS"
man1 man-name-l2 | grep -A1 '^\.SS' | grep -q '^A subsection$' &&
	pass "level 3 under level-2 sections is .SS" ||
	fail "level 3 under level-2 sections is .SS"
man1 man-name-l2 | grep -q '^\.SH DESCRIPTION$' &&
	fail "no DESCRIPTION invented" || pass "no DESCRIPTION invented"
man1 man-3pm | grep -A2 '^\.RS 4$' | grep -q '^\.EX$' &&
	pass "code blocks indented" || fail "code blocks indented"
got=$(man1 man-links | grep -o '\\fBman\\-[a-z0-9\\-]*\\fR([0-9a-z]*)' | tr '\n' ' ')
[ "$got" = '\fBman\-ronn\fR(1) \fBman\-gomd2man\fR(8) \fBman\-3pm\fR(3pm) ' ] &&
    man1 man-links | grep -qF '\fBman\-name\-l1(7)\fR' &&
	pass "links: page references" || fail "links: page references" "$got"
man1 man-links | grep -q 'the ronn page' && ! man1 man-links | grep -q 'ronn.1.md' &&
	pass "links: other text kept, no file name" || fail "links: other text kept, no file name"
man1 man-links | grep -q '^\.UR "https://example.org/quire"' &&
	pass "links: external .UR" || fail "links: external .UR"
"$QUIRE" -t man -o - tests/cases/man-links.md 2>&1 >/dev/null | grep -q . &&
	fail "links: no warnings for page links" || pass "links: no warnings for page links"

# The file name: frob.3ssl.md is frob(3ssl); report.2024.md is no page.
mkdir -p "$T/names"
sed '1,3d' tests/cases/man-name-l1.md >"$T/names/frob.3ssl.md"
cp tests/cases/man-deflist.md "$T/names/report.2024.md"
rm -rf "$T/out"
"$QUIRE" -q -t man -o "$T/out/" "$T/names/frob.3ssl.md" &&
    [ -f "$T/out/frob.3ssl" ] && grep -q '^\.TH "FROB" "3ssl"' "$T/out/frob.3ssl" &&
	pass "file name frob.3ssl.md gives frob.3ssl" ||
	fail "file name frob.3ssl.md gives frob.3ssl" "$(ls "$T/out")"
"$QUIRE" -q --dump "$T/names/report.2024.md" | grep -q 'name="man-deflist" section="1"' &&
	pass "front matter wins over the file name" ||
	fail "front matter wins over the file name"
"$QUIRE" -q -M section=5 -t man -o "$T/out/" "$T/names/frob.3ssl.md" &&
    [ -f "$T/out/frob.5" ] && pass "-M section wins" || fail "-M section wins"
"$QUIRE" -q -t man -o "$T/one.page" "$T/names/frob.3ssl.md" &&
    [ -f "$T/one.page" ] && pass "-o FILE wins" || fail "-o FILE wins"

# --each: one page per file, a bad file named, the rest written, the
# worst status.
rm -rf "$T/each"
"$QUIRE" -q --each -t man -o "$T/each" tests/cases/man-ronn.md \
    "$T/missing.md" tests/cases/man-3pm.md 2>"$T/err"
rc=$?
[ $rc = 2 ] && pass "--each: exit status of the worst file" ||
	fail "--each: exit status of the worst file" "exit $rc"
[ -f "$T/each/man-ronn.1" ] && [ -f "$T/each/man-3pm.3pm" ] &&
	pass "--each: the other pages written" ||
	fail "--each: the other pages written" "$(ls "$T/each")"
grep -q "missing.md" "$T/err" && pass "--each: the bad file named" ||
	fail "--each: the bad file named" "$(cat "$T/err")"
"$QUIRE" -q -e -t man -o "$T/each2" tests/cases/man-ronn.md \
    tests/cases/man-links.md && [ -f "$T/each2/man-links.7" ] &&
	pass "-e is --each" || fail "-e is --each"
