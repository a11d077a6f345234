# Pathological input (issue 8): every file tests/hostile/gen writes must
# end within a generous, size-proportional time, either with status 0 and
# valid output in every format, or (files named err-*) with status 2, a
# "quire:" message and no output at all.  Nothing may crash or hang.
#
# Outputs are validated cheaply: mandoc -Tlint on the man page, unzip -t
# and a well-formedness check of every XHTML with xmllint at its default
# limits (what a reader's XML parser accepts) on the EPUB, qpdf --check on
# the PDF.  A format whose emitter is still a placeholder is a SKIP.
#
# HOSTILE_FACTOR multiplies the time limits (default 1; 6 for a binary
# built with sanitizers, whose path contains "-san").  HOSTILE_ONLY=REGEX
# runs only the inputs whose name matches.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch hostile)
"$TOP/tests/hostile/gen" "$T/in" || { fail "hostile: generator" "tests/hostile/gen failed"; exit 0; }

case $QUIRE in *-san*) factor=${HOSTILE_FACTOR:-6} ;; *) factor=${HOSTILE_FACTOR:-1} ;; esac

# Which emitters exist: a placeholder says "not built yet".
printf '# Probe\n\ntext\n' >"$T/probe.md"
formats=""
for f in man epub pdf; do
	if "$QUIRE" -q -t $f -o "$T/probe.$f" "$T/probe.md" 2>"$T/probe.err"; then
		formats="$formats,$f"
	elif grep -q 'not built yet' "$T/probe.err"; then
		skip "hostile: $f output" "the $f emitter is not built yet"
	else
		formats="$formats,$f"	# broken, not absent: let the cases fail
	fi
done
formats=${formats#,}
[ -n "$formats" ] || { fail "hostile: no emitter"; exit 0; }
need "hostile: validators installed" mandoc unzip xmllint qpdf

# valid_man/epub/pdf NAME FILE : print nothing when FILE is valid.
valid_man() {
	mandoc -Tlint -W warning "$2" 2>&1 | head -3
}
valid_epub() {
	local x="$T/x/$1" f
	unzip -tq "$2" >/dev/null 2>&1 || { echo "unzip -t failed"; return; }
	rm -rf "$x"; mkdir -p "$x"
	(cd "$x" && unzip -q "$2")
	# One xmllint for all files: a book may have thousands of chapters.
	find "$x" -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' |
	    xargs -r xmllint --noout 2>&1 | head -2
	rm -rf "$x"
}
valid_pdf() {
	qpdf_ok "$2"
}

for in in "$T"/in/*.md; do
	name=$(basename "$in" .md)
	[ -n "${HOSTILE_ONLY:-}" ] && ! [[ $name =~ $HOSTILE_ONLY ]] && continue
	size=$(wc -c <"$in")
	# 20 s, plus 20 s per MiB of input, times the factor: generous, as
	# the machine may be busy (today the slowest case, 20 000 table rows
	# in 690 KB, takes 8 s).
	limit=$(( (20 + size * 20 / 1048576) * factor ))
	out="$T/out/$name"
	mkdir -p "$out"
	start=$(date +%s%N)
	timeout -k 5 "$limit" "$QUIRE" -q -t "$formats" -o "$out" "$in" \
	    >"$T/stdout" 2>"$T/err"
	rc=$?
	secs=$(( ($(date +%s%N) - start) / 1000000 ))
	secs="$((secs / 1000)).$(printf %03d $((secs % 1000)))s"
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "hostile $name: ends in time" "killed after ${limit}s (input $size bytes)"
		continue
	fi
	if [ $rc -gt 128 ]; then
		fail "hostile $name: no crash" "killed by signal $((rc - 128)): $(head -c 300 "$T/err")"
		continue
	fi
	pass "hostile $name: ends in time ($secs, limit ${limit}s)"
	if grep -q 'runtime error\|Sanitizer' "$T/err"; then
		fail "hostile $name: sanitizers quiet" "$(grep -m1 'runtime error\|Sanitizer' "$T/err")"
		continue
	fi
	case $name in
	err-*)
		[ $rc -eq 2 ] && pass "hostile $name: input error, status 2" ||
			fail "hostile $name: input error, status 2" "exit $rc: $(head -c 200 "$T/err")"
		grep -q '^quire: ' "$T/err" && pass "hostile $name: quire: message" ||
			fail "hostile $name: quire: message" "stderr: $(head -c 200 "$T/err")"
		[ -z "$(ls -A "$out")" ] && pass "hostile $name: no output" ||
			fail "hostile $name: no output" "$(ls -A "$out" | head -3 | tr '\n' ' ')"
		continue
		;;
	esac
	if [ $rc -ne 0 ]; then
		fail "hostile $name: publishes" "exit $rc: $(head -c 300 "$T/err")"
		continue
	fi
	pass "hostile $name: publishes"
	for f in ${formats//,/ }; do
		case $f in
		man) file=$(ls "$out"/*.[1-9]* 2>/dev/null | head -1) ;;
		*) file="$out/$name.$f" ;;
		esac
		if [ ! -s "$file" ]; then
			fail "hostile $name: $f output" "missing or empty"
			continue
		fi
		msg=$(valid_$f "$name" "$file")
		[ -z "$msg" ] && pass "hostile $name: valid $f" ||
			fail "hostile $name: valid $f" "$(echo "$msg" | head -3 | tr '\n' ' ' | head -c 300)"
	done
	ls -A "$out" | grep -q '^\.' && fail "hostile $name: no temporary files" "$(ls -A "$out" | tr '\n' ' ')"
	rm -rf "$out"
done
exit 0
