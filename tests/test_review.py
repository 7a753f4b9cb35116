"""The review page (cnnews-ner review) and apply-review: the page's data and escaping, every output format
read back, decisions applied to the tables, and the page itself in headless Chromium."""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cnnews_ner.io import read_inputs
from cnnews_ner.normalize import normalize
from cnnews_ner.review import read_tables
from cnnews_ner.tables import COLUMNS, TABLES, write_tables

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HOSTILE_TEXT = ('<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
                '<a href="javascript:window.__pwned=3">link</a> 市委书记张建华</script>出席会议。')
HOSTILE_ID = "<img src=x onerror=window.__pwned=4>.txt"


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True, cwd=cwd)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """The seeds extracted as CSV, and their review page."""
    base = tmp_path_factory.mktemp("review")
    out = base / "out"
    result = run_cli("extract", str(SEEDS), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr.decode()
    page = base / "review.html"
    result = run_cli("review", str(out), "-o", str(page), "--inputs", str(SEEDS))
    assert result.returncode == 0, result.stderr.decode()
    assert b"without text" not in result.stderr  # every document's text was found
    return out, page


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    """Tables and an input whose every value is markup or a javascript: URL."""
    base = tmp_path_factory.mktemp("hostile")
    source = base / "hostile.jsonl"
    source.write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    person = HOSTILE_TEXT.index("张建华")
    title, org = person - 2, person - 4
    evil = '<script>window.__pwned=5</script>'
    tables = {name: [] for name in TABLES}
    tables["documents"].append({"doc_id": HOSTILE_ID, "path": str(source), "status": "ok", "error": "", "encoding": "utf-8",
                                "script": "simplified", "city": evil, "newspaper": "<b>x</b>", "chars": len(HOSTILE_TEXT),
                                "people": 1, "offices": 1})
    tables["mentions"] += [
        {"doc_id": HOSTILE_ID, "mention_id": "m1", "type": "PERSON", "text": "张建华", "surface": "张建华", "start": person,
         "end": person + 3, "sentence": 0, "source": "ner"},
        {"doc_id": HOSTILE_ID, "mention_id": "m2", "type": "TITLE", "text": "书记", "surface": "书记", "start": title,
         "end": title + 2, "sentence": 0, "source": "rules"},
        {"doc_id": HOSTILE_ID, "mention_id": "m3", "type": "ORG", "text": "市委", "surface": "市委", "start": org,
         "end": org + 2, "sentence": 0, "source": "rules"}]
    tables["offices"].append({"doc_id": HOSTILE_ID, "person_id": "p_<i>1</i>", "person": "张建华", "title": "书记",
                              "qualifier": evil, "org": "市委", "org_canonical": '<img src=x onerror="window.__pwned=6">',
                              "kind": "javascript:window.__pwned=7", "status": "current", "rule": "</script><script>window.__pwned=8</script>",
                              "city": "", "start": person, "end": person + 3, "org_start": org, "org_end": org + 2,
                              "sentence": 0, "evidence": HOSTILE_TEXT})
    tables["people"].append({"person_id": "p_<i>1</i>", "name": "张建华", "variants": evil, "city": "", "offices": "",
                             "doc_count": 1, "docs": HOSTILE_ID, "mentions": 1})
    out = base / "out"
    write_tables(tables, out, "csv")
    page = base / "review.html"
    result = run_cli("review", str(out), "-o", str(page), "--inputs", str(source))
    assert result.returncode == 0, result.stderr.decode()
    return out, page


# ---- without a browser ----------------------------------------------------------------------------------

def test_page_is_one_file_with_the_data_and_no_network(seeds_out):
    _, page = seeds_out
    html = page.read_text(encoding="utf-8")
    assert html.count("<script") == 2 and html.count("</script>") == 2  # the data and the page's own script
    assert "<link" not in html and " src=" not in html and "http://" not in html and "https://" not in html
    assert "Content-Security-Policy" in html and "script-src 'sha256-" in html


def test_without_inputs_the_texts_come_from_the_recorded_paths(seeds_out, tmp_path):
    out, page = seeds_out
    result = run_cli("review", str(out), "-o", str(tmp_path / "page.html"))
    assert result.returncode == 0 and b"without text" not in result.stderr  # extract recorded absolute paths
    assert (tmp_path / "page.html").read_bytes() == page.read_bytes()
    result = run_cli("review", str(out), "-o", str(tmp_path / "other.html"), "--inputs", str(tmp_path))
    assert result.returncode == 0 and b"(5 without text: 5 not found in the --inputs given)" in result.stderr


def test_hostile_values_cannot_close_the_data_script(hostile_out):
    _, page = hostile_out
    html = page.read_text(encoding="utf-8")
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "window.__pwned" in html  # the values are there, as JSON escapes (\u003c…)
    assert "<img" not in html


@pytest.mark.parametrize("fmt", ["jsonl", "json", "sqlite", "xlsx"])
def test_every_output_format_reads_back_equal(seeds_out, tmp_path, fmt):
    out, _ = seeds_out
    tables, detected = read_tables(out)
    assert detected == "csv"
    write_tables(tables, tmp_path, fmt)
    again, detected = read_tables(tmp_path)
    assert detected == fmt and again == tables


def _review_rows(offices, picks):
    """review.csv rows as the page exports them, for (row index, decision, new title, new org, new status)."""
    fields = ["doc_id", "person_id", "person", "title", "org", "org_canonical", "status", "start", "end",
              "decision", "new_title", "new_org", "new_status"]
    rows = []
    for i, decision, title, org, status in picks:
        o = offices[i]
        rows.append({**{f: o.get(f, "") for f in fields}, "decision": decision, "new_title": title, "new_org": org,
                     "new_status": status})
    return fields, rows


def test_apply_review_writes_corrected_tables_beside_the_originals(seeds_out, tmp_path):
    out, _ = seeds_out
    work = tmp_path / "out"
    shutil.copytree(out, work)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in work.iterdir()}
    offices = read_csv(work / "offices.csv")
    fields, rows = _review_rows(offices, [(0, "accept", "", "", ""), (1, "reject", "", "", ""),
                                          (5, "edit", "常务副部长", "某某市委组织部", "former")])
    review = tmp_path / "review.csv"
    with review.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("apply-review", str(work), str(review))
    assert result.returncode == 0, result.stderr.decode()
    assert b"1 accepted, 1 rejected, 1 edited" in result.stderr
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in work.iterdir() if p.is_file()} == before
    fixed = read_csv(work / "reviewed" / "offices.csv")
    assert len(fixed) == len(offices) - 1
    assert fixed[0]["review"] == "accepted" and fixed[0]["title"] == offices[0]["title"]
    edited = fixed[4]
    assert (edited["title"], edited["org"], edited["org_canonical"], edited["status"], edited["review"]) == (
        "常务副部长", "某某市委组织部", "某某市委组织部", "former", "edited")
    assert [r["review"] for r in fixed].count("") == len(offices) - 3
    docs = {d["doc_id"]: d for d in read_csv(work / "reviewed" / "documents.csv")}
    assert int(docs[offices[1]["doc_id"]]["offices"]) == sum(o["doc_id"] == offices[1]["doc_id"] for o in fixed)
    person = next(p for p in read_csv(work / "reviewed" / "people.csv") if p["person_id"] == offices[5]["person_id"])
    assert "常务副部长@某某市委组织部 (former)" in person["offices"].split(";")
    refused = run_cli("apply-review", str(work), str(review), "--dest", str(work))
    assert refused.returncode == 2 and b"beside the originals" in refused.stderr


def test_apply_review_refuses_a_file_that_is_not_a_review(seeds_out, tmp_path):
    out, _ = seeds_out
    result = run_cli("apply-review", str(out), str(out / "people.csv"))
    assert result.returncode == 2 and b"not a review.csv" in result.stderr


# ---- in headless Chromium ----------------------------------------------------------------------------------



def open_page(browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(path.as_uri(), timeout=120_000)  # the 10,000-document page loads in about 5 s here; CI may be slower
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    return page


def test_review_page_in_chromium(browser, seeds_out, tmp_path):
    out, path = seeds_out
    offices = read_csv(out / "offices.csv")
    page = open_page(browser, path)
    assert page.text_content("#count").startswith(f"{len(offices)} of {len(offices)} office rows")

    # every document's table holds its office rows
    doc_ids = [d["doc_id"] for d in read_csv(out / "documents.csv")]
    for n, doc_id in enumerate(doc_ids):
        page.click(f".doc-item[data-doc='{n}']")
        assert page.text_content("#doc-title") == doc_id
        assert page.locator("#doc-offices tr.office").count() == sum(o["doc_id"] == doc_id for o in offices)

    # a row with a written organization: its person, title and organization are marked in the text
    i = next(k for k, o in enumerate(offices) if int(o["org_start"]) >= 0 and o["qualifier"] == "")
    row = offices[i]
    texts = {raw.doc_id: raw.text for raw in read_inputs([str(SEEDS)])}
    page.click(f".doc-item[data-doc='{doc_ids.index(row['doc_id'])}']")
    page.click(f"#doc-offices tr.office[data-office='{i}']")
    marks = {m.get_attribute("data-role"): m.text_content() for m in page.locator("#text mark.sel").all()}
    text = texts[row["doc_id"]]
    assert marks["person"] == text[int(row["start"]):int(row["end"])]
    assert normalize(marks["person"]).text == row["person"]
    assert normalize(marks["title"]).text == row["title"]
    assert marks["org"] == text[int(row["org_start"]):int(row["org_end"])]
    assert normalize(marks["org"]).text == row["org"]
    assert page.locator("#text mark.sel-person").is_visible()  # scrolled into view
    page.screenshot(path=str(tmp_path / "review.png"))
    if os.environ.get("REVIEW_SCREENSHOT"):  # docs/review.png is made this way
        page.screenshot(path=os.environ["REVIEW_SCREENSHOT"])

    # a filter: one person's rows
    name = row["person"]
    expected = sum(name in o["person"] for o in offices)
    page.fill("#f-person", name)
    page.wait_for_function("n => document.getElementById('count').textContent.startsWith(n + ' of')", arg=expected)
    page.fill("#f-person", "")
    page.wait_for_function("n => document.getElementById('count').textContent.startsWith(n + ' of')", arg=len(offices))

    # the people view lists each person's offices with a link back to the evidence
    page.click("#view-people")
    card = page.locator(f".person-card[data-person='{row['person_id']}']")
    assert card.locator("tr.office").count() == sum(o["person_id"] == row["person_id"] for o in offices)
    card.locator("button.evidence-link").first.click()
    assert page.locator("#text mark.sel-person").count() == 1

    # review: accept, reject, edit; kept across a reload; exported and applied
    page.click(f".doc-item[data-doc='{doc_ids.index(offices[0]['doc_id'])}']")
    page.click("#doc-offices tr.office[data-office='0'] button.accept")
    page.click("#doc-offices tr.office[data-office='1'] button.reject")
    page.click(f".doc-item[data-doc='{doc_ids.index(row['doc_id'])}']")
    page.click(f"#doc-offices tr.office[data-office='{i}'] button.edit")
    page.select_option("tr.edit-form select.new-status", "former")
    page.fill("tr.edit-form input.new-title", "副书记")
    page.press("tr.edit-form input.new-title", "Enter")  # Enter saves
    assert page.text_content("#decided") == "3 reviewed"
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#decided") == "3 reviewed"
    page.select_option("#f-decision", "reject")
    page.wait_for_function("() => document.getElementById('count').textContent.startsWith('1 of')")
    with page.expect_download() as download:
        page.click("#export")
    review = tmp_path / "review.csv"
    download.value.save_as(review)
    decisions = {(r["doc_id"], r["start"], r["title"]): r["decision"] for r in read_csv(review)}
    assert decisions == {(offices[0]["doc_id"], offices[0]["start"], offices[0]["title"]): "accept",
                         (offices[1]["doc_id"], offices[1]["start"], offices[1]["title"]): "reject",
                         (row["doc_id"], row["start"], row["title"]): "edit"}
    result = run_cli("apply-review", str(out), str(review), "--dest", str(tmp_path / "reviewed"))
    assert result.returncode == 0, result.stderr.decode()
    fixed = read_csv(tmp_path / "reviewed" / "offices.csv")
    assert len(fixed) == len(offices) - 1
    assert [(o["title"], o["status"]) for o in fixed if o["review"] == "edited"] == [("副书记", "former")]

    # the keyboard: n next document, j first row, r reject it
    page.select_option("#f-decision", "")
    page.click(f".doc-item[data-doc='0']")
    page.keyboard.press("n")
    assert page.text_content("#doc-title") == doc_ids[1]
    page.keyboard.press("j")
    page.keyboard.press("r")
    first = offices.index(next(o for o in offices if o["doc_id"] == doc_ids[1]))
    assert "d-reject" in page.get_attribute(f"#doc-offices tr.office[data-office='{first}']", "class")
    assert page.text_content("#decided") == "4 reviewed"
    assert page.errors == [] and page.dialogs == []


def test_markup_in_the_data_renders_as_text_and_runs_nothing(browser, hostile_out, tmp_path):
    out, path = hostile_out
    page = open_page(browser, path)
    page.click("#doc-offices tr.office[data-office='0']")
    assert page.text_content("#text") == HOSTILE_TEXT
    assert page.text_content("#text mark.sel-person") == "张建华"
    assert page.text_content(".doc-item").startswith(HOSTILE_ID)
    assert page.text_content("#doc-offices td.c-rule") == "</script><script>window.__pwned=8</script>"
    assert page.locator("#text img, #main img, #text a, #main script").count() == 0
    page.click("#view-people")
    page.fill("#f-q", "<img")
    page.wait_for_function("() => document.getElementById('count').textContent.startsWith('1 of')")
    page.screenshot(path=str(tmp_path / "hostile.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == [] and page.dialogs == []


def test_ten_thousand_documents_stay_usable(browser, seeds_out, tmp_path):
    # the seeds' tables and texts copied 2,000 times under new ids: 10,000 documents, 150,000 office rows
    out, _ = seeds_out
    tables, _ = read_tables(out)
    texts = {raw.doc_id: raw.text for raw in read_inputs([str(SEEDS)])}
    big = {name: [] for name in tables}
    copies = 10_000 // len(tables["documents"])
    with (tmp_path / "inputs.jsonl").open("w", encoding="utf-8") as f:
        for k in range(copies):
            for name, rows in tables.items():
                for row in rows:
                    big[name].append({c: (f"{k}/{v}" if c in ("doc_id", "person_id", "org_id") and v else v)
                                      for c, v in row.items()})
            for doc_id, text in texts.items():
                f.write(json.dumps({"id": f"{k}/{doc_id}", "text": text}, ensure_ascii=False) + "\n")
    write_tables(big, tmp_path / "big", "csv")
    result = run_cli("review", str(tmp_path / "big"), "-o", str(tmp_path / "big.html"),
                     "--inputs", str(tmp_path / "inputs.jsonl"))
    assert result.returncode == 0 and b"without text" not in result.stderr, result.stderr.decode()
    page = open_page(browser, tmp_path / "big.html")
    assert page.evaluate("window.reviewReadyMs") < 120_000
    n = len(big["offices"])
    assert page.text_content("#count").startswith(f"{n} of {n} office rows · 10000 documents")
    assert page.locator(".doc-item").count() == 200  # the list shows a page at a time
    page.click(".doc-item[data-doc='103']")
    assert page.text_content("#doc-title") == big["documents"][103]["doc_id"]
    page.locator("#doc-offices tr.office").first.click()
    assert page.locator("#text mark.sel-person").count() == 1
    page.fill("#f-doc", "1999/")
    page.wait_for_function("() => document.querySelectorAll('.doc-item').length === 5")
    assert page.errors == []
