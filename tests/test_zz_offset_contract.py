"""The offset contract on every table the test suite wrote: ``original[start:end] == surface``.

Named to run last: it reads every documents / mentions / offices table (CSV or JSONL) that earlier tests wrote
under this session's temporary folders, re-reads each document from its path (JSONL inputs by their id) with
the package's own reader, and checks every mention and office span. Run alone, it writes the seeds' and the
crafted fixtures' tables first, so it never passes on nothing.
"""
import csv
import json
from pathlib import Path

import pytest

from cnnews_ner import extract
from cnnews_ner.io import read_path
from cnnews_ner.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent


def _rows(folder: Path, table: str):
    csv_path, jsonl_path = folder / f"{table}.csv", folder / f"{table}.jsonl"
    if csv_path.is_file():
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    if jsonl_path.is_file():
        # split on \n only: JSON strings may hold U+2028 and other characters str.splitlines breaks at
        return [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").split("\n") if line]
    return None


def _texts(documents: list[dict], base: Path) -> dict[str, str]:
    """doc_id -> original text, for documents whose input can be read again (a file, or a JSONL record)."""
    texts = {}
    for row in documents:
        if row.get("status") != "ok" or not row.get("path"):
            continue
        for candidate in (Path(row["path"]), base / row["path"], ROOT / row["path"]):
            if candidate.is_file():
                prefix = row["doc_id"].split(":")[0] if candidate.suffix == ".jsonl" else row["doc_id"]
                for raw in read_path(prefix, candidate):
                    # a JSONL record is its own id's; the length check guards against any other mix-up
                    if (raw.status == "ok" and (raw.doc_id == row["doc_id"] or candidate.suffix != ".jsonl")
                            and str(len(raw.text)) == str(row.get("chars"))):
                        texts.setdefault(row["doc_id"], raw.text)
                break
    return texts


def _check(folder: Path) -> int:
    documents, mentions, offices = (_rows(folder, t) for t in ("documents", "mentions", "offices"))
    if documents is None or mentions is None:
        return 0
    texts = _texts(documents, folder.parent)
    checked = 0
    for m in mentions:
        text = texts.get(m["doc_id"])
        if text is not None and len(text) >= int(m["end"]):
            assert text[int(m["start"]):int(m["end"])] == m["surface"], (folder, m)
            checked += 1
    for o in offices or []:
        text = texts.get(o["doc_id"])
        if text is None:
            continue
        assert normalize(text[int(o["start"]):int(o["end"])]).text == o["person"], (folder, o)
        if int(o["org_start"]) >= 0:
            assert o["org"].endswith(normalize(text[int(o["org_start"]):int(o["org_end"])]).text), (folder, o)
        checked += 1
    return checked


def test_offset_contract_on_every_table_the_suite_wrote(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.getbasetemp()
    own = tmp_path_factory.mktemp("contract")
    monkeypatch.chdir(ROOT)
    extract(["seeds", "fixtures/crafted"], device="cpu", workers=1).write(own, fmt="csv")
    # apply-review's corrected tables (reviewed/) hold the user's edits, which no offset describes
    folders = {p.parent for name in ("documents.csv", "documents.jsonl") for p in Path(base).rglob(name)
               if p.parent.name != "reviewed" and p.is_file()}  # a crash test makes one a folder
    checked = sum(_check(folder) for folder in sorted(folders))
    assert checked > 0
    assert _check(own) > 400  # the seeds and the crafted articles: about 300 mentions and 100 offices
