#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/keep.sh - a heading never ends a page.  Two headings in a row
# are moved down the page in small steps (body lines, then a listing's
# shorter lines) until they meet the page's foot; at no step may a page
# end on either heading, and the text under them must follow them.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
S=$(scratch keep)
need "keep tools" pdftotext pdfinfo || exit 0

# doc N M: N one-line paragraphs, a listing of M lines, two headings
doc() {
	local i
	for ((i = 1; i <= $1; i++)); do
		printf 'Filler paragraph number %d, one short line of text.\n\n' "$i"
	done
	if [ "$2" -gt 0 ]; then
		echo '```'
		for ((i = 1; i <= $2; i++)); do echo "code line $i"; done
		printf '```\n\n'
	fi
	printf '### Alpha heading\n\n### Beta heading\n\n'
	printf 'The text under both headings.\n'
}

stranded="" tried=0
for n in 28 29 30 31 32 33; do
	for m in 0 1 2 3 4 5 6 7 8; do
		doc "$n" "$m" >"$S/d.md"
		if ! "$QUIRE" -q -t pdf -o "$S/d.pdf" "$S/d.md" 2>"$S/err"; then
			fail "keep-publish:$n-$m" "$(head -c 200 "$S/err")"
			continue
		fi
		tried=$((tried + 1))
		pages=$(pdfinfo "$S/d.pdf" | awk '/^Pages:/ { print $2 }')
		for ((p = 1; p <= pages; p++)); do
			# The page's last line of text, its folio (N/M) left out.
			last=$(pdftotext -f "$p" -l "$p" -layout "$S/d.pdf" - |
			    grep -v '^[[:space:]]*$' |
			    grep -Ev '^[[:space:]]*[0-9]+/[0-9]+[[:space:]]*$' |
			    tail -1 | sed 's/^ *//; s/ *$//')
			case $last in
			"Alpha heading" | "Beta heading")
				stranded="$stranded $n+$m:p$p" ;;
			esac
		done
		# Nothing lost, nothing out of order.
		order=$(pdftotext "$S/d.pdf" - | tr -d '\f' | grep -E '^(Alpha|Beta|The text)' |
		    tr '\n' '|')
		[ "$order" = "Alpha heading|Beta heading|The text under both headings.|" ] ||
			stranded="$stranded $n+$m:order"
	done
done
if [ -z "$stranded" ] && [ "$tried" -eq 54 ]; then
	pass "keep-headings-with-text ($tried layouts)"
else
	fail "keep-headings-with-text" "a page ends on a heading:$stranded"
fi
