"""Cross-document identity: one person_id per real person.

The same name in documents of the same city (or sharing an organization) is one
person; the same name in two different cities with nothing shared is two people.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class PersonRecord:
    person_id: str
    name: str
    city: str
    docs: list[str] = field(default_factory=list)
    variants: set[str] = field(default_factory=set)
    offices: list[str] = field(default_factory=list)
    mentions: int = 0


def stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def resolve_people(docs) -> dict[tuple[str, str], PersonRecord]:
    """Map (doc_id, name) to a PersonRecord, and fill person_id on each document's offices."""
    by_name: dict[str, list] = defaultdict(list)
    for d in docs:
        names = {m.text for m in d.mentions if m.type == "PERSON"} | {o.person for o in d.offices}
        for name in names:
            orgs = {o.org_canonical for o in d.offices if o.person == name and o.org_canonical}
            by_name[name].append((d, orgs))
    assigned: dict[tuple[str, str], PersonRecord] = {}
    for name in sorted(by_name):
        entries = sorted(by_name[name], key=lambda e: e[0].doc_id)
        clusters: list[tuple[str, set, list]] = []  # city, orgs, entries
        for d, orgs in entries:
            home = None
            for c in clusters:
                if (d.city and d.city == c[0]) or (orgs & c[1]):
                    home = c
                    break
            if home is None and not d.city and len(clusters) == 1:
                home = clusters[0]
            if home is None:
                clusters.append((d.city, set(orgs), [d]))
            else:
                home[1].update(orgs)
                home[2].append(d)
        for city, _, members in clusters:
            record = PersonRecord(stable_id("p_", name, city or members[0].doc_id), name, city)
            for d in members:
                record.docs.append(d.doc_id)
                for m in d.mentions:
                    if m.type == "PERSON" and m.text == name:
                        record.mentions += 1
                        record.variants.add(m.surface.replace(" ", ""))
                for o in d.offices:
                    if o.person == name:
                        o.person_id = record.person_id
                        label = f"{o.title}@{o.org_canonical}" if o.org_canonical else o.title
                        if label not in record.offices:
                            record.offices.append(label)
                assigned[(d.doc_id, name)] = record
    return assigned
