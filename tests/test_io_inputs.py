"""Every file the user points at is accounted for, and text is decoded as Chinese when it is Chinese:
upper-case file endings are read, files no --glob matches are reported, a GB or Big5 file cut inside a
character (or holding a few bad bytes) is read in its Chinese encoding, and every repair is said on stderr
and in the documents table."""
import csv
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from cnnews_ner.io import BatchWarning, decode_bytes, read_inputs, unique_documents, walk

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "市委书记张建华出席会议。市商务局局长李晓梅表示,将扩大开放。"
LONG = ARTICLE * 4


def cli(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True, env=env, timeout=600)


# ---- reading, without the model ------------------------------------------------------------------

def test_file_endings_match_whatever_their_case(tmp_path):
    for name in ("UPPER.TXT", "Page.HTML", "old.Htm", "a.JSONL", "lower.txt", "notes.md", "photo.JPG"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    skipped = []
    assert [rel for rel, _, _ in walk(str(tmp_path), skipped=skipped)] == [
        "Page.HTML", "UPPER.TXT", "a.JSONL", "lower.txt", "old.Htm"]
    assert [rel for rel, _ in skipped] == ["notes.md", "photo.JPG"]
    assert [rel for rel, _, _ in walk(str(tmp_path), ("*.MD",))] == ["notes.md"]  # --glob too


def test_files_no_glob_matches_are_warned_about_and_counted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for n in range(7):
        (tmp_path / "sub" / f"n{n}.md").write_text("x", encoding="utf-8")
    skipped = []
    with pytest.warns(BatchWarning) as caught:
        docs = list(read_inputs([str(tmp_path)], skipped=skipped))
    assert [d.doc_id for d in docs] == ["a.txt"]
    assert sorted(skipped) == sorted(str(tmp_path / "sub" / f"n{n}.md") for n in range(7))
    [message] = [str(w.message) for w in caught]
    assert message.startswith(f"7 files in {tmp_path} not read, matching none of *.txt *.htm *.html *.jsonl")
    assert "sub/n0.md" in message and "and 2 more" in message


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
@pytest.mark.parametrize("cut", [1, 3])
def test_gb_file_cut_inside_a_character_is_read_as_gb18030(encoding, cut):
    data = LONG.encode(encoding)[:-cut]  # 。 is two bytes: cut 1 leaves half of it, cut 3 half of 放
    text, detected, warning = decode_bytes(data)
    assert detected == "gb18030"
    assert LONG.startswith(text) and len(text) == len(LONG) - (1 if cut == 1 else 2)
    assert warning == f"truncated gb18030: incomplete last character at byte {len(data) - 1} dropped"


def test_big5_file_cut_inside_a_character_stays_big5():
    traditional = "市委書記張建華出席會議。市商務局局長李曉梅表示,將擴大開放。" * 4
    text, detected, warning = decode_bytes(traditional.encode("big5")[:-1])
    assert (detected, text) == ("big5", traditional[:-1]) and warning.startswith("truncated big5:")


def test_a_few_bad_bytes_in_a_gb_file_are_replaced_and_said():
    good = LONG.encode("gbk")
    data = good[:20] + b"\xff" + good[20:]
    text, detected, warning = decode_bytes(data)
    assert detected == "gb18030" and text == LONG[:10] + "\ufffd" + LONG[10:]
    assert warning == "1 invalid gb18030 byte sequence replaced with U+FFFD (the first at byte 20)"
    assert decode_bytes(good) == (LONG, "gb18030", "")  # a whole file: no warning


def test_other_languages_are_still_detected():
    assert decode_bytes("東京都の天気は晴れです。今日はいい天気ですね。".encode("shift_jis"))[1] == "cp932"
    assert decode_bytes("Привет, как дела? Всё хорошо, спасибо.".encode("cp1251"))[1] == "cp1251"


def test_a_repaired_document_is_warned_about(tmp_path):
    (tmp_path / "cut.txt").write_bytes(LONG.encode("gbk")[:-1])
    (tmp_path / "whole.txt").write_bytes(LONG.encode("gbk"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(unique_documents(read_inputs([str(tmp_path)])))
    assert [(d.doc_id, d.status, d.encoding) for d in docs] == [("cut.txt", "ok", "gb18030"), ("whole.txt", "ok", "gb18030")]
    assert [str(w.message) for w in caught] == [f"cut.txt: {docs[0].error}"]


# ---- the command: one run --------------------------------------------------------------------------

def test_command_reads_every_file_and_accounts_for_the_rest(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "UPPER.TXT").write_text(ARTICLE, encoding="utf-8")
    (d / "Page.HTML").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8")
    (d / "cut_gbk.txt").write_bytes(LONG.encode("gbk")[:-1])
    (d / "notes.md").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("extract", str(d), "--out", str(out), "-w", "1")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    with (out / "documents.csv").open(encoding="utf-8", newline="") as f:
        docs = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert sorted(docs) == ["Page.HTML", "UPPER.TXT", "cut_gbk.txt"]
    assert all(int(r["offices"]) >= 2 for r in docs.values()), docs
    cut = docs["cut_gbk.txt"]
    assert (cut["status"], cut["encoding"]) == ("ok", "gb18030")
    assert cut["error"] == f"truncated gb18030: incomplete last character at byte {len(LONG.encode('gbk')) - 2} dropped"
    lines = err.splitlines()
    assert f"cnnews-ner: warning: cut_gbk.txt: {cut['error']}" in lines
    assert any(line.startswith(f"cnnews-ner: warning: 1 file in {d} not read") and line.endswith(": notes.md")
               for line in lines), err
    assert "(1 file not read: no --glob matches)" in lines[-1], err


def test_utf16_with_bad_bytes_is_read_with_the_repair_said(tmp_path):
    text, encoding, warning = decode_bytes(ARTICLE.encode("utf-16") + b"\x00")  # cut: an odd number of bytes
    assert (text, encoding) == (ARTICLE + "\ufffd", "utf-16")
    assert warning == f"bytes that are not UTF-16 replaced with U+FFFD (the first at byte {len(ARTICLE) * 2 + 2})"
    records = "\n".join(f'{{"id": "r{i}", "text": "{ARTICLE}"}}' for i in range(3)).encode("utf-16")
    bad = records.replace("r1".encode("utf-16-le"), "r1".encode("utf-16-le") + b"\x00\xdc", 1)  # a lone surrogate
    (tmp_path / "w.jsonl").write_bytes(bad)
    docs = list(read_inputs([str(tmp_path / "w.jsonl")]))
    assert [(d.doc_id, d.status, d.error) for d in docs] == [
        ("r0", "ok", ""), ("r1\ufffd", "ok", "line 2: bytes that are not UTF-16 replaced with U+FFFD"), ("r2", "ok", "")]


UTF8_ARTICLE = "市商务局局长李晓梅表示，将继续扩大开放。".encode("utf-8")


def test_a_utf8_file_with_a_bom_cut_inside_its_last_character_is_repaired_like_one_without():
    text, encoding, warning = decode_bytes(b"\xef\xbb\xbf" + UTF8_ARTICLE[:-1])
    assert (text, encoding) == ("市商务局局长李晓梅表示，将继续扩大开放", "utf-8-sig")
    assert warning == f"truncated UTF-8: incomplete last character at byte {len(UTF8_ARTICLE)} dropped"  # BOM (3) + all but the 3-byte 。


def test_a_stray_byte_inside_a_utf8_file_is_replaced_and_said():
    data = UTF8_ARTICLE[:9] + b"\xff" + UTF8_ARTICLE[9:] * 30
    text, encoding, warning = decode_bytes(data)
    assert encoding == "utf-8" and text.startswith("市商务\ufffd局局长") and text.count("\ufffd") == 1
    assert warning == "1 invalid UTF-8 byte sequence replaced with U+FFFD (the first at byte 9)"


def test_a_gbk_file_is_not_taken_for_damaged_utf8():
    assert decode_bytes("局长李晓梅表示".encode("gbk"))[:2] == ("局长李晓梅表示", "gb18030")


@pytest.mark.parametrize("data", [b"\x00" * 1000, b"\x00\x01\x02abc\x00" * 100])
def test_nul_bytes_and_control_junk_are_binary_not_text(data):
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(data)


def test_a_chinese_text_with_a_stray_nul_is_still_text():
    assert decode_bytes("会议\x00开始".encode("utf-8"))[0] == "会议\x00开始"
