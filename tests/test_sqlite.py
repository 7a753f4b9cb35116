"""--format sqlite: one cnnews.db with the five tables, keys, indexes and full-text search, equal to the CSV output."""
import csv
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cnnews_ner.sqlite_out import read_sqlite
from cnnews_ner.tables import COLUMNS, TABLES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The seeds extracted once as CSV and once as SQLite."""
    base = tmp_path_factory.mktemp("sqlite")
    for fmt in ("csv", "sqlite"):
        result = run_cli("extract", str(SEEDS), "--out", str(base / fmt), "--format", fmt, "--workers", "1")
        assert result.returncode == 0, result.stderr.decode()
    csv_tables = {}
    for name in TABLES:
        with (base / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            csv_tables[name] = list(csv.DictReader(f))
    con = sqlite3.connect(base / "sqlite" / "cnnews.db")
    yield csv_tables, con
    con.close()


def test_only_the_database_is_written(outputs):
    _, con = outputs
    folder = Path(con.execute("PRAGMA database_list").fetchone()[2]).parent
    assert sorted(p.name for p in folder.iterdir()) == ["cnnews.db"]


def test_every_table_equals_the_csv_output(outputs):
    csv_tables, con = outputs
    for name in TABLES:
        cols = ", ".join(f'"{c}"' for c in COLUMNS[name])
        rows = [["" if v is None else str(v) for v in r]
                for r in con.execute(f"SELECT {cols} FROM {name} ORDER BY rowid")]
        assert len(rows) == len(csv_tables[name]), name
        assert rows or name in ("biographies", "careers"), name  # the seeds hold no résumé records
        assert rows == [[r[c] for c in COLUMNS[name]] for r in csv_tables[name]], name


def test_keys_types_and_foreign_keys(outputs):
    _, con = outputs
    pks = {name: [r[1] for r in sorted(con.execute(f"PRAGMA table_info({name})"), key=lambda r: r[5]) if r[5]]
           for name in TABLES}
    assert pks == {"documents": ["doc_id"], "mentions": ["doc_id", "mention_id"], "offices": [],
                   "people": ["person_id"], "organizations": ["org_id"], "biographies": [], "careers": []}
    types = {r[1]: r[2] for r in con.execute("PRAGMA table_info(offices)")}
    assert types["start"] == types["org_end"] == "INTEGER" and types["title"] == "TEXT"
    references = {(r[3], r[2], r[4]) for r in con.execute("PRAGMA foreign_key_list(offices)")}
    assert references == {("doc_id", "documents", "doc_id"), ("person_id", "people", "person_id")}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    indexed = {r[1] for r in con.execute("PRAGMA index_list(offices)")}
    assert {"idx_offices_person_id", "idx_offices_org_canonical", "idx_offices_doc_id"} <= indexed


def test_people_join_offices(outputs):
    csv_tables, con = outputs
    expected = sorted((p["name"], o["title"], o["org_canonical"]) for p in csv_tables["people"]
                      for o in csv_tables["offices"] if o["person_id"] == p["person_id"])
    got = sorted(con.execute("SELECT people.name, offices.title, offices.org_canonical "
                             "FROM people JOIN offices ON offices.person_id = people.person_id"))
    assert got == expected and len(got) == len(csv_tables["offices"])


def test_full_text_search_finds_substrings_of_evidence(outputs):
    csv_tables, con = outputs
    word = "组织部"  # the trigram tokenizer finds any run of three or more characters
    expected = sum(word in o["evidence"] for o in csv_tables["offices"])
    got = con.execute("SELECT count(*) FROM offices_fts WHERE offices_fts MATCH ?", [word]).fetchone()[0]
    assert got == expected > 0


def test_sqlite_needs_out():
    result = run_cli("extract", str(SEEDS), "--format", "sqlite")
    assert result.returncode == 2 and b"needs --out" in result.stderr


def test_resume_after_a_kill_equals_a_clean_run(tmp_path):
    archive = tmp_path / "archive.jsonl"
    seeds = sorted(SEEDS.glob("*.txt"))
    archive.write_text("".join(json.dumps({"id": f"{i}-{s.stem}", "text": s.read_text(encoding="utf-8")},
                                          ensure_ascii=False) + "\n" for i in range(2) for s in seeds),
                       encoding="utf-8")
    clean = tmp_path / "clean"
    result = run_cli("extract", str(archive), "--out", str(clean), "--format", "sqlite", "-w", "1", "-q")
    assert result.returncode == 0, result.stderr.decode()
    expected = read_sqlite(clean / "cnnews.db")
    # what a kill leaves: the first 4 documents committed, the reduce never run (no people, no person_id),
    # and rows of a 5th document without its documents row
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(clean / "cnnews.db", out / "cnnews.db")
    order = [d["doc_id"] for d in expected["documents"]]
    con = sqlite3.connect(out / "cnnews.db")
    with con:
        con.executemany("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in order[4:]])
        for name in ("mentions", "offices", "biographies", "careers"):
            con.executemany(f"DELETE FROM {name} WHERE doc_id = ?", [(d,) for d in order[5:]])
        con.execute("UPDATE offices SET person_id = NULL")
        con.execute("DELETE FROM people")
        con.execute("DELETE FROM organizations")
    con.close()
    result = run_cli("extract", str(archive), "--out", str(out), "--format", "sqlite", "-w", "1", "--resume")
    assert result.returncode == 0, result.stderr.decode()
    assert b"(4 already done)" in result.stderr
    assert read_sqlite(out / "cnnews.db") == expected
    con = sqlite3.connect(out / "cnnews.db")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM offices_fts WHERE offices_fts MATCH '组织部'").fetchone()[0] == sum(
        "组织部" in o["evidence"] for o in expected["offices"]) > 0
    con.close()
    assert sorted(p.name for p in out.iterdir()) == ["cnnews.db"]


def test_resume_into_a_database_of_other_columns_is_a_usage_error(tmp_path):
    con = sqlite3.connect(tmp_path / "cnnews.db")
    con.execute("CREATE TABLE documents (doc_id TEXT, something TEXT)")
    con.close()
    result = run_cli("extract", str(SEEDS), "--out", str(tmp_path), "--format", "sqlite", "--resume")
    assert result.returncode == 2 and b"other columns" in result.stderr


def test_a_run_killed_with_sigkill_resumes_to_a_clean_run(tmp_path):
    # 40 seed copies (128,000 characters) make two model chunks: the first chunk's documents are committed
    # while the second runs
    archive = tmp_path / "archive.jsonl"
    seeds = sorted(SEEDS.glob("*.txt"))
    archive.write_text("".join(json.dumps({"id": f"{i}-{s.stem}", "text": s.read_text(encoding="utf-8")},
                                          ensure_ascii=False) + "\n" for i in range(8) for s in seeds),
                       encoding="utf-8")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "cnnews_ner.cli", "extract", str(archive), "--out", str(out), "--format", "sqlite",
            "-w", "1", "-q"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            con = sqlite3.connect(f"file:{out / 'cnnews.db'}?mode=ro", uri=True, timeout=0.1)
            committed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:  # not created yet
            committed = 0
        if committed:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL and 0 < committed < 40, (proc.returncode, committed)
    result = run_cli("extract", str(archive), "--out", str(out), "--format", "sqlite", "-w", "1", "--resume")
    assert result.returncode == 0, result.stderr.decode()
    assert b"already done)" in result.stderr
    clean = tmp_path / "clean"
    result = run_cli("extract", str(archive), "--out", str(clean), "--format", "sqlite", "-w", "1", "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert read_sqlite(out / "cnnews.db") == read_sqlite(clean / "cnnews.db")
