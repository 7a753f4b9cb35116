#!/usr/bin/env python3
"""Cost against document length, for one document without punctuation: time per character of each
stage and peak memory, from 10 kB to 5 MB of UTF-8.

    python benchmarks/linear.py [--sizes-kb 10,100,1000,5000] [--json out.json]

The text is the MSRA training corpus (many distinct names, so the document's name list grows with
it) with all punctuation, spaces and line breaks removed, repeated when a size needs more. Each size
runs in a fresh process (one thread), so its peak RSS is its own. Flat microseconds per character
across sizes mean linear cost; a flat peak RSS means bounded memory beyond the text and its results.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUNCTUATION = re.compile(r"[\s，。！？；：、,.!?;:（）()“”\"'‘’《》〈〉【】『』「」—\-…·]")


def source_text() -> str:
    from cnnews_ner.training import msra_file, read_msra

    return PUNCTUATION.sub("", "".join(c for sentence in read_msra(msra_file("train")) for c, _ in sentence))


def one(size_bytes: int) -> dict:
    """Time each stage on one document of about ``size_bytes`` UTF-8 bytes (3 bytes a character)."""
    import resource

    import torch

    torch.set_num_threads(1)
    from cnnews_ner.io import RawDocument
    from cnnews_ner.ner import get_engine
    from cnnews_ner.pipeline import Document, stage_normalize, stage_ner, stage_rules, stage_segment

    text = source_text()
    chars = size_bytes // 3
    body = (text * (chars // len(text) + 1))[:chars]
    del text
    engine = get_engine("default", "cpu")
    engine.predict(["预热"])
    doc = Document(RawDocument("long", "", text=body))
    seconds = {}
    for name, stage in (("normalize", lambda: stage_normalize(doc)), ("segment", lambda: stage_segment(doc)),
                        ("ner", lambda: stage_ner([doc], engine)), ("rules", lambda: stage_rules(doc))):
        started = time.perf_counter()
        stage()
        seconds[name] = time.perf_counter() - started
    total = sum(seconds.values())
    return {"bytes": len(body.encode("utf-8")), "chars": len(body), "sentences": len(doc.sentences),
            "longest_sentence": max(s.end - s.start for s in doc.sentences),
            "distinct_people": len({m.text for m in doc.mentions if m.type == "PERSON"}),
            "seconds": round(total, 2), "us_per_char": round(total / len(body) * 1e6, 2),
            "us_per_char_by_stage": {k: round(v / len(body) * 1e6, 2) for k, v in seconds.items()},
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "precision": engine.resolved_precision}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes-kb", default="10,100,1000,5000")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child: one size, in bytes
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for kb in (int(k) for k in args.sizes_kb.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(kb * 1000)], capture_output=True, text=True,
                             check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    text = json.dumps({"document_without_punctuation": rows}, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
