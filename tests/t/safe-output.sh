# SPDX-License-Identifier: GPL-3.0-or-later
# Safe output (issue 8): an unwritable destination is exit 3 with a
# "quire:" message and no debris; a failing run (bad input, a write error,
# a full disk, an emitter failing, a signal) leaves the previous outputs
# byte-identical and no ".NAME.XXXXXX" temporary files; output names never
# escape the output directory.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch safe-output)
SRC=content/ai-engineer.md

has_msg() {	# name : stderr has a "quire: " message
	grep -q '^quire: ' "$T/err" && pass "$1: quire: message" ||
		fail "$1: quire: message" "stderr: $(head -c 200 "$T/err")"
}
no_debris() {	# name, dir : no temporary files left in dir
	local left
	left=$(ls -A "$2" 2>/dev/null | grep '^\.' | head -3 | tr '\n' ' ')
	[ -z "$left" ] && pass "$1: no temporary files" || fail "$1: no temporary files" "$left"
}
sums() { (cd "$1" && ls -A | sort | xargs -r md5sum); }
unchanged() {	# name, dir : same files and bytes as $T/before
	sums "$2" >"$T/after"
	cmp -s "$T/before" "$T/after" && pass "$1: previous outputs byte-identical" ||
		fail "$1: previous outputs byte-identical" "$(diff "$T/before" "$T/after" | head -4 | tr '\n' ' ')"
}

# ---- unwritable destinations ----
# The suite may run as root, so permissions alone cannot make a
# directory unwritable: use paths no one can create.
touch "$T/plainfile"
expect "output dir under a regular file exits 3" 3 "$QUIRE" -q -o "$T/plainfile/out" "$SRC"
has_msg "output dir under a regular file"
[ ! -e "$T/plainfile/out" ] && [ "$(ls -A "$T" | grep -c '^\.')" = 0 ] &&
	pass "output dir under a regular file: no debris" || fail "output dir under a regular file: no debris"
expect "output file under a regular file exits 3" 3 "$QUIRE" -q -t man -o "$T/plainfile/x.7" "$SRC"
has_msg "output file under a regular file"
expect "output dir in /proc exits 3" 3 "$QUIRE" -q -o /proc/quire-test-out "$SRC"
has_msg "output dir in /proc"
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$T/ro" && chmod 555 "$T/ro"
	expect "read-only directory exits 3" 3 "$QUIRE" -q -o "$T/ro" "$SRC"
	has_msg "read-only directory"
	no_debris "read-only directory" "$T/ro"
	chmod 755 "$T/ro"
elif command -v setpriv >/dev/null; then
	# Root may write anywhere: the same checks as the user nobody, with
	# a copy of the binary and the input in a folder nobody can reach.
	R=$(mktemp -d /tmp/quire-ro.XXXXXX)
	chmod 755 "$R"
	mkdir "$R/ro" && chmod 555 "$R/ro"
	cp "$QUIRE" "$R/quire" && cp "$SRC" "$R/in.md" && chmod 755 "$R/quire" &&
	    chmod 644 "$R/in.md"
	expect "read-only directory exits 3" 3 timeout 60 setpriv --reuid=65534 \
	    --regid=65534 --clear-groups "$R/quire" -q -o "$R/ro" "$R/in.md"
	has_msg "read-only directory"
	no_debris "read-only directory" "$R/ro"
	rm -rf "$R"
else
	for c in "read-only directory exits 3" "read-only directory: quire: message" \
	    "read-only directory: no temporary files"; do
		skip "$c" "running as root without setpriv, who may write anywhere"
	done
fi
# An output path that is a directory of the output's own name.
D="$T/dirclash"
mkdir -p "$D/ai-engineer.7"
expect "output name taken by a directory exits 3" 3 "$QUIRE" -q -o "$D" "$SRC"
has_msg "output name taken by a directory"
no_debris "output name taken by a directory" "$D"
[ ! -e "$D/ai-engineer.pdf" ] && [ ! -e "$D/ai-engineer.epub" ] &&
	pass "output name taken by a directory: no format committed" ||
	fail "output name taken by a directory: no format committed" "$(ls "$D" | tr '\n' ' ')"

# ---- failing runs keep the previous outputs ----
D="$T/keep"
mkdir -p "$D"
"$QUIRE" -q -o "$D" -M name=doc "$SRC" || fail "first publication" "exit $?"
sums "$D" >"$T/before"
[ "$(wc -l <"$T/before")" = 3 ] && pass "first publication: three outputs" ||
	fail "first publication: three outputs" "$(cat "$T/before")"

printf '# Changed\n\nnew text\n' >"$T/changed.md"
expect "bad second input exits 2" 2 "$QUIRE" -q -o "$D" -M name=doc "$T/changed.md" "$T/nosuch.md"
has_msg "bad second input"
unchanged "bad second input" "$D"
no_debris "bad second input" "$D"

printf -- '---\ntitle: [broken\n---\n' >"$T/broken-fm.md"
expect "broken front matter in a later file exits 2" 2 "$QUIRE" -q -o "$D" -M name=doc "$T/changed.md" "$T/broken-fm.md"
unchanged "broken front matter in a later file" "$D"

expect "bad style exits 2" 2 "$QUIRE" -q -o "$D" -M name=doc -s "$T/nosuch.yaml" "$T/changed.md"
unchanged "bad style" "$D"
no_debris "bad style" "$D"

# A write error part-way: the file size limit stops the largest output
# (the PDF) while the small ones fit, so one emitter's write fails after
# the others succeeded: nothing may be committed.  300 ideographs make
# the PDF's font subset some 40 kB, and the EPUB and man page 8 and 12.
python3 -c "print('# Changed\n\n' + ''.join(chr(0x4E00 + i) for i in range(0, 600, 2)))" >"$T/bigpdf.md"
( trap '' XFSZ; ulimit -f 24; exec "$QUIRE" -q -o "$D" -M name=doc "$T/bigpdf.md" ) >"$T/stdout" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && pass "write error (file size limit) exits 3" ||
	fail "write error (file size limit) exits 3" "exit $rc: $(head -c 200 "$T/err")"
has_msg "write error (file size limit)"
unchanged "write error (file size limit)" "$D"
no_debris "write error (file size limit)" "$D"

# A full disk on standard output: a full device of the suite's own (it
# never touches the machine's /dev) fails every write.
F="$T/fulldev"
mkdir -p "$F"
if mknod "$F/full" c 1 7 2>/dev/null; then
	"$QUIRE" -q -t man -o - "$SRC" >"$F/full" 2>"$T/err"
	rc=$?
	[ $rc -eq 3 ] && pass "full disk on stdout exits 3" || fail "full disk on stdout exits 3" "exit $rc"
	has_msg "full disk on stdout"
	grep -q 'No space left on device' "$T/err" &&
		pass "full disk on stdout: the reason is given" ||
		fail "full disk on stdout: the reason is given" "$(cat "$T/err")"
	"$QUIRE" -q -t pdf -o "$F/full" "$SRC" 2>"$T/err"
	grep -q 'cannot write the PDF: No space left on device' "$T/err" &&
		pass "full disk for the PDF: the reason is given" ||
		fail "full disk for the PDF: the reason is given" "$(cat "$T/err")"
else
	for c in "full disk on stdout exits 3" "full disk on stdout: quire: message" \
	    "full disk on stdout: the reason is given" "full disk for the PDF: the reason is given"; do
		skip "$c" "mknod needs root"
	done
fi

# An emitter failing: a style naming a font file that is not TrueType
# may or may not fail depending on the emitter; force a failure through
# the output instead: the man page's name is taken by a directory while
# PDF and EPUB succeed.
mkdir -p "$D/doc.7.d"
rm -rf "$T/keep2" && cp -a "$D" "$T/keep2" && rmdir "$T/keep2/doc.7.d"
rm -f "$T/keep2/doc.7" && mkdir "$T/keep2/doc.7"
(cd "$T/keep2" && ls -A | sort | grep -v '^doc.7$' | xargs -r md5sum) >"$T/before2"
expect "one format failing exits 3" 3 "$QUIRE" -q -o "$T/keep2" -M name=doc "$T/changed.md"
(cd "$T/keep2" && ls -A | sort | grep -v '^doc.7$' | xargs -r md5sum) >"$T/after2"
cmp -s "$T/before2" "$T/after2" && pass "one format failing: the other formats keep their previous bytes" ||
	fail "one format failing: the other formats keep their previous bytes" "$(diff "$T/before2" "$T/after2" | head -4 | tr '\n' ' ')"
no_debris "one format failing" "$T/keep2"
rmdir "$D/doc.7.d"

# A signal during a run removes the temporary files.  Wait until a
# temporary file exists, so the signal really lands mid-run.
awk 'BEGIN { print "| n | word | text |"; print "|---:|:---:|---|";
	for (i = 0; i < 20000; i++) print "| " i " | w" i " | row text " i " |" }' >"$T/slow.md"
# A background job of a script starts with SIGINT ignored, and quire
# rightly keeps an ignored signal ignored: restore the default first.
for sig in TERM INT HUP; do
	env --default-signal=$sig "$QUIRE" -q -o "$D" -M name=doc "$T/slow.md" 2>"$T/err" &
	pid=$!
	seen=0
	for i in $(seq 300); do
		if ls -A "$D" | grep -q '^\.doc\.'; then seen=1; break; fi
		sleep 0.05
	done
	kill -$sig $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	rc=$?
	if [ $seen = 1 ]; then
		[ $rc -gt 128 ] && pass "SIG$sig mid-run: process ends by the signal" ||
			fail "SIG$sig mid-run: process ends by the signal" "exit $rc"
		no_debris "SIG$sig mid-run" "$D"
		unchanged "SIG$sig mid-run" "$D"
	else
		fail "SIG$sig mid-run" "no temporary file appeared (exit $rc)"
	fi
done

# --each keeps every document's outputs as temporary files until all are
# made: a signal with hundreds of them pending removes every one, and
# nothing is published.
D="$T/each-sig"
mkdir -p "$D/in" "$D/out"
awk 'BEGIN { for (i = 0; i < 300; i++) { f = sprintf("'"$D"'/in/d%03d.md", i);
	print "# Doc " i "\n\n| a | b |\n|---|---|" >f;
	for (r = 0; r < 300; r++) print "| " r " | row " r " |" >f; close(f) } }'
env --default-signal=TERM "$QUIRE" -q --each -j 1 -t man,epub -o "$D/out" "$D"/in/*.md 2>"$T/err" &
pid=$!
seen=0
for i in $(seq 600); do
	[ "$(find "$D/out" -name '.*' -type f | wc -l)" -ge 250 ] && { seen=1; break; }
	kill -0 $pid 2>/dev/null || break
	sleep 0.02
done
kill -TERM $pid 2>/dev/null
{ wait $pid; } 2>/dev/null
rc=$?
if [ $seen = 1 ]; then
	[ $rc -gt 128 ] && [ -z "$(find "$D/out" -type f)" ] &&
		pass "--each: SIGTERM with 250 temporary files pending removes them all" ||
		fail "--each: SIGTERM with 250 temporary files pending removes them all" \
		    "exit $rc, $(find "$D/out" -type f | wc -l) files left"
else
	fail "--each: SIGTERM with 250 temporary files pending removes them all" \
	    "never 250 pending (exit $rc): outputs renamed document by document"
fi

# ---- names stay in the output directory ----
D="$T/names"
mkdir -p "$D/sub"
for bad in ../evil ../../evil /tmp/evil a/b .. . .hidden 'x/../../y' ''; do
	expect "-M name=\"$bad\" refused" 1 "$QUIRE" -q -o "$D/sub" -M "name=$bad" "$SRC"
	printf -- '---\nname: "%s"\n---\nbody\n' "$bad" >"$T/name.md"
	expect "front matter name \"$bad\" refused" 2 "$QUIRE" -q -o "$D/sub" "$T/name.md"
done
for bad in '1/../../x' '../1' '7 x' ''; do
	expect "-M section=\"$bad\" refused" 1 "$QUIRE" -q -o "$D/sub" -M "section=$bad" "$SRC"
done
[ -z "$(ls -A "$D/sub")" ] && [ "$(ls -A "$D")" = sub ] && [ ! -e "$T/evil.pdf" ] && [ ! -e /tmp/evil.pdf ] &&
	pass "refused names wrote nothing anywhere" || fail "refused names wrote nothing anywhere" "$(ls -A "$D" "$D/sub" | tr '\n' ' ')"
# A file name that would make a hidden or empty output name.
printf '# Dots\n\nbody\n' >"$T/..md"
expect "input named ..md refused" 2 "$QUIRE" -q -o "$D/sub" "$T/..md"
has_msg "input named ..md"
# Odd but harmless names stay inside the directory.
expect "name with spaces and quotes publishes" 0 "$QUIRE" -q -o "$D/sub" -M 'name=a b"c'"'"'d' "$SRC"
[ -f "$D/sub/a b\"c'd.pdf" ] && [ -f "$D/sub/a b\"c'd.7" ] && pass "odd name stays in the directory" ||
	fail "odd name stays in the directory" "$(ls -A "$D/sub" | tr '\n' ' ')"
# A new output is readable by others (mkstemp makes 0600 files).
D="$T/mode"
mkdir -p "$D"
expect "new output publishes" 0 timeout 30 "$QUIRE" -q -t man -o "$D" -M name=doc "$SRC"
perm=$(stat -c %a "$D/doc.7")
[ "$perm" = 644 ] && pass "output mode follows the umask (644)" || fail "output mode follows the umask (644)" "mode $perm"

# ---- what -o names is written, never replaced by something else ----
# A replaced regular file keeps its mode: a private output stays private.
for m in 600 640; do
	echo old >"$D/doc.7" && chmod $m "$D/doc.7"
	expect "output of mode $m replaced" 0 timeout 30 "$QUIRE" -q -t man -o "$D" -M name=doc "$SRC"
	same "output of mode $m keeps its mode" "$(stat -c %a "$D/doc.7")" $m
	grep -q '^\.TH' "$D/doc.7" && pass "output of mode $m holds the new page" ||
		fail "output of mode $m holds the new page"
done
# A symbolic link is written through: its target gets the new page
# (atomically, in the target's folder), and the link stays a link.
D="$T/link"
mkdir -p "$D" "$T/real"
echo old >"$T/real/doc.7"
ln -s ../real/doc.7 "$D/doc.7"
ln -s "$T/real/abs.7" "$D/abs.7"
ln -s "$D/abs.7" "$D/twice.7"
expect "symlinked output publishes" 0 timeout 30 "$QUIRE" -q -t man -o "$D" -M name=doc "$SRC"
[ -L "$D/doc.7" ] && grep -q '^\.TH' "$T/real/doc.7" &&
	pass "symlink at the output name written through, link kept" ||
	fail "symlink at the output name written through, link kept" "$(ls -l "$D" "$T/real" | tr '\n' ' ')"
expect "-o a chain of two links (the last dangling) publishes" 0 timeout 30 "$QUIRE" -q -t man -o "$D/twice.7" "$SRC"
[ -L "$D/twice.7" ] && [ -L "$D/abs.7" ] && grep -q '^\.TH' "$T/real/abs.7" &&
	pass "a chain of links: the last target made, links kept" ||
	fail "a chain of links: the last target made, links kept" "$(ls -l "$D" "$T/real" | tr '\n' ' ')"
[ -z "$(ls -A "$D" "$T/real" | grep '^\.')" ] && pass "symlinked outputs: no temporary files" ||
	fail "symlinked outputs: no temporary files" "$(ls -A "$D" "$T/real" | tr '\n' ' ')"
# Devices, FIFOs and /dev/stdout are written directly.  The suite never
# touches the machine's own /dev: these are nodes of its own, made here.
D="$T/dev"
mkdir -p "$D"
chmod 755 "$D"
if mknod "$D/null" c 1 3 2>/dev/null && mknod "$D/full" c 1 7 2>/dev/null; then
	chmod 666 "$D/null" "$D/full"
	expect "-o a character device (null) publishes" 0 timeout 30 "$QUIRE" -q -t man -o "$D/null" "$SRC"
	same "-o a character device: still that device" "$(stat -c '%F %t,%T' "$D/null")" "character special file 1,3"
	expect "-o a full device exits 3" 3 timeout 30 "$QUIRE" -q -t man -o "$D/full" "$SRC"
	has_msg "-o a full device"
	same "-o a full device: still that device" "$(stat -c '%F %t,%T' "$D/full")" "character special file 1,7"
else
	for c in "-o a character device (null) publishes" "-o a character device: still that device" \
	    "-o a full device exits 3" "-o a full device: quire: message" "-o a full device: still that device"; do
		skip "$c" "mknod needs root"
	done
fi
mkfifo "$D/fifo"
timeout 10 cat "$D/fifo" >"$T/fifo.out" &
reader=$!
expect "-o a FIFO publishes" 0 timeout 30 "$QUIRE" -q -t man -o "$D/fifo" "$SRC"
wait $reader
[ -p "$D/fifo" ] && cmp -s "$T/fifo.out" <(timeout 30 "$QUIRE" -q -t man -o - "$SRC") &&
	pass "-o a FIFO: the page went through it, still a FIFO" ||
	fail "-o a FIFO: the page went through it, still a FIFO" "$(ls -l "$D/fifo") $(wc -c <"$T/fifo.out")"
# A link like /dev/stdout, to this process's own descriptor.
ln -s /proc/self/fd/1 "$D/stdout"
timeout 30 "$QUIRE" -q -t man -o "$D/stdout" "$SRC" >"$T/stdout.out" 2>"$T/err"
rc=$?
[ $rc = 0 ] && [ -L "$D/stdout" ] && grep -q '^\.TH' "$T/stdout.out" &&
	pass "-o a link to /proc/self/fd/1 writes standard output" ||
	fail "-o a link to /proc/self/fd/1 writes standard output" "exit $rc, $(head -c 200 "$T/err")"
# As a normal user, who cannot make files in /dev, -o /dev/null and
# -o /dev/stdout work: here the folder is root's and the user is nobody.
# The folder is made straight under /tmp, so nobody can reach it.
D=$(mktemp -d /tmp/quire-nobody.XXXXXX)
chmod 755 "$D"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && mknod "$D/null" c 1 3 2>/dev/null; then
	chmod 666 "$D/null"
	ln -s /proc/self/fd/1 "$D/stdout"
	cp "$SRC" "$D/in.md" && chmod 644 "$D/in.md"
	# A copy of the binary nobody can reach, wherever the checkout is
	# (under /root, say); its style and stylesheet are built in.
	cp "$QUIRE" "$D/quire" && chmod 755 "$D/quire"
	as_nobody() { timeout 30 setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	as_nobody "$D/quire" -q -t man -o "$D/null" "$D/in.md" 2>"$T/err"
	rc=$?
	[ $rc = 0 ] && [ -c "$D/null" ] && pass "normal user: -o a null device publishes" ||
		fail "normal user: -o a null device publishes" "exit $rc, $(head -c 200 "$T/err")"
	out=$(as_nobody sh -c '"$1" -q -t man -o "$2" "$3" | grep -c "^\.TH"' sh "$D/quire" "$D/stdout" "$D/in.md" 2>"$T/err")
	same "normal user: -o a link to /proc/self/fd/1 writes standard output" "$out" 1
else
	skip "normal user: -o a null device publishes" "needs root (to make the device and become nobody)"
	skip "normal user: -o a link to /proc/self/fd/1 writes standard output" "needs root"
fi
rm -rf "$D"

# ---- two runs writing the same names at once ----
# A run renames its outputs into place holding a lock (flock) on their
# folder, so another run holding it makes this one wait with nothing
# renamed, and two runs at once leave one run's whole set.
D="$T/lock"
mkdir -p "$D"
printf '# Lock\n\nRUN-A text.\n' >"$T/runa.md"
printf '# Lock\n\nRUN-B text.\n' >"$T/runb.md"
exec {lockfd}<"$D"
flock -x $lockfd
timeout 60 "$QUIRE" -q -o "$D" -M name=doc "$T/runa.md" 2>"$T/err" &
pid=$!
waited=0
for i in $(seq 400); do
	kill -0 $pid 2>/dev/null || break
	# timeout's child is quire; its wchan names a flock wait.
	case $(cat /proc/$(pgrep -P $pid | head -1)/task/*/wchan 2>/dev/null) in *lock*) waited=1; break ;; esac
	sleep 0.05
done
[ $waited = 1 ] && [ -z "$(ls "$D")" ] && pass "a run waits for the folder's lock, nothing renamed" ||
	fail "a run waits for the folder's lock, nothing renamed" "$(ls "$D" | tr '\n' ' ')"
flock -u $lockfd
exec {lockfd}<&-
wait $pid
rc=$?
[ $rc = 0 ] && [ "$(ls "$D" | wc -l)" = 3 ] && pass "a waiting run publishes once the lock is free" ||
	fail "a waiting run publishes once the lock is free" "exit $rc: $(ls -A "$D" | tr '\n' ' ')"
mixed=0
for i in $(seq 15); do
	timeout 60 "$QUIRE" -q -o "$D" -M name=doc "$T/runa.md" &
	timeout 60 "$QUIRE" -q -o "$D" -M name=doc "$T/runb.md"
	wait
	set -- "$(grep -o 'RUN-[AB]' "$D/doc.7")" \
	    "$(unzip -p "$D/doc.epub" '*.xhtml' | grep -o 'RUN-[AB]' | head -1)" \
	    "$(pdftotext "$D/doc.pdf" - | grep -o 'RUN-[AB]')"
	[ "$1" = "$2" ] && [ "$2" = "$3" ] || mixed=$((mixed + 1))
done
same "two runs at once never mix their outputs (15 tries)" "$mixed" 0

# Out of memory while the PDF is being laid out (its temporary file is
# open by then): "quire: out of memory", exit 3 and no debris.  The
# address-space limit is swept, so some run fails in the parser, some in
# the emitter; at least one must report running out.  Sanitizers reserve
# terabytes of address space, so they cannot run under a limit.
case $QUIRE in *-san*)
	skip "out of memory reported" "a sanitizer build cannot run under an address-space limit"
	skip "out of memory: no temporary files" "a sanitizer build cannot run under an address-space limit"
	exit 0 ;;
esac
D="$T/oom"
mkdir -p "$D"
awk 'BEGIN { for (i = 0; i < 20000; i++) print "Paragraph " i " with words to lay out, *emphasis* and `code`.\n" }' >"$T/big.md"
ooms=0 debris=""
for kb in $(seq 60000 3000 180000); do
	(ulimit -v $kb; exec "$QUIRE" -q -t pdf -o "$D" "$T/big.md") 2>"$T/err" >/dev/null
	rc=$?
	if [ $rc -eq 3 ] && grep -q '^quire: out of memory' "$T/err"; then
		ooms=$((ooms + 1))
		debris="$debris$(ls -A "$D" | grep '^\.' | head -1)"
	fi
	[ $rc -eq 0 ] && break
done
[ $ooms -gt 0 ] && pass "out of memory reported ($ooms runs)" || fail "out of memory reported" "no run ran out"
[ -z "$debris" ] && pass "out of memory: no temporary files" || fail "out of memory: no temporary files" "$debris"
exit 0
