"""TF-IDF (word 1-2 + char_wb 2-5) + LinearSVC baseline for bench/engine.ts.

usage: /usr/bin/python3 bench/baselines/tfidf_svc.py TRAIN.jsonl TEST.jsonl FIELD [--quality-only]
prints one JSON object: accuracy, macroF1, trainSeconds, predictOneByOnePerSec (one text per call),
predictBatchPerSec, artifactBytes (pickled pipeline). LinearSVC has no probabilities, so no ECE.
--quality-only (bench/long-text.ts) skips the one-by-one timing and the pickle: accuracy, macroF1, trainSeconds only.
"""
import json
import pickle
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC


def load(path, field):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                texts.append(o["text"])
                labels.append(o[field])
    return texts, labels


def main():
    train_path, test_path, field = sys.argv[1:4]
    quality_only = "--quality-only" in sys.argv[4:]
    xtr, ytr = load(train_path, field)
    xte, yte = load(test_path, field)
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LinearSVC(C=1.0),
    )
    t = time.perf_counter()
    model.fit(xtr, ytr)
    train_s = time.perf_counter() - t

    t = time.perf_counter()
    pred = model.predict(xte)
    batch_s = time.perf_counter() - t
    if quality_only:
        print(json.dumps({
            "accuracy": accuracy_score(yte, pred),
            "macroF1": f1_score(yte, pred, average="macro"),
            "trainSeconds": train_s,
        }))
        return

    n_one = min(len(xte), 1000)
    t = time.perf_counter()
    for x in xte[:n_one]:
        model.predict([x])
    one_s = time.perf_counter() - t

    print(json.dumps({
        "accuracy": accuracy_score(yte, pred),
        "macroF1": f1_score(yte, pred, average="macro"),
        "trainSeconds": train_s,
        "predictOneByOnePerSec": n_one / one_s,
        "predictBatchPerSec": len(xte) / batch_s,
        "artifactBytes": len(pickle.dumps(model)),
    }))


if __name__ == "__main__":
    main()
