"""Python API: ``extract(paths=..., texts=...) -> Result`` with the same tables as the CLI.

    extract(paths=["seeds/", "more/a.txt"])     # files, folders, "-" for stdin
    extract(texts=["市委书记张建华出席会议。"])     # documents text-0, text-1, …
    extract(["seeds/", "市委书记张建华出席会议。"])   # positional: each item decided as below

A path that does not exist is never read as a text: under ``paths=`` it is an ``error`` document.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .io import DEFAULT_GLOBS, RawDocument, read_inputs, read_texts, unique_documents
from .ner import DEFAULT_MODEL
from .runner import collect, default_workers, map_documents
from .tables import write_tables


@dataclass
class Result:
    tables: dict[str, list[dict]]

    @property
    def failed(self) -> list[dict]:
        """documents rows of the documents that could not be processed."""
        return [r for r in self.tables["documents"] if r["status"] != "ok"]

    def write(self, out_dir: str | Path, fmt: str = "csv", excel: bool = False) -> list[Path]:
        return write_tables(self.tables, Path(out_dir), fmt, excel)

    def __getitem__(self, table: str) -> list[dict]:
        return self.tables[table]


# A positional one-line string without white space that ends so is meant as a path, even when it does not exist.
_PATH_LIKE = re.compile(r"(?s)^[^\n]{1,4096}$")
_FILE_ENDINGS = (".txt", ".htm", ".html", ".jsonl", ".json", ".csv", ".md", ".xml")


def is_path(item: str | Path) -> bool:
    """How a positional item of :func:`extract` is taken: a ``Path`` or ``'-'`` is a path; a string is a path
    when it names an existing file or folder, or when it looks like one (one line, no white space, and
    starting with ``/``, ``./`` or ``../``, or ending in ``/`` or a file ending such as ``.txt``) —
    so a mistyped path is an error document, not a text;
    any other string is a text."""
    if isinstance(item, Path) or item == "-":
        return True
    if not isinstance(item, str) or not _PATH_LIKE.match(item):
        return False
    try:
        if os.path.lexists(item):
            return True
    except (OSError, ValueError):  # NUL in the string, or too long for a file name
        return False
    return not any(c.isspace() for c in item) and (item.lower().endswith(_FILE_ENDINGS + ("/", os.sep))
                                                    or item.startswith(("/", "./", "../")))


def raw_documents(items: Iterable[str | Path] | None = None, globs: tuple[str, ...] = DEFAULT_GLOBS, *,
                  paths: Iterable[str | Path] | None = None,
                  texts: Iterable[str] | None = None) -> Iterator[RawDocument]:
    """Raw documents, in order: ``items`` (each a path or a text, see :func:`is_path`), then ``paths``
    (all paths: files, folders, ``'-'``), then ``texts`` (all texts, ``text-N`` numbered by position)."""
    for n, item in enumerate(items or ()):
        if is_path(item):
            yield from read_inputs([item], globs)
        else:
            yield from read_texts([item], first=n)
    if paths is not None:
        yield from read_inputs([paths] if isinstance(paths, (str, Path)) else paths, globs)
    if texts is not None:
        yield from read_texts([texts] if isinstance(texts, str) else texts)


def extract(items: str | Path | Iterable[str | Path] | None = None, model: str = DEFAULT_MODEL,
            device: str = "auto", globs: tuple[str, ...] = DEFAULT_GLOBS, workers: int | None = None,
            progress: Callable[[int], None] | None = None, *, paths: str | Path | Iterable[str | Path] | None = None,
            texts: str | Iterable[str] | None = None) -> Result:
    """Extract people, offices and organizations; returns the five tables.

    ``paths``: files, folders (recursive, entries matching ``globs``) or ``'-'`` (stdin); a missing path or
    an unreadable entry is a documents row with status ``error``. ``texts``: article texts (doc_ids
    ``text-0``…). ``items`` (positional, kept for older code): paths and texts mixed, told apart by
    :func:`is_path`. Every input gives exactly one documents row (a JSONL file one per line); doc_ids are
    unique (repeats get ``#2``… with a :class:`cnnews_ner.io.BatchWarning`).

    ``workers``: processes, one model each (default: the number of cores; small jobs run here).
    Raises ``cnnews_ner.ner.ModelUnavailable`` when the model cannot be loaded."""
    if isinstance(items, (str, Path)):
        items = [items]
    workers = workers or default_workers()
    raws = unique_documents(raw_documents(items, globs, paths=paths, texts=texts))
    return Result(collect(map_documents(raws, model, device, workers), progress))


__all__ = ["extract", "is_path", "raw_documents", "Result"]
