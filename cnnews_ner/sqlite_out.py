"""The tables as one SQLite database (``--format sqlite``), written with sqlite-utils.

Columns are typed (counts and offsets INTEGER, the rest TEXT), ids are primary keys, the joins users make
(offices → documents / people, mentions → documents) are declared foreign keys with indexes, and offices
and mentions get FTS5 tables (trigram tokenizer: Chinese has no spaces, so a word tokenizer would index
whole clauses as one token).
"""
from __future__ import annotations

import sqlite3
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


def write_sqlite(tables: dict[str, list[dict]], out_dir: Path) -> Path:
    """Writes ``out_dir/cnnews.db`` (replacing it) and returns its path.

    The database is built under a temporary name and renamed, so readers never see half of it."""
    import sqlite_utils

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / DB_NAME
    tmp = out_dir / (DB_NAME + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    db.execute("PRAGMA journal_mode = OFF")  # a fresh file renamed at the end: no journal needed
    db.execute("PRAGMA synchronous = OFF")
    # referenced tables first, so foreign keys point at existing tables
    for name in ("documents", "people", "organizations", "mentions", "offices", "biographies", "careers"):
        columns = {c: (int if c in INTEGER_COLUMNS[name] else str) for c in COLUMNS[name]}
        db[name].create(columns, pk=PRIMARY_KEYS.get(name), foreign_keys=FOREIGN_KEYS.get(name),
                        not_null=[c for c in COLUMNS[name] if c in ("doc_id", "person_id", "org_id", "mention_id")
                                  and c not in NULLABLE_REFERENCES.get(name, ())])
        # rows go in through executemany (values bound as parameters): sqlite-utils' insert_all builds each
        # batch's SQL and checks every value in Python, twice the time at 10,000 documents (1M rows)
        names, placeholders = ", ".join(f'"{c}"' for c in COLUMNS[name]), ", ".join("?" for _ in COLUMNS[name])
        with db.conn:
            db.conn.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({placeholders})',
                                _rows(name, tables[name]))
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns, if_not_exists=True)
    for name, columns in FTS.items():
        db[name].enable_fts(columns, fts_version="FTS5", tokenize="trigram")
    db.execute("ANALYZE")
    db.close()
    tmp.replace(path)
    return path


def read_sqlite(path: Path) -> dict[str, list[dict]]:
    """The five tables of a database written by :func:`write_sqlite`, in insertion order (NULL read as '')."""
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
