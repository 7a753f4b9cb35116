"""Our inference path (cnnews_ner.inference) against HanLP's own: same tags, same spans.

The full MSRA test set comparison is `python benchmarks/compare_hanlp.py` (a minute or two); here a
slice keeps CI short.
"""
import pytest
import torch

from cnnews_ner.hanlp_components import soft_words
from cnnews_ner.inference import DenseEmissions, FastTagger, batched_viterbi, resolve_precision, soft_word_tags
from cnnews_ner.ner import MAX_MODEL_INPUT, MODEL_ALPHABET, NerEngine, get_engine


@pytest.fixture(scope="module")
def component():
    return get_engine("default", "cpu", precision="fp32")._load()


@pytest.fixture(scope="module")
def msra_slice():
    from cnnews_ner.evaluation import load_tagged
    from cnnews_ner.training import msra_file

    return [s.translate(MODEL_ALPHABET) for s, _ in load_tagged(msra_file("test"), limit=300)]


def test_fp32_path_gives_hanlp_predict_spans_on_msra(component, msra_slice):
    sentences = msra_slice + ["新华社记者王军报道", "王", ""]  # one character, empty
    reference = component.predict([list(s) for s in sentences if s], batch_size=64)
    ours = FastTagger(component, "fp32", batch_size=32).predict(sentences)  # other batches than HanLP's
    assert ours[-1] == []
    assert ours[:-1] == [[(kind, b, e) for _, kind, b, e in entities] for entities in reference]
    assert sum(map(len, ours)) > 150  # the slice has entities: the comparison is not vacuous


def test_batched_viterbi_matches_hanlp_crf_decode():
    from hanlp.layers.crf.crf import CRF

    torch.manual_seed(0)
    crf = CRF(13, batch_first=True)
    torch.nn.init.normal_(crf.transitions)
    lengths = torch.tensor([9, 9, 7, 4, 1])
    emissions = torch.randn(5, 9, 13) * 3
    mask = torch.arange(9).unsqueeze(0) < lengths.unsqueeze(1)
    expected = crf.decode(emissions, mask)
    paths = batched_viterbi(emissions, mask, crf.transitions, crf.start_transitions, crf.end_transitions)
    assert [row[:n] for row, n in zip(paths.tolist(), lengths.tolist())] == expected


def test_dense_emissions_equal_the_packed_bilstm():
    torch.manual_seed(1)
    embed = torch.nn.Embedding(50, 8)
    lstm = torch.nn.LSTM(8, 16, batch_first=True, bidirectional=True)
    out = torch.nn.Linear(32, 5)
    lengths = torch.tensor([6, 4, 1])
    ids = torch.randint(1, 50, (3, 6)) * (torch.arange(6).unsqueeze(0) < lengths.unsqueeze(1))
    with torch.no_grad():
        packed = torch.nn.utils.rnn.pack_padded_sequence(embed(ids), lengths, batch_first=True)
        hidden, _ = torch.nn.utils.rnn.pad_packed_sequence(lstm(packed)[0], batch_first=True)
        expected = out(hidden)
        got = DenseEmissions([embed], lstm, out)([ids], lengths)
    for row, n in enumerate(lengths.tolist()):
        torch.testing.assert_close(got[row, :n], expected[row, :n])


def test_soft_word_tags_from_a_string_equal_the_training_transform():
    for sentence in ["市科技局党组书记、局长井为民出席会议", "ABC 公司 2024年", "王"]:
        assert soft_word_tags(sentence) == soft_words(list(sentence))


@pytest.mark.parametrize("precision", ["bf16", "int8"])
def test_reduced_precisions_find_the_same_obvious_entities(component, precision):
    sentence = "国务院总理李强在北京会见了美国国务卿布林肯。"
    spans = FastTagger(component, precision).predict([sentence])[0]
    assert ("PER", 5, 7) in spans and ("LOC", 8, 10) in spans  # 李强, 北京


def test_precision_names(monkeypatch):
    monkeypatch.setenv("CNNEWS_NER_PRECISION", "fp32")
    assert resolve_precision("auto", "cpu") == "fp32"
    assert resolve_precision("int8", "cpu") == "int8"
    monkeypatch.setenv("CNNEWS_NER_PRECISION", "fp64")
    with pytest.raises(ValueError, match="fp64"):
        resolve_precision("auto", "cpu")
    with pytest.raises(ValueError, match="CPU"):
        resolve_precision("int8", "cuda")


def test_a_sentence_longer_than_the_model_input_is_read_in_pieces():
    sentence = "新华社记者王军报道" * (2 * MAX_MODEL_INPUT // 9 + 1)  # no punctuation, > 2 pieces
    engine = NerEngine("default", "cpu", precision="fp32")
    spans = engine.predict([sentence])[0]
    assert all(sentence[s.start:s.end] == s.text for s in spans)
    people = [s for s in spans if s.type == "PERSON" and s.text == "王军"]
    assert len(people) >= 2 * MAX_MODEL_INPUT // 9 - 2  # found in every piece, offsets into the whole
    assert any(s.start > MAX_MODEL_INPUT for s in people)


def test_soft_word_ids_equal_the_tags_looked_up(component):
    tagger = FastTagger(component, "fp32")
    sentences = ["市科技局党组书记、局长井为民出席会议", "ABC 公司 2024年", "王", "中华人民共和国国务院总理"]
    vocab = component.vocabs["token_softword"]
    expected = [vocab.get_idx(t) for s in sentences for t in soft_word_tags(s)]
    assert tagger.lookup.softwords(sentences).tolist() == expected


def test_faster_jieba_pass_gives_jieba_lcut_words(msra_slice):
    import jieba

    from cnnews_ner.inference import JiebaWordLengths

    lengths = JiebaWordLengths()
    edge_cases = ["ABC 公司 2024年", "a\r\nb  c\t d", "", " ", "王", "3.5%的增长，GDP达到10.2万亿元", "中华人民共和国国务院总理李强"]
    for sentence in msra_slice + edge_cases:
        assert lengths(sentence) == [len(w) for w in jieba.lcut(sentence)], sentence
