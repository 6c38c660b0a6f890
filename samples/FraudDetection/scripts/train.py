"""Training: a logistic-regression fraud classifier in PyTorch, resumable from Spot interruptions.

Reads the `train` channel (CSV, label first), checkpoints to /opt/ml/checkpoints every epoch (SageMaker
syncs that folder with the step's checkpoint S3 location), and writes model.json to SM_MODEL_DIR.
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

CHECKPOINT_DIR = "/opt/ml/checkpoints"


def load(channel_dir):
    files = sorted(glob.glob(os.path.join(channel_dir, "*.csv")))
    data = np.concatenate([np.loadtxt(f, delimiter=",", ndmin=2) for f in files])
    return torch.tensor(data[:, 1:], dtype=torch.float32), torch.tensor(data[:, :1], dtype=torch.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    args, _ = parser.parse_known_args()

    features, labels = load(os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    model = torch.nn.Linear(features.shape[1], 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    positive_weight = torch.tensor([(labels == 0).sum().item() / max((labels == 1).sum().item(), 1)])
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=positive_weight)

    start = 0
    checkpoint = os.path.join(CHECKPOINT_DIR, "checkpoint.pt")
    if os.path.exists(checkpoint):
        state = torch.load(checkpoint)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        start = state["epoch"] + 1
        print(f"resuming from epoch {start}")

    for epoch in range(start, args.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(features), labels)
        loss.backward()
        optimizer.step()
        print(f"epoch={epoch} loss={loss.item():.5f}")
        os.makedirs(CHECKPOINT_DIR, exist_ok=True)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, checkpoint)

    model_dir = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")
    with open(os.path.join(model_dir, "model.json"), "w") as f:
        json.dump({"weights": model.weight.detach().flatten().tolist(), "bias": model.bias.item()}, f)


if __name__ == "__main__":
    main()
