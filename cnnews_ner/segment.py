"""Sentence split, and site chrome detection, on the normalized text.

Sentences keep their offsets. Lines of site chrome (login boxes, navigation,
disclaimers) are marked ``boilerplate`` so later stages skip them; the text itself
is never cut, so offsets stay valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import read_lines

_SENTENCE_END = re.compile(r"[^。！？!?;；\n]*(?:[。！？!?;；]+[”’\"』」]?|\n|$)")
# Longer "sentences" (text without end punctuation) are cut at a comma, or hard, so that
# one run-on page never makes one huge model input.
MAX_SENTENCE = 500


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
    """Spans of chrome lines: lines holding a chrome mark, and everything after a cut mark
    (免责声明 and what follows it)."""
    line_marks, cut_marks = _chrome()
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if any(stripped.startswith(m) for m in cut_marks):
            spans.append((pos, len(text)))
            break
        if any(m in stripped for m in line_marks):
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def _pieces(text: str) -> list[tuple[int, int]]:
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
    chrome = boilerplate_lines(text)
    sentences = []
    for start, end in _pieces(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        is_chrome = any(a <= start < b for a, b in chrome)
        sentences.append(Sentence(len(sentences), start, end, text[start:end], is_chrome))
    return sentences
