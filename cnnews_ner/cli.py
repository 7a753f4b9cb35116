"""The ``cnnews-ner`` command: thin option parsing over :mod:`cnnews_ner.api`.

Tables go to stdout (or files with --out); progress and messages go to stderr, one line each.
Exit codes: 0 every document processed, 1 some documents are not ok (status empty or error; tables are
still written), 2 usage errors (before any work), 3 an internal error (traceback with --debug),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM); either way workers are stopped and --resume goes on.
"""
from __future__ import annotations

import json
import os
import sys
import time
import warnings
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .tables import TABLES

# Plain (click) help: option values named by metavars (DIR, FORMAT, N), flags without one, and no rich markup
# to swallow text such as [train]; the README's CLI reference is this help (scripts/readme_cli.py).
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Extract people, their offices and organizations from Chinese news articles.")
model_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Train and evaluate the NER model.")
app.add_typer(model_app, name="model")

TABLE_NAMES = TABLES  # importing tables is cheap: it loads the lexicons only for the reduce step
EXIT_OK, EXIT_FAILED_DOCUMENTS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process killed by it
EXIT_GRACE_SECONDS = 10.0  # after an interrupt, how long the exit handlers may take


class Terminated(BaseException):  # not Exception: no per-document handler may swallow it
    """SIGTERM received (kill, docker stop, a scheduler): raised in the main thread so that the run stops as
    on Ctrl-C: workers stopped, the rows written so far kept, --resume goes on."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()
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


FORMAT_HELP = ("csv, json (an array of records per table), jsonl, xlsx (one tables.xlsx), parquet, sqlite (one "
               "cnnews.db), or table (a table on the terminal, no --out). Default: csv with --out; without it, a "
               "table on a terminal and csv when piped.")
DEVICE_HELP = "auto (a GPU when torch sees one), cpu or cuda."


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cnnews-ner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Extract people, their offices and organizations from Chinese news articles."""


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


def warn(message: str) -> None:
    typer.echo(f"cnnews-ner: warning: {_printable(message)}", err=True)


def _needs(module: str, what: str, extra: str) -> None:
    """A usage error before any work when an optional dependency is missing."""
    try:
        __import__(module)
    except ImportError:
        fail(f"{what} needs {module}: pip install '{extra}'")


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., metavar="INPUTS", show_default=False,
                                       help="Files, folders (recursive), JSONL files (one {\"id\", \"text\"} "
                                            "object a line), or - for stdin."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR",
                                       help="Write every table into this folder (created)."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", metavar="FORMAT", show_default=False,
                                         help=FORMAT_HELP),
    table: Optional[str] = typer.Option(None, "--table", "-t", metavar="TABLE", show_default=False,
                                        help=f"The table printed when there is no --out: {', '.join(TABLES)} "
                                             f"(default: offices). --out writes them all."),
    excel: bool = typer.Option(False, "--excel", help="With csv: a BOM first, so spreadsheet programs read UTF-8."),
    model: str = typer.Option("default", "--model", metavar="MODEL",
                              help="'default' (the shipped offline model), a HanLP model folder, or a HanLP "
                                   "pretrained identifier."),
    device: Device = typer.Option(Device.auto, "--device", metavar="DEVICE", help=DEVICE_HELP),
    glob: List[str] = typer.Option([], "--glob", metavar="PATTERN", show_default=False,
                                   help="File pattern inside folders, repeatable (default: *.txt *.htm *.html "
                                        "*.jsonl)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", metavar="N", show_default=False,
                                          help="Worker processes, each with its own model (default: the number "
                                               "of cores; a small job runs in-process)."),
    resume: bool = typer.Option(False, "--resume", help="With --out (csv, jsonl or sqlite): skip documents already "
                                                        "written there."),
    ray: bool = typer.Option(False, "--ray", help="Run the map step on Ray (a local instance unless --ray-address)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", metavar="ADDRESS",
                                              help="Ray cluster address, e.g. ray://head:10001."),
    review_page: bool = typer.Option(False, "--review", help="With --out: also write the review page, "
                                                             "OUT/review.html (as cnnews-ner review OUT --inputs "
                                                             "INPUTS)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr (warnings and documents not ok still show)."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Run the pipeline over articles and write the tables. A file whose name starts with - is given as
    ./-name or after --."""
    started = time.monotonic()
    if table is not None and table not in TABLES:
        fail(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if out is None and fmt in (Format.xlsx, Format.parquet, Format.sqlite):
        fail(f"--format {fmt.value} needs --out FOLDER")
    if (ray or ray_address) and out is None:
        fail("--ray needs --out FOLDER")
    if review_page and out is None:
        fail("--review needs --out FOLDER (the page is built from the tables written there)")
    if out is not None and fmt == Format.table:
        fail("--format table prints to the terminal; use csv, json, jsonl, xlsx, parquet or sqlite with --out")
    for item in inputs:
        if item != "-" and not os.path.lexists(item):
            fail(f"no such file or folder: {item}")
    if workers is not None and workers < 0:
        fail(f"--workers {workers}: give a number of processes (default: one per core)")
    for pattern in glob:
        if not pattern.strip("/"):
            fail(f"--glob {pattern!r}: give a file pattern such as '*.txt'")
    if fmt == Format.parquet:
        _needs("pyarrow", "--format parquet", "pyarrow")
    if fmt == Format.sqlite:
        _needs("sqlite_utils", "--format sqlite", "sqlite-utils")
    if ray or ray_address:
        _needs("ray", "--ray", "cnnews-ner[ray]")
    if resume and (out is None or (fmt or Format.csv) not in (Format.csv, Format.jsonl, Format.sqlite)):
        fail("--resume needs --out with --format csv, jsonl or sqlite")
    if out is not None:
        chosen = fmt or Format.csv
    else:
        chosen = fmt or (Format.table if sys.stdout.isatty() else Format.csv)
    if excel and chosen != Format.csv:
        warn(f"--excel applies to csv only; ignored with --format {chosen.value}")
    if table is not None and out is not None:
        warn(f"--table chooses the table printed without --out; --out {out} gets every table")
    table = table or "offices"
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

    globs = tuple(glob) or DEFAULT_GLOBS
    n_workers = workers or default_workers()
    not_read: list[str] = []  # files in the folders given that match no --glob: warned about, counted below
    with _progress(quiet, lambda: None if resume else count_inputs(inputs, globs)) as advance:
        try:
            if out is not None:
                mapper = None
                if ray or ray_address:
                    from .distributed import ray_mapper

                    mapper = ray_mapper(model, device.value, ray_address, actors=n_workers)
                if fmt == Format.sqlite:
                    from .sqlite_out import stream_to_sqlite

                    counts = stream_to_sqlite(read_inputs(inputs, globs, not_read), out, model, device.value, n_workers, resume,
                                              advance, mapper=mapper)
                else:
                    counts = stream_to_dir(read_inputs(inputs, globs, not_read), out, chosen.value, model,
                                           device.value, n_workers, resume, excel, advance, mapper=mapper)
                documents, n_people = _written_counts(out, chosen.value)
                failed_rows = [r for r in documents if r["status"] != "ok"]
                n_documents, n_offices = len(documents), sum(int(r["offices"] or 0) for r in documents)
                skipped, where = counts["skipped"], f" -> {out}"
            else:
                result = run_extract(paths=inputs, model=model, device=device.value, globs=globs, workers=n_workers,
                                     progress=advance)
                failed_rows = result.failed
                not_read = skipped_files(inputs, globs)
                n_documents, n_people = len(result.tables["documents"]), len(result.tables["people"])
                n_offices, skipped, where = len(result.tables["offices"]), 0, ""
        except (ModelUnavailable, InputError) as exc:
            fail(str(exc))
    if out is None:
        rows, columns = result.tables[table], COLUMNS[table]
        if chosen == Format.table:
            print_table(rows, columns, table)
        else:
            sys.stdout.write(render(rows, columns, chosen.value, table, excel))
    if not quiet:
        notes = ([f"{skipped:,} already done"] if skipped else []) + (
            [f"{len(failed_rows):,} not ok"] if failed_rows else []) + (
            [f"{len(not_read):,} {_plural(len(not_read), 'file')} not read: no --glob matches"] if not_read else [])
        notes = f" ({', '.join(notes)})" if notes else ""
        typer.echo(f"{n_documents:,} {_plural(n_documents, 'document')}{notes}, {n_people:,} "
                   f"{_plural(n_people, 'person', 'people')}, {n_offices:,} {_plural(n_offices, 'office')} in "
                   f"{time.monotonic() - started:.1f} s{where}", err=True)
    if review_page:
        from .review import ReviewError, build_page

        try:
            page, review_counts = build_page(out, None, inputs, globs)
        except (ReviewError, OSError) as exc:
            warn(f"review page not written: {exc}")
        else:
            if not quiet:
                typer.echo(f"review page: {review_summary(review_counts, True, page)}", err=True)
    # the documents not ok are listed even with -q: exit 1 always comes with its reasons on stderr
    for row in failed_rows[:LIST_FAILED]:
        typer.echo(_printable(f"  {row['doc_id']}: {row['status']}: {row['error']}"), err=True)
    if len(failed_rows) > LIST_FAILED:
        typer.echo(f"  … and {len(failed_rows) - LIST_FAILED} more documents not ok: the documents table "
                   f"lists them all", err=True)
    raise typer.Exit(EXIT_FAILED_DOCUMENTS if failed_rows else EXIT_OK)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


def count_inputs(inputs: List[str], globs: tuple[str, ...]) -> int | None:
    """The number of documents the inputs hold (a JSONL file: its lines), or None when it cannot be known
    before reading (stdin). Only the progress bar uses it."""
    from .io import walk

    total = 0
    for item in inputs:
        if item == "-":
            return None
        paths = [path for _, path, problem in walk(item, globs)] if os.path.isdir(item) else [item]
        for path in paths:
            total += _count_lines(path) if path.lower().endswith(".jsonl") else 1
    return total


def skipped_files(inputs: List[str], globs: tuple[str, ...]) -> list[str]:
    """The files inside the folders given that match none of ``globs`` (read_inputs warns about them)."""
    from .io import walk

    skipped: list[tuple[str, str]] = []
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            walk(item, globs, skipped)
    return [path for _, path in skipped]


def _count_lines(path: str) -> int:
    """Lines of a JSONL file (one record each), read in blocks; 1 when it cannot be read or is no regular
    file (a FIFO is never opened: it could wait forever)."""
    import stat

    lines, last = 0, b"\n"
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return 1
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


def _written_counts(out: Path, fmt: str) -> tuple[list[dict], int]:
    """The documents rows and the number of people rows of the tables written into ``out``."""
    documents = _read_table(out, fmt, "documents")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return documents, pq.read_metadata(out / "people.parquet").num_rows
    if fmt == "sqlite":
        import sqlite3

        from .sqlite_out import DB_NAME

        con = sqlite3.connect(f"file:{out / DB_NAME}?mode=ro", uri=True)
        try:
            return documents, con.execute("SELECT count(*) FROM people").fetchone()[0]
        finally:
            con.close()
    if fmt in ("csv", "jsonl"):
        from .runner import _read_rows

        return documents, sum(1 for _ in _read_rows(out / f"people.{fmt}", fmt))
    return documents, len(_read_table(out, fmt, "people"))


def _read_table(out: Path, fmt: str, name: str) -> list[dict]:
    from .runner import _read_rows

    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out / "tables.xlsx", read_only=True)
        values = list(book[name].values)
        book.close()
        return [dict(zip(values[0], v)) for v in values[1:]]
    if fmt == "json":
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(out / f"{name}.parquet").to_pylist()
    if fmt == "sqlite":
        from .sqlite_out import DB_NAME, read_sqlite

        return read_sqlite(out / DB_NAME)[name]
    return list(_read_rows(out / f"{name}.{fmt}", fmt))


class _progress:
    """Progress on stderr, only when stderr is a terminal: a bar with the count, the total and the time left
    when the number of documents is known before reading (files, folders, JSONL files), else a counter."""

    def __init__(self, quiet: bool, total) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._total = total  # a function: the inputs are counted only when progress is shown
        self._progress = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)

        total = self._total()
        if total:
            columns = (BarColumn(), MofNCompleteColumn(), TextColumn("documents"), TaskProgressColumn(),
                       TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
        else:
            columns = (SpinnerColumn(), TextColumn("{task.completed:,} documents"), TimeElapsedColumn())
        self._progress = Progress(*columns, console=Console(stderr=True), transient=True)
        self._progress.start()
        task = self._progress.add_task("extract", total=total or None)
        return lambda n=1: self._progress.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.stop()


@app.command()
def review(
    out_dir: Path = typer.Argument(..., metavar="OUT_DIR", show_default=False,
                                   help="A folder written by extract --out (csv, jsonl, json, sqlite, parquet or "
                                        "xlsx)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="The HTML file (default: OUT_DIR/review.html)."),
    inputs: List[str] = typer.Option([], "--inputs", "-i", metavar="PATH", show_default=False, help="The inputs given to extract (repeat the option "
                                                                 "for each), read again for the article texts. "
                                                                 "Default: the paths in the documents table."),
    glob: List[str] = typer.Option([], "--glob", metavar="PATTERN", show_default=False, help="As given to extract."),
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
        typer.echo(review_summary(counts, bool(inputs), path), err=True)


def review_summary(counts: dict, inputs_given: bool, path: Path) -> str:
    """The review command's line: rows and documents, and why documents have no text on the page."""
    from .review import TEXT_CHANGED, TEXT_NOT_FOUND, TEXT_STDIN

    records = "".join(f", {counts[name]:,} {name}" for name in ("biographies", "careers") if counts.get(name))
    reasons = {
        TEXT_NOT_FOUND: "not found in the --inputs given" if inputs_given
        else "whose recorded path cannot be read from here (give the inputs with --inputs)",
        TEXT_CHANGED: "changed since extract (their length differs)",
        TEXT_STDIN: "read from stdin, which cannot be read again",
    }
    without = counts.get("without_text", {})
    notes = "; ".join(f"{n:,} {reasons[reason]}" for reason, n in sorted(without.items()))
    missing = sum(without.values())
    return (f"{counts['offices']:,} office rows{records}, {counts['documents']:,} "
            f"{_plural(counts['documents'], 'document')}"
            + (f" ({missing:,} without text: {notes})" if missing else "") + f" -> {path}")


@app.command("apply-review")
def apply_review_command(
    out_dir: Path = typer.Argument(..., metavar="OUT_DIR", show_default=False,
                                   help="The folder the review page was built from."),
    review_csv: Path = typer.Argument(..., metavar="REVIEW_CSV", show_default=False,
                                      help="review.csv exported from the review page."),
    dest: Optional[Path] = typer.Option(None, "--dest", metavar="DIR", help="Where the corrected tables go "
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
    data: Optional[Path] = typer.Option(None, "--data", metavar="FILE",
                                        help="Char-per-line tagged file (default: the MSRA test set)."),
    model: str = typer.Option("default", "--model", metavar="MODEL", help="As for extract."),
    device: Device = typer.Option(Device.auto, "--device", metavar="DEVICE", help=DEVICE_HELP),
    limit: int = typer.Option(0, "--limit", metavar="N", help="Only the first N sentences (0: all)."),
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
    out: Path = typer.Option(..., "--out", metavar="DIR", help="Model folder to write."),
    epochs: int = typer.Option(30, "--epochs", metavar="N", help="Training epochs (early stopping on dev F1)."),
    swa_epochs: int = typer.Option(0, "--swa-epochs", metavar="N",
                                   help="Epochs of weight averaging after training (0: none)."),
    device: Device = typer.Option(Device.auto, "--device", metavar="DEVICE", help=DEVICE_HELP),
    limit: int = typer.Option(0, "--limit", metavar="N", help="Train on the first N sentences (smoke runs; 0: all)."),
) -> None:
    """Train the offline HanLP model on MSRA; needs pip install 'cnnews-ner[train]'."""
    from .ner import ModelUnavailable, resolve_device
    from .training import TrainConfig, build_model

    try:
        resolved = resolve_device(device.value)
    except ModelUnavailable as exc:
        fail(str(exc))
    config = TrainConfig(epochs=epochs, device=resolved, limit=limit)
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


def command():
    """The click command behind ``app``, with arguments shown by their metavar alone (INPUTS..., OUT_DIR), not
    with typer's type labels (<list[str]>, <path>) and braces."""
    try:
        from typer.core import TyperArgument
    except ImportError:  # pragma: no cover
        TyperArgument = None
    cmd = typer.main.get_command(app)
    if TyperArgument is None or not hasattr(TyperArgument, "display_type_rich"):
        return cmd  # older typer: click's plain metavars already

    class PlainArgument(TyperArgument):
        def display_type_rich(self, ctx):
            return None

        def _rich_display_name(self):
            return self.metavar + ("..." if self.nargs != 1 else "")

        def _usage_display_name(self):
            return self._rich_display_name()

    def fix(c) -> None:
        for param in c.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.__class__ = PlainArgument
        for sub in getattr(c, "commands", {}).values():
            fix(sub)

    fix(cmd)
    return cmd


def main(argv: list[str] | None = None) -> None:
    """The console entry point: runs the command and exits with the documented code, every error one line."""
    from .io import BatchWarning

    click_exceptions = _click_exceptions()
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    warnings.simplefilter("always", category=BatchWarning)
    warnings.showwarning = _show_warning
    import signal

    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        code = command().main(args=argv, prog_name="cnnews-ner", standalone_mode=False)
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
    except Terminated:
        typer.echo("cnnews-ner: terminated", err=True)
        code = EXIT_TERMINATED
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
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        # The exit handlers of concurrent.futures / multiprocessing wait for workers being torn down, which
        # under load has hung the process after its message: they get a few seconds, then the process leaves
        # anyway. The rows written so far are on disk (each chunk is appended and closed), and a worker still
        # alive exits within a second of its parent (runner._exit_with_parent).
        import threading

        deadline = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(code,))
        deadline.daemon = True
        deadline.start()
    sys.exit(code or 0)

if __name__ == "__main__":
    main()
