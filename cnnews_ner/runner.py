"""Running the per-document stages over many documents: worker processes, streaming
output with resume, then the corpus reduce (identity).

The map step (read -> normalize -> segment -> NER -> rules) runs in chunks, in this
process or in ``workers`` processes each holding one model; results come back in
input order, so output is deterministic whatever the number of workers.
"""
from __future__ import annotations

import csv
import itertools
import json
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from .io import RawDocument
from .identity import build_index, organization_rows, resolve_people
from .tables import COLUMNS, TABLES, document_rows, reduce_tables, write_tables

# A chunk is what one worker processes at a time and what the model sees as one batch stream: large
# enough that the LSTM runs on full batches (many short documents), small enough to keep memory flat.
CHUNK_CHARS = 100_000
CHUNK_DOCUMENTS = 512
STREAM_TABLES = ("mentions", "offices", "documents")  # documents last: its row marks a document as done

_worker_engine = None


def default_workers() -> int:
    return os.cpu_count() or 1


def _init_worker(model: str, device: str, threads: int) -> None:
    global _worker_engine
    import torch

    torch.set_num_threads(threads)
    from .ner import get_engine

    _worker_engine = get_engine(model, device)


def process_chunk(raws: list[RawDocument], engine=None) -> list[dict[str, list[dict]]]:
    """Per-document rows for a chunk of raw documents (runs in a worker or here)."""
    from .pipeline import Document, process_documents

    docs = [Document(r) for r in raws]
    process_documents(docs, engine or _worker_engine)
    return [document_rows(d) for d in docs]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _document_chunks(raws: Iterable[RawDocument]) -> Iterator[list[RawDocument]]:
    """Documents grouped up to CHUNK_CHARS characters (at least one, at most CHUNK_DOCUMENTS)."""
    chunk: list[RawDocument] = []
    chars = 0
    for raw in raws:
        chunk.append(raw)
        chars += len(raw.text)
        if chars >= CHUNK_CHARS or len(chunk) >= CHUNK_DOCUMENTS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def map_documents(raws: Iterable[RawDocument], model: str = "default", device: str = "auto",
                  workers: int = 1) -> Iterator[dict[str, list[dict]]]:
    """Rows of each document, in input order. Memory holds at most a few chunks per worker."""
    chunks = _document_chunks(raws)
    head = list(itertools.islice(chunks, 2))
    if workers <= 1 or len(head) < 2:  # a small job is faster without starting processes
        import torch

        from .ner import get_engine

        # one worker is one core; a small job that runs here for several workers may use their cores
        torch.set_num_threads(max(1, min(workers, os.cpu_count() or 1)))
        engine = get_engine(model, device)
        for chunk in itertools.chain(head, chunks):
            yield from process_chunk(chunk, engine)
        return
    import multiprocessing

    threads = max(1, (os.cpu_count() or 1) // workers)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_init_worker, initargs=(model, device, threads)) as pool:
        pending: deque = deque()
        for chunk in itertools.chain(head, chunks):
            pending.append(pool.submit(process_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def collect(per_doc: Iterable[dict[str, list[dict]]], progress=None) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for rows in per_doc:
        for name, table_rows in rows.items():
            tables[name].extend(table_rows)
        if progress:
            progress(1)
    return reduce_tables(tables)


# ---- streaming output (csv / jsonl) with resume ------------------------------------------

def _read_rows(path: Path, fmt: str) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8-sig", newline="") as f:
        if fmt == "csv":
            yield from csv.DictReader(f)
        else:
            for line in f:
                if line.endswith("\n"):
                    try:
                        yield json.loads(line)
                    except ValueError:
                        continue


def _append(path: Path, rows: list[dict], columns: list[str], fmt: str, new: bool, excel: bool = False) -> None:
    """One write per batch, flushed: a crash loses at most the batch being written."""
    import io

    buf = io.StringIO()
    if fmt == "csv":
        if new and excel:
            buf.write("\ufeff")
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            buf.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
        f.flush()


def _prepare_resume(out: Path, fmt: str) -> set[str]:
    """doc_ids already complete in ``out``; rows of unfinished documents are dropped so they are redone."""
    done = {r["doc_id"] for r in _read_rows(out / f"documents.{fmt}", fmt)}
    for name in TABLES:
        path = out / f"{name}.{fmt}"
        if not path.exists() or name in ("people", "organizations"):
            continue
        kept = [r for r in _read_rows(path, fmt) if r["doc_id"] in done]
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        _append(tmp, kept, COLUMNS[name], fmt, new=True)
        tmp.replace(path)
    return done


def stream_to_dir(raws: Iterable[RawDocument], out: Path, fmt: str, model: str = "default", device: str = "auto",
                  workers: int = 1, resume: bool = False, excel: bool = False, progress=None,
                  mapper=None) -> dict[str, int]:
    """Write per-document rows as documents finish, then the reduce (people, organizations,
    person_id on offices). Returns counts: documents, skipped (resumed), failed.

    ``mapper(raws) -> per-document rows`` replaces the local map step (the Ray runner uses it)."""
    out.mkdir(parents=True, exist_ok=True)
    if mapper is None:
        def mapper(docs):
            return map_documents(docs, model, device, workers)
    if fmt not in ("csv", "jsonl"):
        tables = collect(mapper(raws), progress)
        write_tables(tables, out, fmt, excel)
        return {"documents": len(tables["documents"]), "skipped": 0,
                "failed": sum(1 for r in tables["documents"] if r["status"] != "ok")}
    done = _prepare_resume(out, fmt) if resume else set()
    if not resume:
        for name in TABLES:
            (out / f"{name}.{fmt}").unlink(missing_ok=True)
    todo = (r for r in raws if r.doc_id not in done)
    counts = {"documents": 0, "skipped": len(done), "failed": 0}
    for rows in mapper(todo):
        for name in STREAM_TABLES:
            path = out / f"{name}.{fmt}"
            _append(path, rows[name], COLUMNS[name], fmt, new=not path.exists(), excel=excel)
        counts["documents"] += 1
        counts["failed"] += sum(1 for r in rows["documents"] if r["status"] != "ok")
        if progress:
            progress(1)
    # reduce: stream the per-document tables back; only the per-(name, document) index stays in memory
    docs_path, mentions_path, offices_path = (out / f"{name}.{fmt}" for name in ("documents", "mentions", "offices"))
    failed_before = sum(1 for r in _read_rows(docs_path, fmt) if r["status"] != "ok" and r["doc_id"] in done)
    counts["failed"] += failed_before
    index = build_index(_read_rows(docs_path, fmt), _read_rows(mentions_path, fmt), _read_rows(offices_path, fmt))
    people, ids = resolve_people(index)
    tmp = offices_path.with_name(offices_path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    _append(tmp, [], COLUMNS["offices"], fmt, new=True, excel=excel)
    for chunk in _chunks(_read_rows(offices_path, fmt), 10_000):
        for row in chunk:
            row["person_id"] = ids.get((row["doc_id"], row["person"]), "")
        _append(tmp, chunk, COLUMNS["offices"], fmt, new=False)
    tmp.replace(offices_path)
    for name, rows in (("people", people), ("organizations", organization_rows(index))):
        path = out / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        _append(tmp, rows, COLUMNS[name], fmt, new=True, excel=excel)
        tmp.replace(path)
    return counts
