"""The data files in ``cnnews_ner/data`` as lookup structures, built once per process.

Each ``*.tsv`` has a comment header saying what it holds and where it comes from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).parent / "data"


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    lines = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lines.append(line.rstrip("\n"))
    return lines


def read_tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in read_lines(name)]


@dataclass(frozen=True)
class Post:
    title: str
    kind: str
    self_contained: bool
    byline: bool


@dataclass
class Lexicons:
    posts: dict[str, Post]
    qualifiers: list[str]
    former_qualifiers: frozenset
    proposed_qualifiers: frozenset  # 当选总统, 候任: posts not yet taken up
    org_units: dict[str, str]  # longest first: org_kind takes the longest unit a name ends with
    org_suffixes: list[tuple[str, str]]  # longest first
    abbreviations: dict[str, str]
    surnames: dict[str, str]
    not_names: set[str]
    not_name_parts: tuple[str, ...]
    forms_of_address: tuple[str, ...]
    person_role_nouns: tuple[str, ...]
    known_people: tuple[str, ...]
    countries: frozenset  # countries and international bodies (data/countries.tsv)
    country_starts: dict[str, tuple[str, ...]]  # first character -> the countries it starts
    name_boundaries: list[str]
    transliteration: frozenset
    provinces: dict[str, str]  # name or short form -> full province name
    cities: dict[str, str]  # name or short form -> full prefecture-level city name
    counties: dict[str, str]  # county-level name or short form -> full prefecture-level city name
    county_full: dict[str, str]  # short or full county name -> full county name
    words: ahocorasick.Automaton = field(repr=False, default=None)  # posts + org units + place names

    def is_surname_start(self, text: str, i: int) -> int:
        """Length of the surname starting at text[i] (2 for compound, 1, or 0)."""
        if text[i:i + 2] in self.surnames and len(text[i:i + 2]) == 2:
            return 2
        return 1 if text[i:i + 1] in self.surnames else 0

    def org_suffix(self, text: str) -> tuple[str, str] | None:
        for suffix, kind in self.org_suffixes:
            if text.endswith(suffix):
                return suffix, kind
        return None


def _short_place(name: str) -> str | None:
    """德州市 -> 德州, 武城县 -> 武城, 山东省 -> 山东; None when too short to stand alone."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县",
                   "省", "市", "县", "区", "盟", "旗", "州"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def kinds() -> dict[str, str]:
    """The kind vocabulary (data/kinds.tsv): kind -> what it covers."""
    return {kind: meaning for kind, meaning in read_tsv("kinds.tsv")}


def _check_kinds(lex: "Lexicons") -> None:
    """Raises ValueError naming a data file's kind that is not in data/kinds.tsv."""
    known = kinds()
    used = {("posts.tsv", p.kind) for p in lex.posts.values()} | {("org_units.tsv", k) for k in lex.org_units.values()}
    used |= {("org_suffixes.tsv", k) for _, k in lex.org_suffixes}
    used |= {("standalone_orgs.tsv", k) for _, k in read_tsv("standalone_orgs.tsv")}
    unknown = sorted((f, k) for f, k in used if k not in known)
    if unknown:
        raise ValueError(f"{unknown[0][0]}: kind {unknown[0][1]!r} is not in data/kinds.tsv")


@lru_cache(maxsize=1)
def load() -> Lexicons:
    posts: dict[str, Post] = {}
    for row in read_tsv("posts.tsv"):
        title, kind, flags = (row + ["", ""])[:3]
        base = Post(title, kind, "S" in flags, "B" in flags)
        posts[title] = base
        if "V" in flags:
            variants = [p + title for p in ("副", "常务副", "第一副", "执行")]
            if len(title) > 2:  # 党委书记 -> 党委副书记, 组织部部长 -> 组织部副部长 / 组织部常务副部长
                variants += [title[:-2] + p + title[-2:] for p in ("副", "常务副")]
            for variant in variants:
                posts.setdefault(variant, Post(variant, kind, base.self_contained, False))
    provinces, cities, counties, county_full = {}, {}, {}, {}
    ambiguous = set(read_lines("ambiguous_place_names.tsv"))  # 资源, 和平: words, places only with 县 / 区
    for province, city, county in read_tsv("divisions.tsv")[1:]:
        for name in (province, _short_place(province)):
            if name:
                provinces[name] = province
        if not county:
            for name in (city, _short_place(city)):
                if name:
                    cities.setdefault(name, city)
        else:
            for name in (county, _short_place(county)):
                if name and name not in ("城区", "市区", "郊区", "矿区", "新区") and name not in ambiguous:
                    counties.setdefault(name, city)
                    county_full.setdefault(name, county)
    countries = read_lines("countries.tsv")
    lex = Lexicons(
        posts=posts,
        qualifiers=sorted((row[0] for row in read_tsv("qualifiers.tsv")), key=len, reverse=True),
        former_qualifiers=frozenset(row[0] for row in read_tsv("qualifiers.tsv") if row[1:] == ["former"]),
        proposed_qualifiers=frozenset(row[0] for row in read_tsv("qualifiers.tsv") if row[1:] == ["proposed"]),
        org_units=dict(sorted(((u, k) for u, k in read_tsv("org_units.tsv")), key=lambda row: -len(row[0]))),
        org_suffixes=sorted(((s, k) for s, k in read_tsv("org_suffixes.tsv")), key=lambda x: -len(x[0])),
        abbreviations={a: f for a, f in read_tsv("abbreviations.tsv")},
        surnames={s: tier for s, tier in read_tsv("surnames.tsv")},
        not_names={w for w in read_lines("not_names.tsv") if not w.startswith("*")},
        not_name_parts=tuple(w[1:] for w in read_lines("not_names.tsv") if w.startswith("*")),
        forms_of_address=tuple(read_lines("forms_of_address.tsv")),
        person_role_nouns=tuple(read_lines("person_role_nouns.tsv")),
        known_people=tuple(read_lines("known_people.tsv")),
        countries=frozenset(countries),
        country_starts={c: tuple(n for n in countries if n[0] == c) for c in {n[0] for n in countries}},
        name_boundaries=sorted(read_lines("name_boundaries.tsv"), key=len, reverse=True),
        transliteration=frozenset(read_lines("transliteration_chars.tsv")),
        provinces=provinces, cities=cities, counties=counties, county_full=county_full,
    )
    _check_kinds(lex)
    words = ahocorasick.Automaton()
    for title, post in posts.items():
        words.add_word(title, ("post", title))
    for unit in lex.org_units:
        if unit not in posts:
            words.add_word(unit, ("unit", unit))
    # Words that contain a post but are no post: they win as longer matches.
    for blocker in ("书记处", "书记员", "主任科员", "委员会", "常委会", "秘书处", "记者会", "记者站", "记者节",
                    "编辑部", "主席团", "主席台", "董事会", "监事会", "理事会", "局长级", "部长级", "经理人",
                    "院长办公会", "市长热线", "县长热线", "负责人员", "记者席", "总裁高峰会", "主席国", "大使馆",
                    "领事馆", "总领事馆"):
        words.add_word(blocker, ("other", blocker))
    words.make_automaton()
    lex.words = words
    return lex
