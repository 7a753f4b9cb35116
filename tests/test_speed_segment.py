"""Bounded pieces for every later stage (issue 12: cost linear in the length of a document).

No timings here: benchmarks/linear.py measures time per character from 10 kB to 5 MB.
"""
from cnnews_ner.segment import MAX_CHROME_LINE, MAX_SENTENCE, split_sentences


def test_text_without_punctuation_is_cut_into_bounded_pieces_covering_it():
    text = "市委书记张建华出席会议并讲话" * 200  # 2,800 characters, no break at all
    sentences = split_sentences(text)
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert "".join(s.text for s in sentences) == text
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_long_run_is_cut_after_its_last_comma_within_the_bound():
    text = "甲" * 300 + "，" + "乙" * 300 + "。"
    first, second = split_sentences(text)[:2]
    assert first.text == "甲" * 300 + "，" and second.text.startswith("乙")


def test_chrome_marks_make_short_lines_chrome_not_long_ones():
    short = "上一篇：市政府召开常务会议"
    long = "市长王建国在会上指出" * (MAX_CHROME_LINE // 10) + "上一篇文章已经说明"
    sentences = split_sentences(short + "\n" + long + "\n")
    assert sentences[0].boilerplate
    assert not any(s.boilerplate for s in sentences[1:])
