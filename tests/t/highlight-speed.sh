# SPDX-License-Identifier: GPL-3.0-or-later
# Highlighting costs time in proportion to the code, not to the square of
# a line's length (issue 36, src/read/highlight_pcre.cc).  Source-highlight
# searches the rest of the line with every rule after every token; quire
# remembers each rule's last search on the line.  The same C tokens are
# highlighted as 640 lines of about 450 bytes and as 6,400 lines of
# about 45: the long lines may cost at most 2.5 times the short ones in
# CPU time (about 1.1 now; about 5 with the library's own matching).
# Also: the tokens are the same either way (the EPUB's code spans).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
S=$(scratch highlight-speed)

# gen PER : the tokens, PER to a line, as one C block.
gen() {
	awk -v per="$1" 'BEGIN {
		seed = 1; printf "# Dense\n\n```c\n"
		for (i = 0; i < 19200; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			printf "v%d=w%d+%d*x;", seed % 1000, int(seed / 1000) % 1000,
			    int(seed / 7) % 100
			if ((i + 1) % per == 0) printf "\n"
		}
		printf "```\n"
	}'
}
gen 30 >"$S/long.md"
gen 3 >"$S/short.md"

# cpu NAME : CPU seconds (user + system) of an EPUB of NAME.md.
cpu() {
	/usr/bin/time -f '%U %S' -o "$S/$1.time" \
	    "$QUIRE" -j 1 -t epub -o "$S/$1" "$S/$1.md" >"$S/$1.err" 2>&1 ||
		{ echo fail; return; }
	awk '{ printf "%.2f\n", $1 + $2 }' "$S/$1.time"
}

if [ ! -x /usr/bin/time ]; then
	skip "highlight speed: long lines" "no /usr/bin/time"
	exit 0
fi
long=$(cpu long)
short=$(cpu short)
if [ "$long" = fail ] || [ "$short" = fail ]; then
	fail "highlight speed: long lines" "$(head -c 300 "$S/long.err" "$S/short.err")"
elif awk -v l="$long" -v s="$short" 'BEGIN { exit !(l <= 2.5 * (s + 0.05)) }'; then
	pass "highlight speed: long lines cost as short ones (${long}s, ${short}s)"
else
	fail "highlight speed: long lines cost as short ones" \
	    "${long}s of CPU for long lines, ${short}s for the same tokens in short lines"
fi

# The long lines were highlighted (none over the library's line limit),
# with as many keyword-free spans as the short ones: the same tokens.
spans() {
	unzip -p "$S/$1" 'EPUB/*.xhtml' 2>/dev/null |
	    grep -o '<span class="hl-[a-z-]*"' | sort | uniq -c
}
if [ -n "$(spans long)" ] && [ "$(spans long)" = "$(spans short)" ]; then
	pass "highlight speed: the same spans either way"
else
	fail "highlight speed: the same spans either way" "$(spans long | head -5)"
fi
