# SPDX-License-Identifier: GPL-3.0-or-later
# The man format: every case and every content document through the
# validators (mandoc -Tlint -W style, groff -ww, lexgrog), rendered widths
# at 80 and 60 columns with man-db and mandoc, the roff the emitter may
# write, golden pages (tests/cases/NAME.7), the ai-engineer table, and a
# hostile document that must not run anything.
#
# Regenerate goldens with UPDATE=1 bash tests/t/man.sh (then read them).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch man)
export LC_ALL=C.UTF-8

# Styles that force each table layout, so the branches a formatter does
# not take by default (the .if on the line length) are linted too.
printf 'man:\n  table: grid\n' >"$T/grid.yaml"
printf 'man:\n  table: stacked\n' >"$T/stacked.yaml"

# Rendered text, plain: man-db (groff) at MANWIDTH, or mandoc at width.
render_man() { MANWIDTH=$2 MAN_KEEP_FORMATTING= man -l "$1" 2>&1 | col -bx; }
render_mandoc() { mandoc -Tutf8 -O width="$2" "$1" 2>&1 | col -bx; }
widest() { wc -L | tr -d ' '; }

# Every request line the emitter may write.  Anything else starting with
# '.' or '\'' would mean user text escaped its escaping.
ALLOWED='(\.(TH|SH|SS|PP|PD|IP|TP|TQ|RS|RE|EX|EE|UR|UE|MT|ME|br|sp|TS|TE|na|nh|ad|ad l|hy|ll|nr q[A-Z][0-9]*|\\}|\\")( .*)?|\.if .*\\\{\\|\.if \\n\(\.l>0 \.(in \+|ti -)2n|\.(in|ti) [-+]2n|\.if !c\\\[u[0-9A-F]+\] \.char \\\[u[0-9A-F]+\] \?|'"'"'\\" t)$'

lint() {	# name, page
	local out
	out=$(mandoc_lint "$2")
	[ -z "$out" ] && pass "$1: mandoc -Tlint -W style" ||
		fail "$1: mandoc -Tlint -W style" "$(echo "$out" | head -3)"
	out=$(groff_lint "$2")
	[ -z "$out" ] && pass "$1: groff -ww" ||
		fail "$1: groff -ww" "$(echo "$out" | head -3)"
}

requests_ok() {	# name, page
	local bad
	bad=$(grep -nE "^[.']" "$2" | grep -vE "^[0-9]+:$ALLOWED" | head -3)
	[ -z "$bad" ] && pass "$1: only known requests" ||
		fail "$1: only known requests" "$bad"
}

for md in tests/cases/*.md content/*.md; do
	base=$(basename "$md" .md)
	# Named by its own section, as mandoc checks the name against .TH.
	sec=$("$QUIRE" -q --dump "$md" 2>/dev/null |
	    sed -n '1s/.* section="\([^"]*\)".*/\1/p')
	page="$T/$base.${sec:-7}"
	if ! "$QUIRE" -q -t man -o "$page" "$md" 2>"$T/err"; then
		fail "$base: quire -t man" "$(head -c 200 "$T/err")"
		continue
	fi
	pass "$base: quire -t man"
	lint "$base" "$page"
	requests_ok "$base" "$page"
	whatis=$(lexgrog "$page" 2>&1)
	case $whatis in
	*": \""*" - "*) pass "$base: lexgrog" ;;
	*) fail "$base: lexgrog" "$whatis" ;;
	esac
	if grep -q '^\.TS' "$page"; then
		head -1 "$page" | grep -qxF "'\\\" t" &&
			pass "$base: tbl marker first" ||
			fail "$base: tbl marker first" "$(head -1 "$page")"
		for s in grid stacked; do
			"$QUIRE" -q -t man -s "$T/$s.yaml" \
			    -o "$T/$base.$s.${sec:-7}" "$md" 2>/dev/null &&
				lint "$base ($s)" "$T/$base.$s.${sec:-7}"
		done
	fi
	# Widths: my cases and the content must fit; others (long code
	# lines, long URLs) may not, and are not mine to judge.
	case $base in man-*|gfm-*|ai-engineer)
		for w in 80 60; do
			for r in man mandoc; do
				# mandoc breaks no line at "\:", so it cannot
				# fit this page's long addresses.
				[ $base-$r = man-longwords-mandoc ] && continue
				n=$(render_$r "$page" $w | widest)
				[ "$n" -le $w ] && pass "$base: $r at $w fits ($n)" ||
					fail "$base: $r at $w fits" "widest line $n"
			done
		done ;;
	esac
	# A break point between two letters or two digits cuts a word.
	bad=$(grep -nE '[[:alnum:]]\\:(\\%)?[[:alnum:]]' "$page" | head -2)
	[ -z "$bad" ] && pass "$base: no break point inside a word" ||
		fail "$base: no break point inside a word" "$bad"
	# Golden page.
	if [ -n "${UPDATE:-}" ] && { [ "${base#man-}" != "$base" ] ||
	    [ "${base#html-}" != "$base" ] || [ "${base#gfm-}" != "$base" ]; }; then
		cp "$page" "tests/cases/$base.7"
	fi
	if [ -f "tests/cases/$base.7" ]; then
		cmp -s "$page" "tests/cases/$base.7" &&
			pass "$base: matches $base.7" ||
			fail "$base: matches $base.7" \
			    "$(diff "tests/cases/$base.7" "$page" | head -5)"
	fi
done

# The same input gives the same bytes.
"$QUIRE" -q -t man -o "$T/again.7" content/ai-engineer.md
cmp -s "$T/again.7" "$T/ai-engineer.7" && pass "man output is reproducible" ||
	fail "man output is reproducible"

# ---- The ai-engineer table, as a reader sees it.
P="$T/ai-engineer.7"
NB=$'\xc2\xa0'	# mandoc writes "\ " as a no-break space
for w in 80 60; do
	for r in man mandoc; do
		txt=$(render_$r "$P" $w)
		n=$(echo "$txt" | grep -oE "•( |$NB)+(Design|Integrate|Ensure|Oversee|Build|Perform|Tune|Deploy) " | wc -l)
		[ "$n" -eq 8 ] && pass "ai-engineer: $r at $w: 8 bulleted items" ||
			fail "ai-engineer: $r at $w: 8 bulleted items" "found $n"
		echo "$txt" | grep -qE 'Respon.?$|Respon‐' &&
			fail "ai-engineer: $r at $w: Responsibilities unbroken" ||
			pass "ai-engineer: $r at $w: Responsibilities unbroken"
		echo "$txt" | grep -qw 'Responsibilities' &&
			pass "ai-engineer: $r at $w: Responsibilities shown" ||
			fail "ai-engineer: $r at $w: Responsibilities shown"
		echo "$txt" | grep -qE "[.:] *[-•]( |\$NB)[A-Z]" &&
			fail "ai-engineer: $r at $w: no glued items" \
			    "$(echo "$txt" | grep -E "[.:] *[-•]( |\$NB)[A-Z]" | head -1)" ||
			pass "ai-engineer: $r at $w: no glued items"
	done
done
# At 80 columns both formatters show the grid (a rule row), at 60 groff
# switches to the stacked layout ("AI Engineer:" labels).
render_man "$P" 80 | grep -q '────' && pass "ai-engineer: man at 80 is a grid" ||
	fail "ai-engineer: man at 80 is a grid"
render_mandoc "$P" 80 | grep -q '────' && pass "ai-engineer: mandoc at 80 is a grid" ||
	fail "ai-engineer: mandoc at 80 is a grid"
render_man "$P" 60 | grep -qE 'AI +Engineer:' && pass "ai-engineer: man at 60 is stacked" ||
	fail "ai-engineer: man at 60 is stacked"
render_man "$P" 80 | grep -qE 'AI +Engineer:' &&
	fail "ai-engineer: man at 80 shows one layout" ||
	pass "ai-engineer: man at 80 shows one layout"
render_mandoc "$P" 80 | grep -qE 'AI +Engineer:' &&
	fail "ai-engineer: mandoc shows one layout" ||
	pass "ai-engineer: mandoc shows one layout"
render_man "$P" 80 | grep -q '^NAME' && render_man "$P" 80 |
    grep -q 'ai-engineer - what an AI engineer does' &&
	pass "ai-engineer: NAME line" || fail "ai-engineer: NAME line"
grep -qxF '.TH "AI\-ENGINEER" "7" "2026-11-28" "" "Miscellaneous Information Manual"' "$P" &&
	pass "ai-engineer: .TH" || fail "ai-engineer: .TH" "$(grep '^\.TH' "$P")"

# ---- Long options, paths, addresses and identifiers in text, code,
# bold, option tags and table cells: no word cut where the source has
# none to cut (tests/manwords.py), with groff at three widths and mandoc.
L=tests/cases/man-longwords.md
P="$T/man-longwords.1"
for w in 60 80 120; do
	for r in man mandoc; do
		render_$r "$P" $w >"$T/longwords.$r.$w.txt"
		out=$(python3 tests/manwords.py "$L" "$T/longwords.$r.$w.txt")
		[ -z "$out" ] && pass "longwords: $r at $w cuts no word" ||
			fail "longwords: $r at $w cuts no word" "$(echo $out | head -c 200)"
	done
done
# On a wide terminal groff's grid grows with the line: at 150 columns
# the cells' longest words stay whole (at 80 they break after "." "/").
render_man "$P" 150 >"$T/longwords.man.150.txt"
for word in 'storage.retention.maximumAgeInDays' 'https://proxy.example.org:3128/' \
    'apparmor=frobnicator-default-profile' 'network.no_proxy_hosts'; do
	grep -qF -- "$word" "$T/longwords.man.150.txt" &&
		pass "longwords: man at 150 shows $word whole" ||
		fail "longwords: man at 150 shows $word whole"
done
# Single-line rows get no rule between them; the header keeps its own.
printf '| Key | Value |\n|---|---|\n| alpha | one |\n| beta | two |\n| gamma | three |\n' \
    >"$T/kv.md"
"$QUIRE" -q -t man -o "$T/kv.7" "$T/kv.md"
n=$(render_man "$T/kv.7" 80 | grep -c '───')
[ "$n" = 1 ] && pass "key/value table: one rule, under the header" ||
	fail "key/value table: one rule, under the header" "$n rules"

# Rows that wrap only because the terminal is narrow: rules between them
# at 80 columns, none at 150, where each row takes one line.
{ printf '| Option | Equivalent |\n|---|---|\n'
  for k in alpha bravo charlie delta; do
	printf '| `Setting%s=/usr/share/quire/profiles/%s.conf` | `--setting-%s /usr/share/quire/profiles/%s.conf` |\n' \
	    "$k" "$k" "$k" "$k"
  done; } >"$T/kvwide.md"
"$QUIRE" -q -t man -o "$T/kvwide.7" "$T/kvwide.md"
n80=$(render_man "$T/kvwide.7" 80 | grep -c '───')
n150=$(render_man "$T/kvwide.7" 150 | grep -c '───')
[ "$n80" -gt 1 ] && [ "$n150" = 1 ] &&
	pass "wrapping rows: rules at 80, only the header's at 150" ||
	fail "wrapping rows: rules at 80, only the header's at 150" "$n80 and $n150"
lint "kvwide" "$T/kvwide.7"

# Bullets in a cell hang: an item's second line starts under its text,
# not under its bullet, in the grid (80) and the stacked layout (60).
hangs() {	# rendered text on stdin: the line after "• Ensure"
	python3 -c '
import sys
lines = sys.stdin.read().split("\n")
for i, l in enumerate(lines[:-1]):
    k = l.find("\u2022 Ensure")
    if k >= 0:
        n = lines[i + 1]
        sys.exit(0 if n[k:k + 2].strip() == "" and n[k + 2:k + 3].strip() else 1)
sys.exit(1)'
}
for w in 80 60; do
	render_man "$T/ai-engineer.7" $w | hangs &&
		pass "ai-engineer: man at $w: items hang from their bullets" ||
		fail "ai-engineer: man at $w: items hang from their bullets" \
		    "$(render_man "$T/ai-engineer.7" $w | grep -A1 -E '• +Ensure')"
done
# A tight list in a tight list: every sub-list follows its item's text
# directly, the first as the others.
printf -- '- one\n  - a\n  - b\n- two\n  - c\n- three\n' >"$T/nested.md"
"$QUIRE" -q -t man -o "$T/nested.7" "$T/nested.md"
render_man "$T/nested.7" 80 | grep -A1 -E '• one' | tail -1 | grep -q '• a' &&
    render_man "$T/nested.7" 80 | grep -A1 -E '• two' | tail -1 | grep -q '• c' &&
	pass "nested lists spaced alike" ||
	fail "nested lists spaced alike" "$(render_man "$T/nested.7" 80 | sed -n '6,14p')"

# The tbl column separator is a character no cell shows: with '#', '|'
# and '@' in different rows (found last in the first rows searched) it
# is '^'; an address counts as shown text.
printf '| A | B |\n|---|---|\n| x#y | one |\n| c\\|d | two |\n| e@f | 3 |\n' \
    >"$T/sep1.md"
printf '| A | B |\n|---|---|\n| [site](https://u@example.org/) | one |\n' \
    >"$T/sep2.md"
for c in 'sep1 ^' 'sep2 |'; do
	set -- $c
	"$QUIRE" -q -t man -o "$T/$1.7" "$T/$1.md"
	same "table separator: $1" "$(grep -o 'tab(.)' "$T/$1.7" | sort -u)" \
	    "tab($2)"
done

# ---- The hostile page: roff in text, code, cells, links and metadata
# shows literally and runs nothing.
H="$T/man-hostile.7"
rm -f /tmp/quire-pwned
txt=$( (render_man "$H" 80; render_mandoc "$H" 80;
	groff -t -man -U -Tutf8 "$H" 2>&1 | col -bx) )
[ ! -e /tmp/quire-pwned ] && pass "hostile: .sy did not run" ||
	fail "hostile: .sy did not run"
for s in '.sy touch /tmp/quire-pwned' ".so /etc/passwd" "\\X" '\*(Tm' \
    '.SH FAKE' '\fBnot bold\fR' '.sy rm' '.sy cell' '.TE' 'T}' '"quoted"'; do
	echo "$txt" | grep -qF -- "$s" && pass "hostile: shows $s" ||
		fail "hostile: shows $s"
done
echo "$txt" | grep -q '^root:' && fail "hostile: .so did not include" ||
	pass "hostile: .so did not include"

# Leaks and memory errors: tests/t/valgrind.sh (skipped under sanitizers).
