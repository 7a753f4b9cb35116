"""NER stage: HanLP models behind a small interface.

``NerEngine.predict(sentences)`` returns PERSON / ORG / LOC spans with character
offsets into each sentence. torch and hanlp are imported only when the first
sentence needs the model, and each model is loaded once per process.

The shipped BiLSTM-CRF (and any HanLP RNN NER model of the same build) runs through
:class:`cnnews_ner.inference.FastTagger`, our batched inference path around the HanLP
component; other HanLP models (pretrained identifiers) run through HanLP's own ``predict``.
"""
from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from .spans import TYPE_NAMES

DEFAULT_MODEL = "default"
SHIPPED_MODEL_DIR = Path(__file__).parent / "models" / "msra_rnn_bigram"


# Normalization folds full-width punctuation to ASCII, but Chinese NER corpora (MSRA, and the data of
# HanLP's pretrained models) write it full-width: the model sees the punctuation it was trained on.
# One character for one, so offsets do not move.
MODEL_ALPHABET = str.maketrans(",:;()?!%/-.", "，：；（）？！％／－．")
# The model reads pieces of at most this many characters (segment.py already cuts sentences shorter):
# LSTM memory and batch padding stay bounded whatever a caller passes in.
MAX_MODEL_INPUT = 512


class ModelUnavailable(Exception):
    """The requested model cannot be loaded (offline, unknown identifier, missing files)."""


@dataclass(frozen=True)
class Span:
    """An entity in one sentence: ``sentence[start:end] == text``."""

    type: str  # PERSON / ORG / LOC
    start: int
    end: int
    text: str


def resolve_device(device: str) -> str:
    """``auto`` picks cuda when torch sees a GPU; ``cuda`` without one is an error."""
    if device not in ("auto", "cpu", "cuda"):
        raise ValueError(f"unknown device {device!r}: use auto, cpu or cuda")
    if device == "cpu":
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if device == "cuda":
        raise ModelUnavailable("--device cuda was asked for but torch sees no GPU")
    return "cpu"


def _hub_reachable(timeout: float = 3.0) -> bool:
    """Pretrained HanLP models download from file.hankcs.com; check it answers before HanLP retries for long."""
    try:
        with socket.create_connection(("file.hankcs.com", 443), timeout=timeout):
            return True
    except OSError:
        return False


def _pretrained_url(identifier: str) -> str | None:
    import hanlp.pretrained as pretrained

    for module in vars(pretrained).values():
        value = getattr(module, identifier, None)
        if isinstance(value, str) and "://" in value:
            return value
    return None


def _is_cached(url: str) -> bool:
    from hanlp.utils.io_util import path_from_url

    try:
        return Path(path_from_url(url)).exists()
    except Exception:
        return False


class NerEngine:
    """A loaded HanLP NER model. Build with :func:`get_engine` to share one per process."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 256,
                 precision: str = "auto") -> None:
        """``precision``: ``auto`` (the fastest within 0.002 MSRA F1 of fp32 on this hardware, see
        :func:`cnnews_ner.inference.resolve_precision`), ``fp32`` (HanLP's own numbers), ``bf16`` or
        ``int8``; it applies to the fast path only."""
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        self.precision = precision
        self._component = None
        self._fast = None
        self._lock = threading.Lock()

    def _load(self):
        if self._component is not None:
            return self._component
        with self._lock:
            if self._component is None:
                component = self._load_component()
                self._fast = self._fast_tagger(component)
                self._component = component
        return self._component

    def _fast_tagger(self, component):
        """Our inference path for HanLP RNN NER components; None for other models."""
        from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

        from .inference import FastTagger, resolve_precision

        if not isinstance(component, RNNNamedEntityRecognizer):
            return None
        device = str(next(component.model.parameters()).device)
        try:
            return FastTagger(component, resolve_precision(self.precision, device), self.batch_size)
        except TypeError:  # an RNN tagger built differently (a projection before the LSTM, no CRF)
            return None

    @property
    def resolved_precision(self) -> str:
        """The precision the loaded model runs at (``hanlp`` when HanLP's own predict runs it)."""
        self._load()
        return self._fast.precision if self._fast is not None else "hanlp"

    def _load_component(self):
        os.environ.setdefault("HANLP_VERBOSE", "0")
        device = resolve_device(self.device)
        import hanlp  # noqa: F401  (heavy: imported only here)
        import torch

        if device == "cpu" and "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
        from . import hanlp_components  # noqa: F401  (classes named in the shipped config)

        name = self.model_name
        path = SHIPPED_MODEL_DIR if name == DEFAULT_MODEL else Path(name)
        devices = 0 if device == "cuda" else -1
        if path.is_dir():
            if not (path / "config.json").exists():
                raise ModelUnavailable(f"{path} is not a HanLP model directory (no config.json)")
            return hanlp.load(str(path), devices=devices, verbose=False)
        url = _pretrained_url(name)
        if url is None:
            raise ModelUnavailable(
                f"model {name!r} is neither 'default', a HanLP model directory nor a HanLP pretrained identifier")
        if not _is_cached(url) and not _hub_reachable():
            raise ModelUnavailable(
                f"model {name!r} could not be fetched ({url} is unreachable: no network?); "
                "use --model default (the offline model shipped with cnnews-ner) or a local model directory")
        try:
            return hanlp.load(name, devices=devices, verbose=False)
        except Exception as exc:  # HanLP raises many kinds on download failures
            raise ModelUnavailable(f"model {name!r} could not be loaded: {type(exc).__name__}: {exc}".splitlines()[0]) from exc

    def predict(self, sentences: list[str]) -> list[list[Span]]:
        """Entities of each sentence, in order of start offset. A sentence longer than
        ``MAX_MODEL_INPUT`` characters is read in pieces of that length (an entity across a
        cut is found as two)."""
        results: list[list[Span]] = [[] for _ in sentences]
        pieces: list[tuple[int, int]] = []  # (sentence, offset of the piece in it)
        for i, s in enumerate(sentences):
            if s.strip():
                pieces.extend((i, k) for k in range(0, len(s), MAX_MODEL_INPUT))
        if not pieces:
            return results
        component = self._load()
        inputs = [sentences[i][k:k + MAX_MODEL_INPUT].translate(MODEL_ALPHABET) for i, k in pieces]
        if self._fast is not None:
            raw = self._fast.predict(inputs)
        else:
            raw = [[(kind, start, end) for _, kind, start, end, *_ in entities] for entities in
                   _ner_output(component.predict([list(t) for t in inputs], batch_size=self.batch_size))]
        for (i, k), entities in zip(pieces, raw):
            sentence = sentences[i]
            for kind, start, end in entities:
                kind = TYPE_NAMES.get(str(kind).upper())
                start, end = start + k, end + k
                if kind is not None and 0 <= start < end <= len(sentence):
                    results[i].append(Span(kind, start, end, sentence[start:end]))
        for spans in results:
            spans.sort(key=lambda s: (s.start, s.end))
        return results


def _ner_output(raw):
    """A plain NER component returns a list per sentence; HanLP's multi-task models
    return a Document whose ``ner/...`` key holds it."""
    if isinstance(raw, dict):
        keys = sorted(k for k in raw if k.startswith("ner"))
        if not keys:
            raise ModelUnavailable("the model has no NER output (no 'ner/...' task)")
        return raw[keys[0]]
    return raw


_ENGINES: dict[tuple, NerEngine] = {}


def get_engine(model: str = DEFAULT_MODEL, device: str = "auto", batch_size: int = 256,
               precision: str = "auto") -> NerEngine:
    """The process-wide engine for this model, device and precision."""
    key = (model, device, batch_size, precision)
    if key not in _ENGINES:
        _ENGINES[key] = NerEngine(model, device, batch_size, precision)
    return _ENGINES[key]
