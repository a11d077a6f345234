#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/pdfcheck.py - the PDF checks that need parsing, for tests/t/pdf.sh
# and tests/t/pdf-more.sh (standard library only):
#
#   python3 tests/pdfcheck.py CHECK ARG...
#
# CHECK is one of the functions below (order, margins, minheight,
# outline, annots, align, labelwidth, cellbullets, hanging, justified,
# ruletop, notes); it prints what it found and exits 0 when the check
# holds.
import html, json, re, subprocess, sys, difflib

QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')

def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n == 'n': out.append('\n'); i += 2; continue
            if n == 't': out.append('\t'); i += 2; continue
            if n == 'x': out.append(chr(int(s[i+2:i+4], 16))); i += 4; continue
            out.append(n); i += 2; continue
        out.append(c); i += 1
    return ''.join(out)

INLINE = {'text', 'code', 'emph', 'strong', 'strike', 'sup', 'sub', 'link',
          'image', 'underline', 'mark', 'small', 'anchor', 'placeholder',
          'footref'}

def dump_texts(path):
    """The model's text, in order, from `quire --dump`: inline text runs
    join as they are (E = mc<sup>2</sup> is the word mc2), blocks and
    breaks separate words.  Footnotes, which the dump lists after the
    chapters and the PDF sets at the foot of their pages, are left out
    (their places are checked by `notes`)."""
    texts = []
    figure = skip = None	# indents: a figure's, a drawn image alt's
    for line in open(path, encoding='utf-8'):
        f = line.split()
        if not f:
            continue
        if f[0] == 'notes':
            break
        # A figure with a caption shows no alt text under its image.
        ind = len(line) - len(line.lstrip(' '))
        if figure is not None and ind <= figure:
            figure = None
        if skip is not None and ind <= skip:
            skip = None
        if f[0] == 'figure':
            figure = ind
        elif f[0] == 'image' and (figure is not None or
                                  re.search(r' -> \w+ file ', line)):
            # A picture that is drawn shows no alt text.
            skip = ind
        if skip is not None and ind > skip:
            continue
        if f[0] == 'meta':
            # A default title ("Untitled") is not printed.
            for k in (('subtitle',) if ' untitled ' in line else
                      ('title', 'subtitle')):
                m = re.search(r'\b%s="((?:[^"\\]|\\.)*)"' % k, line)
                if m:
                    texts.append(unescape(m.group(1)) + ' ')
        elif f[0] in ('text', 'code', 'code_block', 'html_block',
                      'placeholder'):
            q = QUOTED.findall(line)
            if f[0] in ('code_block', 'html_block'):
                texts.append(' ')
            if q:
                texts.append(unescape(q[-1]))
            if f[0] in ('code_block', 'html_block'):
                texts.append(' ')
        elif f[0] not in INLINE:
            texts.append(' ')
    return texts

# Right-to-left words are drawn in visual order, which -raw reads left to
# right: they are left out here, and their order is checked by
# tests/t/shaping.sh and tests/t/bidi.sh.
RTL = re.compile('[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]')

def words(text):
    return [w.lower() for w in re.findall(r'\w+', text) if not RTL.search(w)]

def order(dump, pdftxt):
    src = words(''.join(dump_texts(dump)))
    vocab = set(src)
    prefixes = {w[:i] for w in vocab if len(w) > 8 for i in range(2, len(w))}
    # Rejoin words cut at line ends (hyphenated, or cut between letters
    # because they were wider than the column) when that gives a word of
    # the source.
    out = []
    for line in open(pdftxt, encoding='utf-8').read().split('\n'):
        # A footnote's marker is glued to the word it follows ("text1").
        toks = [t if t in vocab or re.sub(r'\d+$', '', t) not in vocab
                else re.sub(r'\d+$', '', t) for t in words(line)]
        # A hyphen the breaker drew reads as a soft one (U+00AD).
        hyph = line.rstrip().endswith(('-', '\u00ad'))
        if out and toks and out[-1][1]:
            last = out[-1][0]
            if last + toks[0] in vocab or last + toks[0] in prefixes:
                out[-1] = (last + toks[0], False)
                toks = toks[1:]
        out.extend((t, False) for t in toks)
        if out and toks:
            last = out[-1][0]
            out[-1] = (last, last in prefixes or hyph)
    out = [t for t, _ in out]
    if not src:
        print('100.0'); return 0
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    hit = sum(b.size for b in sm.get_matching_blocks())
    pct = 100.0 * hit / len(src)
    print('%.1f' % pct)
    return 0 if pct >= 98.0 else 1

def bbox_words(path):
    """[(page, xmin, ymin, xmax, ymax, word)] from pdftotext -bbox."""
    page, pw, ph, res = 0, 0, 0, []
    for line in open(path, encoding='utf-8'):
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page += 1; pw, ph = float(m.group(1)), float(m.group(2))
            continue
        m = re.search(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" '
                      r'xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>', line)
        if m:
            res.append((page, pw, ph) + tuple(float(m.group(i))
                       for i in range(1, 5)) + (html.unescape(m.group(5)),))
    return res

def margins(path, m):
    m = float(m); bad = []
    for (pg, pw, ph, x0, y0, x1, y1, w) in bbox_words(path):
        # Glyph boxes reach a little past the advance; allow 1pt.
        if x0 < m - 1 or x1 > pw - m + 1 or y0 < m - 3 or y1 > ph - m + 3:
            bad.append('p%d %r at %.1f,%.1f-%.1f,%.1f' % (pg, w, x0, y0, x1, y1))
    for b in bad[:5]:
        print(b)
    return 1 if bad else 0

def minheight(path, h):
    low = [w for w in bbox_words(path) if w[6] - w[4] < float(h)]
    for w in low[:5]:
        print('%r is %.1fpt high' % (w[7], w[6] - w[4]))
    return 1 if low else 0

def outline(dump, pdf):
    heads, cur, depth = [], None, 0
    for line in open(dump, encoding='utf-8'):
        ind = len(line) - len(line.lstrip(' '))
        f = line.split()
        if not f:
            continue
        if cur is not None and ind <= depth:
            heads.append(''.join(cur)); cur = None
        if f[0] == 'heading':
            cur, depth = [], ind
        elif cur is not None and f[0] in ('text', 'code'):
            cur.append(unescape(QUOTED.findall(line)[-1]))
        elif cur is not None and f[0] in ('softbreak', 'linebreak'):
            cur.append(' ')
    if cur is not None:
        heads.append(''.join(cur))
    j = json.loads(subprocess.run(['qpdf', '--json', pdf], capture_output=True,
                                  text=True).stdout)
    got = []
    def walk(items):
        for o in items:
            got.append(o['title']); walk(o['kids'])
    walk(j.get('outlines', []))
    norm = lambda s: ' '.join(s.split())
    heads = [norm(h) for h in heads]
    got = [norm(g) for g in got]
    # The first heading may be the title, which the title block shows.
    if heads and got != heads and got == heads[1:]:
        heads = heads[1:]
    if got != heads:
        print('outline %r != headings %r' % (got, heads))
        return 1
    return 0

def annots(pdf):
    """Print each link annotation: URI or the page a destination names."""
    j = json.loads(subprocess.run(['qpdf', '--json=1', pdf],
                                  capture_output=True, text=True).stdout)
    objs = j['objects']
    pages = [p['object'] for p in j['pages']]
    for p in pages:
        for a in objs[p].get('/Annots', []):
            d = objs.get(a, a) if isinstance(a, str) else a
            if '/A' in d and '/URI' in d['/A']:
                print('uri', d['/A']['/URI'])
            elif '/Dest' in d:
                dst = d['/Dest']
                dst = objs[dst] if isinstance(dst, str) else dst
                print('dest', pages.index(dst[0]) + 1)
    return 0

def align(path, kind, word_re, tol='0.6'):
    """Words matching word_re on each page share an edge or centre."""
    rx, tol, bad = re.compile(word_re), float(tol), 0
    bypage = {}
    for (pg, pw, ph, x0, y0, x1, y1, w) in bbox_words(path):
        if rx.fullmatch(w):
            v = {'right': x1, 'left': x0, 'center': (x0 + x1) / 2}[kind]
            bypage.setdefault(pg, []).append(v)
    if not bypage:
        print('no words match'); return 1
    for pg, vs in sorted(bypage.items()):
        if max(vs) - min(vs) > tol:
            print('page %d: %s edges spread %.2f..%.2f' % (pg, kind, min(vs), max(vs)))
            bad = 1
    return bad

def labelwidth(path, label, first_cell_word, pad):
    ws = bbox_words(path)
    lab = [w for w in ws if w[7] == label]
    cell = [w for w in ws if w[7] == first_cell_word]
    if not lab or not cell:
        print('words not found'); return 1
    lab = lab[-1]; cell = cell[0]
    width = lab[5] - lab[3]
    gap = cell[3] - lab[3]
    print('label %.1f wide, next column starts %.1f after it' % (width, gap))
    return 0 if width <= gap <= width + 3 * float(pad) + 6 else 1

def cellbullets(path, label):
    """Bullets of lists in the cells right of a label stay in their cells:
    right of the label column."""
    ws = bbox_words(path)
    lab = [w for w in ws if w[7] == label][-1]
    bullets = [w for w in ws if w[0] == lab[0] and w[7] == '\u2022' and
               w[4] >= lab[4] - 15]
    bad = [b for b in bullets if b[3] <= lab[5]]
    print('%d bullets, %d left of %.1f' % (len(bullets), len(bad), lab[5]))
    return 0 if bullets and not bad else 1

def hanging(path, first, second):
    """The word starting an item's second line sits under the item's
    first word, not under its bullet."""
    ws = bbox_words(path)
    a = [w for w in ws if w[7] == first]
    if not a:
        print('no %r' % first); return 1
    a = a[0]
    b = [w for w in ws if w[7] == second and w[0] == a[0] and w[4] > a[4]]
    if not b:
        print('no %r after %r' % (second, first)); return 1
    b = b[0]
    print('%.2f vs %.2f' % (a[3], b[3]))
    return 0 if abs(a[3] - b[3]) < 0.5 else 1

def justified(path, m, least):
    """Count text lines whose right edge is the right margin."""
    m, lines = float(m), {}
    for (pg, pw, ph, x0, y0, x1, y1, w) in bbox_words(path):
        k = (pg, round(y1))
        lines[k] = max(lines.get(k, 0), x1)
    pw = bbox_words(path)[0][1]
    n = sum(1 for x in lines.values() if abs(x - (pw - m)) < 1.5)
    print('%d lines end at the margin' % n)
    return 0 if n >= int(least) else 1

def ruletop(path):
    """No stroked line above the first text on any page: qpdf gives each
    page's content stream decompressed; text is placed with Tm, rules
    start with m."""
    pages = subprocess.run(['qpdf', '--show-pages', path], check=True,
                           capture_output=True, text=True).stdout
    bad, n, content = [], 0, {}
    for line in pages.splitlines():
        m = re.match(r'page (\d+):', line)
        if m:
            n = int(m.group(1)); content[n] = []
        m = re.match(r'\s+(\d+) 0 R$', line)
        if m and n:
            content[n].append(m.group(1))
    for pg, objs in content.items():
        data = ''.join(subprocess.run(
            ['qpdf', '--show-object=' + o, '--filtered-stream-data', path],
            check=True, capture_output=True).stdout.decode('latin-1')
            for o in objs)
        texts = [float(y) for y in re.findall(
            r'[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm', data)]
        lines = [float(y) for y in re.findall(r'[-\d.]+ ([-\d.]+) m\b', data)]
        if not texts:
            bad.append('page %d has no text' % pg); continue
        if lines and max(lines) > max(texts):
            bad.append('page %d: rule at %.1f above text at %.1f' %
                       (pg, max(lines), max(texts)))
    print('%d pages; %s' % (len(content), '; '.join(bad) or 'no rule on top'))
    return 1 if bad or len(content) < 3 else 0

def dump_notes(path):
    """From `quire --dump`: the words of the chapters, the words of each
    note (by number) and, for each note, the words its references
    follow (pdftotext makes the raised marker a word of its own)."""
    body, notes, refs = set(), {}, {}
    cur, last, in_notes = None, '', False
    for line in open(path, encoding='utf-8'):
        f = line.split()
        if not f:
            continue
        if f[0] == 'notes':
            in_notes = True
        elif f[0] == 'footnote':
            cur = int(re.search(r'num=(\d+)', line).group(1))
            notes[cur] = []
        elif f[0] in ('text', 'code'):
            t = unescape(QUOTED.findall(line)[-1])
            if in_notes:
                notes[cur].extend(t.split())
            else:
                body.update(t.split())
            last = t
        elif f[0] == 'footref':
            n = int(re.search(r'-> (\d+)', line).group(1))
            if last and not last[-1].isspace():
                refs.setdefault(n, []).append(last.split()[-1])
            last = ''
        elif f[0] not in ('emph', 'strong', 'link'):
            last = ''
    return body, notes, refs

def notes(dump, bbox, margin, room):
    """Footnotes by position: on every page each word of a note lies
    below every word of the body and above the footer; a note begins on
    the page that holds its first reference; a note that does not end on
    that page goes on under "(continued)" on the next; no two words
    overlap."""
    body, nts, refs = dump_notes(dump)
    notew = set(w for ws in nts.values() for w in ws)
    words_ = bbox_words(bbox)
    ph = words_[0][2]
    foot = ph - float(margin) - float(room)
    bad, pages = [], {}
    for w in words_:
        pages.setdefault(w[0], []).append(w)
    for pg, ws in sorted(pages.items()):
        bodyw = [w for w in ws if w[7] in body and w[7] not in notew and
                 w[4] < foot]
        nw = [w for w in ws if w[7] in notew and w[7] not in body]
        if bodyw and nw and min(w[4] for w in nw) < max(w[6] for w in bodyw) - 0.5:
            top = min(nw, key=lambda w: w[4])
            bad.append('p%d: note word %r above the last body line' % (pg, top[7]))
        if nw and max(w[6] for w in nw) > foot + 1:
            bad.append('p%d: a note runs into the footer' % pg)
        # A word's box is its font's ascent and descent, which in a face
        # with room for stacked accents (Charis SIL) is taller than the
        # leading: boxes of lines apart touch.  Their middle halves do not.
        ws = sorted(((w[0], w[1], w[2], w[3], w[4] + (w[6] - w[4]) / 4,
                      w[5], w[6] - (w[6] - w[4]) / 4, w[7]) for w in ws),
                    key=lambda w: w[4])
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                if b[4] >= a[6] - 0.5:
                    break
                if b[3] < a[5] - 0.5 and a[3] < b[5] - 0.5:
                    bad.append('p%d: %r overlaps %r' % (pg, a[7], b[7]))
    def page_of(word, after=0):
        for w in words_:
            if w[7] == word and w[0] >= after:
                return w[0]
        return None
    split = 0
    for n, ws in sorted(nts.items()):
        if not ws or n not in refs:
            continue
        rp, np_ = page_of(refs[n][0]), page_of(ws[0])
        if rp is None or rp != np_:
            bad.append('note %d begins on page %s, its reference is on %s' % (n, np_, rp))
            continue
        # Its last page: where the last word only it has is.
        own = set(ws) - body - set(w for m, o in nts.items() if m != n
                                   for w in o)
        lp = max((w[0] for w in words_ if w[7] in own), default=np_)
        if lp > np_:
            split += 1
            if page_of('(continued)', np_ + 1) != np_ + 1:
                bad.append('note %d goes on without "(continued)"' % n)
    for b in bad[:8]:
        print(b)
    print('%d pages, %d notes, %d split' % (len(pages), len(nts), split))
    return 1 if bad else 0

sys.exit(globals()[sys.argv[1]](*sys.argv[2:]))
