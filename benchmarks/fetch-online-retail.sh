#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fetches the full UCI Online Retail data set (Daqing Chen, Sai Liang Sain, Kun Guo, 2012; UCI
# Machine Learning Repository, id 352, https://doi.org/10.24432/C5BW33; CC BY 4.0) from its
# public source and writes it as the CSV the docs' figures were measured on: header
# InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country, dates
# yyyy-MM-dd HH:mm:ss, CustomerID without a decimal part, UTF-8, LF line ends; then gzips it.
#   benchmarks/fetch-online-retail.sh [OUTPUT]      (default: data/online_retail.csv.gz)
# Needs curl, unzip and python3 with pandas and openpyxl (Debian: python3-pandas python3-openpyxl).
# UCI distributes the data as an Excel workbook (Online Retail.xlsx, ~23 MB); the conversion reads
# it with pandas. The CSV's SHA-256 is compared with the reference file's; a mismatch is reported
# (another pandas version may write some values differently) but the file is kept.
set -euo pipefail
out="${1:-data/online_retail.csv.gz}"
url="https://archive.ics.uci.edu/static/public/352/online+retail.zip"
expected_csv_sha256="959c8b3847939247e4007cbbd6dfcf3fdc78bc8236a08eba94565e15679914d8"

for tool in curl unzip python3 sha256sum gzip; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
python3 -c 'import pandas, openpyxl' 2>/dev/null \
  || { echo "needs python3 with pandas and openpyxl (Debian: python3-pandas python3-openpyxl)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "downloading $url ..." >&2
curl -fsSL --retry 3 -o "$work/online_retail.zip" "$url"
unzip -q -o "$work/online_retail.zip" -d "$work"
xlsx="$(find "$work" -name '*.xlsx' | head -1)"
[ -n "$xlsx" ] || { echo "no .xlsx in the downloaded archive" >&2; exit 1; }

echo "converting $(basename "$xlsx") to CSV ..." >&2
python3 - "$xlsx" "$work/online_retail.csv" <<'PY'
import sys
import pandas as pd

text = {"InvoiceNo": str, "StockCode": str, "Description": str, "Country": str}
df = pd.read_excel(sys.argv[1], dtype=text)
df["CustomerID"] = df["CustomerID"].astype("Int64")  # 17850.0 -> 17850, missing stays empty
df.to_csv(sys.argv[2], index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")
PY

actual="$(sha256sum "$work/online_retail.csv" | cut -d' ' -f1)"
lines="$(($(wc -l <"$work/online_retail.csv") - 1))"
mkdir -p "$(dirname "$out")"
gzip -n -9 -c "$work/online_retail.csv" >"$out"
echo "wrote $out: $lines data lines, CSV sha256 $actual"
if [ "$actual" = "$expected_csv_sha256" ]; then
  echo "sha256 matches the reference CSV"
else
  echo "warning: sha256 differs from the reference CSV ($expected_csv_sha256);" \
    "row counts in the docs may still match (expected 541,909 data lines)" >&2
fi
