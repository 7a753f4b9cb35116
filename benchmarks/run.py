#!/usr/bin/env python3
"""cnnews-ner benchmark: one run, every number the README reports.

    python benchmarks/run.py [--repeat 3] [--archive-copies 40] [--stream-docs 0] [--json out.json]

Corpora: the seeds; the MSRA test sentences as 5,000 one-sentence documents; a
synthetic archive made by repeating the seeds. Reports end-to-end chars/s of the
pipeline, raw chars/s of the NER model alone on the same sentences, their ratio,
1 vs 2 workers, cold start of `cnnews-ner extract seeds/`, `cnnews-ner --help`,
peak memory, and (with --stream-docs N) peak RSS of a streamed JSONL run of N documents.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "cnnews_ner.cli"]


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"min": round(min(times), 3), "median": round(statistics.median(times), 3)}


def run_cli(args, **kw):
    subprocess.run(CLI + args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def child_peak_rss_mb(args) -> float:
    """Peak RSS of one CLI run, measured in a fresh helper process."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + CLI + args, capture_output=True, text=True)
    return round(int(out.stdout.strip()) / 1024, 1)


def write_jsonl(path: Path, docs):
    with path.open("w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--archive-copies", type=int, default=40, help="seed copies in the synthetic archive")
    ap.add_argument("--stream-docs", type=int, default=0, help="also stream N MSRA documents and report peak RSS")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    os.chdir(ROOT)

    from cnnews_ner.api import raw_documents
    from cnnews_ner.evaluation import load_tagged
    from cnnews_ner.ner import get_engine
    from cnnews_ner.pipeline import Document, stage_normalize, stage_segment
    from cnnews_ner.runner import collect, map_documents
    from cnnews_ner.training import msra_file

    seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    msra = [(f"msra-{i}", s) for i, (s, _) in enumerate(load_tagged(msra_file("test")))]
    archive = [(f"{i:04d}-{d}", t) for i in range(args.archive_copies) for d, t in seeds]
    corpora = {"seeds": seeds, "msra_test_5000_docs": msra, "archive": archive}

    import torch

    # Throughput is compared at one thread: the pipeline's share of the model's speed is then the
    # cost of everything but the model; parallel speed is the 1 vs 2 worker figure.
    torch.set_num_threads(1)
    engine = get_engine("default", "cpu")
    engine.predict(["预热"])
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "processor": platform.processor() or platform.machine()}, "corpora": {}}
    tmp = Path(tempfile.mkdtemp())
    for name, docs in corpora.items():
        chars = sum(len(t) for _, t in docs)
        jsonl = tmp / f"{name}.jsonl"
        write_jsonl(jsonl, docs)
        # the model alone, on the very sentences the pipeline sends it
        prepared = []
        for d in raw_documents([str(jsonl)]):
            doc = Document(d)
            stage_normalize(doc)
            stage_segment(doc)
            prepared.extend(s.text for s in doc.sentences if not s.boilerplate)
        model_t = timed(lambda: engine.predict(prepared), args.repeat)
        pipe_t = timed(lambda: collect(map_documents(raw_documents([str(jsonl)]), "default", "cpu", 1)), args.repeat)
        entry = {"documents": len(docs), "chars": chars,
                 "model_chars_per_s": round(chars / model_t["min"]), "pipeline_chars_per_s": round(chars / pipe_t["min"]),
                 "pipeline_share_of_model": round(model_t["min"] / pipe_t["min"], 3),
                 "model_seconds": model_t, "pipeline_seconds": pipe_t}
        if name == "archive":
            big = tmp / "archive-x3.jsonl"  # a longer run, so that starting the workers is a small part of it
            write_jsonl(big, [(f"{k}-{d}", t) for k in range(3) for d, t in docs])
            w1 = timed(lambda: run_cli(["extract", str(big), "--out", str(tmp / "w1"), "--workers", "1"]), args.repeat)
            w2 = timed(lambda: run_cli(["extract", str(big), "--out", str(tmp / "w2"), "--workers", "2"]), args.repeat)
            entry.update({"workers_documents": 3 * len(docs), "cli_workers_1_seconds": w1, "cli_workers_2_seconds": w2,
                          "speedup_2_workers": round(w1["min"] / w2["min"], 2)})
        results["corpora"][name] = entry
        print(name, json.dumps(entry), file=sys.stderr)
    results["cold_start_extract_seeds_seconds"] = timed(lambda: run_cli(["extract", "seeds/"]), args.repeat)
    results["help_seconds"] = timed(lambda: run_cli(["--help"]), args.repeat)
    results["peak_rss_mb_extract_seeds"] = child_peak_rss_mb(["extract", "seeds/", "--workers", "1"])
    if args.stream_docs:
        big = tmp / "stream.jsonl"
        write_jsonl(big, ((f"d{i}", msra[i % len(msra)][1]) for i in range(args.stream_docs)))
        small = tmp / "stream-small.jsonl"
        write_jsonl(small, ((f"d{i}", msra[i % len(msra)][1]) for i in range(max(1, args.stream_docs // 10))))
        results["stream"] = {
            "documents": args.stream_docs,
            "peak_rss_mb": child_peak_rss_mb(["extract", str(big), "--out", str(tmp / "s"), "--format", "jsonl", "--workers", "1"]),
            "peak_rss_mb_tenth": child_peak_rss_mb(["extract", str(small), "--out", str(tmp / "s10"), "--format", "jsonl", "--workers", "1"]),
        }
    text = json.dumps(results, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
