# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# tests/lib.sh - sourced by tests/t/*.sh (first line of each:
# `. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"`).  Helpers that print the
# runner's lines: "PASS name", "FAIL name: why" and "SKIP name: why".
#
# Scripts get $TOP (the repository), $QUIRE (absolute path of the
# binary), $BUILD (absolute: the build tree, whose tests/ holds the unit
# tests), $TMPROOT (a scratch directory of the script's own),
# SOURCE_DATE_EPOCH and LC_ALL.  tests/run sets them all; when a script
# runs alone (`bash tests/t/pdf.sh`, from any folder) they default to
# this tree's build/quire, a fresh scratch directory removed on exit,
# SOURCE_DATE_EPOCH=1700000000 and LC_ALL=C.UTF-8.

if [ -z "${TOP:-}" ]; then
	TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fi
export TOP
# BUILD may be relative to the repository, as the Makefile passes it.
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
export BUILD
# QUIRE may be relative to the folder the script was started from.
QUIRE=$(realpath -m "${QUIRE:-$BUILD/quire}")
export QUIRE
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export LC_ALL=${LC_ALL:-C.UTF-8}
if [ -z "${TMPROOT:-}" ]; then
	TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/quire-test.XXXXXX")
	export TMPROOT
	trap 'rm -rf "$TMPROOT"' EXIT
else
	mkdir -p "$TMPROOT"
fi
# No test reaches the internet: remote images come only from a cache of
# the test's own (tests/t/remote.sh lifts this for its local server).
export QUIRE_OFFLINE=1
export XDG_CACHE_HOME=$TMPROOT/cache

# pdfua_exempt FILE WHY: FILE is a PDF this script makes untagged or
# broken on purpose; the check of every PDF the suite makes (tests/run
# with PDFUA_ALL=1) leaves it out and says why.  Any other PDF left
# under $TMPROOT when the script ends is checked with tests/pdfua.py.
pdfua_exempt() {
	printf '%s\t%s\n' "$(realpath -m "$1")" "$2" >>"$TMPROOT/pdfua-exempt"
}

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: ${2:-}"; }
# skip NAME WHY : a check not made, and why.  Only for what is genuinely
# optional (a font that is not installed, a sanitizer build); a missing
# validator that scripts/install-deps installs is a FAIL.
skip() { echo "SKIP $1: ${2:-}"; }
# check NAME COMMAND... : PASS when the command succeeds.
check() {
	local name=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "$*"; fi
}
# same NAME GOT WANT : PASS when the two strings are equal.
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
# expect NAME STATUS COMMAND... : PASS when the command exits with
# STATUS; its output is left in $T/out and $T/err.
expect() {
	local name=$1 want=$2; shift 2
	"$@" >"${T:?}/out" 2>"$T/err"
	local rc=$?
	[ $rc -eq "$want" ] && pass "$name" ||
		fail "$name" "exit $rc, wanted $want: $(head -c 200 "$T/err")"
}
# scratch NAME : a fresh directory under $TMPROOT.
scratch() { local d="$TMPROOT/$1"; rm -rf "$d"; mkdir -p "$d"; echo "$d"; }
# need NAME TOOL... : true when every TOOL is installed; otherwise a FAIL
# for the check NAME (they all come with scripts/install-deps).
need() {
	local name=$1 t miss=""; shift
	for t; do command -v "$t" >/dev/null 2>&1 || miss="$miss $t"; done
	[ -z "$miss" ] && return 0
	fail "$name" "not installed:$miss (scripts/install-deps)"
	return 1
}
# ttf_for HEX : is a TrueType .ttf with U+HEX installed?
ttf_for() {
	fc-list --format '%{file}|%{fontformat}\n' ":charset=$1" 2>/dev/null |
	    grep -q '\.ttf|TrueType$'
}
# a4_style FILE : a style with known margins for the position checks:
# A4 paper, 20 mm all round (56.69 pt).
a4_style() {
	printf 'pdf:\n  paper: a4\n  margin: { top: 20mm, bottom: 20mm, left: 20mm, right: 20mm }\n' >"$1"
}
# locked COMMAND... : run COMMAND holding the suite's lock on $TOP/.cache,
# so scripts running side by side do not install the same npm package
# into .cache/ at once.
locked() {
	mkdir -p "$TOP/.cache"
	flock "$TOP/.cache/.setup.lock" "$@"
}

# ---- validators used by several scripts ----------------------------------
# qpdf_ok PDF : qpdf --check finds no error and no warning; otherwise
# prints what it found.
qpdf_ok() {
	local out
	out=$(qpdf --check "$1" 2>&1)
	if [ $? -eq 0 ] && ! grep -qi 'warning' <<<"$out"; then return 0; fi
	grep -i -m2 'warn\|error' <<<"$out" || head -2 <<<"$out"
	return 1
}
# mandoc_lint PAGE, groff_lint PAGE : print what mandoc -Tlint -W style,
# and groff -ww, say about a man page (nothing when it is clean).
mandoc_lint() { mandoc -Tlint -W style "$1" 2>&1; }
groff_lint() { groff -t -man -ww -z "$1" 2>&1; }

# epubcheck_all BOOK.epub... : EPUBCheck over every book in one JVM
# (tests/epubcheck.java), the log of BOOK.epub in BOOK.epubcheck.  One JVM
# start and one loading of the schemas for all of them: a JVM a book cost
# 4 to 8 s of CPU each.  Falls back to one `epubcheck` run a book when
# the batch cannot start.
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/bin/epubcheck}
epubcheck_all() {
	local b args=()
	[ $# -gt 0 ] || return 0
	for b; do args+=("$b" "${b%.epub}.epubcheck"); rm -f "${b%.epub}.epubcheck"; done
	if ! java -Xss1024k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
	    -cp "$EPUBCHECK_JAR" "$TOP/tests/epubcheck.java" "${args[@]}" \
	    >"$TMPROOT/epubcheck-batch.log" 2>&1; then
		for b; do
			java -Xss1024k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
			    -Xshare:auto -jar "$EPUBCHECK_JAR" "$b" \
			    >"${b%.epub}.epubcheck" 2>&1
			echo "exit $?" >>"${b%.epub}.epubcheck"
		done
	fi
}
# epubcheck_clean BOOK.epub : true when the log epubcheck_all left for
# BOOK reports nothing at all (no fatal, error, warning nor info);
# otherwise prints the first messages, on one line.
epubcheck_clean() {
	local log="${1%.epub}.epubcheck" why
	[ -f "$log" ] && grep -q "No errors or warnings detected" "$log" &&
	    grep -q "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" "$log" &&
	    grep -qx 'exit 0' "$log" && return 0
	if [ -f "$log" ]; then
		why=$(grep -E '^(ERROR|WARNING|FATAL|INFO|USAGE)|Exception|not found' "$log" | head -3)
		echo "${why:-$(tail -3 "$log")}" | tr '\n' ' ' | head -c 400
	else
		echo "not checked: $(tail -3 "$TMPROOT/epubcheck-batch.log" 2>/dev/null | tr '\n' ' ')"
	fi
	return 1
}
# epubcheck_verdict NAME BOOK.epub : PASS "epubcheck NAME" when BOOK is
# clean, FAIL with its first messages otherwise.
epubcheck_verdict() {
	local why
	if why=$(epubcheck_clean "$2"); then pass "epubcheck $1"
	else fail "epubcheck $1" "$why"; fi
}
