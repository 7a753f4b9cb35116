"""The CLI a newcomer expects (issue 14, part 3): help text, --version, warnings instead of silently ignored
options, the progress bar's total, the 80-column table, JSON records, and a README whose CLI reference and
first example are the CLI's real output."""
import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cnnews_ner import __version__
from cnnews_ner.cli import Format, count_inputs
from cnnews_ner.tables import COLUMNS, TABLES, print_table

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("readme_cli", ROOT / "scripts" / "readme_cli.py")
readme_cli = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_cli)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True, cwd=ROOT)


def wide_help(*args) -> str:
    """--help unwrapped (a very wide terminal), white space collapsed."""
    return " ".join(readme_cli.help_text(list(args), width=1000).split())


@pytest.mark.parametrize("args", readme_cli.COMMANDS)
def test_help_names_values_by_metavar_and_loses_no_text(args):
    text = readme_cli.help_text(args)
    for label in ("<bool>", "<str>", "<int>", "<path>", "list[str]", "{"):
        assert label not in text.replace('{"id", "text"}', ""), (args, label)
    assert max(len(line) for line in text.splitlines()) <= readme_cli.WIDTH


def test_extract_help_lists_formats_and_tables_and_no_default_workers():
    text = wide_help("extract")
    formats = text[text.index("--format FORMAT"):text.index("--table")]
    assert all(re.search(rf"\b{f.value}\b", formats) for f in Format), formats
    assert ", ".join(TABLES) in text and "biographies" in TABLES
    workers = text[text.index("--workers"):text.index("--resume")]
    assert "number of cores" in workers and "default: 0" not in workers


def test_model_help_keeps_brackets_and_devices_agree():
    assert "pip install 'cnnews-ner[train]'" in wide_help("model", "train")
    for args in (["extract"], ["model", "eval"], ["model", "train"]):
        device = wide_help(*args)
        device = device[device.index("--device"):]
        assert "[default: auto]" in device.split("--", 2)[1], args


def test_version():
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.decode().strip() == f"cnnews-ner {__version__}"


@pytest.mark.parametrize("value", ["-1", "-3"])
def test_negative_workers_are_refused(value):
    done = run_cli("extract", "seeds", "-w", value)
    assert done.returncode == 2 and b"--workers" in done.stderr and b"Traceback" not in done.stderr


def test_ignored_options_are_warned_about():
    # both warnings come before any work; the unwritable --out then stops the run (exit 2) without extracting
    done = run_cli("extract", "seeds", "--out", "/proc/forbidden", "--format", "json", "--excel", "--table", "people")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "warning: --excel applies to csv only; ignored with --format json" in err
    assert "warning: --table chooses the table printed without --out" in err
    assert len(err.splitlines()) == 3  # one line each


def test_progress_total_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("市委书记张建华出席会议。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "sub" / "skip.md").write_text("x", encoding="utf-8")
    lines = tmp_path / "c.jsonl"
    lines.write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")  # no final newline
    globs = ("*.txt", "*.htm", "*.html", "*.jsonl")
    assert count_inputs([str(tmp_path)], globs) == 5
    assert count_inputs([str(lines), str(tmp_path / "a.txt")], globs) == 4
    assert count_inputs([str(tmp_path), "-"], globs) is None
    fifo = tmp_path / "sub" / "pipe.jsonl"
    os.mkfifo(fifo)  # counted as one document (an error row), never opened: opening it would wait for a writer
    assert count_inputs([str(tmp_path)], globs) == 6


def test_progress_bar_has_a_total_and_a_time_left():
    from cnnews_ner.cli import _progress

    bar = _progress(False, lambda: 3)
    bar.enabled = True  # as on a terminal
    with bar as advance:
        advance()
        advance(2)
        task = bar._progress.tasks[0]
        assert (task.completed, task.total) == (3, 3)
        names = {type(c).__name__ for c in bar._progress.columns}
        assert {"BarColumn", "MofNCompleteColumn", "TimeRemainingColumn"} <= names
    assert _progress(True, lambda: 3).__enter__() is None  # -q: nothing


def test_office_rows_fit_one_or_two_lines_at_80_columns():
    from rich.console import Console

    with (ROOT / "fixtures" / "seeds" / "offices.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    buf = io.StringIO()
    print_table(rows, COLUMNS["offices"], "offices", console=Console(width=80, file=buf, color_system=None))
    lines = buf.getvalue().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80  # (CJK is two cells: checked by the row count below)
    body = lines[lines.index(next(l for l in lines if set(l.strip()) == {"─"})) + 1:-1]  # between rule and caption
    assert len(rows) <= len(body) <= 2 * len(rows)
    assert "person" in lines[1] and "evidence" in lines[1] and "…" in buf.getvalue()


def test_json_is_records_and_old_shape_still_reads(tmp_path):
    from cnnews_ner.review import read_tables
    from cnnews_ner.tables import write_tables

    tables = {name: [] for name in TABLES}
    tables["documents"] = [{"doc_id": "a", "path": "a.txt", "status": "ok", "error": "", "chars": 3, "people": 1,
                            "offices": 1}]
    tables["offices"] = [{"doc_id": "a", "person": "甲", "title": "局长", "start": 0, "end": 1}]
    write_tables(tables, tmp_path / "new", "json")
    records = json.loads((tmp_path / "new" / "offices.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and records[0]["title"] == "局长" and list(records[0]) == COLUMNS["offices"]
    old = tmp_path / "old"
    old.mkdir()
    for name in TABLES:  # the shape written before: {"offices": [...]}
        data = json.loads((tmp_path / "new" / f"{name}.json").read_text(encoding="utf-8"))
        (old / f"{name}.json").write_text(json.dumps({name: data}, ensure_ascii=False), encoding="utf-8")
    assert read_tables(old)[0]["offices"] == read_tables(tmp_path / "new")[0]["offices"]


def test_readme_cli_reference_is_the_help():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme_cli.section(text, readme_cli.BEGIN, readme_cli.END)
    assert current == readme_cli.reference(), "README's CLI reference is stale: run python scripts/readme_cli.py"


def test_readme_first_example_is_real_output():
    # fixtures/seeds/offices.csv is `extract seeds/` as printed to a pipe (tests/test_fixtures.py keeps it so)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme_cli.section(text, readme_cli.EXAMPLE_BEGIN, readme_cli.EXAMPLE_END).strip().strip("`").strip()
    command, *shown = block.splitlines()
    assert command.startswith("$ cnnews-ner extract seeds/")
    fixture = (ROOT / "fixtures" / "seeds" / "offices.csv").read_text(encoding="utf-8").splitlines()
    assert shown == fixture[:len(shown)] and len(shown) == 1 + readme_cli.EXAMPLE_ROWS, (
        "README's first example is stale: run python scripts/readme_cli.py --examples")
