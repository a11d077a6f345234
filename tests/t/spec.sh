# SPDX-License-Identifier: GPL-3.0-or-later
# The CommonMark spec examples (npm package commonmark-spec) as a
# no-crash, valid-output corpus: every example through all three formats
# (each must exit 0, its man page lint-clean), every spec section as
# one document through the full validators, and all the examples as the
# chapters of one EPUB through epubcheck.  commonmark-spec comes from npm
# into .cache/npm (once; under lib.sh's lock, as scripts run side by
# side).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch spec)
mod=.cache/npm/node_modules/commonmark-spec
if [ ! -f "$mod/spec.txt" ]; then
	locked sh -c '[ -f "$1/spec.txt" ] || npm install --silent --ignore-scripts \
	    --no-audit --no-fund --prefix .cache/npm commonmark-spec' sh "$mod" \
	    >/dev/null 2>&1 || { fail "spec: npm install commonmark-spec"; exit 0; }
fi
SPEC_MODULE=$PWD/$mod node tests/spec/extract.js "$T" >/dev/null ||
	{ fail "spec: extract examples"; exit 0; }

# Each example alone.  Grouped by hundreds so a failure names a range.
for f in "$T"/ex-*.md; do
	n=$(basename "$f" .md)
	o="$T/out-$n"
	mkdir -p "$o"
	timeout 20 "$QUIRE" -q -o "$o" "$f" >/dev/null 2>"$o/err"
	rc=$?
	grp=${n:3:1}
	if [ $rc -ne 0 ]; then
		echo "$n exit $rc: $(head -c 150 "$o/err")" >>"$T/bad-$grp"
		continue
	fi
	l=$(mandoc_lint "$o/$n.7")
	[ -n "$l" ] && echo "$n mandoc: ${l:0:150}" >>"$T/bad-$grp"
done
for grp in 0 1 2 3 4 5 6; do
	name="spec examples ${grp}00-${grp}99: all formats exit 0, man lint-clean"
	[ -e "$T/ex-${grp}00.md" ] || [ -e "$T/ex-${grp}01.md" ] || continue
	if [ -s "$T/bad-$grp" ]; then
		fail "$name" "$(wc -l <"$T/bad-$grp") bad, first: $(head -1 "$T/bad-$grp")"
	else
		pass "$name"
	fi
done

# Each section as one document, through every validator; epubcheck
# over all of them (and the book below) at once, in one JVM.
secs=() books=()
for f in "$T"/sec-*.md; do
	n=$(basename "$f" .md)
	o="$T/sec-out-$n"
	mkdir -p "$o"
	if ! "$QUIRE" -q -o "$o" "$f" 2>"$o/err"; then
		fail "spec $n publishes" "$(head -c 200 "$o/err")"
		continue
	fi
	{ mandoc_lint "$o/$n.7"
		groff_lint "$o/$n.7"
		q=$(qpdf_ok "$o/$n.pdf") || echo "qpdf --check: ${q:-failed}"
		pdftotext "$o/$n.pdf" /dev/null
	} 2>&1 | grep -v '^$' >"$o/msgs"
	secs+=("$n") books+=("$o/$n.epub")
done

# All the examples as the chapters of one book: one epubcheck run covers
# every construct the spec knows, side by side.
book=
if (cd "$T" && "$QUIRE" -q -t epub -o "$T/spec-book.epub" ex-*.md 2>"$T/spec-book.err"); then
	pass "build spec examples ($(ls "$T"/ex-*.md | wc -l) files as one book)"
	book=$T/spec-book.epub books+=("$book")
else
	fail "build spec examples" "$(head -c 300 "$T/spec-book.err")"
fi

epubcheck_all "${books[@]}"
for n in "${secs[@]}"; do
	o="$T/sec-out-$n"
	why=$(epubcheck_clean "$o/$n.epub") || echo "epubcheck: $why" >>"$o/msgs"
	[ ! -s "$o/msgs" ] && pass "spec $n: validators clean" ||
		fail "spec $n: validators clean" "$(head -3 "$o/msgs" | tr '\n' ' ')"
done
[ -z "$book" ] || epubcheck_verdict "spec examples book" "$book"
