#!/usr/bin/env python3
"""Per-line SHA-1 of a JSON Lines stream, and what the stream covers, for the differential check
of a rules refactor (docs/reliability.md).

    ... | hashlines.py hash OUT.sha1 [COVERAGE]            one hex digest a line, in order
    ... | hashlines.py compare OLD.sha1 [-k 3] [COVERAGE]  the number of lines whose digest
                                                           differs (a line missing on either side
                                                           counts) and the first k line numbers,
                                                           as JSON on stdout (--keep DIR: those
                                                           lines of the new stream, as DIR/N.new)
    hashlines.py coverage IN.jsonl|- COVERAGE              the tables alone

COVERAGE options write tables (markdown) of the lines read, without a second pass:

    --summary FILE   of a --detail summary stream: lines reaching each top condition, myelopathy
                     likelihood, pathway, cervical MRI urgency, severity class, red flag, warning
                     and Cook count
    --rules FILE     of a --detail standard or full stream: lines recommending each action at
                     each urgency, and lines giving each reason of the rules (needs --rules-src)
    --vocab docs/vocabulary.md     every value of the vocabulary is listed, 0 where none reached
    --rules-src crates/stenosis-core/src/rules     where the reasons (`const X: Reason = Reason
                     { id, text, .. }`) are read from. A reason counts for a line when its text is
                     a whole sentence of one of the line's strings (the engine joins the reasons
                     of one statement with ". "); read from the source, so a heuristic, but one
                     that finds every reason of 1de8f44 in its output.

Only the standard library. A line is hashed without its line break.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import sys
from collections import Counter

SHA1 = hashlib.sha1


def lines(stream):
    for raw in stream:
        yield raw[:-1] if raw.endswith(b"\n") else raw


def vocabulary(path):
    """The id lists of docs/vocabulary.md (generated from the core's vocabulary): section name
    (Condition, Pathway, RedFlag, ...) to ids in code order."""
    out, name = {}, None
    if not path:
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"## (\w+) \(", line)
            if m:
                name = m.group(1)
                out[name] = []
                continue
            m = re.match(r"\| \d+ \| `([a-z0-9_]+)` \|", line)
            if m and name:
                out[name].append(m.group(1))
    return out


def rule_reasons(src_dir):
    """Reason id to text, in source order, from the rules' Rust source."""
    pat = re.compile(r'const \w+: Reason = Reason \{\s*id:\s*"([^"]*)",\s*text:\s*"((?:[^"\\]|\\.)*)"', re.S)
    out = {}
    for path in sorted(glob.glob(os.path.join(src_dir, "*.rs"))):
        with open(path, encoding="utf-8") as f:
            for rid, text in pat.findall(f.read()):
                text = re.sub(r"\\\n\s*", "", text).replace('\\"', '"').replace("\\\\", "\\")
                out[rid] = text
    return out


def table(rows, n, errors, header="value"):
    out = ["lines: %d (error records: %d)" % (n, errors), ""]
    out.append("| field | %s | lines | share |" % header)
    out.append("|---|---|---:|---:|")
    for k, v, c in rows:
        out.append("| %s | %s | %d | %.2f%% |" % (k, v, c, 100.0 * c / max(n, 1)))
    return "\n".join(out) + "\n"


def is_error(line):
    return line.startswith(b'{"error"') or b'"error":{' in line[:300]


class SummaryCoverage:
    # summary field -> vocabulary section
    FIELDS = [("top_condition", "Condition"), ("myelopathy_likelihood", "Likelihood"), ("pathway", "Pathway"),
              ("cervical_mri_urgency", "Urgency"), ("severity_class", "SeverityClass"),
              ("red_flags", "RedFlag"), ("warnings", "Warning"), ("cook", None)]

    def __init__(self, vocab):
        self.vocab = vocab
        self.n = self.errors = 0
        self.counts = Counter()

    def add(self, line):
        self.n += 1
        if is_error(line):
            self.errors += 1
            return
        rec = json.loads(line)
        for k, _ in self.FIELDS:
            if k == "cook":
                self.counts[(k, "%s of %s" % (rec.get("cook_positive"), rec.get("cook_assessed")))] += 1
                continue
            v = rec.get(k)
            for x in v if isinstance(v, list) else [v]:
                self.counts[(k, "null" if x is None else str(x))] += 1

    def table(self):
        rows = []
        for k, section in self.FIELDS:
            listed = list(self.vocab.get(section, [])) if section else []
            if k in ("cervical_mri_urgency", "severity_class"):
                listed.append("null")
            seen = sorted((v for (f, v) in self.counts if f == k and v not in listed),
                          key=lambda v: (-self.counts[(k, v)], v))
            rows += [(k, v, self.counts[(k, v)]) for v in listed + seen]
        return table(rows, self.n, self.errors)


class RulesCoverage:
    ACTION = re.compile(rb'"action":\s*"([a-z0-9_]+)",\s*"urgency":\s*"([a-z]+)"')

    def __init__(self, vocab, reasons):
        self.vocab = vocab
        self.reasons = reasons
        self.n = self.errors = 0
        self.actions = Counter()
        self.fired = Counter()
        self.cache = {}

    def reasons_in(self, tok):
        r = self.cache.get(tok)
        if r is None:
            s = json.loads(b'"' + tok + b'"') if b"\\" in tok else tok.decode("utf-8")
            r = self.cache[tok] = frozenset(rid for rid, t in self.reasons.items() if sentence_in(t, s))
        return r

    def add(self, line):
        self.n += 1
        if is_error(line):
            self.errors += 1
            return
        for a, u in set(self.ACTION.findall(line)):
            self.actions[(a.decode(), u.decode())] += 1
        if self.reasons:
            hit = set()
            for tok in line.split(b'"'):
                if len(tok) >= 40:
                    hit |= self.reasons_in(tok)
            self.fired.update(hit)

    def table(self):
        urg = self.vocab.get("Urgency", [])
        keys = [(a, u) for a in self.vocab.get("Action", []) for u in urg]
        keys += sorted(k for k in self.actions if k not in keys)
        rows = [("action", "%s %s" % k, self.actions[k]) for k in keys]
        out = table(rows, self.n, self.errors, "action urgency")
        if self.reasons:
            reached = sum(1 for r in self.reasons if self.fired[r])
            out += "\nreasons of the rules reached: %d of %d (fewest lines first)\n\n" % (reached, len(self.reasons))
            rows = sorted((("reason", r, self.fired[r]) for r in self.reasons), key=lambda x: (x[2], x[1]))
            out += "\n".join(table(rows, self.n, self.errors, "reason id").split("\n")[2:])
        return out


def sentence_in(text, s):
    """Whether `text` is a whole sentence of `s` (at its start or after ". ", and followed by
    its end or a full stop)."""
    p = s.find(text)
    while p >= 0:
        e = p + len(text)
        if (p == 0 or s[p - 2:p] == ". ") and (e == len(s) or s[e] == "."):
            return True
        p = s.find(text, p + 1)
    return False


def add_coverage_args(p):
    p.add_argument("--summary", metavar="FILE")
    p.add_argument("--rules", metavar="FILE")
    p.add_argument("--vocab")
    p.add_argument("--rules-src")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("hash")
    h.add_argument("out")
    c = sub.add_parser("compare")
    c.add_argument("old")
    c.add_argument("-k", type=int, default=3)
    c.add_argument("--keep", metavar="DIR", help="write the first k differing new lines to DIR/<line>.new")
    v = sub.add_parser("coverage")
    v.add_argument("input")
    for p in (h, c, v):
        add_coverage_args(p)
    a = ap.parse_args()

    vocab = vocabulary(a.vocab)
    covs = []
    if a.summary:
        covs.append((a.summary, SummaryCoverage(vocab)))
    if a.rules:
        covs.append((a.rules, RulesCoverage(vocab, rule_reasons(a.rules_src) if a.rules_src else {})))

    if a.cmd == "coverage":
        src = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
        for line in lines(src):
            for _, cov in covs:
                cov.add(line)
    elif a.cmd == "hash":
        n = 0
        with open(a.out, "w", encoding="ascii") as out:
            for line in lines(sys.stdin.buffer):
                out.write(SHA1(line).hexdigest())
                out.write("\n")
                n += 1
                for _, cov in covs:
                    cov.add(line)
        json.dump({"lines": n}, sys.stdout)
        sys.stdout.write("\n")
    else:
        n = differ = 0
        first = []
        with open(a.old, encoding="ascii") as old:
            for line in lines(sys.stdin.buffer):
                n += 1
                want = old.readline().rstrip("\n")
                if SHA1(line).hexdigest() != want:
                    differ += 1
                    if len(first) < a.k:
                        first.append(n)
                        if a.keep:
                            with open(os.path.join(a.keep, "%d.new" % n), "wb") as f:
                                f.write(line + b"\n")
                for _, cov in covs:
                    cov.add(line)
            old_n = n
            for _ in old:  # lines the new output lacks
                old_n += 1
                differ += 1
                if len(first) < a.k:
                    first.append(old_n)
        json.dump({"lines_new": n, "lines_old": old_n, "differing": differ, "first": first}, sys.stdout)
        sys.stdout.write("\n")
    for path, cov in covs:
        with open(path, "w", encoding="utf-8") as f:
            f.write(cov.table())


if __name__ == "__main__":
    main()
