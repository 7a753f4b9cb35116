"""The tables as one SQLite database (``--format sqlite``), written with sqlite-utils.

Columns are typed (counts and offsets INTEGER, the rest TEXT), ids are primary keys, the joins users make
(offices → documents / people, mentions → documents) are declared foreign keys with indexes, and offices
and mentions get FTS5 tables (trigram tokenizer: Chinese has no spaces, so a word tokenizer would index
whole clauses as one token).
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Iterator

from .tables import COLUMNS, TABLES

DB_NAME = "cnnews.db"
INTEGER_COLUMNS = {
    "documents": {"chars", "people", "offices"},
    "mentions": {"start", "end", "sentence"},
    "offices": {"start", "end", "org_start", "org_end", "sentence"},
    "people": {"doc_count", "mentions"},
    "organizations": {"doc_count"},
    "biographies": {"name_start", "name_end", "start", "end"},
    "careers": {"start", "end"},
}
PRIMARY_KEYS = {"documents": "doc_id", "mentions": ("doc_id", "mention_id"), "people": "person_id",
                "organizations": "org_id"}
FOREIGN_KEYS = {
    "mentions": [("doc_id", "documents", "doc_id")],
    "offices": [("doc_id", "documents", "doc_id"), ("person_id", "people", "person_id")],
    "biographies": [("doc_id", "documents", "doc_id"), ("person_id", "people", "person_id")],
    "careers": [("doc_id", "documents", "doc_id"), ("person_id", "people", "person_id")],
}
# Indexes for the usual questions: one person's offices, one organization's office holders, a document's rows.
INDEXES = {
    "offices": [["doc_id"], ["person_id"], ["org_canonical"], ["person"], ["title"]],
    "people": [["name"]],
    "organizations": [["name"]],
    "biographies": [["doc_id"], ["person_id"]],
    "careers": [["doc_id"], ["person_id"], ["org"]],
}
FTS = {"offices": ["person", "title", "org", "org_canonical", "evidence"], "mentions": ["text", "surface"]}
# Foreign-key columns hold NULL, not '', when there is no value: '' would point at no row.
NULLABLE_REFERENCES = {"offices": {"person_id"}, "biographies": {"person_id"}, "careers": {"person_id"}}


def _rows(name: str, rows) -> Iterator[list]:
    """Each row's values in column order, typed (CSV read-backs hold strings); empty reference columns
    become NULL, missing text ''."""
    columns = COLUMNS[name]
    ints = [i for i, c in enumerate(columns) if c in INTEGER_COLUMNS[name]]
    nullable = [i for i, c in enumerate(columns) if c in NULLABLE_REFERENCES.get(name, ())]
    for row in rows:
        values = list(map(row.get, columns))
        for i in ints:
            v = values[i]
            if v.__class__ is not int:
                values[i] = int(v) if v not in (None, "") else None
        for i in nullable:
            if values[i] == "":
                values[i] = None
        if None in values:
            values = [("" if v is None and i not in ints and i not in nullable else v) for i, v in enumerate(values)]
        yield values


# referenced tables first, so foreign keys point at existing tables
ORDER = ("documents", "people", "organizations") + tuple(
    t for t in TABLES if t not in ("documents", "people", "organizations"))
PER_DOCUMENT = tuple(t for t in ORDER if t not in ("documents", "people", "organizations"))


def _insert(db, name: str, rows) -> None:
    """Rows through executemany, values bound as parameters (sqlite-utils' insert_all builds each batch's
    SQL and checks every value in Python: twice the time at 10,000 documents, 1M rows)."""
    names, placeholders = ", ".join(f'"{c}"' for c in COLUMNS[name]), ", ".join("?" for _ in COLUMNS[name])
    db.conn.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({placeholders})', _rows(name, rows))


def _create_schema(db) -> None:
    """Every table that is not there yet, with its keys and indexes."""
    for name in ORDER:
        if db[name].exists():
            continue
        columns = {c: (int if c in INTEGER_COLUMNS[name] else str) for c in COLUMNS[name]}
        db[name].create(columns, pk=PRIMARY_KEYS.get(name), foreign_keys=FOREIGN_KEYS.get(name),
                        not_null=[c for c in COLUMNS[name] if c in ("doc_id", "person_id", "org_id", "mention_id")
                                  and c not in NULLABLE_REFERENCES.get(name, ())])
        for index in INDEXES.get(name, ()):
            db[name].create_index(index, if_not_exists=True)


def _finish(db) -> None:
    """Full-text indexes (built, or rebuilt after a resumed run) and the planner's statistics."""
    for name, columns in FTS.items():
        if db[name].detect_fts():
            db[name].rebuild_fts()
        else:
            db[name].enable_fts(columns, fts_version="FTS5", tokenize="trigram")
    db.execute("ANALYZE")


def write_sqlite(tables: dict[str, list[dict]], out_dir: Path) -> Path:
    """Writes ``out_dir/cnnews.db`` (replacing it) from in-memory tables and returns its path.

    The database is built under a temporary name and renamed, so readers never see half of it."""
    import sqlite_utils

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / DB_NAME
    tmp = out_dir / (DB_NAME + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    db.execute("PRAGMA journal_mode = OFF")  # a fresh file renamed at the end: no journal needed
    db.execute("PRAGMA synchronous = OFF")
    _create_schema(db)
    with db.conn:
        for name in ORDER:
            _insert(db, name, tables.get(name, ()))
    _finish(db)
    db.close()
    tmp.replace(path)
    return path


def _stored_rows(db, name: str, columns: list[str] | None = None):
    """Rows of a table in insertion order as dicts, NULL read as ''."""
    columns = columns or COLUMNS[name]
    cols = ", ".join(f'"{c}"' for c in columns)
    for values in db.conn.execute(f'SELECT {cols} FROM "{name}" ORDER BY rowid'):  # names: our constants
        yield {c: ("" if v is None else v) for c, v in zip(columns, values)}


def stream_to_sqlite(raws, out: Path, model: str = "default", device: str = "auto", workers: int = 1,
                     resume: bool = False, progress=None, mapper=None, batch_documents: int = 32,
                     batch_seconds: float = 1.0) -> dict[str, int]:
    """``--format sqlite`` streamed like csv/jsonl: documents are committed as they finish, then the reduce
    (people, organizations, person_id) runs on the database. Returns counts: documents, skipped, failed.

    Each commit holds whole documents (the documents row with its mentions, offices…), at most
    ``batch_documents`` of them and at least every ``batch_seconds``, so a killed run leaves only complete
    documents; ``resume`` skips them (and drops any row whose document has no
    documents row). Raises :class:`cnnews_ner.runner.ResumeError` when ``resume`` finds a database whose
    tables have other columns, or no database but a run in another format."""
    import sqlite_utils

    from .identity import build_index, organization_rows, resolve_people
    from .io import unique_documents
    from .runner import ResumeError, check_resume_format, map_documents
    from .tables import PERSON_TABLES

    out.mkdir(parents=True, exist_ok=True)
    path = out / DB_NAME
    raws = unique_documents(raws)
    if mapper is None:
        def mapper(docs):
            return map_documents(docs, model, device, workers)
    if resume:
        check_resume_format(out, "sqlite")
    else:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    # the default rollback journal: a killed run leaves a hot journal that the next connection rolls back,
    # so only committed documents remain (and the file stays one file, for any reader)
    db.execute("PRAGMA journal_mode = DELETE")
    for name in ORDER:
        if db[name].exists() and [c.name for c in db[name].columns] != COLUMNS[name]:
            db.close()
            raise ResumeError(f"--resume: {path} was not written by this version of cnnews-ner "
                              f"(table {name} has other columns); choose another --out or remove it")
    _create_schema(db)
    with db.conn:
        for name in PER_DOCUMENT:  # rows whose document never got its documents row (not written by us)
            db.conn.execute(f'DELETE FROM "{name}" WHERE doc_id NOT IN (SELECT doc_id FROM documents)')
    done = {doc_id for (doc_id,) in db.conn.execute("SELECT doc_id FROM documents")}
    counts = {"documents": 0, "skipped": len(done), "failed": 0}
    batch: list[dict] = []
    last = time.monotonic()

    def commit() -> None:
        nonlocal last
        with db.conn:  # one transaction: a document is in the database with all its rows, or not at all
            for name in ("documents",) + PER_DOCUMENT:
                _insert(db, name, (row for rows in batch for row in rows.get(name, ())))
        batch.clear()
        last = time.monotonic()

    for rows in mapper(r for r in raws if r.doc_id not in done):
        batch.append(rows)
        counts["documents"] += 1
        if progress:
            progress(1)
        if len(batch) >= batch_documents or time.monotonic() - last >= batch_seconds:
            commit()
    commit()
    counts["failed"] = db.conn.execute("SELECT count(*) FROM documents WHERE status != 'ok'").fetchone()[0]
    # the reduce, over the stored rows: only the per-(name, document) index stays in memory
    index = build_index(_stored_rows(db, "documents"), _stored_rows(db, "mentions"), _stored_rows(db, "offices"))
    people, ids = resolve_people(index)
    with db.conn:
        for name, column in [("offices", "person")] + [(t, "name") for t in PERSON_TABLES]:
            updates = [(ids.get((doc_id, person)) or None, rowid) for rowid, doc_id, person
                       in db.conn.execute(f'SELECT rowid, doc_id, "{column}" FROM "{name}"').fetchall()]
            db.conn.executemany(f'UPDATE "{name}" SET person_id = ? WHERE rowid = ?', updates)
        for name, rows in (("people", people), ("organizations", organization_rows(index))):
            db.conn.execute(f'DELETE FROM "{name}"')
            _insert(db, name, rows)
    _finish(db)
    db.close()
    return counts


def read_sqlite(path: Path) -> dict[str, list[dict]]:
    """The tables of a database written here, in insertion order (NULL read as '')."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        tables = {}
        for name in TABLES:
            cols = ", ".join(f'"{c}"' for c in COLUMNS[name])
            rows = con.execute(f'SELECT {cols} FROM "{name}" ORDER BY rowid')  # names are our constants
            tables[name] = [{k: ("" if r[k] is None else r[k]) for k in r.keys()} for r in rows]
        return tables
    finally:
        con.close()
