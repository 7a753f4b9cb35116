"""Script normalization with a map back to the original text.

Removes pinyin annotations left by broken web converters (重點(diǎn) -> 重点),
folds full-width ASCII and odd spaces to ASCII, and converts Traditional to
Simplified with OpenCC. ``NormalizedText.to_original(i)`` maps any offset of the
normalized text to an offset of the original decoded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A tone-marked pinyin syllable in parentheses right after a CJK character. Plain
# words in parentheses ((德州), (记者 王某)) never match: a tone mark is required.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ANNOTATION = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]([a-zü]*[" + _TONE_VOWELS + r"][a-zü" + _TONE_VOWELS + r"]*)[)）]")

# Spaces that are not ASCII spaces but mean one.
_ODD_SPACES = {"\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": " ",
               "\ufeff": " "}


_WIDTH_TABLE = {**{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}, **{ord(k): v for k, v in _ODD_SPACES.items()}}


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def _opencc_characters(name: str) -> dict[str, list[str]]:
    from importlib import resources

    table = {}
    text = (resources.files("opencc") / "dictionary" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        if source:
            table[source] = targets.split()
    return table


@lru_cache(maxsize=1)
def _script_chars() -> tuple[frozenset, frozenset]:
    """(characters only Traditional writes, characters only Simplified writes), from OpenCC's own tables."""

    def changed(name: str) -> frozenset:
        return frozenset(c for c, targets in _opencc_characters(name).items() if c not in targets)

    return changed("TSCharacters.txt"), changed("STCharacters.txt")


@lru_cache(maxsize=1)
def _t2s_table() -> tuple[dict, frozenset]:
    """A translate table for Traditional characters with one Simplified form, and the set of those
    with several (乾 -> 干 or 乾), which need OpenCC's phrase dictionary."""
    single, ambiguous = {}, set()
    for char, targets in _opencc_characters("TSCharacters.txt").items():
        if len(char) != 1:
            continue
        if len(targets) == 1 and len(targets[0]) == 1:
            single[ord(char)] = targets[0]
        else:
            ambiguous.add(char)
    return single, frozenset(ambiguous)


PHRASE_WINDOW = 4


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, one character for one. Characters with a single Simplified form go
    through a translate table; an ambiguous one (乾, 發 ...) is decided by OpenCC's phrase conversion
    on the few characters around it, which is far faster than converting whole lines."""
    traditional_only = _script_chars()[0]
    if not any(c in traditional_only for c in text):
        return text
    table, ambiguous = _t2s_table()
    out = list(text.translate(table))
    for i, c in enumerate(text):
        if c in ambiguous:  # decide from a window around it, as OpenCC's phrases are short
            start = max(0, i - PHRASE_WINDOW)
            window = _opencc_line(text[start:i + PHRASE_WINDOW + 1])
            out[i] = window[i - start]
    return "".join(out)


def _opencc_line(text: str) -> str:
    """OpenCC's phrase-aware conversion, kept only when it keeps the length (offsets must not move);
    otherwise character by character."""
    t2s = _converters()[0]
    out = t2s.convert(text)
    if len(out) == len(text):
        return out
    chars = [t2s.convert(c) for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text))


def detect_script(text: str) -> str:
    """simplified / traditional / mixed, from characters that only one script uses."""
    traditional_only, simplified_only = _script_chars()
    traditional = sum(1 for c in text if c in traditional_only)
    simplified = sum(1 for c in text if c in simplified_only)
    if traditional + simplified == 0:
        return "simplified"
    share = traditional / (traditional + simplified)
    if share >= 0.8:
        return "traditional"
    if share <= 0.2:
        return "simplified"
    return "mixed"


@dataclass
class NormalizedText:
    """``text`` is the normalized text; ``offsets[i]`` is the original offset of ``text[i]``
    (one extra entry for the end)."""

    original: str
    text: str
    offsets: list[int]
    script: str

    def to_original(self, i: int) -> int:
        return self.offsets[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of normalized [start, end); end exclusive, annotations inside kept."""
        return self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[start]


def normalize(original: str) -> NormalizedText:
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in PINYIN_ANNOTATION.finditer(original):
        pieces.append(original[pos:m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(original[pos:])
    offsets.extend(range(pos, len(original)))
    offsets.append(len(original))
    folded = "".join(pieces).translate(_WIDTH_TABLE)
    return NormalizedText(original, to_simplified(folded), offsets, detect_script(original))
