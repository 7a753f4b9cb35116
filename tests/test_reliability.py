"""Batch guarantees under hostile input (issue 13): every input is one documents row, bad ones with status
error and a one-line reason; the batch goes on; doc_ids are unique; every table parses back through csv,
JSONL and pandas; usage errors and crashes are one line with their own exit codes.

The cases of ../shared/reliability/repro.sh are here, most of them in one hostile batch (one model load).
"""
import csv
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from cnnews_ner.io import (BatchWarning, RawDocument, printable_name, read_inputs, read_jsonl, unique_documents,
                           walk)
from cnnews_ner.runner import LOST_TWICE
from cnnews_ner.tables import COLUMNS, TABLES

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "市委书记张建华出席会议。市商务局局长李晓梅表示,将扩大开放。"


def cli(*args, stdin: bytes | None = None, cwd=None, prefix=(), python_code=None):
    """Run ``cnnews-ner`` in a fresh interpreter; ``python_code`` runs first (to take a package away)."""
    if python_code:
        command = [sys.executable, "-c", f"{python_code}\nfrom cnnews_ner.cli import main\nmain()", *args]
    else:
        command = [sys.executable, "-m", "cnnews_ner.cli", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*prefix, *command], input=stdin if stdin is not None else b"", capture_output=True,
                          cwd=cwd, env=env, timeout=600)


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def documents(out: Path) -> dict[str, dict]:
    rows = csv_rows(out / "documents.csv")
    ids = [r["doc_id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate doc_ids"
    return {r["doc_id"]: r for r in rows}


def no_traceback(result) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err


# ---- reading, without the model ------------------------------------------------------------------

def test_jsonl_lines_split_on_newline_only_with_bom_deep_nesting_and_surrogates():
    lines = ['\ufeff{"id": "a", "text": "副市长\u2028李明出席。"}',  # BOM; a raw U+2028 inside the string
             '{"id": "b", "text": "x", "e": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"id": "c", "text": "市委\\ud800书记"}',
             '{"id": "d", "text": "a\rb"}',  # a raw CR inside a string is accepted
             "[1, 2]", "", "   "]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    docs = [unique_for_test(d) for d in read_jsonl("f.jsonl", "f.jsonl", data.split(b"\n"))]
    assert [(d.doc_id, d.status) for d in docs] == [
        ("a", "ok"), ("f.jsonl:2", "error"), ("c", "error"), ("d", "ok"), ("f.jsonl:5", "error")]
    assert docs[0].text == "副市长\u2028李明出席。"
    assert docs[1].error == "line 2: JSON nested too deep"
    assert "lone surrogate (U+D800" in docs[2].error and docs[2].text == ""
    assert docs[3].text == "a\nb"  # line ends normalized


def unique_for_test(doc: RawDocument) -> RawDocument:
    return next(unique_documents([doc]))


def test_utf16_jsonl_file(tmp_path):
    (tmp_path / "w.jsonl").write_bytes('{"id": "x", "text": "市委"}\r\n{"id": "y", "text": "市长"}\r\n'.encode("utf-16"))
    assert [(d.doc_id, d.text) for d in read_inputs([str(tmp_path / "w.jsonl")])] == [("x", "市委"), ("y", "市长")]


def test_unique_doc_ids_warn_and_are_stable():
    raws = [RawDocument(i, "p") for i in ["x", "x", "x#2", "y", "x"]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ids = [d.doc_id for d in unique_documents(raws)]
    assert ids == ["x", "x#2", "x#2#2", "y", "x#3"]
    assert [str(w.message) for w in caught if w.category is BatchWarning] == [
        "duplicate doc_id 'x' (p) renamed 'x#2'", "duplicate doc_id 'x#2' (p) renamed 'x#2#2'",
        "duplicate doc_id 'x' (p) renamed 'x#3'"]


def test_names_that_are_not_utf8_are_kept_reversibly():
    name = os.fsdecode(b"caf\xe9.txt")
    assert printable_name(name) == "caf\\xe9.txt"
    assert printable_name("市委.txt") == "市委.txt"
    assert printable_name("id\ud800") == "id\\ud800"


def test_folder_walk_lists_every_entry_that_matches(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "loop1.txt").symlink_to("loop2.txt")
    (d / "loop2.txt").symlink_to("loop1.txt")
    (d / "dangling.txt").symlink_to("nowhere.txt")
    (d / "sub" / "up").symlink_to("..")  # a link back up: walked once, no loop
    os.mkfifo(d / "fifo.txt")
    (d / "note.md").write_text("x", encoding="utf-8")
    assert [rel for rel, _, _ in walk(str(d))] == ["a.txt", "dangling.txt", "fifo.txt", "loop1.txt", "loop2.txt",
                                                  "sub/b.txt"]
    docs = {r.doc_id: r for r in read_inputs([str(d)])}
    assert docs["dangling.txt"].error == "dangling symbolic link"
    assert docs["loop1.txt"].error == "symbolic link loop"
    assert docs["fifo.txt"].error == "not a regular file (FIFO): refused"
    assert docs["sub/b.txt"].status == "ok"


def test_folder_tree_deeper_than_the_recursion_limit(tmp_path):
    root = tmp_path / "deep"
    root.mkdir()
    folder = os.open(root, os.O_RDONLY)
    try:
        for _ in range(sys.getrecursionlimit() + 100):  # made through folder descriptors: no path gets too long
            os.mkdir("d", dir_fd=folder)
            inner = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        (Path(f"/proc/self/fd/{folder}") / "a.txt").write_text(ARTICLE, encoding="utf-8")
        os.close(folder)
        assert [(d.status, d.doc_id.count("/")) for d in read_inputs([str(root)])] == [
            ("ok", sys.getrecursionlimit() + 100)]
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=True)  # shutil.rmtree recurses as deep as the tree


def test_empty_folder_and_jsonl_file_warn(tmp_path):
    with pytest.warns(BatchWarning, match="no file matching"):
        assert list(read_inputs([str(tmp_path)])) == []
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    with pytest.warns(BatchWarning, match="no JSONL record in"):
        assert list(read_inputs([str(tmp_path / "blank.jsonl")])) == []


# ---- the hostile batch: repro cases in one run ---------------------------------------------------------

def _locked_folder_prefix() -> tuple | None:
    """A command prefix under which chmod 000 holds (root reads anything unless its capabilities are dropped)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv"):
        return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
    return None


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    jsonl = tmp / "records.jsonl"
    jsonl.write_bytes(
        b'\xef\xbb\xbf{"id":"first","text":"\xe5\x89\xaf\xe5\xb8\x82\xe9\x95\xbf\xe7\x8e\x8b\xe5\xbc\xba\xe5\x87\xba\xe5\xb8\xad\xe3\x80\x82"}\n'
        + '{"id":"s","text":"市委书记张建华\\ud800出席会议。"}\n'.encode()
        + b'{"id":"d","text":"x","e":' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
        + '{"id":"cr","text":"市委书记张建华出席会议\\r副市长李明讲话"}\n'.encode()
        + '{"id":"ls","text":"副市长李明\u2028出席。"}\n'.encode()
        + b'not json\n'
        + '{"id":"records.jsonl:6","text":"副市长李明出席。"}\n'.encode()  # equal to the line above's fallback id
        + '{"id":"dup","text":"副市长李明出席。"}\n{"id":"dup","text":"市长王强主持会议。"}\n'.encode()
        + '{"id":"after","text":"副市长李明出席。"}\n'.encode())
    folder = tmp / "folder"
    (folder / "one").mkdir(parents=True)
    (folder / "two").mkdir()
    for sub in ("one", "two"):  # the same name in two folders given separately
        (folder / sub / "same.txt").write_text(ARTICLE, encoding="utf-8")
    names = tmp / "names"
    names.mkdir()
    (names / "a\rb.txt").write_text("副市长李明出席。", encoding="utf-8")
    (names / "new\nline.txt").write_text("副市长李明出席。", encoding="utf-8")
    (names / os.fsdecode(b"caf\xe9.txt")).write_text("副市长王强出席。", encoding="utf-8")
    (names / "old-mac.txt").write_bytes("市委书记张建华出席会议。\r副市长李明讲话。\r".encode())
    (names / "blank.txt").write_text("   \n", encoding="utf-8")
    (names / "loop1.txt").symlink_to("loop2.txt")
    (names / "loop2.txt").symlink_to("loop1.txt")
    (names / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(names / "pipe.txt")
    prefix = _locked_folder_prefix()
    if prefix is not None:
        (names / "locked").mkdir()
        (names / "locked" / "in.txt").write_text(ARTICLE, encoding="utf-8")
        (names / "locked").chmod(0)
    os.mkfifo(tmp / "fifo.txt")
    (tmp / "new\nline.txt").write_text("副市长李明出席。", encoding="utf-8")
    (tmp / "empty").mkdir()
    out = tmp / "out"
    args = [str(jsonl), str(folder / "one"), str(folder / "two"), str(names), str(tmp / "fifo.txt"),
            str(tmp / "new\nline.txt"), str(tmp / "empty"), "--out", str(out), "-w", "1", "-q"]
    try:
        result = cli("extract", *args, prefix=prefix or ())
    finally:
        if prefix is not None:
            (names / "locked").chmod(0o755)
    return result, out, prefix is not None


def test_hostile_batch_keeps_every_document(hostile_batch):
    result, out, locked = hostile_batch
    err = no_traceback(result)
    assert result.returncode == 1, err
    docs = documents(out)
    status = {doc_id: (r["status"], r["error"]) for doc_id, r in docs.items()}
    assert status["first"] == ("ok", "")  # the BOM before the first record
    assert status["s"] == ("error", "text holds a lone surrogate (U+D800 at character 7), not valid Unicode")
    assert status["records.jsonl:3"] == ("error", "line 3: JSON nested too deep")
    assert status["cr"][0] == status["ls"][0] == status["after"][0] == "ok"
    assert status["records.jsonl:6"][0] == "error" and status["records.jsonl:6#2"][0] == "ok"
    assert docs["dup"]["chars"] != docs["dup#2"]["chars"]
    assert docs["same.txt"]["path"].endswith("one/same.txt") and docs["same.txt#2"]["path"].endswith("two/same.txt")
    assert status["a\rb.txt"][0] == status["new\nline.txt"][0] == "ok"
    assert status["caf\\xe9.txt"][0] == "ok" and docs["caf\\xe9.txt"]["path"].endswith("names/caf\\xe9.txt")
    assert status["old-mac.txt"][0] == "ok"
    assert status["blank.txt"][0] == "empty"
    assert status["loop1.txt"] == ("error", "symbolic link loop")
    assert status["dangling.txt"] == ("error", "dangling symbolic link")
    assert status["pipe.txt"] == status["fifo.txt"] == ("error", "not a regular file (FIFO): refused")
    assert status["new\nline.txt#2"][0] == "ok"  # the argument whose name holds a newline is read as a file
    if locked:
        assert status["locked"] == ("error", "cannot list folder: Permission denied")
    assert all("\n" not in e and "\r" not in e for _, e in status.values())
    assert "warning: duplicate doc_id 'dup'" in err and "warning: duplicate doc_id 'same.txt'" in err
    assert "warning: no file matching" in err
    offices = {(r["doc_id"], r["person"], r["title"]) for r in csv_rows(out / "offices.csv")}
    assert {("cr", "李明", "副市长"), ("ls", "李明", "副市长"), ("old-mac.txt", "李明", "副市长"),
            ("after", "李明", "副市长"), ("caf\\xe9.txt", "王强", "副市长")} <= offices
    mentions = csv_rows(out / "mentions.csv")
    assert not any("\r" in m["surface"] for m in mentions)


def test_hostile_batch_tables_parse_back_with_pandas(hostile_batch):
    pd = pytest.importorskip("pandas")
    _, out, _ = hostile_batch
    for name in TABLES:
        rows = [[r[c] for c in COLUMNS[name]] for r in csv_rows(out / f"{name}.csv")]
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == COLUMNS[name]
        assert frame.values.tolist() == rows, name


def test_stdin_jsonl_with_bom_and_line_separator():
    data = b"\xef\xbb\xbf" + '{"id":"a","text":"副市长李明\u2028出席。"}\n{"id":"b","text":"副市长王强出席。"}\n'.encode()
    result = cli("extract", "-", "--table", "documents", "-f", "jsonl", "-w", "1", stdin=data)
    assert result.returncode == 0, no_traceback(result)
    rows = [json.loads(x) for x in result.stdout.decode().split("\n") if x]
    assert [(r["doc_id"], r["status"]) for r in rows] == [("a", "ok"), ("b", "ok")]


def test_surrogate_on_stdout_csv(tmp_path):
    data = '{"id":"s","text":"市委书记张建华\\ud800出席会议。"}\n{"id":"after","text":"副市长李明出席。"}\n'.encode()
    result = cli("extract", "-", "--table", "documents", "-f", "csv", "-w", "1", stdin=data)
    assert result.returncode == 1, no_traceback(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [(r["doc_id"], r["status"]) for r in rows] == [("s", "error"), ("after", "ok")]
    assert b"s: error: text holds a lone surrogate" in result.stderr


def test_resume_with_a_repeated_id_processes_the_second(tmp_path):
    (tmp_path / "dup1.jsonl").write_text('{"id":"dup","text":"副市长李明出席。"}\n', encoding="utf-8")
    (tmp_path / "dup2.jsonl").write_text('{"id":"dup","text":"副市长李明出席。"}\n'
                                         '{"id":"dup","text":"市长王强主持会议。"}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert cli("extract", str(tmp_path / "dup1.jsonl"), "--out", str(out), "-w", "1", "-q").returncode == 0
    result = cli("extract", str(tmp_path / "dup2.jsonl"), "--out", str(out), "-w", "1", "--resume")
    assert result.returncode == 0, no_traceback(result)
    assert b"(1 already done)" in result.stderr and b"renamed 'dup#2'" in result.stderr
    assert set(documents(out)) == {"dup", "dup#2"}
    assert ("dup#2", "王强") in {(r["doc_id"], r["person"]) for r in csv_rows(out / "offices.csv")}


# ---- usage errors, missing extras, crashes: one line, own exit codes ----------------------------------

def test_resume_into_another_programs_folder_is_a_usage_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("extract", str(tmp_path / "a.txt"), "--out", str(out), "--resume", "-w", "1")
    assert result.returncode == 2
    err = no_traceback(result)
    assert len(err.splitlines()) == 1 and "not written by this version of cnnews-ner" in err
    assert (out / "documents.csv").read_text(encoding="utf-8") == "id,name\n1,x\n"  # left alone


@pytest.mark.parametrize("args, missing, message", [
    (["--format", "parquet"], "pyarrow", "--format parquet needs pyarrow"),
    (["--ray"], "ray", "--ray needs ray"),
])
def test_missing_extra_is_checked_before_any_work(tmp_path, args, missing, message):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    # the package is made unimportable in the child process, as on a machine without it
    result = cli("extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), *args,
                 python_code=f"import sys; sys.modules[{missing!r}] = None")
    assert result.returncode == 2
    err = no_traceback(result)
    assert len(err.splitlines()) == 1 and message in err
    assert not (tmp_path / "o" / "documents.csv").exists() and not (tmp_path / "o" / "documents.parquet").exists()


@pytest.mark.parametrize("args, message", [
    (["extract", "seeds", "--format", "yaml"], "'yaml' is not one of"),
    (["extract", "-dash.txt"], "write ./-dash.txt or put -- before it"),
    (["extract"], "Missing argument"),
    (["extract", "seeds", "--no-such-option"], "No such option"),
    (["extract", "seeds", "--glob", ""], "give a file pattern"),
])
def test_usage_errors_are_one_line(tmp_path, args, message):
    (tmp_path / "-dash.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    err = no_traceback(result)
    assert len(err.splitlines()) == 1 and err.startswith("cnnews-ner: ") and message in err, err


def test_dash_file_after_double_dash(tmp_path):
    (tmp_path / "-dash.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("extract", "-w", "1", "-t", "documents", "-f", "csv", "--", "-dash.txt", cwd=tmp_path)
    assert result.returncode == 0, no_traceback(result)
    assert "-dash.txt,-dash.txt,ok" in result.stdout.decode()


def test_internal_crash_exits_3_with_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    (out / "documents.csv").mkdir(parents=True)  # a folder where a table file must go: writing it fails
    result = cli("extract", str(tmp_path / "a.txt"), "--out", str(out), "-w", "1", "-q")
    assert result.returncode == 3
    err = no_traceback(result)
    assert len(err.splitlines()) == 1 and "internal error: IsADirectoryError" in err and "--debug" in err
    debug = cli("extract", str(tmp_path / "a.txt"), "--out", str(out), "-w", "1", "-q", "--debug")
    assert debug.returncode == 3 and b"Traceback (most recent call last)" in debug.stderr


def test_model_that_cannot_load_in_workers_is_a_usage_error(tmp_path):
    archive = tmp_path / "archive.jsonl"  # more than two chunks: the workers load the model, not this process
    archive.write_text("".join(json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False) + "\n"
                               for i in range(1100)), encoding="utf-8")
    (tmp_path / "model").mkdir()
    result = cli("extract", str(archive), "--out", str(tmp_path / "o"), "-w", "2", "--model", str(tmp_path / "model"))
    assert result.returncode == 2
    err = no_traceback(result)
    assert len(err.splitlines()) == 1 and "is not a HanLP model directory" in err


# ---- the Python API: paths and texts kept apart ----------------------------------------------------

@pytest.mark.parametrize("item, expected", [
    ("seeds/nonexistent.txt", True), ("/data/articels", True), ("./a", True), ("nowhere/", True), ("-", True),
    (Path("市委书记张建华出席会议。"), True), ("市委书记张建华出席会议。", False), ("2024/5/1 市长王强出席。", False),
    ("new\nline.txt", False), ("x" * 5000 + ".txt", False),
])
def test_positional_items_paths_or_texts(item, expected):
    from cnnews_ner.api import is_path

    assert is_path(item) is expected


def test_api_missing_path_is_an_error_never_a_text(tmp_path, monkeypatch):
    from cnnews_ner import extract

    monkeypatch.chdir(ROOT)
    (tmp_path / "new\nline.txt").write_text("副市长李明出席。", encoding="utf-8")
    result = extract(["seeds/nonexistent.txt", "市委书记张建华出席会议。"],
                     paths=[tmp_path / "new\nline.txt", "nowhere/"], texts=["副市长王强出席。"], workers=1, device="cpu")
    rows = [(r["doc_id"], r["status"], r["error"]) for r in result["documents"]]
    assert rows == [("nonexistent.txt", "error", "no such file or folder"), ("text-1", "ok", ""),
                    ("new\nline.txt", "ok", ""), ("nowhere", "error", "no such file or folder"), ("text-0", "ok", "")]
    assert {(o["doc_id"], o["person"]) for o in result["offices"]} == {
        ("text-1", "张建华"), ("new\nline.txt", "李明"), ("text-0", "王强")}


# ---- lost workers, torn rows ----------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _is_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"multiprocessing" in command and b"resource_tracker" not in command


def _finished(process: subprocess.Popen, timeout: float, what: str) -> tuple[bytes, bytes]:
    """(stdout, stderr) of a run started in a session of its own; fails the test, its process group killed, when
    it has not ended within ``timeout`` seconds (a hang)."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"the run hung {what}")



@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_killed_workers_lose_no_document(tmp_path):
    """One worker killed while busy: every chunk in flight is redone in a fresh pool. A worker of that fresh
    pool killed too: the chunk it was redoing becomes error rows, the other redone chunks are fine."""
    n = 4000  # 8 chunks of 512 documents: several still to do when the first is written
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({"id": f"d{i:04d}", "text": ARTICLE * 2}, ensure_ascii=False) + "\n"
                               for i in range(n)), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "cnnews_ner.cli", "extract", str(archive), "--out", str(out),
                                "-w", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    killed: list[int] = []
    first_pool: set[int] = set()
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline and len(killed) < 2:
        workers = [p for p in _children(process.pid) if _is_worker(p)]
        if not killed and workers and (out / "documents.csv").exists():  # a chunk is done, the next ones busy
            first_pool = set(workers)
            os.kill(workers[0], signal.SIGKILL)
            killed.append(workers[0])
        elif killed and (fresh := [p for p in workers if p not in first_pool]):
            os.kill(fresh[0], signal.SIGKILL)  # the fresh pool is redoing the first lost chunk
            killed.append(fresh[0])
        time.sleep(0.02)
    _, err = _finished(process, 300, "after its workers were killed")
    err = err.decode("utf-8", "replace")
    assert len(killed) == 2 and "Traceback" not in err, err
    assert process.returncode == 1, err
    assert "warning: a worker process died (killed, or out of memory)" in err
    assert "warning: a worker process died again on the same chunk" in err
    docs = documents(out)
    assert sorted(docs) == [f"d{i:04d}" for i in range(n)]
    lost = sorted(d for d, r in docs.items() if r["status"] != "ok")
    assert 0 < len(lost) <= 512 and all(docs[d]["error"] == LOST_TWICE for d in lost)
    first = int(lost[0][1:])
    assert lost == [f"d{i:04d}" for i in range(first, first + len(lost))]  # one chunk
    assert all(r["offices"] == "4" for d, r in docs.items() if d not in lost)
    per_doc = {}
    for row in csv_rows(out / "offices.csv"):
        per_doc[row["doc_id"]] = per_doc.get(row["doc_id"], 0) + 1
    assert set(per_doc.values()) == {4} and len(per_doc) == n - len(lost)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_a_worker_killed_as_it_starts_neither_crashes_nor_hangs_the_run(tmp_path):
    """The first worker SIGKILLed the moment it exists, while the second is being started: the pool breaks under
    that start. Seen in a trial: an internal error (OSError: handle is closed) with nothing written, or a hang at
    exit, waiting for a worker the broken pool never stopped. The race is hit in about half of the runs here."""
    n = 600  # two chunks: a pool of two workers
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({"id": f"d{i:03d}", "text": ARTICLE}, ensure_ascii=False) + "\n"
                               for i in range(n)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for run in range(3):
        out = tmp_path / f"out{run}"
        process = subprocess.Popen([sys.executable, "-m", "cnnews_ner.cli", "extract", str(archive), "--out", str(out),
                                    "-w", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                   start_new_session=True)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            workers = [p for p in _children(process.pid) if _is_worker(p)]
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                break
            time.sleep(0.0005)
        _, err = _finished(process, 180, f"in run {run} after its first worker was killed as it started")
        err = err.decode("utf-8", "replace")
        assert process.returncode in (0, 1) and "Traceback" not in err and "internal error" not in err, err
        docs = documents(out)
        assert sorted(docs) == [f"d{i:03d}" for i in range(n)], err


def test_a_worker_killed_while_returning_a_large_result_does_not_hang_the_run():
    """A worker SIGKILLed while it hands back a chunk's rows (the OOM killer's favourite moment: the result is
    the largest thing it holds). Through the pool's result pipe this left half a message that the pool waited
    on for ever, and the run hung (seen in CI). Now the run ends with every document in input order: the
    killed chunk's rows, or, when the worker died before handing them back, its error rows after a retry."""
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "pool_work.py")], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               start_new_session=True)
    out, err = _finished(process, 300, "after its worker was killed")
    err = err.decode("utf-8", "replace")
    assert process.returncode == 0 and "Traceback" not in err, err
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert [r["doc_id"] for r in rows] == ["first", "killed", "third", "fourth"]
    assert rows[1] in ({"doc_id": "killed", "status": "ok", "error": ""},
                       {"doc_id": "killed", "status": "error", "error": LOST_TWICE})
    assert all(r["status"] == "ok" for i, r in enumerate(rows) if i != 1)


def test_resume_drops_a_torn_csv_row_and_equals_a_clean_run(tmp_path):
    archive = tmp_path / "archive.jsonl"
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    archive.write_text("".join(json.dumps({"id": f"{i}-{s.stem}", "text": s.read_text(encoding="utf-8")},
                                          ensure_ascii=False) + "\n" for i in range(2) for s in seeds),
                       encoding="utf-8")
    clean = tmp_path / "clean"
    assert cli("extract", str(archive), "--out", str(clean), "-w", "1", "-q").returncode == 0
    expected = {name: (clean / f"{name}.csv").read_text(encoding="utf-8") for name in TABLES}
    # the state kill -9 leaves while the 4th documents row is being written: its mentions and offices are
    # complete, its documents row is cut in the middle, the reduce never ran
    out = tmp_path / "out"
    out.mkdir()
    order = [r["doc_id"] for r in csv_rows(clean / "documents.csv")]
    written = set(order[:4])
    for name in ("mentions", "offices"):
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            for row in csv_rows(clean / f"{name}.csv"):
                if row["doc_id"] in written:
                    writer.writerow({**row, "person_id": ""} if name == "offices" else row)
    doc_lines = expected["documents"].splitlines(keepends=True)
    torn = doc_lines[4][: len(doc_lines[4]) // 2]  # doc_id, path and part of the status: looks like a row
    (out / "documents.csv").write_text("".join(doc_lines[:4]) + torn, encoding="utf-8")
    result = cli("extract", str(archive), "--out", str(out), "-w", "1", "--resume")
    assert result.returncode == 0, no_traceback(result)
    assert b"(3 already done)" in result.stderr
    for name in TABLES:
        got = (out / f"{name}.csv").read_text(encoding="utf-8")
        if name in ("people", "organizations"):
            assert got == expected[name], name
        else:
            assert sorted(got.splitlines()) == sorted(expected[name].splitlines()), name


def test_resume_after_a_write_cut_inside_a_character(tmp_path):
    """A kill or a full disk can cut a table in the middle of a multi-byte character: --resume drops the torn
    row and goes on (exit 0), it never fails to decode."""
    archive = tmp_path / "a.jsonl"
    archive.write_text("".join(json.dumps({"id": f"d{i}", "text": f"市财政局局长王建{n}出席会议。"}, ensure_ascii=False)
                               + "\n" for i, n in enumerate("国华民")), encoding="utf-8")
    out = tmp_path / "out"
    assert cli("extract", str(archive), "--out", str(out), "-w", "1", "-q").returncode == 0
    for name in ("mentions", "offices"):
        data = (out / f"{name}.csv").read_bytes()
        cut = len(data) - 5
        while (data[cut] & 0xC0) != 0x80:  # step back into the middle of a UTF-8 character
            cut -= 1
        (out / f"{name}.csv").write_bytes(data[:cut])
    result = cli("extract", str(archive), "--out", str(out), "-w", "1", "--resume", "-q")
    assert result.returncode == 0, no_traceback(result)
    assert len(documents(out)) == 3
