#!/usr/bin/env python3
"""The review page and the SQLite output at scale: the seeds' tables repeated to N documents.

    python benchmarks/review_scale.py [--docs 10000] [--work /tmp/review-scale]

Extracts the seeds once, copies their tables and texts N/5 times under new doc_ids (k/doc_id), then
measures: `cnnews-ner review` (wall time, page size), the page in headless Chromium (navigation to ready,
opening a document, clicking an office row, a filter, the people view) and writing the same tables as
SQLite. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "cnnews_ner.cli"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/review-scale"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from cnnews_ner.io import read_inputs
    from cnnews_ner.review import read_tables
    from cnnews_ner.sqlite_out import write_sqlite
    from cnnews_ner.tables import write_tables

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run(CLI + ["extract", str(ROOT / "seeds"), "--out", str(work / "seeds"), "-q"], check=True)
    seeds, _ = read_tables(work / "seeds")
    texts = {r.doc_id: r.text for r in read_inputs([str(ROOT / "seeds")])}
    copies = max(1, args.docs // len(seeds["documents"]))
    big = {name: [] for name in seeds}
    with (work / "inputs.jsonl").open("w", encoding="utf-8") as f:
        for k in range(copies):
            for name, rows in seeds.items():
                for row in rows:
                    row = dict(row)
                    for key in ("doc_id", "person_id", "org_id"):  # each copy its own documents, people, organizations
                        if row.get(key):
                            row[key] = f"{k}/{row[key]}"
                    big[name].append(row)
            for doc_id, text in texts.items():
                f.write(json.dumps({"id": f"{k}/{doc_id}", "text": text}, ensure_ascii=False) + "\n")
    write_tables(big, work / "big", "csv")
    result = {"documents": len(big["documents"]), "offices": len(big["offices"]), "mentions": len(big["mentions"]),
              "chars": sum(d["chars"] for d in big["documents"])}

    t = time.perf_counter()
    write_sqlite(big, work / "sqlite")
    result["sqlite_write_s"] = round(time.perf_counter() - t, 2)
    result["sqlite_mb"] = round((work / "sqlite" / "cnnews.db").stat().st_size / 1e6, 1)

    page = work / "review.html"
    t = time.perf_counter()
    subprocess.run(CLI + ["review", str(work / "big"), "-o", str(page), "--inputs", str(work / "inputs.jsonl"), "-q"],
                   check=True)
    result["review_command_s"] = round(time.perf_counter() - t, 2)
    result["page_mb"] = round(page.stat().st_size / 1e6, 1)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        t = time.perf_counter()
        tab.goto(page.as_uri(), timeout=120_000)
        tab.wait_for_selector("body[data-ready='1']", timeout=120_000)
        result["load_to_ready_s"] = round(time.perf_counter() - t, 2)
        result["script_ready_ms"] = round(tab.evaluate("window.reviewReadyMs"))

        def clock(action, ready):
            start = time.perf_counter()
            action()
            tab.wait_for_function(ready, timeout=60_000)
            return round((time.perf_counter() - start) * 1000)

        result["open_document_ms"] = clock(lambda: tab.click(".doc-item[data-doc='7']"),
                                           "() => document.getElementById('doc-title').textContent.startsWith('1/')")
        result["click_row_ms"] = clock(lambda: tab.click("#doc-offices tr.office >> nth=3"),
                                       "() => document.querySelector('#text mark.sel') !== null")
        result["filter_ms"] = clock(lambda: tab.fill("#f-org", "组织部"),
                                    "() => !document.getElementById('count').textContent.startsWith("
                                    f"'{len(big['offices'])} of')")
        result["people_view_ms"] = clock(lambda: tab.click("#view-people"),
                                         "() => document.querySelector('.person-card') !== null")
        result["js_heap_mb"] = round(tab.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0") / 1e6)
        browser.close()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
