"""The Ray runner on a local Ray instance gives the same tables as a single machine."""
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_tables_equal_single_machine(local_ray, tmp_path, monkeypatch):
    from cnnews_ner.distributed import extract_ray
    from cnnews_ner.runner import stream_to_dir
    from cnnews_ner.api import raw_documents

    monkeypatch.chdir(ROOT)
    single, distributed = tmp_path / "single", tmp_path / "ray"
    stream_to_dir(raw_documents(["seeds", "fixtures/crafted"]), single, "jsonl", device="cpu", workers=1)
    counts = extract_ray(["seeds", "fixtures/crafted"], distributed, "jsonl", actors=2)
    inputs = [p for folder in ("seeds", "fixtures/crafted") for p in Path(folder).glob("*.txt")]
    assert counts["documents"] == len(inputs) >= 9
    for name in ("documents", "mentions", "offices", "people", "organizations"):
        assert (distributed / f"{name}.jsonl").read_text(encoding="utf-8") == \
            (single / f"{name}.jsonl").read_text(encoding="utf-8"), name


def test_parquet_shards_in_parquet_tables_out(local_ray, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cnnews_ner.distributed import extract_ray

    shard = tmp_path / "shard-0.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["市委书记张建华出席会议。", "市商务局局长李晓梅表示。"]}), shard)
    extract_ray([str(shard)], tmp_path / "out", "parquet", actors=1)
    offices = pq.read_table(tmp_path / "out" / "offices.parquet").to_pylist()
    assert {(o["doc_id"], o["person"], o["title"]) for o in offices} == {("a", "张建华", "书记"), ("b", "李晓梅", "局长")}
