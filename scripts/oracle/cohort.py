#!/usr/bin/env python3
"""A broad, deterministic random cohort of Presentations (JSON Lines) for the differential check
of a rules refactor (docs/reliability.md, "Differential check of a rules refactor").

    python3 scripts/oracle/cohort.py --schema SCHEMA.json --repo . --seed 1 -n 300000 > cohort.jsonl

The fields, the finding ids, the finding groups and the value ranges are read from the JSON Schema
of a Presentation (`stenosis schema`, or docs/presentation.schema.json), not copied here: a finding
added to the vocabulary is drawn without editing this file. What is written here is where the
rules put their thresholds, so that values on and either side of each are drawn often:

  age_years                 > 65 (LSS_AGE_OVER, differential.rs), > 45 (COOK_AGE_OVER,
                            myelopathy.rs), < 18 (myelopathy.rs)
  mjoa                      every value 0-18 (severity bands 18 / 15-17 / 12-14 / <=11,
                            MJOA_DEFICIT_MAX 14, MJOA_MAX 18)
  ankle_brachial_index      <= 0.90 (ABI_ABNORMAL_MAX), < 1.00 (ABI_NORMAL_MIN), <= 1.40
                            (ABI_NONCOMPRESSIBLE_ABOVE), differential.rs
  symptom_duration_months   <= 14 / 30.4375 (RECENT_ONSET_MONTHS, differential.rs), <= 1.0
                            (GBS_ONSET_MONTHS, localisation.rs)

Rows come from five generators (shares below): sparse random findings, dense random findings,
findings of one to three schema groups switched on together, every finding recorded, and the
Presentations of the vignettes and example cases in the repository (tests/vignettes,
tests/vignettes-v2/cases, examples/cases), mutated. Every row is valid input (the batch must exit 0)
and carries an `id` (mostly `o<line>`, sometimes another valid key, sometimes none).

Only the standard library; the same seed, schema and vignettes give the same bytes.
"""

import argparse
import glob
import json
import os
import random
import re
import sys

STATUSES = ("present", "absent")

RECENT_ONSET_MONTHS = 14 / 30.4375  # the same f64 as the Rust constant (one correctly rounded division)

AGE_EDGES = [0, 1, 17, 18, 19, 44, 45, 46, 64, 65, 66, 109, 110, 111, 119, 120]
ABI_EDGES = [
    0.0, 0.01, 0.5, 0.89, 0.8999999999999999, 0.9, 0.9000000000000001, 0.91, 0.95, 0.99,
    0.9999999999999999, 1.0, 1.0000000000000002, 1.01, 1.2, 1.39, 1.3999999999999999, 1.4,
    1.4000000000000001, 1.41, 1.6, 2.0, 2.99, 3.0,
]
DURATION_EDGES = [
    0.0, 0.01, 0.1, 0.2, 0.4, 0.45, 0.46, RECENT_ONSET_MONTHS,
    RECENT_ONSET_MONTHS - 1e-12, RECENT_ONSET_MONTHS + 1e-12, 0.5, 0.7, 0.99, 0.9999999999999999, 1.0,
    1.0000000000000002, 1.01, 1.5, 3, 6, 12, 24, 36, 40, 120, 600, 1199.5, 1200.0,
]
ODD_IDS = ["a", "A.b:c-d_e", "0", "x" * 64, "patient:0001", "MRN-77.3", "_", "9.9.9"]

# Generator shares, in order: (name, weight).
MIXTURE = [
    ("sparse", 30),
    ("dense", 15),
    ("groups", 20),
    ("complete", 5),
    ("vignette", 30),
]


def load_schema(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    props = schema["properties"]
    findings = props["findings"]["properties"]
    ids = sorted(findings)
    groups = {}
    for fid in ids:
        groups.setdefault(findings[fid].get("x-group", "other"), []).append(fid)
    return props, ids, groups


def load_vignettes(repo, props):
    """The Presentations of the repository's cases, in file order (a case file holds one under
    `presentation`; an example file is one; a .jsonl file is one per line)."""
    out = []
    pats = ["tests/vignettes/*.json", "tests/vignettes-v2/cases/*.json", "examples/cases/*.json",
            "examples/cases/*.jsonl"]
    for pat in pats:
        for path in sorted(glob.glob(os.path.join(repo, pat))):
            with open(path, encoding="utf-8") as f:
                texts = f.read().splitlines() if path.endswith(".jsonl") else [f.read()]
            for t in texts:
                if not t.strip():
                    continue
                doc = json.loads(t)
                p = doc.get("presentation", doc) if isinstance(doc, dict) else None
                if valid(p, props):
                    out.append(p)
    return out


def valid(p, props):
    """Whether a Presentation keeps to the schema (the example cohort holds bad lines on purpose:
    they are left out, the cohort being all valid input)."""
    if not isinstance(p, dict) or not set(p) <= set(props):
        return False
    for k, v in p.items():
        s = props[k]
        if v is None:
            continue
        if k == "findings":
            allowed = s["properties"]
            if not isinstance(v, dict) or any(f not in allowed or st not in allowed[f]["enum"] for f, st in v.items()):
                return False
        elif "enum" in s:
            if v not in s["enum"]:
                return False
        elif k == "id":
            if not isinstance(v, str) or not re.fullmatch(s["pattern"].strip("^$"), v):
                return False
        else:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not s["minimum"] <= v <= s["maximum"]:
                return False
            if "integer" in s["type"] and not float(v).is_integer():
                return False
    return True


class Gen:
    def __init__(self, rnd, props, ids, groups, vignettes):
        self.r = rnd
        self.props = props
        self.ids = ids
        self.groups = groups
        self.group_names = sorted(groups)
        self.vignettes = vignettes
        self.sex_ids = [v for v in props["sex"]["enum"] if v is not None]
        self.course_ids = [v for v in props["course"]["enum"] if v is not None]
        self.age_max = props["age_years"]["maximum"]
        self.mjoa_max = props["mjoa"]["maximum"]
        self.abi_max = props["ankle_brachial_index"]["maximum"]
        self.dur_max = props["symptom_duration_months"]["maximum"]

    # ---- scalars ---------------------------------------------------------------------------

    def absent_value(self, p, key):
        """Leave the field out (mostly) or give it as null."""
        p.pop(key, None)
        if self.r.random() < 0.15:
            p[key] = None

    def age(self, p, missing=0.3):
        r = self.r
        if r.random() < missing:
            return self.absent_value(p, "age_years")
        if r.random() < 0.5:
            p["age_years"] = r.choice([a for a in AGE_EDGES if a <= self.age_max])
        elif r.random() < 0.8:
            p["age_years"] = r.randint(30, 90)
        else:
            p["age_years"] = r.randint(0, self.age_max)

    def sex(self, p, missing=0.2):
        if self.r.random() < missing:
            return self.absent_value(p, "sex")
        p["sex"] = self.r.choice(self.sex_ids)

    def course(self, p, missing=0.35):
        if self.r.random() < missing:
            return self.absent_value(p, "course")
        p["course"] = self.r.choice(self.course_ids)

    def mjoa(self, p, missing=0.6):
        if self.r.random() < missing:
            return self.absent_value(p, "mjoa")
        p["mjoa"] = self.r.randint(0, self.mjoa_max)

    def abi(self, p, missing=0.7):
        r = self.r
        if r.random() < missing:
            return self.absent_value(p, "ankle_brachial_index")
        x = r.random()
        if x < 0.5:
            v = r.choice(ABI_EDGES)
        elif x < 0.8:
            v = r.randint(0, 160) / 100
        elif x < 0.95:
            v = r.uniform(0.0, 1.6)
        else:
            v = r.uniform(0.0, self.abi_max)
        p["ankle_brachial_index"] = min(v, self.abi_max)

    def duration(self, p, missing=0.4):
        r = self.r
        if r.random() < missing:
            return self.absent_value(p, "symptom_duration_months")
        x = r.random()
        if x < 0.45:
            v = r.choice(DURATION_EDGES)
        elif x < 0.7:
            v = r.randint(0, 160) / 4
        elif x < 0.8:
            v = r.randint(0, 40)  # an integer in the JSON
        elif x < 0.95:
            v = r.uniform(0.0, 40.0)
        else:
            v = r.uniform(0.0, self.dur_max)
        p["symptom_duration_months"] = min(v, self.dur_max)

    def scalars(self, p, **missing):
        self.age(p, missing.get("age", 0.3))
        self.sex(p, missing.get("sex", 0.2))
        self.course(p, missing.get("course", 0.35))
        self.duration(p, missing.get("duration", 0.4))
        self.mjoa(p, missing.get("mjoa", 0.6))
        self.abi(p, missing.get("abi", 0.7))

    # ---- findings --------------------------------------------------------------------------

    def status(self, p_present):
        return "present" if self.r.random() < p_present else "absent"

    def random_findings(self, p_known, p_present):
        f = {}
        for fid in self.ids:
            if self.r.random() < p_known:
                f[fid] = self.status(p_present)
            elif self.r.random() < 0.02:
                f[fid] = "unknown"  # said explicitly: the same as left out
        return f

    def gen_sparse(self):
        r = self.r
        p = {}
        self.scalars(p)
        p_known = r.choice([0.0, 0.02, 0.05, 0.08, 0.12, 0.2])
        p["findings"] = self.random_findings(p_known, r.choice([0.3, 0.5, 0.7, 0.9]))
        if not p["findings"] and r.random() < 0.3:
            del p["findings"]
        return p

    def gen_dense(self):
        r = self.r
        p = {}
        self.scalars(p, age=0.15, course=0.2, duration=0.25, mjoa=0.4, abi=0.5)
        p["findings"] = self.random_findings(r.choice([0.3, 0.5, 0.7]), r.choice([0.1, 0.3, 0.5, 0.8]))
        return p

    def gen_groups(self):
        """One to three groups of findings recorded together (mostly present), a few others."""
        r = self.r
        p = {}
        self.scalars(p, age=0.2, course=0.25, duration=0.3, mjoa=0.5, abi=0.6)
        f = self.random_findings(r.choice([0.0, 0.03, 0.1]), 0.5)
        for g in r.sample(self.group_names, r.randint(1, 3)):
            p_in = r.choice([0.4, 0.7, 1.0])
            p_present = r.choice([0.5, 0.8, 1.0])
            for fid in self.groups[g]:
                if r.random() < p_in:
                    f[fid] = self.status(p_present)
        p["findings"] = f
        return p

    def gen_complete(self):
        """Every finding recorded (an examination complete in every respect)."""
        r = self.r
        p = {}
        self.scalars(p, age=0.05, sex=0.05, course=0.1, duration=0.1, mjoa=0.3, abi=0.3)
        p["findings"] = {fid: self.status(r.choice([0.05, 0.15, 0.3, 0.6])) for fid in self.ids}
        return p

    def gen_vignette(self):
        """A case from the repository with 0 to 6 findings changed and sometimes a scalar moved
        (to an edge value or away)."""
        r = self.r
        base = r.choice(self.vignettes)
        p = json.loads(json.dumps(base))
        p.pop("id", None)
        f = dict(p.get("findings") or {})
        for _ in range(r.choice([0, 0, 1, 1, 2, 3, 4, 6])):
            fid = r.choice(self.ids)
            x = r.random()
            if x < 0.4:
                f[fid] = "present"
            elif x < 0.7:
                f[fid] = "absent"
            else:
                f.pop(fid, None)
        if f or "findings" in p:
            p["findings"] = f
        movers = [self.age, self.sex, self.course, self.duration, self.mjoa, self.abi]
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            r.choice(movers)(p, 0.2)
        return p

    def row(self, n):
        r = self.r
        kind = r.choices([k for k, _ in MIXTURE], weights=[w for _, w in MIXTURE])[0]
        p = getattr(self, "gen_" + kind)()
        x = r.random()
        if x < 0.9:
            p["id"] = "o%07d" % n
        elif x < 0.95:
            p["id"] = r.choice(ODD_IDS)
        elif x < 0.97:
            p["id"] = None
        # Key order: the schema's, mostly; sometimes shuffled (the reader takes any order).
        order = [k for k in self.props if k in p]
        if r.random() < 0.1:
            r.shuffle(order)
        else:
            order.sort(key=list(self.props).index)
        return {k: p[k] for k in order}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--schema", required=True, help="the Presentation JSON Schema (stenosis schema)")
    ap.add_argument("--repo", required=True, help="the checkout whose vignettes are mutated")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=300_000, help="lines (default 300000)")
    a = ap.parse_args()
    props, ids, groups = load_schema(a.schema)
    vignettes = load_vignettes(a.repo, props)
    if not vignettes:
        sys.exit("cohort.py: no vignettes found under " + a.repo)
    g = Gen(random.Random(a.seed), props, ids, groups, vignettes)
    out = sys.stdout
    for n in range(1, a.n + 1):
        out.write(json.dumps(g.row(n), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
