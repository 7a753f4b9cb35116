"""Workers, streaming output and resume give the same tables as one in-process run."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def corpus(tmp_path, copies=8) -> Path:
    """A JSONL archive: the seeds repeated (40 documents, more than two chunks)."""
    path = tmp_path / "archive.jsonl"
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with path.open("w", encoding="utf-8") as f:
        for i in range(copies):
            for s in seeds:
                f.write(json.dumps({"id": f"{i:02d}-{s.stem}", "text": s.read_text(encoding="utf-8")},
                                   ensure_ascii=False) + "\n")
    return path


def run(*args):
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", *args, "-q"], capture_output=True)


def tables(out: Path, fmt="jsonl") -> dict:
    return {name: (out / f"{name}.{fmt}").read_text(encoding="utf-8")
            for name in ("documents", "mentions", "offices", "people", "organizations")}


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("single")
    archive = corpus(tmp)
    out = tmp / "out"
    result = run(str(archive), "--out", str(out), "--format", "jsonl", "--workers", "1")
    assert result.returncode == 0, result.stderr.decode()
    return archive, tables(out)


def test_two_workers_equal_one(single, tmp_path):
    archive, expected = single
    out = tmp_path / "out"
    assert run(str(archive), "--out", str(out), "--format", "jsonl", "--workers", "2").returncode == 0
    assert tables(out) == expected


def test_resume_after_interruption_repeats_nothing_and_loses_nothing(single, tmp_path):
    archive, expected = single
    out = tmp_path / "out"
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_text("".join(lines[:17]), encoding="utf-8")
    assert run(str(first), "--out", str(out), "--format", "jsonl", "--workers", "1").returncode == 0
    # simulate a crash in the middle of writing: a half record at the end of mentions
    with (out / "mentions.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"doc_id": "01-000_d050')
    # the full archive, resumed: the 17 done documents are skipped
    assert run(str(archive), "--out", str(out), "--format", "jsonl", "--workers", "1", "--resume").returncode == 0
    got = tables(out)
    doc_ids = [json.loads(x)["doc_id"] for x in got["documents"].splitlines()]
    assert sorted(doc_ids) == sorted(json.loads(x)["doc_id"] for x in expected["documents"].splitlines())
    assert len(doc_ids) == len(set(doc_ids))
    for name in ("people", "organizations"):
        assert got[name] == expected[name]
    assert sorted(got["mentions"].splitlines()) == sorted(expected["mentions"].splitlines())
    assert sorted(got["offices"].splitlines()) == sorted(expected["offices"].splitlines())


def test_streamed_csv_equals_in_memory_tables(tmp_path, monkeypatch):
    from cnnews_ner import extract
    from cnnews_ner.tables import COLUMNS, render

    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    assert run("seeds", "--out", str(out)).returncode == 0
    result = extract("seeds", device="cpu")
    for name, rows in result.tables.items():
        assert (out / f"{name}.csv").read_text(encoding="utf-8") == render(rows, COLUMNS[name], "csv", name)


def test_a_small_job_run_in_process_for_several_workers_uses_one_torch_thread():
    """As each worker does: two intra-op threads on cores busy with other processes wait on each other (issue 12)."""
    import torch

    from cnnews_ner.io import read_texts
    from cnnews_ner.runner import map_documents

    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        rows = list(map_documents(read_texts(["市委书记张建华出席会议。"]), device="cpu", workers=2))
        assert torch.get_num_threads() == 1
        assert [r["offices"][0]["person"] for r in rows] == ["张建华"]
    finally:
        torch.set_num_threads(before)
