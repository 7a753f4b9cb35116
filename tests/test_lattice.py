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


def test_a_post_after_a_field_of_affairs_is_one_post():
    # X事务 + post: the field of affairs belongs to the post; it starts after a country, a marker or a lead-in
    text = "副总理在会见挪威海洋渔业事务大臣奥拉夫时说,也会见了前总统经济事务顾问汉森。"
    posts = [(s.text, s.start, s.end) for s in build_lattice(text, LEX).of("POST")]
    assert ("海洋渔业事务大臣", 8, 16) in posts
    assert any(t == "总统经济事务顾问" for t, *_ in posts)
    assert all(text[a:b] == t for t, a, b in posts)
    # a unit named 事务局 is no field of affairs
    assert [s.text for s in build_lattice("区退役军人事务局局长出席。", LEX).of("POST")] == ["局长"]


def test_a_post_inside_a_body_name_is_no_post():
    # 总统府 and 议员团 hold a post word; the body wins the longer match
    text = "由巴拉圭总统府新闻部长带队的代表团和该国议会议员团成员抵达。"
    assert [s.text for s in build_lattice(text, LEX).of("POST")] == ["部长"]
    rules = read_offices(build_lattice("塞内加尔武装力量总参谋长迪乌夫访华。", LEX, [("PERSON", 12, 15)]), LEX)
    assert [(o.person, o.org, o.title) for o in rules.offices] == [("迪乌夫", "塞内加尔武装力量", "总参谋长")]


def test_a_unit_fused_with_its_head_post():
    # 宣传部长 = 宣传部 + 部长: the unit wins the longest match, the fused post is still found; not in 长期
    posts = lambda text: [s.text for s in build_lattice(text, LEX).of("POST")]
    assert posts("省委常委、宣传部长邵立群出席。") == ["常委", "部长"]
    assert posts("市科技局长期坚持走访企业。") == []
    rules = read_offices(build_lattice("省委常委、宣传部长邵立群出席。", LEX, [("PERSON", 9, 12)]), LEX)
    assert [(o.org, o.title) for o in rules.offices] == [("省委", "常委"), ("省委宣传部", "部长")]


def test_an_honorary_post_is_a_post_of_its_own():
    text = "省红十字会名誉会长柏树林出席。"
    assert [s.text for s in build_lattice(text, LEX).of("POST")] == ["名誉会长"]
    rules = read_offices(build_lattice(text, LEX, [("PERSON", 9, 12)]), LEX)
    assert [(o.org, o.title, o.qualifier) for o in rules.offices] == [("省红十字会", "名誉会长", "")]
