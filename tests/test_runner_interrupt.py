"""A run stopped by the user, or resumed into the wrong folder, loses nothing and says one line: --resume into
a folder holding a run in another format is refused; Ctrl-C (SIGINT to the whole process group, as a
terminal sends it) while worker processes start or work exits 130 with one line, no worker traceback, and
--resume completes the output."""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "市委书记张建华出席会议。市商务局局长李晓梅表示,将扩大开放。"


def cli(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cnnews_ner.cli", *args], capture_output=True, env=env, timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def csv_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("csv_run")
    (base / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = base / "out"
    result = cli("extract", str(base / "a.txt"), "--out", str(out), "-w", "1", "-q")
    assert result.returncode == 0, result.stderr.decode()
    return base / "a.txt", out


@pytest.mark.parametrize("fmt, other", [("jsonl", "csv"), ("sqlite", "csv")])
def test_resume_into_a_run_of_another_format_is_refused(csv_run, fmt, other):
    source, out = csv_run
    before = snapshot(out)
    result = cli("extract", str(source), "--out", str(out), "-f", fmt, "--resume", "-w", "1")
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err == (f"cnnews-ner: --resume -f {fmt}: {out} holds a {other} run (documents.csv), none in {fmt}: "
                   f"resume it with -f {other}, or choose another --out\n")
    assert snapshot(out) == before  # nothing written, nothing removed


def test_resume_in_the_same_format_still_goes_on(csv_run):
    source, out = csv_run
    result = cli("extract", str(source), "--out", str(out), "--resume", "-w", "1")
    assert result.returncode == 0 and b"(1 already done)" in result.stderr, result.stderr.decode()


# ---- Ctrl-C ----------------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _workers(pid: int) -> list[int]:
    found = []
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in command and b"resource_tracker" not in command:
            found.append(child)
    return found


def _interrupt(args: list[str], ready, sig: int = signal.SIGINT,
               group: bool = True) -> tuple[subprocess.CompletedProcess, list[int]]:
    """Runs the command in a session of its own and sends ``sig`` to its process group (``group``) or to the
    main process alone once ``ready(pid)``; returns the finished process and the workers it had."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # SIGINT as a terminal leaves it, even when this test runs in a background job (which ignores SIGINT, and
    # a process that starts with SIGINT ignored keeps ignoring it)
    process = subprocess.Popen([sys.executable, "-m", "cnnews_ner.cli", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while process.poll() is None and not ready(process.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = _workers(process.pid)
    if process.poll() is not None:
        pytest.fail(f"the run ended (exit {process.returncode}) before it could be interrupted: "
                    f"{process.stderr.read().decode('utf-8', 'replace')}")
    (os.killpg if group else os.kill)(process.pid, sig)
    _, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, b"", err), workers


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return ""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_ctrl_c_with_workers_is_one_line_and_resumable(tmp_path):
    n = 1500  # three chunks of 512 documents: a pool of two workers
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({"id": f"d{i:04d}", "text": ARTICLE * 2}, ensure_ascii=False) + "\n"
                               for i in range(n)), encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", str(archive), "--out", str(out), "-w", "2", "-q"]

    # in the first seconds: the workers are still starting (importing torch, loading the model)
    result, workers = _interrupt(args, lambda pid: len(_workers(pid)) == 2)
    assert (result.returncode, result.stderr.decode()) == (130, "cnnews-ner: interrupted\n")
    assert workers and _gone(workers)

    # while the workers work: a chunk is written, the next ones are busy
    result, workers = _interrupt(args + ["--resume"], lambda pid: (out / "documents.csv").exists())
    assert (result.returncode, result.stderr.decode()) == (130, "cnnews-ner: interrupted\n")
    assert workers and _gone(workers)

    result = cli(*args, "--resume")
    assert result.returncode == 0, result.stderr.decode()
    with (out / "documents.csv").open(encoding="utf-8", newline="") as f:
        docs = list(csv.DictReader(f))
    assert sorted(d["doc_id"] for d in docs) == [f"d{i:04d}" for i in range(n)]
    assert {(d["status"], d["offices"]) for d in docs} == {("ok", "4")}
    with (out / "offices.csv").open(encoding="utf-8", newline="") as f:
        assert sum(1 for _ in csv.DictReader(f)) == 4 * n


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_main_process_terminated_or_killed_leaves_no_worker_behind(tmp_path):
    # kill PID, docker stop, a scheduler or the OOM killer reach the main process only: its workers must not
    # live on as orphans holding their memory
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({"id": f"d{i:04d}", "text": ARTICLE * 2}, ensure_ascii=False) + "\n"
                               for i in range(1500)), encoding="utf-8")
    args = ["extract", str(archive), "--out", str(tmp_path / "out"), "-w", "2", "-q"]

    result, workers = _interrupt(args, lambda pid: len(_workers(pid)) == 2, signal.SIGTERM, group=False)
    assert (result.returncode, result.stderr.decode()) == (143, "cnnews-ner: terminated\n")
    assert workers and _gone(workers)

    result, workers = _interrupt(args + ["--resume"], lambda pid: len(_workers(pid)) == 2, signal.SIGKILL,
                                 group=False)
    assert result.returncode == -signal.SIGKILL
    assert workers and _gone(workers)  # they notice within a second that their parent is gone
