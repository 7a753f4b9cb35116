"""Sentence split, and site chrome detection, on the normalized text.

Sentences keep their offsets. Lines of site chrome (login boxes, navigation,
disclaimers) are marked ``boilerplate`` so later stages skip them; the text itself
is never cut, so offsets stay valid.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import read_lines

_SENTENCE_END = re.compile(r"[^。！？!?;；\n]*(?:[。！？!?;；]+[”’\"』」]?|\n|$)")
# Longer "sentences" (text without end punctuation) are cut at a comma, or hard, so that every later
# stage (the model, the rules) sees pieces of bounded length and costs linear time in the document.
MAX_SENTENCE = 500
# A line mark (上一篇, 分享到 ...) makes a short line chrome; a longer line is article text that happens to
# hold the words (a page saved without line breaks is one long line: it is not all chrome).
MAX_CHROME_LINE = 200


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    boilerplate: bool = False


@lru_cache(maxsize=1)
def _chrome() -> tuple[list[str], list[str]]:
    line_marks, cut_marks = [], []
    for line in read_lines("boilerplate.tsv"):
        kind, _, pattern = line.partition("\t")
        (cut_marks if kind == "cut" else line_marks).append(pattern)
    return line_marks, cut_marks


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """Spans of chrome lines, in order and disjoint: lines of at most ``MAX_CHROME_LINE`` characters
    holding a chrome mark, and everything after a line starting with a cut mark (免责声明 and what
    follows it)."""
    line_marks, cut_marks = _chrome()
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if any(stripped.startswith(m) for m in cut_marks):
            spans.append((pos, len(text)))
            break
        if len(stripped) <= MAX_CHROME_LINE and any(m in stripped for m in line_marks):
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, none longer than ``MAX_SENTENCE``: a longer run is cut after the
    last comma, enumeration comma or space within the bound, else at the bound."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        start, end = m.start(), m.end()
        while end - start > MAX_SENTENCE:
            comma = max(text.rfind(c, start, start + MAX_SENTENCE) for c in ",，、 ")
            cut = comma + 1 if comma > start else start + MAX_SENTENCE
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets (whitespace trimmed, empty ones dropped), at most
    ``MAX_SENTENCE`` characters each; those starting inside a chrome line are marked ``boilerplate``.
    Linear in the length of the text."""
    chrome = boilerplate_lines(text)
    chrome_starts = [a for a, _ in chrome]
    sentences = []
    for start, end in _pieces(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        k = bisect_right(chrome_starts, start) - 1  # the last chrome span starting at or before start
        is_chrome = k >= 0 and start < chrome[k][1]
        sentences.append(Sentence(len(sentences), start, end, text[start:end], is_chrome))
    return sentences
