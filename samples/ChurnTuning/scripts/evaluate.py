"""Evaluate: score the best tuned XGBoost model on the held-out test set and write evaluation.json."""
import glob
import json
import os
import tarfile

import numpy as np
import xgboost
from sklearn.metrics import roc_auc_score


def main():
    with tarfile.open("/opt/ml/processing/model/model.tar.gz") as archive:
        archive.extractall("/opt/ml/processing/model", filter="data")
    booster = xgboost.Booster()
    booster.load_model("/opt/ml/processing/model/xgboost-model")
    test = np.concatenate([np.loadtxt(f, delimiter=",", ndmin=2) for f in sorted(glob.glob("/opt/ml/processing/test/*.csv"))])
    scores = booster.predict(xgboost.DMatrix(test[:, 1:]))
    report = {"metrics": {"auc": {"value": float(roc_auc_score(test[:, 0], scores))}}}
    os.makedirs("/opt/ml/processing/evaluation", exist_ok=True)
    with open("/opt/ml/processing/evaluation/evaluation.json", "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
