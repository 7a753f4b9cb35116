"""Evaluate NER on MSRA-format data: strict spans, per type, and throughput."""
from __future__ import annotations

import time
from pathlib import Path

from .spans import TYPE_NAMES, SpanScore, tags_to_spans


def load_tagged(path: Path | str, limit: int = 0) -> list[tuple[str, set]]:
    """(sentence, gold spans) from a char-per-line file; tags in BMES, BIOES or BIO."""
    from .training import read_msra

    out = []
    for sent in read_msra(Path(path)):
        text = "".join(c for c, _ in sent)
        gold = {(TYPE_NAMES.get(k, k), b, e) for k, b, e in tags_to_spans([t for _, t in sent])}
        out.append((text, gold))
        if limit and len(out) >= limit:
            break
    return out


def evaluate_engine(engine, data: list[tuple[str, set]]) -> dict:
    sentences = [s for s, _ in data]
    engine.predict(sentences[:1])  # load the model outside the timing
    started = time.perf_counter()
    predicted = engine.predict(sentences)
    seconds = time.perf_counter() - started
    score = SpanScore()
    for (_, gold), spans in zip(data, predicted):
        score.add(gold, {(s.type, s.start, s.end) for s in spans})
    report = score.report()
    chars = sum(len(s) for s in sentences)
    report["sentences"] = len(sentences)
    report["chars_per_second"] = round(chars / seconds) if seconds else None
    # the numbers depend on it (bf16 where the CPU has it; CNNEWS_NER_PRECISION=fp32 gives HanLP's own)
    report["precision"] = getattr(engine, "resolved_precision", None)
    return report


def evaluate_model(model: str = "default", data: str | None = None, device: str = "cpu", limit: int = 0) -> dict:
    from .ner import NerEngine
    from .training import msra_file

    engine = NerEngine(model, device=device)
    return evaluate_engine(engine, load_tagged(data or msra_file("test"), limit))


def evaluate_pipeline_persons(model: str = "default", data: str | None = None, device: str = "cpu",
                              limit: int = 0) -> dict:
    """PERSON P/R/F1 of the whole pipeline (normalization + model + rules) on tagged sentences,
    beside the model alone: the rule layer must not lower it."""
    from .io import RawDocument
    from .ner import get_engine
    from .pipeline import Document, process_documents
    from .training import msra_file

    rows = load_tagged(data or msra_file("test"), limit)
    docs = [Document(RawDocument(str(i), "", text=text)) for i, (text, _) in enumerate(rows)]
    process_documents(docs, get_engine(model, device))
    score = SpanScore()
    for (text, gold), d in zip(rows, docs):
        predicted = {("PERSON", m.start, m.end) for m in d.mentions if m.type == "PERSON"}
        score.add({g for g in gold if g[0] == "PERSON"}, predicted)
    return score.report()["overall"]
