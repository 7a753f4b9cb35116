"""The candidate spans of one sentence, all of one type: the lattice the office patterns are matched over.

A :class:`Span` is a labelled stretch of a sentence: PERSON, ORG and LOC from the model (source ``ner``), ORG
from the organization lexicons (``lexicon``), LOC from the divisions gazetteer and the countries list
(``gazetteer``), POST from the posts lexicon and the envoy pattern (``lexicon``), and MARKER for the words
that say a post is former, proposed or acting (``lexicon``). Offsets are sentence offsets, end exclusive, so
``sentence[start:end] == text`` always holds; the pipeline maps them to the original text.

Posts are found here (:func:`find_posts`) because every reader of posts (offices, biographies) starts from
the same candidates: the longest lexicon match at each place, 长官 split off a unit (防卫厅长官), and envoys
(驻美国大使).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicons import Lexicons, Post
from .known_orgs import known_org_spans
from .orgs import _place_matches, find_orgs

LABELS = ("PERSON", "ORG", "LOC", "POST", "MARKER")


@dataclass(frozen=True)
class Span:
    """One candidate span: ``label`` (PERSON / ORG / LOC / POST / MARKER), sentence offsets ``start``-``end``
    (end exclusive), its ``text`` (normalized), and ``source`` (ner / lexicon / gazetteer / rules). A POST span
    carries its :class:`cnnews_ner.lexicons.Post`; a MARKER span its status in ``value``."""

    label: str
    start: int
    end: int
    text: str
    source: str
    post: Post | None = None
    value: str = ""


@dataclass(frozen=True)
class _PostMatch:
    """A post found in a sentence (sentence offsets), the form the office readers work with."""

    start: int
    end: int
    post: Post


# 驻美国大使, 驻香港特派员: a post whose title names the place it is held in
ENVOY_POST = re.compile(r"驻[\u4e00-\u9fff]{1,8}?(?:特命全权大使|大使|总领事|领事|代表|使节|特派员)(?![馆处团])")
# 全国人大代表, 市人大代表: a deputy to a people's congress; 代表 is a post only right after the congress
CONGRESS_UNITS = ("人大", "人民代表大会")
DEPUTY = "代表"
NOT_DEPUTY = ("代表团", "代表大会", "代表资格", "代表名额", "代表建议", "代表议案")
FUSED_UNITS = "部局厅署院校行所社队馆台厂处科司团"  # 财政部长 = 财政部 + 部长
NOT_FUSED_WORDS = ("长期", "长久", "长远", "长江", "长城", "长征", "长达", "长足", "长效", "长安", "长春", "长沙", "长河")


def find_posts(text: str, lex: Lexicons) -> list[_PostMatch]:
    """Posts in the sentence: the lexicon's (longest match wins) and envoys (驻美国大使), in text order."""
    matches = []
    for end, (kind, word) in lex.words.iter_long(text):
        if kind == "post":
            matches.append(_PostMatch(end - len(word) + 1, end + 1, lex.posts[word]))
        elif kind == "unit" and word.endswith(CONGRESS_UNITS) and text.startswith(DEPUTY, end + 1) and (
                not text.startswith(NOT_DEPUTY, end + 1)):
            matches.append(_PostMatch(end + 1, end + 1 + len(DEPUTY), Post(DEPUTY, "congress", False, False)))
        elif kind == "unit" and word[-1] in FUSED_UNITS and text[end + 1:end + 2] == "长" and (
                word[-1] + "长" in lex.posts and text[end + 1:end + 3] not in NOT_FUSED_WORDS):
            matches.append(_PostMatch(end, end + 2, lex.posts[word[-1] + "长"]))  # 宣传部长: 宣传部 + 部长
    for k, p in enumerate(matches):
        title = p.post.title
        if (len(title) == 2 and title[1] == "长" and title[0] in FUSED_UNITS and text[p.end:p.end + 1] == "官"
                and "长官" in lex.posts):
            matches[k] = _PostMatch(p.start + 1, p.end + 1, lex.posts["长官"])  # 防卫厅长官 = 防卫厅 + 长官
    bodies = [(end - len(word) + 1, end + 1) for end, (kind, word) in lex.words.iter(text) if kind != "post"]
    matches = [p for p in matches if not any(p.start < a < p.end < b for a, b in bodies)]  # 廉政委员会: no 政委
    matches = [_honorary_post(text, _affairs_post(text, p, lex)) for p in matches]
    for m in ENVOY_POST.finditer(text):
        if m.group() in lex.posts:
            continue
        matches = [p for p in matches if not (p.start < m.end() and m.start() < p.end)]
        matches.append(_PostMatch(m.start(), m.end(), Post(m.group(), "foreign", True, False)))
    return sorted(matches, key=lambda p: p.start)


HONORARY = "名誉"


def _honorary_post(text: str, p: _PostMatch) -> _PostMatch:
    """名誉主席, 名誉会长: an honorary post is a post of its own (the title keeps 名誉), not a qualified 主席."""
    if not text.endswith(HONORARY, 0, p.start) or p.post.title.startswith(HONORARY):
        return p
    return _PostMatch(p.start - len(HONORARY), p.end,
                      Post(HONORARY + p.post.title, p.post.kind, p.post.self_contained, p.post.byline))


AFFAIRS = "事务"
AFFAIRS_STOPS = "前原的和与及同对由在为是、"  # a marker, a lead-in or a conjunction ends the field of affairs
AFFAIRS_LEADS = ("会见", "会晤", "拜会", "接见", "担任", "出任", "现任")
MAX_AFFAIRS_FIELD = 10


def _affairs_post(text: str, p: _PostMatch, lex: Lexicons) -> _PostMatch:
    """英国国际开发事务大臣, 外交事务国务部长, 总统国家安全事务顾问: a post after X事务 is one post with its field
    of affairs; the field starts after a country or place (英国), a marker (前), a lead-in (会见) or a delimiter."""
    j = p.start - len(AFFAIRS)
    if j < 2 or text[j:p.start] != AFFAIRS:
        return p
    i = j
    while i > 0 and j - i < MAX_AFFAIRS_FIELD and "\u4e00" <= text[i - 1] <= "\u9fff":
        before = text[:i]
        if text[i - 1] in AFFAIRS_STOPS or before.endswith(AFFAIRS_LEADS) or any(
                before[-n:] in lex.countries or before[-n:] in lex.provinces for n in range(2, min(8, i) + 1)):
            break
        i -= 1
    if j - i < 2:
        return p
    title = text[i:p.end]
    return _PostMatch(i, p.end, Post(title, p.post.kind, p.post.self_contained, False))


@dataclass
class Lattice:
    """All candidate spans of one sentence, sorted by (start, -length, label). Build with
    :func:`build_lattice`; spans overlap freely (the patterns choose among them)."""

    text: str
    spans: list[Span] = field(default_factory=list)

    def of(self, *labels: str, source: str | None = None) -> list[Span]:
        """The spans with one of ``labels`` (and ``source``, when given), in order."""
        return [s for s in self.spans if s.label in labels and (source is None or s.source == source)]

    def offsets(self, *labels: str, source: str | None = None) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.of(*labels, source=source)]

    def posts(self) -> list[_PostMatch]:
        return [_PostMatch(s.start, s.end, s.post) for s in self.of("POST")]


def build_lattice(text: str, lex: Lexicons, ner_spans=(), markers: dict[str, str] | None = None) -> Lattice:
    """The lattice of ``text``: ``ner_spans`` are the model's (label, start, end) triples (PERSON / ORG /
    LOC); lexicon organizations, gazetteer places, posts and ``markers`` (word -> status: 原 -> former) are
    added here."""
    spans = [Span(label, a, b, text[a:b], "ner") for label, a, b in ner_spans if label in ("PERSON", "ORG", "LOC")]
    spans += [Span("ORG", o.start, o.end, o.text, "lexicon") for o in find_orgs(text, lex)]
    spans += [Span("ORG", o.start, o.end, text[o.start:o.end], "known") for o in known_org_spans(text)]  # 比亚迪
    for end, (_, place) in _place_matches(text, lex):
        spans.append(Span("LOC", end - len(place) + 1, end + 1, place, "gazetteer"))
    spans += [Span("POST", p.start, p.end, text[p.start:p.end], "lexicon", post=p.post) for p in find_posts(text, lex)]
    for word, status in (markers or {}).items():
        pos = text.find(word)
        while pos >= 0:
            spans.append(Span("MARKER", pos, pos + len(word), word, "lexicon", value=status))
            pos = text.find(word, pos + 1)
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), LABELS.index(s.label)))
    return Lattice(text, spans)
