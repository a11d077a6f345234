#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pdfmeasure.py - what a typographer sees in a PDF, measured.

Usage: pdfmeasure.py [-v] [--leading L] [--em PT] FILE.pdf
       pdfmeasure.py listings FILE.pdf
       pdfmeasure.py strokes FILE.pdf

Reads the word boxes of `pdftotext -bbox-layout` and reports, for the
body text (the lines of the commonest height):

  measure   the median number of characters (spaces included) of a full
            line: one that starts at the text block's left edge and ends
            at its right edge
  stubs     hyphen stubs: a hyphenated line followed by a paragraph's
            short last line (one word, or under a fifth of the measure)
  names     hyphenations inside a name: the word put together again has
            a capital after a small letter (PyTorch) or a digit (x86)
  loose     justified lines (ending at the right edge, two words or
            more) with a word gap over 0.6 em, and their share

The em is the body line pitch divided by the leading (--leading, 1.35
by default as in styles/default.yaml), or --em in points.  Prints one
`key value` per line; -v lists the stubs, names and loose lines too.

`listings` checks the test cases' listings, whose lines read "kNN line
NN of NN": one of up to 12 lines must stay on one page, a longer one
keep 3 lines or more on each side.  `strokes` counts the paths begun in
the file (rules and boxes drawn), to compare two versions of a page.
"""
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

NS = '{http://www.w3.org/1999/xhtml}'
EDGE = 1.5          # points a line may miss the block's edge by
LOOSE_EM = 0.6      # a word gap wider than this many ems is loose
STUB_SHARE = 0.2    # a last line under this share of the measure is short


def lines_of(pdf):
    """Every line as (page, block, yMin, yMax, xMin, xMax, words), where
    words are (xMin, xMax, text)."""
    xml = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         capture_output=True, check=True).stdout
    # pdftotext writes the title unescaped into <title>: drop the head.
    xml = re.sub(rb'<head>.*?</head>', b'', xml, flags=re.S)
    root = ET.fromstring(xml)
    out = []
    for pno, page in enumerate(root.iter(NS + 'page')):
        for bno, block in enumerate(page.iter(NS + 'block')):
            for line in block.iter(NS + 'line'):
                words = [(float(w.get('xMin')), float(w.get('xMax')),
                          w.text or '') for w in line.iter(NS + 'word')]
                if not words:
                    continue
                out.append((pno, bno, float(line.get('yMin')),
                            float(line.get('yMax')),
                            float(line.get('xMin')),
                            float(line.get('xMax')), words))
    return out


def mode(values):
    return Counter(values).most_common(1)[0][0] if values else 0


def measure(pdf, leading, em=None):
    lines = lines_of(pdf)
    # The body's height: the one most characters are set at, give or
    # take rounding.
    heights = sorted({round(ln[3] - ln[2], 1) for ln in lines})
    weight = {h: sum(len(w[2]) for ln in lines
                     if abs(ln[3] - ln[2] - h) < 0.25 for w in ln[6])
              for h in heights}
    height = max(heights, key=lambda h: weight[h]) if heights else 0
    body = [ln for ln in lines if abs(ln[3] - ln[2] - height) < 0.3]
    left = mode([round(ln[4]) for ln in body])
    # The right edge: the furthest one that three lines or more reach.
    ends = Counter(round(ln[5]) for ln in body)
    right = max([x for x, n in ends.items() if n >= 3] or [left])
    width = right - left
    if em is None:
        pitches = [round(b[2] - a[2], 1) for a, b in zip(body, body[1:])
                   if a[0] == b[0] and a[1] == b[1] and b[2] > a[2]]
        em = mode(pitches) / leading if pitches else height / 1.16
    r = {'lines': len(body), 'em': round(em, 2), 'width': width}

    def text(ln):
        return ' '.join(w[2] for w in ln[6])

    def at_right(ln):
        return abs(ln[5] - right) < EDGE

    full = [len(text(ln)) for ln in body
            if abs(ln[4] - left) < EDGE and at_right(ln)]
    r['full-lines'] = len(full)
    r['measure'] = statistics.median(full) if full else 0

    stubs, names, loose, just = [], [], [], 0
    for i, ln in enumerate(body):
        last = ln[6][-1][2]
        nxt = body[i + 1] if i + 1 < len(body) else None
        same = nxt is not None and nxt[0] == ln[0] and nxt[1] == ln[1]
        if re.search(r'[A-Za-z]-$', last) and same:
            head = ln[6][-1][2][:-1]
            tail = nxt[6][0][2]
            word = re.sub(r'^\W+|\W+$', '', head + tail)
            if re.search(r'[a-z][A-Z]|\d', word):
                names.append(head + '-' + tail)
            after = body[i + 2] if i + 2 < len(body) else None
            ends = not at_right(nxt) and (
                after is None or after[1] != nxt[1] or
                after[0] != nxt[0])
            if ends and (len(nxt[6]) == 1 or
                         nxt[5] - nxt[4] < STUB_SHARE * width):
                stubs.append('%s- / %s (p. %d)' % (head, text(nxt),
                                                     ln[0] + 1))
        if at_right(ln) and len(ln[6]) > 1 and same:
            just += 1
            gaps = [b[0] - a[1] for a, b in zip(ln[6], ln[6][1:])]
            if max(gaps) > LOOSE_EM * em:
                loose.append('%.2f em: %s / %s (p. %d)' % (
                    max(gaps) / em, text(ln), text(nxt)[:30], ln[0] + 1))
    r['stubs'] = len(stubs)
    r['names'] = len(names)
    r['justified'] = just
    r['loose'] = len(loose)
    r['loose-pct'] = round(100.0 * len(loose) / just, 1) if just else 0.0
    return r, stubs, names, loose


def listings(pdf):
    """Listings whose lines read "kNN line NN of NN" (the test cases'):
    one of up to 12 lines on two pages, or a longer one with fewer than
    3 lines on either side, is badly split.  Returns the complaints."""
    info = subprocess.run(['pdfinfo', pdf], capture_output=True,
                          text=True, check=True).stdout
    pages = int(re.search(r'Pages:\s+(\d+)', info).group(1))
    where = {}
    for p in range(1, pages + 1):
        text = subprocess.run(['pdftotext', '-f', str(p), '-l', str(p),
                               '-layout', pdf, '-'], capture_output=True,
                              text=True, check=True).stdout
        for m in re.finditer(r'k(\d+) line \d+ of (\d+)', text):
            where.setdefault((m.group(1), int(m.group(2))), []).append(p)
    bad = []
    for (k, size), on in sorted(where.items()):
        first = on.count(on[0])
        if first == len(on):
            continue
        if size <= 12 or first < 3 or len(on) - first < 3:
            bad.append('listing %s of %d lines split %d/%d' %
                       (k, size, first, len(on) - first))
    return len(where), bad


def strokes(pdf):
    """The number of paths begun (m) in the whole file: rules drawn."""
    qdf = subprocess.run(['qpdf', '--qdf', '--object-streams=disable',
                          pdf, '-'], capture_output=True).stdout
    return len(re.findall(rb'(?m)^[-\d.]+ [-\d.]+ m$', qdf))


def main(argv):
    if argv[:1] == ['listings'] and len(argv) == 2:
        n, bad = listings(argv[1])
        print('listings', n)
        print('badly-split', len(bad))
        for b in bad:
            print(b)
        return 0
    if argv[:1] == ['strokes'] and len(argv) == 2:
        print('strokes', strokes(argv[1]))
        return 0
    verbose, leading, em, files = False, 1.35, None, []
    args = iter(argv)
    for a in args:
        if a == '-v':
            verbose = True
        elif a == '--leading':
            leading = float(next(args))
        elif a == '--em':
            em = float(next(args))
        else:
            files.append(a)
    if len(files) != 1:
        sys.stderr.write(__doc__)
        return 2
    r, stubs, names, loose = measure(files[0], leading, em)
    for k, v in r.items():
        print(k, v)
    if verbose:
        for s in stubs:
            print('stub:', s)
        for s in names:
            print('name:', s)
        for s in loose:
            print('loose:', s)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
