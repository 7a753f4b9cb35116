"""Reading stage: files, folders, stdin and JSONL records into decoded documents.

Every input becomes a :class:`RawDocument`, including the ones that cannot be
read (status ``empty`` / ``error`` with a reason), so a batch never loses a document.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

DEFAULT_GLOBS = ("*.txt", "*.htm", "*.html", "*.jsonl")


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str = ""
    status: str = "ok"  # ok / empty / error
    error: str = ""
    encoding: str = ""


class InputError(Exception):
    """A usage problem with the inputs themselves (missing path)."""


def decode_bytes(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, warning). Raises ValueError for binary or undecodable data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", ""
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as exc:
        # A file cut inside its last multi-byte character: keep everything before the cut.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8", f"truncated UTF-8: incomplete last character at byte {exc.start} dropped"
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable: no text encoding fits these bytes")
    text = str(best)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if cjk == 0 and sum(1 for c in text if not c.isprintable() and c not in "\r\n\t") > len(text) * 0.05:
        raise ValueError("binary file, not text")
    return text, best.encoding, ""


def html_to_text(html: str) -> str:
    """The article text of an HTML page, without navigation and boilerplate (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        from lxml import html as lxml_html

        text = lxml_html.fromstring(html).text_content()
    return text or ""


def looks_like_html(name: str, text: str) -> bool:
    head = text[:500].lstrip().lower()
    return name.lower().endswith((".htm", ".html")) or head.startswith(("<!doctype html", "<html"))


def read_bytes(doc_id: str, path: str, data: bytes) -> RawDocument:
    doc = RawDocument(doc_id=doc_id, path=path)
    if not data.strip():
        doc.status, doc.error = "empty", "empty file"
        return doc
    try:
        text, doc.encoding, warning = decode_bytes(data)
    except (ValueError, UnicodeDecodeError) as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    doc.error = warning
    if looks_like_html(path, text):
        try:
            text = html_to_text(text)
        except Exception as exc:  # a broken page is one document's problem, not the batch's
            doc.status, doc.error = "error", f"HTML extraction failed: {exc}"
            return doc
    if not text.strip():
        doc.status, doc.error = "empty", "no text"
    doc.text = text
    return doc


def read_jsonl(doc_id_prefix: str, path: str, lines: Iterable[str]) -> Iterator[RawDocument]:
    """One document per line: {"id": ..., "text": ...}. A bad line becomes an error document."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback_id = f"{doc_id_prefix}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as exc:
            yield RawDocument(fallback_id, path, status="error", error=f"line {number}: {exc}")
            continue
        doc_id = str(record.get("id") or fallback_id)
        text = record["text"]
        yield RawDocument(doc_id, path, text=text, status="ok" if text.strip() else "empty",
                          error="" if text.strip() else "empty text", encoding="utf-8")


def iter_files(root: Path, globs: tuple[str, ...]) -> list[Path]:
    found = {p for g in globs for p in root.rglob(g) if p.is_file()}
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_inputs(inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[RawDocument]:
    """Documents from paths (files, folders), ``-`` (stdin) or in-memory texts are handled by the API."""
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            text_head = data[:1].decode("utf-8", "ignore")
            if text_head == "{":
                yield from read_jsonl("stdin", "-", data.decode("utf-8", "replace").splitlines())
            else:
                yield read_bytes("stdin", "-", data)
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(f"no such file or folder: {item}")
        if path.is_dir():
            for file in iter_files(path, globs):
                yield from read_path(file.relative_to(path).as_posix(), file)
        else:
            yield from read_path(path.name, path)


def read_path(doc_id: str, path: Path) -> Iterator[RawDocument]:
    try:
        if path.suffix.lower() == ".jsonl":
            with path.open(encoding="utf-8", errors="replace") as f:
                yield from read_jsonl(doc_id, str(path), f)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield RawDocument(doc_id, str(path), status="error", error=f"cannot read: {exc.strerror or exc}")
        return
    yield read_bytes(doc_id, str(path), data)
