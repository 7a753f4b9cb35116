"""Organizations: reading the organization written before a post, finding organs in
running text, inferring an article's city, and canonical (city-qualified) names."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .known_orgs import known_org_spans, listed_org_kind
from .lexicons import Lexicons, read_lines, read_tsv
from .names import is_cjk

MAX_ORG_LEN = 30
# An organization ending with nothing before it is no name (公司董事长, 该公司负责人).
GENERIC_ORG_NOUNS = frozenset({"公司", "集团", "集团公司", "有限公司", "银行", "分行", "支行", "大学", "学院", "学校",
                               "医院", "协会", "商会", "中心", "委员会", "村委会", "居委会", "街道", "社区", "报社",
                               "总公司", "分公司", "研究院", "研究所", "合作社", "政府", "法院",
                               "检察院", "管委会"})


# Nouns that, written alone before a post, refer to an organization named earlier in the article
# (公司党委书记、董事长甲 after the company's full name): resolved by the pipeline, dropped when nothing
# earlier fits. 本公司 in a résumé stays as written when the company is not named.
ANAPHORIC_ORG_NOUNS = frozenset({"公司", "集团", "本公司", "本集团", "该公司", "该集团", "本行", "该行", "该院",
                                 "该校", "本校", "该局", "该委", "该厂", "本厂"})


@dataclass(frozen=True)
class OrgSpan:
    start: int  # offsets in the text given to the parser
    end: int
    text: str
    kind: str


@lru_cache(maxsize=1)
def _lead_ins() -> list[tuple[str, bool]]:
    """(word, weak), longest first."""
    rows = [(w, strength == "weak") for w, strength in read_tsv("org_lead_ins.tsv")]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


@lru_cache(maxsize=1)
def _descriptive_words() -> dict[str, tuple[str, ...]]:
    """role -> words of data/descriptive_org_words.tsv, longest first (definite, indefinite, descriptor, head),
    and "determiner": the definite and indefinite words together."""
    roles: dict[str, list[str]] = {"definite": [], "indefinite": [], "descriptor": [], "head": []}
    for word, role in read_tsv("descriptive_org_words.tsv"):
        roles[role].append(word)
    roles["determiner"] = roles["definite"] + roles["indefinite"]
    return {role: tuple(sorted(words, key=len, reverse=True)) for role, words in roles.items()}


def descriptive_org(text: str) -> tuple[str, str] | None:
    """(reference, head) when ``text`` describes an organization without naming it, else None.

    ``text`` must be a determiner (optional), descriptors and a head noun, nothing else
    (data/descriptive_org_words.tsv): 这家A股上市公司 -> ("definite", "公司"), 一家民营上市公司 -> ("indefinite",
    "上市公司"), 上市公司 -> ("indefinite", "上市公司"); after an indefinite determiner, any few characters
    (一家鞋业公司), and fewer after 这家 / 那家 (这家汽车集团); a place may come first when a determiner follows it
    (深圳市一家科技公司). With no determiner, a descriptor of one character (大, 老)
    does not count (老店 in 某某剪刀老店). A bare head that is a generic organization noun (公司, 医院) is None: it
    refers to the article's organization (see ANAPHORIC_ORG_NOUNS)."""
    words = _descriptive_words()
    if "某某" in text:
        return None  # 浙江某某科技有限公司: a name left out, as court and police notices write one
    place = _place_prefix(text)
    if place and place < len(text):  # 深圳市一家科技公司: a place, then a description with its determiner
        described = descriptive_org(text[place:])
        determined = text.startswith(words["determiner"], place)
        return described if described and determined else None
    reference, rest = "indefinite", text
    for role in ("definite", "indefinite"):
        determiner = next((w for w in words[role] if text.startswith(w)), None)
        if determiner:
            reference, rest = role, text[len(determiner):]
            break
    else:
        determiner = None
    for head in words["head"]:
        if not rest.endswith(head):
            continue
        middle = rest[: len(rest) - len(head)]
        if not middle and not determiner and head in GENERIC_ORG_NOUNS:
            continue
        if _split_descriptors(middle, words["descriptor"], 1 if determiner else 2):
            return reference, head
        longest = INDEFINITE_MIDDLE if reference == "indefinite" else DEFINITE_MIDDLE if determiner in FIRM_DEMONSTRATIVES else -1
        if determiner and len(middle) <= longest and all(map(is_cjk, middle)):
            return reference, head  # 一家鞋业公司, 某物流公司, 这家汽车集团: after a determiner, a short description
    return None


INDEFINITE_MIDDLE = 6  # characters between an indefinite determiner and the head noun
DEFINITE_MIDDLE = 4  # the same after 这家 / 那家 (这家新能源车企); not after 此 (此次), 该 (该市某某集团)
FIRM_DEMONSTRATIVES = ("这家", "那家")


def described_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends a description opened by a determiner a few characters before it
    (某国有银行支行: the model's 银行支行 is no name)."""
    determiners = _descriptive_words()["determiner"]
    return any(text.startswith(determiners, k) and descriptive_org(text[k:end])
               for k in range(max(0, start - INDEFINITE_MIDDLE - 2), start))


def names_no_organization(org: str) -> bool:
    """Whether ``org`` only describes an organization with an indefinite determiner or none (一家上市公司,
    某公司, 深圳市一家科技公司): an office or career written with it has no organization."""
    described = descriptive_org(org) if org else None
    return described is not None and described[0] == "indefinite"


def _place_prefix(text: str) -> int:
    """The length of the longest city, county or province name (full or short) that starts ``text``, or 0."""
    from .lexicons import load

    lex = load()
    return next((n for n in range(min(8, len(text)), 1, -1)
                 if text[:n] in lex.cities or text[:n] in lex.counties or text[:n] in lex.provinces), 0)


def _split_descriptors(text: str, descriptors: tuple[str, ...], shortest: int) -> bool:
    """Whether ``text`` is a run of descriptors, each at least ``shortest`` characters long."""
    if not text:
        return True
    return any(text.startswith(w) and _split_descriptors(text[len(w):], descriptors, shortest)
               for w in descriptors if len(w) >= shortest)


NATIONAL_STARTS = ("中国", "中华", "全国", "国家", "中共", "中央", "国务院")


def starts_like_org(text: str, lex: Lexicons) -> bool:
    """市科技局, 山东省委, 中国人民银行: an administrative character, a place or a national prefix first."""
    if not text:
        return False
    if text[0] in "市省县区镇乡村" or text.startswith(NATIONAL_STARTS) or _standalone_pattern().match(text):
        return True  # 由|联大主席: a listed organization starts one too
    return any(text[:n] in lex.cities or text[:n] in lex.counties or text[:n] in lex.provinces
               or text[:n] in lex.countries for n in range(2, min(8, len(text)) + 1))  # 由|津巴布韦总统府


@lru_cache(maxsize=1)
def standalone_orgs() -> dict[str, str]:
    return {n: k for n, k in read_tsv("standalone_orgs.tsv")}


@lru_cache(maxsize=1)
def _standalone_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(standalone_orgs(), key=len, reverse=True)))


def _unit_cover(text: str, lex: Lexicons) -> list[tuple[int, int, str]]:
    """(start, end, unit) of organization units found in text."""
    out = []
    for end, (kind, word) in lex.words.iter_long(text):
        if kind == "unit":
            out.append((end - len(word) + 1, end + 1, word))
    return out


def is_party_committee(org: str) -> bool:
    """市委, 中共德州市委, 县委: a party committee at a level (not 发改委, a government commission)."""
    return len(org) >= 2 and org.endswith("委") and org[-2] in "市省县区州旗盟镇乡"


@lru_cache(maxsize=1)
def _body_departments() -> tuple[tuple[str, frozenset | None], ...]:
    """data/body_departments.tsv: (parent ending, its departments, or None for any bare unit), longest first."""
    rows = [(row[0], None if row[1] == "*" else frozenset(row[1].split(",")))
            for row in read_tsv("body_departments.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _parent_body_kind(name: str, lex: Lexicons) -> str | None:
    """县委办公室 -> party, 市人大常委会办公室 -> congress: a parent body's own office has the parent's kind."""
    for ending, departments in _body_departments():
        for unit in (departments or ()):
            parent = name[:-len(unit)]
            if name.endswith(unit) and parent.endswith(ending) and len(parent) > len(ending):
                return org_kind(parent, lex)
        if departments is None:
            for unit in ("办公室", "办公厅", "研究室"):  # 县委办公室: the committee's own office
                parent = name[:-len(unit)]
                if name.endswith(unit) and len(parent) >= 2 and is_party_committee(parent):
                    return "party"
    return None


@lru_cache(maxsize=1)
def _company_internal_units() -> tuple[str, ...]:
    return tuple(sorted(read_lines("company_internal_units.tsv"), key=len, reverse=True))


def enterprise_parent(name: str, lex: Lexicons) -> str | None:
    """山东华能电力股份有限公司财务部 -> 山东华能电力股份有限公司: the company (a name with an enterprise ending)
    a department of it (data/company_internal_units.tsv) is written after, or None."""
    if not name.endswith(_company_internal_units()):
        return None
    for k in range(len(name) - 1, 1, -1):
        parent, rest = name[:k], name[k:]
        found = lex.org_suffix(parent)
        if "党" in rest or "委" in rest:
            return None  # 公司党委组织部: a party body of the company keeps the party's kind
        if found and found[1] == "enterprise" and rest.endswith(_company_internal_units()) and (
                org_kind(parent, lex) == "enterprise"):
            return parent
    return None


def org_kind(name: str, lex: Lexicons) -> str:
    """The organization's kind (data/kinds.tsv): a listed organization's, else its last unit's or ending's;
    a country or its short form is foreign; "other" when nothing tells. A parent body's department has the
    parent's kind (县委办公室: party)."""
    if name in standalone_orgs():
        return standalone_orgs()[name]
    if name in lex.countries or name in country_short_forms():
        return "foreign"
    if enterprise_parent(name, lex):  # 某某电力股份有限公司财务部: a company's department is the company's kind
        return "enterprise"
    parent_kind = _parent_body_kind(name, lex)
    if parent_kind:
        return parent_kind
    listed = listed_org_kind(name)  # a listed brand or club (data/known_orgs.tsv): NBA -> social
    if listed:
        return listed
    for unit, kind in lex.org_units.items():
        if name.endswith(unit):
            return kind
    found = lex.org_suffix(name)
    if found:
        return found[1]
    return "other"


def _ends_as_org(text: str, lex: Lexicons) -> bool:
    if text in standalone_orgs():
        return True
    if lex.org_suffix(text):
        return True
    return any(end == len(text) for _, end, _ in _unit_cover(text, lex))


def parse_org_before(segment: str, lex: Lexicons, whole: bool = False) -> OrgSpan | None:
    """The organization that ends ``segment`` (the text right before a post).

    The organization starts after the last lead-in word (的, 由, 出席 ...) that is not
    inside a known unit, and must end like an organization (a unit such as 组织部 or an
    ending such as 有限公司). ``whole``: the organization must be the entire segment.
    """
    if not segment:
        return None
    protected = set()
    for a, b, _ in _unit_cover(segment, lex):
        protected.update(range(a, b))
    for suffix, _ in lex.org_suffixes:  # 有限公司 holds 有, which is also a lead-in
        if len(suffix) > 1:
            pos = segment.find(suffix)
            while pos >= 0:
                protected.update(range(pos, pos + len(suffix)))
                pos = segment.find(suffix, pos + 1)
    cut = 0
    for word, weak in _lead_ins():
        pos = segment.rfind(word)
        while pos >= 0 and (any(p in protected for p in range(pos, pos + len(word)))
                            or weak and not starts_like_org(segment[pos + len(word):], lex)):
            pos = segment.rfind(word, 0, pos)
        if pos >= 0:
            cut = max(cut, pos + len(word))
    # 曾任某国有银行支行: a description opened by a determiner holds its words (有 of 国有 is no lead-in here)
    determiners = _descriptive_words()["determiner"]
    cut = next((k for k in range(cut) if segment.startswith(determiners, k) and descriptive_org(segment[k:])), cut)
    described = descriptive_org(segment[cut:])
    if described:  # 这家上市公司: the one named before (the pipeline resolves it); 一家上市公司: none (it drops it)
        if whole and cut:
            return None
        return OrgSpan(cut, len(segment), segment[cut:], "anaphor" if described[0] == "definite" else "described")
    masked = _mask_name_parentheses(segment)
    non_cjk = [i for i in range(cut, len(segment)) if not is_cjk(masked[i])]
    if non_cjk:  # 11月6日讯新华社: an organization is written in characters only
        cut = non_cjk[-1] + 1
    latin = _latin_lead(segment, cut)  # TCL科技集团, OPPO公司: ...except a Latin name that starts it
    if whole and cut and not (latin == cut and cut < len(segment)):
        return None
    text = segment[cut - latin:]
    if len(text) < 2 or len(text) > MAX_ORG_LEN or not all(is_cjk(c) for c in masked[cut:]):
        return None
    if latin:
        if cut == len(segment) or not _ends_as_org(segment[cut:], lex) and segment[cut:] not in GENERIC_ORG_NOUNS:
            return None
        return OrgSpan(cut - latin, len(segment), text, org_kind(text, lex))
    if text in ANAPHORIC_ORG_NOUNS:
        return OrgSpan(cut, len(segment), text, "anaphor")  # 该公司: resolved to an earlier company by the pipeline
    if text[0] == "该" and text[1:] in GENERIC_ORG_NOUNS:
        return OrgSpan(cut, len(segment), text, "anaphor")
    if text in GENERIC_ORG_NOUNS:
        return OrgSpan(cut, len(segment), text, "anaphor")  # 研究所所长: the institute the article is about
    if not _ends_as_org(text, lex):
        return None
    return OrgSpan(cut, len(segment), text, org_kind(text, lex))


def _latin_lead(segment: str, cut: int) -> int:
    """The length of a Latin name (letters and digits, at least one letter: TCL, OPPO, 3M; one capital letter
    only before a generic noun: A公司) that ends at ``cut`` and starts the segment or follows a character that is
    no Latin letter, digit or dot; 0 when there is none."""
    i = cut
    while i > 0 and segment[i - 1].isascii() and segment[i - 1].isalnum():
        i -= 1
    run = segment[i:cut]
    if not any(c.isalpha() for c in run) or (i > 0 and segment[i - 1] in ".-_&'"):
        return 0
    if len(run) == 1 and not (run.isupper() and segment[cut:] in GENERIC_ORG_NOUNS):
        return 0  # A公司, B集团: a letter that stands for a company (placeholder_org); else a stray letter
    return cut - i


def placeholder_org(name: str) -> bool:
    """A公司, X集团: one capital letter for an organization the text does not name. A row of the mentions and
    offices tables as written, but no organization to look up across articles."""
    return len(name) > 1 and name[0].isascii() and name[0].isupper() and name[1:] in GENERIC_ORG_NOUNS


_NAME_PARENTHESES = re.compile(r"\(([\u4e00-\u9fff]{1,4})\)(?=[\u4e00-\u9fff])")


_NAME_DASH = re.compile(r"(?<=[\u4e00-\u9fff])[—–\-・·](?=[\u4e00-\u9fff])")


def _mask_name_parentheses(text: str) -> str:
    """江苏恒达机械(集团)有限公司, 芬兰—中国友好协会: parentheses inside a company name (集团, 控股, 中国)
    followed by more of the name, and a dash joining two names, are masked as CJK (same length, so offsets
    hold) for the checks that want characters only."""
    text = _NAME_DASH.sub("囗", text)
    return _NAME_PARENTHESES.sub(lambda m: "囗" + m.group(1) + "囗", text)


@lru_cache(maxsize=1)
def country_short_forms() -> dict[str, str]:
    return {short: full for short, full in read_tsv("country_short_forms.tsv")}


SHORT_FORM_LEADS = ("会见", "会晤", "和", "与", "同", "及", "由", "向", "对", "是", "、", "的", "据")


def place_before(segment: str, lex: Lexicons, short_forms: bool = False) -> OrgSpan | None:
    """A place that ends ``segment``: a Chinese division (山东省, 山东) or a country (美国, 以色列国); with
    ``short_forms``, also a country's short form (俄总统) that is the whole segment or follows a lead-in."""
    for length in range(min(8, len(segment)), 1, -1):
        cand = segment[-length:]
        if cand in lex.provinces or cand in lex.cities or cand in lex.counties:
            return OrgSpan(len(segment) - length, len(segment), cand, "government")
    for length in range(min(20, len(segment)), 1, -1):
        cand = segment[-length:]
        if cand in lex.countries:
            return OrgSpan(len(segment) - length, len(segment), cand, "foreign")
    if short_forms:
        for length in (2, 1):
            cand = segment[-length:]
            rest = segment[:-length]
            if len(segment) >= length and cand in country_short_forms() and (not rest or rest.endswith(SHORT_FORM_LEADS)):
                return OrgSpan(len(segment) - length, len(segment), cand, "foreign")
    return None


def find_orgs(text: str, lex: Lexicons) -> list[OrgSpan]:
    """Organs named in running text: a place or administrative prefix followed by units
    (市委, 德州市委, 市政府, 省委组织部, 市发改委), and standalone national organs (党中央)."""
    found = [OrgSpan(m.start(), m.end(), m.group(), standalone_orgs()[m.group()])
             for m in _standalone_pattern().finditer(text)]
    units = _unit_cover(text, lex)
    i = 0
    while i < len(units):
        start, end, unit = units[i]
        # extend over directly following units (市委 + 组织部)
        j = i
        while j + 1 < len(units) and units[j + 1][0] == end:
            j += 1
            end = units[j][1]
        prefix_start = _prefix_start(text, start, lex)
        if prefix_start is not None:
            name = text[prefix_start:end]
            found.append(OrgSpan(prefix_start, end, name, org_kind(name, lex)))
        i = j + 1
    found.extend(_place_companies(text, lex))
    # drop spans inside longer ones
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[OrgSpan] = []
    for org in found:
        if kept and org.start < kept[-1].end:
            continue
        kept.append(org)
    return kept


_COMPANY_AFTER_PLACE = re.compile(r"([\u4e00-\u9fff]{1,8}?)(集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|有限公司|集团)")


def _place_companies(text: str, lex: Lexicons) -> list[OrgSpan]:
    """Companies named after a place (山东种业集团, 潍坊亚星化学股份有限公司) in running text."""
    found = []
    for end, (_, place) in _place_matches(text, lex):
        start = end - len(place) + 1
        m = _COMPANY_AFTER_PLACE.match(text, end + 1)
        if not m or any(w in m.group(1) for w, weak in _lead_ins() if not weak) or "的" in m.group(1):
            continue
        found.append(OrgSpan(start, m.end(), text[start:m.end()], "enterprise"))
    return found


def _prefix_start(text: str, unit_start: int, lex: Lexicons) -> int | None:
    """Start of the administrative prefix ending at unit_start (市 / 省 / 德州市 / 武城县), or None."""
    best = None
    for length in range(min(12, unit_start), 0, -1):
        cand = text[unit_start - length:unit_start]
        if cand in lex.cities or cand in lex.counties or cand in lex.provinces:
            best = unit_start - length
            break
        if cand.endswith(("市", "县", "区", "省")) and (cand[:-1] in lex.cities or cand[:-1] in lex.counties
                                                      or cand[:-1] in lex.provinces):
            best = unit_start - length
            break
    if best is not None:
        # 山东省德州市委: take the whole chain of places
        outer = _prefix_start(text, best, lex) if best > 0 else None
        return outer if outer is not None else best
    if unit_start >= 1 and text[unit_start - 1] in "市省县区镇乡":
        if unit_start >= 2 and text[unit_start - 2:unit_start] == "中共":
            return unit_start - 2
        return unit_start - 1
    return None


@lru_cache(maxsize=1)
def _team_endings() -> tuple[str, ...]:
    return tuple(read_lines("team_endings.tsv"))


def _names_a_team(text: str, after: int) -> bool:
    """Whether the place ending before ``after`` starts a club or team's name (data/team_endings.tsv: 广州队;
    not 队伍, 队员 of a place's own people)."""
    return any(text.startswith(w, after) for w in _team_endings()) and not text.startswith(("队伍", "队员"), after)


DIVISION_SUFFIXES = "省市县区旗州盟镇乡"


@lru_cache(maxsize=1)
def _enterprise_endings() -> tuple[str, ...]:
    return tuple(row[0] for row in read_tsv("org_suffixes.tsv") if len(row) > 1 and row[1] == "enterprise")


def _short_county_misread(text: str, end: int, word: str, lex: Lexicons) -> bool:
    """Whether a county's short form (北辰 of 北辰区) is here something else: a company's trade name
    (北辰集团, 北辰公司: an enterprise ending of data/org_suffixes.tsv right after it) or another place of
    that name with a suffix of its own (江城市 is no 江城区)."""
    if word not in lex.counties or word in lex.cities or word[-1] in DIVISION_SUFFIXES:
        return False
    full = lex.county_full.get(word, "")
    after = text[end + 1:end + 2]
    if after and after in DIVISION_SUFFIXES and word + after != full:
        return True
    return any(text.startswith(w, end + 1) for w in _enterprise_endings())


def _not_a_place_here(text: str, end: int, word: str, lex: Lexicons, clubs=()) -> bool:
    """Whether the place name ``word`` ending at ``end`` is part of a team's or company's name or of another
    place's, so that it says nothing of where the article is. ``clubs``: (start, end) of the listed clubs and
    teams in ``text`` (:func:`_club_spans`: 北京国安 plays away as often as at home)."""
    start = end + 1 - len(word)
    return (_names_a_team(text, end + 1) or _short_county_misread(text, end, word, lex)
            or any(a <= start and end < b for a, b in clubs))


def _club_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clubs, teams and leagues of data/known_orgs.tsv (kind social) found in ``text``."""
    return [(o.start, o.end) for o in known_org_spans(text) if o.kind == "social"]


def infer_city(text: str, lex: Lexicons) -> tuple[str, str]:
    """(city, newspaper) of an article: the newspaper's city when one is named
    (德州日报, 聊城日报全媒体记者), else the prefecture-level city its places point to most."""
    paper = ""
    votes: Counter = Counter()
    for m in re.finditer(r"([\u4e00-\u9fff]{2,4}?)(日报社|日报|晚报|新闻网|广播电视台|电视台|融媒体中心)", text):
        city = lex.cities.get(m.group(1))
        if city:
            votes[city] += 5
        if city or m.group(1) in lex.provinces:  # 湖南日报: a provincial paper names no city
            paper = paper or m.group(1) + m.group(2)
    clubs = _club_spans(text)
    for end, (kind, word) in _place_matches(text, lex):
        if _not_a_place_here(text, end, word, lex, clubs):
            continue  # 广州队队长甲, 北辰集团董事长甲: a club's or a company's place is not the article's
        if word in lex.cities:
            votes[lex.cities[word]] += 1
        elif word in lex.counties and len(word) >= 2:
            votes[lex.counties[word]] += 0.5
    if not votes:
        return "", paper
    city, _ = max(sorted(votes.items()), key=lambda kv: kv[1])
    return city, paper


def infer_county(text: str, city: str, lex: Lexicons) -> str:
    """The county-level division an article is about (东平县), or "": the county of ``city`` named most
    often, at least twice and more often than any other county of it (a city's article names many)."""
    votes: Counter = Counter()
    clubs = _club_spans(text)
    for end, (kind, word) in _place_matches(text, lex):
        if _not_a_place_here(text, end, word, lex, clubs):
            continue
        full = lex.county_full.get(word)
        if full and len(word) >= 2 and (not city or lex.counties.get(word) == city):
            votes[full] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ""
    return ranked[0][0]


JURISDICTION_POSTS = {"市长": "city", "县长": "county", "区长": "county"}


def jurisdiction_of(title: str, city: str, county: str) -> str:
    """The place a post without an organization carries (市长 -> the article's city; 县长 -> its county)."""
    for post, level in JURISDICTION_POSTS.items():
        if title.endswith(post) and "助理" not in title:
            if level == "city":
                return city
            if county.endswith(post[0]):
                return county
    return ""


@lru_cache(maxsize=1)
def _place_automaton():
    import ahocorasick

    from .lexicons import load

    lex = load()
    auto = ahocorasick.Automaton()
    for name in set(lex.cities) | set(lex.counties) | set(lex.provinces):
        if len(name) >= 2:
            auto.add_word(name, ("place", name))
    auto.make_automaton()
    return auto


def _place_matches(text: str, lex: Lexicons):
    return _place_automaton().iter_long(text)


def resolve_anaphor(org: str, earlier_orgs: list[str]) -> str | None:
    """该公司 / 公司 / 本集团 -> the last organization before it whose name holds the noun near its end
    (潍坊富源增压器有限公司; 集团 in 山东种业集团有限公司), or None."""
    described = descriptive_org(org)
    if described and described[1] in COMPANY_HEADS:  # 这家龙头企业, 该央企 -> the last company, whatever its ending
        from .lexicons import load

        lex = load()
        return next((name for name in reversed(earlier_orgs) if name not in ANAPHORIC_ORG_NOUNS
                     and not descriptive_org(name) and org_kind(name, lex) == "enterprise"), None)
    if described:  # 这家银行 -> the last bank
        noun = next((t for t in ANAPHOR_NOUNS if described[1].endswith(t)), described[1])
    else:
        noun = org[1:] if org[0] in "该本" else org
    for name in reversed(earlier_orgs):
        tail = name[name.rfind(noun):] if noun in name[-len(noun) - 6:] else ""
        # the name must end with the noun or an ending that holds it (集团有限公司), not run on (…公司第五届董事会)
        if tail and (tail == noun or tail in ANAPHOR_TAILS) and name != noun and name not in ANAPHORIC_ORG_NOUNS:
            return name
    return None


# the heads of described companies (这家上市公司, 该央企): they refer back to the last enterprise named
COMPANY_HEADS = frozenset({"公司", "上市公司", "企业", "集团", "券商", "基金公司", "平台", "央企", "国企", "民企", "外企",
                           "车企", "药企", "房企", "险企", "巨头"})
# the noun that another described organization's head refers back with (这家三甲医院 -> …医院)
ANAPHOR_NOUNS = ("银行", "医院", "大学", "学校")

ANAPHOR_TAILS = frozenset({"公司", "集团", "集团公司", "集团有限公司", "集团股份有限公司", "公司有限公司", "行",
                           "银行", "分行", "支行", "院", "校", "局", "委", "厂"})


def place_qualified(org: str, orgs_in_doc: list[str], lex: Lexicons) -> str | None:
    """高新区 -> 潍坊高新区: an organization written elsewhere in the article with a place before it. Not for
    organizations that start with a level (市农业农村局): the article's jurisdiction qualifies those."""
    if org[0] in "市省县区镇乡村" or starts_like_org(org, lex):
        return None
    for name in orgs_in_doc:
        if len(name) > len(org) and name.endswith(org):
            head = name[: -len(org)]
            if head in lex.cities or head in lex.counties or head in lex.provinces:
                return name
    return None


def canonical_org(org: str, city: str, newspaper: str = "", county: str = "") -> str:
    """Qualified with the article's jurisdiction at the organization's level: 市科技局 in a Weifang article is
    潍坊市科技局, 县委 in an article about 东平县 is 东平县委; 本报 is the newspaper."""
    if org.startswith("本报"):
        return newspaper + org[2:] if newspaper else org
    if city and org.startswith("市") and not org.startswith(city):
        return city + org[1:]
    if county and org[:1] in "县区" and county.endswith(org[0]):
        return county + org[1:]
    return org


def expand_abbreviations(name: str, lex: Lexicons) -> str:
    """The full name (市人社局 -> 市人力资源和社会保障局), used to merge spellings of one organization."""
    for abbr in sorted(lex.abbreviations, key=len, reverse=True):
        if name.endswith(abbr):
            return name[: -len(abbr)] + lex.abbreviations[abbr]
    return name
