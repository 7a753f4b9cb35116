"""Golden-file regression tests: fresh output must equal fixtures/*/expected.

Regenerate after an intended change with:  python -m pytest tests/test_fixtures.py --update-fixtures
"""
from pathlib import Path

import pytest

from cnnews_ner import extract
from cnnews_ner.tables import COLUMNS, TABLES, render

ROOT = Path(__file__).resolve().parent.parent
CASES = {"seeds": "seeds", "crafted": "fixtures/crafted"}  # relative: the path column must not depend on the clone


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_tables(case, update_fixtures, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = extract(CASES[case], device="cpu")
    expected_dir = ROOT / "fixtures" / case / "expected" if case == "crafted" else ROOT / "fixtures" / "seeds"
    for table in TABLES:
        fresh = render(result.tables[table], COLUMNS[table], "csv", table)
        path = expected_dir / f"{table}.csv"
        if update_fixtures:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(fresh, encoding="utf-8")
            continue
        assert path.exists(), f"{path} missing: run pytest --update-fixtures"
        assert fresh == path.read_text(encoding="utf-8"), f"{case}/{table} changed; if intended, --update-fixtures"
