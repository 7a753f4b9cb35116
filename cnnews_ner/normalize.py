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


def fold_width(ch: str) -> str:
    """Full-width ASCII to ASCII, odd spaces to a space; one character in, one out."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    return _ODD_SPACES.get(ch, ch)


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _script_chars() -> tuple[frozenset, frozenset]:
    """(characters only Traditional writes, characters only Simplified writes), from OpenCC's own tables."""
    from importlib import resources

    folder = resources.files("opencc") / "dictionary"

    def changed(name: str) -> frozenset:
        chars = set()
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            if source and source not in targets.split():
                chars.add(source)
        return frozenset(chars)

    return changed("TSCharacters.txt"), changed("STCharacters.txt")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, length-preserving (falls back to per-character conversion
    for the rare phrase mapping that changes length). Text with no Traditional-only
    character is returned as it is: OpenCC is the slowest part of normalization."""
    traditional_only = _script_chars()[0]
    if not any(c in traditional_only for c in text):
        return text
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
    kept: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in PINYIN_ANNOTATION.finditer(original):
        for i in range(pos, m.start()):
            kept.append(original[i])
            offsets.append(i)
        pos = m.end()
    for i in range(pos, len(original)):
        kept.append(original[i])
        offsets.append(i)
    offsets.append(len(original))
    folded = "".join(fold_width(c) for c in kept)
    return NormalizedText(original, to_simplified(folded), offsets, detect_script(original))
