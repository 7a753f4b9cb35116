from hypothesis import given, settings, strategies as st

from cnnews_ner.normalize import detect_script, normalize
from cnnews_ner.segment import split_sentences


def test_pinyin_annotations_are_removed():
    assert normalize("重點(diǎn)工作攻堅(jiān)年").text == "重点工作攻坚年"
    assert normalize("互聯(lián)網(wǎng)").text == "互联网"


def test_plain_parentheses_stay():
    assert normalize("(记者 王某)(德州)").text == "(记者 王某)(德州)"


def test_traditional_to_simplified_keeps_length_and_original():
    n = normalize("孫豐勇表示")
    assert n.text == "孙丰勇表示"
    assert n.original[n.original_span(0, 3)[0]:n.original_span(0, 3)[1]] == "孫豐勇"


def test_full_width_and_odd_spaces_fold_without_shifting():
    n = normalize("ＡＢＣ\u3000１２\xa0x")
    assert n.text == "ABC 12 x"
    assert n.offsets[:-1] == list(range(len(n.original)))


def test_script_detection():
    assert detect_script("市委經濟工作會議召開") == "traditional"
    assert detect_script("市委经济工作会议召开") == "simplified"


def test_chrome_lines_are_marked_not_cut():
    text = "用户名: 密码: [注册][找回密码]\n市委书记张三出席。\n免责声明\n本网不承担责任。"
    sentences = split_sentences(text)
    assert [s.text for s in sentences if not s.boilerplate] == ["市委书记张三出席。"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


pieces = st.sampled_from(["點(diǎn)", "網(wǎng)", "(德州)", "記者", "记者", "Ａ", "\u3000", "\xa0", "，", "x", "\n",
                          "王", "國", "(ā)", "()", "（ǎ）"])


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_offset_map_points_into_the_original(text):
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets == sorted(n.offsets)
    for i, ch in enumerate(n.text):
        original = n.original[n.offsets[i]]
        # each normalized character comes from its original character (same, folded or converted)
        assert normalize(original).text in (ch, "")


def test_run_on_text_is_cut_into_bounded_sentences():
    text = "市委书记张三出席会议," * 200  # 2,000 characters, no sentence end
    sentences = split_sentences(text)
    assert all(len(s.text) <= 500 for s in sentences)
    assert "".join(text[s.start:s.end] for s in sentences) == text
