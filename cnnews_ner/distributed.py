"""Cluster runs on Ray Data: the per-document map on a Ray dataset, one model per actor,
then the same reduce (identity) as a single machine, so the tables are equal.

    from cnnews_ner.distributed import extract_ray
    extract_ray(["shards/*.jsonl"], "out/", address="ray://head:10001", fmt="parquet")

CLI: ``cnnews-ner extract --ray [ADDRESS] INPUTS --out OUT``. Ray is an extra:
``pip install 'cnnews-ner[ray]'``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .io import RawDocument

RAW_FIELDS = ("doc_id", "path", "text", "status", "error", "encoding")


class _ExtractActor:
    """A Ray actor: loads the model once, maps batches of raw documents to table rows."""

    def __init__(self, model: str, device: str) -> None:
        import torch

        torch.set_num_threads(1)
        from .ner import get_engine

        self.engine = get_engine(model, device)

    def __call__(self, batch: dict) -> dict:
        from .runner import process_chunk

        raws = [RawDocument(**{f: str(batch[f][i]) for f in RAW_FIELDS}) for i in range(len(batch["doc_id"]))]
        rows = process_chunk(raws, self.engine)
        return {"order": list(batch["order"]), "rows": [json.dumps(r, ensure_ascii=False) for r in rows]}


def _init(address: str | None, num_cpus: int | None):
    import ray

    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    return ray


def ray_mapper(model: str = "default", device: str = "cpu", address: str | None = None,
               actors: int = 2, batch_size: int = 16, num_cpus: int | None = None):
    """A mapper for :func:`cnnews_ner.runner.stream_to_dir`: raw documents in, rows out in input order."""

    def mapper(raws: Iterable[RawDocument]) -> Iterator[dict]:
        ray = _init(address, num_cpus)
        items = [{"order": i, **{f: getattr(r, f) for f in RAW_FIELDS}} for i, r in enumerate(raws)]
        if not items:
            return
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ds = ray.data.from_items(items).map_batches(
            _ExtractActor, fn_constructor_args=(model, device), batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1, batch_format="numpy")
        for row in ds.iter_rows():
            yield json.loads(row["rows"])

    return mapper


def read_shards(paths: Iterable[str]) -> Iterator[RawDocument]:
    """Raw documents from JSONL or Parquet shards ({"id", "text"} records), or any input the CLI reads."""
    from .api import raw_documents

    for p in paths:
        path = Path(p)
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            for n, rec in enumerate(pq.read_table(path).to_pylist(), 1):
                text = rec.get("text") or ""
                yield RawDocument(str(rec.get("id") or f"{path.name}:{n}"), str(path), text=text,
                                  status="ok" if text.strip() else "empty", error="" if text.strip() else "empty text",
                                  encoding="utf-8")
        else:
            yield from raw_documents([p])


def extract_ray(inputs: Iterable[str], out: str | Path, fmt: str = "jsonl", address: str | None = None,
                model: str = "default", device: str = "cpu", actors: int = 2, resume: bool = False,
                num_cpus: int | None = None) -> dict[str, int]:
    """Run the pipeline on Ray and write all tables into ``out``."""
    from .runner import stream_to_dir

    return stream_to_dir(read_shards(inputs), Path(out), fmt, resume=resume,
                         mapper=ray_mapper(model, device, address, actors, num_cpus=num_cpus))
