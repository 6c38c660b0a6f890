"""Build features: aggregate a day of customer activity into one row of features per customer.

Input  /opt/ml/processing/input/*.parquet or *.csv (customer_id, event_type, amount, ts)
Output /opt/ml/processing/features/features.csv
"""
import glob
import os

import pandas as pd


def read(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.parquet"))) or sorted(glob.glob(os.path.join(folder, "*.csv")))
    if not files:
        raise SystemExit(f"no input files in {folder}")
    reader = pd.read_parquet if files[0].endswith(".parquet") else pd.read_csv
    return pd.concat((reader(f) for f in files), ignore_index=True)


def main():
    events = read("/opt/ml/processing/input")
    print(f"source table: {os.environ.get('SOURCE_TABLE', '?')}, {len(events)} events")
    features = events.groupby("customer_id").agg(
        events=("event_type", "size"),
        purchases=("event_type", lambda s: (s == "purchase").sum()),
        spend=("amount", "sum"),
        last_seen=("ts", "max"),
    )
    os.makedirs("/opt/ml/processing/features", exist_ok=True)
    features.to_csv("/opt/ml/processing/features/features.csv")
    print(f"{len(features)} customers")


if __name__ == "__main__":
    main()
