#!/usr/bin/env python3
"""Train the shipped NER model (see cnnews_ner/training.py). Examples:

    # from scratch (HanLP's trainer), then 8 epochs of weight averaging on top
    python scripts/train_ner.py --out cnnews_ner/models/msra_rnn_bigram --epochs 25 --swa-epochs 8
    # weight averaging only, on a model already trained in --out
    python scripts/train_ner.py --out cnnews_ner/models/msra_rnn_bigram --skip-train --swa-epochs 8
"""
import argparse
import dataclasses
import json
from pathlib import Path

from cnnews_ner.training import TrainConfig, average_weights, train, write_metrics


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="model directory to write")
    ap.add_argument("--skip-train", action="store_true", help="start from the model already in --out")
    ap.add_argument("--swa-epochs", type=int, default=0, help="epochs of stochastic weight averaging after training")
    ap.add_argument("--swa-lr", type=float, default=5e-4, help="constant learning rate during weight averaging")
    for f in dataclasses.fields(TrainConfig):
        ap.add_argument("--" + f.name.replace("_", "-"), type=type(f.default), default=f.default)
    args = vars(ap.parse_args())
    out, skip_train = args.pop("out"), args.pop("skip_train")
    swa_epochs, swa_lr = args.pop("swa_epochs"), args.pop("swa_lr")
    config = TrainConfig(**args)
    if skip_train:
        metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    else:
        metrics = train(out, config)
    if swa_epochs:
        swa = average_weights(out, TrainConfig(**metrics["config"]), swa_epochs, swa_lr,
                              out.parent / (out.name + "-data"))
        extra = {k: v for k, v in metrics.items() if k not in ("config", "train_seconds", "torch", "device", "test")}
        metrics = write_metrics(out, TrainConfig(**metrics["config"]), metrics["train_seconds"],
                                {**extra, "weight_averaging": swa})
    print(json.dumps(metrics["test"], indent=1))


if __name__ == "__main__":
    main()
