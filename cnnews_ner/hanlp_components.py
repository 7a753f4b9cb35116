"""HanLP components of our own: the repaired RNN NER tagger and a char + bigram (+ soft word) embedding.

They live inside the package because HanLP saves a component's import path in
its ``config.json``; ``hanlp.load(model_dir)`` imports these classes by that path.
Importing this module imports torch and hanlp, so only the NER stage does it.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional

import torch
from torch import nn

from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.embeddings.embedding import Embedding, EmbeddingDim

BIGRAM_FIELD = "token_bigram"
SOFTWORD_FIELD = "token_softword"
SENTENCE_END = "</s>"
MAX_SOFTWORD_LENGTH = 4  # longer words share one length class


def char_bigrams(chars: list[str]) -> list[str]:
    """The bigram starting at each character (the last one pairs with an end mark)."""
    return [a + b for a, b in zip(chars, list(chars[1:]) + [SENTENCE_END])]


def soft_words(chars: list[str]) -> list[str]:
    """Each character's place in jieba's segmentation of the sentence: B/M/E/S plus the word length
    (capped), e.g. 局长井为民 -> B2 E2 B3 M3 E3 when jieba reads 井为民 as one word. The tagger learns
    which segmentations mark names and organizations ("soft word" features: Zhang & Yang, 2018)."""
    import jieba  # imported here: only the model's input transform needs it

    tags: list[str] = []
    for word in jieba.lcut("".join(chars)):
        n = len(word)
        length = str(min(n, MAX_SOFTWORD_LENGTH))
        tags.extend(["S1"] if n == 1 else ["B" + length] + ["M" + length] * (n - 2) + ["E" + length])
    if len(tags) != len(chars):  # a token longer than one character (never from our engine): no feature
        return ["S1"] * len(chars)
    return tags


def _quiet_jieba() -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading banner would reach the user's stderr


class _AddBigrams:
    """Sample transform: adds the bigram field (and the soft-word field when used) next to the characters."""

    def __init__(self, field: str, softwords: bool = False) -> None:
        self.field = field
        self.softwords = softwords
        if softwords:
            _quiet_jieba()

    def __call__(self, sample: dict) -> dict:
        sample[BIGRAM_FIELD] = char_bigrams(sample[self.field])
        if self.softwords:
            sample[SOFTWORD_FIELD] = soft_words(sample[self.field])
        return sample


class CharBigramModule(nn.Module, EmbeddingDim):
    """Concatenates a character embedding, the embedding of the bigram it starts and, optionally,
    the embedding of its soft-word tag."""

    def __init__(self, field: str, n_chars: int, n_bigrams: int, char_dim: int, bigram_dim: int,
                 n_softwords: int = 0, softword_dim: int = 0) -> None:
        super().__init__()
        self.field = field
        self.chars = nn.Embedding(n_chars, char_dim)
        self.bigrams = nn.Embedding(n_bigrams, bigram_dim)
        self.softwords = nn.Embedding(n_softwords, softword_dim) if softword_dim else None

    def forward(self, batch: dict, mask=None, **kwargs) -> torch.Tensor:
        parts = [self.chars(batch[f"{self.field}_id"]), self.bigrams(batch[f"{BIGRAM_FIELD}_id"])]
        if self.softwords is not None:
            parts.append(self.softwords(batch[f"{SOFTWORD_FIELD}_id"]))
        return torch.cat(parts, -1)

    @property
    def embedding_dim(self) -> int:
        extra = self.softwords.embedding_dim if self.softwords is not None else 0
        return self.chars.embedding_dim + self.bigrams.embedding_dim + extra


class CharBigramEmbedding(Embedding):
    """Randomly initialised character + character-bigram (+ soft-word tag) embeddings: no pretrained
    vectors. ``softword_dim=0`` leaves the soft-word feature (and jieba) out."""

    def __init__(self, field: str = "token", char_dim: int = 100, bigram_dim: int = 50, min_bigram_freq: int = 2,
                 softword_dim: int = 0) -> None:
        super().__init__()
        self.field = field
        self.char_dim = char_dim
        self.bigram_dim = bigram_dim
        self.min_bigram_freq = min_bigram_freq
        self.softword_dim = softword_dim

    def transform(self, vocabs=None, **kwargs) -> Optional[Callable]:
        if vocabs is not None:
            for field in (BIGRAM_FIELD, SOFTWORD_FIELD) if self.softword_dim else (BIGRAM_FIELD,):
                if field not in vocabs:
                    vocabs[field] = Vocab()
        return _AddBigrams(self.field, softwords=bool(self.softword_dim))

    def module(self, vocabs=None, **kwargs) -> Optional[nn.Module]:
        n_softwords = len(vocabs[SOFTWORD_FIELD]) if self.softword_dim else 0
        return CharBigramModule(self.field, len(vocabs[self.field]), len(vocabs[BIGRAM_FIELD]),
                                self.char_dim, self.bigram_dim, n_softwords, self.softword_dim)


class FixedRNNNamedEntityRecognizer(RNNNamedEntityRecognizer):
    """HanLP 2.1.5's RNN NER with three changes.

    1. ``RNNTaggingModel`` passes ``crf_constraints`` (None) into the CRF's
       ``batch_first`` slot, so the CRF runs across the batch instead of along each
       sentence: we set ``batch_first = True`` after building the model.
    2. A bigram vocabulary with every bigram would be huge: rare bigrams are dropped
       (they map to UNK), which keeps the shipped model small.
    3. Training batches are not Viterbi-decoded for a running train F1 (``fit_dataloader``).
    """

    def build_model(self, **kwargs) -> torch.nn.Module:
        model = super().build_model(**kwargs)
        if model.crf is not None:
            model.crf.batch_first = True
        return model

    def build_vocabs(self, dataset, logger):
        super().build_vocabs(dataset, logger)
        embed = self._convert_embed()
        if isinstance(embed, CharBigramEmbedding) and BIGRAM_FIELD in self.vocabs:
            counts: Counter = Counter()
            for sample in dataset:
                counts.update(sample[BIGRAM_FIELD])
            kept = Vocab()
            for bigram, n in sorted(counts.items()):
                if n >= embed.min_bigram_freq:
                    kept.add(bigram)
            kept.lock()
            self.vocabs[BIGRAM_FIELD] = kept
            if logger:
                logger.info(f"bigram vocab: kept {len(kept)} of {len(counts)} (min freq {embed.min_bigram_freq})")

    def fit_dataloader(self, trn, criterion, optimizer, metric, logger, ratio_width=None, **kwargs):
        # HanLP's loop Viterbi-decodes every training batch only to print a running train F1, which
        # adds about 60% to a CPU epoch; model selection uses the dev set, so the loss is enough here.
        from hanlp.utils.time_util import CountdownTimer

        self.model.train()
        timer, total_loss = CountdownTimer(len(trn)), 0.0
        for idx, batch in enumerate(trn):
            optimizer.zero_grad()
            out, mask = self.feed_batch(batch)
            loss = self.compute_loss(criterion, out, batch["tag_id"], mask)
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            optimizer.step()
            total_loss += loss.item()
            timer.log(f"loss: {total_loss / (idx + 1):.4f}", ratio_percentage=False, logger=logger,
                      ratio_width=ratio_width)

    def predict_data(self, data, batch_size, **kwargs):
        # HanLP's strict span decoder raises on ill-formed tag sequences; decode leniently.
        from .spans import tags_to_spans

        tag_rows = super(RNNNamedEntityRecognizer, self).predict_data(data, batch_size)
        return [[("".join(tokens[b:e]), kind, b, e) for kind, b, e in tags_to_spans(tags)]
                for tokens, tags in zip(data, tag_rows)]
