"""Python API: ``extract(paths_or_texts) -> Result`` with the same tables as the CLI."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .io import DEFAULT_GLOBS, RawDocument, read_inputs
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


def _is_existing_path(item: str) -> bool:
    try:
        return "\n" not in item and Path(item).exists()
    except (OSError, ValueError):  # a text too long to be a file name
        return False


def raw_documents(items: Iterable[str | Path], globs=DEFAULT_GLOBS) -> Iterable[RawDocument]:
    """Paths (files, folders, '-') are read; any other string is a document's text."""
    for n, item in enumerate(items):
        if isinstance(item, Path) or item == "-" or _is_existing_path(item):
            yield from read_inputs([str(item)], globs)
        else:
            text = str(item)
            yield RawDocument(f"text-{n}", "", text=text, status="ok" if text.strip() else "empty",
                              error="" if text.strip() else "empty text", encoding="str")


def extract(items: str | Path | Iterable[str | Path], model: str = DEFAULT_MODEL, device: str = "auto",
            globs: tuple[str, ...] = DEFAULT_GLOBS, workers: int | None = None,
            progress: Callable[[int], None] | None = None) -> Result:
    """Extract people, offices and organizations from paths (files, folders, '-') or texts.

    ``workers``: processes, one model each (default: the number of cores; small jobs run here)."""
    if isinstance(items, (str, Path)):
        items = [items]
    workers = workers or default_workers()
    return Result(collect(map_documents(raw_documents(items, globs), model, device, workers), progress))


__all__ = ["extract", "Result"]
