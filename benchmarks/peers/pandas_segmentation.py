# SPDX-License-Identifier: GPL-3.0-or-later
"""The same analysis as `segflow run` with its defaults, written with pandas and scikit-learn: a
peer to time Segflow against on one machine (docs/performance.md, "Peers").

    python3 benchmarks/peers/pandas_segmentation.py data/online_retail.csv.gz

Needs Debian's python3-pandas and python3-sklearn. Reads the CSV, applies the default cleaning
(missing customer id, cancellations, quantity <= 0, price <= 0, exact duplicates), computes the
RFM features as of the day after the last invoice, log1p + standard scaling of the five default
features, k-means (k-means++, 3 restarts, seed 42) for k = 2..10 with the silhouette of each k.
Prints the counts, the k-scan and the time of each phase.
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str},
                 parse_dates=["InvoiceDate"])
t_read = time.perf_counter()
rows_read = len(df)
df = df[df["CustomerID"].notna()]
df = df[~df["InvoiceNo"].str.startswith("C")]
df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0)]
df = df.drop_duplicates()
t_clean = time.perf_counter()

df["amount"] = df["Quantity"] * df["UnitPrice"]
as_of = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
g = df.groupby("CustomerID")
features = pd.DataFrame({
    "recency_days": (as_of - g["InvoiceDate"].max().dt.normalize()).dt.days,
    "frequency": g["InvoiceNo"].nunique(),
    "monetary": g["amount"].sum(),
    "total_quantity": g["Quantity"].sum(),
})
features["avg_basket_value"] = features["monetary"] / features["frequency"]
t_features = time.perf_counter()

x = StandardScaler().fit_transform(np.log1p(features.to_numpy(dtype=float)))
scan = []
for k in range(2, 11):
    labels = KMeans(n_clusters=k, init="k-means++", n_init=3, random_state=42).fit_predict(x)
    scan.append((k, silhouette_score(x, labels)))
t_scan = time.perf_counter()

print(f"rows read {rows_read:,}, rows used {len(df):,}, customers {len(features):,}")
for k, s in scan:
    print(f"  k={k:2d} silhouette {s:.4f}")
print(f"read {t_read - t0:.2f} s, clean {t_clean - t_read:.2f} s, features {t_features - t_clean:.2f} s,"
      f" k-scan {t_scan - t_features:.2f} s, total {t_scan - t0:.2f} s")
