# SPDX-License-Identifier: GPL-3.0-or-later
# The PDF's peak memory on a code-heavy reference (issue 36): the layout
# is freed page by page as the pages are drawn (src/pdf/layout/
# release.c), its vertical lists once the pages are made, and code lines
# and table cells hold no spare room.  Before that the peak was 65 times
# the input's size (240 MB for 3.7 MB), the layout all held while
# libharu's objects grew; then about 51 times.  The tagged PDF's
# structure in fixed records (src/pdf/tag.c: 32 MB of small arrays
# before), the file saved straight into one buffer and libharu's
# objects freed as they are written (harusave.c) made it about 44 times
# (-j 1) and 45 (-j 2); the peak is now the end of the layout.  Pages
# given their placements as pagination goes (page.c), rows' cells
# released once placed and entries packed (vlist.h) made it 42 and 43.5.
# The bound is 43 times on one thread, which the build before these
# (43.9) fails; on two, where a second layout thread's memory is in
# another malloc arena and the peak moves with the threads' timing (up
# to 44.7 times under load), 45.5.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
S=$(scratch pdf-memory)

case $QUIRE in *-san*)
	skip "pdf memory" "sanitizers keep freed memory and shadow it"
	exit 0 ;;
esac
if [ ! -x /usr/bin/time ]; then
	fail "pdf memory" "no /usr/bin/time (scripts/install-deps test)"
	exit 0
fi
perl tests/bench/gen-code >"$S/ref.md" || { fail "pdf memory" "gen-code"; exit 0; }
size=$(wc -c <"$S/ref.md")

for j in 1 2; do
	if ! /usr/bin/time -f '%M' -o "$S/j$j.mem" "$QUIRE" -j "$j" -t pdf \
	    -o "$S/j$j.pdf" "$S/ref.md" >"$S/j$j.err" 2>&1; then
		fail "pdf memory -j $j" "$(head -c 300 "$S/j$j.err")"
		continue
	fi
	kb=$(tail -n 1 "$S/j$j.mem")
	bound=43
	[ "$j" = 2 ] && bound=45.5
	if awk -v k="$kb" -v s="$size" -v b="$bound" \
	    'BEGIN { exit !(k * 1024 <= b * s) }'
	then
		pass "pdf memory -j $j: $((kb / 1024)) MB for $((size / 1024)) kB"
	else
		fail "pdf memory -j $j" "peak $((kb / 1024)) MB for \
$((size / 1024)) kB of Markdown, over $bound times its size"
	fi
done
