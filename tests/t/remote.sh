# SPDX-License-Identifier: GPL-3.0-or-later
# Remote images (issue 32): fetched over http and https into the user's
# cache, from a server this test starts on 127.0.0.1 (never the
# internet); every image not fetched gets one warning with its reason and
# keeps its alt text; the cache serves a second run offline and is
# revalidated with the ETag online.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch remote)
need "remote: tools" python3 pdfimages unzip || exit 0
unset QUIRE_OFFLINE
export XDG_CACHE_HOME=$T/cache

python3 tests/remote/server.py "$T/port" "$T/log" tests/cases/pdf-image.png 2>"$T/server-err" &
server=$!
# The server ends with the test; lib.sh's own clean-up (if any) still runs.
prev=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
trap "kill $server 2>/dev/null; $prev" EXIT
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] || { fail "remote: test server" "did not start"; exit 0; }
U=http://127.0.0.1:$(cat "$T/port")

cat >"$T/doc.md" <<MD
# Remote pictures

![A fetched picture]($U/ok.png)

![The same picture again]($U/ok.png)

![After a redirect]($U/hop.png)

![Dated]($U/dated.png)

![Gone]($U/missing.png)

![A web page]($U/page.png)

![Not a picture]($U/fake.png)

![Too large]($U/huge.png)

![Round and round]($U/loop.png)

![Metadata by redirect]($U/metadata.png)

![Metadata by address](http://169.254.169.254/latest/x.png)

![Link-local IPv6](http://[fe80::1]/x.png)

![Off to FTP]($U/ftp.png)

![Slow]($U/slow.png)

![By FTP](ftp://127.0.0.1/x.png)
MD

# ---- the first run: every reason, one warning each (-v: all of them,
# not five of a kind and a count) ----
QUIRE_FETCH_TIMEOUT=1.5 "$QUIRE" -v -o "$T/out" "$T/doc.md" 2>"$T/err"
rc=$?
same "remote: a run with unfetched images still succeeds" "$rc" 0
want() {	# name, URL path, reason pattern
	local n
	n=$(grep -cE -- "^quire: $T/doc.md:[0-9]+: warning: image [^ ]*$2 not fetched \\($3\\); showing its alt text\$" "$T/err")
	same "remote: $1" "$n" 1
}
want "404 named" /missing.png 'HTTP 404'
want "a web page refused by its type" /page.png 'not an image: text/html'
want "a file that is not a picture refused by its bytes" /fake.png 'not PNG, JPEG, GIF, WebP or SVG by its first bytes'
want "the size cap" /huge.png 'larger than 32 MiB'
want "a redirect loop" /loop.png 'more than 5 redirects'
want "a redirect to 169.254.169.254 refused" /metadata.png 'it leads to a link-local address'
want "169.254.169.254 itself refused" 169.254.169.254/latest/x.png 'it leads to a link-local address'
want "fe80:: refused" 'fe80::1\]/x.png' 'it leads to a link-local address'
want "a redirect to ftp refused" /ftp.png 'a redirect to a scheme other than http or https'
want "the time limit per image" /slow.png 'no answer within 1 s'
want "ftp is never fetched" ftp://127.0.0.1/x.png 'only http and https images are fetched'
n=$(grep -c 'not fetched' "$T/err")
same "remote: one warning per image not fetched, none for those fetched" "$n" 11
grep -q 'ok.png\|hop.png\|dated.png' "$T/err" &&
    fail "remote: fetched images warn" "$(grep 'ok.png\|hop.png\|dated.png' "$T/err")" ||
    pass "remote: fetched images do not warn"

# The fetched pictures are in every format, the same bytes.
n=$(pdfimages -list "$T/out/doc.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
same "remote: the PDF draws the fetched pictures" "$n" 4
n=$(pdfimages -list "$T/out/doc.pdf" 2>/dev/null | awk 'NR > 2 { print $11 }' | sort -u | wc -l)
same "remote: the PDF embeds each fetched picture once" "$n" 3
n=$(unzip -l "$T/out/doc.epub" | grep -c 'EPUB/images/i00[0-9].png')
same "remote: the EPUB packs each fetched picture once" "$n" 3
unzip -p "$T/out/doc.epub" EPUB/images/i001.png | cmp -s - tests/cases/pdf-image.png &&
    pass "remote: the EPUB holds the server's bytes" ||
    fail "remote: the EPUB holds the server's bytes"
unzip -p "$T/out/doc.epub" 'EPUB/c*.xhtml' | grep -q 'class="remote-image">Gone</a>' &&
    pass "remote: an image not fetched keeps its alt text, linked" ||
    fail "remote: an image not fetched keeps its alt text, linked"
n=$(grep -c '^200 /ok.png$' "$T/log")
same "remote: a URL used twice is fetched once" "$n" 1
ls "$T"/cache/quire/images/*.meta >/dev/null 2>&1 &&
    pass "remote: the cache is in \$XDG_CACHE_HOME/quire/images" ||
    fail "remote: the cache is in \$XDG_CACHE_HOME/quire/images" "$(ls -R "$T/cache" 2>&1 | head -5)"
ls -A "$T"/cache/quire/images | grep -q '^\.' &&
    fail "remote: no temporary file left in the cache" ||
    pass "remote: no temporary file left in the cache"

# ---- a second run offline: the cache serves what it holds ----
cp "$T/out/doc.pdf" "$T/first.pdf"
: >"$T/log"
"$QUIRE" -v --offline -o "$T/out" "$T/doc.md" 2>"$T/err2"
same "remote: offline, no request at all" "$(wc -c <"$T/log")" 0
grep -q 'ok.png\|hop.png\|dated.png' "$T/err2" &&
    fail "remote: offline, the cached pictures need no network" "$(cat "$T/err2")" ||
    pass "remote: offline, the cached pictures need no network"
n=$(grep -c 'not fetched (--offline, and it is not in the cache)' "$T/err2")
same "remote: offline, each picture not cached warns once" "$n" 10
n=$(grep -c 'not fetched' "$T/err2")
same "remote: offline, one warning per image not shown" "$n" 11
cmp -s "$T/first.pdf" "$T/out/doc.pdf" &&
    pass "remote: the PDF from the cache is byte-identical" ||
    fail "remote: the PDF from the cache is byte-identical"

for j in 1 2; do
	"$QUIRE" -q --offline -j $j -o "$T/j$j" "$T/doc.md"
done
cmp -s "$T/j1/doc.pdf" "$T/j2/doc.pdf" && cmp -s "$T/j1/doc.epub" "$T/j2/doc.epub" &&
    pass "remote: the same bytes at -j1 and -j2" ||
    fail "remote: the same bytes at -j1 and -j2"
epubcheck_all "$T/j1/doc.epub"
why=$(epubcheck_clean "$T/j1/doc.epub") &&
    pass "remote: epubcheck passes the EPUB with fetched images" ||
    fail "remote: epubcheck passes the EPUB with fetched images" "$why"

# ---- a third run online: revalidated with the ETag, 304 ----
QUIRE_FETCH_TIMEOUT=1.5 "$QUIRE" -t pdf -o "$T/third.pdf" "$T/doc.md" 2>/dev/null
grep -q '^304 /ok.png "v1"$' "$T/log" &&
    pass "remote: the cached copy is revalidated with its ETag" ||
    fail "remote: the cached copy is revalidated with its ETag" "$(grep ok.png "$T/log")"
grep -q '^304 /dated.png Tue, 01 Dec 2026 10:00:00 GMT$' "$T/log" &&
    pass "remote: the cached copy is revalidated with its Last-Modified" ||
    fail "remote: the cached copy is revalidated with its Last-Modified" "$(grep dated.png "$T/log")"
cmp -s "$T/first.pdf" "$T/third.pdf" &&
    pass "remote: byte-identical after revalidation" ||
    fail "remote: byte-identical after revalidation"

# ---- the run's own time limit ----
printf '![Slow](%s/slow.png?again)\n' "$U" >"$T/slow.md"
QUIRE_FETCH_TOTAL=1 "$QUIRE" -t man -o - "$T/slow.md" 2>"$T/err3" >/dev/null
grep -q "image .*slow.png?again not fetched (the run's 1 s for fetching images ran out)" "$T/err3" &&
    pass "remote: the time limit for the whole run" ||
    fail "remote: the time limit for the whole run" "$(cat "$T/err3")"

# ---- QUIRE_OFFLINE (what every other test sets) ----
printf '![New](%s/also.png?fresh)\n' "$U" >"$T/new.md"
: >"$T/log"
QUIRE_OFFLINE=1 "$QUIRE" -t man -o - "$T/new.md" 2>"$T/err4" >/dev/null
same "remote: QUIRE_OFFLINE=1 fetches nothing" "$(wc -c <"$T/log")" 0
grep -q 'not fetched (--offline' "$T/err4" &&
    pass "remote: QUIRE_OFFLINE=1 warns like --offline" ||
    fail "remote: QUIRE_OFFLINE=1 warns like --offline" "$(cat "$T/err4")"

# ---- the server gone: the cached copies stand in, online too ----
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
QUIRE_FETCH_TIMEOUT=1.5 "$QUIRE" -t pdf -o "$T/gone.pdf" "$T/doc.md" 2>"$T/err5"
grep -q 'ok.png\|hop.png\|dated.png' "$T/err5" &&
    fail "remote: a server that cannot be reached leaves the cached copies" "$(grep 'ok.png' "$T/err5")" ||
    pass "remote: a server that cannot be reached leaves the cached copies"
cmp -s "$T/first.pdf" "$T/gone.pdf" &&
    pass "remote: byte-identical from the cache with the server gone" ||
    fail "remote: byte-identical from the cache with the server gone"
grep -q "missing.png not fetched (Couldn't connect to server)" "$T/err5" &&
    pass "remote: the reason when the server cannot be reached" ||
    fail "remote: the reason when the server cannot be reached" "$(grep missing.png "$T/err5")"

# ---- libcurl is opened only when an image is fetched (issue 36) ----
# Linking it loaded some 25 libraries (TLS, Kerberos, LDAP...) at every
# start; a run that fetches nothing must not load it.
ldd "$QUIRE" 2>/dev/null | grep -q 'libcurl' &&
    fail "remote: the program is not linked with libcurl" "$(ldd "$QUIRE" | grep libcurl)" ||
    pass "remote: the program is not linked with libcurl"
printf '# Local\n\nNo picture.\n' >"$T/local.md"
QUIRE_LIBCURL=$T/no-such-libcurl.so "$QUIRE" -t man -o "$T/local.1" "$T/local.md" 2>"$T/err6"
same "remote: a run fetching nothing needs no libcurl" "$?:$(wc -c <"$T/err6")" 0:0
# Without it a fetch fails with the loader's reason, one warning for
# each http(s) URL (-v: all of them).
rm -rf "$T/cache"
QUIRE_LIBCURL=$T/no-such-libcurl.so "$QUIRE" -v -t man -o "$T/nolib.1" "$T/doc.md" 2>"$T/err7"
rc=$?
n=$(grep -c "not fetched (libcurl could not be loaded ($T/no-such-libcurl.so: cannot open shared object file" "$T/err7")
same "remote: without libcurl, each image says it could not be loaded" "$rc:$n" 0:13
