# The CommonMark spec examples (npm package commonmark-spec) as a
# no-crash, valid-output corpus: every example through all three formats
# (each must exit 0, its man page lint-clean), and every spec section as
# one document through the full validators.
. "$TOP/tests/lib.sh"
cd "$TOP"
T=$(scratch spec)
mod=.cache/npm/node_modules/commonmark-spec
if [ ! -f "$mod/spec.txt" ]; then
	npm install --silent --ignore-scripts --no-audit --no-fund \
	    --prefix .cache/npm commonmark-spec >/dev/null 2>&1 ||
	    { fail "spec: npm install commonmark-spec"; exit 0; }
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
	l=$(mandoc -Tlint -W style "$o/$n.7" 2>&1)
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

# Each section as one document, through every validator.
for f in "$T"/sec-*.md; do
	n=$(basename "$f" .md)
	o="$T/sec-out-$n"
	mkdir -p "$o"
	if ! "$QUIRE" -q -o "$o" "$f" 2>"$o/err"; then
		fail "spec $n publishes" "$(head -c 200 "$o/err")"
		continue
	fi
	msgs=$( { mandoc -Tlint -W style "$o/$n.7"
		groff -t -man -ww -z "$o/$n.7"
		qpdf --check "$o/$n.pdf" >/dev/null 2>&1 || echo "qpdf --check: exit $?"
		pdftotext "$o/$n.pdf" /dev/null
		java -jar /usr/bin/epubcheck -q "$o/$n.epub"
	} 2>&1 | grep -v '^$')
	[ -z "$msgs" ] && pass "spec $n: validators clean" ||
		fail "spec $n: validators clean" "$(head -3 <<<"$msgs" | tr '\n' ' ')"
done
