"""extract --review, the review command's account of documents without text, and the biographies and careers
tables on the review page (in headless Chromium where it is installed)."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CRAFTED = ROOT / "fixtures" / "crafted"


def cli(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True, cwd=cwd, env=env,
                          timeout=600)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S).group(1))


@pytest.fixture(scope="module")
def notices(tmp_path_factory):
    """A notice with résumé records (biographies, careers) and a national news article, extracted with
    --review."""
    base = tmp_path_factory.mktemp("notices")
    inputs = base / "in"
    inputs.mkdir()
    for name in ("e_notice_records.txt", "d_national.txt"):
        shutil.copy(CRAFTED / name, inputs / name)
    out = base / "out"
    result = cli("extract", str(inputs), "--out", str(out), "-w", "1", "--review")
    assert result.returncode == 0, result.stderr.decode()
    return base, inputs, out, result.stderr.decode()


def test_extract_review_writes_the_page_with_every_text(notices):
    _, inputs, out, err = notices
    bios, careers = read_csv(out / "biographies.csv"), read_csv(out / "careers.csv")
    offices = read_csv(out / "offices.csv")
    assert bios and careers
    assert err.splitlines()[-1] == (f"review page: {len(offices)} office rows, {len(bios)} biographies, "
                                    f"{len(careers)} careers, 2 documents -> {out / 'review.html'}")
    data = page_data(out / "review.html")
    assert all(d[data["docFields"].index("text")] for d in data["docs"])
    records = data["records"]
    assert records["biographies"]["fields"][:3] == ["doc_id", "person_id", "name"]
    assert [r[2] for r in records["biographies"]["rows"]] == [b["name"] for b in bios]
    assert [r[5] for r in records["careers"]["rows"]] == [c["title"] for c in careers]


def test_extract_review_needs_out():
    result = cli("extract", str(CRAFTED / "d_national.txt"), "--review")
    assert result.returncode == 2
    assert result.stderr.decode() == ("cnnews-ner: --review needs --out FOLDER (the page is built from the tables "
                                      "written there)\n")


def test_review_says_why_texts_are_missing(notices, tmp_path):
    base, inputs, out, _ = notices
    empty = tmp_path / "empty"
    empty.mkdir()
    # --inputs given: the texts are not there; no advice to give --inputs
    result = cli("review", str(out), "-o", str(tmp_path / "a.html"), "--inputs", str(empty))
    err = result.stderr.decode()
    assert result.returncode == 0 and "(2 without text: 2 not found in the --inputs given)" in err, err
    assert "give the inputs with --inputs" not in err
    # no --inputs, one file changed since extract, the other gone
    moved = tmp_path / "moved"
    shutil.copytree(inputs, moved)
    with (inputs / "d_national.txt").open("a", encoding="utf-8") as f:
        f.write("\n新增一段。")
    (inputs / "e_notice_records.txt").unlink()
    try:
        result = cli("review", str(out), "-o", str(tmp_path / "b.html"))
        err = result.stderr.decode()
        assert result.returncode == 0, err
        assert ("(2 without text: 1 changed since extract (their length differs); 1 whose recorded path cannot "
                "be read from here (give the inputs with --inputs))") in err
        data = page_data(tmp_path / "b.html")
        missing = {d[0]: d[data["docFields"].index("missing")] for d in data["docs"]}
        assert missing == {"d_national.txt": "changed", "e_notice_records.txt": "not found"}
    finally:
        shutil.rmtree(inputs)
        shutil.copytree(moved, inputs)
    result = cli("review", str(out), "-o", str(tmp_path / "c.html"), "--inputs", str(inputs))
    assert result.returncode == 0 and "without text" not in result.stderr.decode()


def test_review_of_stdin_documents_says_stdin(tmp_path):
    out = tmp_path / "out"
    text = (CRAFTED / "d_national.txt").read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", "-", "--out", str(out), "-w", "1",
                             "--review"], input=text, capture_output=True, env=env, timeout=600)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "(1 without text: 1 read from stdin, which cannot be read again)" in err.splitlines()[-1]


# ---- in headless Chromium ----------------------------------------------------------------------------------



def test_biographies_and_careers_on_the_page(browser, notices, tmp_path):
    _, inputs, out, _ = notices
    bios, careers = read_csv(out / "biographies.csv"), read_csv(out / "careers.csv")
    doc_ids = [d["doc_id"] for d in read_csv(out / "documents.csv")]
    text = (inputs / "e_notice_records.txt").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / "review.html").as_uri())
    page.wait_for_selector("body[data-ready='1']")
    page.click(f".doc-item[data-doc='{doc_ids.index('e_notice_records.txt')}']")
    assert page.locator("#doc-biographies tr.record").count() == sum(b["doc_id"] == "e_notice_records.txt" for b in bios)
    assert page.locator("#doc-careers tr.record").count() == sum(c["doc_id"] == "e_notice_records.txt" for c in careers)
    # a career row outlines its line in the text; a biography row its name
    k = next(i for i, c in enumerate(careers) if c["doc_id"] == "e_notice_records.txt")
    page.click(f"#doc-careers tr.record[data-record='{k}']")
    assert page.text_content("#text mark.sel-record") == careers[k]["surface"]
    j = next(i for i, b in enumerate(bios) if b["doc_id"] == "e_notice_records.txt")
    page.click(f"#doc-biographies tr.record[data-record='{j}']")
    assert page.text_content("#text mark.sel-person") == text[int(bios[j]["name_start"]):int(bios[j]["name_end"])]
    # a person's card lists their careers
    person = careers[k]["person_id"]
    page.click("#view-people")
    card = page.locator(f".person-card[data-person='{person}']")
    assert card.locator("tr.record").count() == sum(c["person_id"] == person for c in careers) + sum(
        b["person_id"] == person for b in bios)
    page.screenshot(path=str(tmp_path / "records.png"))
    assert errors == []
