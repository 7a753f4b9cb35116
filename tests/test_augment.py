"""The training-data generator of issue 16 (cnnews_ner/augment.py): what the model is taught must be right."""
import pytest

from cnnews_ner import augment
from cnnews_ner.spans import tags_to_spans


def spans_of(sentence):
    chars = [c for c, _ in sentence]
    return [(kind, "".join(chars[b:e])) for kind, b, e in tags_to_spans([t for _, t in sentence])]


def test_every_template_is_valid_and_every_style_is_covered():
    styles = {t.style for t in augment.templates()}
    assert styles == set(augment.STYLES)


def test_generation_is_deterministic_by_seed():
    assert augment.generate(50, seed=7) == augment.generate(50, seed=7)
    assert augment.generate(50, seed=7) != augment.generate(50, seed=8)


def test_slot_labels_become_iobes_spans_of_the_filled_surface():
    names = augment.NameGenerator(3)
    sentence = augment.realize(augment.Template("resume", "{PER}先生，现任{COMP}董事长，{SUR}总说。"), names)
    found = spans_of(sentence)
    assert [k for k, _ in found] == ["PER", "ORG"]  # the bare surname before 总 is no entity
    text = "".join(c for c, _ in sentence)
    assert text.startswith(found[0][1] + "先生")
    assert found[1][1].endswith(("公司", "集团"))
    assert all(t == "O" for c, t in sentence if c in "先生，现任董事长总说。")


def test_literal_after_a_slot_is_inside_the_span_and_replaces_the_generated_ending():
    names = augment.NameGenerator(5)
    for _ in range(30):
        sentence = augment.realize(augment.Template("sports", "{CCLUB+队}主场获胜。"), names)
        (kind, club), = spans_of(sentence)
        assert kind == "ORG" and club.endswith("队") and not club.endswith(("队队", "俱乐部队", "战队队"))


def test_foreign_clubs_and_names_never_open_with_a_common_surname():
    names = augment.NameGenerator(11)
    common = set(augment.fillers()["surname_common"])
    for _ in range(300):
        assert names.fill("FCLUB")[0] not in common
        assert names.fill("FPER")[0] not in common


def test_sentences_use_the_model_alphabet_and_hold_no_whitespace():
    for sentence in augment.generate(400, seed=1):
        chars = "".join(c for c, _ in sentence)
        assert not any(c.isspace() for c in chars)
        assert not set(chars) & set(",:;()?!%/-.")  # the model reads these full-width (ner.MODEL_ALPHABET)


def test_a_template_with_an_unknown_slot_is_refused(monkeypatch, tmp_path):
    bad = tmp_path / "augment_templates.tsv"
    bad.write_text("web\t{NOPE}说\n", encoding="utf-8")
    monkeypatch.setattr("cnnews_ner.lexicons.DATA_DIR", tmp_path)
    augment.templates.cache_clear()
    try:
        with pytest.raises(ValueError, match="unknown slot"):
            augment.templates()
    finally:
        monkeypatch.undo()
        augment.templates.cache_clear()
