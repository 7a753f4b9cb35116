"""HanLP components of our own: the repaired RNN NER tagger and a char+bigram embedding.

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
SENTENCE_END = "</s>"


def char_bigrams(chars: list[str]) -> list[str]:
    """The bigram starting at each character (the last one pairs with an end mark)."""
    return [a + b for a, b in zip(chars, list(chars[1:]) + [SENTENCE_END])]


class _AddBigrams:
    """Sample transform: adds the bigram field next to the character field."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __call__(self, sample: dict) -> dict:
        sample[BIGRAM_FIELD] = char_bigrams(sample[self.field])
        return sample


class CharBigramModule(nn.Module, EmbeddingDim):
    """Concatenates a character embedding and the embedding of the bigram it starts."""

    def __init__(self, field: str, n_chars: int, n_bigrams: int, char_dim: int, bigram_dim: int) -> None:
        super().__init__()
        self.field = field
        self.chars = nn.Embedding(n_chars, char_dim)
        self.bigrams = nn.Embedding(n_bigrams, bigram_dim)

    def forward(self, batch: dict, mask=None, **kwargs) -> torch.Tensor:
        return torch.cat([self.chars(batch[f"{self.field}_id"]), self.bigrams(batch[f"{BIGRAM_FIELD}_id"])], -1)

    @property
    def embedding_dim(self) -> int:
        return self.chars.embedding_dim + self.bigrams.embedding_dim


class CharBigramEmbedding(Embedding):
    """Randomly initialised character + character-bigram embeddings (no pretrained vectors)."""

    def __init__(self, field: str = "token", char_dim: int = 100, bigram_dim: int = 50, min_bigram_freq: int = 2) -> None:
        super().__init__()
        self.field = field
        self.char_dim = char_dim
        self.bigram_dim = bigram_dim
        self.min_bigram_freq = min_bigram_freq

    def transform(self, vocabs=None, **kwargs) -> Optional[Callable]:
        if vocabs is not None and BIGRAM_FIELD not in vocabs:
            vocabs[BIGRAM_FIELD] = Vocab()
        return _AddBigrams(self.field)

    def module(self, vocabs=None, **kwargs) -> Optional[nn.Module]:
        return CharBigramModule(self.field, len(vocabs[self.field]), len(vocabs[BIGRAM_FIELD]),
                                self.char_dim, self.bigram_dim)


class FixedRNNNamedEntityRecognizer(RNNNamedEntityRecognizer):
    """HanLP 2.1.5's RNN NER with two repairs.

    1. ``RNNTaggingModel`` passes ``crf_constraints`` (None) into the CRF's
       ``batch_first`` slot, so the CRF runs across the batch instead of along each
       sentence: we set ``batch_first = True`` after building the model.
    2. A bigram vocabulary with every bigram would be huge: rare bigrams are dropped
       (they map to UNK), which keeps the shipped model small.
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

    def predict_data(self, data, batch_size, **kwargs):
        # HanLP's strict span decoder raises on ill-formed tag sequences; decode leniently.
        from .spans import tags_to_spans

        tag_rows = super(RNNNamedEntityRecognizer, self).predict_data(data, batch_size)
        return [[("".join(tokens[b:e]), kind, b, e) for kind, b, e in tags_to_spans(tags)]
                for tokens, tags in zip(data, tag_rows)]
