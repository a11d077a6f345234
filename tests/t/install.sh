# SPDX-License-Identifier: GPL-3.0-or-later
# make install / make uninstall (scripts/install, scripts/uninstall)
# against a staged DESTDIR: what lands where, that man/whatis find the
# pages there, that mandb is not run on a staged tree, and that uninstall
# removes exactly what install put there and nothing else.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch install)
D="$T/stage"
O="$T/out"
mkdir -p "$D" "$O"
export LC_ALL=C.UTF-8

# A publication set like `make publish` leaves in out/: quire's own page
# and documents of the user's, which install must leave alone.
"$QUIRE" -q -t man -o "$O" content/ai-engineer.md &&
"$QUIRE" -q -t man -o "$O/quire.1" docs/quire.1.md &&
"$QUIRE" -q --each -t man -o "$O/" tests/cases/man-3pm.md tests/cases/man-section-n.md ||
	{ fail "install: publish pages" "quire failed"; exit 0; }

# Something that is not ours, already in the tree.
mkdir -p "$D/usr/share/man/man7"
echo ".TH OTHER 7" >"$D/usr/share/man/man7/other.7"

inst() { PREFIX=${2:-/usr} DESTDIR="${1:-$D}" BUILD=$(dirname "$QUIRE") \
	OUT="$O" timeout 120 scripts/install >"$T/log" 2>&1; }
uninst() { PREFIX=${2:-/usr} DESTDIR="${1:-$D}" timeout 120 \
	scripts/uninstall >"$T/log" 2>&1; }

inst && pass "install: exits 0" || fail "install: exits 0" "$(tail -3 "$T/log")"
for f in bin/quire lib/quire/libquire-svg.so share/man/man1/quire.1 share/quire/installed-files; do
	[ -f "$D/usr/$f" ] && pass "install: $f" || fail "install: $f" "missing"
done
# The program and its page, nothing else: no sample document, no style
# file (the default style is compiled in).
extra=$(cd "$D/usr" && find . -type f ! -path ./bin/quire \
    ! -path ./lib/quire/libquire-svg.so ! -path ./share/man/man1/quire.1 ! -path ./share/quire/installed-files \
    ! -path ./share/man/man7/other.7 | sort | tr '\n' ' ')
same "install: the program and quire(1) only" "$extra" ""
[ -x "$D/usr/bin/quire" ] && "$D/usr/bin/quire" --version >/dev/null 2>&1 &&
	pass "install: quire runs" || fail "install: quire runs"
[ -z "$(find "$D" -name 'index.*')" ] && pass "install: no mandb on a staged tree" ||
	fail "install: no mandb on a staged tree"
M="$D/usr/share/man"
MANWIDTH=80 man -M "$M" quire 2>/dev/null | col -bx | grep -q -- '--output PATH' &&
	pass "install: man quire shows the options" || fail "install: man quire shows the options"
# whatis needs an index: build one in a copy, so the stage stays as
# installed.
cp -r "$M" "$T/mancopy"
mandb -q "$T/mancopy" >/dev/null 2>&1
whatis -M "$T/mancopy" quire 2>/dev/null | grep -q 'quire (1)' &&
	pass "install: whatis quire" || fail "install: whatis quire"

# Installing twice then uninstalling leaves the tree as it was.
inst && pass "install: again" || fail "install: again" "$(tail -3 "$T/log")"
uninst && pass "uninstall: exits 0" || fail "uninstall: exits 0" "$(tail -3 "$T/log")"
left=$(cd "$D" && find . -mindepth 1 | sort | tr '\n' ' ')
want="./usr ./usr/share ./usr/share/man ./usr/share/man/man7 ./usr/share/man/man7/other.7 "
[ "$left" = "$want" ] && pass "uninstall: removes exactly what was installed" ||
	fail "uninstall: removes exactly what was installed" "left: $left"
uninst && pass "uninstall: again is harmless" || fail "uninstall: again is harmless"

# A DESTDIR that does not exist yet, and another PREFIX.
F="$T/fresh/stage"
inst "$F" /opt/quire && [ -f "$F/opt/quire/bin/quire" ] &&
	pass "install: into a new DESTDIR" ||
	fail "install: into a new DESTDIR" "$(tail -3 "$T/log")"
# The installed binary, run from / with no style files near it, still
# has its style and stylesheet (compiled in): no "not found", a styled
# EPUB.
(cd / && "$F/opt/quire/bin/quire" -o "$T/fromroot" "$TOP/content/ai-engineer.md") \
    >/dev/null 2>"$T/fromroot.err"
[ $? = 0 ] && [ ! -s "$T/fromroot.err" ] &&
	unzip -l "$T/fromroot/ai-engineer.epub" | grep -q 'EPUB/epub.css' &&
	pass "install: /opt/quire's binary finds its style from /" ||
	fail "install: /opt/quire's binary finds its style from /" "$(head -3 "$T/fromroot.err")"
# The installed binary finds its SVG plugin (../lib/quire/): an SVG
# picture is drawn as vectors, not kept as alt text.
printf '# Svg\n\n![A box](box.svg)\n' >"$T/svg.md"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#36c"/></svg>\n' >"$T/box.svg"
(cd / && "$F/opt/quire/bin/quire" -t pdf -o "$T/svg.pdf" "$T/svg.md") 2>"$T/svg.err"
[ $? = 0 ] && [ ! -s "$T/svg.err" ] &&
	qpdf --qdf --object-streams=disable "$T/svg.pdf" - 2>/dev/null | grep -aq '/Subtype /Form' &&
	pass "install: the installed binary draws an SVG (its plugin found)" ||
	fail "install: the installed binary draws an SVG (its plugin found)" "$(head -3 "$T/svg.err")"
uninst "$F" /opt/quire && [ -z "$(find "$F" -mindepth 1)" ] &&
	pass "uninstall: new DESTDIR left empty" ||
	fail "uninstall: new DESTDIR left empty" "$(find "$F" | head -3)"

# make dist: the committed sources under quire-VERSION/, the same bytes
# each time, and a tree whose build needs no file that is not in it.
if git -C "$TOP" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	mkdir -p "$T/dist1" "$T/dist2"
	scripts/dist 9.9.9 "$T/dist1" >/dev/null 2>&1 &&
	    scripts/dist 9.9.9 "$T/dist2" >/dev/null 2>&1 &&
	    cmp -s "$T/dist1/quire-9.9.9.tar.gz" "$T/dist2/quire-9.9.9.tar.gz" &&
		pass "dist: the same bytes twice" || fail "dist: the same bytes twice"
	same "dist: every committed file, under quire-9.9.9/" \
	    "$(tar -tzf "$T/dist1/quire-9.9.9.tar.gz" | grep -v '/$' | sort | md5sum)" \
	    "$(git -C "$TOP" ls-files | sed 's|^|quire-9.9.9/|' | sort | md5sum)"
	tar -xzf "$T/dist1/quire-9.9.9.tar.gz" -C "$T/dist1"
	if env -u QUIRE make -n -C "$T/dist1/quire-9.9.9" BUILD=build build \
	    >"$T/dist.log" 2>&1 &&
	    grep -q 'src/main.c' "$T/dist.log"; then
		pass "dist: the tree's build finds every source"
	else
		fail "dist: the tree's build finds every source" "$(tail -2 "$T/dist.log")"
	fi
else
	skip "dist" "not a git checkout (a tarball's own tree)"
fi

# Every source file says its licence in an SPDX line (what packagers'
# licence scanners read).
if git -C "$TOP" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	missing=$(git -C "$TOP" ls-files 'src/*.[ch]' 'src/*.cc' 'tests/unit/*.[ch]' \
	    'scripts/*' 'tests/t/*.sh' tests/run tests/lib.sh Makefile |
	    while read -r f; do
		head -3 "$TOP/$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' ||
		    echo "$f"
	    done | head -5 | tr '\n' ' ')
	same "every source file has an SPDX licence line" "$missing" ""
fi
