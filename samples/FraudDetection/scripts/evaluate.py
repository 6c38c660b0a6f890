"""Evaluation: score the trained model on the validation set and write evaluation.json.

The report uses the SageMaker model-metrics layout ({"metrics": {"auc": {"value": ...}}}) so that a
later step can read it with JsonGet and register the model with these metrics.
"""
import glob
import json
import os
import tarfile

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

MODEL_DIR = "/opt/ml/processing/model"
VALIDATION_DIR = "/opt/ml/processing/validation"
OUTPUT_DIR = "/opt/ml/processing/evaluation"


def load_model():
    with tarfile.open(os.path.join(MODEL_DIR, "model.tar.gz")) as archive:
        archive.extractall(MODEL_DIR, filter="data")
    with open(os.path.join(MODEL_DIR, "model.json")) as f:
        model = json.load(f)
    return np.array(model["weights"]), model["bias"]


def main():
    weights, bias = load_model()
    files = sorted(glob.glob(os.path.join(VALIDATION_DIR, "*.csv")))
    data = np.concatenate([np.loadtxt(f, delimiter=",", ndmin=2) for f in files])
    labels, features = data[:, 0], data[:, 1:]
    scores = 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
    report = {
        "metrics": {
            "auc": {"value": float(roc_auc_score(labels, scores))},
            "average_precision": {"value": float(average_precision_score(labels, scores))},
        }
    }
    os.makedirs(OUTPUT_DIR, exist_ok=True)
    with open(os.path.join(OUTPUT_DIR, "evaluation.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
