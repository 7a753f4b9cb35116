"""Checking the tables by eye: a self-contained HTML review page, and applying its decisions.

``build_page(out_dir, inputs)`` reads the tables of an output folder (any format we write) and the article
texts (the documents table holds no text: they are read again from ``inputs``, or from the paths the
documents table records), and renders one HTML file with Jinja2. The page embeds the tables as JSON and
draws only the document in view, so it stays usable with many thousands of documents.

``apply_review(out_dir, review_csv)`` writes the corrected tables into ``out_dir/reviewed/``.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import warnings
from pathlib import Path
from typing import Iterable

from .sqlite_out import DB_NAME, INTEGER_COLUMNS
from .tables import COLUMNS, TABLES, write_table

MENTION_TYPES = ("PERSON", "ORG", "TITLE", "LOC")
REVIEW_COLUMNS = ["doc_id", "person_id", "person", "title", "org", "org_canonical", "status", "start", "end",
                  "decision", "new_title", "new_org", "new_status"]
DECISIONS = ("accept", "reject", "edit")
STATUSES = ("current", "acting", "former", "proposed")
REVIEWED_DIR = "reviewed"
CORE_TABLES = ("documents", "mentions", "offices", "people", "organizations")


class ReviewError(Exception):
    """An output folder or review file that cannot be used (a usage error on the command line)."""


# ---- reading an output folder ------------------------------------------------------------------------

def detect_format(out_dir: Path) -> str:
    """The format of the tables in ``out_dir``: csv, jsonl, json, sqlite, parquet or xlsx."""
    candidates = [("csv", "offices.csv"), ("jsonl", "offices.jsonl"), ("json", "offices.json"),
                  ("sqlite", DB_NAME), ("parquet", "offices.parquet"), ("xlsx", "tables.xlsx")]
    for fmt, name in candidates:
        if (out_dir / name).is_file():
            return fmt
    raise ReviewError(f"no tables in {out_dir} (looked for offices.csv/.jsonl/.json/.parquet, {DB_NAME}, "
                      f"tables.xlsx)")


def _typed(name: str, row: dict) -> dict:
    """Row values as the in-memory tables hold them: counts and offsets int, missing text ''."""
    ints = INTEGER_COLUMNS.get(name, ())
    out = {}
    for c in COLUMNS[name]:
        v = row.get(c)
        if c in ints:
            out[c] = int(v) if v not in (None, "") else None
        else:
            out[c] = "" if v is None else str(v)
    return out


def read_tables(out_dir: str | Path, fmt: str | None = None) -> tuple[dict[str, list[dict]], str]:
    """The tables of an output folder and their format (detected when ``fmt`` is None). The five core
    tables must be there; tables added in later versions (biographies, careers) are read when present.

    Raises ReviewError when the folder holds no tables we write, or misses a core table."""
    out_dir = Path(out_dir)
    fmt = fmt or detect_format(out_dir)
    raw: dict[str, list[dict]] = {}
    if fmt == "sqlite":
        con = sqlite3.connect(f"file:{out_dir / DB_NAME}?mode=ro", uri=True)
        con.row_factory = sqlite3.Row
        try:
            present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for name in TABLES:
                if name in present:  # table names are our constants, never data
                    raw[name] = [dict(r) for r in con.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
        finally:
            con.close()
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out_dir / "tables.xlsx", read_only=True)
        for name in TABLES:
            if name in book.sheetnames:
                values = list(book[name].values)
                raw[name] = [dict(zip(values[0], v)) for v in values[1:]]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        raw = {name: pq.read_table(out_dir / f"{name}.parquet").to_pylist() for name in TABLES
               if (out_dir / f"{name}.parquet").is_file()}
    else:
        for name in TABLES:
            path = out_dir / f"{name}.{fmt}"
            if not path.is_file():
                continue
            with path.open(encoding="utf-8-sig", newline="") as f:
                if fmt == "csv":
                    raw[name] = list(csv.DictReader(f))
                elif fmt == "jsonl":
                    raw[name] = [json.loads(line) for line in f if line.strip()]
                else:  # an array of records; {name: [records]} as written before 0.2
                    data = json.load(f)
                    raw[name] = data[name] if isinstance(data, dict) else data
    missing = [name for name in CORE_TABLES if name not in raw]
    if missing:
        raise ReviewError(f"{out_dir} ({fmt}) has no {', '.join(missing)} table")
    return {name: [_typed(name, r) for r in rows] for name, rows in raw.items()}, fmt


# why a document (status ok) has no text on the page; the CLI counts them, the page says it where the text goes
TEXT_NOT_FOUND = "not found"  # not in the inputs given (--inputs), or its recorded path cannot be read
TEXT_CHANGED = "changed"  # read, but its length differs from the chars recorded: the file changed since extract
TEXT_STDIN = "stdin"  # read from standard input (or given as a text): there is nothing to read again


def read_texts(documents: list[dict], inputs: Iterable[str] | None = None,
               globs: tuple[str, ...] | None = None, missing: dict[str, str] | None = None) -> dict[str, str]:
    """doc_id → article text as the pipeline read it (offsets count in it).

    With ``inputs`` (the paths given to extract), they are read again the same way, so doc_ids match;
    without, each document's recorded path is read. Texts whose length differs from the documents
    table's ``chars`` are left out (the file changed since extraction: its offsets would be wrong).
    ``missing``, when given, receives doc_id → TEXT_NOT_FOUND / TEXT_CHANGED / TEXT_STDIN for each document
    (status ok) left without text."""
    from .io import DEFAULT_GLOBS, read_inputs, read_path, unique_documents

    wanted = {d["doc_id"]: d for d in documents if d["status"] == "ok"}
    texts: dict[str, str] = {}
    changed: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate-id and empty-folder warnings were shown by extract
        if inputs:
            raws = unique_documents(read_inputs([i for i in inputs if i != "-"], tuple(globs or DEFAULT_GLOBS)))
        else:
            def recorded():
                seen = set()
                for d in wanted.values():
                    if d["path"] in seen or d["path"] in ("", "-"):
                        continue
                    seen.add(d["path"])
                    try:
                        yield from read_path(d["doc_id"], d["path"])
                    except OSError:
                        continue
            raws = recorded()
        for raw in raws:
            doc = wanted.get(raw.doc_id)
            if doc is not None and raw.status == "ok":
                if len(raw.text) == doc["chars"]:
                    texts[raw.doc_id] = raw.text
                else:
                    changed.add(raw.doc_id)
    if missing is not None:
        for doc_id, d in wanted.items():
            if doc_id not in texts:
                missing[doc_id] = (TEXT_CHANGED if doc_id in changed
                                   else TEXT_STDIN if d["path"] in ("", "-") else TEXT_NOT_FOUND)
    return texts


# ---- the page ----------------------------------------------------------------------------------------

def _title_spans(offices: list[dict], mentions: list[dict]) -> list[tuple[int, int] | None]:
    """Where each office's title is written: the TITLE mention of its sentence with the same text nearest
    the person (the offices table records the person's and the organization's offsets, not the title's)."""
    by_sentence: dict[tuple[str, int], list[dict]] = {}
    for m in mentions:
        if m["type"] == "TITLE":
            by_sentence.setdefault((m["doc_id"], m["sentence"]), []).append(m)
    spans = []
    for o in offices:
        best = None
        for m in by_sentence.get((o["doc_id"], o["sentence"]), ()):
            if m["text"] == o["title"] or (o["title"] and o["title"].endswith(m["text"])):
                distance = abs(m["start"] - o["start"]) + (0 if m["text"] == o["title"] else 1000)
                if best is None or distance < best[0]:
                    best = (distance, m["start"], m["end"])
        spans.append((best[1], best[2]) if best else None)
    return spans


OFFICE_FIELDS = ["doc_id", "person_id", "person", "title", "qualifier", "org", "org_canonical", "kind", "status",
                 "rule", "start", "end", "org_start", "org_end", "title_start", "title_end", "evidence"]
DOC_FIELDS = ["doc_id", "path", "status", "error", "script", "city", "newspaper", "chars"]
PEOPLE_FIELDS = ["person_id", "name", "variants", "city", "doc_count"]
RECORD_TABLES = ("biographies", "careers")  # shown when the run has them (written since 0.3)


def page_data(tables: dict[str, list[dict]], texts: dict[str, str], source: str = "",
              missing: dict[str, str] | None = None) -> dict:
    """What the page embeds, as compact column lists: documents with their text and mention spans (or why
    there is no text: ``missing``), offices with the title's span, people, and the biographies and careers
    tables when the run has them (a career's ``surface`` is left out where the text shows it)."""
    mentions_by_doc: dict[str, list] = {}
    types = {t: i for i, t in enumerate(MENTION_TYPES)}
    for m in tables["mentions"]:
        if m["type"] in types and m["start"] is not None:
            mentions_by_doc.setdefault(m["doc_id"], []).append([m["start"], m["end"], types[m["type"]]])
    docs = []
    for d in tables["documents"]:
        text = texts.get(d["doc_id"])
        docs.append([d.get(c) for c in DOC_FIELDS] + [text, mentions_by_doc.get(d["doc_id"], []) if text else [],
                                                       (missing or {}).get(d["doc_id"], "")])
    offices = []
    for o, span in zip(tables["offices"], _title_spans(tables["offices"], tables["mentions"])):
        row = dict(o, title_start=span[0] if span else -1, title_end=span[1] if span else -1)
        if o["doc_id"] in texts:
            row["evidence"] = ""  # the page shows it in the text; saves a copy of every sentence
        offices.append([row.get(c) for c in OFFICE_FIELDS])
    digest = hashlib.sha1(json.dumps([[o[0], o[2], o[3], o[5], o[10]] for o in offices],
                                     ensure_ascii=False).encode("utf-8")).hexdigest()[:12]
    records = {}
    for name in RECORD_TABLES:
        if tables.get(name):
            rows = [dict(r, surface="") if name == "careers" and r["doc_id"] in texts else r for r in tables[name]]
            records[name] = {"fields": COLUMNS[name], "rows": [[r.get(c) for c in COLUMNS[name]] for r in rows]}
    return {"source": source, "dataset": digest, "types": list(MENTION_TYPES), "statuses": list(STATUSES),
            "docFields": DOC_FIELDS + ["text", "mentions", "missing"], "docs": docs,
            "officeFields": OFFICE_FIELDS, "offices": offices,
            "peopleFields": PEOPLE_FIELDS, "people": [[p.get(c) for c in PEOPLE_FIELDS] for p in tables["people"]],
            "records": records, "reviewFields": REVIEW_COLUMNS}


def render_page(data: dict) -> str:
    """The HTML page for ``page_data``: Jinja2 with autoescaping; the data goes in through ``tojson``, which
    escapes <, >, & and ' so no value can close the script element that holds it."""
    import base64

    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("cnnews_ner", "templates"), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}  # Chinese as UTF-8
    script = env.loader.get_source(env, "review.js")[0]
    # the Content-Security-Policy lets exactly this script run, by its hash
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("review.html.j2").render(data=data, script=script, script_hash=script_hash,
                                                     title=f"cnnews-ner review: {data['source']}")


def build_page(out_dir: str | Path, output: str | Path | None = None, inputs: Iterable[str] | None = None,
               globs: tuple[str, ...] | None = None) -> tuple[Path, dict]:
    """Writes the review page for ``out_dir`` (default ``out_dir/review.html``); returns its path and counts
    (documents, with_text, offices, biographies, careers, and ``without_text``: reason → number of documents
    with status ok left without text, see :func:`read_texts`)."""
    out_dir = Path(out_dir)
    tables, _ = read_tables(out_dir)
    missing: dict[str, str] = {}
    texts = read_texts(tables["documents"], inputs, globs, missing)
    html = render_page(page_data(tables, texts, source=str(out_dir), missing=missing))
    path = Path(output) if output else out_dir / "review.html"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    without: dict[str, int] = {}
    for reason in missing.values():
        without[reason] = without.get(reason, 0) + 1
    return path, {"documents": len(tables["documents"]), "with_text": len(texts), "offices": len(tables["offices"]),
                  "without_text": without, **{name: len(tables.get(name, ())) for name in RECORD_TABLES}}


# ---- applying a review -------------------------------------------------------------------------------

def _office_key(row: dict) -> tuple:
    return row["doc_id"], str(row["start"]), str(row["end"]), row["title"], row["org"]


def read_review(path: str | Path) -> dict[tuple, dict]:
    """The decisions of a review.csv exported by the page, by office (doc_id, start, end, title, org).

    Raises ReviewError when a column is missing or a decision is unknown."""
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("doc_id", "start", "end", "title", "org", "decision") if c not in (reader.fieldnames or [])]
        if missing:
            raise ReviewError(f"{path}: not a review.csv (missing columns: {', '.join(missing)})")
        decisions = {}
        for n, row in enumerate(reader, 2):
            if row["decision"] not in DECISIONS:
                raise ReviewError(f"{path}: line {n}: unknown decision {row['decision']!r} "
                                  f"(accept, reject or edit)")
            decisions[_office_key(row)] = row
    return decisions


def apply_decisions(tables: dict[str, list[dict]], decisions: dict[tuple, dict]) -> tuple[dict[str, list[dict]], dict]:
    """Corrected tables: rejected offices removed, edits applied (title, org — written as org and
    org_canonical —, status), a ``review`` column on offices (accepted, edited or empty); documents'
    office counts and people's offices lists follow. Returns the tables and counts per decision
    (``unmatched``: decisions for offices not in the tables)."""
    counts = {"accept": 0, "reject": 0, "edit": 0, "unmatched": 0}
    seen = set()
    offices = []
    for row in tables["offices"]:
        key = _office_key(row)
        decision = decisions.get(key)
        row = dict(row, review="")
        if decision:
            seen.add(key)
            counts[decision["decision"]] += 1
            if decision["decision"] == "reject":
                continue
            row["review"] = "accepted"
            if decision["decision"] == "edit":
                row["review"] = "edited"
                if decision.get("new_title"):
                    row["title"] = decision["new_title"]
                if decision.get("new_org"):
                    row["org"] = row["org_canonical"] = decision["new_org"]
                if decision.get("new_status"):
                    row["status"] = decision["new_status"]
        offices.append(row)
    counts["unmatched"] = len(set(decisions) - seen)
    per_doc: dict[str, int] = {}
    labels: dict[str, list[str]] = {}
    for row in offices:
        per_doc[row["doc_id"]] = per_doc.get(row["doc_id"], 0) + 1
        # as cnnews_ner.identity writes them: title@org, marked when not held now
        label = f"{row['title']}@{row['org_canonical']}" if row["org_canonical"] else row["title"]
        if (row["status"] or "current") not in ("current", "acting"):
            label += f" ({row['status']})"
        if row["person_id"] and label not in labels.setdefault(row["person_id"], []):
            labels[row["person_id"]].append(label)
    changed = {o["person_id"] for o in tables["offices"] if _office_key(o) in seen}
    documents = [dict(d, offices=per_doc.get(d["doc_id"], 0)) if d["status"] == "ok" else dict(d)
                 for d in tables["documents"]]
    people = [dict(p, offices=";".join(labels.get(p["person_id"], []))) if p["person_id"] in changed else dict(p)
              for p in tables["people"]]
    return {**tables, "documents": documents, "people": people, "offices": offices}, counts


def apply_review(out_dir: str | Path, review_csv: str | Path, dest: str | Path | None = None) -> tuple[Path, dict]:
    """Writes the corrected tables of ``out_dir`` (each table it holds) into ``dest`` (default ``out_dir/reviewed``), in the
    folder's format (csv, jsonl or json; csv for the others). Never writes over the originals: raises
    ReviewError when ``dest`` is ``out_dir`` itself."""
    out_dir = Path(out_dir)
    dest = Path(dest) if dest else out_dir / REVIEWED_DIR
    if dest.resolve() == out_dir.resolve():
        raise ReviewError("the corrected tables go beside the originals, not over them: choose another folder")
    tables, fmt = read_tables(out_dir)
    corrected, counts = apply_decisions(tables, read_review(review_csv))
    fmt = fmt if fmt in ("csv", "jsonl", "json") else "csv"
    dest.mkdir(parents=True, exist_ok=True)
    for name in corrected:
        columns = COLUMNS[name] + (["review"] if name == "offices" else [])
        buf = io.StringIO()
        write_table(corrected[name], columns, fmt, buf, name)
        path = dest / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8", newline="")
        tmp.replace(path)
    return dest, counts
