"""Fast inference for the shipped BiLSTM-CRF tagger, around the HanLP component.

The model stays a HanLP component (``hanlp.load(path)`` still loads and predicts with it); this
module only replaces HanLP's per-sample prediction loop, which spends most of its time in Python:
per-token ``Vocab`` lookups, a second jieba pass per sentence, and a CRF traceback that calls
``Tensor.item()`` once per character. Here, for a list of sentences:

1. features are computed once per sentence: one jieba pass for the soft-word tags (jieba's own
   algorithm and dictionary, in a faster loop: :class:`JiebaWordLengths`); character and bigram ids
   come from array lookups over the code points of each batch;
2. sentences are sorted by length and cut into batches, so padding is small; the BiLSTM runs as two
   unidirectional LSTMs on dense batches (:class:`DenseEmissions`), which torch's fast kernels take;
3. the CRF is decoded for the whole batch by a batched Viterbi in torch (on the model's device), and
   the best paths come back in one transfer per batch.

With ``precision="fp32"`` the tags are those of HanLP's own ``predict`` (``tests/test_inference.py``
compares them on MSRA sentences). ``bf16`` runs the embeddings, LSTM and output layer in bfloat16
(Intel AMX / AVX-512 BF16 on recent Xeons, tensor cores on GPUs) and ``int8`` quantizes the LSTM and
output layer dynamically; both change the scores slightly (the README records their MSRA F1).
"""
from __future__ import annotations

import math
import os
from typing import Sequence

import numpy as np
import torch

from .hanlp_components import BIGRAM_FIELD, MAX_SOFTWORD_LENGTH, SENTENCE_END, SOFTWORD_FIELD, _quiet_jieba
from .spans import tags_to_spans

PRECISIONS = ("auto", "fp32", "bf16", "int8")
# Past the last Unicode code point: the "character" after a sentence's last one in a bigram key.
_END_CODE = 0x110000
_KEY_BASE = 0x110001


def cpu_has_fast_bf16() -> bool:
    """True when this CPU multiplies bfloat16 in hardware (AMX or AVX-512 BF16); elsewhere bf16 is
    emulated and slower than fp32."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"amx_bf16", "avx512_bf16"})
    except OSError:
        pass
    return False


def resolve_precision(precision: str, device: str) -> str:
    """The precision to run at on ``device`` (``cpu`` or ``cuda[:n]``).

    ``auto`` is the fastest precision measured within 0.002 MSRA F1 of fp32: bf16 on a CPU that
    multiplies bfloat16 in hardware (MSRA F1 0.9177 against 0.9178, about 3x the LSTM speed on the
    Xeon this was measured on), else fp32 (int8 lost 0.0013 F1 for less speed; CUDA is not measured
    yet, so it stays fp32). ``CNNEWS_NER_PRECISION`` overrides ``auto``.

    Raises ValueError for an unknown name, or int8 on CUDA."""
    if precision == "auto":
        precision = os.environ.get("CNNEWS_NER_PRECISION", "auto")
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        return "bf16" if device == "cpu" and cpu_has_fast_bf16() else "fp32"
    if precision == "int8" and device.startswith("cuda"):
        raise ValueError("int8 dynamic quantization runs on the CPU only")
    return precision


def soft_word_tags(sentence: str) -> list[str]:
    """The same tags as :func:`cnnews_ner.hanlp_components.soft_words` (one jieba pass), from a string."""
    import jieba

    tags: list[str] = []
    for word in jieba.lcut(sentence):
        n = len(word)
        if n == 1:
            tags.append("S1")
        else:
            length = str(min(n, MAX_SOFTWORD_LENGTH))
            tags.append("B" + length)
            tags.extend(["M" + length] * (n - 2))
            tags.append("E" + length)
    if len(tags) != len(sentence):
        return ["S1"] * len(sentence)
    return tags


class JiebaWordLengths:
    """The lengths of the words ``jieba.lcut(sentence)`` returns (default dictionary, HMM on), computed
    faster: jieba's prefix DAG and its best-route dynamic programme are merged into one right-to-left
    pass with local lookups and a cache of word log-probabilities; the same floating-point operations
    in the same order, so the same segmentation (out-of-vocabulary runs still go to jieba's HMM,
    ``jieba.finalseg.cut``). The soft-word feature needs only the lengths.
    """

    def __init__(self) -> None:
        import jieba
        from jieba import finalseg

        _quiet_jieba()
        jieba.dt.check_initialized()
        self.freq = jieba.dt.FREQ
        self.logtotal = math.log(jieba.dt.total)
        self.hmm_cut = finalseg.cut
        self.re_han = jieba.re_han_default
        self.re_skip = jieba.re_skip_default
        self.logp: dict[str, float] = {}

    def __call__(self, sentence: str) -> list[int]:
        out: list[int] = []
        re_han, re_skip = self.re_han, self.re_skip
        for block in re_han.split(sentence):
            if not block:
                continue
            if re_han.match(block):
                self._block(block, out)
            else:
                for part in re_skip.split(block):
                    if re_skip.match(part):
                        out.append(len(part))  # a space, or \r\n as one word
                    else:
                        out.extend([1] * len(part))
        return out

    def _block(self, text: str, out: list[int]) -> None:
        freq, logp, logtotal, log = self.freq, self.logp, self.logtotal, math.log
        n = len(text)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for start in range(n - 1, -1, -1):
            best, best_end = None, start
            i, frag = start, text[start]
            found = False
            while i < n and frag in freq:
                if freq[frag]:
                    found = True
                    value = logp.get(frag)
                    if value is None:
                        value = logp[frag] = log(freq[frag]) - logtotal
                    value = value + score[i + 1]
                    if best is None or value > best or (value == best and i > best_end):
                        best, best_end = value, i  # max over (score, end) tuples, as jieba's calc
                i += 1
                frag = text[start:i + 1]
            if not found:  # jieba's DAG holds the character alone, scored log(frequency or 1)
                char = text[start]
                best = (log(freq.get(char) or 1) - logtotal) + score[start + 1]
                best_end = start
            score[start], end[start] = best, best_end
        x, buffered = 0, 0
        while x < n:
            y = end[x] + 1
            if y - x == 1:
                buffered += 1
            else:
                if buffered:
                    self._flush(text[x - buffered:x], out)
                    buffered = 0
                out.append(y - x)
            x = y
        if buffered:
            self._flush(text[n - buffered:], out)

    def _flush(self, run: str, out: list[int]) -> None:
        """A run of single characters: one word each, unless it is no dictionary word (the HMM reads it)."""
        if len(run) == 1:
            out.append(1)
        elif not self.freq.get(run):
            out.extend(len(word) for word in self.hmm_cut(run))
        else:
            out.extend([1] * len(run))


def batched_viterbi(emissions: torch.Tensor, mask: torch.Tensor, transitions: torch.Tensor,
                    start: torch.Tensor, end: torch.Tensor) -> torch.Tensor:
    """Best tag path of every sequence in a batch, without leaving the device.

    emissions: (batch, time, tags) float; mask: (batch, time) bool, each row a prefix of True
    (lengths >= 1); transitions: (tags, tags), ``transitions[i, j]`` scores tag i followed by tag j;
    start, end: (tags,). Returns (batch, time) int64 tag ids; positions past a row's length hold
    arbitrary tags. Same recurrence, operations and tie-breaking as HanLP's (pytorch-crf's)
    ``CRF._viterbi_decode``, with the traceback done for all rows at once.
    """
    emissions = emissions.float()
    batch, time, _ = emissions.shape
    score = start + emissions[:, 0]
    history = []
    trans = transitions.unsqueeze(0)
    for i in range(1, time):
        next_score, indices = (score.unsqueeze(2) + trans + emissions[:, i].unsqueeze(1)).max(dim=1)
        score = torch.where(mask[:, i].unsqueeze(1), next_score, score)
        history.append(indices)
    score = score + end
    last = mask.sum(dim=1) - 1  # index of each row's last position
    best_last = score.max(dim=1)[1]
    paths = torch.empty(batch, time, dtype=torch.long, device=emissions.device)
    current = best_last
    for i in range(time - 1, 0, -1):
        current = torch.where(last == i, best_last, current)
        paths[:, i] = current
        current = history[i - 1].gather(1, current.unsqueeze(1)).squeeze(1)
    paths[:, 0] = torch.where(last == 0, best_last, current)
    return paths


class DenseEmissions(torch.nn.Module):
    """Embeddings, one-layer BiLSTM and output layer of the tagger, run on dense padded batches.

    torch's fast CPU kernels for the LSTM (oneDNN, with AMX for bfloat16) take dense batches only;
    packed sequences fall back to a slower loop. So the BiLSTM runs as two unidirectional LSTMs: the
    forward one reads the batch as it is (padding follows each row, so it never reaches a valid
    position); the backward one reads each row reversed within its length (the ids are reversed, which
    is cheaper than reversing embeddings), and its share of the output layer is put back in order at
    the end (13 scores a character instead of 256 hidden units). The valid positions get the scores
    the packed bidirectional LSTM gives.
    """

    def __init__(self, embeddings: Sequence[torch.nn.Embedding], lstm: torch.nn.LSTM, out: torch.nn.Linear) -> None:
        super().__init__()
        if lstm.num_layers != 1 or not lstm.bidirectional or not lstm.batch_first or lstm.proj_size:
            raise TypeError("DenseEmissions takes a one-layer, batch-first bidirectional LSTM")
        self.embeddings = torch.nn.ModuleList(_copy_module(e) for e in embeddings)
        self.forward_lstm = self._direction(lstm, "")
        self.backward_lstm = self._direction(lstm, "_reverse")
        hidden = lstm.hidden_size
        self.forward_out = torch.nn.Linear(hidden, out.out_features)
        self.backward_out = torch.nn.Linear(hidden, out.out_features, bias=False)
        with torch.no_grad():
            self.forward_out.weight.copy_(out.weight[:, :hidden])
            self.forward_out.bias.copy_(out.bias)
            self.backward_out.weight.copy_(out.weight[:, hidden:])

    @staticmethod
    def _direction(lstm: torch.nn.LSTM, suffix: str) -> torch.nn.LSTM:
        one = torch.nn.LSTM(lstm.input_size, lstm.hidden_size, batch_first=True, bias=lstm.bias)
        with torch.no_grad():
            for name in ("weight_ih_l0", "weight_hh_l0") + (("bias_ih_l0", "bias_hh_l0") if lstm.bias else ()):
                getattr(one, name).copy_(getattr(lstm, name + suffix))
        return one

    def _embed(self, ids: Sequence[torch.Tensor]) -> torch.Tensor:
        return torch.cat([embed(i) for embed, i in zip(self.embeddings, ids)], -1)

    def forward(self, ids: Sequence[torch.Tensor], lengths: torch.Tensor) -> torch.Tensor:
        """ids: one (batch, time) int64 tensor per embedding, each row padded after its length;
        lengths: (batch,) int64, on the model's device. Returns (batch, time, tags) float32 emission
        scores; positions past a row's length hold arbitrary values."""
        time = ids[0].shape[1]
        steps = torch.arange(time, device=ids[0].device).unsqueeze(0)
        # reversal within each row's length (an involution); padding positions stay where they are
        reverse = torch.where(steps < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - steps, steps)
        ahead, _ = self.forward_lstm(self._embed(ids))
        back, _ = self.backward_lstm(self._embed([i.gather(1, reverse) for i in ids]))
        back = self.backward_out(back).float()
        back = back.gather(1, reverse.unsqueeze(2).expand(-1, -1, back.shape[2]))
        return self.forward_out(ahead).float() + back


class _Lookup:
    """Vocabulary lookups as arrays: characters by code point, bigrams by a sorted array of keys."""

    def __init__(self, chars, bigrams, softwords) -> None:
        char_unk = chars.token_to_idx[chars.unk_token]
        self.char_ids = np.full(_END_CODE + 1, char_unk, dtype=np.int64)
        for token, idx in chars.token_to_idx.items():
            if len(token) == 1:
                self.char_ids[ord(token)] = idx
        keys, ids = [], []
        for token, idx in (bigrams.token_to_idx.items() if bigrams is not None else ()):
            if len(token) == 2:
                keys.append(ord(token[0]) * _KEY_BASE + ord(token[1]))
            elif len(token) == 1 + len(SENTENCE_END) and token.endswith(SENTENCE_END):
                keys.append(ord(token[0]) * _KEY_BASE + _END_CODE)
            else:
                continue  # <pad>, <unk>
            ids.append(idx)
        order = np.argsort(np.asarray(keys, dtype=np.int64))
        self.bigram_keys = np.asarray(keys, dtype=np.int64)[order]
        self.bigram_ids = np.asarray(ids, dtype=np.int64)[order]
        self.bigram_unk = bigrams.token_to_idx[bigrams.unk_token] if bigrams is not None else 0
        self.softword_ids = dict(softwords.token_to_idx) if softwords is not None else None
        self.softword_unk = softwords.token_to_idx[softwords.unk_token] if softwords is not None else 0
        self._patterns: dict[int, list[int]] = {}
        self._lengths = None  # JiebaWordLengths, built on first use (jieba loads its dictionary then)

    def codes(self, sentences: Sequence[str]) -> np.ndarray:
        """Code points of all sentences, concatenated: (total characters,) int64."""
        return np.frombuffer("".join(sentences).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)

    def bigrams(self, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Bigram id of each character: itself and the next one, or the end mark after a sentence's last."""
        following = np.empty_like(codes)
        following[:-1] = codes[1:]
        following[np.cumsum(lengths) - 1] = _END_CODE
        keys = codes * _KEY_BASE + following
        at = np.searchsorted(self.bigram_keys, keys)
        at[at == len(self.bigram_keys)] = 0
        found = self.bigram_keys[at] == keys
        return np.where(found, self.bigram_ids[at], self.bigram_unk)

    def softwords(self, sentences: Sequence[str]) -> np.ndarray:
        """Soft-word tag id of each character of all sentences (one jieba pass each), concatenated:
        the ids of :func:`soft_word_tags`, built from a cached id row per word length."""
        if self._lengths is None:
            self._lengths = JiebaWordLengths()
        out: list[int] = []
        for sentence in sentences:
            row: list[int] = []
            for length in self._lengths(sentence):
                pattern = self._patterns.get(length)
                if pattern is None:
                    pattern = self._patterns[length] = self._pattern(length)
                row += pattern
            out += row if len(row) == len(sentence) else self._pattern(1) * len(sentence)
        return np.asarray(out, dtype=np.int64)

    def _pattern(self, n: int) -> list[int]:
        get, unk = self.softword_ids.get, self.softword_unk
        if n == 1:
            return [get("S1", unk)]
        length = str(min(n, MAX_SOFTWORD_LENGTH))
        return [get("B" + length, unk)] + [get("M" + length, unk)] * (n - 2) + [get("E" + length, unk)]


class FastTagger:
    """Batched inference with a loaded HanLP RNN NER component whose embedding is
    :class:`~cnnews_ner.hanlp_components.CharBigramEmbedding` (the shipped model) or a plain
    character ``nn.Embedding``.

    ``predict(sentences)`` returns, for each sentence, its entities as ``(type, start, end)``
    (end exclusive, types as the model writes them: PER / ORG / LOC).
    """

    def __init__(self, component, precision: str = "fp32", batch_size: int = 256,
                 max_batch_chars: int = 32_768) -> None:
        model = component.model
        if model.crf is None or model.embed_to_rnn is not None:
            raise TypeError("FastTagger handles the BiLSTM-CRF tagger with no projection before the LSTM")
        self.component = component
        self.precision = precision
        self.batch_size = batch_size
        self.max_batch_chars = max_batch_chars
        vocabs = component.vocabs
        token_key = component.config.token_key
        embed = model.embed
        self.bigram_embed = getattr(embed, "bigrams", None)
        self.softword_embed = getattr(embed, "softwords", None)
        self.char_embed = getattr(embed, "chars", embed)
        if not isinstance(self.char_embed, torch.nn.Embedding):
            raise TypeError(f"FastTagger does not handle the embedding {type(embed).__name__}")
        self.lookup = _Lookup(vocabs[token_key], vocabs[BIGRAM_FIELD] if self.bigram_embed is not None else None,
                              vocabs[SOFTWORD_FIELD] if self.softword_embed is not None else None)
        if self.softword_embed is not None:
            _quiet_jieba()
        self.tags = list(vocabs["tag"].idx_to_token)
        self.device = next(model.parameters()).device
        crf = model.crf
        self.transitions = crf.transitions.detach().float()
        self.start = crf.start_transitions.detach().float()
        self.end = crf.end_transitions.detach().float()
        # copies: the HanLP component keeps its own fp32 weights and predicts as before
        embeddings = [e for e in (self.char_embed, self.bigram_embed, self.softword_embed) if e is not None]
        net = DenseEmissions(embeddings, model.word_lstm, model.out).to(self.device)
        if precision == "bf16":
            net = net.to(torch.bfloat16)
        elif precision == "int8":
            net = _quantize_dynamic(net)
        elif precision != "fp32":
            raise ValueError(f"unknown precision {precision!r}")
        self.net = net.eval()

    @torch.inference_mode()
    def predict(self, sentences: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """Entities of each sentence (empty sentences have none)."""
        results: list[list[tuple[str, int, int]]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        tags = self.tags
        for batch in self._batches(order, sentences):
            texts = [sentences[i] for i in batch]
            paths = self._tag_batch(texts).tolist()  # the one transfer of this batch's best paths
            for i, text, path in zip(batch, texts, paths):
                results[i] = tags_to_spans([tags[t] for t in path[:len(text)]])
        return results

    def _batches(self, order: list[int], sentences: Sequence[str]):
        # at most batch_size sentences and (beyond the first) max_batch_chars padded characters:
        # long sentences come in smaller batches, so memory does not grow with their length
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) >= self.batch_size
                          or (len(batch) + 1) * len(sentences[batch[0]]) > self.max_batch_chars):
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def _tag_batch(self, texts: list[str]) -> torch.Tensor:
        """Best tag ids (batch, longest) for sentences sorted by decreasing length."""
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        codes = self.lookup.codes(texts)
        lens = torch.from_numpy(lengths)
        width = int(lengths[0])
        mask = torch.arange(width).unsqueeze(0) < lens.unsqueeze(1)  # (batch, width), rows are prefixes

        def padded(flat: np.ndarray) -> torch.Tensor:
            ids = torch.zeros(len(texts), width, dtype=torch.long)
            ids[mask] = torch.from_numpy(flat)  # row-major order of mask == concatenation order
            return ids.to(self.device, non_blocking=True)

        ids = [padded(self.lookup.char_ids[codes])]
        if self.bigram_embed is not None:
            ids.append(padded(self.lookup.bigrams(codes, lengths)))
        if self.softword_embed is not None:
            ids.append(padded(self.lookup.softwords(texts)))
        emissions = self.net(ids, lens.to(self.device, non_blocking=True))
        device_mask = mask.to(self.device, non_blocking=True)
        paths = batched_viterbi(emissions, device_mask, self.transitions, self.start, self.end)
        return paths.cpu()


def _copy_module(module: torch.nn.Module) -> torch.nn.Module:
    import copy

    return copy.deepcopy(module)


def _quantize_dynamic(net: torch.nn.Module) -> torch.nn.Module:
    """int8 dynamic quantization of the LSTMs and output layers (weights int8, activations quantized
    per batch). oneDNN's kernels are the fastest of torch's engines for this LSTM here."""
    import warnings

    if "onednn" in torch.backends.quantized.supported_engines:
        torch.backends.quantized.engine = "onednn"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization's deprecation notices
        return torch.ao.quantization.quantize_dynamic(net, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8)
