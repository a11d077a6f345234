#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/pdfua.py - the machine-checkable conditions of PDF/UA-1
(ISO 14289-1) and the Matterhorn Protocol that quire's PDFs must meet,
checked as a validator would (veraPDF is not packaged in Debian).

usage: pdfua.py FILE.pdf...          one line per file: "ok FILE" or
                                     "FILE: what is wrong" (several);
                                     exit 1 when any file fails
       pdfua.py --from LIST          the same for the files LIST names,
                                     one a line (tests/run PDFUA_ALL=1)
       pdfua.py --drop-artifact IN OUT
                                     OUT is IN with its first artifact's
                                     BMC/EMC pair removed (its drawing
                                     left untagged): a PDF the check
                                     must refuse

What is checked (Matterhorn checkpoint numbers in brackets):
  - the catalog: /MarkInfo /Marked true (01-001), /Lang (11-001),
    /StructTreeRoot with a /ParentTree (01-002), /ViewerPreferences
    /DisplayDocTitle true (07-001), XMP metadata with dc:title (06-003)
    and pdfuaid:part 1 (06-002); the PDF version is 1.7;
  - every painting operator (text, images, paths, shadings) of every
    page's content stream lies inside a marked-content sequence with an
    MCID or inside an /Artifact (01-003, 01-004), and no MCID sequence
    nests in another;
  - every MCID of a page is claimed by exactly one structure element,
    that the page's /ParentTree entry names (01-005, 01-006), and no
    element claims an MCID the page lacks;
  - structure types are standard or role-mapped to standard ones
    (02-001, 02-004);
  - Figures have /Alt or /ActualText (13-004); TH cells a /Scope
    (15-003);
  - every link annotation has /Contents (28-004), a /StructParent whose
    /ParentTree entry is a Link element holding an OBJR to it (28-011),
    and a page with annotations has /Tabs /S (28-008); a Link holding
    an annotation holds the link's text (or picture) too, not only the
    OBJR (ISO 14289-1 7.18.5);
  - /Lang on an element is a language tag (11-006);
  - poppler's `pdfinfo -struct` reads the tree with no "Syntax Error".
"""
import hashlib
import os
import re
import subprocess
import sys
from multiprocessing import Pool

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD = set("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct
Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody
TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form
""".split())

PAINT = {"Tj", "TJ", "'", '"', "Do", "INLINE IMAGE", "BI", "sh", "f", "F",
         "f*", "S", "s", "B", "B*", "b", "b*"}
# What the content check reads of a page (parse_content_stream's filter).
WANTED = " ".join(sorted(PAINT - {"INLINE IMAGE"} | {"ID", "EI", "BMC",
                                                     "BDC", "EMC"}))


def objkey(o):
    """An indirect object's identity, for comparing pages and annots."""
    try:
        return o.objgen
    except Exception:
        return id(o)


def numtree(node, out, depth=0):
    """Flatten a number tree into out {key: value}."""
    if depth > 32:
        return
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    if "/Kids" in node:
        for k in node.Kids:
            numtree(k, out, depth + 1)


def props_mcid(op_args, resources):
    """The MCID of a BDC's property list (inline or named), or None."""
    if len(op_args) < 2:
        return None
    p = op_args[1]
    if isinstance(p, Name):
        try:
            p = resources.Properties[p]
        except Exception:
            return None
    if isinstance(p, Dictionary) and "/MCID" in p:
        return int(p.MCID)
    return None


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def err(self, msg):
        if len(self.errors) < 40:
            self.errors.append(msg)

    def run(self):
        try:
            pdf = pikepdf.open(self.path)
        except Exception as e:
            self.err("cannot open: %s" % e)
            return self.errors
        with pdf:
            self.catalog(pdf)
            self.empty = True
            claims = self.tree(pdf)
            self.pages(pdf, claims)
        # An empty tree is right only for a document with nothing in
        # it to tag.
        if self.empty and self.tagged:
            self.err("an empty structure tree")
        if not self.empty:
            self.poppler()
        return self.errors

    # --- catalog and metadata ------------------------------------------
    def catalog(self, pdf):
        root = pdf.Root
        if pdf.pdf_version != "1.7":
            self.err("PDF version %s, not 1.7" % pdf.pdf_version)
        mi = root.get("/MarkInfo")
        if mi is None or mi.get("/Marked") is not True:
            self.err("no /MarkInfo /Marked true")
        lang = root.get("/Lang")
        if lang is None or str(lang).strip() == "":
            self.err("no /Lang in the catalog")
        vp = root.get("/ViewerPreferences")
        if vp is None or vp.get("/DisplayDocTitle") is not True:
            self.err("no /ViewerPreferences /DisplayDocTitle true")
        md = root.get("/Metadata")
        if md is None:
            self.err("no XMP /Metadata")
        else:
            x = md.read_bytes().decode("utf-8", "replace")
            if not re.search(r"pdfuaid:part(>\s*1\s*<|\s*=\s*[\"']1[\"'])",
                             x):
                self.err("XMP metadata without pdfuaid:part 1")
            if "dc:title" not in x:
                self.err("XMP metadata without dc:title")
        if "/StructTreeRoot" not in root:
            self.err("no /StructTreeRoot")
        elif "/ParentTree" not in root.StructTreeRoot:
            self.err("/StructTreeRoot without /ParentTree")

    # --- the structure tree --------------------------------------------
    def tree(self, pdf):
        """Walk the tree: returns {(page, mcid): [elements]} and checks
        each element; self.objr maps annotations to their elements."""
        claims = {}
        self.objr = {}
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return claims
        rolemap = root.get("/RoleMap", Dictionary())
        seen = set()
        stack = []
        k = root.get("/K")
        kids = list(k) if isinstance(k, Array) else [k] if k is not None \
            else []
        self.empty = not kids
        for c in kids:
            stack.append((c, None))
        count = 0
        self.links = []
        while stack:
            e, pg = stack.pop()
            if not isinstance(e, Dictionary) or "/S" not in e:
                self.err("a structure kid that is not an element")
                continue
            key = objkey(e)
            if key in seen:
                self.err("an element reached twice")
                continue
            seen.add(key)
            count += 1
            pg = e.get("/Pg", pg)
            self.element(e, rolemap)
            if str(e.S) == "/Link":
                self.links.append(e)
            k = e.get("/K")
            items = list(k) if isinstance(k, Array) else \
                [] if k is None else [k]
            for it in reversed(items):
                self.kid(e, it, pg, claims, stack)
        self.nelems = count
        for e in self.links:
            if self.has_objr(e) and not self.has_content(e, 0) and \
                    "/Alt" not in e:
                self.err("a Link holding only its annotation, not the "
                         "link's text (nor an /Alt)")
                break
        return claims

    @staticmethod
    def kids_of(e):
        k = e.get("/K")
        return list(k) if isinstance(k, Array) else [] if k is None \
            else [k]

    def has_objr(self, e):
        return any(isinstance(c, Dictionary) and c.get("/Type") == "/OBJR"
                   for c in self.kids_of(e))

    def has_content(self, e, depth):
        """e holds marked content, itself or in an element below."""
        if depth > 64:
            return False
        for c in self.kids_of(e):
            if not isinstance(c, Dictionary):
                return True                     # an MCID
            if c.get("/Type") == "/MCR":
                return True
            if "/S" in c and self.has_content(c, depth + 1):
                return True
        return False

    def element(self, e, rolemap):
        s = str(e.S)[1:]
        t = s
        for _ in range(8):
            if t in STANDARD or ("/" + t) not in rolemap:
                break
            t = str(rolemap["/" + t])[1:]
        if t not in STANDARD:
            self.err("structure type /%s is not standard nor mapped" % s)
        if "/Lang" in e and not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*",
                                             str(e.Lang)):
            self.err("/Lang %r is not a language tag" % str(e.Lang))
        if t == "Figure" and "/Alt" not in e and "/ActualText" not in e:
            self.err("a Figure without /Alt")
        if t == "TH":
            a = e.get("/A")
            attrs = list(a) if isinstance(a, Array) else \
                [] if a is None else [a]
            if not any(isinstance(x, Dictionary) and "/Scope" in x
                       for x in attrs):
                self.err("a TH without /Scope")

    def kid(self, e, it, pg, claims, stack):
        if isinstance(it, int) or (hasattr(it, "is_integer") and False):
            if pg is None:
                self.err("an MCID with no /Pg")
                return
            claims.setdefault((objkey(pg), int(it)), []).append(e)
        elif isinstance(it, Dictionary) and it.get("/Type") == "/MCR":
            p = it.get("/Pg", pg)
            if p is None or "/MCID" not in it:
                self.err("an MCR with no /Pg or /MCID")
                return
            claims.setdefault((objkey(p), int(it.MCID)), []).append(e)
        elif isinstance(it, Dictionary) and it.get("/Type") == "/OBJR":
            if "/Obj" not in it:
                self.err("an OBJR with no /Obj")
                return
            self.objr.setdefault(objkey(it.Obj), []).append(e)
        elif isinstance(it, Dictionary):
            stack.append((it, pg))
        else:
            try:
                claims.setdefault((objkey(pg), int(it)), []).append(e)
            except Exception:
                self.err("a structure kid of an unknown kind")

    # --- pages: marked content, parent tree, annotations ---------------
    def pages(self, pdf, claims):
        st = pdf.Root.get("/StructTreeRoot")
        ptree = {}
        if st is not None and "/ParentTree" in st:
            numtree(st.ParentTree, ptree)
        found = set()
        self.tagged = False
        for n, page in enumerate(pdf.pages, 1):
            mcids = self.content(n, page)
            self.tagged = self.tagged or bool(mcids)
            pkey = objkey(page.obj)
            for m in mcids:
                found.add((pkey, m))
                owners = claims.get((pkey, m), [])
                if len(owners) != 1:
                    self.err("page %d: MCID %d claimed by %d elements" %
                             (n, m, len(owners)))
            if mcids:
                sp = page.obj.get("/StructParents")
                arr = ptree.get(int(sp)) if sp is not None else None
                if not isinstance(arr, Array):
                    self.err("page %d: no /ParentTree entry" % n)
                else:
                    for m in mcids:
                        owners = claims.get((pkey, m), [])
                        if m >= len(arr) or not owners or \
                                objkey(arr[m]) != objkey(owners[0]):
                            self.err("page %d: /ParentTree does not name "
                                     "MCID %d's element" % (n, m))
                            break
            self.annots(n, page, ptree)
        for key in claims:
            if key not in found:
                self.err("an element claims MCID %d of a page that has "
                         "none such" % key[1])
                break

    def content(self, n, page):
        """The MCIDs of page n; errors for untagged painting."""
        res = page.obj.get("/Resources", Dictionary())
        stack = []      # per open sequence: "artifact", "mcid" or None
        mcids = []
        try:
            # Only the operators that matter (BI ID EI so that an inline
            # image comes whole): the rest were most of the checker's
            # time over a test suite's PDFs.
            ops = pikepdf.parse_content_stream(page, WANTED)
        except Exception as e:
            self.err("page %d: content stream unreadable: %s" % (n, e))
            return mcids
        bad = 0
        seen = set()
        art = tagged = 0    # open artifacts and MCID sequences
        for operands, op in ops:
            op = str(op)
            if op == "EMC":
                if not stack:
                    self.err("page %d: EMC without BMC/BDC" % n)
                else:
                    kind = stack.pop()
                    art -= kind == "artifact"
                    tagged -= kind == "mcid"
            elif op in PAINT:
                if not art and not tagged:
                    bad += 1
            elif op in ("BMC", "BDC"):
                tag = str(operands[0]) if operands else ""
                m = props_mcid(operands, res) if op == "BDC" else None
                if tag == "/Artifact":
                    stack.append("artifact")
                    art += 1
                elif m is not None:
                    if tagged:
                        self.err("page %d: MCID %d nested in another" %
                                 (n, m))
                    if art:
                        self.err("page %d: MCID %d inside an artifact" %
                                 (n, m))
                    if m in seen:
                        self.err("page %d: MCID %d used twice" % (n, m))
                    seen.add(m)
                    mcids.append(m)
                    stack.append("mcid")
                    tagged += 1
                else:
                    stack.append(None)
        if stack:
            self.err("page %d: %d marked-content sequences left open" %
                     (n, len(stack)))
        if bad:
            self.err("page %d: %d painting operators neither tagged nor "
                     "artifacts" % (n, bad))
        return mcids

    def annots(self, n, page, ptree):
        annots = page.obj.get("/Annots")
        if annots is None or len(annots) == 0:
            return
        if page.obj.get("/Tabs") != "/S":
            self.err("page %d: annotations but no /Tabs /S" % n)
        for a in annots:
            if a.get("/Subtype") == "/Popup":
                continue
            if "/Contents" not in a:
                self.err("page %d: an annotation without /Contents" % n)
            sp = a.get("/StructParent")
            if sp is None:
                self.err("page %d: an annotation without /StructParent" %
                         n)
                continue
            e = ptree.get(int(sp))
            owners = self.objr.get(objkey(a), [])
            if not isinstance(e, Dictionary) or len(owners) != 1 or \
                    objkey(owners[0]) != objkey(e):
                self.err("page %d: annotation not held by the element its "
                         "/StructParent names" % n)
            elif a.get("/Subtype") == "/Link" and e.get("/S") != "/Link":
                self.err("page %d: a link annotation outside a Link "
                         "element" % n)

    def poppler(self):
        try:
            r = subprocess.run(["pdfinfo", "-struct", self.path],
                               capture_output=True, text=True, timeout=120)
        except Exception as e:
            self.err("pdfinfo -struct: %s" % e)
            return
        if "Syntax Error" in r.stderr or "Syntax Error" in r.stdout:
            line = [x for x in (r.stderr + r.stdout).splitlines()
                    if "Syntax Error" in x][0]
            self.err("pdfinfo -struct: %s" % line[:200])
        elif r.returncode != 0:
            self.err("pdfinfo -struct exits %d" % r.returncode)
        elif not r.stdout.strip():
            self.err("pdfinfo -struct shows no structure")


def drop_artifact(src, dst):
    """Write dst: src with its first artifact's BMC/BDC and EMC gone."""
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            ops = list(pikepdf.parse_content_stream(page))
            depth, start = 0, None
            for i, (operands, op) in enumerate(ops):
                op = str(op)
                if op in ("BMC", "BDC"):
                    if start is None and operands and \
                            str(operands[0]) == "/Artifact":
                        start, depth = i, 0
                    elif start is not None:
                        depth += 1
                elif op == "EMC" and start is not None:
                    if depth == 0:
                        del ops[i]
                        del ops[start]
                        page.obj.Contents = pdf.make_stream(
                            pikepdf.unparse_content_stream(ops))
                        pdf.save(dst)
                        return 0
                    depth -= 1
    print("no artifact in " + src, file=sys.stderr)
    return 1


def digest(path):
    """The file's SHA-256, or its path when it cannot be read (then the
    check says why)."""
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return "unreadable:" + path


def check(path):
    return Checker(path).run()


def main(argv):
    if len(argv) == 4 and argv[1] == "--drop-artifact":
        return drop_artifact(argv[2], argv[3])
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    paths = argv[1:]
    if len(argv) == 3 and argv[1] == "--from":
        with open(argv[2], encoding="utf-8") as f:
            paths = [line.rstrip("\n") for line in f if line.strip()]
    # A suite makes many PDFs twice (the same at -j1 and -j2, run to
    # run): each content is checked once, on every core.
    first = {}
    for path in paths:
        first.setdefault(digest(path), path)
    unique = list(first.values())
    if len(unique) > 8:
        with Pool(os.cpu_count() or 1) as pool:
            found = dict(zip(unique, pool.map(check, unique, 1)))
    else:
        found = {p: check(p) for p in unique}
    rc = 0
    for path in paths:
        errs = found[first[digest(path)]]
        if errs:
            rc = 1
            for e in errs:
                print("%s: %s" % (path, e))
        else:
            print("ok " + path)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
