#!/usr/bin/env python3
"""Train the shipped NER model (see cnnews_ner/training.py). Example:

    python scripts/train_ner.py --out cnnews_ner/models/msra_rnn_bigram --epochs 20
"""
import argparse
import dataclasses
import json
from pathlib import Path

from cnnews_ner.training import TrainConfig, train


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="model directory to write")
    for f in dataclasses.fields(TrainConfig):
        ap.add_argument("--" + f.name.replace("_", "-"), type=type(f.default), default=f.default)
    args = vars(ap.parse_args())
    out = args.pop("out")
    metrics = train(out, TrainConfig(**args))
    print(json.dumps(metrics["test"], indent=1))


if __name__ == "__main__":
    main()
