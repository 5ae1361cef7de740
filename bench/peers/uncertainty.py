#!/usr/bin/env python3
"""Numpy peer of ipindex's uncertainty analysis (default specification) on the regional index.

Reads a dump written by bench/analysis-case.ts (the regional dump of bench/peers/dump.ts plus
ua.json: the noisy weight sets, the left-out candidates and each replication's choices) and runs,
vectorised over replications and units:

  indicator scores with and without carry-forward (regional.py's pipeline)
  -> per replication: its weights (a noisy set, one indicator at weight 0)
  -> weighted arithmetic means bottom-up over the present children -> competition ranks
  -> per node and unit: median and 5 %/95 % quantiles of the rank (numpy's default, R type 7)

    python3 bench/peers/uncertainty.py DIR [--runs N] [--out intervals.json]

Prints one JSON line: median_ms, min_ms, runs, peak_mb. Timing covers everything from the loaded
arrays (the indicator scores of both imputation settings included).
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from regional import _rank_rows, load, pipeline  # noqa: E402


def analysis(meta, raw, ua):
    nodes = meta["nodes"]
    index = {n["code"]: i for i, n in enumerate(nodes)}
    leaves = [n for n in nodes if n["kind"] != "aggregate"]
    aggs = sorted((n for n in nodes if n["kind"] == "aggregate"), key=lambda n: -n["level"])
    report = ua["nodes"]
    e = meta["recipe"]["editions"].index(ua["edition"])
    U = len(meta["units"])
    choices = np.asarray(ua["choices"], dtype=np.int64)  # [replication, input]: weights, exclude, imputation
    R = choices.shape[0]
    # nominal weights before renormalisation, as regional.py: the recipe's set, else the framework's (or 1)
    rec = meta["recipe"]
    wset = rec["weights"]
    w0 = np.array([float(wset[n["code"]]) if n["code"] in wset else (float(n["weight"]) if rec["weightScheme"] == "framework" and n["weight"] is not None else 1.0) for n in nodes])
    sets = ua["weightSets"]
    W = np.tile(w0, (len(sets), 1))
    for k, s in enumerate(sets):
        for code, w in s.items():
            W[k, index[code]] = w
    excl = [None if x is None else index[x] for x in ua["exclude"]]
    ranks = {c: np.empty((R, U)) for c in report}
    pos = np.arange(1, U + 1, dtype=np.float64)
    for imp, carry in enumerate(ua["imputation"]):
        rows = np.flatnonzero(choices[:, 2] == imp)
        if rows.size == 0:
            continue
        leaf = pipeline(meta, raw, carry=carry, leaves_only=True)[:, e, :]  # [leaf, unit]
        wr = W[choices[rows, 0]]  # [r, node]
        ex = np.array([-1 if excl[c] is None else excl[c] for c in choices[rows, 1]])
        has = ex >= 0
        wr[np.flatnonzero(has), ex[has]] = 0.0
        S = {}
        for i, n in enumerate(leaves):
            S[n["code"]] = leaf[i][None, :]  # [1, unit], the same for every replication
        for n in aggs:
            acc = np.zeros((rows.size, U))
            wsum = np.zeros((rows.size, U))
            for c in n["children"]:
                x = S[c]
                w = wr[:, index[c]][:, None]
                present = np.isfinite(x)
                acc += np.where(present, x * w, 0.0)
                wsum += np.where(present, w, 0.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                S[n["code"]] = acc / wsum
        for c in report:
            out = np.empty((rows.size, U))
            _rank_rows(np.ascontiguousarray(np.broadcast_to(S[c], (rows.size, U))), out, pos)
            ranks[c][rows] = out
    q = {c: np.quantile(ranks[c], [0.05, 0.5, 0.95], axis=0) for c in report}
    return q


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", metavar="FILE")
    a = ap.parse_args()
    meta, raw = load(a.dir)
    with open(os.path.join(a.dir, "ua.json"), encoding="utf-8") as f:
        ua = json.load(f)
    q = analysis(meta, raw, ua)  # warm-up
    times = []
    for _ in range(max(1, a.runs)):
        t0 = time.perf_counter_ns()
        analysis(meta, raw, ua)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    times.sort()
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump({c: v.tolist() for c, v in q.items()}, f)
    print(json.dumps({
        "median_ms": round(times[len(times) // 2], 3),
        "min_ms": round(times[0], 3),
        "runs": len(times),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "replications": int(len(ua["choices"])),
    }))


if __name__ == "__main__":
    sys.exit(main())
