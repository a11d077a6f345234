#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t/bidi.sh - right-to-left text in the PDF (issue 20): Unicode
# bidi through FriBidi and right-to-left layout.  The fixtures in
# tests/bidi/ are Hebrew, Arabic and Persian of our own writing, mixed
# with numbers and Latin words.  Positions come from pdftotext
# -bbox-layout (words and lines) and the content stream (the quote's
# bar), so the checks see where things are drawn, not only the text.
# A word is found as written or reversed (pdftotext -bbox reads the
# glyphs of a right-to-left word in visual order).  source.md marks
# paragraphs with <p dir> and <div dir> in a left-to-right document.
# With QUIRE_BASE set to a quire built before this change, every case
# in tests/cases/ must give a byte-identical PDF with both.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TOP" || exit 1
S=$(scratch bidi)
B=tests/bidi

a4_style "$S/style.yaml"

cat >"$S/bidi.py" <<'EOF'
import re, subprocess, sys

MM = 72 / 25.4
L, R = 20 * MM, 595.27557 - 20 * MM	# A4, 20 mm margins
EPS = 0.6

def lines(pdf):
    """[[(x0, x1, word)] per line] from pdftotext -bbox-layout."""
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         capture_output=True, text=True).stdout
    res, cur = [], None
    for ln in out.splitlines():
        if '<line ' in ln:
            cur = []
            res.append(cur)
        m = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" '
                      r'xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', ln)
        if m and cur is not None:
            cur.append((float(m.group(1)), float(m.group(2)), m.group(3)))
    return res

def same(a, b):
    """Words compare without the punctuation pdftotext leaves on them
    (on either side, as it reads the line's direction)."""
    a, b = a.strip('.,،'), b.strip('.,،')
    return a == b or a == b[::-1]

def word(ls, w):
    for l in ls:
        for x in l:
            if same(x[2], w):
                return x
    raise SystemExit('word %r not found' % w)

def line_of(ls, w):
    for l in ls:
        if any(same(x[2], w) for x in l):
            return l
    raise SystemExit('no line with %r' % w)

def par_lines(ls, first, last):
    """The lines from the one holding first to the one holding last."""
    a = ls.index(line_of(ls, first))
    b = ls.index(line_of(ls, last))
    return ls[a:b + 1]

def right_of(ls, a, b):
    """a is drawn entirely to the right of b."""
    return word(ls, a)[0] > word(ls, b)[1]

def flush_right(ls):
    return all(abs(max(x[1] for x in l) - R) < EPS for l in ls)

def flush_left(ls):
    return all(abs(min(x[0] for x in l) - L) < EPS for l in ls)

def marker_right(l, mark):
    m = [x for x in l if mark in x[2]]
    rest = [x for x in l if mark not in x[2]]
    return m and rest and m[0][0] > max(x[1] for x in rest)

def bar_x(pdf, grey):
    """x of the first rectangle filled with grey, from the content."""
    q = subprocess.run(['qpdf', '--qdf', '--object-streams=disable', pdf,
                        '-'], capture_output=True).stdout.decode('latin-1')
    m = re.search(grey + r' rg\n([\d.]+) [\d.]+ [\d.]+ [\d.]+ re', q)
    return float(m.group(1)) if m else None

def check(name, ok):
    print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ': wrong'))

def main(kind, pdf):
    ls = lines(pdf)
    if kind == 'he':
        p = par_lines(ls, 'זהו', 'העמוד')
        check('he-lines-flush-right', len(p) >= 2 and flush_right(p))
        check('he-justified-from-left', flush_left(p[:-1]))
        check('he-number-in-place', right_of(ls, 'המספר', '2024') and
              right_of(ls, '2024', 'ואת'))
        check('he-latin-in-place', right_of(ls, 'המילה', 'Linux') and
              right_of(ls, 'Linux', 'בתוך'))
        check('he-ltr-run-in-order', right_of(ls, 'ספרייה', 'World') and
              right_of(ls, 'World', 'Hello') and
              right_of(ls, 'Hello', 'כאן'))
        check('he-heading-right', flush_right([line_of(ls, 'ראשית')]))
        check('he-title-right', flush_right([line_of(ls, 'בדיקה')]))
        check('he-bullet-right', marker_right(line_of(ls, 'ברשימה'), '•'))
        check('he-number-marker-right',
              marker_right(line_of(ls, 'אחד'), '1'))
        check('he-table-columns-from-right', right_of(ls, 'שם', 'גיל')
              and right_of(ls, 'גיל', 'עיר')
              and right_of(ls, 'דנה', '31') and right_of(ls, '31', 'חיפה'))
        x = bar_x(pdf, '0.6 0.6 0.6')
        check('he-quote-bar-right', x is not None and x > R - 10)
        check('he-code-stays-left', word(ls, 'int')[0] < L + 10)
        check('he-note-number-right', marker_right(line_of(ls, 'footnote'),
                                                   '1'))
    elif kind == 'ar':
        p = par_lines(ls, 'مرحبا', 'تماما')
        check('ar-lines-flush-right', len(p) >= 2 and flush_right(p))
        check('ar-number-in-place', right_of(ls, 'الرقم', '1234') and
              right_of(ls, '1234', 'والكلمة'))
        check('ar-latin-in-place', right_of(ls, 'والكلمة', 'Python') and
              right_of(ls, 'Python', 'في'))
    elif kind == 'fa':
        check('fa-digits-in-place', right_of(ls, 'عدد', '۱۲۳') and
              right_of(ls, '۱۲۳', 'و'))
        check('fa-latin-in-place', right_of(ls, 'کلمه', 'Markdown') and
              right_of(ls, 'Markdown', 'در'))
        check('fa-flush-right', flush_right([line_of(ls, 'Markdown')]))
    elif kind == 'source':
        check('source-p-dir-rtl-right', flush_right([line_of(ls, 'שלום')]))
        check('source-div-dir-rtl-right', flush_right([line_of(ls, 'مرحبا')]))
        check('source-ltr-left', flush_left([line_of(ls, 'English'),
                                             line_of(ls, 'Back')]))
    elif kind == 'mixed':
        en = par_lines(ls, 'English', 'measured')
        check('auto-english-left', len(en) >= 2 and flush_left(en) and
              not flush_right(en[-1:]))
        he = par_lines(ls, 'פסקה', 'בתוכה')
        check('auto-hebrew-paragraph-right', flush_right(he) and
              right_of(ls, 'פסקה', 'בעברית'))
        l = line_of(ls, 'inside')
        check('auto-english-with-hebrew-word-left', flush_left([l]) and
              right_of(ls, 'inside', 'שלום') and right_of(ls, 'שלום', 'word'))
    elif kind == 'toc':
        l = line_of(ls, 'ראשון')
        num = [x for x in l if x[2] == '2']
        check('toc-number-left', num and abs(num[0][0] - L) < EPS and
              right_of(ls, 'ראשון', '2'))
        check('toc-title-right', flush_right([l]))
    elif kind == 'ltr':
        l = line_of(ls, 'paragraph')
        check('ltr-forced-left', flush_left([l]))
        check('ltr-hebrew-run-reversed', right_of(ls, 'שלום', 'עולם') and
              right_of(ls, 'עולם', 'יפה') and right_of(ls, 'in', 'שלום'))

main(sys.argv[1], sys.argv[2])
EOF

for k in he ar fa mixed ltr toc source; do
	if ! "$QUIRE" -q -t pdf -s "$S/style.yaml" -o "$S/$k.pdf" "$B/$k.md" \
	    2>"$S/$k.err"; then
		fail "bidi-$k-builds" "$(head -3 "$S/$k.err")"
		continue
	fi
	# Hebrew has no hyphenation patterns: that warning is expected.
	if grep -v 'no hyphenation patterns' "$S/$k.err" | grep -q .; then
		fail "bidi-$k-silent" "$(head -3 "$S/$k.err")"
	else
		pass "bidi-$k-silent"
	fi
	out=$(qpdf_ok "$S/$k.pdf") && pass "bidi-$k-qpdf" || fail "bidi-$k-qpdf" "$out"
	if pdftotext "$S/$k.pdf" - 2>&1 >/dev/null | grep -q .; then
		fail "bidi-$k-pdftotext" "pdftotext complains"
	else
		pass "bidi-$k-pdftotext"
	fi
	python3 "$S/bidi.py" "$k" "$S/$k.pdf" 2>&1 || fail "bidi-$k-checks" "script failed"
done

# The source's marks reach the EPUB too: <div dir="rtl"> around them.
if "$QUIRE" -q -t epub -o "$S/source.epub" "$B/source.md"; then
	n=$(unzip -p "$S/source.epub" 'EPUB/c*.xhtml' | grep -c '<div dir="rtl">')
	[ "$n" -eq 2 ] && pass bidi-source-epub-dir ||
		fail bidi-source-epub-dir "$n <div dir=\"rtl\">, want 2"
else
	fail bidi-source-epub-dir "cannot publish"
fi

# Code in right-to-left text keeps its own order: a path stays a path.
printf -- '---\nlang: ar\n---\n\nانقل الملفات من `~/.openclaw/` إلى المجلد.\n' >"$S/code.md"
"$QUIRE" -q -t pdf -o "$S/code.pdf" "$S/code.md" &&
    pdftotext -bbox "$S/code.pdf" - | grep -q '>~/\.openclaw/</word>' &&
	pass bidi-code-span-ltr ||
	fail bidi-code-span-ltr "$(pdftotext -bbox "$S/code.pdf" - | grep -o '>[^<]*openclaw[^<]*<' | head -3 | tr '\n' ' ')"

# The same bytes twice.
"$QUIRE" -q -t pdf -s "$S/style.yaml" -o "$S/he2.pdf" "$B/he.md" 2>/dev/null
check bidi-reproducible cmp "$S/he.pdf" "$S/he2.pdf"

# Left-to-right documents are untouched: the same PDF as before bidi.
if [ -n "${QUIRE_BASE:-}" ]; then
	n=0 bad=
	for f in tests/cases/*.md content/*.md; do
		b=$(basename "$f" .md)
		"$QUIRE_BASE" -q -t pdf -o "$S/base-$b.pdf" "$f" 2>/dev/null
		"$QUIRE" -q -t pdf -o "$S/new-$b.pdf" "$f" 2>/dev/null
		cmp -s "$S/base-$b.pdf" "$S/new-$b.pdf" || bad="$bad $b"
		n=$((n + 1))
	done
	if [ -z "$bad" ]; then pass "bidi-ltr-unchanged ($n PDFs)"
	else fail bidi-ltr-unchanged "differ:$bad"; fi
else
	skip bidi-ltr-unchanged "set QUIRE_BASE to a quire built before bidi to compare with"
fi
