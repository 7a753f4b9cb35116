"""The ``cnnews-ner`` command: thin option parsing over :mod:`cnnews_ner.api`.

Tables go to stdout (or files with --out); progress and messages go to stderr.
Exit codes: 0 all documents processed, 1 some could not be, 2 usage errors.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Extract people, their offices and organizations from Chinese news articles.")
model_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the NER model.")
app.add_typer(model_app, name="model")

TABLE_NAMES = ("documents", "mentions", "offices", "people", "organizations")


class Format(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"
    parquet = "parquet"
    table = "table"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"cnnews-ner: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files, folders, JSONL files, or - for stdin."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write all tables into this folder."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f",
                                         help="csv, json, jsonl, xlsx, or table (terminal). Default: csv into --out; "
                                              "a table on a terminal, csv when piped."),
    table: str = typer.Option("offices", "--table", "-t", help="Table to print when there is no --out."),
    excel: bool = typer.Option(False, "--excel", help="CSV with a BOM, so spreadsheet programs read UTF-8."),
    model: str = typer.Option("default", "--model", help="'default' (shipped offline model), a HanLP model folder, "
                                                         "or a HanLP pretrained identifier."),
    device: Device = typer.Option(Device.auto, "--device", help="Where the model runs."),
    glob: List[str] = typer.Option([], "--glob", help="File patterns inside folders (default *.txt *.htm *.html *.jsonl)."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes, each with its own model "
                                                            "(default: the number of cores; small jobs run in-process)."),
    resume: bool = typer.Option(False, "--resume", help="With --out (csv/jsonl): skip documents already written there."),
    ray: bool = typer.Option(False, "--ray", help="Run the map step on Ray (local instance unless --ray-address)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster address, e.g. ray://head:10001."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
) -> None:
    """Run the pipeline over articles and write the tables."""
    if table not in TABLE_NAMES:
        fail(f"unknown table {table!r}: choose one of {', '.join(TABLE_NAMES)}")
    if out is None and fmt in (Format.xlsx, Format.parquet):
        fail(f"--format {fmt.value} needs --out FOLDER")
    if (ray or ray_address) and out is None:
        fail("--ray needs --out FOLDER")
    if out is not None and fmt == Format.table:
        fail("--format table prints to the terminal; use csv, json, jsonl or xlsx with --out")
    for item in inputs:
        if item != "-" and not Path(item).exists():
            fail(f"no such file or folder: {item}")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            probe = out / ".cnnews-ner-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as exc:
            fail(f"cannot write to --out {out}: {exc.strerror or exc}")

    from .api import extract as run_extract, raw_documents
    from .io import DEFAULT_GLOBS, InputError
    from .ner import ModelUnavailable
    from .runner import default_workers, stream_to_dir
    from .tables import COLUMNS, print_table, render

    if resume and (out is None or (fmt or Format.csv) not in (Format.csv, Format.jsonl)):
        fail("--resume needs --out with --format csv or jsonl")
    globs = tuple(glob) or DEFAULT_GLOBS
    n_workers = workers or default_workers()
    with _progress(quiet) as advance:
        try:
            if out is not None:
                mapper = None
                if ray or ray_address:
                    from .distributed import ray_mapper

                    mapper = ray_mapper(model, device.value, ray_address, actors=n_workers)
                counts = stream_to_dir(raw_documents(inputs, globs), out, (fmt or Format.csv).value, model,
                                       device.value, n_workers, resume, excel, advance, mapper=mapper)
                failed_rows = _failed_rows(out, (fmt or Format.csv).value)
                summary = f"{counts['documents']} documents processed" + (
                    f" ({counts['skipped']} already done)" if counts["skipped"] else "") + f" -> {out}"
            else:
                result = run_extract(inputs, model=model, device=device.value, globs=globs, workers=n_workers,
                                     progress=advance)
                failed_rows = result.failed
                summary = (f"{len(result.tables['documents'])} documents, {len(result.tables['offices'])} offices, "
                           f"{len(result.tables['people'])} people")
        except (ModelUnavailable, InputError) as exc:
            fail(str(exc))
    if out is None:
        chosen = fmt or (Format.table if sys.stdout.isatty() else Format.csv)
        rows, columns = result.tables[table], COLUMNS[table]
        if chosen == Format.table:
            print_table(rows, columns, table)
        else:
            sys.stdout.write(render(rows, columns, chosen.value, table, excel))
    if not quiet:
        typer.echo(summary, err=True)
        for row in failed_rows:
            typer.echo(f"  {row['doc_id']}: {row['status']}: {row['error']}", err=True)
    raise typer.Exit(1 if failed_rows else 0)


def _failed_rows(out: Path, fmt: str) -> list[dict]:
    from .runner import _read_rows

    path = out / ("tables.xlsx" if fmt == "xlsx" else f"documents.{fmt}")
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True)["documents"]
        values = list(sheet.values)
        rows = [dict(zip(values[0], v)) for v in values[1:]]
    elif fmt == "json":
        rows = json.loads(path.read_text(encoding="utf-8"))["documents"]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out / "documents.parquet").to_pylist()
    else:
        rows = list(_read_rows(path, fmt))
    return [r for r in rows if r["status"] != "ok"]


class _progress:
    """A rich progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=True)
        self._progress.start()
        task = self._progress.add_task("extract", total=None)
        return lambda n=1: self._progress.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.stop()


@model_app.command("eval")
def model_eval(
    data: Optional[Path] = typer.Option(None, "--data", help="Char-per-line tagged file (default: MSRA test set)."),
    model: str = typer.Option("default", "--model"),
    device: Device = typer.Option(Device.cpu, "--device"),
    limit: int = typer.Option(0, "--limit", help="Only the first N sentences."),
    pipeline: bool = typer.Option(False, "--pipeline", help="Also score PERSON through the whole pipeline."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Strict entity-level P/R/F1 per type, and characters per second."""
    from .evaluation import evaluate_model, evaluate_pipeline_persons
    from .ner import ModelUnavailable

    try:
        report = evaluate_model(model, str(data) if data else None, device.value, limit)
        if pipeline:
            report["pipeline_person"] = evaluate_pipeline_persons(model, str(data) if data else None, device.value, limit)
    except ModelUnavailable as exc:
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(f"no such data file: {exc.filename}")
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    typer.echo(f"{'type':8} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
    for kind, s in report.items():
        if isinstance(s, dict) and "f1" in s:
            label = "PERSON through the whole pipeline" if kind == "pipeline_person" else kind
            typer.echo(f"{label:8} {s['p']:7.4f} {s['r']:7.4f} {s['f1']:7.4f} {s['tp'] + s['fn']:6d}")
    typer.echo(f"{report['sentences']} sentences, {report['chars_per_second']} chars/s")


@model_app.command("train")
def model_train(
    out: Path = typer.Option(..., "--out", help="Model folder to write."),
    epochs: int = typer.Option(30, "--epochs"),
    swa_epochs: int = typer.Option(0, "--swa-epochs", help="Epochs of weight averaging after training (0: none)."),
    device: Device = typer.Option(Device.cpu, "--device"),
    limit: int = typer.Option(0, "--limit", help="Train on the first N sentences (smoke runs)."),
) -> None:
    """Train the offline HanLP model on MSRA (needs: pip install 'cnnews-ner[train]')."""
    from .training import TrainConfig, build_model

    config = TrainConfig(epochs=epochs, device=device.value if device != Device.auto else "cpu", limit=limit)
    metrics = build_model(out, config, swa_epochs)
    typer.echo(json.dumps(metrics["test"], indent=1))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
