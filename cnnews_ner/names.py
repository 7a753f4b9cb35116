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


JOINED = re.compile(r"[\u4e00-\u9fff][·•=-][\u4e00-\u9fff]")


def _joined(name: str) -> bool:
    """A name written in pieces joined by a middle dot or a hyphen (让-皮埃尔·杜兰)."""
    return "·" in name or "•" in name or bool(JOINED.search(name))


def is_plausible_name(name: str, lex: Lexicons) -> bool:
    """A Chinese name (surname + 1-2 given characters, 2-4 with a compound surname) or a transliterated
    foreign name with a middle dot or a hyphen; not a listed non-name word or a place name."""
    if _joined(name):
        parts = re.split(r"[·•=-]", name)
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
    if not all(is_cjk(c) or c in "·•" or (c in "-=" and _joined(name)) for c in name):
        return False
    if _joined(name) and not is_plausible_name(name, lex):
        return False
    if any(part in name for part in lex.not_name_parts) or name in lex.not_names:
        return False
    if name in lex.cities or name in lex.counties or name in lex.provinces or lex.org_suffix(name):
        return False
    if name in lex.countries:  # 马拉维人民: the model reads some countries as people
        return False
    if before.endswith(ROLE_LEADS):
        return False  # 饰演王掌柜: the role played, not a person
    if any(name.startswith(r) for r in lex.person_role_nouns + person_leads() if len(r) >= 2 and len(name) - len(r) <= 1):
        return False  # 车主刘 (车主刘女士): a role and a surname, not a name
    if len(name) == 1:  # 江主席 is a name; 王大爷, 李某某, 老王, 市民王女士 are forms of address
        if after.startswith(("先生", "女士")) and before.endswith(lex.person_role_nouns):
            return False
        if after.startswith("总") and not any(after.startswith(p) for p in lex.posts if p.startswith("总")):
            return False  # 王总说: a form of address; 江总书记 keeps its surname
        return (name in lex.surnames and not after.startswith(lex.forms_of_address)
                and not before.endswith(("老", "小", "姓"))  # 一位姓马的乘客: a surname, no name
                and not (after and after[0] != "家" and _dictionary_word(name + after[0], SURNAME_WORD_FREQUENCY)))
    # 王者荣耀: the surname starts a word (张家 stays: the family of a person named by the surname)
    if len(name) == 2 and lex.is_surname_start(name, 0) == 1 and name[1] in "总董":
        return False  # 王总, 李董: a surname and a form of address, not a name
    if len(name) == 2 and before.endswith(("老", "小")) and name[1] in "头儿":
        return False  # 老李头, 小王儿: a form of address
    if addressed_surname(name, before, lex):
        return False  # 老李每天都去公园, 小张拨打了电话: 老李 / 小张 is a form of address, 每天 no given name
    if lex.is_surname_start(name, 0) and len(name) <= 3:
        return is_plausible_name(name, lex)
    if before.endswith("的") and not before.endswith("岁的"):
        return False  # 宁津的罗赛罗德: a name that is not Chinese, owned by a place, is a company or a brand
    return len(name) <= (20 if _joined(name) else 12)  # 瓦西里斯·康斯坦塔科普洛斯


ROLE_LEADS = ("饰演", "扮演", "饰")


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


def repaired_ner_name(text: str, start: int, end: int, lex: Lexicons) -> tuple[int, int]:
    """The model's Chinese name with its left edge repaired: a compound surname it left out (上官 + 文博), a
    character of the word before it taken in (快递小哥石磊: 哥 belongs to 小哥), or a lone surname whose
    given name it missed (刘 in 刘海洋跳入…, not 江 in 江主席 nor 王 in 王大爷)."""
    name = text[start:end]
    if not all(is_cjk(c) for c in name):
        return start, end
    if 2 <= len(name) <= 2 and start >= 2 and lex.surnames.get(text[start - 2:start]) == "compound" \
            and not lex.is_surname_start(name, 0) == 2:
        return start - 2, end
    if len(name) in (3, 4) and not lex.is_surname_start(name, 0) and name[0] not in lex.transliteration and name[0] not in "老小阿" \
            and start > 0 and is_plausible_name(name[1:], lex) and _jieba_word(text[start - 1:start + 1]):
        return start + 1, end
    if len(name) == 1 and name in lex.surnames and end < len(text) and is_cjk(text[end]) \
            and not boundary_at(text, end, lex) and not text.startswith(lex.forms_of_address + PERSON_TITLES, end) \
            and not any(text[end:end + n] in lex.posts for n in range(1, 7)):
        found = name_at(text, start, lex)
        if found and found[1] - found[0] == 3 and _word_starts_at(text, found[1]):
            return found
    return start, end


PERSON_TITLES = ("老", "姥", "教授", "博士", "医生", "大夫", "院士", "同志", "主任", "经理")  # 李老, 毕教授: no given name


SURNAME_WORD_FREQUENCY = 200  # jieba counts: 王者 281, 张家 378; 马列 102 (马 is Marx), 江主, 李老 0


def _dictionary_word(word: str, frequency: int) -> bool:
    """Whether ``word`` is in jieba's dictionary with at least ``frequency``."""
    import jieba  # the NER model's soft-word features load it anyway

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) >= frequency


def _jieba_word(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary (小哥, 大叔)."""
    import jieba  # the NER model's soft-word features load it anyway

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0


def trimmed_ner_name_end(text: str, start: int, end: int, lex: Lexicons) -> int:
    """End of an NER name that ran into the word after it (最高人民法院院长张军作工作报告: 张军, not 张军作; 陈洋称将:
    陈洋)."""
    if end - start >= 3 and (boundary_at(text, end - 1, lex, single_chars=False) or text[end - 1] in SPEECH_CHARS) \
            and is_plausible_name(text[start:end - 1], lex):
        return end - 1
    return end


SPEECH_CHARS = "称说讲"  # one-character verbs of saying a model's name runs into (总经理陈洋称将…); seldom a given name's end


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


def name_run_pieces(run: str, lex: Lexicons) -> list[str] | None:
    """The names of a span that runs two or more Chinese names together (宋平薄一波, 廖晖廖文海 in name lists
    without separators), or None: the first name has a common or compound surname, a later one a common or
    compound surname, or a rarer one with two given characters; the whole is no plausible name itself."""
    if len(run) < 4 or not all(is_cjk(c) for c in run) or is_plausible_name(run, lex):
        return None
    pieces = split_name_run(run, lex)
    if not pieces or len(pieces) < 2:
        return None
    if all(c in lex.transliteration for c in run) and not _split_where_jieba_splits(run, pieces):
        return None  # 苏亚雷斯: one transliterated name, not 苏亚 + 雷斯

    def tier(piece: str) -> str:
        return "compound" if lex.surnames.get(piece[:2]) == "compound" else lex.surnames.get(piece[0], "")

    if tier(pieces[0]) not in ("common", "compound"):
        return None
    if not all(tier(p) in ("common", "compound") or (tier(p) and len(p) == 3) for p in pieces[1:]):
        return None
    return pieces


def _split_where_jieba_splits(run: str, pieces: list[str]) -> bool:
    """Whether jieba's segmentation of ``run`` starts a word at every cut between ``pieces``."""
    starts, pos = _word_starts(run), 0
    for piece in pieces[:-1]:
        pos += len(piece)
        if pos not in starts:
            return False
    return True


# Tim Cook, Lisa Müller, Park Ji-hoon: two or three capitalized Latin words (a hyphen or an apostrophe inside a
# word allowed), the whole run of capitalized words (Golden Bridge Holdings Limited is one run of four)
_LATIN_WORD = r"[A-Z][a-zà-öø-ÿ]+(?:['’-][A-Za-zà-öø-ÿ]+)*"
LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9À-ÿ_]){_LATIN_WORD}(?: {_LATIN_WORD}){{1,2}}(?![A-Za-zÀ-ÿ0-9_])")
LATIN_RUN_AFTER = re.compile(r" +[A-Za-z0-9&]")


@lru_cache(maxsize=1)
def latin_not_name_words() -> frozenset:
    """Capitalized Latin words that make a run of them no personal name (data/latin_not_name_words.tsv)."""
    from .lexicons import read_lines

    return frozenset(w.lower() for w in read_lines("latin_not_name_words.tsv"))


def latin_names(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Latin-script personal names (Tim Cook, Lisa Müller, Park Ji-hoon) written among Chinese: a run of two or
    three capitalized words, none of them a word of organizations, products or places
    (data/latin_not_name_words.tsv), not part of a longer Latin phrase and not followed by an organization
    ending (Northwind Coffee, Blue Sky公司)."""
    found = []
    for m in LATIN_NAME.finditer(text):
        before = text[:m.start()]
        if before.endswith(" ") and re.search(r"[A-Za-z0-9&.,]$", before.rstrip(" ")) \
                and not re.search(r"(?<![A-Za-z])[A-Z]{2,4}$", before.rstrip(" ")):
            continue  # the end of a longer Latin phrase (not a role such as CEO before the name)
        if LATIN_RUN_AFTER.match(text, m.end()):
            continue  # the start of a longer Latin phrase
        words = re.split(r"[ '’-]", m.group().lower())
        if any(w in latin_not_name_words() for w in words):
            continue
        after = text[m.end():m.end() + 6]
        if lex.org_suffix(text[m.end():m.end() + 2]) or after.startswith(ORG_AFTER_LATIN):
            continue
        found.append((m.start(), m.end()))
    return found


ORG_AFTER_LATIN = ("公司", "集团", "乐队", "战队", "组合", "品牌", "平台", "基金", "资本", "银行", "酒店", "咖啡", "餐厅", "工作室",
                   "杂志", "乐团", "俱乐部", "队", "大学", "学院", "中心", "研究所", "实验室", "游戏", "系列", "项目", "号")


@lru_cache(maxsize=1)
def user_id_leads() -> tuple[str, ...]:
    """Words after which a quoted string or a Latin-script ID is a person's user name (data/user_id_leads.tsv)."""
    from .lexicons import read_lines

    return tuple(sorted(read_lines("user_id_leads.tsv"), key=len, reverse=True))


QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』，。！？、；：,!?;:\s]{1,16})[”\"」』]")
LATIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{1,23}(?![A-Za-z0-9_])")


def user_id_spans(text: str) -> list[tuple[int, int]]:
    """User names and account IDs that stand for a person (网友“小鹿2019”, 博主“深夜食堂老周”, 用户Kate_Li,
    游戏ID：Moonlit): the quoted string or the Latin ID right after a lead word (data/user_id_leads.tsv), without
    quotes. A nickname given by others (网友称她为“国民闺女”) has a verb between and is no ID."""
    found = []
    for lead in _lead_positions(text):
        rest = lead
        m = QUOTED.match(text, rest)
        if m:
            found.append((m.start(1), m.end(1)))
            continue
        m = LATIN_ID.match(text, rest)
        if m and not m.group().isupper():
            found.append((m.start(), m.end()))
    return found


def _lead_positions(text: str):
    """Offsets right after each user-ID lead word (and a colon or 叫 / 名为 after it)."""
    leads = user_id_leads()
    for i in range(len(text)):
        for lead in leads:
            if text.startswith(lead, i) and not text[:i].endswith(MANY):
                j = i + len(lead)
                for glue in ("：", ":", "名为", "叫做", "叫", "为"):
                    if text.startswith(glue, j) and glue in ("：", ":") or (text.startswith(glue, j) and lead in ACCOUNT_LEADS):
                        j += len(glue)
                        break
                yield j
                break


ACCOUNT_LEADS = ("账号", "帐号", "昵称", "网名", "ID")
MANY = ("大量", "众多", "不少", "许多", "很多", "广大", "一些", "部分", "多名", "多位", "大批", "诸多", "各位", "数万", "数千")


def extended_joined_name(text: str, start: int, end: int, lex: Lexicons,
                         people: list[tuple[int, int]] = ()) -> tuple[int, int]:
    """A transliterated name joined by · or - (迭戈·马丁内斯, 让-皮埃尔·杜兰), whole: the model sometimes loses the
    first piece (戈·马丁内斯, 皮埃尔·杜兰) or runs into the word after the last one (洛佩斯才扳平).

    The piece before a joiner the span starts after is taken; a first piece of one character is read back to
    the end of another name (``people``), a quote or punctuation (at most 6 characters); characters that
    are no transliteration characters after the last piece are dropped where a word starts."""
    name = text[start:end]
    if not JOINED.search(name) and not (start > 0 and text[start - 1] in "·•-="):
        return start, end
    if start > 1 and text[start - 1] in "·•-=" and is_cjk(text[start - 2]):
        a = start - 1
        while a > 0 and is_cjk(text[a - 1]) and start - 1 - a < 4 and not _ends_lead(text, a, lex):
            a -= 1
        start = a
    else:
        first = re.split(r"[·•=\-]", text[start:end])[0]
        a = start
        while a > 0 and start - a < 3 and text[a - 1] in lex.transliteration:
            a -= 1
        if len(first) > 1 and a < start and (a == 0 or not is_cjk(text[a - 1])):
            start = a  # “希腊怪兽”扬尼斯·…: the model lost 扬 after the closing quote
        elif len(first) == 1:
            a = start
            ends = {b for _, b in people}
            while a > 0 and is_cjk(text[a - 1]) and start - a < 6 and a not in ends and not _ends_lead(text, a, lex) \
                    and not text[:a].endswith(tuple(lex.countries)):
                a -= 1
            if a in ends:
                a = next(x for x, b in people if b == a)
            elif start - a == 6:
                a = start
            start = a
    last_joiner = max(text.rfind(j, start, end) for j in "·•-=")
    glued = _glued_word_start(text, last_joiner + 1, end) if start <= last_joiner else None
    if glued is not None and all(is_cjk(c) for c in text[last_joiner + 1:glued]):
        return start, glued  # 哈兰德梅开二度: a verb phrase jieba reads as a word of its own is no part of the name
    cut = end
    while cut > last_joiner + 2 and text[cut - 1] not in lex.transliteration and is_cjk(text[cut - 1]):
        cut -= 1
    if cut < end and end - cut <= 2 and end < len(text) and is_cjk(text[end]) and not boundary_at(text, end, lex) \
            and (_word_starts_at(text, cut) or text[cut] in ADVERBS_AFTER_NAMES):
        end = cut  # 洛佩斯才扳平, 克劳泽独中两元; 阿不都说 keeps its 都
    return start, end


ADVERBS_AFTER_NAMES = "才就也又都便还却独再已曾"  # 洛佩斯才扳平, 克劳泽独中两元
GLUED_WORD_FREQUENCY = 1  # any word of jieba's dictionary (梅开二度 has a count of 3)


def _glued_word_start(text: str, piece: int, end: int) -> int | None:
    """Where a word glued to the last piece of a joined name starts (哈兰德 | 梅开二度): the first offset after two
    characters of the piece where jieba's segmentation starts a word of two or more characters, in its dictionary,
    that is not all transliteration characters and lies inside the span; None when there is none."""
    from .lexicons import load

    transliteration = load().transliteration
    starts = sorted(_word_starts(text))
    for a, b in zip(starts, starts[1:]):
        if a < piece + 2 or a >= end:
            continue
        word = text[a:min(b, end)]
        if len(word) >= 2 and all(is_cjk(c) for c in word) and not all(c in transliteration for c in word) \
                and _dictionary_word(text[a:b], GLUED_WORD_FREQUENCY):
            return a
    return None


def _ends_lead(text: str, i: int, lex: Lexicons) -> bool:
    """Whether a post or a word that comes before names ends at text[i] (主教练让-…: 让 is read, 教练 is not)."""
    return any(text[max(0, i - n):i] in lex.posts for n in range(1, 6)) or text[i - 1] in "的和与及、是在将被由对"


@lru_cache(maxsize=1)
def credit_roles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(roles written before the name, roles written after it) from data/credit_roles.tsv, longest first."""
    from .lexicons import read_lines

    rows = read_lines("credit_roles.tsv")
    before = tuple(sorted((r for r in rows if not r.startswith("/")), key=len, reverse=True))
    after = tuple(sorted((r for r in rows if r.startswith("/")), key=len, reverse=True))
    return before, after


CREDIT_BEFORE = re.compile(r"(?:^|(?<=[\s　，,、；;（(。！？]))(?P<role>[\u4e00-\u9fff]{1,4})\s*[：:/／]\s*(?P<name>[\u4e00-\u9fff]{2,3})"
                           r"(?=$|[\s　，,、；;）)。/／])")
CREDIT_AFTER = re.compile(r"(?:^|(?<=[\s　，,、；;（(：:]))(?P<name>[\u4e00-\u9fff]{2,3})(?P<role>[/／][\u4e00-\u9fff]{1,2})"
                          r"(?=$|[\s　，,、；;）)。])")


def credit_names(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    """Names in credits (摄影：X, 出品人：X 监制：Y, 文/X, X/摄; roles in data/credit_roles.tsv): a plausible
    Chinese name, not a form of address (编辑：小王) and not a common word, standing alone between the credit
    marks."""
    before_roles, after_roles = credit_roles()
    found = []
    for m in CREDIT_BEFORE.finditer(text):
        if m.group("role") in before_roles:
            found.append(m.span("name"))
    for m in CREDIT_AFTER.finditer(text):
        if m.group("role").replace("／", "/") in after_roles:
            found.append(m.span("name"))
    return sorted({(a, b) for a, b in found if is_plausible_name(text[a:b], lex) and not _common_word(text[a:b])
                   and not text[a + lex.is_surname_start(text, a):b].startswith(lex.forms_of_address + PERSON_TITLES)})


@lru_cache(maxsize=1)
def person_leads() -> tuple[str, ...]:
    """Occupations and roles written right before a person's name (data/person_leads.tsv)."""
    from .lexicons import read_lines

    return tuple(sorted(read_lines("person_leads.tsv"), key=len, reverse=True))


def is_person_not_place(text: str, start: int, end: int, lex: Lexicons) -> bool:
    """Whether a model place is a person: a plausible Chinese name that is no listed place, right after an
    occupation (歌手X, data/person_leads.tsv) or between 据 and 介绍 / 透露 (据X介绍)."""
    name = text[start:end]
    if not is_plausible_name(name, lex) or name in lex.countries or lex.org_suffix(name):
        return False
    before, after = text[:start], text[end:end + 2]
    return before.endswith(person_leads()) or (before.endswith("据") and after in ("介绍", "透露", "表示"))


RECORD_OPENING = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})(?:先生|女士)[，,：:]")
RECORD_FIELDS = ("出生", "年生", "国籍", "学历", "汉族", "党员", "籍贯", "毕业于", "现任", "曾任", "历任")


def record_opening_name(text: str, lex: Lexicons) -> tuple[int, int] | None:
    """The name opening a résumé record as X先生， / X女士： followed by résumé fields (出生, 国籍, 学历 ...), even
    when the name is also a word (方某先生 with a given name such as 正, 格: 方正先生，1964年出生)."""
    m = RECORD_OPENING.match(text)
    if not m or not any(f in text[m.end():m.end() + 24] for f in RECORD_FIELDS):
        return None
    name = m.group("name")
    surname = lex.is_surname_start(name, 0)
    if not surname or not 1 <= len(name) - surname <= 2 or name in lex.cities or name in lex.provinces:
        return None
    return m.span("name")


QUOTE_PAIRS = {"“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》", "〈": "〉"}
TITLE_MARKS = "《〈"
SHORT_TITLE = 8  # 《长安李白》: a title this short that ends with the name is named after a character


def inside_quoted_term(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a name quoted as a term rather than a person named in the text: the whole of
    a quoted term, or with 小 / 老 / 大 / 阿 before it (“飞人”, “赵云”, “小李飞刀”: a nickname, a role, a
    character), or the end of a short title of work (《花木兰》, 《长安李白》: a work named after a character).
    A name at the start of a title or inside quoted speech (《某某传奇》, “某某打黄盖”) stays a person."""
    for left, right in QUOTE_PAIRS.items():
        opening = text.rfind(left, 0, start)
        if opening < 0 or not text.startswith(right, end):
            continue
        inner = text[opening + 1:end]
        if right in inner or (left != right and left in inner):
            continue
        name = text[start:end]
        if left in TITLE_MARKS:
            if len(inner) <= SHORT_TITLE:
                return True
        elif inner == name or (len(inner) == len(name) + 1 and inner[0] in "小老大阿"):
            return True
    return False


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
    """Names anonymized in notices and court news (王某某, 原告李某, 张某某，男，…, 赵某甲): a surname that starts a
    word, then 某 or 某某, and 甲 / 乙 where two share a surname (主张某些: 张 is inside 主张, no name)."""
    found = []
    for m in ANONYMIZED.finditer(text):
        a = m.start()
        for length in (2, 1):
            start = a - length
            if start >= 0 and lex.is_surname_start(text, start) == length and _word_starts_at(text, start):
                end = m.end()
                if text.startswith("某", end):  # 王某某某: no name
                    break
                if text[end:end + 1] in ("甲", "乙", "丙", "丁") and not text.startswith(("甲方", "乙方"), end):
                    end += 1  # 张某甲 and 张某乙: two people of one surname told apart
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


ORG_WORD_FREQUENCY = 30  # jieba counts: 国民党 9949, 民进党 61; names that end like an organ (王建党, 李建村) 0


def is_organization_name(name: str, lex: Lexicons) -> bool:
    """Whether a candidate person name is an organization (国民党 in 国民党副主席某某, read as NAME POST): a
    listed organization (data/known_orgs.tsv, data/standalone_orgs.tsv), or a name with an organization
    ending (data/org_suffixes.tsv) — of two or more characters (纸业集团, 党委), or of one (党, 局, 部) where the
    whole is a word of jieba's dictionary (国民党, 民进党; not the given names 王建党, 张卫国)."""
    from .known_orgs import listed_org_names

    if name in listed_org_names():
        return True
    suffix = lex.org_suffix(name)
    if not suffix or len(name) <= len(suffix[0]):
        return False
    return len(suffix[0]) >= 2 or _dictionary_word(name, ORG_WORD_FREQUENCY)


@lru_cache(maxsize=1)
def address_prefixes() -> tuple[str, ...]:
    """Words that make a surname after them a form of address (data/address_prefixes.tsv: 老, 小)."""
    from .lexicons import read_lines

    return tuple(read_lines("address_prefixes.tsv"))


GIVEN_WORD_FREQUENCY = 100  # jieba counts: 每天 6612, 态度 5033, 拨打 338; given names 艺谋, 建国-like rare pairs less


def addressed_surname(name: str, before: str, lex: Lexicons) -> bool:
    """Whether a three-character candidate name is a surname addressed by 老 / 小 (data/address_prefixes.tsv)
    followed by a word, not a given name (老李每天, 小张拨打, 小王态度): the prefix ends ``before`` without closing
    a word with the character before it (从小, 养老), and the two characters after the surname are a common word
    of jieba's dictionary or start one (每天都, 拨打了)."""
    if len(name) != 3 or lex.is_surname_start(name, 0) != 1:
        return False
    prefix = next((p for p in address_prefixes() if before.endswith(p)), None)
    if prefix is None:
        return False
    lead = before[:-len(prefix)]
    if lead and is_cjk(lead[-1]) and _jieba_word(lead[-1] + prefix):
        return False  # 从小张艺谋就…: 从小 is a word, 张艺谋 a name
    return _dictionary_word(name[1:], GIVEN_WORD_FREQUENCY)


def whole_transliterated_name(text: str, start: int, end: int, lex: Lexicons) -> int:
    """The end of a transliterated name the model cut inside a word (苏亚 | 雷斯 in 主教练苏亚雷斯称): where the
    span is all transliteration characters and jieba's segmentation runs one word across its end, the name
    runs to that word's end when the word too is all transliteration characters (at most 8 in all)."""
    name = text[start:end]
    if len(name) < 2 or end >= len(text) or not all(c in lex.transliteration for c in name):
        return end
    if text[end] not in lex.transliteration or _word_starts_at(text, end):
        return end  # 李娜拉开: jieba starts 拉开 at the name's end
    starts = _word_starts(text)
    word_end = min((b for b in starts if b > end), default=len(text))
    if word_end - start > 8 or not all(c in lex.transliteration for c in text[end:word_end]):
        return end
    return word_end


@lru_cache(maxsize=1)
def brand_evidence() -> dict[str, tuple[str, ...]]:
    """where -> words, longest first (data/brand_evidence.tsv: ending, shop, clause)."""
    from .lexicons import read_tsv

    found: dict[str, list[str]] = {}
    for word, where in read_tsv("brand_evidence.tsv"):
        found.setdefault(where, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in found.items()}


CLAUSE_ENDS = "，。；！？,;!?\n"


def brand_named_like_person(text: str, start: int, end: int, lex: Lexicons) -> tuple[int, int] | None:
    """The organization a name written like a person's names, or None (data/brand_evidence.tsv): an industry word
    right after it is part of the organization (陈克明面业旗下: 陈克明面业); a shop word right after it (某某门店)
    or, for a surname and a common noun (谭木匠: 木匠), a business word later in the clause (近日开出第500家门店)
    makes the name itself the organization."""
    name = text[start:end]
    if not name or not all(is_cjk(c) for c in name):
        return None
    evidence = brand_evidence()
    ending = next((w for w in evidence.get("ending", ()) if text.startswith(w, end)), None)
    if ending:
        return start, end + len(ending)
    if text.startswith(evidence.get("shop", ()), end) or _product_before_shop(text, end, evidence.get("shop", ())):
        return start, end
    surname = lex.is_surname_start(name, 0)
    if not surname or len(name) - surname != 2 or not _common_noun(name[surname:]):
        return None
    clause_end = min((i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0), default=len(text))
    if any(w in text[end:clause_end] for w in evidence.get("clause", ())):
        return start, end
    return None


def _product_before_shop(text: str, end: int, shop_words: tuple[str, ...]) -> bool:
    """Whether a product noun of two or three characters (剪刀, 烤鸭) starts at ``end`` and a shop word or 店
    follows it (剪刀老店, 烤鸭店): a shop named with a person's name and its product."""
    return any(_common_noun(text[end:end + n]) and text.startswith(shop_words + ("店",), end + n) for n in (2, 3))


def _common_noun(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a common noun (木匠, 铁匠; not 建国, 志强)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word) == "n"
