"""Generated training sentences for today's text (issue 16): templates filled with invented names.

The shipped model learns from 1998 People's Daily only; it has never seen a listed company's résumé, a
platform, a brand named like a person or a club named like a city. :func:`generate` fills the templates of
``data/augment_templates.tsv`` with names drawn from our lexicons (surnames, modern given-name characters,
transliteration characters, divisions, business-name characters, organization endings of
``data/augment_fillers.tsv``), so no real person is named and no article is copied. Each sentence comes back
as ``[(char, tag), ...]`` with IOBES tags of the MSRA label set (``B-PER``, ``I-ORG``, ``S-LOC``, ``O``),
ready to be appended to the MSRA training data (:mod:`cnnews_ner.training`).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import read_lines as data_lines
from .ner import MODEL_ALPHABET

SLOT = re.compile(r"\{([A-Z0-9]+)(?:\+([^}]*))?\}")
# slot -> label of its span ("" = not an entity, tagged O)
SLOT_LABELS = {"PER": "PER", "PER2": "PER", "FPER": "PER", "FPER1": "PER", "APER": "PER", "UID": "PER",
               "COMP": "ORG", "BRAND": "ORG", "PERBRAND": "ORG", "PLAT": "ORG", "FCLUB": "ORG", "CCLUB": "ORG",
               "ACR": "ORG", "SCHOOL": "ORG", "GOV": "ORG", "CITY": "LOC", "COUNTRY": "LOC",
               "SUR": "", "ROLE": "", "ADDR": "", "N": "", "Y": "", "M": ""}
STYLES = ("web", "sports", "entertainment", "resume", "announcement", "brand", "headline", "byline", "caption",
          "record")
PROVINCE_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


@dataclass(frozen=True)
class Template:
    """One line of ``augment_templates.tsv``: its style and text with ``{SLOT}`` / ``{SLOT+literal}`` marks."""
    style: str
    text: str


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """The templates, checked: known style, known slots. Raises ValueError naming the bad line."""
    out = []
    for line in data_lines("augment_templates.tsv"):
        style, _, text = line.partition("\t")
        if style not in STYLES or not text:
            raise ValueError(f"augment_templates.tsv: bad line {line!r} (style must be one of {', '.join(STYLES)})")
        for slot, _ in SLOT.findall(text):
            if slot not in SLOT_LABELS:
                raise ValueError(f"augment_templates.tsv: unknown slot {{{slot}}} in {text!r}")
        out.append(Template(style, text))
    return tuple(out)


@lru_cache(maxsize=1)
def fillers() -> dict[str, tuple[str, ...]]:
    """``augment_fillers.tsv`` as slot -> values, plus the project lexicons the generator draws from."""
    table: dict[str, list[str]] = {}
    for line in data_lines("augment_fillers.tsv"):
        slot, _, value = line.partition("\t")
        table.setdefault(slot, []).append(value)
    tiers: dict[str, list[str]] = {}
    for line in data_lines("surnames.tsv"):
        surname, _, tier = line.partition("\t")
        tiers.setdefault(tier, []).append(surname)
    table["surname_common"], table["surname_rare"] = tiers["common"], tiers["rare"]
    table["surname_compound"] = tiers["compound"]
    table["translit_char"] = list(data_lines("transliteration_chars.tsv"))
    table["country"] = [c for c in data_lines("countries.tsv") if 2 <= len(c) <= 5]
    cities, provinces = [], []
    for line in data_lines("divisions.tsv"):
        province, city, county = (line.split("\t") + ["", ""])[:3]
        if province == "province":
            continue
        if not county and city.endswith("市"):
            cities.append(city)
        provinces.append(province)
    table["city"] = sorted(set(cities))
    table["province"] = sorted(set(provinces))
    return {k: tuple(v) for k, v in table.items()}


class NameGenerator:
    """Draws the surface of each slot from the fillers with its own random generator (deterministic by seed)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.f = fillers()

    def pick(self, key: str) -> str:
        return self.rng.choice(self.f[key])

    def chars(self, key: str, low: int, high: int) -> str:
        """``low``..``high`` distinct characters of ``key``."""
        return "".join(self.rng.sample(self.f[key], self.rng.randint(low, high)))

    def transliterated(self, low: int, high: int) -> str:
        """A transliterated word that does not open with a common surname (it must not read as a Chinese
        name: a club named 汤梅 would teach the model that Chinese names are organizations)."""
        while True:
            word = self.chars("translit_char", low, high)
            if word[0] not in self.f["surname_common"]:
                return word

    def surname(self) -> str:
        r = self.rng.random()
        return self.pick("surname_common" if r < 0.85 else "surname_rare" if r < 0.95 else "surname_compound")

    def short_place(self, key: str) -> str:
        name = self.pick(key)
        for ending in PROVINCE_ENDINGS:
            if name.endswith(ending) and len(name) > len(ending) + 1:
                return name[: -len(ending)]
        return name

    def fill(self, slot: str, literal: str = "") -> str:
        """The surface of ``slot``; ``literal`` (from ``{SLOT+literal}``) replaces any generated ending."""
        r, rng = self.rng.random(), self.rng
        if slot == "PER":
            return self.surname() + self.chars("given_char", 1, 2)
        if slot == "PER2":
            return self.pick("surname_compound") + self.chars("given_char", 1, 2)
        if slot == "FPER":
            parts = [self.transliterated(2, 4) for _ in range(3 if r < 0.15 else 2)]
            return ("-" if r > 0.93 else "·").join(parts)
        if slot == "FPER1":
            return self.transliterated(3, 4)
        if slot == "APER":
            return self.surname() + ("某某" if r < 0.6 else "某") + ("甲" if rng.random() < 0.1 else "")
        if slot == "UID":
            if r < 0.4:
                return self.pick("latin_given")
            if r < 0.6:
                return self.pick("latin_given") + self.surname()
            return self.chars("trade_char", 2, 4) + (str(rng.randint(1990, 2024)) if rng.random() < 0.5 else "")
        if slot == "COMP":
            place = self.short_place("city") if r < 0.5 else ""
            industry = self.pick("industry") if rng.random() < 0.7 else ""
            return place + self.chars("trade_char", 2, 3) + industry + self.pick("company_ending")
        if slot == "BRAND":
            return self.chars("trade_char", 2, 3) + (self.pick("shop_ending") if r < 0.4 else "")
        if slot == "PERBRAND":
            return self.surname() + self.chars("given_char", 1, 2) + (self.pick("shop_ending") if r < 0.3 else "")
        if slot == "PLAT":
            return self.chars("trade_char", 2, 3) + (self.pick("platform_ending") if r < 0.7 else "")
        if slot == "FCLUB":
            return self.transliterated(3, 5) + ("队" if r < 0.25 else "")
        if slot == "CCLUB":
            place = self.short_place("province" if rng.random() < 0.6 else "city")
            ending = literal or (self.pick("club_ending") if r < 0.4 else "")
            return place + self.chars("trade_char", 2, 2) + ending
        if slot == "ACR":
            return self.pick("latin_acronym_org")
        if slot == "SCHOOL":
            return self.short_place("city") + (self.chars("trade_char", 2, 2) if r < 0.5 else "") + \
                self.pick("school_ending")
        if slot == "GOV":
            return self.pick("city") + self.pick("gov_unit")
        if slot == "CITY":
            return self.pick("city") if r < 0.5 else self.short_place("city")
        if slot == "COUNTRY":
            return self.pick("country")
        if slot == "SUR":
            return self.pick("surname_common")
        if slot in ("ROLE", "ADDR"):
            return self.pick({"ROLE": "role_before_name", "ADDR": "address"}[slot])
        if slot == "N":
            return str(rng.randint(1, 99))
        if slot == "Y":
            return str(rng.randint(1960, 2005))
        if slot == "M":
            return str(rng.randint(1, 12))
        raise ValueError(f"unknown slot {slot}")

    def fill_all(self, slot: str, literal: str) -> str:
        surface = self.fill(slot, literal)
        return surface if slot == "CCLUB" or not literal else surface + literal


def span_tags(label: str, n: int) -> list[str]:
    """IOBES tags of one span of ``n`` characters (all ``O`` when ``label`` is empty)."""
    if not label:
        return ["O"] * n
    if n == 1:
        return [f"S-{label}"]
    return [f"B-{label}"] + [f"I-{label}"] * (n - 2) + [f"E-{label}"]


def realize(template: Template, names: NameGenerator) -> list[tuple[str, str]]:
    """One sentence of ``template``: ``[(char, tag)]``. Whitespace is dropped (the training files hold one
    character a line, and a line of a space would read as a sentence break)."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in SLOT.finditer(template.text):
        out.extend((c, "O") for c in template.text[pos:m.start()])
        surface = names.fill_all(m.group(1), m.group(2) or "")
        out.extend(zip(surface, span_tags(SLOT_LABELS[m.group(1)], len(surface))))
        pos = m.end()
    out.extend((c, "O") for c in template.text[pos:])
    # the model reads punctuation full-width (ner.MODEL_ALPHABET): train on what it will see
    return [(c.translate(MODEL_ALPHABET), t) for c, t in out if not c.isspace()]


def generate(n: int, seed: int = 13) -> list[list[tuple[str, str]]]:
    """``n`` generated sentences, templates taken round-robin in a seeded shuffle (deterministic)."""
    names = NameGenerator(seed)
    pool = list(templates())
    order: list[Template] = []
    while len(order) < n:
        names.rng.shuffle(pool)
        order.extend(pool)
    return [realize(t, names) for t in order[:n]]
