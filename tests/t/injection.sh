# SPDX-License-Identifier: GPL-3.0-or-later
# Injection (issue 8): roff requests and escapes, XHTML script and event
# handlers, javascript: URLs, external entities, and metadata with quotes,
# newlines and parentheses, placed in text, code, cells, link titles, alt
# text and metadata, must stay text in every format:
#  - man: no user line becomes a request (checked in the source), groff
#    and mandoc render it without pulling in /etc/passwd, and the hostile
#    strings show up literally in the rendered page;
#  - EPUB: no script/iframe/object/embed/form/base/meta-refresh element,
#    no on* attribute, no javascript:/vbscript:/data: URL, no DOCTYPE
#    internal subset anywhere in the unzipped book (checked with XPath,
#    so escaped text that merely mentions them is fine);
#  - PDF: qpdf --check passes, no JavaScript/Launch action, and pdftotext
#    shows the hostile strings literally.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP"
T=$(scratch injection)

# The payloads: "PWN" marks every injected request, so a request that
# escaped shows up in the man source as a line starting with . or '
# followed by PWN-bearing text.
cat >"$T/inj.md" <<'EOF'
---
title: "Evil \" title\n.so /etc/passwd\n' (paren) \\fB ) ( \\"
manual: "Evil \" manual\n.so /etc/passwd\n' (paren) \\fB ) ( \\"
source: "Evil source\n.nr X 1 \\*(xx"
subtitle: "sub\n.nr PWN 1"
author: [".so /etc/passwd", "'sy echo PWN", "Mr \"Quote\" (Paren"]
description: "desc\n.sh PWN\n\\*(xx \\\" comment"
date: "2024-01-01\n.so /etc/passwd"
keywords: "<script>alert(1)</script>, k2\n.de PWN"
rights: "]]> <!ENTITY x SYSTEM 'file:///etc/passwd'> &x; (c) \\(co"
identifier: "urn:x\"><script>alert(0)</script>"
---
# Heading .so /etc/passwd

## .so /etc/passwd

### 'nr PWN 2

.so /etc/passwd
'so /etc/passwd
.nr PWN 1
.de PWN
\fBbold escape\fR and \*(Tm and \\(em and \\ and \e and \X|ps: exec PWN| and \V[HOME] and \!.so /etc/passwd
.  so /etc/passwd
	.so /etc/passwd

Text with <script>alert('x')</script> inline and <img src=x onerror="alert(1)"> and
<a href="javascript:alert(1)">js link</a> and [md js](javascript:alert(2)) and
[data](data:text/html,<script>alert(3)</script>) and [vb](VBScript:msgbox) and
[spaces]( JaVaScRiPt:alert(4)) and <a href="jav&#x09;ascript:alert(5)">tab</a>
and [title](http://ok "t\" onmouseover=\"alert(6)\" .so /etc/passwd") and
![alt" onerror="alert(7) .so /etc/passwd](x.png "ti'tle\" onload=\"alert(8)")
and <a href='http://x"y
.so /etc/passwd' title='q" onclick="alert(9)'>multi-line attribute</a> and
<img src='q"w' alt='a" onerror="alert(10)
.so /etc/passwd'> and <http://example.com/"onmouseover="alert(11)">

<div onclick="alert(12)"><script>alert(13)</script><iframe src="javascript:alert(14)"></iframe>
<a href="javascript:alert(15)">a</a><form action="javascript:alert(16)"><input onfocus="alert(17)" autofocus></form>
<object data="javascript:alert(18)"></object><embed src="javascript:alert(19)">
<meta http-equiv="refresh" content="0;url=javascript:alert(20)"><base href="javascript:alert(21)//">
<style>body { background: url(javascript:alert(22)) }</style><link rel="stylesheet" href="javascript:alert(23)">
<svg onload="alert(24)"><use href="data:x"/></svg><math><maction actiontype="statusline" xlink:href="javascript:alert(25)">m</maction></math>
<p style="background:url(javascript:alert(26))">styled</p></div>

<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>

<?xml-stylesheet href="javascript:alert(27)"?>

&xxe; &amp; &lt;script&gt; <![CDATA[ ]]> ]]>

```sh
.so /etc/passwd
'so /etc/passwd
\fB code escape \X'PWN'
<script>alert(28)</script> ]]> </code></pre>
```

    .so /etc/passwd
    <script>alert(29)</script>

`.so /etc/passwd` and `\fB` and `<script>alert(30)</script>` and `'so`

| .so /etc/passwd | <script>alert(31)</script> | 'sy PWN |
|---|---|---|
| \fB cell T{ | T} .nr PWN 1 | `.so /etc/passwd` |
| 'br | <a href="javascript:alert(32)">c</a> | [x](javascript:alert(33)) |
| .so /etc/passwd<br>.so /etc/passwd | - .so /etc/passwd<br>- 'so /etc/passwd | T}<br>T{ |

- .so /etc/passwd
- 'so /etc/passwd
  .de PWN

1. .so /etc/passwd

> .so /etc/passwd
> <script>alert(34)</script>

Term with trailing backslash \
.so /etc/passwd
EOF

out="$T/out"
"$QUIRE" -q -o "$out" "$T/inj.md" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && pass "injection: publishes" || { fail "injection: publishes" "exit $rc: $(head -c 300 "$T/err")"; exit 0; }

# ---- man ----
M="$out/inj.7"
bad=$(grep -nE "^[.'][[:space:]]*(so|mso|pso|sy|open|opena|write|writec|writem|pi|cf|trf|nx|rd|ig|de|de1|dei|am|ds|ds1|as|ab|ex|tm|tm1|tmc|lf|ev|do|rn|rm|als|while|output)([[:space:]]|$)|^[.'].*PWN" "$M")
[ -z "$bad" ] && pass "injection man: no user line is a request" ||
	fail "injection man: no user line is a request" "$(echo "$bad" | head -3 | tr '\n' ' ')"
# Every line starting with a control character is one the emitter makes.
bad=$(grep -nE "^[.']" "$M" | grep -vE "^[0-9]+:(\.\\\\\"|\.\\\\}$|'\\\\\" t$|\.(TH|SH|SS|PP|LP|P|IP|TP|RS|RE|EX|EE|UR|UE|MT|ME|TS|TE|B|I|BI|BR|IB|IR|RB|RI|SM|SB|br|sp|nf|fi|ad|na|nh|hy|nr qH|ll|in|ti|ft|ne|if|ie|el|char|ta|ce|TQ|PD|HP|OP|SY|YS)( |$))")
[ -z "$bad" ] && pass "injection man: only known macros start lines" ||
	fail "injection man: only known macros start lines" "$(echo "$bad" | head -3 | tr '\n' ' ')"
groff -man -t -Tutf8 -ww "$M" >"$T/man.txt" 2>"$T/groff.err"
[ ! -s "$T/groff.err" ] && pass "injection man: groff -ww quiet" ||
	fail "injection man: groff -ww quiet" "$(head -3 "$T/groff.err" | tr '\n' ' ')"
mandoc -Tutf8 "$M" >"$T/mandoc.txt" 2>"$T/mandoc.err"
lint=$(mandoc -Tlint -W error "$M" 2>&1)
[ -z "$lint" ] && pass "injection man: mandoc -Tlint -W error quiet" ||
	fail "injection man: mandoc -Tlint -W error quiet" "$(echo "$lint" | head -3 | tr '\n' ' ')"
root=$(head -1 /etc/passwd | cut -d: -f1-3)
for r in man mandoc; do
	f="$T/$r.txt"
	[ "$r" = man ] && f="$T/man.txt"
	grep -qF "$root" "$f" && fail "injection man: $r did not read /etc/passwd" "found \"$root\"" ||
		pass "injection man: $r did not read /etc/passwd"
	col -bx <"$f" >"$f.plain"
	for lit in '.so /etc/passwd' "'so /etc/passwd" '.nr PWN 1' '\fBbold escape\fR' "\\X|ps: exec PWN|" '\V[HOME]' \
	    'T} .nr PWN 1' '\fB cell T{' 'Evil'; do
		grep -qF -- "$lit" "$f.plain" && pass "injection man: $r shows $lit" ||
			fail "injection man: $r shows $lit" "not in the rendered page"
	done
done

# ---- EPUB ----
E="$T/epub"
mkdir -p "$E" && (cd "$E" && unzip -q "$out/inj.epub")
xp="//*[local-name()='script' or local-name()='iframe' or local-name()='object' or local-name()='embed' or local-name()='form' or local-name()='input' or local-name()='base' or local-name()='frame' or local-name()='applet' or (local-name()='meta' and @http-equiv)]"
xp="$xp|//@*[starts-with(translate(local-name(),'ON','on'),'on')]"
lc="translate(normalize-space(.),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
xp="$xp|//@*[contains($lc,'javascript:') or contains($lc,'vbscript:') or starts-with($lc,'data:')]"
xp="$xp|//@style[contains($lc,'url(') or contains($lc,'expression')]"
n=0
for f in $(find "$E" -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' -o -name '*.xml'); do
	n=$((n + 1))
	rel=${f#$E/}
	if ! xmllint --noout --nonet "$f" 2>"$T/xml.err"; then
		fail "injection epub: $rel well-formed" "$(head -2 "$T/xml.err" | tr '\n' ' ')"
		continue
	fi
	hits=$(xmllint --nonet --xpath "$xp" "$f" 2>/dev/null)
	[ -z "$hits" ] && pass "injection epub: $rel has no script, handler or script URL" ||
		fail "injection epub: $rel has no script, handler or script URL" "$(echo "$hits" | head -c 300)"
	grep -q '<!ENTITY\|<!DOCTYPE[^>]*\[' "$f" && fail "injection epub: $rel declares no entity" ||
		pass "injection epub: $rel declares no entity"
done
[ $n -gt 2 ] && pass "injection epub: XML files checked ($n)" || fail "injection epub: XML files checked" "only $n"
grep -rqF "$root" "$E" && fail "injection epub: /etc/passwd not embedded" || pass "injection epub: /etc/passwd not embedded"
ls "$E"/EPUB 2>/dev/null | grep -qi '\.svg$\|\.js$' && fail "injection epub: no SVG or JS file" || pass "injection epub: no SVG or JS file"
text=$(cat "$E"/EPUB/*.xhtml | sed 's/<[^>]*>//g')
for lit in '.so /etc/passwd' '&lt;script&gt;alert(28)&lt;/script&gt;' '\fB cell T{' "\\X|ps: exec PWN|"; do
	echo "$text" | grep -qF -- "$lit" && pass "injection epub: text keeps $lit" ||
		fail "injection epub: text keeps $lit" "not in the XHTML text"
done
grep -qF 'Evil " title' "$E"/EPUB/*.opf && pass "injection epub: quoted title in the package" ||
	fail "injection epub: quoted title in the package" "$(grep -m1 'dc:title' "$E"/EPUB/*.opf)"

# ---- PDF ----
P="$out/inj.pdf"
out=$(qpdf_ok "$P") && pass "injection pdf: qpdf --check" ||
	fail "injection pdf: qpdf --check" "$(tr '\n' ' ' <<<"$out")"
qpdf --qdf --object-streams=disable "$P" "$T/qdf.pdf" 2>/dev/null
acts=$(grep -aoE '/(JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|RichMedia)\b|/URI *\((javascript|vbscript|data):' "$T/qdf.pdf" | sort -u)
[ -z "$acts" ] && pass "injection pdf: no script or launch action" ||
	fail "injection pdf: no script or launch action" "$(echo "$acts" | tr '\n' ' ')"
pdftotext -layout "$P" "$T/pdf.txt" 2>"$T/pdftotext.err"
[ ! -s "$T/pdftotext.err" ] && pass "injection pdf: pdftotext quiet" ||
	fail "injection pdf: pdftotext quiet" "$(head -2 "$T/pdftotext.err" | tr '\n' ' ')"
for lit in '.so /etc/passwd' "'so /etc/passwd" '<script>alert(28)</script>' '\fBbold escape\fR' \
    "\\X|ps: exec PWN|" '&xxe;' 'T} .nr PWN 1' 'Evil " title'; do
	grep -qF -- "$lit" "$T/pdf.txt" && pass "injection pdf: shows $lit" ||
		fail "injection pdf: shows $lit" "not in pdftotext output"
done
pdfinfo "$P" >"$T/pdfinfo" 2>&1 && grep -q '^Title: *Evil " title' "$T/pdfinfo" &&
	pass "injection pdf: quoted title in the document info" ||
	fail "injection pdf: quoted title in the document info" "$(grep -m1 Title "$T/pdfinfo")"
exit 0
