"""The document object and the stages it flows through.

read (io) -> normalize -> segment -> ner -> titles (rules) -> orgs -> identity (corpus) -> tables.
Each stage function takes a :class:`Document` and fills the fields it names.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicons
from .io import RawDocument
from .names import (anonymized_names, extended_joined_name, inside_quoted_term, is_acceptable_ner_name, is_cjk,
                    is_club_context, is_plausible_name, known_people_spans, latin_names, trimmed_ner_name_end,
                    name_run_pieces, repaired_ner_name, user_id_spans, _word_starts_at, credit_names,
                    is_person_not_place, record_opening_name, is_organization_name,
                    whole_transliterated_name, brand_named_like_person)
from .known_orgs import NOT_TEAM_WORDS, known_org_spans, latin_org_spans
from .ner import NerEngine, Span
from .normalize import NormalizedText, normalize
from .orgs import (ANAPHORIC_ORG_NOUNS, GENERIC_ORG_NOUNS, canonical_org, described_before, descriptive_org, find_orgs,
                   infer_city, infer_county, jurisdiction_of, names_no_organization, org_kind, parse_org_before,
                   place_qualified, resolve_anaphor, starts_like_org)
from .segment import Sentence, split_sentences
from .lattice import build_lattice
from .titles import PARTY_BODIES, header_pattern, read_offices, record_subject, status_markers


@dataclass
class Mention:
    mention_id: str
    type: str  # PERSON / ORG / TITLE / LOC
    text: str  # normalized (simplified)
    surface: str  # as written in the original text
    start: int  # offsets into the original decoded text, end exclusive
    end: int
    sentence: int
    source: str  # ner / rules / byline / coreference / lexicon


@dataclass
class Office:
    person: str
    title: str
    org: str
    org_canonical: str
    qualifier: str
    kind: str
    start: int  # the person's offsets in the original text
    end: int
    org_start: int  # the organization as written; for one composed from its chain (市委常委、宣传部部长 ->
    org_end: int    # 市委宣传部) these point at the written part (宣传部); -1 when none is written
    sentence: int
    evidence: str
    status: str = "current"  # current / acting / former / proposed
    rule: str = "chain"  # the office pattern (data/office_patterns.tsv) that produced the row


@dataclass
class Document:
    raw: RawDocument
    norm: NormalizedText | None = None  # normalize
    sentences: list[Sentence] = field(default_factory=list)  # segment
    ner: list[list[Span]] = field(default_factory=list)  # ner, one list per sentence
    mentions: list[Mention] = field(default_factory=list)  # rules + orgs
    offices: list[Office] = field(default_factory=list)  # rules
    biographies: list = field(default_factory=list)  # biographies: one per résumé / notice record
    careers: list = field(default_factory=list)  # biographies: dated and trigger posts of records, 任命 / 免去
    city: str = ""  # orgs
    county: str = ""  # the county-level division the article is about, when it names one clearly
    newspaper: str = ""

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id

    @property
    def ok(self) -> bool:
        return self.raw.status == "ok"


def stage_normalize(doc: Document) -> None:
    """needs raw.text; adds norm."""
    doc.norm = normalize(doc.raw.text)


def stage_segment(doc: Document) -> None:
    """needs norm; adds sentences."""
    doc.sentences = split_sentences(doc.norm.text)


def stage_ner(docs: list[Document], engine: NerEngine) -> None:
    """needs sentences; adds ner. Sentences of all documents go to the model in one batch."""
    todo = [(d, s) for d in docs for s in d.sentences if not s.boilerplate]
    results = engine.predict([s.text for _, s in todo]) if todo else []
    for d in docs:
        d.ner = [[] for _ in d.sentences]
    for (d, s), spans in zip(todo, results):
        d.ner[s.index] = spans


def _mention(doc: Document, kind: str, sentence: Sentence, a: int, b: int, source: str) -> Mention:
    start, end = doc.norm.original_span(sentence.start + a, sentence.start + b)
    return Mention("", kind, sentence.text[a:b], doc.norm.original[start:end], start, end, sentence.index, source)


def _accepted_model_org(text: str, start: int, end: int, rule_people, lex) -> tuple[int, int] | None:
    """The model's ORG span as an organization mention, or None: written in characters (a gloss in
    parentheses allowed), two or more of them, no person inside, and no lead-in word at its start (和联邦储备
    委员会 -> 联邦储备委员会; the lexicon's organization units protect words such as 和 inside names)."""
    if any(a < end and start < b for a, b in rule_people):
        return None
    org = parse_org_before(text[start:end], lex)
    if org is not None and org.start > 0 and org.end == end - start:
        start += org.start  # a lead-in word the model took into the name
    level = next((i for i in range(1, end - start - 2) if text[start + i] in "省市县区"), None)
    if level is not None and not starts_like_org(text[start:start + level + 1], lex):
        start += level  # 立足市行政审批服务局: the organization starts at its level, 立足 is no place
    sub = text.rfind("子公司", start, end)
    if sub >= 0 and end - (sub + 3) >= 4:
        start = sub + 3  # 公司全资子公司苏州某某电子有限公司: the subsidiary is named after 子公司
    name = text[start:end]
    if (len(name) < 2 or not all(is_cjk(c) for c in name) or name in GENERIC_ORG_NOUNS or name in ANAPHORIC_ORG_NOUNS
            or descriptive_org(name) or described_before(text, start, end)):  # 一家上市公司: described, not named
        return None
    if _unnamed_body(name) or text.startswith("党员", end) or (name.startswith(("公司", "本公司")) and len(name) <= 4):
        return None  # 公司董事会, 第四届监事会, 办公室; 中共 in 中共党员
    end = start + _without_internal_unit(name)
    if name.endswith("队") and text.startswith(NOT_TEAM_WORDS, end - 1) and len(name) > 2:
        end -= 1  # 曼城队长: the club, and 队长 is a post
    if text.startswith(PARTNERSHIP_FORMS, end):
        end = text.index("）" if text[end] == "（" else ")", end) + 1  # 某某会计师事务所（特殊普通合伙）: part of the name
    return start, end


INSTITUTION_ENDINGS = ("博物馆", "纪念馆", "科技馆", "美术馆", "图书馆", "档案馆", "少年宫", "幼儿园", "医院", "大学", "学院",
                       "中学", "小学")  # a model place with one of these endings is an institution (上海科技馆)
COMPANY_HEADS = ("股份有限公司", "有限责任公司", "有限公司", "公司", "银行", "分行", "支行", "证券", "医院", "大学")
PARTNERSHIP_FORMS = ("（特殊普通合伙）", "（普通合伙）", "（有限合伙）", "(特殊普通合伙)", "(普通合伙)", "(有限合伙)")
BOARD_TERM = re.compile(r"^(?:本公司|该公司|公司)?(?:第[一二三四五六七八九十\d]+届)?")


@lru_cache(maxsize=1)
def _internal_units() -> tuple[str, ...]:
    return tuple(sorted(lexicons.read_lines("company_internal_units.tsv"), key=len, reverse=True))


def _not_part_of_org(tail: str, lex) -> bool:
    """What follows a listed organization inside a model span is no part of its name: a place (特斯拉 +
    上海超级工厂) or an internal unit (央视 + 春晚导演组)."""
    return tail.endswith(_internal_units()) or any(tail[:n] in lex.cities or tail[:n] in lex.provinces
                                                    for n in range(2, min(6, len(tail)) + 1))


def _unnamed_body(name: str) -> bool:
    """A body or department named without its organization (公司董事会, 第三届监事会, 急诊科, data/
    company_internal_units.tsv): no organization mention."""
    rest = name[BOARD_TERM.match(name).end():]
    return rest == "" or (len(rest) <= 6 and rest in _internal_units()) or (
        rest != name and rest.endswith(_internal_units()) and len(rest) <= 6)


def _without_internal_unit(name: str) -> int:
    """The length of ``name`` without an internal unit after a company, bank, hospital or university
    (中信证券股份有限公司投资银行部 -> 中信证券股份有限公司; data/company_internal_units.tsv)."""
    for head in COMPANY_HEADS:
        k = name.rfind(head)
        if k <= 0:
            continue
        cut = k + len(head)
        tail = name[cut:]
        if tail and len(tail) <= 8 and tail.endswith(_internal_units()) and not any(h in tail for h in COMPANY_HEADS):
            return cut
        return len(name)
    return len(name)


def stage_rules(doc: Document) -> None:
    """needs sentences, ner; adds city, offices and PERSON / ORG / TITLE / LOC mentions."""
    lex = lexicons.load()
    read = []
    subject = None  # (doc start, doc end, name) of the name that opened the current résumé record
    header = None  # the appointing or removing pattern a notice header opened
    markers = status_markers(lex)
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        spans = doc.ner[sentence.index] if doc.ner else []
        if spans:  # one span a name in runs of names (宋平薄一波), for the rules and the records alike
            spans = doc.ner[sentence.index] = _repaired_people(
                sentence.text, _name_runs_split(_joined_names_whole(
                    sentence.text, _transliterated_names_whole(sentence.text, spans, lex), lex), lex), lex)
        people = [(s.start, s.end) for s in spans if s.type == "PERSON"]
        opening = record_subject(sentence.text, lex, people)
        if opening is not None:
            subject = (sentence.start + opening[0], sentence.start + opening[1],
                       sentence.text[opening[0]:opening[1]])
        earlier = (subject[0] - sentence.start, subject[1] - sentence.start, subject[2]) if (
            subject and opening is None) else None
        lattice = build_lattice(sentence.text, lex, [(s.type, s.start, s.end) for s in spans], markers)
        read.append((sentence, spans, read_offices(lattice, lex, earlier, header)))
        # a notice's header (一、任命:) opens the list of entries in the sentences after it
        header = header_pattern(sentence.text) or (header if read[-1][2].offices else None)
    # the whole page, chrome included: a site's masthead names its newspaper and city. A place is never
    # read from inside a person's name (建华 is a district; 张建华 is a person).
    placed = _without_people(doc.norm.text, read)
    doc.city, doc.newspaper = infer_city(placed, lex)
    doc.county = infer_county(placed, doc.city, lex)
    mentions: list[Mention] = []
    offices: list[Office] = []
    for sentence, spans, rules in read:
        known = [(o.start, o.end) for o in known_org_spans(sentence.text)]
        known += [(a, b) for a, b in latin_org_spans(sentence.text) if not _overlaps(a, b, known)]
        extra = [(a, b) for a, b in latin_names(sentence.text, lex) + anonymized_names(sentence.text, lex)
                 if not any(x < b and a < y for x, y in rules.persons)]
        extra += [(a, b) for a, b in user_id_spans(sentence.text)
                  if not any(x < b and a < y for x, y in list(rules.persons) + extra)]
        opening_name = record_opening_name(sentence.text, lex)
        extra += [(a, b) for a, b in credit_names(sentence.text, lex) + ([opening_name] if opening_name else [])
                  if not any(x < b and a < y for x, y in list(rules.persons) + extra)]
        rule_people = [(a, b) for a, b in list(rules.persons) + extra
                       if not is_organization_name(sentence.text[a:b], lex)]  # 国民党副主席: no person
        mentions.extend(_mention(doc, "PERSON", sentence, a, b, "rules")
                        for a, b in _split_runs(rule_people, sentence.text, lex)
                        if not _overlaps(a, b, known))  # 李宁旗下: a listed brand, no person
        mentions.extend(_mention(doc, "TITLE", sentence, a, b, "rules") for a, b in rules.titles)
        here = [(s.end, s.text) for s in rules.lattice.of("ORG")] if rules.lattice else []
        for o in rules.offices:
            office = _office(doc, sentence, o, mentions, lex, here)
            if office is not None:
                offices.append(office)
                mentions.extend(_office_mentions(doc, sentence, o))
        mentions.extend(_ner_mentions(doc, sentence, spans, rule_people, lex, known))
        mentions.extend(_known_people_mentions(doc, sentence, mentions, lex))
        mentions.extend(_mention(doc, "ORG", sentence, org.start, org.end, "lexicon")  # read once, in the lattice
                        for org in rules.lattice.of("ORG", source="lexicon")
                        if not any(a <= org.start and org.end <= b and b - a > org.end - org.start for a, b in known)
                        and not sentence.text.startswith("党员", org.end))  # 中共党员: no organization named
        mentions.extend(_known_org_mentions(doc, sentence, mentions, known))
    mentions.extend(_later_mentions(doc, mentions))
    doc.mentions = _dedupe(_without_covered_model_orgs(mentions))
    doc.offices = _dedupe_offices(offices)


def _without_covered_model_orgs(mentions: list[Mention]) -> list[Mention]:
    """The model's ORG spans that lie inside a longer organization the rules read (县委 in 平原县委) are
    no organizations of their own."""
    rule_orgs: dict[int, list[tuple[int, int]]] = {}  # by sentence (spans never cross one): linear time
    for m in mentions:
        if m.type == "ORG" and m.source != "ner":
            rule_orgs.setdefault(m.sentence, []).append((m.start, m.end))
    return [m for m in mentions if not (m.type == "ORG" and m.source == "ner" and any(
        a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in rule_orgs.get(m.sentence, ())))]


def _without_people(text: str, read) -> str:
    """The normalized text with every person span (model or rules) blanked out, offsets kept."""
    chars = list(text)
    for sentence, spans, rules in read:
        people = [(s.start, s.end) for s in spans if s.type == "PERSON"] + list(rules.persons)
        for a, b in people:
            for i in range(sentence.start + a, min(sentence.start + b, len(chars))):
                chars[i] = "□"
    return "".join(chars)


def _office(doc: Document, sentence: Sentence, o, mentions: list[Mention], lex, here=()) -> Office | None:
    """The office row, with its organization resolved (公司 -> the company named earlier in its sentence, else in
    the article; kept as written when nothing earlier fits) and city-qualified. ``here``: (end, text) of the
    sentence's ORG spans (its lattice), sentence offsets."""
    start, end = doc.norm.original_span(sentence.start + o.person_start, sentence.start + o.person_end)
    org_start, org_end = (doc.norm.original_span(sentence.start + o.org_start, sentence.start + o.org_end)
                          if o.org_start >= 0 else (-1, -1))
    org = o.org
    written = o.org
    if names_no_organization(org):
        org, written, org_start, org_end = "", "", -1, -1  # 深圳市一家科技公司的创始人: no organization named
    if (org.startswith("本报") or (o.byline and not org)) and doc.newspaper:
        org = doc.newspaper  # a byline's medium is the article's newspaper
    if (org in ANAPHORIC_ORG_NOUNS or org in GENERIC_ORG_NOUNS or (org.startswith("该") and len(org) <= 4)
            or descriptive_org(org)):
        anaphor_at = o.org_start if o.org_start >= 0 else o.person_start
        org = (next((name for end_, name in sorted(here, reverse=True) if end_ <= anaphor_at
                     and resolve_anaphor(org, [name])), None)  # …有限公司也派员参加，该公司总经理甲
               or _resolved_anaphor(doc, org, mentions, start) or org)  # 公司党委书记 after the company; else as written
    elif org:
        org = place_qualified(org, _place_qualified_candidates(doc, mentions, org, lex), lex) or org
    canonical = canonical_org(org, doc.city, doc.newspaper, doc.county) if org else jurisdiction_of(
        o.title, doc.city, doc.county)  # 县长 with no organization written: the article's county
    kind = org_kind(org, lex) if org else o.kind  # one vocabulary: an office's kind is its organization's
    kind = o.kind if kind == "other" else kind
    if o.title.startswith(PARTY_BODIES) or o.title.endswith("支书"):
        kind = "party"  # 村党支部书记, 市科技局党组书记: a post in the unit's party body
    return Office(o.person, o.title, written, canonical, o.qualifier, kind,
                  start, end, org_start, org_end, sentence.index, sentence.text, o.status, o.rule)


def _resolved_anaphor(doc: Document, org: str, mentions: list[Mention], start: int) -> str | None:
    """resolve_anaphor over the ORG mentions that start before ``start``, latest first, in logarithmic time:
    for each anaphoric noun seen (公司, 该集团), the ORG mentions it resolves to are kept sorted by start, and
    the index grows with ``mentions`` (which only grow while offices are read), so no office sorts or scans
    the article's mentions again."""
    index = getattr(doc, "_anaphor_index", None)
    if index is None or index["of"] is not mentions:  # first use, or another run of the rules
        index = doc._anaphor_index = {"of": mentions, "seen": 0, "orgs": [], "by_noun": {}}
    by_noun = index["by_noun"]
    for n in range(index["seen"], len(mentions)):
        m = mentions[n]
        if m.type == "ORG":
            index["orgs"].append((m.start, n, m.text))
            for noun, targets in by_noun.items():
                if resolve_anaphor(noun, [m.text]):
                    bisect.insort(targets, (m.start, n, m.text))
    index["seen"] = len(mentions)
    if org not in by_noun:  # a noun not seen before: one pass over the organizations so far
        by_noun[org] = sorted(o for o in index["orgs"] if resolve_anaphor(org, [o[2]]))
    targets = by_noun[org]
    k = bisect.bisect_left(targets, (start,))
    return targets[k - 1][2] if k else None


def _orgs_in(doc: Document, lex) -> list[str]:
    """Organizations named anywhere in the article (for 高新区 -> 潍坊高新区), computed once per document."""
    cached = getattr(doc, "_orgs_cache", None)
    if cached is None:
        cached = [o.text for s in doc.sentences if not s.boilerplate for o in find_orgs(s.text, lex)]
        doc._orgs_cache = cached
    return cached



def _place_qualified_candidates(doc: Document, mentions: list[Mention], org: str, lex) -> list[str]:
    """The first name ``place_qualified`` would take for ``org`` (an ORG mention so far, in order, else an
    organization named anywhere in the article, written as a place + ``org``), as a list of at most one.

    Names are indexed by what follows each place prefix as they appear (mentions only grow while offices
    are read), so an office costs a lookup instead of a scan of the article: the rule stage stays linear."""
    index = getattr(doc, "_place_index", None)
    if index is None:
        index = doc._place_index = {"of": None, "seen": 0, "mentions": {}, "article": {}}
        for name in _orgs_in(doc, lex):
            _index_place_prefixes(index["article"], name, lex)
    if index["of"] is not mentions:  # another run of the rules on this document
        index.update({"of": mentions, "seen": 0, "mentions": {}})
    for m in mentions[index["seen"]:]:
        if m.type == "ORG":
            _index_place_prefixes(index["mentions"], m.text, lex)
    index["seen"] = len(mentions)
    name = index["mentions"].get(org) or index["article"].get(org)
    return [name] if name else []


def _index_place_prefixes(index: dict[str, str], name: str, lex) -> None:
    for k in range(1, len(name)):
        head, rest = name[:k], name[k:]
        if rest not in index and (head in lex.cities or head in lex.counties or head in lex.provinces):
            index[rest] = name

def _office_mentions(doc: Document, sentence: Sentence, o) -> list[Mention]:
    """The office's organization (and party body: 街道党工委书记 names the 党工委 too) and its post."""
    found = []
    if (o.org_start >= 0 and not o.org.startswith(("本报", "该")) and o.org not in ANAPHORIC_ORG_NOUNS
            and not descriptive_org(o.org)):
        found.append(_mention(doc, "ORG", sentence, o.org_start, o.org_end, "rules"))
        for body in PARTY_BODIES:
            # 市科技局党组书记 names the 党组 too: a span that holds the body as written
            if o.title.startswith(body) and sentence.text.startswith(body, o.org_end):
                found.append(_mention(doc, "ORG", sentence, o.org_start, o.org_end + len(body), "rules"))
    if o.title_start >= 0:
        found.append(_mention(doc, "TITLE", sentence, o.title_start, o.title_end, "rules"))
    return found


def _overlaps(start: int, end: int, spans) -> bool:
    return any(a < end and start < b for a, b in spans)


def _known_org_mentions(doc: Document, sentence: Sentence, mentions: list[Mention], known) -> list[Mention]:
    """The listed organizations of the sentence (data/known_orgs.tsv, read by :func:`known_org_spans`) that no
    longer organization the rules or the model read already holds (小米 in 小米集团股份有限公司)."""
    if not known:
        return []
    orgs = [doc.norm.original_span(sentence.start + a, sentence.start + b) for a, b in known]
    longer = [(m.start, m.end) for m in mentions if m.type == "ORG" and m.sentence == sentence.index]
    return [_mention(doc, "ORG", sentence, a, b, "lexicon") for (a, b), (x, y) in zip(known, orgs)
            if not any(s <= x and y <= e and e - s > y - x for s, e in longer)]


def _ner_mentions(doc: Document, sentence: Sentence, spans: list[Span], rule_people, lex,
                  known=()) -> list[Mention]:
    """NER spans the rules did not already cover, filtered on evidence. ``known``: the listed organizations
    of the sentence (data/known_orgs.tsv), which no model person or place overlaps and which win over a model
    organization that cuts them (战队 in EDG战队)."""
    found = []
    spans = _name_runs_split(_joined_names_whole(sentence.text, spans, lex), lex)
    for s in spans:
        if s.type != "ORG" and _overlaps(s.start, s.end, known):
            continue  # 李宁旗下, 皇家马德里: a listed brand or club, not a person or a place
        if s.type == "ORG" and any(a < s.end and s.start < b and not (s.start <= a and b <= s.end and
                                                                      s.end - s.start > b - a) for a, b in known):
            continue
        if s.type == "ORG" and any(a == s.start and b < s.end and _not_part_of_org(sentence.text[b:s.end], lex)
                                   for a, b in known):
            continue  # 特斯拉上海超级工厂, 央视春晚导演组: the listed organization alone is named
        if s.type == "LOC" and s.text.endswith(INSTITUTION_ENDINGS) and len(s.text) > 3 and (
                s.start == 0 or not is_cjk(sentence.text[s.start - 1]) or _word_starts_at(sentence.text, s.start)):
            org = _accepted_model_org(sentence.text, s.start, s.end, rule_people, lex)
            if org is not None:  # 上海科技馆: a museum, a school, a hospital the model took for a place
                found.append(_mention(doc, "ORG", sentence, org[0], org[1], "ner"))
                continue
        if s.type == "PERSON":
            if s.end - s.start == 1 and _inside_title_of_work(sentence.text, s.start, s.end):
                continue  # 《王者荣耀》: a lone surname-like character inside a title is no person
            if inside_quoted_term(sentence.text, s.start, s.end):
                continue  # “小飞侠”, 《长安李白》, “赵云”: a nickname, a role or a title, no person
            if is_club_context(sentence.text[max(0, s.start - 4):s.start], sentence.text[s.end:s.end + 6]) and (
                    not is_plausible_name(s.text, lex) or all(c in lex.transliteration for c in s.text)):
                continue  # 战胜利物浦, 巴伦西亚队: a club the model took for a person (not 王楚然4比2战胜…)
            a, b = repaired_ner_name(sentence.text, s.start, s.end, lex)
            if (a, b) != (s.start, s.end):
                s = Span("PERSON", a, b, sentence.text[a:b])
            overlaps = any(a < s.end and s.start < b for a, b in rule_people)
            brand = None if overlaps else brand_named_like_person(sentence.text, s.start, s.end, lex)
            if brand is not None:  # 陈克明面业旗下, 谭木匠开出第500家门店: a brand named like a person
                found.append(_mention(doc, "ORG", sentence, brand[0], brand[1], "ner"))
                continue
            before, after = sentence.text[max(0, s.start - 3):s.start], sentence.text[s.end:s.end + 4]
            if not overlaps and is_acceptable_ner_name(s.text, lex, before, after):
                end = trimmed_ner_name_end(sentence.text, s.start, s.end, lex)
                found.append(_mention(doc, "PERSON", sentence, s.start, end, "ner"))
        elif s.type == "ORG":
            start = s.start
            while any(t.end == start and t.type in ("LOC", "ORG") for t in spans):
                start = next(t.start for t in spans if t.end == start and t.type in ("LOC", "ORG"))  # 武城 + 县委
            org = _accepted_model_org(sentence.text, start, s.end, rule_people, lex)
            if org is not None:
                found.append(_mention(doc, "ORG", sentence, org[0], org[1], "ner"))
        elif s.type == "LOC":
            if is_person_not_place(sentence.text, s.start, s.end, lex):
                if not any(a < s.end and s.start < b for a, b in rule_people):
                    found.append(_mention(doc, "PERSON", sentence, s.start, s.end, "ner"))  # 歌手X, 据X介绍
                continue
            found.append(_mention(doc, "LOC", sentence, s.start, s.end, "ner"))
    return found


def _joined_names_whole(text: str, spans: list[Span], lex) -> list[Span]:
    """The model's spans with its transliterated names joined by · or - made whole (戈·马丁内斯 -> 迭戈·马丁内斯,
    洛佩斯才 -> 洛佩斯); a person span the whole name now holds is dropped (阿不都 in 阿不都热合曼·买买提)."""
    people = [(s.start, s.end) for s in spans if s.type == "PERSON"]
    out, changed = [], False
    for s in spans:
        if s.type == "PERSON":
            a, b = extended_joined_name(text, s.start, s.end, lex, people)
            if (a, b) != (s.start, s.end):
                s, changed = Span("PERSON", a, b, text[a:b]), True
        out.append(s)
    if not changed:
        return spans
    whole = [(s.start, s.end) for s in out if s.type == "PERSON"]
    return [s for s in out if not (s.type == "PERSON" and any(
        a <= s.start and s.end <= b and b - a > s.end - s.start for a, b in whole))]


def _transliterated_names_whole(text: str, spans: list[Span], lex) -> list[Span]:
    """The model's transliterated names cut inside a word made whole (苏亚 + 雷斯 -> 苏亚雷斯: see
    :func:`whole_transliterated_name`); a person span the whole name now covers is dropped."""
    out, grown = [], []
    for s in spans:
        if s.type == "PERSON":
            end = whole_transliterated_name(text, s.start, s.end, lex)
            if end != s.end:
                s = Span("PERSON", s.start, end, text[s.start:end])
                grown.append((s.start, end))
        out.append(s)
    if not grown:
        return spans
    return [s for s in out if not (s.type == "PERSON" and (s.start, s.end) not in grown and any(
        a <= s.start and s.end <= b or (a < s.end and s.start < b) for a, b in grown))]


def _repaired_people(text: str, spans: list[Span], lex) -> list[Span]:
    """The model's person spans with their left edge repaired (:func:`repaired_ner_name`: 上官 + 文博)."""
    out = []
    for s in spans:
        if s.type == "PERSON":
            a, b = repaired_ner_name(text, s.start, s.end, lex)
            if (a, b) != (s.start, s.end) and not any(t.type == "PERSON" and t is not s and t.start < b and a < t.end
                                                      for t in spans):
                s = Span("PERSON", a, b, text[a:b])
        out.append(s)
    return out


def _name_runs_split(spans: list[Span], lex) -> list[Span]:
    """The model's person spans that run two or more names together (名单 lists without separators:
    宋平薄一波, 廖晖廖文海) as one span each: split where every piece is a name with a common surname."""
    out = []
    for s in spans:
        pieces = name_run_pieces(s.text, lex) if s.type == "PERSON" else None
        if pieces:
            pos = s.start
            for piece in pieces:
                out.append(Span("PERSON", pos, pos + len(piece), piece))
                pos += len(piece)
        else:
            out.append(s)
    return out


def _split_runs(people: list[tuple[int, int]], text: str, lex) -> list[tuple[int, int]]:
    """The rules' person spans with runs of names (廖晖廖文海（女）) split into one span a name."""
    out = []
    for a, b in people:
        pieces = name_run_pieces(text[a:b], lex)
        if not pieces:
            out.append((a, b))
            continue
        for piece in pieces:
            out.append((a, a + len(piece)))
            a += len(piece)
    return out


def _inside_title_of_work(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside 《…》 (a book, film, song, programme or game title)."""
    opening = text.rfind("《", 0, start)
    return opening >= 0 and "》" not in text[opening:start] and "》" in text[end:]


def _known_people_mentions(doc: Document, sentence: Sentence, mentions: list[Mention], lex) -> list[Mention]:
    """National leaders named alone (习近平在贺信中指出) where no other PERSON mention covers them."""
    spans = known_people_spans(sentence.text, lex)
    if not spans:  # most sentences: no scan of the mentions so far
        return []
    taken = [(m.start, m.end) for m in mentions if m.type == "PERSON" and m.sentence == sentence.index]
    found = []
    for a, b in spans:
        m = _mention(doc, "PERSON", sentence, a, b, "lexicon")
        if not any(x < m.end and m.start < y for x, y in taken):
            found.append(m)
    return found


def _later_mentions(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Later bare mentions of a person already named (孙爱军在讲话中指出), longer names first.

    Linear in the document: one automaton pass over each sentence finds every name, and a mention is
    checked against the person spans of its own sentence only (spans never cross sentences)."""
    import ahocorasick

    known = sorted({m.text for m in mentions if m.type == "PERSON" and len(m.text) >= 2}, key=len, reverse=True)
    if not known:
        return []
    rank = {name: i for i, name in enumerate(known)}
    automaton = ahocorasick.Automaton()
    for name in known:
        automaton.add_word(name, name)
    automaton.make_automaton()
    taken: dict[int, list[tuple[int, int]]] = {}
    organizations: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type == "PERSON":
            taken.setdefault(m.sentence, []).append((m.start, m.end))
        elif m.type == "ORG":  # 李宁旗下 after 李宁 was read as a person elsewhere: the brand is not repeated as one
            organizations.setdefault(m.sentence, []).append((m.start, m.end))
    found = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        here = taken.setdefault(sentence.index, [])
        blocked = organizations.get(sentence.index, [])
        # the order of the name-by-name scan this replaces: names longest first, then by position
        hits = sorted((rank[name], end + 1 - len(name), name) for end, name in automaton.iter(sentence.text))
        for _, pos, name in hits:
            m = _mention(doc, "PERSON", sentence, pos, pos + len(name), "coreference")
            if not any(a <= m.start < b for a, b in here) and not any(a < m.end and m.start < b for a, b in blocked):
                found.append(m)
                here.append((m.start, m.end))
    return found


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    # one mention per span: the rules' reading first, then the lexicon's, then the model's
    rank = {"rules": 0, "byline": 0, "lexicon": 1, "coreference": 2, "ner": 3}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.type, m.text, rank.get(m.source, 4))):
        key = (m.type, m.start, m.end, m.text)
        if key not in seen:
            seen.add(key)
            out.append(m)
    for i, m in enumerate(out, 1):
        m.mention_id = f"m{i}"
    return out


def _dedupe_offices(offices: list[Office]) -> list[Office]:
    seen, out = set(), []
    for o in sorted(offices, key=lambda o: o.start):  # stable: chain order within one person
        key = (o.person, o.org, o.title, o.start)
        if key not in seen:
            seen.add(key)
            out.append(o)
    # 法国总统希拉克…希拉克总统: a later mention with no organization written repeats the office named with it
    named = {(o.person, o.title, o.status) for o in out if o.org}
    return [o for o in out if o.org or (o.person, o.title, o.status) not in named]


def process_documents(docs: list[Document], engine: NerEngine) -> None:
    """Run every per-document stage over a batch (NER batched across the documents)."""
    ready = [d for d in docs if d.ok]
    for d in ready:
        stage_normalize(d)
        stage_segment(d)
    stage_ner(ready, engine)
    for d in ready:
        stage_rules(d)
        stage_biographies(d)


def stage_biographies(doc: Document) -> None:
    """needs rules; adds biographies and careers (see :func:`cnnews_ner.biographies.stage_biographies`)."""
    from .biographies import stage_biographies as read_records  # it imports this module's Mention and Office

    read_records(doc)
