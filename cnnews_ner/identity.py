"""Cross-document identity and the corpus-level tables (people, organizations).

This is the reduce step after the per-document map: it reads only table rows
(documents, mentions, offices), so the same code serves the in-memory API, the
streaming writer and the Ray runner, and they give equal tables.

One person_id per real person: the same name in documents of the same city (or
sharing an organization) is one person; the same name in two different cities
with nothing shared is two people.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from . import lexicons
from .orgs import (ANAPHORIC_ORG_NOUNS, GENERIC_ORG_NOUNS, canonical_org, descriptive_org, expand_abbreviations, org_kind,
                   placeholder_org, starts_like_org)


def stable_id(prefix: str, *parts: str) -> str:
    """An id that depends only on its parts, so adding documents never renumbers others."""
    return prefix + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


@dataclass
class _NameInDoc:
    doc_id: str
    city: str
    orgs: set = field(default_factory=set)
    surfaces: set = field(default_factory=set)
    mentions: int = 0
    offices: list = field(default_factory=list)
    scopes: set = field(default_factory=set)  # "national" / "province:山东省" from the posts held here


@dataclass
class CorpusIndex:
    """What the reduce step keeps of each document: small, per (name, document)."""

    cities: dict = field(default_factory=dict)  # doc_id -> (city, newspaper)
    names: dict = field(default_factory=lambda: defaultdict(dict))  # name -> doc_id -> _NameInDoc
    orgs: dict = field(default_factory=dict)  # key -> {"names": {spelling: count}, "docs": set, "city": str}
    # key as written -> doc_id -> key of the longer organization an office of that document resolved it to
    resolved: dict = field(default_factory=lambda: defaultdict(dict))

    def add_document(self, row: dict) -> None:
        if row.get("status", "ok") == "ok":
            self.cities[row["doc_id"]] = (row.get("city") or "", row.get("newspaper") or "")

    def _entry(self, doc_id: str, name: str) -> _NameInDoc:
        per_doc = self.names[name]
        if doc_id not in per_doc:
            per_doc[doc_id] = _NameInDoc(doc_id, self.cities.get(doc_id, ("", ""))[0])
        return per_doc[doc_id]

    def _add_org(self, doc_id: str, name: str) -> None:
        if not is_organization_name(name):
            return
        city, paper = self.cities.get(doc_id, ("", ""))
        canonical = canonical_org(name, city, paper)
        key = organization_key(canonical)
        entry = self.orgs.setdefault(key, {"names": defaultdict(int), "docs": set(),
                                           "city": city if name.startswith("市") else ""})
        entry["names"][canonical] += 1
        if name != canonical:
            entry["names"][name] += 0  # the spelling as written is an alias
        entry["docs"].add(doc_id)

    def add_mention(self, row: dict) -> None:
        if row["type"] == "PERSON":
            e = self._entry(row["doc_id"], row["text"])
            e.mentions += 1
            e.surfaces.add(str(row["surface"]).replace(" ", ""))
        elif row["type"] == "ORG":
            self._add_org(row["doc_id"], row["text"])

    def add_office(self, row: dict) -> None:
        e = self._entry(row["doc_id"], row["person"])
        if row.get("org_canonical"):
            e.orgs.add(organization_key(row["org_canonical"]))  # 中共临沂市委 and 临沂市委 are one organization
        label = f"{row['title']}@{row['org_canonical']}" if row.get("org_canonical") else row["title"]
        status = row.get("status") or "current"
        if status not in ("current", "acting"):
            label += f" ({status})"  # career history and proposals stay visible, marked
        e.offices.append(label)
        if status in ("current", "acting"):
            scope = post_scope(row.get("org_canonical") or "", row["title"])
            if scope:
                e.scopes.add(scope)
        if row.get("org"):
            self._add_org(row["doc_id"], row["org"])
            city, paper = self.cities.get(row["doc_id"], ("", ""))
            written = organization_key(canonical_org(row["org"], city, paper))
            resolved = organization_key(row["org_canonical"]) if row.get("org_canonical") else written
            if resolved != written and resolved.endswith(written):  # 国安队 -> 北京国安队 in this document
                self.resolved[written][row["doc_id"]] = resolved


@lru_cache(maxsize=1)
def _not_org_endings() -> tuple[tuple[str, str], ...]:
    rows = [(row[0], row[1]) for row in lexicons.read_tsv("not_org_endings.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def is_organization_name(name: str) -> bool:
    """Whether a name read as an organization belongs in the organizations table: not a dateline (大众日报讯)
    or a meeting (全市经济工作会议; data/not_org_endings.tsv), nor a bare department with no body or place
    before it (办公室, 宣传部: which one is unknown)."""
    if (name in ANAPHORIC_ORG_NOUNS or (name[:1] in "本该" and name[1:] in GENERIC_ORG_NOUNS) or descriptive_org(name)
            or placeholder_org(name)):
        return False  # 本公司, 该集团, 这家上市公司, A公司: no organization to look up
    for ending, why in _not_org_endings():
        if name.endswith(ending):
            return why == "keep"
    lex = lexicons.load()
    return not (name in lex.org_units and len(name) >= 3 and not starts_like_org(name, lex))


PARTY_PREFIX = "中共"


def organization_key(canonical: str) -> str:
    """The key that merges spellings of one organization: abbreviations expanded (市人社局 ->
    市人力资源和社会保障局) and 中共 left out before a place's party committee (中共潍坊市委组织部 = 潍坊市委组织部)."""
    lex = lexicons.load()
    rest = canonical[len(PARTY_PREFIX):]
    if canonical.startswith(PARTY_PREFIX) and "委" in rest and not rest.startswith("中央") and starts_like_org(rest, lex):
        canonical = rest
    return expand_abbreviations(canonical, lex)


NATIONAL_TITLES = ("总书记", "国家主席", "国家副主席", "总理", "副总理", "国务委员", "委员长", "副委员长")
NATIONAL_PREFIXES = ("中国", "中华", "全国", "国家", "中共中央", "中央", "国务院", "最高人民")


@lru_cache(maxsize=1)
def _province_of_city() -> dict[str, str]:
    """Full prefecture-level city name -> its province (data/divisions.tsv)."""
    return {city: province for province, city, county in lexicons.read_tsv("divisions.tsv")[1:] if not county}


def post_scope(org_canonical: str, title: str) -> str:
    """The scope in which a post's holder is one person: "national" for national and foreign posts (one
    person nationwide), "province:NAME" for provincial ones, "" for local posts (the article's city)."""
    lex = lexicons.load()
    org = org_canonical
    if (not org and title in NATIONAL_TITLES) or org.startswith(NATIONAL_PREFIXES) or org in lex.countries:
        return "national"
    for length in range(min(8, len(org)), 1, -1):
        head = org[:length]
        if head in lex.provinces and (len(org) == length or org[length:length + 1] in "省委政人纪党"):
            return "province:" + lex.provinces[head]
    return ""


def is_placeholder_name(name: str) -> bool:
    """王某, 王某某, 欧阳某: a surname and 某 placeholders, as anonymized notices and court news write names."""
    surname = name.rstrip("某")
    if name[len(surname):] not in ("某", "某某") or not 1 <= len(surname) <= 2:
        return False
    return lexicons.load().is_surname_start(surname, 0) == len(surname)


def build_index(documents: Iterable[dict], mentions: Iterable[dict], offices: Iterable[dict]) -> CorpusIndex:
    index = CorpusIndex()
    for row in documents:
        index.add_document(row)
    for row in mentions:
        index.add_mention(row)
    for row in offices:
        index.add_office(row)
    return index


def resolve_people(index: CorpusIndex) -> tuple[list[dict], dict[tuple[str, str], str]]:
    """People rows, and the person_id of each (doc_id, name).

    The scope in which one name is one person follows the posts held: a national (or foreign) post makes
    every document naming it with such a post one person, and documents that name it with no post at all
    join that person; a provincial post does the same within its province; otherwise the same name in
    documents of one city (or sharing an organization) is one person, and two cities with nothing shared
    are two people."""
    rows, ids = [], {}
    provinces = _province_of_city()
    for name in sorted(index.names):
        if is_placeholder_name(name):  # 王某某: anonymized, never one person across documents
            for doc_id in sorted(index.names[name]):
                e = index.names[name][doc_id]
                ids[(doc_id, name)] = person_id = stable_id("p_", name, "doc:" + doc_id)
                rows.append({"person_id": person_id, "name": name, "variants": ";".join(sorted(e.surfaces)),
                             "city": e.city, "offices": ";".join(dict.fromkeys(e.offices)), "doc_count": 1,
                             "docs": doc_id, "mentions": e.mentions})
            continue
        clusters: list[tuple[str, set, list[_NameInDoc]]] = []  # scope key or city, orgs, members
        entries = [index.names[name][doc_id] for doc_id in sorted(index.names[name])]
        scoped: dict[str, tuple[str, set, list]] = {}
        for e in entries:
            scope = "national" if "national" in e.scopes else min(e.scopes, default="")
            if scope:
                scoped.setdefault(scope, (scope, set(), []))[2].append(e)
                scoped[scope][1].update(e.orgs)
        clusters.extend(scoped[k] for k in sorted(scoped))
        for e in entries:
            if e.scopes:
                continue
            home = None
            if not e.offices:  # named with no post: the national or provincial holder of the name, if one
                reach = [c for c in clusters if c[0] == "national"
                         or (c[0].startswith("province:") and provinces.get(e.city) == c[0][9:])]
                home = reach[0] if len(reach) == 1 else None
            home = home or next((c for c in clusters if not c[0].startswith(("national", "province:"))
                                 and ((e.city and e.city == c[0]) or (e.orgs & c[1]))), None)
            if home is None and not e.city and len(clusters) == 1:
                home = clusters[0]  # a document with no city joins the only person of that name
            if home is None:
                clusters.append((e.city, set(e.orgs), [e]))
            else:
                home[1].update(e.orgs)
                home[2].append(e)
        for key, _, members in clusters:
            person_id = stable_id("p_", name, key or members[0].doc_id)
            offices: list[str] = []
            for m in members:
                ids[(m.doc_id, name)] = person_id
                offices.extend(o for o in m.offices if o not in offices)
            city = "" if key == "national" else key[9:] if key.startswith("province:") else key
            rows.append({"person_id": person_id, "name": name,
                         "variants": ";".join(sorted(set().union(*(m.surfaces for m in members)))),
                         "city": city, "offices": ";".join(offices), "doc_count": len(members),
                         "docs": ";".join(m.doc_id for m in sorted(members, key=lambda m: m.doc_id)),
                         "mentions": sum(m.mentions for m in members)})
    rows.sort(key=lambda r: (r["name"], r["city"], r["person_id"]))
    return rows, ids


def _merge_resolved(index: CorpusIndex) -> None:
    """国安队 and 北京国安队: a spelling that every document naming it resolved to one longer organization (an
    office's org_canonical, from the organization named earlier) is an alias of that organization."""
    for key, by_doc in index.resolved.items():
        entry = index.orgs.get(key)
        targets = set(by_doc.values())
        if entry is None or len(targets) != 1 or not entry["docs"] <= set(by_doc):
            continue
        target = index.orgs.get(next(iter(targets)))
        if target is None:
            continue
        for spelling in entry["names"]:
            target["names"][spelling] += 0
        target["docs"] |= entry["docs"]
        del index.orgs[key]


def organization_rows(index: CorpusIndex) -> list[dict]:
    lex = lexicons.load()
    _merge_resolved(index)
    rows = []
    for key in sorted(index.orgs):
        entry = index.orgs[key]
        spellings = sorted(entry["names"], key=lambda n: (-entry["names"][n], n))
        name = spellings[0]
        aliases = sorted(set(spellings[1:]) | ({key} - {name}))
        rows.append({"org_id": stable_id("o_", key), "name": name, "aliases": ";".join(aliases),
                     "kind": org_kind(name, lex), "city": entry["city"], "doc_count": len(entry["docs"]),
                     "docs": ";".join(sorted(entry["docs"]))})
    return rows
