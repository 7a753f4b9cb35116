#!/usr/bin/env python3
"""People and organizations on a modern development set of our own sentences (issue 16 part 3).

    python benchmarks/modern_people.py [--devset FILE] [--model DIR] [--json OUT.json|-] [--verbose] [--only pipeline|model]

Reads benchmarks/devsets/modern_people.jsonl (sentences written by the cnnews-ner team in today's styles,
PERSON and ORG spans annotated by hand as character offsets; see modern_people.README.md), and scores

- the pipeline: ``cnnews_ner.extract(texts=..., device="cpu", workers=1)``, mentions table types PERSON / ORG
  (one document per sentence, so document offsets are sentence offsets);
- the model alone: ``get_engine("default", "cpu").predict(sentences)`` spans of type PERSON / ORG;

with strict span precision / recall / F1 (type, start and end must all match), overall, per style and on trap
sentences versus the rest, plus the most frequent error kinds (with examples). Runs on CPU; about a minute.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devsets" / "modern_people.jsonl"
TYPES = ("PERSON", "ORG")
KEPT = TYPES + ("LOC",)  # LOC predictions are kept to name type confusions ("ORG typed LOC")
GOLD_KEYS = {"PERSON": "persons", "ORG": "orgs"}
ADDRESS = ("先生", "女士", "小姐", "总", "董", "老师", "教授", "博士", "医生", "师傅", "经理", "律师", "同学", "阿姨",
           "叔", "姐", "哥", "老", "少", "工", "局", "书记", "主任", "部长", "市长", "妈", "爸", "爷", "奶", "大爷", "大妈",
           "大厨", "掌柜", "氏")
LATIN = re.compile(r"[A-Za-z]")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_spans(item: dict) -> set[tuple[str, int, int]]:
    return {(t, s, e) for t in TYPES for s, e in item[GOLD_KEYS[t]]}


def run_pipeline(texts: list[str], model: str = "default") -> list[set[tuple[str, int, int]]]:
    from cnnews_ner import extract

    result = extract(texts=texts, model=model, device="cpu", workers=1)
    out: list[set] = [set() for _ in texts]
    for m in result.tables["mentions"]:
        if m["type"] in KEPT:
            i = int(m["doc_id"].split("-", 1)[1].split("#")[0])
            out[i].add((m["type"], m["start"], m["end"]))
    return out


def run_model(texts: list[str], model: str = "default") -> list[set[tuple[str, int, int]]]:
    from cnnews_ner.ner import get_engine

    return [{(s.type, s.start, s.end) for s in spans if s.type in KEPT} for spans in get_engine(model, "cpu").predict(texts)]


def shape(name: str) -> str:
    if LATIN.search(name) and not re.search(r"[\u4e00-\u9fff]", name):
        return "Latin-script"
    if LATIN.search(name) or re.search(r"\d", name):
        return "mixed / user ID"
    if "·" in name or "-" in name or "‧" in name or "•" in name:
        return "joined by · or -"
    if "某" in name:
        return "某 record name"
    return f"{min(len(name), 5)}{'+' if len(name) >= 5 else ''} characters"


ORG_KINDS = (("company or bank", re.compile(r"(公司|集团|银行|事务所|证券|传媒|电子|电器|科技|控股)$")),
             ("school, hospital or museum", re.compile(r"(大学|学院|中学|小学|幼儿园|医院|博物馆|科技馆|少年宫)$")),
             ("government body or association", re.compile(r"(部|局|委|厅|署|院|政府|法院|协会|委员会|总|联合会|组委会|基金会|国务院)$")),
             ("team or club", re.compile(r"(队|俱乐部|战队|女排|女篮|男篮|女足|国足)$")))


def org_kind(item: dict, name: str) -> str:
    """A rough kind of a gold organization, to group missed ones."""
    if LATIN.search(name):
        return "Latin script"
    for kind, pattern in ORG_KINDS:
        if pattern.search(name):
            return kind
    if item["style"] == "sports":
        return "team or club"
    if item["style"] == "brand":
        return "brand or shop"
    return "media, platform or other"


def inside(text: str, start: int, end: int, left: str, right: str) -> bool:
    """start..end lies between an unclosed ``left`` before it and a ``right`` after it."""
    before = text[:start]
    return before.rfind(left) > before.rfind(right) and text.find(right, end) >= 0


def false_cue(item: dict, t: str, start: int, end: int, gold: set) -> str:
    """Why a predicted span that touches no gold span of its type might have been taken."""
    text = item["text"]
    for g, s, e in gold:
        if g != t and s < end and start < e:
            return f"part of a gold {g}" if (s, e) != (start, end) else f"gold {g}"
    if inside(text, start, end, "《", "》"):
        return "inside 《title》"
    after = text[end:end + 2]
    if t == "PERSON" and end - start <= 2 and any(after.startswith(a) for a in ADDRESS):
        return "surname before a form of address"
    if inside(text, start, end, "“", "”"):
        return "inside quotes"
    if LATIN.search(text[start:end]):
        return "Latin script"
    return "other"


def errors(item: dict, predicted: set, gold: set) -> list[tuple[str, str]]:
    """(kind, example) for every false positive and false negative of PERSON / ORG."""
    text = item["text"]
    found = []
    for t, s, e in sorted(predicted - gold, key=lambda x: x[1]):
        if t not in TYPES:
            continue
        same = [(gs, ge) for gt, gs, ge in gold if gt == t and gs < e and s < ge]
        if any((gs, ge) == (s, e) for _, gs, ge in gold):
            continue  # a gold span of the other type: counted once, as "<gold type> typed <this type>"
        if same:
            gs, ge = same[0]
            if gs <= s and e <= ge:
                kind = "cut short"
            elif s <= gs and ge <= e:
                kind = "too long" + (" (right)" if s == gs else " (left)" if e == ge else "")
            else:
                kind = "crossing"
            found.append((f"{t} boundary: {kind}", f"{item['id']} gold {text[gs:ge]!r} got {text[s:e]!r}"))
        else:
            found.append((f"false {t}: {false_cue(item, t, s, e, gold)}", f"{item['id']} {text[s:e]!r}"))
    for t, s, e in sorted(gold - predicted, key=lambda x: x[1]):
        if any(pt == t and ps < e and s < pe for pt, ps, pe in predicted):
            continue  # counted as a boundary error above
        other = [pt for pt, ps, pe in predicted if (ps, pe) == (s, e) and pt != t]
        if other:
            found.append((f"{t} typed {other[0]}", f"{item['id']} {text[s:e]!r}"))
        elif t == "PERSON":
            found.append((f"missed PERSON: {shape(text[s:e])}", f"{item['id']} {text[s:e]!r}"))
        else:
            found.append((f"missed ORG: {org_kind(item, text[s:e])}", f"{item['id']} {text[s:e]!r}"))
    return found


def prf(tp: int, predicted: int, gold: int) -> dict:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": gold, "predicted": predicted, "correct": tp}


def score(items: list[dict], predictions: list[set], top: int = 20) -> dict:
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    kinds: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for item, predicted in zip(items, predictions):
        gold = gold_spans(item)
        groups = ("all", f"style:{item['style']}", "trap" if item.get("trap") else "no trap")
        for t in TYPES:
            g = {x for x in gold if x[0] == t}
            p = {x for x in predicted if x[0] == t}
            for group in groups:
                counts[group][t].update(tp=len(g & p), predicted=len(p), gold=len(g))
        for kind, example in errors(item, predicted, gold):
            kinds[kind] += 1
            if len(examples[kind]) < 4:
                examples[kind].append(example)

    def table(group: str) -> dict:
        return {t: prf(counts[group][t]["tp"], counts[group][t]["predicted"], counts[group][t]["gold"]) for t in TYPES}

    styles = sorted(g.split(":", 1)[1] for g in counts if g.startswith("style:"))
    return {"overall": table("all"),
            "per_style": {s: table(f"style:{s}") for s in styles},
            "trap_sentences": table("trap"), "other_sentences": table("no trap"),
            "error_kinds": [{"kind": k, "count": n, "examples": examples[k]} for k, n in kinds.most_common(top)]}


def render(name: str, numbers: dict) -> str:
    def row(label: str, t: dict) -> str:
        return f"  {label:<15}" + "".join(
            f"  {x}: P {t[x]['precision']:.3f} R {t[x]['recall']:.3f} F1 {t[x]['f1']:.3f} ({t[x]['gold']:>3} gold)"
            for x in TYPES)

    lines = [f"== {name} =="]
    lines.append(row("overall", numbers["overall"]))
    for s, t in numbers["per_style"].items():
        lines.append(row(s, t))
    lines.append(row("trap sentences", numbers["trap_sentences"]))
    lines.append(row("other", numbers["other_sentences"]))
    lines.append("  error kinds:")
    for e in numbers["error_kinds"]:
        lines.append(f"    {e['count']:>4}  {e['kind']:<42} e.g. {'; '.join(e['examples'][:2])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", default=str(DEVSET), help="JSONL sentences (default: the modern development set)")
    parser.add_argument("--json", help="write the numbers as JSON to this file ('-': stdout, no text report)")
    parser.add_argument("--model", default="default", help="model directory or identifier (default: the shipped one)")
    parser.add_argument("--only", choices=("pipeline", "model"), help="score one system only")
    parser.add_argument("--top", type=int, default=20, help="error kinds to list (default 20)")
    parser.add_argument("--verbose", action="store_true", help="every error, sentence by sentence, on stderr")
    args = parser.parse_args()

    items = load(Path(args.devset))
    texts = [d["text"] for d in items]
    systems = {"pipeline": run_pipeline, "model": run_model}
    if args.only:
        systems = {args.only: systems[args.only]}
    result = {"devset": str(Path(args.devset).name), "model": args.model, "sentences": len(items),
              "styles": dict(Counter(d["style"] for d in items)), "trap_sentences": sum(bool(d.get("trap")) for d in items),
              "gold": {t: sum(len(d[GOLD_KEYS[t]]) for d in items) for t in TYPES}}
    for name, run in systems.items():
        predictions = run(texts, args.model)
        result[name] = score(items, predictions, args.top)
        if args.verbose:
            for item, predicted in zip(items, predictions):
                for kind, example in errors(item, predicted, gold_spans(item)):
                    print(f"{name}\t{kind}\t{example}", file=sys.stderr)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json == "-":
        print(text)
        return 0
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(f"{result['sentences']} sentences ({result['trap_sentences']} with traps), gold PERSON "
          f"{result['gold']['PERSON']}, ORG {result['gold']['ORG']}; styles {result['styles']}")
    for name in systems:
        print(render(name, result[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
