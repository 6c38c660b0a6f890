"""Preprocessing: clean the raw card transactions and split them into train and validation sets.

Input  /opt/ml/processing/input/*.csv   columns: amount, merchant_category, hour, is_foreign, is_fraud
Output /opt/ml/processing/output/train/train.csv and .../validation/validation.csv,
       label first, no header (the layout SageMaker's CSV training convention expects).
"""
import glob
import os

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

INPUT_DIR = "/opt/ml/processing/input"
OUTPUT_DIR = "/opt/ml/processing/output"
FEATURES = ["amount", "merchant_category", "hour", "is_foreign"]
LABEL = "is_fraud"


def load(input_dir):
    files = sorted(glob.glob(os.path.join(input_dir, "*.csv")))
    if not files:
        raise SystemExit(f"no CSV files in {input_dir}")
    return pd.concat((pd.read_csv(f) for f in files), ignore_index=True)


def prepare(frame):
    frame = frame.dropna(subset=FEATURES + [LABEL]).copy()
    frame["amount"] = np.log1p(frame["amount"].clip(lower=0))
    frame["hour"] = frame["hour"].astype(int) % 24
    frame["merchant_category"] = frame["merchant_category"].astype("category").cat.codes
    return frame[[LABEL] + FEATURES]


def main():
    data = prepare(load(INPUT_DIR))
    train, validation = train_test_split(data, test_size=0.2, random_state=42, stratify=data[LABEL])
    for name, part in (("train", train), ("validation", validation)):
        target = os.path.join(OUTPUT_DIR, name)
        os.makedirs(target, exist_ok=True)
        part.to_csv(os.path.join(target, f"{name}.csv"), header=False, index=False)
        print(f"{name}: {len(part)} rows, fraud rate {part[LABEL].mean():.4f}")


if __name__ == "__main__":
    main()
