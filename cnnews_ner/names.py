"""Person-name boundaries from a surname lexicon and given-name length rules.

Used where statistical NER is unsure: the name right after a post
(局长任光学表示), run-together bylines (记者王志强张志宁邓静), and the filter that
rejects NER "persons" that are words (锚定) or place names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import Lexicons


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def boundary_at(text: str, i: int, lex: Lexicons, single_chars: bool = True) -> bool:
    """True when a word that follows names (表示, 说, 在 ...) starts at text[i], or text[i] is no CJK.

    ``single_chars=False`` only counts words of two or more characters (and 说): right after a
    surname, 为 / 在 / 和 are more often given-name characters (井为民) than words."""
    if i >= len(text) or not is_cjk(text[i]):
        return True
    return any(text.startswith(w, i) for w in lex.name_boundaries if single_chars or len(w) > 1 or w == "说")


def is_plausible_name(name: str, lex: Lexicons) -> bool:
    """A Chinese name (surname + 1-2 given characters, 2-4 with a compound surname) or a transliterated
    foreign name with a middle dot; not a listed non-name word or a place name."""
    if "·" in name or "•" in name:
        parts = name.replace("•", "·").split("·")
        return all(parts) and all(is_cjk(c) for p in parts for c in p)
    if not 2 <= len(name) <= 4 or not all(is_cjk(c) for c in name):
        return False
    if any(part in name for part in lex.not_name_parts):
        return False
    if name in lex.not_names or name in lex.cities or name in lex.counties or name in lex.provinces:
        return False
    if any(name.endswith(t) for t in ("市", "县", "区", "省", "局", "委")):
        return False
    surname = lex.is_surname_start(name, 0)
    if not surname:
        return False
    given = len(name) - surname
    return 1 <= given <= 2


def is_acceptable_ner_name(name: str, lex: Lexicons, before: str = "", after: str = "") -> bool:
    """Whether a PERSON span from NER is kept: dropped only on evidence that it is no name
    (a listed word, a place, an organization, a Chinese-looking name that breaks the name
    rules, a name that is not Chinese right after 的). Foreign, Japanese and minority names
    (布林肯, 佐藤, 多吉才让) and a bare surname (江 in 江主席, People's Daily style) stay.
    ``before`` / ``after``: the text right before / after the name."""
    if not all(is_cjk(c) or c in "·•" for c in name):
        return False
    if ("·" in name or "•" in name) and not is_plausible_name(name, lex):
        return False
    if any(part in name for part in lex.not_name_parts) or name in lex.not_names:
        return False
    if name in lex.cities or name in lex.counties or name in lex.provinces or lex.org_suffix(name):
        return False
    if name in lex.countries:  # 马拉维人民: the model reads some countries as people
        return False
    if len(name) == 1:  # 江主席 is a name; 王大爷, 李某某, 老王, 市民王女士 are forms of address
        if after.startswith(("先生", "女士")) and before.endswith(lex.person_role_nouns):
            return False
        return (name in lex.surnames and not after.startswith(lex.forms_of_address)
                and not before.endswith(("老", "小", "姓")))  # 一位姓马的乘客: a surname, no name
    if len(name) == 2 and lex.is_surname_start(name, 0) == 1 and name[1] in "总董":
        return False  # 王总, 李董: a surname and a form of address, not a name
    if lex.is_surname_start(name, 0) and len(name) <= 3:
        return is_plausible_name(name, lex)
    if before.endswith("的") and not before.endswith("岁的"):
        return False  # 宁津的罗赛罗德: a name that is not Chinese, owned by a place, is a company or a brand
    return len(name) <= (20 if "·" in name else 12)  # 瓦西里斯·康斯坦塔科普洛斯


def known_people_spans(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Occurrences of a listed national leader (data/known_people.tsv) that end where a name can end: at a
    word that follows names or a post (习近平在, 李强总理), not inside a longer name (李希林)."""
    spans = []
    for name in lex.known_people:
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if boundary_at(text, end, lex) or any(text[end:end + n] in lex.posts for n in range(1, 7)):
                spans.append((pos, end))
            pos = text.find(name, end)
    return sorted(spans)


def trimmed_ner_name_end(text: str, start: int, end: int, lex: Lexicons) -> int:
    """End of an NER name that ran into the word after it (最高人民法院院长张军作工作报告: 张军, not 张军作)."""
    if end - start >= 3 and boundary_at(text, end - 1, lex, single_chars=False) \
            and is_plausible_name(text[start:end - 1], lex):
        return end - 1
    return end


def name_at(text: str, i: int, lex: Lexicons, ner_ends: dict[int, int] | None = None) -> tuple[int, int] | None:
    """The person name starting at text[i], as (start, end), or None.

    An NER PERSON span starting here is taken when it is a plausible name; otherwise a
    surname plus two given characters, or one when the second would start a word that
    follows names (鹿尧表示: 鹿尧, not 鹿尧表).
    """
    while i < len(text) and text[i] == " ":
        i += 1
    if ner_ends and i in ner_ends:
        end = ner_ends[i]
        if is_acceptable_ner_name(text[i:end], lex) and end - i >= 2:
            return i, trimmed_ner_name_end(text, i, end, lex)
    if _country_at(text, i, lex):
        return None  # 主席南斯拉夫联盟共和国: a country, not a transliterated name
    surname = lex.is_surname_start(text, i)
    if not surname:
        return _transliterated_name_at(text, i, lex)
    # 主席和叶利钦, 来到哈佛: a surname character that is here a word (和, 向, 来到) starts no name
    if text[i] != "任" and boundary_at(text, i, lex):
        return None
    start = i + surname
    if boundary_at(text, start, lex, single_chars=False):
        return None
    end = start + 1
    if not boundary_at(text, end, lex):
        end += 1
    if not boundary_at(text, end, lex) and text[end] in lex.transliteration:
        # 联合国秘书长古特雷斯发表: 古 is a surname, but the run of transliteration characters goes on
        foreign = _transliterated_name_at(text, i, lex)
        if foreign and foreign[1] > end:
            return foreign
    name = text[i:end]
    if name in lex.not_names or not is_plausible_name(name, lex):
        # 书记王华说: the two-character reading is still a name.
        if end - i == surname + 2 and is_plausible_name(text[i:end - 1], lex) and boundary_at(text, end - 1, lex):
            return i, end - 1
        return None
    return i, end


def _country_at(text: str, i: int, lex: Lexicons) -> bool:
    return i < len(text) and text.startswith(lex.country_starts.get(text[i], ()), i)


def _transliterated_name_at(text: str, i: int, lex: Lexicons) -> tuple[int, int] | None:
    """A foreign name written in transliteration characters (美国总统拜登会见): 2-8 of them, then a boundary."""
    j = i
    while j < len(text) and j - i < 8 and (text[j] in lex.transliteration or text[j] in "·•"):
        if j > i + 1 and boundary_at(text, j, lex, single_chars=False):
            break
        j += 1
    if j - i >= 2 and boundary_at(text, j, lex) and text[j - 1] not in "·•":
        return i, j
    return None


def split_name_run(run: str, lex: Lexicons) -> list[str] | None:
    """Split a run of names written without separators into names (王志强张志宁邓静).

    Every piece must be a plausible name; among the splits, the one whose surnames are
    the most common, in the fewest pieces, wins (王志强|张志宁|邓静 over 王志|强张志|宁邓静;
    方志勇|王美林|高玉帅 over 方志勇|王美|林高|玉帅). None when no split exists.
    """
    n = len(run)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        for length in (2, 3, 4):
            j = i + length
            if j > n:
                break
            piece = run[i:j]
            if not is_plausible_name(piece, lex):
                continue
            tier = lex.surnames.get(piece[:2]) or lex.surnames.get(piece[0])
            # each piece costs 1.5, so a split into more names must buy it with common surnames
            score = best[i][0] + {"common": 0.5, "compound": 0.0, "rare": -1.0}.get(tier, -1.5) + (0.1 if length == 3 else 0)
            if best[j] is None or score > best[j][0]:
                best[j] = (score, best[i][1] + [piece])
    return best[n][1] if best[n] else None


# Tim Cook, Jean-Pierre Durand: two or three capitalized Latin words (hyphens inside a word allowed)
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}(?![A-Za-z])")
LATIN_NAME_LEADS = ("CEO", "首席执行官", "总裁", "董事长", "创始人", "主席", "总统", "总理", "部长", "球员", "主帅",
                    "主教练", "教练", "歌手", "演员", "导演", "作者", "记者", "网友", "用户", "博士", "教授", "先生",
                    "女士", "发言人", "经理", "总监", "队长", "前锋", "后卫", "中锋", "门将", "选手")


def latin_names(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Latin-script personal names (Tim Cook) in a person's context: right after a post or role word
    (苹果CEO Tim Cook, 主帅Luka Novak) or right before a word that follows names (表示, 说, 在)."""
    found = []
    for m in LATIN_NAME.finditer(text):
        before = text[:m.start()].rstrip(" ")
        if before.endswith(LATIN_NAME_LEADS) or boundary_at(text, m.end() + (text[m.end():m.end() + 1] == " "), lex,
                                                            single_chars=False):
            found.append((m.start(), m.end()))
    return found


# The model's "person" that is a club: a result or a transfer around it (战胜利物浦, 利物浦队, 加盟巴伦西亚)
CLUB_BEFORE = ("战胜", "击败", "负于", "对阵", "迎战", "逼平", "不敌", "力克", "加盟", "效力于", "效力", "客场挑战",
               "主场迎战", "淘汰")
CLUB_AFTER = ("队", "俱乐部", "球迷", "主场", "客场", "主帅", "青训", "战胜", "击败", "负于", "逼平", "不敌", "战成",
              "官方", "名宿")


def is_club_context(before: str, after: str) -> bool:
    """Whether the text around a model PERSON span says it is a sports club (``before`` / ``after``: the text
    right before / after the span)."""
    return before.endswith(CLUB_BEFORE) or after.startswith(CLUB_AFTER) or bool(re.match(r"\s*\d+[比:-]\d+", after))


ANONYMIZED = re.compile(r"某某|某")


def anonymized_names(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Names anonymized in notices and court news (王某某, 原告李某, 张某某，男，…): a surname that starts a
    word, then 某 or 某某 (主张某些: 张 is inside 主张, no name)."""
    found = []
    for m in ANONYMIZED.finditer(text):
        a = m.start()
        for length in (2, 1):
            start = a - length
            if start >= 0 and lex.is_surname_start(text, start) == length and _word_starts_at(text, start):
                end = m.end()
                if text.startswith("某", end):  # 王某某某: no name
                    break
                found.append((start, end))
                break
    return found


COMMON_WORD_FREQUENCY = 1000  # jieba dictionary counts: 国防 3728, 高峰 1556; names such as 林立 695, 王军 0


def _common_word(candidate: str) -> bool:
    """Whether a two-character candidate name is a common word in jieba's dictionary (国防, 职工, 和平)."""
    if len(candidate) != 2:
        return False
    import jieba  # the NER model's soft-word features load it anyway

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(candidate, 0) >= COMMON_WORD_FREQUENCY


def _word_ends_at(text: str, i: int) -> bool:
    """Whether jieba's segmentation of the sentence has a word boundary at ``i`` (or the text ends there)."""
    return i >= len(text) or not is_cjk(text[i]) or _word_starts_at(text, i)


def _word_starts_at(text: str, i: int) -> bool:
    """Whether jieba's segmentation of the sentence starts a word at ``i`` (its dictionary ships with it)."""
    return i in _word_starts(text)


@lru_cache(maxsize=256)
def _word_starts(text: str) -> frozenset:
    """The offsets where jieba starts a word in ``text``, plus its end: one segmentation per sentence, however
    many candidate names the rules check in it."""
    import jieba  # the NER model's soft-word features load it anyway

    starts, pos = set(), 0
    for word in jieba.lcut(text):
        starts.add(pos)
        pos += len(word)
    starts.add(pos)
    return frozenset(starts)
