"""Work functions for the worker pool's tests (tests/test_reliability.py). They run inside pool workers, so
they live in a module the workers can import by name; they stand in for the pipeline only to put a worker
in a given state, never to produce extraction results."""
import json
import os
import signal
import sys
import threading
import time

RESULT_BYTES = 100_000_000  # a result this large takes its worker a good tenth of a second to hand back
KILL_BY_SECONDS = 1.0


def _kill_while_writing_to_a_pipe() -> None:
    """SIGKILL this process as soon as its main thread is blocked writing into a pipe (the result pipe of the
    pool), or after KILL_BY_SECONDS when it never is (results handed back another way)."""
    wchan = f"/proc/{os.getpid()}/task/{os.getpid()}/wchan"
    deadline = time.monotonic() + KILL_BY_SECONDS
    while time.monotonic() < deadline:
        try:
            with open(wchan) as file:
                if file.read().strip() == "anon_pipe_write":
                    break
        except OSError:
            pass
        time.sleep(0.001)
    os.kill(os.getpid(), signal.SIGKILL)


def killed_while_returning(raws):
    """Rows for each document; a chunk holding the document "killed" returns a very large result, and its
    worker is SIGKILLed while that result is being handed back."""
    rows = [{"documents": [{"doc_id": raw.doc_id, "status": "ok", "error": ""}]} for raw in raws]
    if any(raw.doc_id == "killed" for raw in raws):
        rows[0]["padding"] = os.urandom(16) * (RESULT_BYTES // 16)
        threading.Thread(target=_kill_while_writing_to_a_pipe, daemon=True).start()
    return rows


def main() -> None:
    """Runs four one-document chunks, the second one "killed", through two workers; prints the documents
    rows as JSON lines (argv: none)."""
    from cnnews_ner.io import RawDocument
    from cnnews_ner.runner import _map_in_pool

    chunks = [[RawDocument(doc_id, f"{doc_id}.txt", "text")] for doc_id in ("first", "killed", "third", "fourth")]
    for rows in _map_in_pool(iter(chunks), "default", "cpu", 2, work=killed_while_returning):
        for row in rows["documents"]:
            print(json.dumps({"doc_id": row["doc_id"], "status": row["status"], "error": row["error"]}), flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
