"""Reading a mixed batch, and the CLI contract (formats, stdin, JSONL, exit codes)."""
import csv
import io
import json
import re
import subprocess
import sys

import pytest

from cnnews_ner.io import decode_bytes, read_inputs

ARTICLE = "市委书记张建华出席会议。市商务局局长李晓梅表示,将扩大开放。"
HTML = ("<html><head><title>新闻</title></head><body><header><nav><a href='/'>首页</a> | <a href='/login'>登录</a></nav></header>"
        "<article><h1>会议召开</h1><p>" + ARTICLE + "</p>"
        + "<p>会议要求,各部门要狠抓落实,确保各项任务按期完成,全面推进重点项目建设。</p>" * 4 + "</article>"
        "<footer>版权所有 某某网</footer></body></html>")


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], input=stdin, capture_output=True)


@pytest.fixture
def batch(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (d / "big5.txt").write_bytes("市委書記張建華出席會議。市商務局局長李曉梅表示,將擴大開放。".encode("big5"))
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "truncated.txt").write_bytes(ARTICLE.encode("utf-8")[:-1])
    return d


def test_mixed_batch_keeps_every_document(batch, tmp_path):
    out = tmp_path / "out"
    result = run_cli("extract", str(batch), "--out", str(out))
    assert result.returncode == 1, result.stderr.decode()
    with open(out / "documents.csv", encoding="utf-8") as f:
        docs = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert set(docs) == {"gbk.txt", "big5.txt", "page.html", "empty.txt", "binary.txt", "truncated.txt"}
    assert docs["empty.txt"]["status"] == "empty"
    assert docs["binary.txt"]["status"] == "error" and "binary" in docs["binary.txt"]["error"]
    assert docs["gbk.txt"]["encoding"].lower() in ("gb18030", "gbk", "gb2312")
    assert docs["big5.txt"]["encoding"].lower() in ("big5", "cp950", "big5hkscs")
    assert docs["truncated.txt"]["status"] == "ok" and "truncated" in docs["truncated.txt"]["error"]
    with open(out / "offices.csv", encoding="utf-8") as f:
        offices = {(r["doc_id"], r["person"], r["title"]) for r in csv.DictReader(f)}
    for doc in ("gbk.txt", "big5.txt", "page.html", "truncated.txt"):
        assert (doc, "李晓梅", "局长") in offices
    assert b"empty.txt: empty" in result.stderr


def test_html_chrome_is_dropped(batch):
    docs = {d.doc_id: d for d in read_inputs([str(batch)])}
    assert "首页" not in docs["page.html"].text and "版权所有" not in docs["page.html"].text
    assert "李晓梅" in docs["page.html"].text


def test_utf16_and_bom():
    assert decode_bytes("市委".encode("utf-16"))[0] == "市委"
    assert decode_bytes("\ufeff市委".encode("utf-8"))[:2] == ("市委", "utf-8-sig")


def test_stdin_jsonl_people():
    lines = "\n".join(json.dumps({"id": f"a{i}", "text": ARTICLE}, ensure_ascii=False) for i in range(2))
    result = run_cli("extract", "-", "--table", "people", "--format", "jsonl", stdin=lines.encode())
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(x) for x in result.stdout.decode().splitlines()]
    by_name = {r["name"]: r for r in rows}
    assert by_name["李晓梅"]["docs"] == "a0;a1"  # one person across both records (no city: nothing conflicts)


def test_stdin_text_csv_to_pipe():
    result = run_cli("extract", "-", stdin=ARTICLE.encode())
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert {(r["person"], r["org"], r["title"]) for r in rows} == {("张建华", "市委", "书记"), ("李晓梅", "市商务局", "局长")}
    assert result.stderr and not result.stderr.startswith(b"doc_id")  # messages go to stderr, tables to stdout
    # the summary counts documents, people and offices, and the time
    assert re.fullmatch(rb"1 document, 2 people, 2 offices in \d+\.\d s\n", result.stderr), result.stderr


@pytest.mark.parametrize("fmt, name", [("json", "offices.json"), ("jsonl", "offices.jsonl"), ("xlsx", "tables.xlsx")])
def test_output_formats(tmp_path, fmt, name):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("extract", str(src), "--out", str(tmp_path / "o"), "--format", fmt)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "o" / name).stat().st_size > 0
    assert re.search(rb"^1 document, 2 people, 2 offices in [\d.]+ s -> ", result.stderr, re.M), result.stderr
    if fmt == "json":  # records: pandas.read_json reads a table, not one column
        rows = json.loads((tmp_path / "o" / name).read_text(encoding="utf-8"))
        assert {(r["person"], r["title"]) for r in rows} == {("张建华", "书记"), ("李晓梅", "局长")}


def test_excel_csv_has_bom(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    run_cli("extract", str(src), "--out", str(tmp_path / "o"), "--excel")
    assert (tmp_path / "o" / "offices.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("args, message", [
    (["extract", "no/such/dir"], b"no such file or folder"),
    (["extract", "seeds", "--format", "yaml"], b"yaml"),
    (["extract", "seeds", "--table", "nope"], b"unknown table"),
    (["extract", "seeds", "--out", "/proc/forbidden"], b"cannot write"),
])
def test_usage_errors_exit_2_without_traceback(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert b"Traceback" not in result.stderr


def test_output_is_deterministic(tmp_path):
    a = run_cli("extract", "seeds", "--table", "people", "--format", "csv").stdout
    b = run_cli("extract", "seeds", "--table", "people", "--format", "csv").stdout
    assert a == b and len(a.splitlines()) > 20


def test_bad_jsonl_line_is_an_error_document_and_the_rest_goes_on(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "good", "text": "市委书记张建华出席会议。"}\n{not json\n{"id": "notext"}\n', encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("extract", str(src), "--out", str(out), "--format", "jsonl")
    assert result.returncode == 1
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["doc_id"], d["status"]) for d in docs] == [("good", "ok"), ("a.jsonl:2", "error"), ("a.jsonl:3", "error")]


def test_glob_selects_files(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("extract", str(tmp_path), "--glob", "*.md", "--table", "documents", "--format", "csv")
    assert [r["doc_id"] for r in csv.DictReader(io.StringIO(result.stdout.decode()))] == ["b.md"]


def test_api_takes_texts_as_well_as_paths():
    from cnnews_ner import extract

    long_text = "市委书记张建华出席会议并讲话。" * 40  # longer than any file name
    result = extract([long_text, "seeds/000_d050f3d09898762a.txt"], device="cpu")
    assert [r["doc_id"] for r in result["documents"]] == ["text-0", "000_d050f3d09898762a.txt"]
    assert ("text-0", "张建华", "书记") in {(o["doc_id"], o["person"], o["title"]) for o in result["offices"]}


def test_this_company_resolves_to_the_company_named_before():
    from cnnews_ner import extract

    text = "烟台万华化学集团股份有限公司董事长陈建国出席签约仪式。该公司相关负责人李海涛说,项目年内开工。"
    offices = extract([text], device="cpu")["offices"]
    row = next(o for o in offices if o["person"] == "李海涛")
    assert (row["org"], row["title"], row["qualifier"]) == ("该公司", "负责人", "相关")
    assert row["org_canonical"] == "烟台万华化学集团股份有限公司"
