#!/usr/bin/python3
"""Independent reference values for the customer-value tests (io.segflow.models.clv).

Written from the papers, not from the Java code:
  Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
  Pareto/NBD model", Marketing Science 24(2): BG/NBD likelihood (eq. 6), P(alive) (eq. 11),
  conditional expectation (eq. 10, with scipy.special.hyp2f1 as printed, no transformation);
  Fader & Hardie (2013), "The Gamma-Gamma model of monetary value": conditional expectation;
  lifetimes (MIT, Cameron Davidson-Pilon) utils._customer_lifetime_value: the CLV definition
  (months of 30 days / 4.345 weeks, cumulative differences discounted by (1+d)^month).

Data: the CDNOW sample of Fader & Hardie as distributed with lifetimes (MIT), read from
../shared/data/cdnow beside the repository. Only a dozen customers' inputs are copied into the
fixture, with the values computed here.

Re-run (Debian's python3-scipy, `apt-get install -y python3-scipy`), from the repository root:
  /usr/bin/python3 models/src/test/resources/clv/oracle.py [path/to/shared]
It rewrites oracle_customers.csv and oracle_holdout_{sample,master}.csv beside this script.
"""
import csv
import datetime
import gzip
import math
import os
import sys

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, *[".."] * 6, "shared")
CDNOW = os.path.join(SHARED, "data", "cdnow")

# Published parameters (weeks): the paper's BG/NBD and the note's Gamma-Gamma.
R, ALPHA, A, B = 0.242593, 4.413532, 0.792886, 2.425752
P, Q, V = 6.25, 3.74, 15.44
DAYS_PER_UNIT = {"week": 7.0, "day": 1.0}
MONTH = {"week": 4.345, "day": 30.0}  # lifetimes' factor for freq "W" and "D"


def p_alive(r, alpha, a, b, x, tx, T):
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + (a / (b + x - 1.0)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def expected(t, r, alpha, a, b, x, tx, T):
    """Eq. 10 exactly as printed."""
    if t == 0:
        return 0.0
    z = t / (alpha + T + t)
    hyp = hyp2f1(r + x, b + x, a + b + x - 1.0, z)
    first = (a + b + x - 1.0) / (a - 1.0)
    second = 1.0 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp
    denominator = 1.0 + (1.0 if x > 0 else 0.0) * (a / (b + x - 1.0)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return first * second / denominator


def gg_expectation(p, q, v, x, zbar):
    return p * (v + x * zbar) / (p * x + q - 1.0)


def clv(unit, r, alpha, a, b, x, tx, T, value, months=12, discount=0.01):
    factor = MONTH[unit]
    total = 0.0
    for i in np.arange(1, months + 1) * factor:
        purchases = expected(i, r, alpha, a, b, x, tx, T) - expected(i - factor, r, alpha, a, b, x, tx, T)
        total += value * purchases / (1.0 + discount) ** (i / factor)
    return total


def published_summary():
    with open(os.path.join(CDNOW, "cdnow_customers_summary_with_transactions.csv"), newline="") as f:
        return [
            {"id": int(r["ID"]), "x": int(r["x"]), "tx_days": round(float(r["t_x"]) * 7),
             "T_days": round(float(r["T"]) * 7), "zbar": float(r["zbar"])}
            for r in csv.DictReader(f)
        ]


def chosen(rows):
    by_id = {r["id"]: r for r in rows}
    ids = list(range(1, 11))
    extra = [
        max(rows, key=lambda r: (r["x"], -r["id"]))["id"],  # most repeat purchases
        min((r for r in rows if r["x"] > 0), key=lambda r: (r["tx_days"] - r["T_days"], r["id"]))["id"],  # bought again early, long silent
        min(rows, key=lambda r: (r["T_days"], -r["x"], r["id"]))["id"],  # latest first purchase
        max((r for r in rows if r["x"] >= 3), key=lambda r: (r["tx_days"] / max(r["T_days"], 1), r["id"]))["id"],  # frequent and recent
    ]
    for i in extra:
        if i not in ids:
            ids.append(i)
    return [by_id[i] for i in ids]


def write_customers(rows):
    out = os.path.join(HERE, "oracle_customers.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "id", "x", "tx_days", "T_days", "zbar", "p_alive",
                    "expected_273_days", "expected_365_days", "gg_expectation", "clv_12_months"])
        for unit in ("week", "day"):
            d = DAYS_PER_UNIT[unit]
            alpha = ALPHA * 7.0 / d  # the same model with time counted in days
            for r in rows:
                x, tx, T = r["x"], r["tx_days"] / d, r["T_days"] / d
                value = gg_expectation(P, Q, V, x, r["zbar"])
                w.writerow([unit, r["id"], x, r["tx_days"], r["T_days"], "%.2f" % r["zbar"],
                            repr(float(p_alive(R, alpha, A, B, x, tx, T))),
                            repr(float(expected(273.0 / d, R, alpha, A, B, x, tx, T))),
                            repr(float(expected(365.0 / d, R, alpha, A, B, x, tx, T))),
                            repr(float(value)),
                            repr(float(clv(unit, R, alpha, A, B, x, tx, T, value)))])


def bgnbd_negative_ll(log_params, x, tx, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


def write_holdout(name, id_column):
    """39 weeks calibration (to 1997-09-30) + 39 weeks holdout (to 1998-06-30) on raw transactions."""
    cal_end = datetime.date(1997, 9, 30)
    end = datetime.date(1998, 6, 30)
    days = {}
    with gzip.open(os.path.join(CDNOW, "cdnow_%s.csv.gz" % name), "rt") as f:
        for r in csv.DictReader(f):
            d = datetime.datetime.strptime(r["date"], "%Y%m%d").date()
            days.setdefault(int(r[id_column]), set()).add(d)
    x, tx, T, actual = [], [], [], []
    for cid in sorted(days):
        cal = sorted(d for d in days[cid] if d <= cal_end)
        if not cal:
            continue
        x.append(len(cal) - 1)
        tx.append((cal[-1] - cal[0]).days / 7.0)
        T.append((cal_end - cal[0]).days / 7.0)
        actual.append(sum(1 for d in days[cid] if cal_end < d <= end))
    x, tx, T, actual = map(np.array, (x, tx, T, actual))
    fit = minimize(bgnbd_negative_ll, np.zeros(4), args=(x, tx, T), method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 20000})
    fit = minimize(bgnbd_negative_ll, fit.x, args=(x, tx, T), method="Nelder-Mead",
                   options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000, "maxfev": 20000})
    r, alpha, a, b = np.exp(fit.x)
    horizon = (end - cal_end).days / 7.0
    predicted = np.array([expected(horizon, r, alpha, a, b, xi, ti, Ti) for xi, ti, Ti in zip(x, tx, T)])
    out = os.path.join(HERE, "oracle_holdout_%s.csv" % name)
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "value"])
        for k, val in (("r", r), ("alpha", alpha), ("a", a), ("b", b), ("log_likelihood", -fit.fun),
                       ("customers", len(x)), ("mean_predicted", predicted.mean()),
                       ("mean_actual", actual.mean()),
                       ("mean_absolute_error", np.abs(predicted - actual).mean()),
                       ("correlation", np.corrcoef(predicted, actual)[0, 1])):
            w.writerow([k, repr(float(val))])
        for k in range(8):
            mask = (x >= 7) if k == 7 else (x == k)
            w.writerow(["customers_%d" % k, int(mask.sum())])
            w.writerow(["mean_predicted_%d" % k, repr(float(predicted[mask].mean()))])
            w.writerow(["mean_actual_%d" % k, repr(float(actual[mask].mean()))])


if __name__ == "__main__":
    print("scipy", scipy.__version__, "numpy", np.__version__, file=sys.stderr)
    write_customers(chosen(published_summary()))
    write_holdout("sample", "sample_customer_id")
    write_holdout("master", "customer_id")
