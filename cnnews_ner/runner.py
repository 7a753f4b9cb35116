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
import pickle
import tempfile
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .io import InputError, RawDocument, one_line, unique_documents, warn
from .identity import build_index, organization_rows, resolve_people
from .tables import COLUMNS, PERSON_TABLES, TABLES, document_rows, reduce_tables, write_rows, write_tables

# A chunk is what one worker processes at a time and what the model sees as one batch stream: large
# enough that the LSTM runs on full batches (many short documents), small enough to keep memory flat.
CHUNK_CHARS = 100_000
CHUNK_DOCUMENTS = 512
# documents last: its row marks a document as done
STREAM_TABLES = ("mentions", "offices", "biographies", "careers", "documents")

IN_PROCESS_THREADS = 1  # torch intra-op threads for a job run in this process (see map_documents)

_worker_engine = None
_worker_error: Exception | None = None


class ResumeError(InputError):
    """--resume into a folder whose tables were not written by this program (or by another version of it)."""


def default_workers() -> int:
    return os.cpu_count() or 1


PARENT_CHECK_SECONDS = 1.0


def _exit_with_parent(parent: int) -> None:
    """A daemon thread that ends this worker once its parent is gone (killed with SIGKILL, or out of memory:
    no handler of the parent runs then, and an orphaned worker would hold its memory and CPU for ever)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="cnnews-ner-parent-watch", daemon=True).start()


def _init_worker(model: str, device: str, threads: int, parent: int | None = None) -> None:
    global _worker_engine, _worker_error
    import signal

    if hasattr(signal, "pthread_sigmask"):  # started inside _sigint_blocked: SIGTERM (terminate()) must kill us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if parent is not None:
        _exit_with_parent(parent)
    try:
        import torch

        torch.set_num_threads(threads)
        from .ner import get_engine

        _worker_engine = get_engine(model, device)
    except Exception as exc:  # raised again with the first chunk: a failing initializer only breaks the pool
        _worker_error = exc


def error_rows(raw: RawDocument, reason: str) -> dict[str, list[dict]]:
    """The rows of a document that could not be processed: one documents row, status error, ``reason``."""
    from .pipeline import Document

    bad = RawDocument(raw.doc_id, raw.path, status="error", error=one_line(reason), encoding=raw.encoding)
    return document_rows(Document(bad))


def _one_document(raw: RawDocument, engine) -> dict[str, list[dict]]:
    from .ner import ModelUnavailable
    from .pipeline import Document, process_documents

    doc = Document(raw)
    try:
        process_documents([doc], engine)
        rows = document_rows(doc)
        json.dumps(rows, ensure_ascii=False, default=str).encode("utf-8")  # every field must be writable as UTF-8
        return rows
    except ModelUnavailable:  # the model loads with the first batch: no document's fault, a usage error
        raise
    except Exception as exc:  # this document's problem only; the batch goes on
        return error_rows(raw, f"internal error while processing: {type(exc).__name__}: {exc}")


def process_chunk(raws: list[RawDocument], engine=None) -> list[dict[str, list[dict]]]:
    """Per-document rows for a chunk of raw documents (runs in a worker or here), in order.

    A document whose processing raises becomes an error row; the others keep their rows. Raises
    ModelUnavailable when the model cannot be loaded (here or in the worker's initializer)."""
    from .ner import ModelUnavailable
    from .pipeline import Document, process_documents

    if engine is None and _worker_error is not None:
        raise _worker_error
    engine = engine or _worker_engine
    docs = [Document(r) for r in raws]
    try:
        process_documents(docs, engine)  # the whole chunk in one model batch stream
        rows = [document_rows(d) for d in docs]
        json.dumps(rows, ensure_ascii=False, default=str).encode("utf-8")
        return rows
    except ModelUnavailable:
        raise
    except Exception:  # find the document at fault: redo them one at a time
        return [_one_document(r, engine) for r in raws]


def spool_chunk(work, raws: list[RawDocument], spool: str) -> str:
    """In a worker: ``work(raws)`` (the chunk's per-document rows) pickled to a new file in the folder
    ``spool``; returns the file's path, the only thing sent back through the pool's result pipe.

    Why: a worker killed (SIGKILL, out of memory) while it writes a large result into that pipe leaves half
    a message there, and CPython's ProcessPoolExecutor then waits for the rest for ever instead of seeing a
    broken pool: the whole run hangs. A path is one small write, which a pipe takes whole or not at all; a
    worker killed while writing the file leaves a file nobody reads (the folder goes with the run)."""
    rows = work(raws)
    fd, path = tempfile.mkstemp(suffix=".pickle", dir=spool)
    with os.fdopen(fd, "wb") as file:
        pickle.dump(rows, file, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _unspool(path: str):
    with open(path, "rb") as file:
        rows = pickle.load(file)
    os.unlink(path)
    return rows


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

        # one thread, as each worker has (_new_pool): two intra-op threads on cores busy with other processes
        # wait on each other at every LSTM step, and a small job gains little from the second one when idle
        torch.set_num_threads(IN_PROCESS_THREADS)
        engine = get_engine(model, device)
        for chunk in itertools.chain(head, chunks):
            yield from process_chunk(chunk, engine)
        return
    yield from _map_in_pool(itertools.chain(head, chunks), model, device, workers)


def _new_pool(model: str, device: str, workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    threads = max(1, (os.cpu_count() or 1) // workers)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(model, device, threads, os.getpid()))


@contextmanager
def _sigint_blocked():
    """SIGINT blocked in this thread for the block. A worker process started inside it (the pool starts them
    on submit) inherits the blocked signal, as multiprocessing's resource tracker does: Ctrl-C at the
    terminal reaches the whole process group, and a worker still importing torch would die with a traceback
    of its own. The main process takes the interrupt and stops its workers (:func:`_stop_pool`)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover (Windows)
        yield
        return
    # SIGTERM too: the CLI turns it into an exception, which must not land while a worker is being spawned
    # (the half-sent start-up data would make the new worker print a traceback); workers unblock it first thing
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _submit(pool: ProcessPoolExecutor, chunk: list[RawDocument], work, spool: str):
    """The chunk's future. Raises BrokenProcessPool when the pool is broken, also when it breaks while this
    submit starts a worker: the pool's own thread then closes the queues the new worker is being given, and
    starting it fails with an OSError (handle is closed) or a ValueError (bad value(s) in fds_to_keep)."""
    with _sigint_blocked():
        try:
            return pool.submit(spool_chunk, work, chunk, spool)
        except (OSError, ValueError) as exc:  # ValueError: bad value(s) in fds_to_keep, the queue's closed handle
            raise BrokenProcessPool(f"a worker process could not be started: {exc}") from exc


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """The pool given up (broken, interrupted, or an error raised to the caller): queued chunks cancelled,
    worker processes terminated now rather than after their chunk (what was written stays; --resume goes on).
    A broken pool needs it too: a worker started while the pool was breaking is missed by the pool's own
    clean-up, which then waits for it for ever, and so does the interpreter's exit."""
    if hasattr(pool, "terminate_workers"):  # Python 3.14+
        pool.terminate_workers()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


LOST_TWICE = ("worker processes died twice while this document's chunk was in their pool, the second time while "
              "it was redone alone (killed, or out of memory)")


def _map_in_pool(chunks: Iterator[list[RawDocument]], model: str, device: str, workers: int,
                 work=process_chunk) -> Iterator[dict[str, list[dict]]]:
    """Chunks in worker processes, results in input order. When a worker dies (killed, out of memory),
    the pool is lost with every chunk in flight: those chunks run again in a fresh pool, one at a time so
    that a second death points at its chunk, whose documents then become error rows.

    ``work(chunk) -> per-document rows`` runs in the workers (a module-level function, as the pool pickles
    it); results travel through files in a temporary folder (:func:`spool_chunk`)."""
    # ignore_cleanup_errors: a worker being terminated may still create a file while the folder is removed
    with tempfile.TemporaryDirectory(prefix="cnnews-ner-chunks-", ignore_cleanup_errors=True) as spool:
        yield from _map_spooled(chunks, model, device, workers, work, spool)


def _map_spooled(chunks: Iterator[list[RawDocument]], model: str, device: str, workers: int, work,
                 spool: str) -> Iterator[dict[str, list[dict]]]:
    pool = _new_pool(model, device, workers)
    pending: deque = deque()  # (chunk, future or None when the pool was already broken), in input order
    retry: deque = deque()  # chunks lost with a dead pool
    try:
        while True:
            if retry:
                chunk = retry.popleft()
                try:
                    rows = _unspool(_submit(pool, chunk, work, spool).result())
                except BrokenProcessPool:
                    warn(f"a worker process died again on the same chunk: {len(chunk)} documents marked error")
                    rows = [error_rows(r, LOST_TWICE) for r in chunk]
                    _stop_pool(pool)
                    pool = _new_pool(model, device, workers)
                yield from rows
                continue
            while len(pending) < 2 * workers and (chunk := next(chunks, None)) is not None:
                try:
                    pending.append((chunk, _submit(pool, chunk, work, spool)))
                except BrokenProcessPool:
                    pending.append((chunk, None))
            if not pending:
                break
            chunk, future = pending.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool("the pool broke before this chunk was sent")
                rows = _unspool(future.result())
            except BrokenProcessPool:
                lost = [chunk] + [c for c, _ in pending]
                pending.clear()
                warn(f"a worker process died (killed, or out of memory): "
                     f"{sum(map(len, lost))} documents are redone in a fresh worker")
                retry.extend(lost)
                _stop_pool(pool)
                pool = _new_pool(model, device, workers)
                continue
            yield from rows
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def collect(per_doc: Iterable[dict[str, list[dict]]], progress=None) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for rows in per_doc:
        for name, table_rows in rows.items():
            tables[name].extend(table_rows)
        if progress:
            progress(1)
    return reduce_tables(tables)


# ---- streaming output (csv / jsonl) with resume ------------------------------------------

def _read_records(path: Path, fmt: str) -> Iterator[tuple[list[str], dict]]:
    """(columns, row) of every complete row of a table file: a row counts only when its line end was
    written, so the torn tail of an interrupted write (no final newline, an open quote) is left out."""
    if not path.exists():
        return
    if fmt == "jsonl":
        # JSON escapes CR and U+2028: split on \n only. errors="replace": a write cut inside a character
        # leaves broken bytes only in the torn last line, which is dropped anyway
        with path.open(encoding="utf-8-sig", newline="\n", errors="replace") as f:
            for line in f:
                if line.endswith("\n"):
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(row, dict):
                        yield list(row), row
        return
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as f:  # see above: a torn character
        last = ""

        def lines() -> Iterator[str]:
            nonlocal last
            for line in f:
                last = line
                yield line

        header = None
        try:
            for record in csv.reader(lines()):
                if not last.endswith("\n"):
                    return
                if not record:
                    continue
                if header is None:
                    header = record
                elif len(record) == len(header):
                    yield header, dict(zip(header, record))
        except csv.Error:  # an open quote at the end of the file: a torn last row
            return


def _read_rows(path: Path, fmt: str) -> Iterator[dict]:
    """The complete rows of a table file (csv values are strings)."""
    return (row for _, row in _read_records(path, fmt))


def _columns(path: Path, fmt: str) -> list[str] | None:
    """The columns of a table file, None when it holds no complete row (or header) yet."""
    if fmt == "csv" and path.exists():
        with path.open(encoding="utf-8-sig", newline="") as f:
            try:
                header = next(csv.reader(f), None)
            except csv.Error:
                return None
            return header or None
    return next((columns for columns, _ in _read_records(path, fmt)), None)


def _append(path: Path, rows: list[dict], columns: list[str], fmt: str, new: bool, excel: bool = False) -> None:
    """One write per batch, flushed: a crash loses at most the batch being written."""
    import io

    buf = io.StringIO()
    write_rows(rows, columns, fmt, buf, header=new, excel=excel)
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
        f.flush()


def _run_files(out: Path, fmt: str) -> list[Path]:
    """The files a run in ``fmt`` leaves in ``out`` that are there."""
    from .sqlite_out import DB_NAME

    names = {"sqlite": [DB_NAME], "xlsx": ["tables.xlsx"]}.get(fmt, [f"{name}.{fmt}" for name in TABLES])
    return [out / name for name in names if (out / name).exists()]


def check_resume_format(out: Path, fmt: str) -> None:
    """--resume goes on with a run of the same format. Raises ResumeError when ``out`` holds none in ``fmt``
    but one in another format: resuming would start afresh beside it, which is never what was meant."""
    if _run_files(out, fmt):
        return
    for other in ("csv", "jsonl", "sqlite", "json", "parquet", "xlsx"):
        if other != fmt and (found := _run_files(out, other)):
            hint = (f"resume it with -f {other}" if other in ("csv", "jsonl", "sqlite")
                    else f"a {other} run cannot be resumed")
            raise ResumeError(f"--resume -f {fmt}: {out} holds a {other} run ({found[0].name}), none in {fmt}: "
                              f"{hint}, or choose another --out")


def _prepare_resume(out: Path, fmt: str, excel: bool = False) -> set[str]:
    """doc_ids already complete in ``out``; rows of unfinished documents are dropped so they are redone.

    Raises ResumeError when a table in ``out`` has other columns than this program writes."""
    for name in TABLES:
        path = out / f"{name}.{fmt}"
        columns = _columns(path, fmt)
        if columns is not None and columns != COLUMNS[name]:
            raise ResumeError(f"--resume: {path} was not written by this version of cnnews-ner "
                              f"(its columns differ); choose another --out or remove it")
    # a row counts only with exactly our columns (a JSONL line can hold any object)
    done = {r["doc_id"] for r in _read_rows(out / f"documents.{fmt}", fmt) if list(r) == COLUMNS["documents"]}
    for name in TABLES:
        path = out / f"{name}.{fmt}"
        if not path.exists() or name in ("people", "organizations"):
            continue
        kept = [r for r in _read_rows(path, fmt) if list(r) == COLUMNS[name] and r["doc_id"] in done]
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        _append(tmp, kept, COLUMNS[name], fmt, new=True, excel=excel)
        tmp.replace(path)
    return done


def stream_to_dir(raws: Iterable[RawDocument], out: Path, fmt: str, model: str = "default", device: str = "auto",
                  workers: int = 1, resume: bool = False, excel: bool = False, progress=None,
                  mapper=None) -> dict[str, int]:
    """Write per-document rows as documents finish, then the reduce (people, organizations,
    person_id on offices). Returns counts: documents, skipped (resumed), failed.

    ``mapper(raws) -> per-document rows`` replaces the local map step (the Ray runner uses it).
    doc_ids are made unique first (:func:`cnnews_ner.io.unique_documents`). Raises ResumeError when
    ``resume`` finds tables of another program in ``out``, or a run in another format and none in ``fmt``."""
    out.mkdir(parents=True, exist_ok=True)
    raws = unique_documents(raws)
    if mapper is None:
        def mapper(docs):
            return map_documents(docs, model, device, workers)
    if fmt not in ("csv", "jsonl"):
        tables = collect(mapper(raws), progress)
        write_tables(tables, out, fmt, excel)
        return {"documents": len(tables["documents"]), "skipped": 0,
                "failed": sum(1 for r in tables["documents"] if r["status"] != "ok")}
    if resume:
        check_resume_format(out, fmt)
    done = _prepare_resume(out, fmt, excel) if resume else set()
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
    for name in PERSON_TABLES:  # biographies, careers: person_id by (doc_id, name), as on offices
        path = out / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        _append(tmp, [], COLUMNS[name], fmt, new=True, excel=excel)
        for chunk in _chunks(_read_rows(path, fmt), 10_000):
            for row in chunk:
                row["person_id"] = ids.get((row["doc_id"], row["name"]), "")
            _append(tmp, chunk, COLUMNS[name], fmt, new=False)
        tmp.replace(path)
    for name, rows in (("people", people), ("organizations", organization_rows(index))):
        path = out / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        _append(tmp, rows, COLUMNS[name], fmt, new=True, excel=excel)
        tmp.replace(path)
    return counts
