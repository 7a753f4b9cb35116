#!/usr/bin/env python3
"""Our inference path against HanLP's own predict, on the whole MSRA test set and the seeds' sentences.

    python benchmarks/compare_hanlp.py [--precisions fp32,bf16,int8] [--json out.json]

For each precision: how many sentences get other spans than HanLP's ``predict`` (fp32 must give
none), strict MSRA test F1, and chars/s of both paths at one thread. tests/test_inference.py runs the
fp32 comparison on a slice.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--precisions", default="fp32,bf16,int8")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import torch

    from cnnews_ner.evaluation import load_tagged
    from cnnews_ner.inference import FastTagger
    from cnnews_ner.ner import MODEL_ALPHABET, NerEngine
    from cnnews_ner.normalize import normalize
    from cnnews_ner.segment import split_sentences
    from cnnews_ner.spans import SpanScore, TYPE_NAMES
    from cnnews_ner.training import msra_file

    torch.set_num_threads(1)
    data = load_tagged(msra_file("test"))
    msra = [s.translate(MODEL_ALPHABET) for s, _ in data]
    seeds = [s.text.translate(MODEL_ALPHABET) for p in sorted((ROOT / "seeds").glob("*.txt"))
             for s in split_sentences(normalize(p.read_text(encoding="utf-8")).text) if not s.boilerplate]
    component = NerEngine("default", "cpu", precision="fp32")._load()

    def hanlp(sentences):
        raw = component.predict([list(s) for s in sentences], batch_size=256)
        return [[(kind, b, e) for _, kind, b, e in entities] for entities in raw]

    def f1(predicted):
        score = SpanScore()
        for (_, gold), spans in zip(data, predicted):
            score.add(gold, {(TYPE_NAMES[k], b, e) for k, b, e in spans})
        return score.report()["overall"]["f1"]

    started = time.perf_counter()
    reference = hanlp(msra)
    hanlp_seconds = time.perf_counter() - started
    chars = sum(map(len, msra))
    seed_reference = hanlp(seeds)
    import jieba

    from cnnews_ner.inference import JiebaWordLengths

    lengths = JiebaWordLengths()  # our faster jieba pass against jieba.lcut, on every sentence
    jieba_differing = sum(lengths(s) != [len(w) for w in jieba.lcut(s)] for s in msra + seeds)
    out = {"jieba_word_lengths_differing": jieba_differing, "msra_sentences": len(msra), "seed_sentences": len(seeds), "hanlp_predict_chars_per_s": round(chars / hanlp_seconds),
           "hanlp_f1": f1(reference), "precisions": {}}
    for precision in args.precisions.split(","):
        tagger = FastTagger(component, precision)
        tagger.predict(msra[:100])
        started = time.perf_counter()
        ours = tagger.predict(msra)
        seconds = time.perf_counter() - started
        seed_ours = tagger.predict(seeds)
        out["precisions"][precision] = {
            "chars_per_s": round(chars / seconds), "f1": f1(ours),
            "msra_sentences_differing": sum(a != b for a, b in zip(ours, reference)),
            "seed_sentences_differing": sum(a != b for a, b in zip(seed_ours, seed_reference))}
        print(precision, json.dumps(out["precisions"][precision]), file=sys.stderr)
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
