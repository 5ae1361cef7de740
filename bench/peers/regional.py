#!/usr/bin/env python3
"""Numpy peer of ipindex's regional pipeline (recipe cnipa-regional), for side-by-side timing.

Reads a dump written by bench/peers/dump.ts (meta.json + raw.f64, float64 [variable][year][unit],
NaN = missing) and runs, vectorised over units and years:

  derive formulas -> carry forward along years -> pooled efficacy coefficient
  -> weighted arithmetic means bottom-up over present children -> competition ranks

    python3 bench/peers/regional.py DIR [--runs N] [--scores out.json]

Prints one JSON line: median_ms, min_ms, runs, peak_mb, units, python, numpy.
Timing covers the pipeline from the loaded arrays (formula compilation included, file read not).
"""
import argparse
import json
import os
import platform
import re
import resource
import sys
import time

import numpy as np

# ---------------------------------------------------------------- formulas (src/core/expr/formula.ts)

_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_.]*)|(?P<op>[-+*/^()×÷·]))")
_OPS = {"×": "*", "÷": "/", "·": "*"}


def _tokens(src):
    out, i = [], 0
    while i < len(src):
        if src[i].isspace():
            i += 1
            continue
        m = _TOKEN.match(src, i)
        if not m or m.end() == i:
            raise ValueError(f'formula "{src}": unexpected character at {i + 1}')
        if m.group("num"):
            out.append(("num", m.group("num")))
        elif m.group("id"):
            out.append(("id", m.group("id")))
        else:
            out.append(("op", _OPS.get(m.group("op"), m.group("op"))))
        i = m.end()
    return out


def parse_formula(src):
    """Expression tree as tuples: ('num', v) ('var', name) ('neg', e) ('bin', op, l, r) ('pow', e, k)."""
    toks = _tokens(src)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        t = toks[pos[0]]
        pos[0] += 1
        return t

    def expr():
        left = term()
        while (t := peek()) and t[0] == "op" and t[1] in "+-":
            take()
            left = ("bin", t[1], left, term())
        return left

    def term():
        left = factor()
        while (t := peek()) and t[0] == "op" and t[1] in "*/":
            take()
            left = ("bin", t[1], left, factor())
        return left

    def factor():
        base = unary()
        t = peek()
        if t and t == ("op", "^"):
            take()
            sign = 1.0
            if peek() == ("op", "-"):
                take()
                sign = -1.0
            n = take()
            if n[0] != "num":
                raise ValueError(f'formula "{src}": expected a number after ^')
            k = sign * float(n[1])
            if base[0] == "num":
                return ("num", base[1] ** k)
            return ("pow", base, k)
        return base

    def unary():
        t = take()
        if t == ("op", "-"):
            return ("neg", unary())
        if t[0] == "num":
            return ("num", float(t[1]))
        if t[0] == "id":
            return ("var", t[1])
        if t == ("op", "("):
            e = expr()
            if take() != ("op", ")"):
                raise ValueError(f'formula "{src}": expected )')
            return e
        raise ValueError(f'formula "{src}": unexpected {t[1]}')

    e = expr()
    if pos[0] != len(toks):
        raise ValueError(f'formula "{src}": unexpected {toks[pos[0]][1]}')
    return e


def eval_formula(e, get):
    """Evaluates over arrays; NaN = missing. Division by zero and non-finite results -> NaN."""
    kind = e[0]
    if kind == "num":
        return e[1]
    if kind == "var":
        return get(e[1])
    if kind == "neg":
        return -eval_formula(e[1], get)
    if kind == "pow":
        a = eval_formula(e[1], get)
        # a missing base stays missing (numpy would give nan**0 = 1)
        return np.where(np.isnan(a), np.nan, np.power(a, e[2]))
    op, a, b = e[1], eval_formula(e[2], get), eval_formula(e[3], get)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if isinstance(b, float):
        return a / b if b != 0 else np.full(np.shape(a), np.nan)
    return np.where(b == 0, np.nan, a / b)


# ---------------------------------------------------------------- the pipeline


def load(d):
    with open(os.path.join(d, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    V, Y, U = len(meta["variables"]), len(meta["years"]), len(meta["units"])
    raw = np.fromfile(os.path.join(d, "raw.f64"), dtype="<f8")
    if raw.size != V * Y * U:
        raise SystemExit(f"raw.f64 has {raw.size} values; meta.json says {V} x {Y} x {U}")
    return meta, raw.reshape(V, Y, U)


def pipeline(meta, raw, carry=True, leaves_only=False):
    """Scores and ranks of every node, arrays [node, edition, unit] in meta's node order.

    carry=False skips carrying values forward; leaves_only=True returns the indicators' normalised
    scores [leaf, edition, unit] (meta's leaf order) before aggregation."""
    rec = meta["recipe"]
    nodes = meta["nodes"]
    years = meta["years"]
    editions = rec["editions"]
    data_years = [e - rec["dataLag"] for e in editions]
    V, Yf, U = raw.shape
    E = len(editions)

    # years considered: from min(first year in the file, first data year of the run) to the last data year
    y0, y1 = min(years[0], data_years[0]), data_years[-1]
    T = y1 - y0 + 1
    if y0 == years[0] and years[-1] == y1:
        X = raw
    else:
        X = np.full((V, T, U), np.nan)
        a, b = max(y0, years[0]), min(y1, years[-1])
        if a <= b:
            X[:, a - y0 : b - y0 + 1] = raw[:, a - years[0] : b - years[0] + 1]
    var_index = {v: i for i, v in enumerate(meta["variables"])}

    # 1. leaves: raw read, derived from their formulas year by year (a formula may read another)
    leaves = [n for n in nodes if n["kind"] != "aggregate"]
    formulas = {n["code"]: parse_formula(n["formula"]) for n in leaves if n["kind"] == "derived"}
    missing = np.full((T, U), np.nan)
    memo = {}

    def get(code):
        if code in memo:
            return memo[code]
        if code in formulas:
            r = eval_formula(formulas[code], get)
            r = np.broadcast_to(np.asarray(r, dtype=np.float64), (T, U))
            r = np.where(np.isfinite(r), r, np.nan)
        elif code in var_index:
            r = X[var_index[code]]
        else:
            r = missing
        memo[code] = r
        return r

    L = len(leaves)
    vals = np.empty((L, T, U))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for i, n in enumerate(leaves):
            vals[i] = get(n["code"])
    memo.clear()  # (get refers to itself, so without this the arrays would wait for the cycle collector)

    # 2. carry forward along the year axis: each year's gaps take the (already filled) year before
    for t in range(1, T if carry else 1):
        np.copyto(vals[:, t], vals[:, t - 1], where=np.isnan(vals[:, t]))

    # 3. the run's data years (consecutive), then the pooled efficacy coefficient
    #    low + (span * (x - L)) / (U - L), direction -1: (U - x); zero spread: low + span / 2
    t0 = data_years[0] - y0
    v = vals[:, t0 : t0 + E].reshape(L, E * U)  # a view when the run covers every year
    lo_b = np.fmin.reduce(v, axis=1, keepdims=True)
    hi_b = np.fmax.reduce(v, axis=1, keepdims=True)
    up = np.array([n["direction"] == 1 for n in leaves])
    zero = np.flatnonzero(~(hi_b[:, 0] > lo_b[:, 0]) & np.isfinite(lo_b[:, 0]))
    zero_missing = np.isnan(v[zero])
    low, span = rec["normalisation"]["low"], rec["normalisation"]["span"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if up.all():
            v -= lo_b
        else:
            v[up] -= lo_b[up]
            v[~up] = hi_b[~up] - v[~up]
        v *= span
        v /= hi_b - lo_b
        v += low
    v[zero] = np.where(zero_missing, np.nan, low + span / 2)
    if leaves_only:
        return v.reshape(L, E, U)

    # 4. aggregation, deepest level first: sum(w x) / sum(w) over the present children, in child order
    index = {n["code"]: i for i, n in enumerate(nodes)}
    N = E * U
    S = np.full((len(nodes), N), np.nan)
    S[[index[n["code"]] for n in leaves]] = v
    scheme, wset = rec["weightScheme"], rec["weights"]
    by_code = {n["code"]: n for n in nodes}
    acc, wsum, tmp, present = np.empty(N), np.empty(N), np.empty(N), np.empty(N, dtype=bool)
    for n in sorted((n for n in nodes if n["kind"] == "aggregate"), key=lambda n: -n["level"]):
        acc.fill(0.0)
        wsum.fill(0.0)
        for c in n["children"]:
            w = float(wset[c]) if c in wset else (float(by_code[c]["weight"]) if scheme == "framework" else 1.0)
            x = S[index[c]]
            np.isfinite(x, out=present)
            np.multiply(x, w, out=tmp)
            np.add(acc, tmp, out=acc, where=present)
            np.add(wsum, w, out=wsum, where=present)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(acc, wsum, out=S[index[n["code"]]])  # 0 / 0 = NaN: no child present

    # 5. competition ranks per node and edition: 1 = highest, ties within a relative 1e-9;
    #    in blocks of rows of about 256k cells, so the temporaries stay in cache
    rows = S.reshape(len(nodes) * E, U)
    ranks = np.empty_like(rows)
    step = max(1, 262144 // U)
    pos = np.arange(1, U + 1, dtype=np.float64)
    for r0 in range(0, rows.shape[0], step):
        _rank_rows(rows[r0 : r0 + step], ranks[r0 : r0 + step], pos)
    return S.reshape(len(nodes), E, U), ranks.reshape(len(nodes), E, U)


def _rank_rows(rows, out, pos):
    key = np.negative(rows)
    key[np.isnan(key)] = np.inf  # missing last (and no NaN, which would slow the sort down)
    order = np.argsort(key, axis=1)  # the order among equal scores does not change the ranks
    srt = np.take_along_axis(rows, order, axis=1)
    mag = np.abs(srt)
    tol = np.maximum(mag[:, :-1], mag[:, 1:])
    np.maximum(tol, 1.0, out=tol)
    tol *= 1e-9
    gap = np.abs(srt[:, :-1] - srt[:, 1:])
    start = np.ones(rows.shape, dtype=bool)
    # a new rank unless |prev - v| <= tol (NaN gaps only occur next to missing scores)
    np.logical_not(gap <= tol, out=start[:, 1:])
    rk = np.where(start, pos, 0.0)
    np.maximum.accumulate(rk, axis=1, out=rk)
    rk[np.isnan(srt)] = np.nan
    np.put_along_axis(out, order, rk, axis=1)


def _nan_to_none(a):
    return [[None if np.isnan(x) else float(x) for x in row] for row in a]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="folder with meta.json and raw.f64 (bench/peers/dump.ts)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs after one warm-up (default 20)")
    ap.add_argument("--scores", metavar="FILE", help="write every node x edition x unit score and rank as JSON")
    a = ap.parse_args()
    meta, raw = load(a.dir)
    scores, ranks = pipeline(meta, raw)  # warm-up
    times = []
    for _ in range(max(1, a.runs)):
        t0 = time.perf_counter_ns()
        pipeline(meta, raw)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    times.sort()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; before writing --scores
    if a.scores:
        codes = [n["code"] for n in meta["nodes"]]
        out = {
            "editions": meta["recipe"]["editions"],
            "units": meta["units"],
            "nodes": codes,
            "scores": {c: _nan_to_none(scores[i]) for i, c in enumerate(codes)},
            "ranks": {c: _nan_to_none(ranks[i]) for i, c in enumerate(codes)},
        }
        with open(a.scores, "w", encoding="utf-8") as f:
            json.dump(out, f)
    print(json.dumps({
        "median_ms": round(times[len(times) // 2], 3),
        "min_ms": round(times[0], 3),
        "runs": len(times),
        "peak_mb": round(peak_kib / 1024, 1),
        "units": len(meta["units"]),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    sys.exit(main())
