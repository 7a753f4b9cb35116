"""A seeded fuzz batch (issue 13): 1,200 small hostile documents — random bytes, random Unicode with lone
surrogates, NUL, CR, bidi and zero-width marks, broken HTML, mutated news text, hostile JSONL lines and
hostile file names — through the CLI as CSV and as JSONL.

It asserts the batch guarantees: exit code 0 or 1 and no traceback, one documents row per input, unique
doc_ids, and every table equal whether read back through ``csv``, pandas or JSON. The documents are short
(the model reads about 25,000 characters a second), so the whole test takes well under a minute of CPU.
"""
import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cnnews_ner.tables import COLUMNS, TABLES

ROOT = Path(__file__).resolve().parent.parent
SEED = 13
N_FILES = 500  # over two folders, some names in both
N_LINES = 700  # JSONL records and hostile lines

HOSTILE = ["\x00", "\r", "\n", "\r\n", "\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\u202e", "\u202d", "\u2066",
           "\u2069", "\ufeff", "\ufffd", "\x1b", "\x7f", "\x85", "\x0b", "\x0c", "\x1c", "\t", '"', ",", "'", "\\",
           "<", ">", "&", ";", "#", "😀", "\u0301", "𠀀", "\ud800", "\udfff", "\udce9", "市", "長", "　"]
NAME_CHARS = ["市", "委", "书", "记", "a", "Z", "0", " ", "-", "#", ":", "'", '"', ",", ";", "\t", "\r", "\n", "\u202e",
              "\u200b", "\ufeff", "\u2028", "\x1b", "😀", "(", ")", "~", "%", "..", "&"]


def _sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return [s + "。" for s in text.replace("\n", "").split("。") if 4 <= len(s) <= 80]


def _mutated(rng: random.Random, sentences: list[str]) -> str:
    chars = list(rng.choice(sentences))
    for _ in range(rng.randint(0, 6)):
        op, at = rng.random(), rng.randint(0, len(chars))
        if op < 0.6:
            chars.insert(at, rng.choice(HOSTILE))
        elif chars:
            del chars[min(at, len(chars) - 1)]
    return "".join(chars)


def _random_unicode(rng: random.Random) -> str:
    # whole planes, surrogates and private use included
    return "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0xFFFF), rng.randint(0xD800, 0xDFFF),
                                   rng.randint(0x4E00, 0x9FFF), rng.randint(0x10000, 0x10FFFF)]))
                   for _ in range(rng.randint(1, 40)))


def _broken_html(rng: random.Random, text: str) -> str:
    parts = ["<html>", "<body>", "<p>", text, "<div>" * rng.randint(0, 300), "<script>var a='", "<!--",
             "<a href='", "</p></p>", "&#xD800;", "&#0;", "<meta charset=gbk>", "]]>", "<![CDATA["]
    rng.shuffle(parts)
    return ("<!doctype html>" if rng.random() < 0.5 else "") + "".join(parts[: rng.randint(1, len(parts))])


def _file_bytes(rng: random.Random, sentences: list[str]) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 120))
    if kind == 1:
        return _random_unicode(rng).encode("utf-8", "surrogatepass")  # surrogates: bytes that are not UTF-8
    if kind == 2:
        return _broken_html(rng, _mutated(rng, sentences)).encode("utf-8", "surrogatepass")
    if kind == 3:
        return _mutated(rng, sentences).encode("gb18030", "replace")
    if kind == 4:
        return _mutated(rng, sentences).encode("utf-16", "surrogatepass")
    if kind == 5:
        return rng.choice([b"", b"   \n", b"\xef\xbb\xbf", b"\r\r\r", b"\x00" * 10])
    return _mutated(rng, sentences).encode("utf-8", "surrogatepass")


def _file_name(rng: random.Random) -> bytes:
    name = "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(1, 12))).encode("utf-8")
    if rng.random() < 0.15:
        name += rng.choice([b"\xe9", b"\xff\xfe", b"\xc3", b"\x80"])  # not UTF-8
    return name[:200] + rng.choice([b".txt", b".html", b".htm"])


def _record_id(rng: random.Random, ids: list):
    kind = rng.randrange(9)
    if kind == 0 and ids:
        return rng.choice(ids)  # a repeated id
    if kind == 1:
        return None
    if kind == 2:
        return f"records.jsonl:{rng.randint(1, N_LINES)}"  # another line's fallback id
    if kind == 3:
        return rng.choice([0, 7, -1, 1.5, True, [], {"a": 1}, ""])
    if kind == 4:
        return _random_unicode(rng)
    return f"r{len(ids)}"


def _jsonl_line(rng: random.Random, sentences: list[str], ids: list) -> tuple[bytes, bool]:
    """(line without its newline, whether it is a document: blank lines are not)."""
    kind = rng.randrange(14)
    if kind == 0:
        return rng.choice([b"", b"   ", b"\t", b"\r"]), False
    if kind == 1:
        return b"x" + rng.randbytes(rng.randint(0, 60)).replace(b"\n", b""), True
    if kind == 2:
        depth = rng.choice([10, 5_000, 100_000])
        return b'{"id":"deep","text":"x","e":' + b"[" * depth + b"]" * depth + b"}", True
    if kind == 3:
        return rng.choice([b"[1, 2]", b"null", b'"text"', b"{", b'{"text": 5}', b'{"id": "x"}',
                           b'{"text": "a"', b"1" * 5000, b"{}" * 3]), True
    if kind == 4:  # raw control characters inside the JSON string
        text = _mutated(rng, sentences).replace("\n", "")
        return ('{"text": "' + text.replace("\\", "").replace('"', "") + '\r\x00"}').encode("utf-8", "surrogatepass"), True
    text = rng.choice([_mutated(rng, sentences), _random_unicode(rng), _broken_html(rng, _mutated(rng, sentences))])
    record = {"id": _record_id(rng, ids), "text": text}
    if rng.random() < 0.1:
        record["extra"] = {"nested": [text]}
    ids.append(record["id"] if isinstance(record["id"], str) else "")
    return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass"), True


@pytest.fixture(scope="module")
def fuzz_inputs(tmp_path_factory) -> tuple[list[str], int]:
    rng = random.Random(SEED)
    sentences = _sentences()
    tmp = tmp_path_factory.mktemp("fuzz")
    folders = [os.fsencode(tmp / "a"), os.fsencode(tmp / "b")]
    for f in folders:
        os.mkdir(f)
    names: list[set] = [set(), set()]
    documents = 0
    while documents < N_FILES:
        name = _file_name(rng)
        # a name in both folders now and then: the same doc_id twice
        targets = [0, 1] if rng.random() < 0.05 else [rng.randrange(2)]
        for t in targets:
            if name in names[t] or name.lower() in (b".txt", b".html", b".htm"):
                continue
            names[t].add(name)
            with open(os.path.join(folders[t], name), "wb") as f:
                f.write(_file_bytes(rng, sentences))
            documents += 1
    lines, ids = [b"\xef\xbb\xbf"], []
    for _ in range(N_LINES):
        line, counts = _jsonl_line(rng, sentences, ids)
        lines[-1] += line
        lines.append(b"")
        documents += counts
    (tmp / "records.jsonl").write_bytes(b"\n".join(lines))
    single = tmp / "single\nfile\r.txt"  # a file given by itself, its name holding line ends
    single.write_bytes(_mutated(rng, sentences).encode("utf-8", "surrogatepass"))
    documents += 1
    return [os.fsdecode(f) for f in folders] + [str(tmp / "records.jsonl"), str(single)], documents


def _run(inputs: list[str], out: Path, fmt: str):
    result = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", *inputs, "--out", str(out),
                             "--format", fmt, "-w", "1", "-q"], capture_output=True, timeout=900,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1) and "Traceback" not in err, err[-3000:]
    return result


def _csv_table(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows


def _jsonl_table(path: Path, columns: list[str]) -> list[list[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    assert all(list(r) == columns for r in rows)
    return [["" if r[c] is None else str(r[c]) for c in columns] for r in rows]


def test_fuzz_batch_accounts_for_every_document(fuzz_inputs, tmp_path):
    pd = pytest.importorskip("pandas")
    inputs, expected_documents = fuzz_inputs
    assert expected_documents >= 1000
    as_csv, as_jsonl = tmp_path / "csv", tmp_path / "jsonl"
    first = _run(inputs, as_csv, "csv")
    second = _run(inputs, as_jsonl, "jsonl")
    assert first.returncode == second.returncode
    for name in TABLES:
        columns = COLUMNS[name]
        rows = _csv_table(as_csv / f"{name}.csv")
        assert rows[0] == columns, name
        rows = rows[1:]
        assert all(len(r) == len(columns) for r in rows), name
        frame = pd.read_csv(as_csv / f"{name}.csv", dtype=str, keep_default_na=False)
        assert frame.values.tolist() == rows, f"{name}: pandas reads other rows than csv"
        assert _jsonl_table(as_jsonl / f"{name}.jsonl", columns) == rows, f"{name}: JSONL differs from CSV"
        if name == "documents":
            assert len(rows) == expected_documents
            doc_ids = [r[0] for r in rows]
            assert len(set(doc_ids)) == len(doc_ids)
            statuses = {r[2] for r in rows}
            assert statuses <= {"ok", "empty", "error"} and "ok" in statuses and "error" in statuses
            assert all("\n" not in r[3] and "\r" not in r[3] for r in rows)  # reasons are one line
