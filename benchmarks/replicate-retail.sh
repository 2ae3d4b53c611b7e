#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes an N-times larger Online Retail file: copy c = 0..N-1 of every data row, with "-c" appended
# to InvoiceNo and c x 100,000 added to a non-empty CustomerID (so every copy is a distinct set of
# invoices and customers with the same behaviour). Writes one gzip file.
#   benchmarks/replicate-retail.sh INPUT.csv[.gz] OUTPUT.csv.gz [COPIES, default 10]
# InvoiceNo is the first column and CustomerID the second-to-last (the last, Country, holds no
# comma), so quoted descriptions with commas pass through untouched.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 INPUT.csv[.gz] OUTPUT.csv.gz [COPIES]" >&2; exit 2; }
in="$1"; out="$2"; copies="${3:-10}"
[ -f "$in" ] || { echo "no input file $in" >&2; exit 2; }
case "$in" in *.gz) cat_in=(gzip -dc "$in") ;; *) cat_in=(cat "$in") ;; esac
"${cat_in[@]}" | awk -F',' -v OFS=',' -v copies="$copies" '
  NR == 1 { print; next }
  { sub(/\r$/, ""); rows[++n] = $0 }
  END {
    for (c = 0; c < copies; c++) {
      for (i = 1; i <= n; i++) {
        $0 = rows[i]
        if (c > 0) {
          $1 = $1 "-" c
          if ($(NF - 1) != "") $(NF - 1) = sprintf("%d", $(NF - 1) + c * 100000)
        }
        print
      }
    }
  }' | gzip -1 >"$out"
