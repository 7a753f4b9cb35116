"""Output tables (documents, mentions, offices, people, organizations, biographies, careers) and their writers."""
from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from pathlib import Path

TABLES = ("documents", "mentions", "offices", "people", "organizations", "biographies", "careers")
COLUMNS = {
    "documents": ["doc_id", "path", "status", "error", "encoding", "script", "city", "newspaper", "chars",
                  "people", "offices"],
    "mentions": ["doc_id", "mention_id", "type", "text", "surface", "start", "end", "sentence", "source"],
    "offices": ["doc_id", "person_id", "person", "title", "qualifier", "org", "org_canonical", "kind", "status",
                "rule", "city", "start", "end", "org_start", "org_end", "sentence", "evidence"],
    "people": ["person_id", "name", "variants", "city", "offices", "doc_count", "docs", "mentions"],
    "organizations": ["org_id", "name", "aliases", "kind", "city", "doc_count", "docs"],
    # one row per résumé / notice record (cnnews_ner/biographies.py); start/end: the record, name_*: its name
    "biographies": ["doc_id", "person_id", "name", "surface", "gender", "ethnicity", "birth", "birthplace",
                    "birthplace_division", "education", "education_mode", "degree", "party", "party_joined",
                    "work_start", "professional_titles", "nationality", "residence_abroad", "name_start", "name_end",
                    "start", "end"],
    # dated and trigger posts of records, appointments and removals; surface == original[start:end]
    "careers": ["doc_id", "person_id", "name", "start_date", "end_date", "title", "org", "status", "rule", "start",
                "end", "surface"],
}
# tables whose rows name a person in `name` (offices in `person`): the reduce step fills their person_id
PERSON_TABLES = ("biographies", "careers")
# What a terminal shows (all columns are in every file format): enough to read a row and find it again. The
# last column takes the width left and is cut with an ellipsis, so a row fits one or two lines at 80 columns.
TERMINAL_COLUMNS = {
    "documents": ["doc_id", "status", "city", "people", "offices", "error"],
    "mentions": ["doc_id", "type", "text", "start", "end", "source"],
    "offices": ["person", "title", "org", "status", "evidence"],
    "people": ["name", "city", "doc_count", "offices"],
    "organizations": ["name", "kind", "city", "doc_count", "aliases"],
    "biographies": ["doc_id", "name", "gender", "birth", "birthplace_division", "education", "party", "start", "end"],
    "careers": ["name", "start_date", "end_date", "title", "org", "status", "surface"],
}
# shown first on terminals of 120 columns or more
TERMINAL_WIDE_COLUMNS = {"offices": ["doc_id"], "people": ["person_id"], "careers": ["doc_id"]}
TERMINAL_LONG_COLUMNS = ("evidence", "offices", "aliases", "error", "surface")


def document_rows(d) -> dict[str, list[dict]]:
    """The per-document rows of one processed document (the map step)."""
    rows = {"documents": [{
        "doc_id": d.doc_id, "path": d.raw.path, "status": d.raw.status, "error": d.raw.error,
        "encoding": d.raw.encoding, "script": d.norm.script if d.norm else "", "city": d.city,
        "newspaper": d.newspaper, "chars": len(d.raw.text),
        "people": len({m.text for m in d.mentions if m.type == "PERSON"}), "offices": len(d.offices)}]}
    rows["mentions"] = [{"doc_id": d.doc_id, "mention_id": m.mention_id, "type": m.type, "text": m.text,
                         "surface": m.surface, "start": m.start, "end": m.end, "sentence": m.sentence,
                         "source": m.source} for m in d.mentions]
    rows["offices"] = [{
        "doc_id": d.doc_id, "person_id": "", "person": o.person, "title": o.title, "qualifier": o.qualifier,
        "org": o.org, "org_canonical": o.org_canonical, "kind": o.kind, "status": o.status, "rule": o.rule,
        "city": d.city, "start": o.start,
        "end": o.end, "org_start": o.org_start, "org_end": o.org_end, "sentence": o.sentence,
        "evidence": o.evidence} for o in d.offices]
    original = d.raw.text
    rows["biographies"] = [{"doc_id": d.doc_id, "person_id": "",
                            **{c: getattr(b, c) for c in COLUMNS["biographies"][2:]}} for b in d.biographies]
    rows["careers"] = [{"doc_id": d.doc_id, "person_id": "", "name": c.name, "start_date": c.start_date,
                        "end_date": c.end_date, "title": c.title, "org": c.org, "status": c.status, "rule": c.rule,
                        "start": c.start, "end": c.end, "surface": original[c.start:c.end]} for c in d.careers]
    return rows


def reduce_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Adds people and organizations, and person_id on offices, biographies and careers (the reduce step)."""
    from .identity import build_index, organization_rows, resolve_people  # lexicons: not loaded for --help

    index = build_index(tables["documents"], tables["mentions"], tables["offices"])
    tables["people"], ids = resolve_people(index)
    tables["organizations"] = organization_rows(index)
    for row in tables["offices"]:
        row["person_id"] = ids.get((row["doc_id"], row["person"]), "")
    for name in PERSON_TABLES:
        for row in tables.setdefault(name, []):
            row["person_id"] = ids.get((row["doc_id"], row["name"]), "")
    return tables


def write_rows(rows: list[dict], columns: list[str], fmt: str, stream, header: bool = True,
               excel: bool = False) -> None:
    """CSV or JSONL rows onto ``stream`` (``header``: the CSV header, and with ``excel`` a BOM, first).

    CSV is RFC 4180 with ``\n`` line ends: fields with a comma, quote or newline are quoted, and a row with
    a bare CR anywhere has every field quoted (QUOTE_MINIMAL with ``\n`` line ends would leave the CR bare,
    and csv readers and pandas split the row there)."""
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        return
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt}")
    minimal = csv.writer(stream, lineterminator="\n")
    quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
    if header:
        if excel:
            stream.write("\ufeff")  # a BOM makes spreadsheet programs read UTF-8, not the local code page
        minimal.writerow(columns)
    batches = iter(rows)
    while batch := list(itertools.islice(batches, 10_000)):  # one C-level scan for CR per batch, not per field
        values = [[row.get(c) for c in columns] for row in batch]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(values)
        text = buf.getvalue()
        if "\r" not in text:
            stream.write(text)
            continue
        for v in values:
            (quoted if any(isinstance(x, str) and "\r" in x for x in v) else minimal).writerow(v)


def write_table(rows: list[dict], columns: list[str], fmt: str, stream, name: str = "", excel: bool = False) -> None:
    """One table onto ``stream`` as csv, jsonl or json (an array of records, one object per row, as
    ``pandas.read_json`` reads it). Raises ValueError for other formats."""
    if fmt in ("csv", "jsonl"):
        write_rows(rows, columns, fmt, stream, header=True, excel=excel)
    elif fmt == "json":
        stream.write("[")
        for i, row in enumerate(rows):
            stream.write(("," if i else "") + "\n" + json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        stream.write("\n]\n")
    else:
        raise ValueError(f"unknown format {fmt}")


def _xlsx_value(value):
    """A cell value XLSX can hold: control characters it forbids (NUL, ESC…) become U+FFFD."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def write_tables(tables: dict[str, list[dict]], out_dir: Path, fmt: str, excel: bool = False) -> list[Path]:
    """All tables into out_dir; each file is written to a temporary name and renamed, so a
    crash never leaves a half-written table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if fmt == "sqlite":
        from .sqlite_out import write_sqlite

        return [write_sqlite(tables, out_dir)]
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for name in TABLES:
            sheet = book.create_sheet(name)
            sheet.append(COLUMNS[name])
            for row in tables[name]:
                sheet.append([_xlsx_value(row.get(c)) for c in COLUMNS[name]])
        path = out_dir / "tables.xlsx"
        tmp = path.with_suffix(".xlsx.tmp")
        book.save(tmp)
        tmp.replace(path)
        return [path]
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name in TABLES:
            path = out_dir / f"{name}.parquet"
            tmp = path.with_name(path.name + ".tmp")
            data = {c: [row.get(c) for row in tables[name]] for c in COLUMNS[name]}
            pq.write_table(pa.table(data), tmp)
            tmp.replace(path)
            written.append(path)
        return written
    for name in TABLES:
        path = out_dir / f"{name}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as f:
            write_table(tables[name], COLUMNS[name], fmt, f, name, excel)
        tmp.replace(path)
        written.append(path)
    return written


def print_table(rows: list[dict], columns: list[str], name: str, console=None) -> None:
    """A rich table on the terminal (stdout): the columns of TERMINAL_COLUMNS, a row in one or two lines at 80
    columns (short columns folded at 20 cells, the long last column cut to the width left, with an ellipsis);
    every column of every table goes to files with --out."""
    from rich import box
    from rich.cells import cell_len, set_cell_size
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    shown = TERMINAL_COLUMNS.get(name, columns)
    if console.width >= 120:
        shown = TERMINAL_WIDE_COLUMNS.get(name, []) + shown
    values = [["" if row.get(c) is None else str(row.get(c)) for c in shown] for row in rows]
    cap = 20 if console.width < 120 else 32
    widths = [min(cap, max([cell_len(c)] + [cell_len(v[i]) for v in values])) for i, c in enumerate(shown)]
    long = shown[-1] in TERMINAL_LONG_COLUMNS
    if long:  # columns are 3 cells apart (a blank rule and the padding); no edges
        widths[-1] = max(10, console.width - sum(widths[:-1]) - 3 * (len(shown) - 1))
        for v in values:
            if cell_len(v[-1]) > widths[-1]:
                v[-1] = set_cell_size(v[-1], widths[-1] - 3) + "…"
    table = Table(title=f"{name}: {len(rows):,} rows", box=box.SIMPLE_HEAD, show_edge=False, title_justify="left",
                  caption="every column and table: --out DIR, or --format csv", caption_justify="left")
    for i, c in enumerate(shown):
        if long and i == len(shown) - 1:
            table.add_column(c, max_width=widths[i], no_wrap=True, overflow="ellipsis")  # cut above
        else:
            table.add_column(c, min_width=widths[i], max_width=widths[i], overflow="fold")
    for v in values:
        table.add_row(*v)
    console.print(table)


def render(rows: list[dict], columns: list[str], fmt: str, name: str, excel: bool = False) -> str:
    buf = io.StringIO()
    write_table(rows, columns, fmt, buf, name, excel)
    return buf.getvalue()
