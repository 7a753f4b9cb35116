"""Rule stage for official posts: title chains, bylines and credits.

Works on one normalized sentence at a time and returns offices with sentence
offsets. Patterns (each has a unit test with the sentence that motivated it):

* ``ORG? POST (、ORG? POST)* NAME``: 市科技局党组书记、局长井为民 gives two offices of
  市科技局; a new organization starts a new office (市委组织部副部长、市人社局局长郭洪霞).
* bylines and credits: 记者王志强张志宁邓静, 通讯员 A B, 责任编辑:刘小丽.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicons import Lexicons, Post, read_lines
from .names import boundary_at, is_cjk, is_plausible_name, name_at, split_name_run
from .orgs import OrgSpan, parse_org_before, place_before, starts_like_org

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


@dataclass(frozen=True)
class _ChainLink:
    """One post of a title chain, with the organization it was read with (or inherited)."""

    match: "_PostMatch"
    org: str
    org_start: int
    org_end: int
    qualifier: str
    post: Post  # the post held: 副书记 becomes 党委副书记 when the party body was written with the unit


@dataclass(frozen=True)
class _PostMatch:
    start: int
    end: int
    post: Post


def find_posts(text: str, lex: Lexicons) -> list[_PostMatch]:
    matches = []
    for end, (kind, word) in lex.words.iter_long(text):
        if kind == "post":
            matches.append(_PostMatch(end - len(word) + 1, end + 1, lex.posts[word]))
    return matches


def _strip_qualifier(text: str, end: int, lex: Lexicons) -> tuple[int, str]:
    """(new end, qualifier) when a qualifier is written right before ``end``."""
    for q in lex.qualifiers:
        if text.endswith(q, 0, end):
            return end - len(q), q
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


def _byline_medium(link: _ChainLink) -> _ChainLink:
    """本报北京11月6日讯新华社记者: the medium is what follows the dateline's 讯 / 电."""
    for mark in ("讯", "电"):
        pos = link.org.rfind(mark)
        if pos >= 0:
            rest = link.org[pos + 1:]
            if not rest:
                return replace(link, org="", org_start=-1, org_end=-1)
            return replace(link, org=rest, org_start=link.org_start + pos + 1)
    return link


def _segment_start(text: str, end: int, floor: int) -> int:
    i = end
    while i > floor and text[i - 1] not in DELIMITERS:
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
        if not run:
            break
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


def extract_offices(text: str, lex: Lexicons, ner_persons: list[tuple[int, int]] = ()) -> SentenceRules:
    """Offices and named people in one sentence. ``ner_persons``: PERSON spans from NER, used for
    name boundaries."""
    ner_ends = {a: b for a, b in ner_persons}
    posts = find_posts(text, lex)
    offices: list[SentenceOffice] = []
    persons: list[tuple[int, int]] = []
    chain: list[_ChainLink] = []
    floor = 0
    for k, pm in enumerate(posts):
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        if chain:
            # continuing a chain: what lies between the joiner and this post must be an organization or nothing
            between = text[chain_joiner_end:end]
            org = parse_org_before(between, lex, whole=True) if between else None
            if between and org is None:
                chain = []
        if not chain:
            seg_start = _segment_start(text, end, floor)
            segment = text[seg_start:end]
            honour = any(w in segment for w in _not_held_markers())
            org = parse_org_before(segment, lex) or _grassroots_level_before(segment, pm.post)
            if org is None and pm.post.self_contained:
                org = place_before(segment, lex)  # 美国总统, 山东省长: the place is the organization
            base = seg_start
        else:
            base = chain_joiner_end
        post = pm.post
        if org:
            org, leading = _strip_leading_qualifier(org, lex)
            qualifier = qualifier or leading
            org, post = _party_body_into_post(org, post, lex)
            link = _ChainLink(pm, org.text, base + org.start, base + org.end, qualifier, post)
        elif chain and not pm.post.self_contained:
            prev = chain[-1]
            link = _ChainLink(pm, prev.org, prev.org_start, prev.org_end, qualifier, post)
        else:
            link = _ChainLink(pm, "", -1, -1, qualifier, post)
        chain.append(link)

        if pm.post.byline:
            link = _byline_medium(link)
            people = _byline_names(text, pm.end, lex, ner_ends)
            persons.extend(people)
            for a, b in people:
                offices.append(SentenceOffice(text[a:b], a, b, pm.post.title, link.org, link.org_start, link.org_end,
                                              qualifier, pm.post.kind, True))
            chain = []
            floor = people[-1][1] if people else pm.end
            continue
        person = name_at(text, pm.end, lex, ner_ends)
        next_post = posts[k + 1] if k + 1 < len(posts) else None
        if person and not (next_post and next_post.start < person[1]):
            persons.append(person)
            for c in chain:
                if not _names_an_office(c, lex) or honour:
                    continue  # 优秀县委书记X: an honour
                offices.append(SentenceOffice(text[person[0]:person[1]], person[0], person[1], c.post.title,
                                              c.org, c.org_start, c.org_end, c.qualifier, c.post.kind, False))
            shared = [] if honour else _names_sharing_deputy_post(text, person[1], chain[-1], next_post, lex, ner_ends)
            for a, b in shared:
                last = chain[-1]
                persons.append((a, b))
                offices.append(SentenceOffice(text[a:b], a, b, last.post.title, last.org, last.org_start,
                                              last.org_end, last.qualifier, last.post.kind, False))
            chain = []
            floor = shared[-1][1] if shared else person[1]
            continue
        after = pm.end
        if after < len(text) and (text[after] in CHAIN_JOINERS or
                                  text[after] == "," and _org_then_post(text, after + 1, next_post, lex)):
            chain_joiner_end = after + 1
        else:
            chain = []
            floor = pm.end
    for marker in LIST_MARKERS:
        pos = text.find(marker)
        while pos >= 0:
            persons.extend(name_list_after(text, pos + len(marker), lex, ner_ends))
            pos = text.find(marker, pos + 1)
    appointed = appointment_offices(text, posts, lex, ner_persons) + parenthesised_offices(text, posts, lex, ner_persons)
    offices.extend(appointed)
    persons.extend((o.person_start, o.person_end) for o in appointed)
    persons.extend(comrade_names(text, lex, ner_persons))
    persons.extend(names_listed_before_leaders(text, lex, ner_persons))
    persons.extend(names_before_posts(text, posts, lex))
    persons.extend(speaker_names(text, posts, lex, ner_ends))
    return SentenceRules(offices, sorted(set(persons)))


def _names_an_office(link: _ChainLink, lex: Lexicons) -> bool:
    """A post with no organization (局长讲话) names no office of its own, unless it carries its jurisdiction
    (市长); 原市委书记X is a post X no longer holds."""
    return bool(link.org or link.post.self_contained) and link.qualifier not in lex.former_qualifiers


def _names_sharing_deputy_post(text: str, end: int, link: _ChainLink, next_post, lex: Lexicons,
                               ner_ends) -> list[tuple[int, int]]:
    """副市长郑建忠、汤筱疏出席会议: names joined by 、 right after a deputy post's holder hold it too (a city has
    several deputy mayors). Only 副 posts: after 市委书记张三、 the next name is someone else. The list must not
    run into the next post (副市长A、市长助理B)."""
    if end >= len(text) or text[end] != "、" or not link.post.title.startswith("副") or not _names_an_office(link, lex):
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
def _appointment_verbs() -> list[str]:
    return sorted(read_lines("appointment_verbs.tsv"), key=len, reverse=True)


@lru_cache(maxsize=1)
def _appointing_verbs() -> list[str]:
    return sorted(read_lines("appointing_verbs.tsv"), key=len, reverse=True)


@lru_cache(maxsize=1)
def _not_held_markers() -> tuple[str, ...]:
    return tuple(read_lines("not_held_markers.tsv"))


@lru_cache(maxsize=1)
def _former_markers() -> tuple[str, ...]:
    return tuple(read_lines("former_markers.tsv"))


def _clause_org(org_text: str, post: Post, lex: Lexicons):
    """(ok, org) for the words between an appointment verb and the post: an organization, or nothing
    before a self-contained post (当选为市长)."""
    org = parse_org_before(org_text, lex, whole=True) if org_text else None
    if org_text and org is None and post.self_contained:
        org = place_before(org_text, lex)
        org = org if org and org.start == 0 else None
    return not ((org_text and org is None) or (org is None and not post.self_contained)), org


def appointment_offices(text: str, posts, lex: Lexicons, ner_persons=()) -> list[SentenceOffice]:
    """NAME 当选为 / 被任命为 / 担任 ORG POST (王五当选为市长) and 任命 NAME 为 ORG POST (会议决定，任命王建军为
    市发改委主任): the post must end the clause."""
    found = []
    for pm in posts:
        if pm.post.byline or not (pm.end == len(text) or text[pm.end] in DELIMITERS or text.startswith(("职务", "一职"), pm.end)):
            continue
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        if qualifier in lex.former_qualifiers:
            continue
        seg_start = _segment_start(text, end, 0)
        segment = text[seg_start:end]
        person = org = None
        for verb in _appointment_verbs():
            pos = segment.rfind(verb)
            if pos < 0:
                continue
            ok, org = _clause_org(segment[pos + len(verb):], pm.post, lex)
            if ok and not segment[:pos].endswith(_former_markers()):
                person = _name_ending_at(text, seg_start + pos, seg_start, lex, ner_persons)
                org_start = seg_start + pos + len(verb)
            break
        if person is None:
            person, org, org_start = _appointed_by(text, seg_start, segment, pm.post, lex, ner_persons)
        if person:
            found.append(SentenceOffice(text[person[0]:person[1]], person[0], person[1], pm.post.title,
                                        org.text if org else "", org_start + org.start if org else -1,
                                        org_start + org.end if org else -1, qualifier, pm.post.kind, False))
    return found


def _appointed_by(text: str, seg_start: int, segment: str, post: Post, lex: Lexicons, ner_persons=()):
    """任命王建军为市发展和改革委员会主任: (person span, org, org offset base) or (None, None, 0)."""
    pos = segment.rfind("为")
    if pos < 0:
        return None, None, 0
    ok, org = _clause_org(segment[pos + 1:], post, lex)
    if not ok:
        return None, None, 0
    for verb in _appointing_verbs():
        at = segment.rfind(verb, 0, pos)
        if at < 0:
            continue
        verb_end = at + len(verb)
        person = _name_ending_at(text, seg_start + pos, seg_start + verb_end, lex, ner_persons)
        if person and person[0] == seg_start + verb_end:
            return person, org, seg_start + pos + 1
    return None, None, 0


def _name_ending_at(text: str, end: int, floor: int, lex: Lexicons, ner_persons=()) -> tuple[int, int] | None:
    """The person name that ends at ``end``: an NER span, else a plausible 3, 2 or 4 character name."""
    found = next(((a, b) for a, b in ner_persons if b == end and a >= floor), None)
    if found:
        return found
    for length in (3, 2, 4):
        if end - length >= floor and is_plausible_name(text[end - length:end], lex):
            return end - length, end
    return None


def parenthesised_offices(text: str, posts, lex: Lexicons, ner_persons=()) -> list[SentenceOffice]:
    """NAME(ORG POST): 郭洪霞(市人社局局长)."""
    found = []
    for pm in posts:
        if pm.post.byline or pm.end >= len(text) or text[pm.end] != ")":
            continue
        end, qualifier = _strip_qualifier(text, pm.start, lex)
        open_pos = text.rfind("(", 0, end)
        if open_pos < 1 or ")" in text[open_pos:end] or qualifier in lex.former_qualifiers:
            continue
        inside = text[open_pos + 1:end]
        org = parse_org_before(inside, lex, whole=True) if inside else None
        if (inside and org is None) or (org is None and not pm.post.self_contained):
            continue
        person = _name_ending_at(text, open_pos, 0, lex, ner_persons)
        if person:
            org, post = _party_body_into_post(org, pm.post, lex) if org else (None, pm.post)
            found.append(SentenceOffice(text[person[0]:person[1]], person[0], person[1], post.title,
                                        org.text if org else "", open_pos + 1 + org.start if org else -1,
                                        open_pos + 1 + org.end if org else -1, qualifier, post.kind, False))
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
        if i < len(text) and text[i] == "、":
            i += 1
            continue
        break
    return names
