"""Biographies from résumé and notice records: where a record is, its fields, and its dated career rows.

A record opens at a name followed by a gender (甲，男，… / 甲（女，…）) or by 先生 / 女士 and a colon or comma
(listed companies' executive résumés: 甲先生：1963年出生，…). It runs to the next record's name, to a notice's
closing words (公示期…, data/biography_fields.tsv ``record_end``), or to the end of its paragraph, unless
the next lines are its career lines (a date or 历任 / 现任… at the line start). A pre-appointment notice
(任前公示) that lists many people gives one record per person.

Everything is read on the normalized text (Simplified characters, ASCII punctuation), so Traditional and
full-width text read the same; the offsets written to the tables point into the original decoded text
(``original[start:end]`` is the span as written).

Career rows come from three shapes: dated lines (``1995.07—2001.03 某县农业局科员``, ``2001年3月至2006年5月，
任某镇党委副书记、镇长``, ``2016年5月起任…``), trigger clauses of data/office_patterns.tsv (历任…；现任…；
拟任…), read with the title chains of titles.py, and appointment and removal lists (任命甲为…, 免去乙的…职务)
from the offices the rules found. Dates are ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD); a part the text
does not give stays empty.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicons
from .lexicons import Lexicons, Post, read_tsv
from .names import is_acceptable_ner_name, is_cjk, is_plausible_name
from .orgs import ANAPHORIC_ORG_NOUNS, canonical_org, names_no_organization, org_kind, resolve_anaphor
from .titles import DELIMITERS, _chain_after, _PostMatch, find_posts, office_patterns

# ---- data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """The words of data/biography_fields.tsv, by field."""

    ethnicities: dict  # as written -> the group's name (畬族, a variant form, -> 畲族)
    education: tuple[tuple[str, str], ...]  # (word, level), highest level first
    parties: tuple[tuple[str, str], ...]  # (word, party), longest word first
    professional_titles: frozenset
    career_posts: dict  # post -> kind
    record_ends: tuple[str, ...]
    career_leads: tuple[str, ...]


@lru_cache(maxsize=1)
def fields() -> Fields:
    """data/biography_fields.tsv, loaded once. Raises ValueError naming a line with an unknown field."""
    rows = read_tsv("biography_fields.tsv")[1:]  # the first row is the column header
    known = {"ethnicity", "education", "party", "professional_title", "career_post", "record_end", "career_lead"}
    by: dict[str, list[tuple[str, str]]] = {k: [] for k in known}
    for row in rows:
        name, word, value = (row + ["", ""])[:3]
        if name not in known or not word:
            raise ValueError(f"biography_fields.tsv: unknown field or empty word in {chr(9).join(row)!r}")
        by[name].append((word, value))
    return Fields(
        ethnicities=dict(by["ethnicity"]),
        education=tuple(by["education"]),
        parties=tuple(sorted(by["party"], key=lambda x: -len(x[0]))),
        professional_titles=frozenset(w for w, _ in by["professional_title"]),
        career_posts=dict(by["career_post"]),
        record_ends=tuple(w for w, _ in by["record_end"]),
        career_leads=tuple(sorted((w for w, _ in by["career_lead"]), key=len, reverse=True)),
    )


# ---- dates --------------------------------------------------------------------------------------------

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0"}
_YEAR = r"(?:1[89]\d\d|20\d\d|[一][九八][〇○零一二三四五六七八九]{2}|二[〇○零][〇○零一二三四五六七八九]{2})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
# 1976年5月(3日), 1976年, 1968.05(.03), 1968/5, 1968-05 (a hyphen only before a month of one or two digits)
DATE = (rf"{_YEAR}(?:\s*年\s*{_MONTH}\s*月(?:\s*{_DAY}\s*日)?|\s*年|[./]\s*{_MONTH}(?![0-9])(?:[./]{_DAY}(?![0-9]))?"
        rf"|-{_MONTH}(?![0-9])(?!-\d{{1,2}}(?![0-9])))?")
DATE_RE = re.compile(DATE)


def _cn_number(s: str) -> int:
    """五 -> 5, 十二 -> 12, 二十三 -> 23, 一九七六 -> 1976 (digit by digit)."""
    if "十" not in s:
        return int("".join(_CN_DIGITS.get(c, c) for c in s))
    tens, _, ones = s.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def parse_date(written: str) -> str:
    """An ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD) from a written date (1976年5月, 1968.05, 一九七六年五月,
    2001年3月3日); "" when no year is written. A month or day out of range is left out, never guessed."""
    parts = re.findall(r"\d+|[〇○零一二三四五六七八九十]+", written)
    if not parts or len(parts[0]) != 4:
        return ""
    numbers = [_cn_number(p) for p in parts[:3]]
    out = f"{numbers[0]:04d}"
    if len(numbers) > 1 and 1 <= numbers[1] <= 12:
        out += f"-{numbers[1]:02d}"
        if len(numbers) > 2 and 1 <= numbers[2] <= 31:
            out += f"-{numbers[2]:02d}"
    return out


# ---- records ------------------------------------------------------------------------------------------

# a gender right after the name (，男， / （女） / ，男。) or after its ethnic group (，汉族，男，), or 先生 / 女士
# and a colon or comma (a form's 性别：男 after the name, and a table row's 王某某 男 汉族 … count as well)
RECORD_MARK = re.compile(r"\s*(?:[,(]|[,\s]*性别\s*:?|,[\u4e00-\u9fff]{1,4}族,)\s*(?P<gender>[男女])(?=\s*[,)、。;:\s]|$)"
                         r"|[ \t]+(?P<cell>[男女])(?=[ \t])|(?P<honorific>先生|女士)\s*[:,]")
# after 先生 / 女士 a record must say something biographical soon (甲先生，感谢… is no record)
BIO_HINT = re.compile(rf"{DATE}|出生|国籍|学历|籍贯|民族|党员")
NAME_BEFORE = set(DELIMITERS) | set("0123456789.、。：:）)】 \u3000") | {"\n"}
RECORD_LABEL = re.compile(r"(?:姓名|候选人|人选)\s*[:]\s*$")


@dataclass(frozen=True)
class RecordSpan:
    """A record in the normalized text: its name [name_start, name_end) and the record [start, end)."""

    name_start: int
    name_end: int
    start: int
    end: int
    gender: str
    table_row: bool = False  # opened by a table row's 王某某 男 汉族 1976.05 …: fields are unlabelled


def _placeholder_name(name: str, lex: Lexicons) -> bool:
    """盛某某, 李某, 欧阳某: a surname and 某 placeholders, as anonymized notices write names."""
    surname = lex.is_surname_start(name, 0)
    rest = name[surname:]
    return bool(surname) and rest in ("某", "某某")


def _record_name(text: str, end: int, lex: Lexicons, ner_people: dict[int, int]) -> tuple[int, int] | None:
    """The name that ends at ``end`` and opens a record: the model's person ending there, else a name with a
    middle dot, else the longest plausible name (surname lexicon, 某 placeholders) that starts a clause."""
    def starts_clause(a: int) -> bool:
        return a == 0 or text[a - 1] in NAME_BEFORE or bool(RECORD_LABEL.search(text, max(0, a - 6), a))

    for a in range(max(0, end - 20), end - 1):
        # the model's span is evidence of where the name starts (经研究，拟任用王建国，男，…: no clause start)
        if ner_people.get(a) == end and is_acceptable_ner_name(text[a:end], lex, text[max(0, a - 3):a]):
            return a, end
    a = end
    while a > max(0, end - 20) and (is_cjk(text[a - 1]) or text[a - 1] in "·•"):
        a -= 1
    if "·" in text[a:end] or "•" in text[a:end]:  # 阿依古丽·某某: a name written with a middle dot, whole
        return (a, end) if starts_clause(a) and is_plausible_name(text[a:end], lex) else None
    for length in (4, 3, 2):
        a = end - length
        name = text[a:end] if a >= 0 else ""
        if name and starts_clause(a) and (is_plausible_name(name, lex) or _placeholder_name(name, lex)):
            return a, end
    return None


def _line_continues_record(line: str) -> bool:
    """The next line of a record is its career part: a date or a career word (历任, 简历…) opens it."""
    line = line.lstrip(" \t\u3000")
    return bool(DATE_RE.match(line)) or line.startswith(fields().career_leads)


def _record_end(text: str, start: int, limit: int) -> int:
    """Where the record that starts at ``start`` ends (``limit``: the next record's start)."""
    ends = fields().record_ends
    pos = start
    while True:
        nl = text.find("\n", pos, limit)
        if nl < 0:
            end = limit
            break
        nxt = nl + 1
        while nxt < limit and text[nxt] in " \t\u3000\n":
            nxt += 1
        line = text[nxt:text.find("\n", nxt, limit) if text.find("\n", nxt, limit) >= 0 else limit]
        if nxt >= limit or line.startswith(ends) or not _line_continues_record(line):
            end = nl
            break
        pos = nxt
    for word in ends:  # a closing sentence inside the paragraph (…拟任某职务。公示期为…)
        cut = text.find(word, start, end)
        while cut > start and text[cut - 1] not in "。;\n ":
            cut = text.find(word, cut + 1, end)  # 大学以上学历: the word inside a sentence closes nothing
        if cut > start:
            end = cut
    while end > start and text[end - 1] in " \t\u3000\n":
        end -= 1
    return end


def find_records(text: str, lex: Lexicons | None = None, ner_people: dict[int, int] | None = None) -> list[RecordSpan]:
    """Records in the normalized ``text``, in order; offsets are offsets of ``text``, end exclusive.

    ``ner_people``: the model's PERSON spans as {start: end} (text offsets), preferred for the name."""
    lex = lex or lexicons.load()
    ner_people = ner_people or {}
    opened: list[tuple[int, int, str, bool]] = []
    for m in RECORD_MARK.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if m.group("honorific") and not BIO_HINT.search(text, m.end(), m.end() + 40):
            continue
        if text.endswith("同志", 0, end):
            end -= 2  # 王某某同志，男，…: the name ends before the form of address
        name = _record_name(text, end, lex, ner_people)
        if name is None or (opened and name[0] < opened[-1][1]):
            continue
        gender = m.group("gender") or m.group("cell") or ("男" if m.group("honorific") == "先生" else "女")
        opened.append((name[0], name[1], gender, bool(m.group("cell"))))
    records = []
    for k, (a, b, gender, table_row) in enumerate(opened):
        limit = opened[k + 1][0] if k + 1 < len(opened) else len(text)
        records.append(RecordSpan(a, b, a, _record_end(text, b, limit), gender, table_row))
    return records


# ---- fields -------------------------------------------------------------------------------------------

CLAUSE_SPLIT = re.compile(r"[,;。、:\n()\s]")


def _clauses(body: str) -> list[str]:
    return [c.strip() for c in CLAUSE_SPLIT.split(body) if c.strip()]


BIRTH = re.compile(rf"(?:出生(?:年月|日期|时间)?\s*[:]?\s*|生于\s*)({DATE})|({DATE})\s*(?:出生|生人|生(?![产活态效意]))")
WORK_START = re.compile(rf"({DATE})\s*参加工作|参加工作(?:时间)?\s*[:]?\s*({DATE})")
PARTY_NAMES = ("中国共产党|中国国民党革命委员会|中国民主同盟|中国民主建国会|中国民主促进会|中国农工民主党|中国致公党"
               "|九三学社|台湾民主自治同盟|民革|民盟|民建|民进|农工党|致公党|台盟")
# the date of joining a party: 1997年6月加入中国共产党, 2003.12入党, 入党时间：1997.06 (a form's label)
JOINED = re.compile(rf"({DATE})\s*(?:加入(?:{PARTY_NAMES})|入党|入盟)|(?:入党|入盟|加入党派)时间\s*[:]?\s*({DATE})")
BIRTHPLACE_LABEL = re.compile(r"(?:籍贯|出生地|出生于|生于)\s*[:]?\s*([\u4e00-\u9fff]{2,14})")
BIRTHPLACE = re.compile(r"^([\u4e00-\u9fff]{2,14}?)人$")
NATIONALITY = re.compile(r"^(?:具有|拥有)?(?!原|祖|党|学|户)([\u4e00-\u9fff]{1,8}?)国?籍$")  # 中国国籍, 中国籍
RESIDENCE = re.compile(r"^(无|没有|拥有|有|具有)?(.*?)(?:境外)?(?:永久)?居留权$")
# 经济学硕士学位, and a field's degree without 学位 (法学硕士, 工学学士; 某大学硕士 is schooling)
DEGREE = re.compile(r"(博士|硕士|学士)学位|(?<!大)学(博士|硕士|学士)$")


@dataclass
class Biography:
    """One record's fields. ``start``/``end``: the record; ``name_start``/``name_end``: its name (original
    text offsets, end exclusive)."""

    name: str
    surface: str
    name_start: int
    name_end: int
    start: int
    end: int
    gender: str = ""
    ethnicity: str = ""
    birth: str = ""
    birthplace: str = ""
    birthplace_division: str = ""
    education: str = ""
    education_mode: str = ""
    degree: str = ""
    party: str = ""
    party_joined: str = ""
    work_start: str = ""
    professional_titles: str = ""  # ;-joined
    nationality: str = ""
    residence_abroad: str = ""


def record_fields(body: str, lex: Lexicons | None = None, table_row: bool = False) -> dict[str, str]:
    """The fields of a record's text after its name (normalized): ethnicity, birth, birthplace (as written and
    as a division of data/divisions.tsv), education (the highest level written, its mode 在职 / 全日制, the
    degree), party and joining date, work start, professional titles, nationality, residence rights abroad.
    A field the text does not give is "". ``table_row``: the record is a row of a table (王某某 男 汉族
    1976.05 江苏盐城 …), whose first date is the birth and whose place is a cell of its own."""
    lex = lex or lexicons.load()
    f = fields()
    out = dict.fromkeys(("ethnicity", "birth", "birthplace", "birthplace_division", "education", "education_mode",
                         "degree", "party", "party_joined", "work_start", "professional_titles", "nationality",
                         "residence_abroad"), "")
    m = BIRTH.search(body)
    if m:
        out["birth"] = parse_date(m.group(1) or m.group(2))
    m = WORK_START.search(body)
    if m:
        out["work_start"] = parse_date(m.group(1) or m.group(2))
    m = BIRTHPLACE_LABEL.search(body)
    if m:
        division, used = _division_parse(m.group(1))
        if division:  # 出生于江苏盐城一个农民家庭: the place is what the gazetteer reads
            out["birthplace"], out["birthplace_division"] = m.group(1)[:used], division
    ranks = {level: i for i, level in enumerate(dict.fromkeys(level for _, level in f.education))}
    best = None
    titles: list[str] = []
    for clause in _clauses(body):
        if not out["ethnicity"] and clause in f.ethnicities:
            out["ethnicity"] = f.ethnicities[clause]
        if not out["birthplace"]:
            m = BIRTHPLACE.search(clause)
            place = m.group(1) if m else ""
            division = division_of(place, lex) if place else ""
            if division:
                out["birthplace"], out["birthplace_division"] = place, division
        # 学历 (schooling), not 学位 (the degree, its own column): 研究生学历，工学博士学位 is 研究生
        # a clause that is an education word, or ends with one after a school's name (清华大学硕士; a school's
        # name alone, 某大学, says nothing of the level)
        schooling = any(w in clause for w in ("学历", "毕业", "文化程度")) or clause.lstrip("在职全日制") in (
            w for w, _ in f.education) or (clause.endswith(tuple(w for w, _ in f.education if w != "大学"))
                                           and not DEGREE.search(clause))
        if schooling:
            for word, level in f.education:
                pos = clause.find(word)
                if pos >= 0 and (best is None or ranks[level] < ranks[best[0]]):
                    mode = "在职" if "在职" in clause[:pos] else "全日制" if "全日制" in clause[:pos] else ""
                    best = (level, mode)
        m = DEGREE.search(clause)
        if m and not out["degree"]:
            out["degree"] = m.group(1) or m.group(2)
        if not out["party"]:
            for word, party in f.parties:
                if word in clause and not (party == "群众" and clause != "群众"):
                    out["party"] = party
                    joined = JOINED.search(body)
                    if joined and party != "无党派":
                        out["party_joined"] = parse_date(joined.group(1) or joined.group(2))
                    break
        title = clause[2:] if clause.startswith(("具有", "拥有")) else clause
        title = re.sub(r"(?:职称|任职资格|资格)$", "", title)
        if title in f.professional_titles and title not in titles:
            titles.append(title)
        m = NATIONALITY.match(clause)
        if m and not out["nationality"]:
            # 中国籍 reads 中 + 国籍 as well: no country is one character, so the 国 is the country's
            out["nationality"] = m.group(1) + "国" if len(m.group(1)) == 1 else m.group(1)
        m = RESIDENCE.match(clause)
        if m and not out["residence_abroad"]:
            said, where = m.group(1) or "", m.group(2).strip()
            out["residence_abroad"] = "无" if said in ("无", "没有") else (where or "有")
    if table_row:
        _table_row_fields(body, out, lex)
    if best:
        out["education"], out["education_mode"] = best
    out["professional_titles"] = ";".join(titles)
    return out


AUTONOMOUS = re.compile(r"^([\u4e00-\u9fff]{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+自治[州县旗区]$")


def _table_row_fields(body: str, out: dict[str, str], lex: Lexicons) -> None:
    """A table row's unlabelled cells: the first date not followed by 参加工作 / 入党 is the birth, and a cell
    that is a division as a whole (江苏盐城) the birthplace."""
    row = body.split("\n", 1)[0]
    if not out["birth"]:
        for m in DATE_RE.finditer(row):
            if not row.startswith(("参加工作", "入党", "加入"), m.end()) and re.fullmatch(r"\d{4}.+", m.group()):
                out["birth"] = parse_date(m.group())
                break
    if not out["birthplace"]:
        for cell in row.split():
            division, used = _division_parse(cell)
            if division and used == len(cell):
                out["birthplace"], out["birthplace_division"] = cell, division
                break


@lru_cache(maxsize=1)
def _division_index() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Name or short form of every division in data/divisions.tsv -> its (province, city, county) rows."""
    from .lexicons import _short_place

    index: dict[str, set] = {}
    for province, city, county in read_tsv("divisions.tsv")[1:]:
        entries = [(province, (province, "", "")), (city, (province, city, ""))]
        if county:
            entries.append((county, (province, city, county)))
        for full, row in entries:
            # 浦东新区 -> 浦东, 喀什地区 -> 喀什
            short = full[:-2] if full.endswith(("新区", "地区")) and len(full) >= 4 else _short_place(full)
            autonomous = AUTONOMOUS.match(full)  # 凉山彝族自治州 -> 凉山, 恩施土家族苗族自治州 -> 恩施
            for name in {full, short, autonomous.group(1) if autonomous else ""}:
                if name:
                    index.setdefault(name, set()).add(row)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def division_of(place: str, lex: Lexicons | None = None) -> str:
    """江苏盐城 -> 江苏省盐城市, 山东临沂沂南 -> 山东省临沂市沂南县, 盐城 -> 江苏省盐城市: the division of
    data/divisions.tsv a written birthplace names, as its full name (province, city, county joined); "" when
    the text names none or names several (a short county name two provinces share, with nothing before it)."""
    return _division_parse(place)[0]


def _division_parse(place: str) -> tuple[str, int]:
    """(the division's full name or "", how many characters of ``place`` name it); see division_of."""
    index = _division_index()
    chosen: tuple[str, str, str] | None = None
    i = 0
    while i < len(place):
        step = None
        for length in range(min(12, len(place) - i), 1, -1):
            rows = [r for r in index.get(place[i:i + length], ()) if _deeper(r, chosen)]
            if rows:
                step = (length, rows)
                break
        if step is None:
            break
        length, rows = step
        # the highest level the name has: 吉林 is the province before 延边, 恩施 the prefecture before 恩施市
        highest = min(_level(r) for r in rows)
        rows = [r for r in rows if _level(r) == highest]
        if len(rows) > 1:
            break  # ambiguous: keep what is certain
        chosen, i = rows[0], i + length
    if chosen is None:
        return "", 0
    province, city, county = chosen
    return province + (city if city and city != province else "") + county, i


def _level(row: tuple[str, str, str]) -> int:
    return 3 if row[2] else 2 if row[1] else 1


def _deeper(row: tuple[str, str, str], chosen: tuple[str, str, str] | None) -> bool:
    """Whether ``row`` lies inside ``chosen`` and is below it (盐城 after 江苏)."""
    if chosen is None:
        return True
    if _level(row) <= _level(chosen):
        return False
    return all(c == r for c, r in zip(chosen, row) if c)


# ---- careers ------------------------------------------------------------------------------------------

RANGE_SEP = r"(?:—+|–+|-+|~|至|到)"
OPEN_END = ("至今", "今", "现在", "现今")
DATED = re.compile(rf"(?:\d{{1,2}}[.、)]\s*)?(?:自|从|于)?({DATE})\s*(?:{RANGE_SEP}\s*({DATE}|至今|现今|现在|今)?|(起|以来))?\s*[,:]?\s*")
NOT_CAREER_AFTER_DATE = ("生", "出生", "参加工作", "加入", "入党", "毕业", "入学", "入伍")
CAREER_VERBS = ("先后担任", "先后任", "担任", "任职", "任", "在")  # after a date, before the post


NOMINEE_WORDS = re.compile(r"(?<=[长任记员席理事委])(?:人选|候选人|提名人选)(?=[,;。)\s]|$)")


LABEL_AFTER_TRIGGER = re.compile(r"(?:职务|职位)\s*:?\s*")


@dataclass
class Career:
    """One dated (or trigger) career post of a record, or an appointment / removal. ``start``/``end``: the
    evidence (the line or clause from its date or trigger to the post), original text offsets."""

    name: str
    start_date: str
    end_date: str
    title: str
    org: str
    status: str
    rule: str  # dated / verb / appoint / remove
    start: int
    end: int
    qualifier: str = ""
    kind: str = ""
    org_start: int = -1  # normalized offsets of the organization as written (for the offices table)
    org_end: int = -1
    norm_start: int = -1  # normalized offsets of the evidence
    norm_end: int = -1
    verb: bool = False  # a dated post written with a verb of office (2008年起任…): an offices row too


@lru_cache(maxsize=1)
def _verb_triggers() -> tuple[tuple[str, str], ...]:
    """(trigger, status) of the NAME TRIGGER CHAIN patterns, longest first."""
    pairs = {(p.trigger, p.status) for p in office_patterns() if p.shape == "NAME TRIGGER CHAIN" and p.trigger != "-"}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def record_posts(text: str, lex: Lexicons) -> list[_PostMatch]:
    """Posts in ``text``: those of posts.tsv, and the career posts of data/biography_fields.tsv (科员,
    董事会秘书) where no longer post of posts.tsv covers them."""
    posts = find_posts(text, lex)
    extra = []
    for word in sorted(fields().career_posts, key=len, reverse=True):
        pos = text.find(word)
        while pos >= 0:
            end = pos + len(word)
            if not any(e.start < end and pos < e.end for e in extra):
                extra.append(_PostMatch(pos, end, Post(word, fields().career_posts[word], False, False)))
            pos = text.find(word, end)
    kept = [p for p in posts if not any(e.start < p.end and p.start < e.end and e.end - e.start >= p.end - p.start
                                        for e in extra)]
    extra = [e for e in extra if not any(p.start < e.end and e.start < p.end for p in kept)]
    return sorted(kept + extra, key=lambda p: p.start)


def _trigger_at(text: str, i: int) -> tuple[str, str] | None:
    for trigger, status in _verb_triggers():
        if text.startswith(trigger, i):
            return trigger, status
    return None


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the clauses of text[start:end] (after , ; 。 : white space), spaces skipped."""
    starts, i = [], start
    while i < end:
        while i < end and text[i] in " \t\u3000\n":
            i += 1
        if i < end:
            starts.append(i)
        while i < end and text[i] not in ",;。: \t\n":
            i += 1
        i += 1
    return starts


def _chains_from(text: str, i: int, posts, lex: Lexicons, status: str) -> list[tuple[int, list]]:
    """The title chain written from ``i`` and the chains of the clauses after it that are chains alone
    (历任甲局科员、乙镇镇长，丙县副县长); stops at a clause that opens with a date or a trigger. Returns
    (clause start, links) pairs."""
    out = []
    while True:
        links = _chain_after(text, i, posts, lex, status)
        if not links:
            break
        out.append((i, links))
        j = links[-1].match.end
        while j < len(text) and (text.startswith(("职务", "等职", "职"), j)):
            j += 1
        if j >= len(text) or text[j] != ",":
            break
        i = j + 1
        while i < len(text) and text[i] == " ":
            i += 1
        if DATE_RE.match(text, i) or _trigger_at(text, i):
            break
    return out


def record_careers(text: str, record: RecordSpan, lex: Lexicons | None = None) -> list[Career]:
    """Career rows of one record, in text order: dated lines and trigger clauses (历任 / 现任 / 拟任…).

    Offsets (``norm_start``/``norm_end``, ``org_start``/``org_end``) are offsets of the normalized ``text``;
    ``start``/``end`` are left -1 for the caller to map to the original text. Status: a dated post with an
    end date is former, one running 至今 (or open: 2016.05—, 2016年5月起) current, one with a start date only
    former when a later dated post follows in the record, else current; a trigger gives its pattern's status."""
    lex = lex or lexicons.load()
    name = text[record.name_start:record.name_end]
    # the record alone, in its own offsets (shifted back at the end): work per record stays linear in it.
    # 拟任某县副县长人选 / 候选人: the nominee's word ends the chain as a delimiter would (same length)
    base = record.name_start
    segment = NOMINEE_WORDS.sub(lambda m: "," * len(m.group()), text[base:record.end])
    body_start = record.name_end - base
    posts = [p for p in record_posts(segment, lex) if p.start >= body_start]
    rows: list[Career] = []
    consumed = body_start
    dated_rows: list[tuple[Career, bool]] = []  # (row, start date only), in text order
    for i in _clause_starts(segment, body_start, len(segment)):
        if i < consumed:
            continue
        m = DATED.match(segment, i)
        if m and m.group(1) and m.end() > i:
            rest = m.end()
            if segment.startswith(NOT_CAREER_AFTER_DATE, rest):
                continue
            first, last, since = parse_date(m.group(1)), m.group(2) or "", m.group(3)
            has_range = m.group(0).rstrip(" ,:").endswith(tuple("—–-~至到")) or bool(m.group(2))
            verb = next((v for v in CAREER_VERBS if segment.startswith(v, rest)), "")
            trigger = _trigger_at(segment, rest)
            status = "former" if last and last not in OPEN_END else "current"  # a start date alone: see below
            if trigger and trigger[1] == "proposed":
                status = "proposed"
            chain_start = rest + (len(trigger[0]) if trigger else len(verb))
            end_date = "" if last in OPEN_END or not last else parse_date(last)
            for clause_start, links in _chains_from(segment, chain_start, posts, lex, status):
                for link in _with_jurisdiction(links):
                    row = _career(name, first, end_date, link, "dated", i)
                    row.verb = bool(trigger) or verb in ("任", "担任", "先后任", "先后担任")
                    rows.append(row)
                    dated_rows.append((row, not has_range and not since))
                consumed = links[-1].match.end
            continue
        trigger = _trigger_at(segment, i)
        if trigger is None and i > 0 and segment[i] in "现也还并又曾先后":
            trigger = _trigger_at(segment, i + 1)
            i_trigger = i + 1
        else:
            i_trigger = i
        if trigger is None or (trigger[0] == "任" and i_trigger != i):
            continue
        after = i_trigger + len(trigger[0])
        label = LABEL_AFTER_TRIGGER.match(segment, after)  # 现任职务：某县财政局局长 (a form's label)
        for clause_start, links in _chains_from(segment, label.end() if label else after, posts, lex, trigger[1]):
            rows.extend(_career(name, "", "", link, "verb", i) for link in _with_jurisdiction(links))
            consumed = links[-1].match.end
    for row, start_only in dated_rows:
        if start_only and row.status == "current" and dated_rows[-1][0].norm_start > row.norm_start:
            row.status = "former"  # a later dated post follows
    for row in rows:
        row.norm_start, row.norm_end = row.norm_start + base, row.norm_end + base
        if row.org_start >= 0:
            row.org_start, row.org_end = row.org_start + base, row.org_end + base
    return rows


def _with_jurisdiction(links: list) -> list:
    """某镇党委副书记、镇长: a post that names its jurisdiction's level (镇长, 县长) with no organization written
    gets the place of the organization before it at that level (某镇; 某县 from 某县委), not written
    (org_start stays -1)."""
    out = []
    for k, link in enumerate(links):
        title = link.post.title.lstrip("副常务")
        if not link.org and k and len(title) == 2 and title[1] == "长" and title[0] in "镇乡县市区":
            prev = out[-1].org
            cut = prev.find(title[0])
            if cut >= 1:
                link = replace(link, org=prev[:cut + 1])
        out.append(link)
    return out


def _career(name: str, start_date: str, end_date: str, link, rule: str, opened_at: int) -> Career:
    return Career(name, start_date, end_date, link.post.title, link.org, link.status, rule, -1, -1,
                  link.qualifier, link.post.kind, link.org_start, link.org_end, opened_at, link.match.end)


# ---- the stage ----------------------------------------------------------------------------------------

def stage_biographies(doc) -> None:
    """needs sentences, ner, mentions, offices (stage_rules); adds biographies and careers, a PERSON mention
    for each record's name the model missed (盛某某，男，…), and an office (rule ``verb``) for each post of a
    record written with a verb of office (现任…, 曾任…, 2008年起任…) that the sentence rules could not
    attribute (the subject is in an earlier sentence, as in 甲先生：1963年出生。曾任…，现任…); dated lines
    without a verb (1995.07—2001.03 某县农业局科员) give careers rows only. Offsets written are original text
    offsets; ``original[start:end]`` is the evidence as written."""
    from .pipeline import Mention, Office, _dedupe, _dedupe_offices

    lex = lexicons.load()
    text = doc.norm.text
    starts = [s.start for s in doc.sentences]
    ner_people = {}
    for s in doc.sentences:
        for span in (doc.ner[s.index] if doc.ner else []):
            if span.type == "PERSON":
                ner_people[s.start + span.start] = s.start + span.end
    records = [r for r in find_records(text, lex, ner_people) if not _in_boilerplate(doc, starts, r.start)]
    doc.biographies, doc.careers = [], []
    if not records:
        doc.careers = _list_careers(doc, [])
        return
    # the company the document is about is named before its records (a report's title), not inside one
    first = doc.norm.original_span(records[0].start, records[0].start + 1)[0]
    earlier_orgs = [m.text for m in sorted(doc.mentions, key=lambda m: m.start) if m.type == "ORG" and m.end <= first]
    people = {(m.start, m.end) for m in doc.mentions if m.type == "PERSON"}
    held: dict[tuple[str, str, str], list] = {}
    for o in doc.offices:
        held.setdefault((o.person, o.title, o.org), []).append(o)
    names, new_mentions, new_offices = [], [], []
    for record in records:
        name = text[record.name_start:record.name_end]
        a, b = doc.norm.original_span(record.name_start, record.name_end)
        start, end = doc.norm.original_span(record.start, record.end)
        bio = Biography(name, doc.norm.original[a:b], a, b, start, end, gender=record.gender,
                        **record_fields(text[record.name_end:record.end], lex, record.table_row))
        doc.biographies.append(bio)
        if (a, b) not in people:
            names.append((a, b))
            sentence = max(0, bisect_right(starts, record.name_start) - 1)
            new_mentions.append(Mention("", "PERSON", name, bio.surface, a, b, sentence, "rules"))
        for career in record_careers(text, record, lex):
            career.start, career.end = doc.norm.original_span(career.norm_start, career.norm_end)
            if names_no_organization(career.org):  # 现任某公司董事长: no organization named
                career.org, career.org_start, career.org_end = "", -1, -1
            written = career.org if career.org_start >= 0 else ""  # a jurisdiction filled in is not written
            if career.org in ANAPHORIC_ORG_NOUNS:  # 本公司: the company the document is about, named before
                career.org = resolve_anaphor(career.org, earlier_orgs) or career.org
            doc.careers.append(career)
            key = (name, career.title, written)
            k = max(0, bisect_right(starts, career.norm_start) - 1)
            for o in held.get(key, ()):
                if o.sentence != k or o.start != a:
                    continue  # only the sentence rules' office of this clause and this record's person
                if career.rule == "dated":
                    o.status = career.status  # the dates say whether the post is still held (…至2006年5月)
                if career.org != written:  # 本公司 is the company named before the records, not the last one
                    o.org_canonical = canonical_org(career.org, doc.city, doc.newspaper, doc.county)
            if (career.rule in ("verb", "dated") or career.verb) and key not in held:
                office = _record_office(doc, career, written, (a, b), starts, lex, Office)
                held[key] = [office]
                new_offices.append(office)
    doc.careers.extend(_list_careers(doc, [(r.start, r.end) for r in records]))
    if new_mentions:
        # the record's name is the person: a model span that cuts it differently is dropped
        names.sort()
        kept = [m for m in doc.mentions if m.type != "PERSON" or not _overlaps(names, m.start, m.end)]
        doc.mentions = _dedupe(kept + new_mentions)
    if new_offices:
        doc.offices = _dedupe_offices(doc.offices + new_offices)


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps one of the sorted, disjoint ``spans``."""
    k = bisect_right(spans, (b, -1)) - 1
    return k >= 0 and spans[k][1] > a


def _list_careers(doc, spans: list[tuple[int, int]]) -> list[Career]:
    """Career rows of the appointments and removals the rules read (任命甲为…, 免去乙的…职务) outside the
    records (``spans``, normalized): 任命 starts a post (current), 免去 ends one (former); the evidence is
    the sentence."""
    rows = []
    for o in doc.offices:
        if o.rule in ("appoint", "remove") and not _inside(doc, o, spans):
            s = doc.sentences[o.sentence]
            start, end = doc.norm.original_span(s.start, s.end)
            rows.append(Career(o.person, "", "", o.title, o.org_canonical or o.org, o.status, o.rule,
                               start, end, o.qualifier, o.kind))
    return rows


def _in_boilerplate(doc, starts: list[int], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and doc.sentences[k].boilerplate and pos < doc.sentences[k].end


def _inside(doc, office, spans: list[tuple[int, int]]) -> bool:
    """Whether the office's person is named inside one of the records (normalized spans)."""
    if not spans:
        return False
    s = doc.sentences[office.sentence]
    pos = next((i for i in range(s.start, s.end) if doc.norm.offsets[i] >= office.start), s.start)
    return any(a <= pos < b for a, b in spans)


def _record_office(doc, career: Career, written_org: str, person: tuple[int, int], starts: list[int], lex, Office):
    """The offices row of a record's trigger post (person offsets: the record's name)."""
    k = max(0, bisect_right(starts, career.norm_start) - 1)
    sentence = doc.sentences[k]
    org_start, org_end = (doc.norm.original_span(career.org_start, career.org_end)
                          if career.org_start >= 0 else (-1, -1))
    canonical = canonical_org(career.org, doc.city, doc.newspaper, doc.county) if career.org else ""
    kind = org_kind(career.org, lex) if career.org else career.kind
    kind = career.kind if kind == "other" else kind
    rule = "dated" if career.rule == "dated" and not career.verb else "verb"  # data/office_patterns.tsv
    return Office(career.name, career.title, written_org, canonical, career.qualifier, kind, person[0], person[1],
                  org_start, org_end, k, sentence.text, career.status, rule)
