"""tests/glyphs.py - what a quire PDF draws, glyph by glyph.

Reads a PDF through `qpdf --qdf` (standard library only) and prints, per
text string drawn, one line of JSON: the page, the font's base name, the
glyph ids, what the font's ToUnicode map says each glyph stands for, and
the ActualText of the marked-content span around it (or null).  The
shaping tests (tests/t/shaping.sh) read this to see which glyphs were
drawn, not just which text comes out.
"""
import json, re, signal, subprocess, sys

# A reader that stops early (grep -q) ends us quietly.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)

OBJ = re.compile(r'^(\d+) 0 obj\n(.*?)^endobj', re.S | re.M)
TOKEN = re.compile(r'<<|>>|<[0-9A-Fa-f\s]*>|\(|/[^\s/\[\]()<>]+|\[|\]|'
                   r'[-+]?[0-9.]+|[A-Za-z\'"*]+|\S')


def literal(s, i):
    """The bytes of the literal string starting after s[i] == '('."""
    out, depth, i = bytearray(), 1, i + 1
    esc = {'n': 10, 'r': 13, 't': 9, 'b': 8, 'f': 12}
    while i < len(s):
        c = s[i]
        if c == '\\':
            n = s[i + 1]
            if n in esc:
                out.append(esc[n]); i += 2
            elif n.isdigit():
                m = re.match(r'[0-7]{1,3}', s[i + 1:])
                out.append(int(m.group(0), 8) & 255); i += 1 + len(m.group(0))
            elif n == '\n':
                i += 2
            else:
                out.append(ord(n)); i += 2
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(ord(c) & 255)
        i += 1
    return bytes(out), i


def tokens(s):
    i = 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        if s[i] == '(':
            b, i = literal(s, i)
            yield ('str', b)
            continue
        m = TOKEN.match(s, i)
        t = m.group(0)
        i = m.end()
        if t.startswith('<') and t != '<<':
            yield ('str', bytes.fromhex(re.sub(r'\s', '', t[1:-1])))
        else:
            yield ('tok', t)


def stream(body):
    m = re.search(r'stream\n(.*?)\nendstream', body, re.S)
    return m.group(1) if m else ''


def tounicode(text):
    m = {}
    for blk in re.findall(r'beginbfchar(.*?)endbfchar', text, re.S):
        for g, u in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>', blk):
            m[int(g, 16)] = bytes.fromhex(u).decode('utf-16-be', 'replace')
    return m


def utf16(b):
    if b.startswith(b'\xfe\xff'):
        return b[2:].decode('utf-16-be', 'replace')
    return b.decode('latin-1')


def main(path):
    qdf = subprocess.run(['qpdf', '--qdf', '--object-streams=disable', path,
                          '-'], capture_output=True).stdout.decode('latin-1')
    objs = {int(n): body for n, body in OBJ.findall(qdf)}
    fonts = {}
    for n, body in objs.items():
        if '/Type /Font' in body and '/ToUnicode' in body:
            base = re.search(r'/BaseFont /(\S+)', body).group(1)
            tu = int(re.search(r'/ToUnicode (\d+) 0 R', body).group(1))
            fonts[n] = (base.split('+')[-1], tounicode(stream(objs[tu])))
    pages = [b for b in objs.values() if re.search(r'/Type /Page\b', b)]
    for pno, body in enumerate(pages, 1):
        res = dict((k, int(v)) for k, v in
                   re.findall(r'/(F\d+) (\d+) 0 R', body))
        content = stream(objs[int(re.search(r'/Contents (\d+) 0 R',
                                            body).group(1))])
        font, actual, stack = None, None, []
        for kind, t in tokens(content):
            if kind == 'str' or t not in ('Tf', 'TJ', 'Tj', 'BDC', 'EMC'):
                stack.append(t if kind == 'tok' else ('s', t))
                continue
            if t == 'Tf':
                font = fonts.get(res.get(stack[-2].lstrip('/')))
            elif t == 'BDC':
                for j, x in enumerate(stack):
                    if x == '/ActualText' and j + 1 < len(stack):
                        actual = utf16(stack[j + 1][1])
            elif t == 'EMC':
                actual = None
            else:
                for x in stack:
                    if isinstance(x, tuple) and x[1] and font:
                        b = x[1]
                        gids = [b[k] << 8 | b[k + 1]
                                for k in range(0, len(b) - 1, 2)]
                        texts = [font[1].get(g, '') for g in gids]
                        print(json.dumps({
                            'page': pno, 'font': font[0], 'gids': gids,
                            'text': ''.join(t or '\ufffd' for t in texts),
                            'texts': texts, 'actual': actual},
                            ensure_ascii=False))
            stack = []


main(sys.argv[1])
