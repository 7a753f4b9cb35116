"""Tag sequences to entity spans, and strict span scoring.

Pure Python, no torch: used by the NER stage, by training and by evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# MSRA writes PER/LOC/ORG; the pipeline's mention types are PERSON/LOC/ORG.
TYPE_NAMES = {"PER": "PERSON", "PERSON": "PERSON", "NR": "PERSON", "LOC": "LOC", "NS": "LOC",
              "ORG": "ORG", "NT": "ORG"}


def tags_to_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """Lenient IOBES/BMES/BIO decoding into (type, start, end) spans, end exclusive.

    Ill-formed sequences (an I- without a B-, a type change mid-entity) never raise:
    an entity is closed where it can no longer continue and a stray inside tag
    opens a new one.
    """
    spans: list[tuple[str, int, int]] = []
    open_type, open_start = None, 0

    def close(end: int) -> None:
        nonlocal open_type
        if open_type is not None:
            spans.append((open_type, open_start, end))
            open_type = None

    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if not kind or prefix == "O":
            close(i)
            continue
        if prefix == "S" or prefix == "U":
            close(i)
            spans.append((kind, i, i + 1))
        elif prefix == "B":
            close(i)
            open_type, open_start = kind, i
        elif prefix in ("I", "M"):
            if open_type != kind:
                close(i)
                open_type, open_start = kind, i
        elif prefix in ("E", "L"):
            if open_type != kind:
                close(i)
                open_type, open_start = kind, i
            close(i + 1)
        else:
            close(i)
    close(len(tags))
    return spans


@dataclass
class SpanScore:
    """Strict entity-level counts: a prediction is right only with exact boundaries and type."""

    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)

    def add(self, gold: set, predicted: set) -> None:
        for kind, *_ in gold & predicted:
            self.tp[kind] = self.tp.get(kind, 0) + 1
        for kind, *_ in predicted - gold:
            self.fp[kind] = self.fp.get(kind, 0) + 1
        for kind, *_ in gold - predicted:
            self.fn[kind] = self.fn.get(kind, 0) + 1

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> dict:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}

    def report(self) -> dict:
        kinds = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        out = {"overall": self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))}
        for k in kinds:
            out[k] = self.prf(self.tp.get(k, 0), self.fp.get(k, 0), self.fn.get(k, 0))
        return out
