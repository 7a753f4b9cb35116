#!/usr/bin/env python3
"""Biographies on a development set of our own records (issue 15).

    python benchmarks/biographies_dev.py [--devset FILE] [--json OUT.json] [--verbose]

Reads benchmarks/devsets/biographies_dev.json (documents written by the cnnews-ner team: notices, executive
résumés, dated résumés; Simplified and Traditional), runs the pipeline in this process on CPU, and reports:
the share of records whose person is found (a biographies row of that name in the document), the accuracy
of each field over all gold records (a record not found counts wrong for every field), and precision /
recall / F1 of current posts (person, title, org) read from the careers table and from the offices table
(an offices row matches when its org or org_canonical is the gold org).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devsets" / "biographies_dev.json"
FIELDS = ("gender", "birth", "education", "ethnicity", "birthplace_division", "party")
HELD = ("current", "acting")


def prf(predicted: set, gold: set) -> dict:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": len(gold), "predicted": len(predicted)}


def score(devset: dict, tables: dict, verbose: bool = False) -> dict:
    docs = devset["documents"]
    ids = {d["id"]: f"text-{i}" for i, d in enumerate(docs)}
    bios = {(r["doc_id"], r["name"]): r for r in tables["biographies"]}
    found, right = 0, dict.fromkeys(FIELDS, 0)
    gold_posts = set()
    total = 0
    for d in docs:
        for g in d["records"]:
            total += 1
            row = bios.get((ids[d["id"]], g["name"]))
            found += row is not None
            for f in FIELDS:
                ok = row is not None and row[f] == g[f]
                right[f] += ok
                if verbose and not ok:
                    print(f"{d['id']} {g['name']} {f}: gold {g[f]!r}, got {row[f] if row else None!r}", file=sys.stderr)
            gold_posts |= {(ids[d["id"]], g["name"], t, o) for t, o in g["current"]}
    careers = {(r["doc_id"], r["name"], r["title"], r["org"]) for r in tables["careers"] if r["status"] in HELD}
    offices = set()
    for r in tables["offices"]:
        if r["status"] in HELD:
            key = (r["doc_id"], r["person"], r["title"])
            gold_org = next((g[3] for g in gold_posts if g[:3] == key and g[3] in (r["org"], r["org_canonical"])), None)
            offices.add(key + (gold_org if gold_org is not None else r["org_canonical"] or r["org"],))
    if verbose:
        for name, predicted in (("careers", careers), ("offices", offices)):
            for miss in sorted(gold_posts - predicted):
                print(f"{name} missed: {miss}", file=sys.stderr)
            for extra in sorted(predicted - gold_posts):
                print(f"{name} spurious: {extra}", file=sys.stderr)
    return {"records": total, "documents": len(docs), "person_found": round(found / total, 3),
            "field_accuracy": {f: round(right[f] / total, 3) for f in FIELDS},
            "current_posts_careers": prf(careers, gold_posts), "current_posts_offices": prf(offices, gold_posts)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", default=str(DEVSET),
                        help="records to score (default: the development set; devsets/biographies_heldout.json: "
                             "records written after the rules)")
    parser.add_argument("--json", help="write the numbers as JSON to this file ('-': stdout)")
    parser.add_argument("--verbose", action="store_true", help="every wrong field, missed and spurious post")
    args = parser.parse_args()
    from cnnews_ner import extract

    devset = json.loads(Path(args.devset).read_text(encoding="utf-8"))
    result = extract(texts=[d["text"] for d in devset["documents"]], device="cpu", workers=1)
    numbers = score(devset, result.tables, args.verbose)
    text = json.dumps(numbers, ensure_ascii=False, indent=1)
    if args.json == "-":
        print(text)
    elif args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
