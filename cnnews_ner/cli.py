"""The ``cnnews-ner`` command: thin option parsing over :mod:`cnnews_ner.api`.

Tables go to stdout (or files with --out); progress and messages go to stderr, one line each.
Exit codes: 0 every document processed, 1 some documents are not ok (status empty or error; tables are
still written), 2 usage errors (before any work), 3 an internal error (traceback with --debug),
130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import json
import os
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Extract people, their offices and organizations from Chinese news articles.")
model_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the NER model.")
app.add_typer(model_app, name="model")

# tables.TABLES, written out: importing tables here would load the lexicons for every --help
TABLE_NAMES = ("documents", "mentions", "offices", "people", "organizations", "biographies", "careers")
EXIT_OK, EXIT_FAILED_DOCUMENTS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
LIST_FAILED = 50  # documents not ok listed on stderr; the documents table has every one


class Format(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"
    parquet = "parquet"
    sqlite = "sqlite"
    table = "table"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


def fail(message: str, code: int = EXIT_USAGE) -> None:
    typer.echo(f"cnnews-ner: {_printable(message)}", err=True)
    raise typer.Exit(code)


def _printable(text: str) -> str:
    """One line for stderr: control characters and line separators in names written as escapes."""
    from .io import printable_name

    text = printable_name(str(text))
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in text)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    typer.echo(f"cnnews-ner: warning: {_printable(str(message))}", err=True)


def _needs(module: str, what: str, extra: str) -> None:
    """A usage error before any work when an optional dependency is missing."""
    try:
        __import__(module)
    except ImportError:
        fail(f"{what} needs {module}: pip install '{extra}'")


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files, folders, JSONL files, or - for stdin."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write all tables into this folder."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f",
                                         help="csv, json, jsonl, xlsx, parquet, sqlite (one cnnews.db), or table "
                                              "(terminal). Default: csv into --out; a table on a terminal, csv "
                                              "when piped."),
    table: str = typer.Option("offices", "--table", "-t", help="Table to print when there is no --out."),
    excel: bool = typer.Option(False, "--excel", help="CSV with a BOM, so spreadsheet programs read UTF-8."),
    model: str = typer.Option("default", "--model", help="'default' (shipped offline model), a HanLP model folder, "
                                                         "or a HanLP pretrained identifier."),
    device: Device = typer.Option(Device.auto, "--device", help="Where the model runs."),
    glob: List[str] = typer.Option([], "--glob", help="File patterns inside folders (default *.txt *.htm *.html *.jsonl)."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes, each with its own model "
                                                            "(default: the number of cores; small jobs run in-process)."),
    resume: bool = typer.Option(False, "--resume", help="With --out (csv/jsonl/sqlite): skip documents already written there."),
    ray: bool = typer.Option(False, "--ray", help="Run the map step on Ray (local instance unless --ray-address)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster address, e.g. ray://head:10001."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Run the pipeline over articles and write the tables. A file whose name starts with - is given as
    ./-name or after --."""
    if table not in TABLE_NAMES:
        fail(f"unknown table {table!r}: choose one of {', '.join(TABLE_NAMES)}")
    if out is None and fmt in (Format.xlsx, Format.parquet, Format.sqlite):
        fail(f"--format {fmt.value} needs --out FOLDER")
    if (ray or ray_address) and out is None:
        fail("--ray needs --out FOLDER")
    if out is not None and fmt == Format.table:
        fail("--format table prints to the terminal; use csv, json, jsonl or xlsx with --out")
    for item in inputs:
        if item != "-" and not os.path.lexists(item):
            fail(f"no such file or folder: {item}")
    if workers < 0:
        fail("--workers takes 0 (one per core) or a number of processes")
    for pattern in glob:
        if not pattern.strip("/"):
            fail(f"--glob {pattern!r}: give a file pattern such as '*.txt'")
    if fmt == Format.parquet:
        _needs("pyarrow", "--format parquet", "pyarrow")
    if fmt == Format.sqlite:
        _needs("sqlite_utils", "--format sqlite", "sqlite-utils")
    if ray or ray_address:
        _needs("ray", "--ray", "cnnews-ner[ray]")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            probe = out / ".cnnews-ner-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as exc:
            fail(f"cannot write to --out {out}: {exc.strerror or exc}")

    from .api import extract as run_extract
    from .io import DEFAULT_GLOBS, InputError, read_inputs
    from .ner import ModelUnavailable
    from .runner import default_workers, stream_to_dir
    from .tables import COLUMNS, print_table, render

    if resume and (out is None or (fmt or Format.csv) not in (Format.csv, Format.jsonl, Format.sqlite)):
        fail("--resume needs --out with --format csv, jsonl or sqlite")
    globs = tuple(glob) or DEFAULT_GLOBS
    n_workers = workers or default_workers()
    with _progress(quiet) as advance:
        try:
            if out is not None:
                mapper = None
                if ray or ray_address:
                    from .distributed import ray_mapper

                    mapper = ray_mapper(model, device.value, ray_address, actors=n_workers)
                if fmt == Format.sqlite:
                    from .sqlite_out import stream_to_sqlite

                    counts = stream_to_sqlite(read_inputs(inputs, globs), out, model, device.value, n_workers, resume,
                                              advance, mapper=mapper)
                else:
                    counts = stream_to_dir(read_inputs(inputs, globs), out, (fmt or Format.csv).value, model,
                                           device.value, n_workers, resume, excel, advance, mapper=mapper)
                failed_rows = _failed_rows(out, (fmt or Format.csv).value)
                summary = f"{counts['documents']} documents processed" + (
                    f" ({counts['skipped']} already done)" if counts["skipped"] else "") + f" -> {out}"
            else:
                result = run_extract(paths=inputs, model=model, device=device.value, globs=globs, workers=n_workers,
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
        for row in failed_rows[:LIST_FAILED]:
            typer.echo(_printable(f"  {row['doc_id']}: {row['status']}: {row['error']}"), err=True)
        if len(failed_rows) > LIST_FAILED:
            typer.echo(f"  … and {len(failed_rows) - LIST_FAILED} more documents not ok: the documents table "
                       f"lists them all", err=True)
    raise typer.Exit(EXIT_FAILED_DOCUMENTS if failed_rows else EXIT_OK)


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
    elif fmt == "sqlite":
        from .sqlite_out import DB_NAME, read_sqlite

        rows = read_sqlite(out / DB_NAME)["documents"]
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


@app.command()
def review(
    out_dir: Path = typer.Argument(..., help="A folder written by extract --out (csv, jsonl, json, sqlite, "
                                            "parquet or xlsx)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The HTML file (default: OUT_DIR/review.html)."),
    inputs: List[str] = typer.Option([], "--inputs", "-i", help="The inputs given to extract (repeat the option "
                                                                 "for each), read again for the article texts. "
                                                                 "Default: the paths in the documents table."),
    glob: List[str] = typer.Option([], "--glob", help="As given to extract."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    """One self-contained HTML page to check office rows against the article text; review decisions are
    exported from it as review.csv (see apply-review)."""
    from .review import ReviewError, build_page

    if not out_dir.is_dir():
        fail(f"no such folder: {out_dir}")
    for item in inputs:
        if item != "-" and not os.path.lexists(item):
            fail(f"no such file or folder: {item}")
    try:
        path, counts = build_page(out_dir, output, inputs or None, tuple(glob) or None)
    except ReviewError as exc:
        fail(str(exc))
    if not quiet:
        missing = counts["documents"] - counts["with_text"]
        typer.echo(f"{counts['offices']} office rows, {counts['documents']} documents"
                   + (f" ({missing} without text: give the inputs with --inputs)" if missing else "")
                   + f" -> {path}", err=True)


@app.command("apply-review")
def apply_review_command(
    out_dir: Path = typer.Argument(..., help="The folder the review page was built from."),
    review_csv: Path = typer.Argument(..., help="review.csv exported from the review page."),
    dest: Optional[Path] = typer.Option(None, "--dest", help="Where the corrected tables go "
                                                             "(default: OUT_DIR/reviewed; never OUT_DIR itself)."),
) -> None:
    """Write corrected tables beside the originals: rejected office rows dropped, edits applied, a review
    column on offices."""
    from .review import ReviewError, apply_review

    if not out_dir.is_dir():
        fail(f"no such folder: {out_dir}")
    if not review_csv.is_file():
        fail(f"no such file: {review_csv}")
    try:
        path, counts = apply_review(out_dir, review_csv, dest)
    except ReviewError as exc:
        fail(str(exc))
    typer.echo(f"{counts['accept']} accepted, {counts['reject']} rejected, {counts['edit']} edited"
               + (f", {counts['unmatched']} not found in the tables" if counts["unmatched"] else "")
               + f" -> {path}", err=True)


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


def _click_exceptions():
    try:
        from typer._click import exceptions  # typer vendors click since 0.2x
    except ImportError:
        from click import exceptions
    return exceptions


def _usage_message(exc, argv: list[str]) -> str:
    """A usage error as one line, with a hint for a file name taken for an option."""
    message = " ".join(exc.format_message().split())
    files = [a for a in argv if a.startswith("-") and a != "-" and os.path.lexists(a)]
    if type(exc).__name__ == "NoSuchOption" and files:
        return f"{files[0]} is read as an option; for the file, write ./{files[0]} or put -- before it"
    command = exc.ctx.command_path if getattr(exc, "ctx", None) else "cnnews-ner"
    return f"{message} (see {command} --help)"


def main(argv: list[str] | None = None) -> None:
    """The console entry point: runs the command and exits with the documented code, every error one line."""
    from .io import BatchWarning

    click_exceptions = _click_exceptions()
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    warnings.simplefilter("always", category=BatchWarning)
    warnings.showwarning = _show_warning
    try:
        code = app(args=argv, prog_name="cnnews-ner", standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        exc.show()
        code = EXIT_USAGE
    except click_exceptions.UsageError as exc:
        typer.echo(f"cnnews-ner: {_printable(_usage_message(exc, argv))}", err=True)
        code = EXIT_USAGE
    except click_exceptions.ClickException as exc:
        typer.echo(f"cnnews-ner: {_printable(' '.join(exc.format_message().split()))}", err=True)
        code = exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # stdout closed early (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_FAILED_DOCUMENTS
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        hint = "" if debug else " (run with --debug for the traceback)"
        typer.echo(f"cnnews-ner: internal error: {_printable(f'{type(exc).__name__}: {exc}')}{hint}", err=True)
        code = EXIT_INTERNAL
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into this exit code without a word
        typer.echo("cnnews-ner: interrupted", err=True)
    sys.exit(code or 0)

if __name__ == "__main__":
    main()
