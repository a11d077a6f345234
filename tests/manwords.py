#!/usr/bin/env python3
"""Words a man page cuts where a reader sees no reason to.

    manwords.py SOURCE.md RENDERED.txt      cuts in one rendering
    manwords.py --corpus QUIRE WIDTH DIR...  pages with a cut, per folder

A cut is a line (or a table cell's line) that ends in the middle of a
token of the source: its last fragment and the next line's first
fragment together are part of one whitespace-separated token of the
Markdown, the fragment alone is not such a token, and the break falls
between two letters or digits.  A break after "/", "-", "." and the like,
or a hyphen groff adds, is where a reader expects one and is not counted.

RENDERED.txt is plain text as `man -l PAGE | col -bx` gives it.  In
--corpus mode every *.md and *.md.in under DIR is published with
`QUIRE -t man` and read with man(1) at WIDTH columns.
"""
import os
import re
import subprocess
import sys
import tempfile

EDGE = "\"'`([{<>}]),;:.!?*"
# What groff's UTF-8 output spells differently from the source.
GLYPHS = str.maketrans({"\u2010": "-", "\u2212": "-", "\u2019": "'",
                        "\u2018": "`", "\u00a0": " ", "\u201c": '"',
                        "\u201d": '"'})


def source_tokens(text):
    """The Markdown's tokens, without the markup characters that never
    reach the page (emphasis, code spans, escapes)."""
    text = re.sub(r"[*`\\]", "", text)
    toks = set(text.split())
    return toks, "\n".join(toks), {t.strip(EDGE) for t in toks}


def segments(line):
    """(start column, text) of the runs of a line apart by 2+ spaces:
    a table's cells, or a paragraph's line."""
    return [(m.start(), m.group()) for m in
            re.finditer(r"\S+(?: \S+)*", line)]


def pairs(lines):
    """Candidate (line number, fragment, continuation) pairs: each line's
    last word with the next line's first, and in tables each cell's last
    word with the word starting the next line at the same column."""
    for i in range(len(lines) - 1):
        a, b = lines[i].rstrip(), lines[i + 1]
        if not a.strip() or not b.strip():
            continue
        yield i + 1, a.split()[-1], b.split()[0]
        segs_b = {start: text for start, text in segments(b)}
        for start, text in segments(a)[:-1]:
            if start in segs_b and start > 0:
                yield i + 1, text.split()[-1], segs_b[start].split()[0]


def cuts(source, rendered):
    toks, blob, words = source_tokens(source)
    lines = rendered.translate(GLYPHS).split("\n")
    found = []
    for num, frag, cont in pairs(lines):
        frag = frag.lstrip(EDGE + "\u2022")
        if not frag or not cont or not frag[-1].isalnum() or \
                not cont[0].isalnum():
            continue
        join = (frag + cont).rstrip(EDGE)
        if join in blob and frag.rstrip(EDGE) not in words:
            found.append((num, frag, cont))
    return found


def render(quire, md, width, tmp):
    page = os.path.join(tmp, "page.7")
    r = subprocess.run([quire, "-q", "-t", "man", "-o", page, md],
                       capture_output=True)
    if r.returncode != 0:
        return None
    env = dict(os.environ, MANWIDTH=str(width), MAN_KEEP_FORMATTING="",
               LC_ALL="C.UTF-8")
    man = subprocess.run(["man", "-l", page], capture_output=True,
                         env=env)
    col = subprocess.run(["col", "-bx"], input=man.stdout,
                         capture_output=True)
    return col.stdout.decode("utf-8", "replace")


def corpus(quire, width, dirs):
    with tempfile.TemporaryDirectory() as tmp:
        for d in dirs:
            pages = cut_pages = total = failed = 0
            for name in sorted(os.listdir(d)):
                if not (name.endswith(".md") or name.endswith(".md.in")):
                    continue
                md = os.path.join(d, name)
                text = render(quire, md, width, tmp)
                if text is None:
                    failed += 1
                    continue
                with open(md, encoding="utf-8", errors="replace") as f:
                    n = len(cuts(f.read(), text))
                pages += 1
                cut_pages += n > 0
                total += n
                if n and os.environ.get("MANWORDS_VERBOSE"):
                    print(f"  {name}: {n}")
            print(f"{d}: width {width}: {cut_pages} of {pages} pages cut "
                  f"{total} words ({failed} not published)")


def main(argv):
    if len(argv) >= 4 and argv[0] == "--corpus":
        corpus(argv[1], int(argv[2]), argv[3:])
        return 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", errors="replace") as f:
        source = f.read()
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        rendered = f.read()
    found = cuts(source, rendered)
    for num, frag, cont in found:
        print(f"line {num}: {frag} | {cont}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
