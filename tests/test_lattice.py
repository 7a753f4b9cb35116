"""The lattice: every candidate span of a sentence, one span type, offsets into the sentence."""
from cnnews_ner import lexicons
from cnnews_ner.lattice import build_lattice
from cnnews_ner.titles import read_offices, status_markers

LEX = lexicons.load()


def test_candidate_spans_of_every_label_and_the_offset_contract():
    text = "会见结束后，原县水利局局长、驻法国大使馆参赞韩立明和山东省代省长周文军出席。"
    model = [("PERSON", 22, 25), ("LOC", 26, 29), ("PERSON", 32, 35)]
    lattice = build_lattice(text, LEX, model, status_markers(LEX))
    assert all(text[s.start:s.end] == s.text for s in lattice.spans)
    assert [s.text for s in lattice.of("PERSON")] == ["韩立明", "周文军"]
    assert "县水利局" in [s.text for s in lattice.of("ORG", source="lexicon")]
    assert "山东省" in [s.text for s in lattice.of("LOC")]
    # 驻法国大使馆 is an embassy, not the envoy post; 代 is a marker, not part of 省长
    assert [s.text for s in lattice.of("POST")] == ["局长", "参赞", "省长"]
    assert {(s.text, s.value) for s in lattice.of("MARKER")} >= {("原", "former"), ("代", "acting")}


def test_offices_are_read_from_the_lattice():
    text = "市财政局局长宋建华出席。"
    rules = read_offices(build_lattice(text, LEX, [("PERSON", 6, 9)], status_markers(LEX)), LEX)
    assert [(o.person, o.org, o.title, o.rule) for o in rules.offices] == [("宋建华", "市财政局", "局长", "chain")]
    assert rules.lattice.text == text
