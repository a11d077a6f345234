#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/highlight.sh - highlighted code (issue 18).
#
#  - PDF: the text operations of tests/cases/code-highlight.md's code
#    (colour, face, text per run, tests/pdftextops) against the golden
#    code-highlight.pdf.ops; keywords bold, comments italic; the text
#    pdftotext extracts is the same with highlighting on and off;
#  - EPUB: the XHTML golden is epub.sh's (code-highlight.xhtml); here,
#    stripping the spans gives back every block exactly, tabs and
#    trailing spaces included, and every span is one known class;
#  - the model (--dump): languages from info strings, the spans' promises
#    (sorted, apart, on character boundaries, no newline);
#  - an unknown language: plain everywhere, named under -v only;
#  - highlight: false from the front matter, -M and the style; which wins;
#  - themes and colour keys; reproducible output; man pages unchanged.
# UPDATE=1 rewrites code-highlight.pdf.ops (read the diff).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch highlight)
C=tests/cases/code-highlight.md
OPS=tests/pdftextops
SPAN=' [a-z]+@[0-9]+\+[0-9]+( |$)'	# a token in a --dump line

# pdf NAME FILE [quire options]: $S/NAME.pdf and its code's runs in
# $S/NAME.ops: the default monospace's, and the fallback's, which draws
# what Anonymous Pro lacks (the arrow in a string, the wrap mark).
pdf() {
	local name=$1 file=$2; shift 2
	"$QUIRE" -q -t pdf -o "$S/$name.pdf" "$@" "$file" 2>"$S/$name.err" &&
	    $OPS "$S/$name.pdf" AnonymousPro,DejaVuSans >"$S/$name.ops"
}

# plain OPS: every line of code is in the text's colour and face: one
# run, or more where a character falls back to another font.
plain() {
	! grep -qvE '^111111 r "' "$1" &&
	    ! sed 's/ | 111111 r "//g' "$1" | grep -qE ' \| [0-9a-f]{6} [rbi]+ "'
}

# xhtml NAME FILE [quire options]: the book's content files, concatenated,
# in $S/NAME.xhtml.
xhtml() {
	local name=$1 file=$2; shift 2
	rm -rf "${S:?}/$name.d"
	"$QUIRE" -q -t epub -o "$S/$name.epub" "$@" "$file" 2>"$S/$name.err" &&
	    mkdir -p "$S/$name.d" && (cd "$S/$name.d" && unzip -q ../"$name.epub") &&
	    cat "$S/$name.d"/EPUB/c[0-9]*.xhtml >"$S/$name.xhtml"
}

# The spans of every code block in a dump, checked against doc.h's
# promises; prints what breaks them.
cat >"$S/spans.py" <<'EOF'
import re, sys

def unescape(s):
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == '\\':
            n = s[i + 1]
            if n == 'n': out += b'\n'; i += 2; continue
            if n == 't': out += b'\t'; i += 2; continue
            if n == 'x': out.append(int(s[i+2:i+4], 16)); i += 4; continue
            out += n.encode(); i += 2; continue
        out += c.encode(); i += 1
    return bytes(out)

bad = blocks = spans = 0
for line in open(sys.argv[1], encoding='utf-8'):
    f = line.split()
    if len(f) < 2 or f[0] != 'code_block':
        continue
    blocks += 1
    text = unescape(re.findall(r'"((?:[^"\\]|\\.)*)"', line)[-1])
    end = 0
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    for cls, off, ln in re.findall(r' (\w+)@(\d+)\+(\d+)', bare):
        off, ln = int(off), int(ln)
        spans += 1
        piece = text[off:off + ln]
        why = None
        if off < end: why = 'overlaps or out of order'
        elif ln == 0 or off + ln > len(text): why = 'empty or outside'
        elif b'\n' in piece: why = 'holds a newline'
        elif (off < len(text) and text[off] & 0xC0 == 0x80) or \
             (off + ln < len(text) and text[off + ln] & 0xC0 == 0x80):
            why = 'cuts a character'
        if why:
            print('line %s: %s@%d+%d %s' % (f[1], cls, off, ln, why))
            bad += 1
        end = off + ln
print('%d blocks, %d spans' % (blocks, spans))
sys.exit(1 if bad else 0)
EOF

# Stripping the spans of each <pre><code> gives the fenced code back.
cat >"$S/strip.py" <<'EOF'
import re, sys, xml.etree.ElementTree as ET

H = '{http://www.w3.org/1999/xhtml}'
md = open(sys.argv[1], encoding='utf-8').read()
want = [m.group(1)[:-1] if m.group(1).endswith('\n') else m.group(1)
        for m in re.finditer(r'^```[^\n]*\n(.*?)^```$', md, re.S | re.M)]
got, bad = [], 0
for doc in re.split(r'(?=<\?xml )', open(sys.argv[2], encoding='utf-8').read()):
    if not doc.strip():
        continue
    for pre in ET.fromstring(doc.encode()).iter(H + 'pre'):
        code = pre.find(H + 'code')
        got.append(''.join(code.itertext()))
        for sp in code.iter(H + 'span'):
            # A line of the code, whose newline follows it (epub.css
            # marks where it wraps), holds tokens.
            if (sp.get('class') == 'line' and sp in list(code) and
                    '\n' not in ''.join(sp.itertext())):
                continue
            if not re.fullmatch(r'hl-(keyword|type|string|number|comment|'
                                r'preproc|function|operator|variable|'
                                r'constant|inserted|deleted)',
                                sp.get('class', '')) or len(sp):
                print('bad span %r' % ET.tostring(sp)[:80]); bad = 1
if got != want:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            print('block %d: %r != %r' % (i + 1, g[:60], w[:60]))
            break
    print('%d blocks in the book, %d in the source' % (len(got), len(want)))
    bad = 1
sys.exit(bad)
EOF

# ---- PDF: the golden of colours and faces --------------------------------
if pdf on "$C"; then
	golden=${C%.md}.pdf.ops
	[ -n "${UPDATE:-}" ] && cp "$S/on.ops" "$golden"
	if cmp -s "$golden" "$S/on.ops"; then
		pass "pdf ops golden"
	else
		fail "pdf ops golden" "$(diff "$golden" "$S/on.ops" | head -6 | tr '\n' ' ')"
	fi
	n=$(grep -o '[0-9a-f]\{6\} [rbi]* "' "$S/on.ops" | cut -c1-6 | sort -u | wc -l)
	[ "$n" -ge 10 ] && pass "pdf: $n colours in the code" ||
		fail "pdf: colours in the code" "only $n"
	grep -q '8a1c7c b "fn "' "$S/on.ops" && grep -q '5c6670 i "/// Adds one."' "$S/on.ops" &&
		pass "pdf: keywords bold, comments italic" ||
		fail "pdf: keywords bold, comments italic"
else
	fail "pdf ops golden" "$(head -c 300 "$S/on.err")"
fi
if pdf off "$C" -M highlight=false; then
	plain "$S/off.ops" &&
		pass "pdf: highlight=false draws code in one run per line" ||
		fail "pdf: highlight=false draws code in one run per line"
	# Copy and paste: the extracted text does not change.
	for mode in -raw -layout ''; do
		if cmp -s <(pdftotext $mode "$S/on.pdf" - 2>&1) \
		    <(pdftotext $mode "$S/off.pdf" - 2>&1); then
			pass "pdf: pdftotext ${mode:-plain} text unchanged"
		else
			fail "pdf: pdftotext ${mode:-plain} text unchanged"
		fi
	done
else
	fail "pdf: highlight=false draws code in one run per line" "$(head -c 300 "$S/off.err")"
fi
# A line too wide for the measure wraps with its mark, in its colours.
{
	echo '```python'
	printf 'x = call("%s")  # %s\n' "$(printf 'w%.0s' $(seq 1 70))" "$(printf 'c%.0s' $(seq 1 40))"
	echo '```'
} >"$S/wrap.md"
if pdf wrap "$S/wrap.md" && grep -q '^999999 r "↪"' "$S/wrap.ops" &&
    grep -q '5c6670 i "# ccc' "$S/wrap.ops"; then
	pass "pdf: a wrapped line keeps its colours after the mark"
else
	fail "pdf: a wrapped line keeps its colours after the mark" "$(head -3 "$S/wrap.ops" | tr '\n' ' ')"
fi

# ---- EPUB ---------------------------------------------------------------
if xhtml on "$C"; then
	out=$(python3 "$S/strip.py" "$C" "$S/on.xhtml") &&
		pass "epub: stripping the spans gives the code back" ||
		fail "epub: stripping the spans gives the code back" "$out"
	n=$(grep -o '<span class="hl-' "$S/on.xhtml" | wc -l)
	[ "$n" -ge 80 ] && ! grep -q 'hl-operator' "$S/on.xhtml" &&
		pass "epub: $n token spans, none for operators" ||
		fail "epub: token spans, none for operators" "$n"
	grep -q '<code class="language-rust"><span class="line"><span class="hl-comment">/// Adds one.</span>' "$S/on.xhtml" &&
		pass "epub: class language-rust from \"rust,ignore\"" ||
		fail "epub: class language-rust from \"rust,ignore\""
	grep -q '	<span class="hl-keyword">let</span> s' "$S/on.xhtml" &&
	    grep -q 'trailing spaces follow   </span>' "$S/on.xhtml" &&
		pass "epub: tabs and trailing spaces kept" ||
		fail "epub: tabs and trailing spaces kept"
	grep -q 'prefers-color-scheme: dark' "$S/on.d/EPUB/epub.css" &&
	    grep -q '^\.hl-keyword' "$S/on.d/EPUB/epub.css" &&
		pass "epub: stylesheet colours tokens, light and dark" ||
		fail "epub: stylesheet colours tokens, light and dark"
else
	fail "epub build" "$(head -c 300 "$S/on.err")"
fi

# ---- the model -------------------------------------------------------------
if "$QUIRE" --dump "$C" >"$S/c.dump" 2>"$S/c.dump.err" &&
    out=$(python3 "$S/spans.py" "$S/c.dump"); then
	pass "model: spans keep their promises ($out)"
else
	fail "model: spans keep their promises" "$out"
fi
# Multi-byte characters where a definition matches single bytes ("$" and
# one byte in sh.lang), CRLF lines, a NUL-free binary-looking mess.
printf '```sh\necho $\303\251t\303\251 ${\303\251} "\303\251\\\303\251"\r\nx=\342\202\254 # \360\237\230\200\r\n```\n\n```c\nchar c = '"'"'\\\303\251'"'"'; /* \303\251 */ int \303\251 = 1;\n```\n' >"$S/utf8.md"
if "$QUIRE" --dump "$S/utf8.md" >"$S/utf8.dump" 2>&1 &&
    out=$(python3 "$S/spans.py" "$S/utf8.dump") && grep -qE "$SPAN" "$S/utf8.dump"; then
	pass "model: spans on character boundaries ($out)"
else
	fail "model: spans on character boundaries" "$out"
fi
cat >"$S/info.md" <<'EOF'
```rust,ignore
fn a() {}
```

```{.python .numberLines}
def a(): pass
```

```{#id .js}
let a;
```

```{r setup, include=FALSE}
x <- 1
```

```  PY  title="x.py"
pass
```

```C++
int a;
```

```sh
echo
```

```Dockerfile
FROM debian
```

```text
plain
```
EOF
got=$("$QUIRE" --dump "$S/info.md" | grep '^ *code_block' | grep -o 'lang="[^"]*"' | tr '\n' ' ')
want='lang="rust" lang="python" lang="javascript" lang="r" lang="python" lang="cpp" lang="bash" lang="dockerfile" lang="text" '
[ "$got" = "$want" ] && pass "model: languages from info strings" ||
	fail "model: languages from info strings" "$got"
"$QUIRE" --dump "$S/info.md" | grep 'lang="text"' | grep -qE "$SPAN" &&
	fail "model: text is not highlighted" || pass "model: text is not highlighted"

# ---- an unknown language ----------------------------------------------------
printf '# U\n\n```mermaid\ngraph TD; A-->B;\n```\n\n```mermaid\nB-->C;\n```\n' >"$S/unknown.md"
"$QUIRE" --dump "$S/unknown.md" >"$S/unknown.dump" 2>&1
if grep -q 'lang="mermaid" "graph' "$S/unknown.dump" && ! grep -qE "$SPAN" "$S/unknown.dump"; then
	pass "unknown language: no spans"
else
	fail "unknown language: no spans" "$(grep code_block "$S/unknown.dump" | head -1)"
fi
# (The EPUB: a man page alone tokenises no code, so has nothing to note.)
"$QUIRE" -v -t epub -o "$S/unknown.epub" "$S/unknown.md" 2>"$S/unknown.v"
n=$(grep -c 'code in "mermaid" is not highlighted' "$S/unknown.v")
[ "$n" = 1 ] && grep -q 'unknown.md:3:' "$S/unknown.v" &&
	pass "unknown language: -v names it once, with its place" ||
	fail "unknown language: -v names it once, with its place" "$n notes"
"$QUIRE" -t epub -o "$S/unknown.epub" "$S/unknown.md" 2>"$S/unknown.q"
[ -s "$S/unknown.q" ] && fail "unknown language: silent without -v" "$(cat "$S/unknown.q")" ||
	pass "unknown language: silent without -v"
if xhtml unknown "$S/unknown.md" && grep -q '<code class="language-mermaid"><span class="line">graph TD; A--&gt;B;</span></code>' "$S/unknown.xhtml"; then
	pass "unknown language: plain in the EPUB"
else
	fail "unknown language: plain in the EPUB"
fi
pdf unknown "$S/unknown.md" && plain "$S/unknown.ops" &&
	pass "unknown language: plain in the PDF" || fail "unknown language: plain in the PDF"

# ---- highlight: false ---------------------------------------------------------
spans() { "$QUIRE" --dump "$@" 2>/dev/null | grep '^ *code_block' | grep -cE "$SPAN"; }
printf -- '---\nhighlight: false\n---\n```c\nint x;\n```\n' >"$S/fm-off.md"
printf -- '---\nhighlight: nope\n---\n```c\nint x;\n```\n' >"$S/fm-bad.md"
printf -- '```c\nint x;\n```\n' >"$S/plain.md"
printf 'code:\n  highlight: false\n' >"$S/off.yaml"
[ "$(spans "$S/plain.md")" = 1 ] && pass "highlight: on by default" || fail "highlight: on by default"
[ "$(spans "$S/fm-off.md")" = 0 ] && pass "highlight: false in the front matter" ||
	fail "highlight: false in the front matter"
[ "$(spans -M highlight=false "$S/plain.md")" = 0 ] && pass "highlight: -M highlight=false" ||
	fail "highlight: -M highlight=false"
[ "$(spans -M highlight=true "$S/fm-off.md")" = 1 ] && pass "highlight: -M true over the front matter" ||
	fail "highlight: -M true over the front matter"
"$QUIRE" -M highlight=false -t man -o - "$S/plain.md" >/dev/null 2>"$S/m.err"
[ -s "$S/m.err" ] && fail "highlight: -M is not an unknown key" "$(cat "$S/m.err")" ||
	pass "highlight: -M is not an unknown key"
"$QUIRE" -t man -o - "$S/fm-bad.md" >/dev/null 2>"$S/bad.err"
grep -q 'highlight: "nope" is not true or false' "$S/bad.err" &&
	pass "highlight: a bad value is a warning" || fail "highlight: a bad value is a warning" "$(cat "$S/bad.err")"
for how in "style" "style, -M true" "front matter true, style"; do
	case $how in
	style) f=$S/plain.md; m=(); want='^111111 r "int x;"$' ;;
	"style, -M true") f=$S/plain.md; m=(-M highlight=true); want='0e6070 r "int "' ;;
	*) printf -- '---\nhighlight: true\n---\n```c\nint x;\n```\n' >"$S/fm-on.md"
	   f=$S/fm-on.md; m=(); want='0e6070 r "int "' ;;
	esac
	if pdf style "$f" -s "$S/off.yaml" "${m[@]}" && grep -q "$want" "$S/style.ops"; then
		pass "highlight: code.highlight false in the style ($how)"
	else
		fail "highlight: code.highlight false in the style ($how)" "$(head -2 "$S/style.ops")"
	fi
done
if xhtml off "$C" -M highlight=false && ! grep -q '<span class="hl-' "$S/off.xhtml" &&
    grep -q '<code class="language-rust">' "$S/off.xhtml"; then
	pass "highlight: false leaves the EPUB's code plain, with its language"
else
	fail "highlight: false leaves the EPUB's code plain, with its language"
fi

# ---- themes and colours ----------------------------------------------------
printf 'code:\n  theme: mono\n' >"$S/mono.yaml"
if pdf mono "$C" -s "$S/mono.yaml"; then
	others=$(grep -o '[0-9a-f]\{6\} [rbi]* "' "$S/mono.ops" | cut -c1-6 | sort -u | grep -v '^111111$\|^555555$\|^999999$' | tr '\n' ' ')
	[ -z "$others" ] && grep -q '111111 b "fn "' "$S/mono.ops" && grep -q '555555 i "/// Adds' "$S/mono.ops" &&
		pass "theme mono: black, grey comments, faces kept" ||
		fail "theme mono: black, grey comments, faces kept" "$others"
else
	fail "theme mono: black, grey comments, faces kept" "$(head -c 300 "$S/mono.err")"
fi
printf 'code:\n  colors:\n    keyword: "#123456"\n    comment: 654321\n' >"$S/colors.yaml"
if pdf colors "$C" -s "$S/colors.yaml" && [ ! -s "$S/colors.err" ] &&
    grep -q '123456 b "fn "' "$S/colors.ops" && grep -q '654321 i "/// Adds' "$S/colors.ops"; then
	pass "code.colors: a colour per class"
else
	fail "code.colors: a colour per class" "$(head -c 200 "$S/colors.err")"
fi
printf 'code:\n  colors:\n    keyword: #123456\n    type: "#12345"\n  theme: neon\n' >"$S/badcolors.yaml"
"$QUIRE" -s "$S/badcolors.yaml" -t man -o - "$C" >/dev/null 2>"$S/badcolors.err"
[ "$(grep -c 'warning' "$S/badcolors.err")" = 3 ] &&
	pass "code.colors and code.theme: bad values are warnings" ||
	fail "code.colors and code.theme: bad values are warnings" "$(tr '\n' ' ' <"$S/badcolors.err")"

# ---- reproducible; man pages unchanged -----------------------------------------
"$QUIRE" -q -o "$S/r1/" "$C" && "$QUIRE" -q -o "$S/r2/" "$C" &&
    cmp -s "$S/r1/code-highlight.pdf" "$S/r2/code-highlight.pdf" &&
    cmp -s "$S/r1/code-highlight.epub" "$S/r2/code-highlight.epub" &&
	pass "reproducible: PDF and EPUB byte-identical" ||
	fail "reproducible: PDF and EPUB byte-identical"
"$QUIRE" -q -t man -o "$S/off.7" -M highlight=false "$C" &&
    cmp -s "$S/r1/code-highlight.7" "$S/off.7" &&
	pass "man: unchanged by highlighting" || fail "man: unchanged by highlighting"

# ---- limits ------------------------------------------------------------------------
{ echo '```c'; printf 'int x = 1; %.0s' $(seq 1 60); echo; echo '```'; echo; echo '```c'; echo 'int y;'; echo '```'; } >"$S/long.md"
"$QUIRE" -v --dump "$S/long.md" >"$S/long.dump" 2>"$S/long.err"
if [ "$(grep '^ *code_block' "$S/long.dump" | grep -cE "$SPAN")" = 1 ] &&
    grep -q 'a line is too long' "$S/long.err"; then
	pass "limits: a block with a line over 500 bytes stays plain, with a note"
else
	fail "limits: a block with a line over 500 bytes stays plain, with a note"
fi
# Code is tokenised ahead on a second thread while the front end's last
# passes run (codeblock_early_start): the model, the messages and the files
# are those of one thread, with blocks in several languages, one the
# library does not know, one too long, one in a footnote and one in a
# list that tidy flattens.
{
	for i in 1 2 3; do
		printf '```c\nint f%s(void) { return %s; } /* c */\n```\n\n' "$i" "$i"
		printf '```python\ndef g%s():\n    return "%s"  # py\n```\n\n' "$i" "$i"
		printf '```frobnicate\nfrob %s\n```\n\n' "$i"
	done
	cat "$S/long.md"
	printf '\nA note.[^n]\n\n[^n]: In a note:\n\n    ```rust\n    fn main() {}\n    ```\n\n'
	printf -- '- item\n\n  ```sh\n  echo "$HOME" # sh\n  ```\n'
} >"$S/early.md"
for j in 1 2; do
	"$QUIRE" -v -j $j --dump "$S/early.md" >"$S/early$j.dump" 2>"$S/early$j.err"
	"$QUIRE" -q -j $j -o "$S/early$j/" "$S/early.md"
	sed -i '/ ms$/d' "$S/early$j.err"	# stage times differ
done
if cmp -s "$S/early1.dump" "$S/early2.dump" &&
    cmp -s "$S/early1.err" "$S/early2.err" &&
    cmp -s "$S/early1/early.pdf" "$S/early2/early.pdf" &&
    cmp -s "$S/early1/early.epub" "$S/early2/early.epub" &&
    [ "$(grep '^ *code_block' "$S/early2.dump" | grep -cE "$SPAN")" -ge 8 ] &&
    grep -q 'a line is too long' "$S/early2.err" &&
    grep -q '"frobnicate" is not highlighted' "$S/early2.err"; then
	pass "early tokens: -j 2 gives -j 1's model, notes, PDF and EPUB"
else
	fail "early tokens: -j 2 gives -j 1's model, notes, PDF and EPUB" \
	    "$(diff "$S/early1.err" "$S/early2.err" | head -5)"
fi
# Several files: each chapter's blocks go to the thread as it is read
# (codeblock_early_chapter).  The same, and the same as one thread,
# when the first file's front matter or -M turns highlighting off (the
# thread's work is dropped), and no crash when reading stops half way
# (a missing file: the thread is stopped before the document is freed).
mkdir -p "$S/multi"
for i in 1 2 3; do
	{
		printf '# Part %s\n\n' "$i"
		printf '```c\nint f%s(void) { return %s; } /* c */\n```\n\n' "$i" "$i"
		printf '```python\ndef g%s():\n    return "%s"  # py\n```\n\n' "$i" "$i"
		printf 'A note.[^n%s]\n\n[^n%s]: In a note:\n\n    ```sh\n    echo %s # sh\n    ```\n\n' "$i" "$i" "$i"
	} >"$S/multi/p$i.md"
done
{ printf -- '---\nhighlight: false\n---\n'; cat "$S/multi/p1.md"; } >"$S/multi/off.md"
ok=1
for set in "p1 p2 p3" "off p2 p3" "p1 p2 p3 -M highlight=false"; do
	args=""
	for w in $set; do
		case $w in p*|off) args="$args $S/multi/$w.md" ;; *) args="$args $w" ;; esac
	done
	for j in 1 2; do
		# shellcheck disable=SC2086
		"$QUIRE" -v -j $j --dump $args >"$S/multi/d$j" 2>"$S/multi/e$j"
		# shellcheck disable=SC2086
		"$QUIRE" -q -j $j -t pdf -o "$S/multi/o$j.pdf" $args
		sed -i '/ ms$/d' "$S/multi/e$j"
	done
	spans=$(grep '^ *code_block' "$S/multi/d2" | grep -cE "$SPAN")
	case $set in p1*highlight*|off*) want=0 ;; *) want=9 ;; esac
	if ! cmp -s "$S/multi/d1" "$S/multi/d2" || ! cmp -s "$S/multi/e1" "$S/multi/e2" ||
	    ! cmp -s "$S/multi/o1.pdf" "$S/multi/o2.pdf" || [ "$spans" != "$want" ]; then
		ok=0
		echo "  $set: $spans highlighted blocks, want $want" >&2
	fi
done
"$QUIRE" -q -j 2 -t pdf -o "$S/multi/x.pdf" "$S/multi/p1.md" "$S/multi/nope.md" "$S/multi/p2.md" 2>"$S/multi/e3"
rc=$?
[ $rc = 2 ] && [ ! -e "$S/multi/x.pdf" ] || { ok=0; echo "  missing file: exit $rc" >&2; }
[ $ok = 1 ] &&
	pass "early tokens, several files: -j 2 gives -j 1's model, notes and PDF; highlighting turned off by front matter or -M; a missing file" ||
	fail "early tokens, several files: -j 2 gives -j 1's model, notes and PDF"
# Without the library's language definitions: one warning, plain code.
SOURCE_HIGHLIGHT_DATADIR=$S/nowhere "$QUIRE" --dump "$C" >"$S/nodata.dump" 2>"$S/nodata.err"
rc=$?
if [ $rc = 0 ] && [ "$(grep -c warning "$S/nodata.err")" = 1 ] &&
    grep -q "language definitions cannot be read" "$S/nodata.err" &&
    ! grep '^ *code_block' "$S/nodata.dump" | grep -qE "$SPAN"; then
	pass "no language definitions: one warning, plain code"
else
	fail "no language definitions: one warning, plain code" "exit $rc: $(head -c 200 "$S/nodata.err")"
fi
# Lines read before are remembered (issue 36), but only where they stand
# outside a comment or string that spans lines: a "}" and a declaration
# inside a block comment stay comment, the same lines outside it do not,
# in this block and in a later one, at -j 1 and -j 2.
printf '```c\nint a;\n}\n/* open\n}\nint a;\n*/\n}\nint a;\n```\n\n```c\n/*\n}\nint a;\n*/\nint a;\n}\n```\n' >"$S/memo.md"
want1='type@0+3 operator@5+1 operator@7+1 comment@9+7 comment@17+1 comment@19+6 comment@26+2 operator@29+1 type@31+3 operator@36+1 '
want2='comment@0+2 comment@3+1 comment@5+6 comment@12+2 type@15+3 operator@20+1 operator@22+1 '
ok=1
for j in 1 2; do
	got=$("$QUIRE" -j $j --dump "$S/memo.md" 2>/dev/null | grep '^ *code_block' |
	    sed -E 's/^ *code_block [0-9]+ info="c" lang="c" //; s/"[^"]*"$//')
	[ "$got" = "$want1"$'\n'"$want2" ] || { ok=0; echo "  -j $j: $got" >&2; }
done
[ $ok = 1 ] && pass "remembered lines: inside a comment spanning lines they stay comment" ||
	fail "remembered lines: inside a comment spanning lines they stay comment"
