"""Rule stage for official posts: title chains, bylines and credits.

Works on one normalized sentence at a time and returns offices with sentence
offsets. Patterns (each has a unit test with the sentence that motivated it):

* ``ORG? POST (、ORG? POST)* NAME``: 市科技局党组书记、局长井为民 gives two offices of
  市科技局; a new organization starts a new office (市委组织部副部长、市人社局局长郭洪霞).
* bylines and credits: 记者王志强张志宁邓静, 通讯员 A B, 责任编辑:刘小丽.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lattice import FUSED_UNITS, Lattice, _PostMatch, build_lattice, find_posts
from .lexicons import Lexicons, Post, read_lines, read_tsv
from .lexicons import load as lexicons_load
from .names import (_common_word, _word_ends_at, _word_starts_at, boundary_at, is_cjk, is_plausible_name, name_at,
                    split_name_run)
from .orgs import (ANAPHORIC_ORG_NOUNS, _body_departments, is_party_committee, GENERIC_ORG_NOUNS, OrgSpan, enterprise_parent, org_kind, parse_org_before, place_before,
                   starts_like_org)

CHAIN_JOINERS = ("、", "兼")
LIST_MARKERS = ("市领导", "省领导", "县领导", "区领导", "领导同志")  # 市领导A、B、C出席
DELIMITERS = set(" \t\n,.;:!?()[]\"'<>，。；：！？、（）【】《》“”‘’「」『』□■●◆·-—")


@dataclass(frozen=True)
class SentenceOffice:
    person: str
    person_start: int
    person_end: int
    title: str
    org: str
    org_start: int  # -1 when the office has no organization written
    org_end: int
    qualifier: str
    kind: str
    byline: bool
    status: str = "current"  # current / acting / former / proposed
    rule: str = "chain"  # the office pattern that produced the row (data/office_patterns.tsv)
    title_start: int = -1  # the post as written, sentence offsets; -1 when not contiguous
    title_end: int = -1


@dataclass(frozen=True)
class _ChainLink:
    """One post of a title chain, with the organization it was read with (or inherited)."""

    match: "_PostMatch"
    org: str
    org_start: int
    org_end: int
    qualifier: str
    post: Post  # the post held: 副书记 becomes 党委副书记 when the party body was written with the unit
    status: str = "current"
    rule: str = "chain"
    holds: bool = True  # False for a post of a post (省委书记秘书): the holder is named, the office is not


# 主管经济事务的副总理, 分管日常工作的副部长: a clause that qualifies the post
QUALIFYING_CLAUSE = re.compile(r"(?:分管|主管|负责|协助|联系)[\u4e00-\u9fff、]{1,12}的$")


HEAD_COUNT = re.compile(r"(?<=的)[两三四五六七八九十几数多]+(?:名|位)$")
NATIONALITY = re.compile(r"([\u4e00-\u9fff]{2,6})籍$")  # 巴西籍教练: the holder's nationality


def _strip_qualifier(text: str, end: int, lex: Lexicons) -> tuple[int, str]:
    """(new end, qualifier) when a qualifier is written right before ``end``."""
    for q in lex.qualifiers:
        if text.endswith(q, 0, end):
            return end - len(q), q
    m = HEAD_COUNT.search(text, max(0, end - 6), end)
    if m:
        return m.start(), ""  # 委员会的两名委员甲、乙: a head count is no part of the organization
    m = NATIONALITY.search(text, max(0, end - 7), end)
    if m:
        place = next((m.group(1)[k:] for k in range(len(m.group(1)) - 1) if m.group(1)[k:] in lex.countries), None)
        if place:
            return end - len(place) - 1, place + "籍"
    m = QUALIFYING_CLAUSE.search(text, max(0, end - 16), end)
    if m:
        return m.start(), m.group()
    return end, ""


PARTY_BODIES = ("党工委", "党委", "党组", "党总支", "党支部")


def _party_body_into_post(org, post: Post, lex: Lexicons):
    """中南大学党委 + 副书记 -> 中南大学 + 党委副书记: the party body belongs to the post, as in
    市科技局党组书记, so the organization is the unit itself."""
    for body in PARTY_BODIES:
        combined = lex.posts.get(body + post.title)
        if org.text.endswith(body) and len(org.text) - len(body) >= 2 and combined:
            return OrgSpan(org.start, org.end - len(body), org.text[: -len(body)], org.kind), combined
    return org, post


GRASSROOTS_LEVELS = "村镇乡"  # written alone before a party post: 村党支部书记, 镇党委书记


def _grassroots_level_before(segment: str, post: Post) -> OrgSpan | None:
    """村党支部书记张建国: at village, town and township level the party body is written after the bare level
    word, which is then the organization (the article names the place elsewhere)."""
    if not post.title.startswith(PARTY_BODIES) or not segment or segment[-1] not in GRASSROOTS_LEVELS:
        return None
    if len(segment) >= 2 and is_cjk(segment[-2]):
        return None  # 大王庄村 / 该村 are read by parse_org_before; anything else before the level is not ours
    return OrgSpan(len(segment) - 1, len(segment), segment[-1], "government")


def _strip_leading_qualifier(org, lex: Lexicons):
    """原市委 -> (市委, 原): a qualifier written before the organization. 原平市委 stays whole: what follows
    the qualifier must itself start like an organization (市 / 省 / 县 / 区 / a place)."""
    for q in lex.qualifiers:
        rest = org.text[len(q):]
        if org.text.startswith(q) and len(rest) >= 2 and starts_like_org(rest, lex):
            return OrgSpan(org.start + len(q), org.end, rest, org.kind), q
    return org, ""


DATELINE_BEFORE_MARK = "日报"  # 11月6日讯, 11月6日电, 本报讯: the character before a dateline's mark


def _byline_medium(link: _ChainLink) -> _ChainLink:
    """本报北京11月6日讯新华社记者: the medium is what follows the dateline's 讯 / 电."""
    for mark in ("讯", "电"):
        pos = link.org.rfind(mark)
        while pos > 0 and link.org[pos - 1] not in DATELINE_BEFORE_MARK:
            pos = link.org.rfind(mark, 0, pos)  # 电 of 电视台, 广播电台 is no dateline's
        if pos > 0:
            rest = link.org[pos + 1:]
            if not rest:
                return replace(link, org="", org_start=-1, org_end=-1)
            return replace(link, org=rest, org_start=link.org_start + pos + 1)
    return link


def _segment_start(text: str, end: int, floor: int) -> int:
    """Start of the clause that ends at ``end``: after the last delimiter, where parentheses inside a company
    name (江苏恒达机械(集团)有限公司) are no delimiter."""
    i = end
    while i > floor:
        if text[i - 1] == ")" and i < len(text) and is_cjk(text[i]):
            opening = text.rfind("(", floor, i - 1)
            inside = text[opening + 1:i - 1] if opening >= 0 else ""
            if 1 <= len(inside) <= 4 and all(is_cjk(c) for c in inside):
                i = opening
                continue
        if (text[i - 1] in "—–-・·" and i >= 2 and is_cjk(text[i - 2]) and i < len(text) and is_cjk(text[i])
                and i - 1 > floor):
            i -= 1  # 芬兰—中国友好协会: a dash joining two names inside one organization
            continue
        if text[i - 1] in DELIMITERS:
            break
        i -= 1
    return i


def _byline_names(text: str, start: int, lex: Lexicons, ner_ends) -> list[tuple[int, int]]:
    """Names after a byline role: space-separated (王贺 王志强), run together (王志强张志宁邓静), after a colon."""
    i = start
    if i < len(text) and text[i] in ":：":
        i += 1
    names: list[tuple[int, int]] = []
    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        j = i
        while j < len(text) and is_cjk(text[j]):
            j += 1
        run = text[i:j]
        if not run or (run[0] in PREPOSITIONS and not (ner_ends and i in ner_ends)):
            break  # 会见编辑记者和职工代表: 和 joins words, it starts no name
        # 记者王志强摄: a word that ends the run (摄, 报道) is no part of a name
        for cut in range(max(1, len(run) - 2), len(run)):
            if boundary_at(run, cut, lex) and split_name_run(run[:cut], lex):
                j = i + cut
                run = run[:cut]
                break
        split = split_name_run(run, lex) if len(run) <= 12 else None
        if split:
            pos = i
            for piece in split:
                names.append((pos, pos + len(piece)))
                pos += len(piece)
            i = j
            if j < len(text) and text[j] == " ":
                continue
            break
        one = name_at(text, i, lex, ner_ends)
        if one:
            names.append(one)
        break
    return names


@dataclass
class SentenceRules:
    offices: list[SentenceOffice]
    persons: list[tuple[int, int]]  # every name the rules found, with or without an office
    titles: list[tuple[int, int]] = ()  # posts held or named next to a person (TITLE mentions)
    lattice: Lattice | None = None  # the candidate spans the offices were read from


def extract_offices(text: str, lex: Lexicons, ner_persons: list[tuple[int, int]] = (),
                    ner_orgs: list[tuple[int, int]] = (),
                    record_subject: tuple[int, int, str] | None = None,
                    open_pattern: "OfficePattern | None" = None) -> SentenceRules:
    """Offices and named people in one sentence, from the model's spans as (start, end) pairs: builds the
    sentence's lattice and reads it with :func:`read_offices`. ``ner_persons``: PERSON spans; ``ner_orgs``:
    ORG and LOC spans."""
    model = [("PERSON", a, b) for a, b in ner_persons] + [("ORG", a, b) for a, b in ner_orgs]
    return read_offices(build_lattice(text, lex, model, status_markers(lex)), lex, record_subject, open_pattern)


def status_markers(lex: Lexicons) -> dict[str, str]:
    """Words that mark a post's status (data/qualifiers.tsv): 原 -> former, 当选 -> proposed, 代 -> acting."""
    markers = {q: "former" for q in lex.former_qualifiers}
    markers.update({q: "proposed" for q in lex.proposed_qualifiers})
    markers.update({q: "acting" for q in ACTING_QUALIFIERS})
    return markers


# 市委书记(shū jì)甲, 苹果公司(Apple Inc.)首席执行官: a gloss in Latin letters (pinyin with tone marks, an
# English name) in parentheses right after a character
LATIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[^)]*[A-Za-z\u00c0-\u024f])[A-Za-z\u00c0-\u024f\u0300-\u036f .'\-&]{1,40}\)")


def _latin_glosses(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """The Latin glosses of ``text`` the patterns read through; a gloss that is itself a post (CEO) is kept."""
    return [(m.start(), m.end()) for m in LATIN_GLOSS.finditer(text) if not find_posts(m.group()[1:-1], lex)]


def read_offices(lattice: Lattice, lex: Lexicons, record_subject: tuple[int, int, str] | None = None,
                 open_pattern: "OfficePattern | None" = None) -> SentenceRules:
    """Offices and named people in one sentence (see :func:`_read_offices`). A parenthesized gloss in Latin
    letters (市委书记(shū jì)甲) is transparent: the sentence is read without it and every offset is mapped
    back to the text as written."""
    rules = _read_through_glosses(lattice, lex, record_subject, open_pattern)
    offices = [o if o.qualifier else replace(o, qualifier=_qualifier_in_title(o.title, lex)) for o in rules.offices]
    return replace(rules, offices=offices)


def _qualifier_in_title(title: str, lex: Lexicons) -> str:
    """常务副市长, 组织部常务副部长: a qualifier (data/qualifiers.tsv) the post's 副 form holds is the office's
    qualifier too (the title keeps it, as the post is written)."""
    return next((q for q in lex.qualifiers if q + "副" in title), "")


def _read_through_glosses(lattice: Lattice, lex: Lexicons, record_subject, open_pattern) -> SentenceRules:
    text = lattice.text
    glosses = _latin_glosses(text, lex)
    if not glosses:
        return _read_offices(lattice, lex, record_subject, open_pattern)
    kept = [i for i in range(len(text)) if not any(a <= i < b for a, b in glosses)]
    to_stripped = {}
    for j, i in enumerate(kept):
        to_stripped[i] = j
    stripped = "".join(text[i] for i in kept)

    def back_start(j: int) -> int:
        return kept[j] if 0 <= j < len(kept) else (len(text) if j == len(kept) else j)

    def back_end(j: int) -> int:
        return kept[j - 1] + 1 if 0 < j <= len(kept) else j

    ner = [(sp.label, to_stripped[sp.start], to_stripped[sp.end - 1] + 1) for sp in lattice.of("PERSON", "ORG", "LOC", source="ner")
           if sp.start in to_stripped and sp.end - 1 in to_stripped]
    inner = build_lattice(stripped, lex, ner, status_markers(lex))
    subject = record_subject
    if subject is not None and 0 <= subject[0] and subject[1] <= len(text) and subject[0] in to_stripped:
        subject = (to_stripped[subject[0]], to_stripped[subject[1] - 1] + 1, subject[2])
    rules = _read_offices(inner, lex, subject, open_pattern)

    def span(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < 0 else (back_start(a), back_end(b))

    offices = []
    for o in rules.offices:
        ps, pe = span(o.person_start, o.person_end)
        os_, oe = span(o.org_start, o.org_end)
        ts, te = span(o.title_start, o.title_end)
        offices.append(replace(o, person_start=ps, person_end=pe, org_start=os_, org_end=oe,
                               title_start=ts, title_end=te))
    return SentenceRules(offices, sorted({span(a, b) for a, b in rules.persons}),
                         sorted({span(a, b) for a, b in rules.titles}), lattice)


def _read_offices(lattice: Lattice, lex: Lexicons, record_subject: tuple[int, int, str] | None = None,
                  open_pattern: "OfficePattern | None" = None) -> SentenceRules:
    """Offices and named people in one sentence, read from its lattice (offsets are sentence offsets, end
    exclusive).

    The model's PERSON spans give name boundaries; its ORG and LOC spans give the start of an organization
    before a post (会见和联邦储备委员会主席: the model's 联邦储备委员会, not the lead-in 和) and organizations the
    lexicons do not know; POST spans anchor the patterns. Every office carries the pattern that produced it
    (``rule``, a name from data/office_patterns.tsv) and its ``status``: a chain opened by a former marker
    (原, 时任) is former as a whole. ``record_subject``: (start, end, name) of the name that opened a résumé
    record in an earlier sentence (offsets relative to this one); ``open_pattern``: a notice header's pattern
    (任命:) whose entries this sentence may hold."""
    text = lattice.text
    ner_persons = lattice.offsets("PERSON", source="ner")
    ner_orgs = lattice.offsets("ORG", "LOC", source="ner") + lattice.offsets("ORG", source="known")
    ner_ends = {a: b for a, b in ner_persons}
    posts = lattice.posts()
    offices: list[SentenceOffice] = []
    persons: list[tuple[int, int]] = []
    chain: list[_ChainLink] = []
    floor = 0
    inherit: tuple[_ChainLink, int] | None = None  # (last link, where a listed post may start) after a holder
    chain_status = "current"
    for k, pm in enumerate(posts):
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        rule = "chain"
        if chain:
            # continuing a chain: what lies between the joiner and this post must be an organization or nothing
            between = text[chain_joiner_end:end]
            marker = next((w for w in ("原", "前") if between.startswith(w) and len(between) > 2), "")
            start_of_org = chain_joiner_end + len(marker)  # 、前中国队副总教练: the marker opens this link
            org = _org_filling(text, start_of_org, end, pm, lex, ner_orgs) if between else None
            if between and org is None:
                chain = []
            elif marker:
                chain_status, org_bound_marker = "former", True
            elif org is not None and chain_status == "former" and org_bound_marker and not _former_marked(
                    text, chain_joiner_end, org.text):
                chain_status = "current"  # 印度前国防部长、社会主义党主席甲: 前 ends with its organization
            elif (org is None and not between and pm.post.self_contained and pm.post.kind == "foreign"
                  and chain_status == "former" and org_bound_marker):
                chain_status = "current"  # 泰国前总理、总理顾问甲 (原市委书记、市长乙 stays former as a whole)
            if marker and org is not None:
                org = replace(org, start=org.start + len(marker), end=org.end + len(marker))
        if not chain:
            chain_status, org_bound_marker = "current", False
            seg_start = _segment_start(text, end, floor)
            chain_after_verb = False
            if 0 < floor == seg_start:
                # 主任甲和柳湾村党支部书记乙: right after the last holder, 和 / 与 / 及 join two people
                seg_start += next((len(w) for w in ("以及", "和", "与", "及", "同") if text.startswith(w, seg_start)
                                   and end - seg_start > len(w) + 1), 0)
            segment = text[seg_start:end]
            honour = any(w in segment for w in _not_held_markers())
            org = _org_before(text, seg_start, end, lex, ner_orgs) or _grassroots_level_before(segment, pm.post)
            if org is None and not segment:
                org = _quoted_org_before(text, seg_start, lex)  # “旅行者集团”董事长
            if org is None and pm.post.self_contained:
                org = place_before(segment, lex, short_forms=True)  # 美国总统, 山东省长, 俄总统: the place
            if org is None and segment and end == pm.start:  # 老局长: a qualifier stands between, nothing fuses
                fused = _fused_org(text, seg_start, pm, lex, ner_orgs)
                if fused is not None and _plausible_fused(text, seg_start, fused[0], lex, ner_persons, ner_orgs):
                    org, pm = _assistant_of_fused(segment, *fused, lex)
            base = seg_start
            if org is not None:
                org, marker = _marker_inside_org(org, lex)
                qualifier = qualifier or marker
                org = _after_trigger(org)
            # 甲连任亚足联主席,乙…: a chain a verb gives to the name before it does not run on over a comma
            chain_after_verb = any(text.endswith(t, 0, seg_start + (org.start if org else len(segment)))
                                   for t in _trigger_words())
            if org is not None and _former_marked(text, seg_start + org.start, org.text):
                chain_status = "former"  # 此案牵涉原沭阳县委书记, 陕西省原民政厅副厅长
                # 原 / 前 belong to one organization; 时任 / 当时的 frame the whole chain in time
                org_bound_marker = not any(len(q) > 1 and text.endswith(q, 0, seg_start + org.start)
                                           for q in _former_words())
            elif org is None and segment[:1] in "原前" and 2 <= len(segment) <= 5:
                chain_status, org_bound_marker = "former", True  # 前国防参谋长甲: no organization, still former
            before_org = text[seg_start:seg_start + org.start] if org is not None else segment
            if any(before_org.endswith(w + "的") and not before_org.endswith(FUTURE_MARKS, 0, len(before_org) - len(w) - 1)
                   for w in _former_modifiers()):  # 即将离任的甲: still in office
                chain_status, org_bound_marker = "former", False  # 被免职的局长甲, 昔日的县委书记乙
            post_of_a_post = not segment and seg_start > 0 and any(p.end == seg_start for p in posts)
            if (org is None and inherit and end == inherit[1] and inherit[0].org and not pm.post.self_contained
                    and not pm.post.byline):
                # 局长甲、副局长乙 / 副主任甲，秘书长乙: a listed post with no organization of its own
                rule = "list"
        else:
            base = chain_joiner_end
            post_of_a_post = False
        post = pm.post
        if rule == "list":
            link = _inherited(inherit[0], pm, qualifier, post, lex)
        elif org:
            org, leading = _strip_leading_qualifier(org, lex)
            qualifier = qualifier or leading
            org, post = _party_body_into_post(org, post, lex)
            org_text = org.text
            if chain and _composes_under(chain[-1].org, org.text, lex):
                org_text = chain[-1].org + org.text  # 市委常委、宣传部部长: the committee's department
            link = _ChainLink(pm, org_text, base + org.start, base + org.end, qualifier, post)
            if not chain and org.start == 0:
                for other in _coordinated_orgs(text, seg_start, floor, posts, lex, ner_orgs):
                    chain.append(_ChainLink(pm, other.text, other.start, other.end, qualifier, post,
                                            status=_link_status(qualifier, chain_status)))
        elif chain and not pm.post.self_contained:
            link = _inherited(chain[-1], pm, qualifier, post, lex)
        else:
            link = _ChainLink(pm, "", -1, -1, qualifier, post)
        if qualifier in lex.former_qualifiers:
            chain_status = "former"  # 原党组书记、局长: the marker opens the whole chain
            org_bound_marker = qualifier in ("原", "前")
        holds = not (post_of_a_post and len(chain) == 0)  # 省委书记秘书: the secretary of a post holds no office
        chain.append(replace(link, status=_link_status(qualifier, chain_status), rule=rule, holds=holds))
        inherit = None

        if pm.post.byline:
            link = _byline_medium(link)
            people = _byline_names(text, pm.end, lex, ner_ends)
            persons.extend(people)
            for a, b in people:
                offices.append(SentenceOffice(text[a:b], a, b, pm.post.title, link.org, link.org_start, link.org_end,
                                              qualifier, pm.post.kind, True, rule="byline",
                                              title_start=pm.start, title_end=pm.end))
            chain = []
            floor = people[-1][1] if people else pm.end
            continue
        person = name_at(text, pm.end, lex, ner_ends)
        if person and ner_ends.get(person[0]) != person[1] and any(b == end for _, b in ner_persons):
            person = None  # 克林顿总统明智地: the model's name before the post holds it, not the word after
        if person and ner_ends.get(person[0]) != person[1] and _common_word(text[person[0]:person[1]]):
            person = None  # 总统国防问题顾问: 国防 is a word, not a name the model missed
        if person and ner_ends.get(person[0], -1) < person[1] and not _word_ends_at(text, person[1]):
            person = None  # 连长查哨发现: the name the rules read would end inside a word (发现)
        next_post = posts[k + 1] if k + 1 < len(posts) else None
        if person and not (next_post and next_post.start < person[1]):
            persons.append(person)
            for c in chain:
                if not _names_an_office(c, lex) or honour:
                    continue  # 优秀县委书记X: an honour
                offices.append(_historical(_office_of(text, person, c), lex))
            shared = [] if honour else _names_sharing_deputy_post(text, person[1], chain[-1], next_post, lex, ner_ends)
            for a, b in shared:
                persons.append((a, b))
                offices.append(replace(_office_of(text, (a, b), chain[-1]), rule="shared-deputy"))
            last_end = shared[-1][1] if shared else person[1]
            if not honour and last_end < len(text) and text[last_end] in "、,":
                inherit = (chain[-1], last_end + 1)
            chain = []
            floor = last_end
            continue
        after = pm.end
        if after < len(text) and (text[after] in CHAIN_JOINERS or
                                  text[after] == "," and not chain_after_verb
                                  and _org_then_post(text, after + 1, next_post, lex)):
            chain_joiner_end = after + 1
        else:
            chain = []
            if not (after < len(text) and is_cjk(text[after]) and next_post is not None
                    and _org_then_post(text, after, next_post, lex)):
                floor = pm.end  # 菲律宾总统廉政委员会主席: a post that runs into an organization names it
    for marker in LIST_MARKERS:
        pos = text.find(marker)
        while pos >= 0:
            persons.extend(name_list_after(text, pos + len(marker), lex, ner_ends))
            pos = text.find(marker, pos + 1)
    taken = {(o.title_start, o.person_start) for o in offices}
    apposed, apposed_names = apposition_offices(text, posts, lex, ner_persons, {o.title_start for o in offices},
                                                ner_orgs)
    later = (pattern_offices(text, posts, lex, ner_persons, record_subject, open_pattern)
             + parenthesised_offices(text, posts, lex, ner_persons) + capacity_offices(text, posts, lex, ner_persons))
    later = [o for o in later + apposed if (o.title_start, o.person_start) not in taken]
    offices.extend(later)
    persons.extend((o.person_start, o.person_end) for o in later if o.person_start >= 0)
    persons.extend(apposed_names)
    persons.extend(comrade_names(text, lex, ner_persons))
    persons.extend(names_listed_before_leaders(text, lex, ner_persons))
    persons.extend(names_before_posts(text, posts, lex))
    persons.extend(speaker_names(text, posts, lex, ner_ends))
    opening = _record_subject(text, lex, ner_persons)
    if opening is not None:
        persons.append(opening)  # 盛某某，男，1968年生: the name opening a résumé record, office or not
    offices = _later_status(text, offices, set(persons) | set(ner_persons))
    offices = [_historical(o, lex) for o in _historical_body(text, _historical_frame(text, offices))]  # every pattern's rows
    people = set(persons) | set(ner_persons)
    starts, ends = {a for a, _ in people}, {b for _, b in people}
    titles = [(pm.start, pm.end) for pm in posts if not pm.post.byline and (
        pm.end in starts or pm.start in ends or _strip_qualifier(text, pm.start, lex)[0] in ends)]
    titles += [(o.title_start, o.title_end) for o in offices if o.title_start >= 0]
    return SentenceRules(offices, sorted(set(persons)), sorted(set(titles)), lattice)


STATUSES = ("current", "acting", "former", "proposed")


@lru_cache(maxsize=1)
def _later_status_markers() -> tuple[tuple[str, str], ...]:
    return tuple((word, status) for word, status in read_tsv("later_status_markers.tsv"))


def _coordinated_orgs(text: str, seg_start: int, floor: int, posts, lex: Lexicons, ner_orgs=()) -> list[OrgSpan]:
    """中共中央台湾工作办公室、国务院台湾事务办公室主任甲: organizations joined by 、 before the one written
    with the post share it. Each must be a whole organization with no post of its own. Offsets absolute."""
    found = []
    end = seg_start
    while end >= 2 and text[end - 1] == "、":
        start = _segment_start(text, end - 1, floor)
        if start >= end - 1 or any(start <= p.start < end for p in posts):
            break
        org = parse_org_before(text[start:end - 1], lex, whole=True)
        if org is None and _ner_chain_start(ner_orgs, end - 1, start) == start:
            org = _model_org(text[start:end - 1], lex)
        if org is None or org.kind == "anaphor":
            break
        found.insert(0, OrgSpan(start + org.start, start + org.end, org.text, org.kind))
        end = start
    return found


FUTURE_OR_REFUSED = ("将", "拟", "准备", "打算", "有意", "拒绝", "不会")  # 将辞职, 拒绝辞职: still in office


def _later_status(text: str, offices: list[SentenceOffice], people=()) -> list[SentenceOffice]:
    """副局长甲…被免除行政职务 / …夺走了她的生命: a removal or a death later in the sentence makes the posts of
    its only office holder former (data/later_status_markers.tsv), unless another person is named between
    the holder and the marker (甲外长对乙逝世表示哀悼: 乙 died). ``people``: every person span."""
    holders = {o.person_start for o in offices if not o.byline}
    if len(holders) != 1:
        return offices
    holder_end = max(o.person_end for o in offices if not o.byline)
    found = [(_word_find(text, word, holder_end), st) for word, st in _later_status_markers()]
    found = sorted((pos, st) for pos, st in found if pos >= 0 and not text.endswith(FUTURE_OR_REFUSED, 0, pos))
    if not found or any(holder_end <= a < found[0][0] for a, _ in people):
        return offices
    status = found[0][1]
    return [replace(o, status=status) if not o.byline and o.status == "current" else o for o in offices]
def _word_find(text: str, word: str, start: int) -> int:
    """The first place from ``start`` where ``word`` is written as a word of its own (牺牲, not 牺牲品), or -1."""
    pos = text.find(word, start)
    while pos >= 0 and not _word_ends_at(text, pos + len(word)):
        pos = text.find(word, pos + 1)
    return pos


ACTING_QUALIFIERS = ("代", "代理")


def _link_status(qualifier: str, chain_status: str) -> str:
    if chain_status != "current":
        return chain_status
    if qualifier in lexicons_load().proposed_qualifiers:
        return "proposed"  # 当选总统甲: not yet in office
    return "acting" if qualifier in ACTING_QUALIFIERS else "current"




def _fused_org(text: str, seg_start: int, pm: "_PostMatch", lex: Lexicons, ner_orgs=()):
    """美国财政部长: the post 部长 shares its first character with the organization (美国财政部). Returns
    (organization, post match) with the organization running one character into the post, or None."""
    title = pm.post.title
    if title[0] not in FUSED_UNITS:
        return None
    if len(title) == 2 and title[1] == "长":
        post = pm  # 财政部长: the organization ends with 部, the post stays 部长
    elif title[1:] in lex.posts:
        post = _PostMatch(pm.start + 1, pm.end, lex.posts[title[1:]])  # 财政经济部长官: 财政经济部 + 长官
    else:
        return None
    org = _org_before(text, seg_start, pm.start + 1, lex, ner_orgs)
    if org is None or len(org.text) < 3 or org.end != pm.start + 1 - seg_start:
        return None
    return org, post


MAX_FUSED_ORG = 8


def _plausible_fused(text: str, seg_start: int, org: OrgSpan, lex: Lexicons, ner_persons=(), ner_orgs=()) -> bool:
    """A fused organization (石广生部长 -> 石广生部?) is none when a person's name lies in it, nor a long run of
    words that neither starts like an organization nor is the model's (在很大程度上要归功于厂长)."""
    a, b = seg_start + org.start, seg_start + org.end
    if any(x < b and a < y for x, y in ner_persons):
        return False
    return (len(org.text) <= MAX_FUSED_ORG or starts_like_org(org.text, lex)
            or _ner_chain_start(ner_orgs, b - 1, a) == a or _ner_chain_start(ner_orgs, b, a) == a)


ASSISTANT = "助理"


def _assistant_of_fused(segment: str, org: OrgSpan, pm: "_PostMatch", lex: Lexicons):
    """美国助理国防部长: 助理 written before a fused organization belongs to the post (助理部长), and the place
    before it to the organization (美国国防部, its offsets on the written 国防部)."""
    if not segment.endswith(ASSISTANT, 0, org.start):
        return org, pm
    post = Post(ASSISTANT + pm.post.title, pm.post.kind, pm.post.self_contained, False)
    place = place_before(segment[:org.start - len(ASSISTANT)], lex, short_forms=True)
    name = (place.text if place is not None else "") + org.text
    return OrgSpan(org.start, org.end, name, org.kind), _PostMatch(pm.start, pm.end, post)


MARKER_INSIDE_ORG = re.compile(r"(?<=[省市县区州])[原前](?=[\u4e00-\u9fff]{2})")


def _marker_inside_org(org: OrgSpan, lex: Lexicons) -> tuple[OrgSpan, str]:
    """陕西省原民政厅, 印度前国防部: a former marker after the place is no part of the organization (陕西省民政厅,
    its offsets on the part written after the marker); the marker is the office's qualifier."""
    m = MARKER_INSIDE_ORG.search(org.text)
    cut = m.start() if m else next((i for i, ch in enumerate(org.text) if ch in "原前" and 2 <= i <= len(org.text) - 3
                                     and org.text[:i] in lex.countries), None)
    if cut is None or not _word_starts_at(org.text, cut + 1):
        return org, ""  # 市前进路街道办事处, 县原种场: the character starts a word, it is no marker
    name = org.text[:cut] + org.text[cut + 1:]
    return OrgSpan(org.start + cut + 1, org.end, name, org_kind(name, lex)), org.text[cut]


def _office_of(text: str, person: tuple[int, int], link: "_ChainLink") -> SentenceOffice:
    a, b = person
    return SentenceOffice(text[a:b], a, b, link.post.title, link.org, link.org_start, link.org_end, link.qualifier,
                          link.post.kind, False, status=link.status, rule=link.rule,
                          title_start=link.match.start, title_end=link.match.end)


def _is_party_committee(org: str) -> bool:
    """市委, 中共德州市委, 县委: a party committee, whose departments are written without it after 常委、."""
    return is_party_committee(org)


OWN_OFFICES = ("办公室", "办公厅", "研究室")  # 市委常委、办公室主任; 市委常委、公安局局长 is the city's bureau


def _composes_under(parent: str, unit: str, lex: Lexicons) -> bool:
    """市委常委、宣传部部长 / 市政府副秘书长、办公室主任: a bare unit after a post of a parent body is the
    parent's department (data/body_departments.tsv)."""
    if not parent or not _is_bare_unit(unit, lex):
        return False
    for ending, departments in _body_departments():
        if parent.endswith(ending) and len(parent) > len(ending):
            if departments is None:  # a party committee's own departments: party units and its offices
                return _is_party_committee(parent) and (lex.org_units.get(unit) == "party" or unit in OWN_OFFICES)
            return unit in departments
    return False


def _is_bare_unit(org: str, lex: Lexicons) -> bool:
    """宣传部, 政法委: a unit with no place or level before it."""
    return org in lex.org_units and not starts_like_org(org, lex)


def _names_an_office(link: _ChainLink, lex: Lexicons) -> bool:
    """A post its holder is named with is an office, with or without an organization written (副乡长王忠林);
    former posts (原市委书记X) are offices too, with status former. A post of a post (省委书记秘书) is none."""
    return link.holds


@lru_cache(maxsize=1)
def _historical_people() -> frozenset:
    return frozenset(read_lines("historical_people.tsv"))


def _historical(office: SentenceOffice, lex: Lexicons) -> SentenceOffice:
    """周恩来总理: the posts of people long dead (data/historical_people.tsv) are history."""
    if office.status == "current" and office.person in _historical_people():
        return replace(office, status="former")
    return office


CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
CLAUSE_OPENING = r"(?:^|(?<=[,;:。!?，；：！？]))(?:早在|在|于)?"
TIME_WORDS = r"[\d〇○零一二三四五六七八九十月日号春夏秋冬天季初底末中深晚早前后期上下半间时左右]{0,8}"
YEAR_FRAME = re.compile(CLAUSE_OPENING + r"(\d{4}|[〇○零一二三四五六七八九]{4})年" + TIME_WORDS + r"(?=[,;，；])")
DECADE_FRAME = re.compile(CLAUSE_OPENING + r"(?:上世纪|本世纪|20世纪|二十世纪)?(?:\d{2})?(?:(\d)0|([一二三四五六七八九])十)年代")
ANY_YEAR = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年")  # a later date ends the frame's reach
NOW_WORDS = ("现任", "现为", "如今", "目前", "现在", "今天", "今年", "现年", "至今")


@lru_cache(maxsize=1)
def _historical_frames() -> tuple[int, int, tuple[str, ...]]:
    """(last year, last decade, frame words) from data/historical_frames.tsv."""
    year, decade, words = 0, 0, []
    for row in read_tsv("historical_frames.tsv"):
        if row[0] == "year":
            year = int(row[1])
        elif row[0] == "decade":
            decade = int(row[1])
        else:
            words.append(row[0])
    return year, decade, tuple(words)


def historical_frame_end(text: str) -> int | None:
    """Where the first clause-opening frame that dates what follows as history ends (1941年10月，
    80年代后期，那时), or None (data/historical_frames.tsv)."""
    last_year, last_decade, words = _historical_frames()
    ends = []
    for m in YEAR_FRAME.finditer(text):
        year = int("".join(CN_DIGITS.get(c, c) for c in m.group(1)))
        if year <= last_year:
            ends.append(m.end())
    for m in DECADE_FRAME.finditer(text):
        digit = m.group(1) or CN_DIGITS[m.group(2)]
        if int(digit) * 10 <= last_decade:
            ends.append(m.end())
    for word in words:
        for m in re.finditer(CLAUSE_OPENING + re.escape(word), text):
            ends.append(m.end())
    return min(ends) if ends else None


def _historical_frame(text: str, offices: list[SentenceOffice]) -> list[SentenceOffice]:
    """1941年10月，甲出任内阁首相 / 80年代后期，欧盟委员会主席乙…: a clause-opening frame of long ago makes the
    current posts read after it former, unless a word of the present comes between (…，现任…)."""
    if not any(o.status == "current" and not o.byline for o in offices):
        return offices
    end = historical_frame_end(text)
    out = []
    for o in offices:
        first = min(x for x in (o.person_start, o.title_start) if x >= 0) if max(o.person_start, o.title_start) >= 0 else -1
        if (o.status == "current" and not o.byline and end is not None and first >= end
                and not any(w in text[end:first] for w in NOW_WORDS) and not ANY_YEAR.search(text, end, first)):
            o = replace(o, status="former")
        elif o.status == "current" and not o.byline and o.title_start >= 0 and _dated_appointment_before(text, o.title_start):
            o = replace(o, status="former")  # 甲1959年当选为副委员长: an appointment of long ago, in the post's clause
        out.append(o)
    return out


CLAUSE_END = "，。；：！？,;:!?"


@lru_cache(maxsize=1)
def _historical_bodies() -> tuple[str, ...]:
    return tuple(read_lines("historical_bodies.tsv"))


def _historical_body(text: str, offices: list[SentenceOffice]) -> list[SentenceOffice]:
    """德国法西斯“乌斯塔夏”军副司令官甲 / 苏联国防部长乙: a regime or body long gone (data/historical_bodies.tsv)
    written before the post in its clause makes the post former."""
    bodies = _historical_bodies()
    if not any(b in text for b in bodies):
        return offices
    out = []
    for o in offices:
        anchor = o.title_start if o.title_start >= 0 else o.org_start if o.org_start >= 0 else -1
        if o.status == "current" and not o.byline and anchor >= 0:
            clause_start = max(text.rfind(c, 0, anchor) for c in CLAUSE_END) + 1
            if any(b in text[clause_start:anchor] or (o.org and b in o.org) for b in bodies):
                o = replace(o, status="former")
        out.append(o)
    return out


DATED_APPOINTMENT = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})年" + TIME_WORDS
                               + r"(?:出任|担任|当选为|当选|就任|升任|接任|被任命为|被选为|任)")


CLAUSE_MARKS = ",;:。!?，；："  # commas, semicolons, colons and sentence ends, ASCII and full-width


def _clause_start(text: str, i: int) -> int:
    """Where the clause holding ``text[i]`` starts: after the last comma, semicolon, colon or sentence end."""
    return max(text.rfind(c, 0, i) for c in CLAUSE_MARKS) + 1


def _dated_appointment_before(text: str, title_start: int) -> bool:
    """Whether the post's clause dates its taking up to a year of long ago (甲1959年当选为副委员长, 1962年任厂长的乙):
    a year up to data/historical_frames.tsv's limit, time words, a verb of taking office, then the post with no
    comma between."""
    clause = _clause_start(text, title_start)
    last_year = _historical_frames()[0]
    for m in DATED_APPOINTMENT.finditer(text, clause, title_start):
        year = int("".join(CN_DIGITS.get(c, c) for c in m.group(1)))
        if year <= last_year and not any(w in text[m.end():title_start] for w in NOW_WORDS):
            return True
    return False


FUTURE_MARKS = ("即将", "行将", "将要", "将", "准备", "就要")


@lru_cache(maxsize=1)
def _former_modifiers() -> tuple[str, ...]:
    return tuple(read_lines("former_modifiers.tsv"))


@lru_cache(maxsize=1)
def _former_words() -> tuple[str, ...]:
    return tuple(row[0] for row in read_tsv("qualifiers.tsv") if row[1:] == ["former"])


FORMER_WORDS_WITH_YUAN = ("高原", "草原", "平原", "中原", "太原", "复原", "还原", "九原", "五原")


def _former_marked(text: str, org_start: int, org: str) -> bool:
    """A former marker right before the organization (时任县委, 牵涉原沭阳县委), or 原 / 前 after its place
    (陕西省原民政厅)."""
    if any(len(q) > 1 and text.endswith(q, 0, org_start) for q in _former_words()):
        return True
    if org_start >= 1 and text[org_start - 1] in "原前":
        word = text[max(0, org_start - 2):org_start]
        if text[org_start - 1] == "原" and word not in FORMER_WORDS_WITH_YUAN:
            return True
        if text[org_start - 1] == "前" and (org_start == 1 or not is_cjk(text[org_start - 2])
                                             or text[org_start - 2] in "的和与及是对由为向在"):
            return True
        lex = lexicons_load()  # 印度前国防部长: a country or province, then the marker
        if any(text[max(0, org_start - 1 - n):org_start - 1] in lex.countries
               or text[max(0, org_start - 1 - n):org_start - 1] in lex.provinces for n in range(2, 7)):
            return True
    m = re.search(r"[省市县区州](原|前)", org)
    if m and _word_starts_at(org, m.end()):  # not 市前进路街道
        return True
    lex = lexicons_load()  # 印度前国防部: a country, then the marker
    return any(ch in "原前" and (org[:i] in lex.countries or org[:i] in lex.provinces) for i, ch in enumerate(org))


def _ner_chain_start(ner_orgs, end: int, floor: int) -> int | None:
    """Start of the run of adjacent model ORG / LOC spans that ends at ``end`` (法国 + 中央银行), or None."""
    ends = {b: a for a, b in ner_orgs}
    if end not in ends:
        return None
    start = ends[end]
    while start in ends and ends[start] >= floor:
        start = ends[start]
    return start if start >= floor else None


def _org_filling(text: str, start: int, end: int, pm, lex: Lexicons, ner_orgs=()) -> OrgSpan | None:
    """The organization that is the whole of text[start:end] (between a chain's joiner and its next post):
    the lexicon's, the model's, or a fused one (兼国防部长: 国防部)."""
    org = parse_org_before(text[start:end], lex, whole=True)
    if org is None and _ner_chain_start(ner_orgs, end, start) == start:
        org = _model_org(text[start:end], lex)
    if org is None:
        fused = _fused_org(text, start, pm, lex, ner_orgs)
        if fused is not None and fused[0].start == 0:
            org = fused[0]
    return org


def _model_org(candidate: str, lex: Lexicons, rel: int = 0) -> OrgSpan | None:
    if (2 <= len(candidate) <= 30 and all(is_cjk(c) or (c.isascii() and c.isalnum()) for c in candidate)
            and candidate not in GENERIC_ORG_NOUNS and candidate not in ANAPHORIC_ORG_NOUNS):
        return OrgSpan(rel, rel + len(candidate), candidate, org_kind(candidate, lex))
    return None


GLOSS = re.compile(r"\(([\u4e00-\u9fff]{1,6})\)$")  # 巴勒斯坦委员会(议会)主席: a gloss after the name
QUOTED = re.compile(r"[“\"]([^“”\"]{2,20})[”\"]$")  # “旅行者集团”董事长


def _org_before(text: str, seg_start: int, end: int, lex: Lexicons, ner_orgs=()) -> OrgSpan | None:
    """The organization written right before a post, offsets relative to ``seg_start`` (see _org_reading);
    also through a gloss in parentheses (巴勒斯坦委员会(议会)), quotes (“旅行者集团”) and 的 (苏格兰队的教练)."""
    segment = text[seg_start:end]
    for pattern in (GLOSS, QUOTED):
        m = pattern.search(segment)
        if m:
            if pattern is QUOTED:
                inner = _org_before(text, seg_start + m.start() + 1, seg_start + m.end() - 1, lex, ner_orgs)
                inner = inner or _model_org(m.group(1), lex)
                return replace(inner, start=inner.start + m.start() + 1, end=inner.end + m.start() + 1) if inner else None
            return _org_before(text, seg_start, seg_start + m.start(), lex, ner_orgs)
    org = _org_reading(text, seg_start, end, lex, ner_orgs)
    if org is None and segment.endswith("的") and len(segment) >= 3:
        org = _org_reading(text, seg_start, end - 1, lex, ner_orgs)
    return org


def _org_reading(text: str, seg_start: int, end: int, lex: Lexicons, ner_orgs=()) -> OrgSpan | None:
    """The organization written right before a post (offsets relative to ``seg_start``): the lexicon's
    reading, started where the model's organization starts when lead-in words precede it (日电全国妇联 ->
    全国妇联), or the model's organization when the lexicons know none (海航, 欧米茄)."""
    segment = text[seg_start:end]
    org = parse_org_before(segment, lex)
    start = _ner_chain_start(ner_orgs, end, seg_start)
    if start is None or start >= end:
        return _after_former_marker(org)
    rel = start - seg_start
    if org is None:
        return _model_org(segment[rel:], lex, rel)
    removed = segment[org.start:rel]
    if org.start < rel and not _place_or_org(removed, lex):
        return OrgSpan(rel, org.end, segment[rel:org.end], org.kind)  # 北京大学特邀|国家体育总局
    return _after_former_marker(org)


def _place_or_org(text: str, lex: Lexicons) -> bool:
    """山东省, 中共, 市委: a place, a level or an organization that may stand before the model's organization
    as part of one name (山东省|公安厅), unlike a clause that ends in a verb (北京大学特邀)."""
    bare = text[:-1] if text[-1:] in "省市县区" else text
    return (text in "省市县区" or text in ("中共", "中国", "全国", "国家") or bare in lex.provinces
            or bare in lex.cities or bare in lex.counties or text in lex.countries or bool(lex.org_suffix(text))
            or any(text.endswith(u) for u in lex.org_units))


def _after_former_marker(org: OrgSpan | None) -> OrgSpan | None:
    """之所以对前军队: a former marker after a lead-in word inside what was read as the organization starts
    the organization after it (the marker itself is read by _former_marked)."""
    if org is None:
        return None
    m = re.search(r"[对由为向和与是的在](前|原)(?=[\u4e00-\u9fff]{2})", org.text)
    if m is None:
        return org
    cut = m.end()
    return OrgSpan(org.start + cut, org.end, org.text[cut:], org.kind)


def _quoted_org_before(text: str, seg_start: int, lex: Lexicons) -> OrgSpan | None:
    """“旅行者集团”董事长: an organization in quotes right before the post (offsets relative to ``seg_start``)."""
    if seg_start < 2 or text[seg_start - 1] not in "”\"":
        return None
    opening = max(text.rfind("“", 0, seg_start - 1), text.rfind("\"", 0, seg_start - 1))
    inner = text[opening + 1:seg_start - 1] if opening >= 0 else ""
    if not 2 <= len(inner) <= 20 or find_posts(inner, lex):
        return None
    org = parse_org_before(inner, lex, whole=True) or _model_org(inner, lex)
    if org is None or org.kind == "anaphor":
        return None
    return OrgSpan(opening + 1 - seg_start, seg_start - 1 - seg_start, org.text, org.kind)


WORDS_IN_NAMES = ("代理",)  # 广告代理公司: a trigger word that organization names hold


def _after_trigger(org: OrgSpan) -> OrgSpan:
    """甲连任省围棋协会: a verb of the office patterns inside what was read as the organization ends the words
    before it; the organization starts after the verb."""
    cut = max((org.text.rfind(t) + len(t) for t in _trigger_words() if t in org.text and t not in WORDS_IN_NAMES),
              default=0)
    rest = org.text[cut:]
    if cut == 0 or len(rest) < 2 or rest in GENERIC_ORG_NOUNS or rest in ANAPHORIC_ORG_NOUNS:
        return org
    return OrgSpan(org.start + cut, org.end, org.text[cut:], org.kind)


@lru_cache(maxsize=1)
def _trigger_words() -> tuple[str, ...]:
    return tuple(p.trigger for p in office_patterns() if p.shape == "NAME TRIGGER CHAIN" and len(p.trigger) > 1)


@lru_cache(maxsize=1)
def _shared_posts() -> frozenset:
    return frozenset(read_lines("shared_posts.tsv"))


def _names_sharing_deputy_post(text: str, end: int, link: _ChainLink, next_post, lex: Lexicons,
                               ner_ends) -> list[tuple[int, int]]:
    """副市长郑建忠、汤筱疏出席会议: names joined by 、 right after a deputy post's holder hold it too (a city has
    several deputy mayors). Only 副 posts: after 市委书记张三、 the next name is someone else. The list must not
    run into the next post (副市长A、市长助理B)."""
    if text.startswith("(", end) and 0 < text.find(")", end) - end <= MAX_GLOSS:
        end = text.find(")", end) + 1  # 委员甲(阿布·马希尔)、乙
    if (end >= len(text) or text[end] != "、" or not _names_an_office(link, lex)
            or not (link.post.title.startswith("副") or link.post.title in _shared_posts())):
        return []
    names = name_list_after(text, end + 1, lex, ner_ends)
    if next_post is not None:
        names = [(a, b) for a, b in names if b <= next_post.start]
    if not names or (next_post is not None and next_post.start == names[-1][1]):
        return []
    if not boundary_at(text, names[-1][1], lex) and not text.startswith("等", names[-1][1]):
        return []  # 副部长郑万通、全国工商联副主席: 全国工 ran into a word, no name
    return names


def _org_then_post(text: str, start: int, next_post, lex: Lexicons) -> bool:
    """市委组织部分管日常工作的副部长,市人社局党组书记、局长刘太福: after a comma, a chain goes on only
    when the next words are an organization and a post."""
    if next_post is None:
        return False
    end, _ = _strip_qualifier(text, next_post.start, lex)
    return end > start and parse_org_before(text[start:end], lex, whole=True) is not None


@lru_cache(maxsize=1)
def _not_held_markers() -> tuple[str, ...]:
    return tuple(read_lines("not_held_markers.tsv"))


@dataclass(frozen=True)
class OfficePattern:
    """One line of data/office_patterns.tsv: a named way of writing an office, its shape, the trigger word
    that anchors it ("-" for the built-in shapes) and the status of the posts it gives."""

    name: str
    shape: str
    trigger: str
    status: str


TRIGGER_SHAPES = ("NAME TRIGGER CHAIN", "TRIGGER NAME 为 CHAIN", "TRIGGER NAME 的 CHAIN 职务")
BUILT_IN_SHAPES = ("CHAIN NAME", "ORG? NAME POST", "CHAIN NAME 、 POST NAME", "CHAIN NAME 、 NAME", "NAME 以 CHAIN 身份",
                   "NAME ( CHAIN )", "BYLINE NAME+", "DATE—DATE CHAIN")


@lru_cache(maxsize=1)
def office_patterns() -> tuple[OfficePattern, ...]:
    """The office patterns, validated. Raises ValueError naming the line of an unknown shape or status."""
    patterns = []
    for row in read_tsv("office_patterns.tsv"):
        name, shape, trigger, status = (row + ["", "", ""])[:4]
        if shape not in TRIGGER_SHAPES + BUILT_IN_SHAPES or status not in STATUSES:
            raise ValueError(f"office_patterns.tsv: unknown shape or status in {chr(9).join(row)!r}")
        patterns.append(OfficePattern(name, shape, trigger, status))
    return tuple(patterns)


def _trigger_matches(text: str, posts) -> list[tuple[int, int, OfficePattern]]:
    """Trigger words of the data patterns in the sentence: the longest at each place, none inside a post
    (主任 holds 任) or inside a longer trigger (曾担任 holds 担任)."""
    found = []
    for p in office_patterns():
        if p.trigger == "-":
            continue
        pos = text.find(p.trigger)
        while pos >= 0:
            found.append((pos, pos + len(p.trigger), p))
            pos = text.find(p.trigger, pos + 1)
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, OfficePattern]] = []
    for a, b, p in found:
        if any(x < b and a < y for x, y, _ in kept) or any(pm.start < b and a < pm.end for pm in posts):
            continue
        kept.append((a, b, p))
    return kept


CHAIN_ENDS = ("职务", "一职", "等职", "职", "以来", "期间", "时", "后", "的", "身份", "名义")


@lru_cache(maxsize=1)
def _candidate_words() -> tuple[str, ...]:
    """data/candidate_words.tsv: words after a chain that make its posts proposed (人选, 候选人)."""
    return tuple(sorted(read_lines("candidate_words.tsv"), key=len, reverse=True))


def _chain_after(text: str, start: int, posts, lex: Lexicons, status: str) -> list[_ChainLink]:
    """ORG? POST (、ORG? POST)* written from ``start``; [] unless it ends the clause (a delimiter, 职务 ...)."""
    links: list[_ChainLink] = []
    i = start
    for pm in posts:
        if pm.start < i:
            continue
        if pm.post.byline:
            break
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        if end < i:
            end, qualifier = pm.start, ""
        between = text[i:end]
        quoted = len(between) > 4 and between[0] in "“\"" and between[-1] in "”\""
        org = parse_org_before(between[1:-1] if quoted else between, lex, whole=True) if between else None
        if org is None and quoted:
            org = _model_org(between[1:-1], lex)
        if org is not None and quoted:
            org = replace(org, start=org.start + 1, end=org.end + 1)  # “紫禁城影业公司”总经理
        if between and org is None and pm.post.self_contained:
            org = place_before(between, lex)
            org = org if org and org.start == 0 else None
        if between and org is None:
            break
        if org:
            org, post = _party_body_into_post(org, pm.post, lex)
            org_text = org.text
            if links and _composes_under(links[-1].org, org.text, lex):
                org_text = links[-1].org + org.text
            link = _ChainLink(pm, org_text, i + org.start, i + org.end, qualifier, post)
        elif links and not pm.post.self_contained:
            link = _inherited(links[-1], pm, qualifier, pm.post, lex)
        else:
            link = _ChainLink(pm, "", -1, -1, qualifier, pm.post)
        if qualifier in lex.former_qualifiers:
            status = "former"
        links.append(replace(link, status=_link_status(qualifier, status)))
        if pm.end < len(text) and text[pm.end] in CHAIN_JOINERS:
            i = pm.end + 1
            continue
        if text.startswith("和", pm.end) and links and _org_written_before_next_post(text, pm.end + 1, posts, lex):
            i = pm.end + 1  # 现任市文化局副局长和“紫禁城影业公司”总经理的甲: a second organization and post
            continue
        candidate = next((w for w in _candidate_words() if text.startswith(w, pm.end)), "")
        if candidate:  # 提名甲为市人民政府副市长人选: a candidate for the chain's posts, proposed
            links = [replace(c, status="proposed") if c.status in ("current", "acting") else c for c in links]
            break
        if not (pm.end == len(text) or text[pm.end] in DELIMITERS or text.startswith(CHAIN_ENDS, pm.end)):
            return []  # 任县委书记的张三: the chain runs into something else
        break
    return [c for c in links if _names_an_office(c, lex)]


@lru_cache(maxsize=1)
def _company_level_posts() -> frozenset:
    """data/company_level_posts.tsv: posts of a company as a whole (副总经理, 董事), never of a department."""
    return frozenset(read_lines("company_level_posts.tsv"))


def _inherited(prev: "_ChainLink", pm, qualifier: str, post: Post, lex: Lexicons) -> "_ChainLink":
    """The link of a post with no organization of its own after ``prev`` in a chain or list: ``prev``'s
    organization, except that a company-level post after a department's post goes back to the company
    (某某电力股份有限公司财务部经理、副总经理: 副总经理 of the company)."""
    org, start, end = prev.org, prev.org_start, prev.org_end
    parent = enterprise_parent(org, lex) if org and post.title in _company_level_posts() else None
    if parent and start >= 0 and end - start == len(org):
        org, end = parent, start + len(parent)
    elif parent:
        org = parent
    return _ChainLink(pm, org, start, end, qualifier, post)


def _org_written_before_next_post(text: str, start: int, posts, lex: Lexicons) -> bool:
    """Whether text from ``start`` up to the next post is a whole organization (in quotes or not)."""
    nxt = next((p for p in posts if p.start >= start), None)
    if nxt is None or nxt.start - start < 2:
        return False
    between = text[start:nxt.start]
    if between[0] in "“\"" and between[-1] in "”\"":
        between = between[1:-1]
    return parse_org_before(between, lex, whole=True) is not None or _model_org(between, lex) is not None


NAME_ADVERBS = "现也还并已又亦将拟"
DATE_BEFORE_TRIGGER = re.compile(r"(?:于|在)?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十月日号初底末]{0,6}$")
# 2008年至今任…, 2015年1月起担任…: a dated clause of a résumé, whose verbs have the record's subject
DATED_CLAUSE = re.compile(r"(?:\d{4}年(?:\d{1,2}月)?|\d{4}[.\-/]\d{1,2})(?:至今|起|以来|开始)?$|(?:至今|以来)$")
NAME_LEADS = ("决定", "同意", "研究", "宣布", "由", "和", "与", "及", "反对", "支持", "批准", "推荐")  # before the person  # 甲现任, 甲也担任: between the person and the trigger


CLAUSE_OPENING_TIME = re.compile(r"[,，](?:去年|今年|前年|日前|近日|最近|随后|后来|此后|同年|次年|年初|年底|"
                                 r"\d{1,2}月(?:\d{1,2}日)?|又|再次|还|也|并|已)*$")
SUBJECT_SUFFIXES = ("教授", "先生", "女士", "同志", "院士", "博士")


def _previous_clause_subject(text: str, trigger_start: int, ner_persons=()) -> tuple[int, int] | None:
    """甲教授，去年当选为…协会副主席: a verb opening a clause (after time words only) has the model's name that
    ends the clause before it (a form of address such as 教授 may follow the name) for its subject."""
    m = CLAUSE_OPENING_TIME.search(text, 0, trigger_start)
    if m is None:
        return None
    end = m.start()
    end -= next((len(s) for s in SUBJECT_SUFFIXES if text.endswith(s, 0, end)), 0)
    return next(((x, y) for x, y in ner_persons if y == end), None)


def record_subject(text: str, lex: Lexicons, ner_persons=()) -> tuple[int, int] | None:
    """The (start, end) of the name that opens a résumé or notice record in this sentence, or None."""
    return _record_subject(text, lex, ner_persons)


def _record_subject(text: str, lex: Lexicons, ner_persons) -> tuple[int, int] | None:
    """The name that opens a résumé or notice record (甲，男，汉族 / 甲先生： / 甲(女)): the subject of the
    verbs after the commas."""
    ner_ends = {a: b for a, b in ner_persons}
    name = name_at(text, 0, lex, ner_ends)
    if not name:
        return None
    rest = text[name[1]:]
    if rest.startswith((",男", ",女", ":男", ":女", ",汉族", "先生", "女士", "(男", "(女", ",现任", ",曾任", ",历任",
                        ",拟任", ",任")):
        return name
    return None


def pattern_offices(text: str, posts, lex: Lexicons, ner_persons=(),
                    record_subject: tuple[int, int, str] | None = None,
                    open_pattern: OfficePattern | None = None) -> list[SentenceOffice]:
    """Offices from the trigger patterns of data/office_patterns.tsv: 甲现任市财政局局长, 甲，男，…，拟任…,
    任命甲为市财政局局长, 免去乙的市财政局局长职务. ``record_subject``: (start, end, name) of the name that
    opened the résumé record in an earlier sentence, offsets relative to this sentence (so negative);
    ``open_pattern``: the appointing or removing pattern of a notice header before this sentence (任命:)."""
    found = []
    subject = None
    for a, b, p in _trigger_matches(text, posts):
        if p.shape == "NAME TRIGGER CHAIN":
            person = _name_ending_at(text, a, 0, lex, ner_persons, strict=True)
            if person is None and a > 0 and text[a - 1] in NAME_ADVERBS:
                person = _name_ending_at(text, a - 1, 0, lex, ner_persons, strict=True)
            dated = DATE_BEFORE_TRIGGER.search(text, 0, a) if person is None else None
            if dated is not None:  # 甲1959年当选为…: a date between the person and the verb
                person = _name_ending_at(text, dated.start(), 0, lex, ner_persons, strict=True)
            if person is not None and person not in ner_persons and (
                    p.trigger == "任" or not _rules_name_ok(text, person[0], person[1])):
                person = None  # 共和国并自任总统: 任 alone needs the model's name
            if person is None:
                person = _previous_clause_subject(text, a, ner_persons)  # 甲教授，去年当选为…
            if person is None and (a == 0 or text[a - 1] in ",;:" or DATED_CLAUSE.search(text, 0, a)):
                subject = subject or _record_subject(text, lex, ner_persons)
                person = subject if subject and subject[1] <= a else None
                if person is None and record_subject is not None:
                    for link in _chain_after(text, b, posts, lex, p.status):  # 甲先生：…。2008年至今任…
                        office = _office_of(text, (0, 0), replace(link, rule=p.name))
                        found.append(replace(office, person=record_subject[2], person_start=record_subject[0],
                                             person_end=record_subject[1]))
                    continue
            chain_start = b + 1 if text[b:b + 1] == "了" else b  # 兼任了总经理
            holder = _relative_clause_holder(text, chain_start, posts, lex, ner_persons, p.status)
            if holder is not None and (person is None or person not in ner_persons):
                person = holder  # 都知道现任…局长的甲: the name after 的 holds the chain
            if p.status == "current" and (text.endswith(FUTURE_ADVERBS, 0, a) or (
                    person is not None and person[1] <= a and (text.endswith(PROPOSING_WORDS, 0, person[0])
                                                               or _designated_in_clause(text, person[0])))):
                p = replace(p, status="proposed")  # 将出任, 由甲出任, 反对甲出任: not yet held
        else:
            start = b + 1 if text[b:b + 1] == ":" else b  # 任命: 甲为…
            if p.shape.startswith("TRIGGER NAME 为") and text.startswith("为", b):
                holder = _passive_subject(text, a, ner_persons)  # 甲…被乙任命为新政府总理
                if holder is not None:
                    found.extend(_office_of(text, holder, replace(link, rule=p.name))
                                 for link in _chain_after(text, b + 1, posts, lex, p.status))
                    continue
            found.extend(_appointments_from(text, start, p, posts, lex, ner_persons))
            continue
        if person is None:
            continue
        for link in _chain_after(text, chain_start, posts, lex, p.status):
            found.append(_office_of(text, person, replace(link, rule=p.name)))
    if open_pattern is not None:
        found.extend(_appointments_from(text, 0, open_pattern, posts, lex, ner_persons))
    return found


LIST_SEPARATORS = ",;、\n"
FUTURE_ADVERBS = ("将", "即将", "有望", "准备")
PROPOSING_WORDS = ("由", "反对", "支持", "同意", "批准", "提议", "建议", "推荐", "希望")  # …甲出任总理


DESIGNATING_BY = re.compile(r"(?<![自理缘经来])由(?![于此衷])")


def _designated_in_clause(text: str, start: int) -> bool:
    """决定，由现年六十五岁的甲出任该集团董事长: 由 earlier in the person's clause (not 由于, 自由) designates the
    holder of a post not yet taken up."""
    clause = _clause_start(text, start)
    return DESIGNATING_BY.search(text, clause, start) is not None


def _relative_clause_holder(text: str, start: int, posts, lex: Lexicons, ner_persons=(), status="current"):
    """现任县财政局局长的甲: the chain after the trigger is followed by 的 and the person who holds it."""
    links = _chain_after(text, start, posts, lex, status)
    if not links:
        return None
    end = max(link.match.end for link in links)
    if not text.startswith("的", end):
        return None
    name = name_at(text, end + 1, lex, {x: y for x, y in ner_persons})
    return name if name and (name in ner_persons or _rules_name_ok(text, name[0], name[1])) else None


MAX_APPOINTER_LEAD = 6


def _passive_subject(text: str, trigger_start: int, ner_persons=()) -> tuple[int, int] | None:
    """甲是…被乙任命为X的 / 甲已被乙任命为X: before 被 + the appointer (the model's name) + the trigger, the
    holder is the model's name that opens the sentence or the clause."""
    appointer = next(((x, y) for x, y in ner_persons if y == trigger_start), None)
    if appointer is None:
        return None
    clause = _clause_start(text, appointer[0])
    by = text.rfind("被", clause, appointer[0])
    if by < 0 or appointer[0] - by > MAX_APPOINTER_LEAD:  # 被乙 / 被总统乙
        return None
    return next(((x, y) for x, y in sorted(ner_persons) if x == clause and y <= by), None)


NAME_HONORIFICS = ("先生", "女士", "同志")  # written after a name in appointments: 聘任甲先生为公司副总经理


def _appointments_from(text: str, i: int, pattern: OfficePattern, posts, lex: Lexicons,
                       ner_persons=()) -> list[SentenceOffice]:
    """The appointments (甲为X局长) or removals (乙的X局长职务) listed from ``i`` after their trigger, each
    clause ``NAME(、NAME)* 为 CHAIN`` or ``NAME(、NAME)* 的? CHAIN 职务``, separated by commas or semicolons:
    任命甲为市财政局局长，乙、丙为市政府副秘书长."""
    ner_ends = {x: y for x, y in ner_persons}
    appoint = pattern.shape.startswith("TRIGGER NAME 为")
    found = []
    while i < len(text):
        names = []
        j = i
        while True:
            name = name_at(text, j, lex, ner_ends)
            if name is None:
                break
            names.append(name)
            j = name[1]
            j += next((len(h) for h in NAME_HONORIFICS if text.startswith(h, j)), 0)  # 聘任甲先生为…
            if text[j:j + 1] != "、":
                break
            j += 1
        if not names:
            break
        if appoint:
            if text[j:j + 1] != "为":
                break
            j += 1
        elif text[j:j + 1] == "的":
            j += 1
        links = _chain_after(text, j, posts, lex, pattern.status)
        if not links:
            break
        for person in names:
            found.extend(_office_of(text, person, replace(link, rule=pattern.name)) for link in links)
        end = max(link.match.end for link in links)
        for tail in ("职务", "一职", "职"):
            if text.startswith(tail, end):
                end += len(tail)
                break
        if end >= len(text) or text[end] not in LIST_SEPARATORS:
            break
        i = end + 1
    return found


def header_pattern(text: str) -> OfficePattern | None:
    """The appointing or removing pattern a notice's header line opens (一、任命: / 免去:), whose entries
    follow in the next sentences, or None."""
    stripped = text.rstrip().rstrip(":")
    if stripped == text.rstrip():
        return None
    for p in office_patterns():
        if p.shape in TRIGGER_SHAPES[1:] and stripped.endswith(p.trigger) and len(stripped) - len(p.trigger) <= 6:
            return p
    return None


def apposition_offices(text: str, posts, lex: Lexicons, ner_persons=(), taken=(),
                       ner_orgs=()) -> tuple[list[SentenceOffice], list[tuple[int, int]]]:
    """ORG? NAME POST: 海口市教育局林萍局长带领…, 周立群市长、邓正副市长, 卡洛斯总统. The name is the model's
    person ending at the post, else a plausible name that starts a word, with an organization, a delimiter
    or a word that takes a person (会见, 陪同) before it. A post with no organization written is an office
    when the name is the model's or the post carries its jurisdiction (市长). Returns (offices, the names
    read); ``taken``: post starts already read by the chain."""
    found, names = [], []
    ner_starts = {a for a, _ in ner_persons}
    for pm in posts:
        if pm.post.byline or pm.start in taken:
            continue
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        model_before = any(b == end for _, b in ner_persons)
        model_after = pm.end in ner_starts
        if not _post_ends_phrase(text, pm.end, lex) and (model_after or not model_before):
            continue  # 局长王强: the chain shape, read elsewhere (克林顿总统明智地: the model's name holds it)
        seg_start = _segment_start(text, end, 0)
        for person in _names_ending_at(text, end, seg_start, lex, ner_persons):
            before = text[seg_start:person[0]]
            org = _org_before(text, seg_start, person[0], lex, ner_orgs) if before else None
            if org is not None and seg_start + org.end != person[0]:
                org = None  # 中国的关系是总统: what ends before 的 is no organization of this name
            by_model = person in ner_persons
            if not by_model:
                # a plausible name the model did not find needs a clear start: a word starts there (部门主要负责人:
                # 门 ends 部门) and an organization, a delimiter or a word that takes a person comes before it
                if not _rules_name_ok(text, person[0], person[1]) or (org is not None and len(org.text) < 3):
                    continue  # 暂委高院大法官: a two-character "organization" is too little evidence
                if org is None and before and not before.endswith(
                        NAME_BEFORE_POST_LEADS + tuple(CHAIN_JOINERS) + _former_words()):
                    continue
                if org is None and not (pm.post.self_contained or pm.post.title in POSTS_AFTER_NAME):
                    break
            if lex.countries and text[person[0]:person[1]] in lex.countries:
                break  # 吉布提总统: a country the model took for a name
            names.append(person)
            post = pm.post
            if org:
                org, post = _party_body_into_post(org, post, lex)
            status = "former" if qualifier in lex.former_qualifiers else _link_status(qualifier, "current")
            if org is not None and _former_marked(text, seg_start + org.start, org.text):
                status = "former"
            if org is None and any(text.endswith(w, 0, person[0]) for w in _former_words() + ("前任的",)):
                status = "former"  # 我的前任乔石委员长: the name's former post
            found.append(_historical(SentenceOffice(
                text[person[0]:person[1]], person[0], person[1], post.title, org.text if org else "",
                seg_start + org.start if org else -1, seg_start + org.end if org else -1, qualifier, post.kind,
                False, status=status, rule="apposition", title_start=pm.start, title_end=pm.end), lex))
            break
    return found, names


def _rules_name_ok(text: str, start: int, end: int) -> bool:
    """Evidence a plausible name the model did not find is a name: it starts a word (部门主要负责人: 门 ends
    部门), does not start with a preposition (向各位委员, 和毛主席), and is no common word, nor does a
    common word open it (国防; 关系是总统, 成员国国家元首)."""
    name = text[start:end]
    if name[0] in PREPOSITIONS or not _word_starts_at(text, start):
        return False
    if name[0] in SERVING_VERBS and _locative_clause(text, start):
        return False  # 在某某会计师事务所任审计经理, 后在某银行任风控经理: 任 serves as, …经理 is the post
    return not _common_word(name[:2])


SERVING_VERBS = "任"  # also a surname; after a place of work opened by 在 / 于 it is the verb (在某银行任信贷经理)


def _locative_clause(text: str, start: int) -> bool:
    """Whether the clause before ``start`` opens a place of work with 在 / 于 (在某银行任…, 于某公司任…)."""
    clause = _clause_start(text, start)
    return any(c in text[clause:start] for c in "在于")


def _post_ends_phrase(text: str, end: int, lex: Lexicons) -> bool:
    """After a post written after its holder: a delimiter, a word that follows names (带领, 表示) or a verb,
    never another name (局长王强 is the chain shape)."""
    if end >= len(text) or text[end] in DELIMITERS:
        return True
    return boundary_at(text, end, lex) or name_at(text, end, lex) is None or _common_word(text[end:end + 2])


def _names_ending_at(text: str, end: int, floor: int, lex: Lexicons, ner_persons=()) -> list[tuple[int, int]]:
    """Candidate names ending at ``end``: the model's first, then plausible 3- and 2-character names."""
    out = [(a, b) for a, b in ner_persons if b == end and a >= floor and b - a >= 2]
    if any(b == end for _, b in ner_persons):
        return out  # 和毛主席: the model's 毛, not the plausible 和毛
    for length in (3, 2):
        a = end - length
        name = text[a:end]
        if (a >= floor and is_plausible_name(name, lex) and (a, end) not in out and not lex.org_suffix(name)
                and not _ends_like_org_unit(text[floor:end], lex)):
            out.append((a, end))
    return out


def _ends_like_org_unit(text: str, lex: Lexicons) -> bool:
    """公司, 市委组织部: the text before the post ends with an organization unit or ending, so its last
    characters are no name."""
    return bool(lex.org_suffix(text)) or any(text.endswith(u) for u in lex.org_units)


def _name_ending_at(text: str, end: int, floor: int, lex: Lexicons, ner_persons=(),
                    strict: bool = False) -> tuple[int, int] | None:
    """The person name that ends at ``end``: an NER span, else a plausible 3, 2 or 4 character name.
    ``strict``: the plausible name must start the clause (甲任…, not 会议由甲任…)."""
    found = next(((a, b) for a, b in ner_persons if b == end and a >= floor and b - a >= 2), None)
    if found:
        return found
    for length in (3, 2, 4):
        a = end - length
        if a >= floor and is_plausible_name(text[a:end], lex):
            if strict and a > 0 and text[a - 1] not in DELIMITERS and not text.endswith(NAME_LEADS, 0, a):
                continue
            return a, end
    return None


CAPACITY_ENDS = ("身份", "的身份", "名义", "的名义")
CAPACITY_ADVERBS = ("首次", "再次", "正式", "曾", "将", "已", "又", "也", "均", "都", "")


def capacity_offices(text: str, posts, lex: Lexicons, ner_persons=()) -> list[SentenceOffice]:
    """NAME 以 CHAIN 身份: 甲首次以副总统身份访华 (the capacity a person acts in is a post held); the name must be
    the model's, right before 以 or before an adverb (首次, 正式)."""
    found = []
    pos = text.find("以")
    while pos > 0:
        person = None
        for adverb in CAPACITY_ADVERBS:
            if text.endswith(adverb, 0, pos):
                person = next(((x, y) for x, y in ner_persons if y == pos - len(adverb)), None)
                if person:
                    break
        links = _chain_after(text, pos + 1, posts, lex, "current") if person else []
        if links and text.startswith(CAPACITY_ENDS, max(link.match.end for link in links)):
            found.extend(_office_of(text, person, replace(link, rule="capacity")) for link in links)
        pos = text.find("以", pos + 1)
    return found


def parenthesised_offices(text: str, posts, lex: Lexicons, ner_persons=()) -> list[SentenceOffice]:
    """NAME(ORG POST): 郭洪霞(市人社局局长)."""
    found = []
    for pm in posts:
        if pm.post.byline or pm.end >= len(text) or text[pm.end] != ")":
            continue
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        open_pos = text.rfind("(", 0, end)
        if open_pos < 1 or ")" in text[open_pos:end]:
            continue
        inside = text[open_pos + 1:end]
        org = parse_org_before(inside, lex, whole=True) if inside else None
        if (inside and org is None) or (org is None and not pm.post.self_contained):
            continue
        person = _name_ending_at(text, open_pos, 0, lex, ner_persons)
        if person:
            org, post = _party_body_into_post(org, pm.post, lex) if org else (None, pm.post)
            status = "former" if qualifier in lex.former_qualifiers else _link_status(qualifier, "current")
            found.append(SentenceOffice(text[person[0]:person[1]], person[0], person[1], post.title,
                                        org.text if org else "", open_pos + 1 + org.start if org else -1,
                                        open_pos + 1 + org.end if org else -1, qualifier, post.kind, False,
                                        status=status, rule="parenthesis", title_start=pm.start, title_end=pm.end))
    return found


def names_listed_before_leaders(text: str, lex: Lexicons, ner_persons=()) -> list[tuple[int, int]]:
    """A、B、C等市领导出席: the names joined by 、 before 等…领导."""
    found = []
    for marker in ("等市领导", "等省领导", "等县领导", "等区领导", "等领导"):
        pos = text.find(marker)
        while pos >= 0:
            end = pos
            while True:
                name = _name_ending_at(text, end, 0, lex, ner_persons)
                if not name:
                    break
                found.append(name)
                if name[0] == 0 or text[name[0] - 1] != "、":
                    break
                end = name[0] - 1
            pos = text.find(marker, pos + 1)
    return found


# Posts written after the name in national news (习近平总书记, 李强总理): the name is found, no office
# is claimed (the organization is not written).
POSTS_AFTER_NAME = ("总书记", "主席", "副主席", "总理", "副总理", "委员长", "副委员长", "国务委员")


NAME_BEFORE_POST_LEADS = ("学习", "向", "对", "同", "在", "由", "请", "听取", "会见", "陪同", "欢迎", "感谢")


def names_before_posts(text: str, posts, lex: Lexicons) -> list[tuple[int, int]]:
    """习近平总书记, 李强总理: only where the name starts a clause or follows a verb that takes a
    person (学习, 向, 会见), so 共和国主席 or 克雷蒂安总理 yield no Chinese-looking fragment."""
    found = []
    for pm in posts:
        if pm.post.title not in POSTS_AFTER_NAME:
            continue
        for length in (3, 2):
            start = pm.start - length
            if start < 0 or not is_plausible_name(text[start:pm.start], lex):
                continue
            if start == 0 or text[start - 1] in DELIMITERS or text.endswith(NAME_BEFORE_POST_LEADS, 0, start):
                found.append((start, pm.start))
                break
    return found


@lru_cache(maxsize=1)
def _speech_verbs() -> tuple[str, ...]:
    return tuple(read_lines("speech_verbs.tsv"))


def speaker_names(text: str, posts, lex: Lexicons, ner_ends=None) -> list[tuple[int, int]]:
    """井为民在会上指出: a name that opens the sentence, then 在, then a verb of speaking in the same clause.
    The model misses names it never saw in this position; the 在 … 指出 frame keeps nouns out (文件指出)."""
    name = name_at(text, 0, lex, ner_ends)
    if not name or not text.startswith("在", name[1]) or any(name[0] < pm.start < name[1] for pm in posts):
        return []  # 江主席在演讲中: a surname and a post, not a three-character name
    clause_end = next((i for i in range(name[1], len(text)) if text[i] in "，,。；;：:！？"), len(text))
    if not any(v in text[name[1]:clause_end] for v in _speech_verbs()):
        return []
    return [name]


PREPOSITIONS = "向和与同对给把被让跟"  # also surnames; mid-clause they are more often the preposition


def comrade_names(text: str, lex: Lexicons, ner_persons=()) -> list[tuple[int, int]]:
    """NAME同志 (以习近平同志为核心): the name before 同志; the model's name when it has one there
    (我们向小平同志学习: 小平, not 向小平)."""
    found = []
    pos = text.find("同志")
    while pos >= 0:
        ner = next(((a, b) for a, b in ner_persons if b == pos), None)
        if pos and text[pos - 1] == "等":
            pass  # 罗干等同志: a list ends here, its names are read by the list rules
        elif ner:
            found.append(ner)
        else:
            for length in (3, 2, 4):
                start = pos - length
                if start < 0 or (text[start] in PREPOSITIONS and start > 0 and is_cjk(text[start - 1])):
                    continue
                if is_plausible_name(text[start:pos], lex):
                    found.append((start, pos))
                    break
        pos = text.find("同志", pos + 2)
    return found


MAX_GLOSS = 12


def name_list_after(text: str, start: int, lex: Lexicons, ner_ends=None) -> list[tuple[int, int]]:
    """Names joined by 、 from ``start`` (市领导A、B、C出席)."""
    names = []
    i = start
    while True:
        found = name_at(text, i, lex, ner_ends)
        if not found:
            break
        names.append(found)
        i = found[1]
        if text.startswith("(", i) and 0 < text.find(")", i) - i <= MAX_GLOSS:
            i = text.find(")", i) + 1  # 甲(阿布·马希尔)、乙: a name's gloss in parentheses
        if i < len(text) and text[i] == "、":
            i += 1
            continue
        if i < len(text) and text[i] in "和及与":
            last = name_at(text, i + 1, lex, ner_ends)  # A、B和C: the list's last name
            if last and boundary_at(text, last[1], lex):
                names.append(last)
        break
    return names
