"""Python API: ``extract(paths_or_texts) -> Result`` with the same tables as the CLI."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .io import DEFAULT_GLOBS, RawDocument, read_inputs
from .ner import DEFAULT_MODEL, get_engine
from .pipeline import Document, process_documents
from .tables import COLUMNS, build_tables, write_tables

BATCH_DOCUMENTS = 64


@dataclass
class Result:
    documents: list[Document]
    tables: dict[str, list[dict]]

    @property
    def failed(self) -> list[Document]:
        return [d for d in self.documents if d.raw.status != "ok"]

    def write(self, out_dir: str | Path, fmt: str = "csv", excel: bool = False) -> list[Path]:
        return write_tables(self.tables, Path(out_dir), fmt, excel)

    def __getitem__(self, table: str) -> list[dict]:
        return self.tables[table]


def _raw_documents(items: Iterable[str | Path], globs) -> Iterable[RawDocument]:
    for n, item in enumerate(items):
        if isinstance(item, Path) or (isinstance(item, str) and (item == "-" or Path(item).exists())
                                      and "\n" not in item and len(item) < 4096):
            yield from read_inputs([str(item)], globs)
        else:
            text = str(item)
            yield RawDocument(f"text-{n}", "", text=text, status="ok" if text.strip() else "empty",
                              error="" if text.strip() else "empty text", encoding="str")


def extract(items: str | Path | Iterable[str | Path], model: str = DEFAULT_MODEL, device: str = "auto",
            globs: tuple[str, ...] = DEFAULT_GLOBS, progress: Callable[[int], None] | None = None) -> Result:
    """Extract people, offices and organizations from paths (files, folders, '-') or texts."""
    if isinstance(items, (str, Path)):
        items = [items]
    engine = get_engine(model, device)
    docs: list[Document] = []
    batch: list[Document] = []
    for raw in _raw_documents(items, globs):
        batch.append(Document(raw))
        if len(batch) >= BATCH_DOCUMENTS:
            process_documents(batch, engine)
            docs.extend(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        process_documents(batch, engine)
        docs.extend(batch)
        if progress:
            progress(len(batch))
    return Result(docs, build_tables(docs))


__all__ = ["extract", "Result", "COLUMNS"]
