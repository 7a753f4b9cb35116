"""Well-known organizations named by a short or brand name (腾讯, 周黑鸭, 皇家马德里, CBA), from the gazetteer
data/known_orgs.tsv, with the evidence its ambiguous entries need (data/org_context_words.tsv).

A listed name is an organization where it stands as a word (not inside 北京东路 or 物美价廉). An entry that is
also a personal name or a common word (李宁, 小米, 统一) needs an organization word next to it (品牌, 旗下, 门店,
集团) or a listed organization joined to it (王老吉与加多宝); one that is also a city or a common word (利物浦,
火箭) needs a sports context (a result, 主帅, 前锋, 战胜). A club or team takes a following 队 / 战队 / 俱乐部, a
company a following legal or shop ending (集团, 股份有限公司, 超市).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .lexicons import read_tsv
from .names import is_cjk

MIN_DICT_FREQUENCY = 30  # a jieba dictionary word across the name's edge (北京 in 北京东路) hides the name
COMMON_WORD_FREQUENCY = 1000  # a common word starting at the name's last character (为了 in 华为了)
TRANSLITERATION_WORD = 100  # a word next to a transliterated name that is no part of it (宣布 after 比亚迪)
SCORE = re.compile(r"\s*以?\s*\d+\s*[比:：-]\s*\d+")
JOINERS = ("与", "和", "、", "及", "同", "对", "vs", "VS", "对阵")
TEAM_ENDINGS = ("俱乐部", "战队", "队")
NOT_TEAM_WORDS = ("队长", "队员", "队友", "队医", "队服", "队史", "队内", "队伍", "队列")
COMPANY_ENDINGS = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "超市",
                   "茶庄", "商场", "大药房")


@dataclass(frozen=True)
class KnownOrg:
    start: int
    end: int
    name: str  # as listed (the span may add an ending: 湖人 -> 湖人队)
    kind: str


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, str]], ahocorasick.Automaton]:
    entries = {name: (kind, when) for name, kind, when in read_tsv("known_orgs.tsv")}
    automaton = ahocorasick.Automaton()
    for name in entries:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return entries, automaton


@lru_cache(maxsize=1)
def listed_org_names() -> frozenset:
    """Every listed organization name: data/known_orgs.tsv and data/standalone_orgs.tsv."""
    return frozenset(_gazetteer()[0]) | frozenset(name for name, *_ in read_tsv("standalone_orgs.tsv"))


def listed_org_kind(name: str) -> str | None:
    """The kind (data/kinds.tsv) of an organization listed in data/known_orgs.tsv under exactly this name
    (NBA -> social), or None."""
    entry = _gazetteer()[0].get(name)
    return entry[0] if entry else None


@lru_cache(maxsize=1)
def context_words() -> dict[tuple[str, str], tuple[str, ...]]:
    """(condition, side) -> words, longest first: the evidence an ambiguous entry needs next to it."""
    found: dict[tuple[str, str], list[str]] = {}
    for word, side, when in read_tsv("org_context_words.tsv"):
        found.setdefault((when, side), []).append(word)
    return {key: tuple(sorted(words, key=len, reverse=True)) for key, words in found.items()}


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _stands_as_word(text: str, start: int, end: int) -> bool:
    """The name is not part of a longer word: no Latin letter glued to a Latin name (ESPNews), and no jieba
    dictionary word across either edge (北京东路 holds 京东, 华为了 holds 为了)."""
    name = text[start:end]
    if _is_latin(name[0]) and start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        return False
    if _is_latin(name[-1]) and end < len(text) and text[end].isascii() and text[end].isalpha():
        return False
    if not (is_cjk(name[0]) or is_cjk(name[-1])):
        return True
    from .lexicons import load

    import jieba  # the NER model's soft-word features load it anyway

    from .names import _word_starts

    jieba.dt.check_initialized()
    starts = sorted(_word_starts(text))
    transliteration = load().transliteration
    if all(c in transliteration for c in name):
        # 伊利诺斯, 戈迪奥拉: a transliterated name inside a longer one; 比亚迪宣布: 宣布 is a word of its own
        after = next((text[end:b] for b in starts if b > end), "") if end in starts else ""
        before = next((text[a:start] for a in reversed(starts) if a < start), "") if start in starts else ""
        if end < len(text) and text[end] in transliteration and (len(after) < 2 or
                                                                  jieba.dt.FREQ.get(after, 0) < TRANSLITERATION_WORD):
            return False
        if start > 0 and text[start - 1] in transliteration and (len(before) < 2 or
                                                                 jieba.dt.FREQ.get(before, 0) < TRANSLITERATION_WORD):
            return False
    for a, b in zip(starts, starts[1:]):
        token = text[a:b]
        if len(token) < 2:
            continue
        crosses_start = a < start < b and is_cjk(text[start])
        crosses_end = a < end < b and is_cjk(text[end - 1])
        if not (crosses_start or crosses_end):
            continue
        frequency = jieba.dt.FREQ.get(token, 0)
        inside, outside = text[a:end], text[end:b]
        if crosses_end and not crosses_start and min(jieba.dt.FREQ.get(inside, 0),
                                                     jieba.dt.FREQ.get(outside, 0)) >= COMMON_WORD_FREQUENCY:
            continue  # 澎湃新闻记者: jieba's 新闻记者 is two common words, 新闻 + 记者
        if crosses_end and not crosses_start and a == end - 1 and len(token) == 2:
            if frequency >= COMMON_WORD_FREQUENCY:
                return False
        elif frequency >= MIN_DICT_FREQUENCY:
            return False
    return True


def _has_context(text: str, start: int, end: int, when: str) -> bool:
    words = context_words()
    before, after = text[max(0, start - 8):start], text[end:end + 8]
    if before.rstrip().endswith(words.get((when, "before"), ())) or after.lstrip().startswith(words.get((when, "after"), ())):
        return True
    return when == "sports" and bool(SCORE.match(after))


def _ending(text: str, end: int, kind: str) -> int:
    """The end of the name with a team or company ending written after it (湖人队, 小米集团, 胖东来超市)."""
    if kind == "social":
        if text.startswith(NOT_TEAM_WORDS, end):
            return end
        for ending in TEAM_ENDINGS:
            if text.startswith(ending, end):
                return end + len(ending)
    elif kind == "enterprise":
        for ending in COMPANY_ENDINGS:
            if text.startswith(ending, end):
                return end + len(ending)
    return end


def known_org_spans(text: str) -> list[KnownOrg]:
    """The listed organizations in ``text`` that stand as words and have the evidence their entry needs,
    longest first where names overlap, in order of position."""
    entries, automaton = _gazetteer()
    candidates = []
    for last, name in automaton.iter(text):
        start, end = last - len(name) + 1, last + 1
        candidates.append((start, end, name))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, str]] = []
    for start, end, name in candidates:
        if chosen and start < chosen[-1][1]:
            continue
        # 北京国安队: jieba may glue the team or company ending to the name (国安队); the name with it stands
        with_ending = _ending(text, end, entries[name][0])
        if _stands_as_word(text, start, end) or (with_ending > end and _stands_as_word(text, start, with_ending)):
            chosen.append((start, end, name))
    accepted: dict[int, KnownOrg] = {}
    pending = []
    for i, (start, end, name) in enumerate(chosen):
        kind, when = entries[name]
        org = KnownOrg(start, _ending(text, end, kind), name, kind)
        if when == "always" or org.end > end or _has_context(text, start, end, when):
            accepted[i] = org
        else:
            pending.append((i, org))
    # 王老吉与加多宝, 湖人与快船: an ambiguous entry joined to an accepted organization is one too
    changed = True
    while changed and pending:
        changed = False
        for i, org in list(pending):
            for j, other in accepted.items():
                between = text[other.end:org.start] if other.end <= org.start else text[org.end:other.start]
                if abs(i - j) == 1 and between.strip() in JOINERS:
                    accepted[i] = org
                    pending.remove((i, org))
                    changed = True
                    break
    return [accepted[i] for i in sorted(accepted)]


LATIN_RUN = re.compile(r"(?<![A-Za-z0-9&])[A-Z][A-Za-z0-9&'’.-]*(?: [A-Z][A-Za-z0-9&'’.-]*){0,5}(?![A-Za-z0-9])")
# A Latin name written right before a Chinese organization ending (OpenLight公司, EDG战队)
LATIN_BEFORE_CHINESE_ENDING = ("股份有限公司", "有限公司", "公司", "集团", "科技", "战队", "乐队", "俱乐部", "工作室", "基金会",
                               "实验室", "研究院", "银行", "资本")


@lru_cache(maxsize=1)
def latin_org_endings() -> frozenset:
    """Last words of organizations written in Latin script (data/latin_org_endings.tsv), lower case."""
    from .lexicons import read_lines

    return frozenset(w.lower() for w in read_lines("latin_org_endings.tsv"))


def latin_org_spans(text: str) -> list[tuple[int, int]]:
    """Organizations written in Latin script: a run of capitalized words that ends with a word of organizations
    (Golden Bridge Holdings Limited, Northwind Coffee), or a Latin name right before a Chinese organization
    ending, which the span takes in (OpenLight公司, Blue Whale工作室)."""
    found = []
    for m in LATIN_RUN.finditer(text):
        words = m.group().split(" ")
        end = m.end()
        ending = next((e for e in LATIN_BEFORE_CHINESE_ENDING if text.startswith(e, end)), None)
        if ending:
            found.append((m.start(), end + len(ending)))
        elif len(words) >= 2 and words[-1].lower().rstrip(".") in latin_org_endings():
            found.append((m.start(), end))
    return found
