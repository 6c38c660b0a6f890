"""Prepare: turn raw customer records into model features and split them 70/15/15.

Input  /opt/ml/processing/input/*.csv with a `churned` column (0/1) and numeric or categorical features.
Output train/, validation/ and test/ CSVs, label first, no header (the SageMaker XGBoost convention).
"""
import glob
import os

import pandas as pd
from sklearn.model_selection import train_test_split

LABEL = "churned"


def main():
    files = sorted(glob.glob("/opt/ml/processing/input/*.csv"))
    if not files:
        raise SystemExit("no input CSV files")
    data = pd.concat((pd.read_csv(f) for f in files), ignore_index=True).dropna(subset=[LABEL])
    features = pd.get_dummies(data.drop(columns=[LABEL]), dummy_na=True).fillna(0)
    table = pd.concat([data[LABEL].astype(int), features], axis=1)
    train, rest = train_test_split(table, test_size=0.3, random_state=7, stratify=table[LABEL])
    validation, test = train_test_split(rest, test_size=0.5, random_state=7, stratify=rest[LABEL])
    for name, part in (("train", train), ("validation", validation), ("test", test)):
        os.makedirs(f"/opt/ml/processing/{name}", exist_ok=True)
        part.to_csv(f"/opt/ml/processing/{name}/{name}.csv", header=False, index=False)
        print(f"{name}: {len(part)} rows")


if __name__ == "__main__":
    main()
