"""The modern development set (benchmarks/devsets/modern_people.jsonl, issue 16 part 3) is well-formed:
enough sentences in every style, offsets in range, spans trimmed and non-overlapping within a type, no form of
address inside a person span; and the scorer of benchmarks/modern_people.py counts strict spans. The model is
never run here."""
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "devsets" / "modern_people.jsonl"
STYLES = {"web", "announcement", "resume", "record", "sports", "entertainment", "brand", "byline", "headline",
          "caption"}
KEYS = {"id", "style", "trap", "text", "persons", "orgs"}


def _items():
    return [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]


def _bench():
    spec = importlib.util.spec_from_file_location("modern_people", ROOT / "benchmarks" / "modern_people.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_size_and_make_up():
    items = _items()
    assert len(items) >= 300
    assert len({d["id"] for d in items}) == len(items)
    assert len({d["text"] for d in items}) == len(items)
    styles = Counter(d["style"] for d in items)
    assert set(styles) <= STYLES
    assert len(styles) >= 8 and min(styles.values()) >= 10
    traps = sum(d["trap"] for d in items)
    assert len(items) / 4 <= traps <= len(items) / 2, "about a third of the sentences hold traps"
    assert sum(len(d["persons"]) for d in items) >= 250
    assert sum(len(d["orgs"]) for d in items) >= 150


@pytest.mark.parametrize("item", _items(), ids=lambda d: d["id"])
def test_spans(item):
    assert set(item) == KEYS
    assert isinstance(item["trap"], bool) and item["text"] == item["text"].strip()
    text = item["text"]
    for key in ("persons", "orgs"):
        spans = [tuple(s) for s in item[key]]
        assert spans == sorted(spans)
        for start, end in spans:
            assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            surface = text[start:end]
            assert surface == surface.strip(), surface
            assert not re.search(r"^[，。、：；！？“”‘’《》（）()]|[，。、：；！？“”‘’《》（(]$", surface), surface
            assert surface.count("（") == surface.count("）") and surface.count("(") == surface.count(")"), surface
        for (_, e1), (s2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, f"overlapping {key} spans"
    for start, end in item["persons"]:
        name = text[start:end]
        assert end - start >= 2, name
        assert not re.search(r"(先生|女士|小姐|老师)$", name), name


def test_scorer_is_strict():
    bench = _bench()
    items = [{"id": "x1", "style": "web", "trap": True, "text": "记者王小明报道，李先生在皇马俱乐部工作。",
              "persons": [[2, 5]], "orgs": [[12, 17]]}]
    perfect = bench.score(items, [{("PERSON", 2, 5), ("ORG", 12, 17)}])
    assert perfect["overall"]["PERSON"]["f1"] == 1.0 and perfect["overall"]["ORG"]["f1"] == 1.0
    assert perfect["error_kinds"] == []
    wrong = bench.score(items, [{("PERSON", 0, 5), ("PERSON", 8, 9), ("LOC", 12, 17)}])
    assert wrong["overall"]["PERSON"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "predicted": 2,
                                          "correct": 0}
    kinds = {e["kind"] for e in wrong["error_kinds"]}
    assert kinds == {"PERSON boundary: too long (left)", "false PERSON: surname before a form of address",
                     "ORG typed LOC"}
