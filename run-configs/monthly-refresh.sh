#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A monthly warehouse refresh, end to end: train a model on the customers as of the first month
# end, score every month end with it into as_of= partitions (stable segment ids by construction),
# retrain at the last month keeping the first model's ids where segments still match, and show
# how customers moved between the last two months (segflow migrate).
#   run-configs/monthly-refresh.sh INPUT [OUTPUT_ROOT]      (OUTPUT_ROOT default output/monthly)
# INPUT: the full UCI Online Retail data (benchmarks/fetch-online-retail.sh fetches it); the month
# ends below are its last seven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ -f "$1" ] || { echo "no input file $1 (benchmarks/fetch-online-retail.sh fetches it)" >&2; exit 2; }
input="$(realpath "$1")"
out="$(realpath -m "${2:-$here/output/monthly}")"
segflow="$here/segflow"
month_ends=(2011-06-30 2011-07-31 2011-08-31 2011-09-30 2011-10-31 2011-11-30 2011-12-09)

echo "== train on the customers as of ${month_ends[0]}"
"$segflow" train --input "$input" --as-of "${month_ends[0]}" --output "$out/model" \
  --no-report --overwrite | sed -n '/^Segments/,/^$/p'

for d in "${month_ends[@]}"; do
  echo "== score as of $d"
  "$segflow" score --model "$out/model" --input "$input" --as-of "$d" \
    --output "$out/segments" --partition-by-as-of --no-report | grep -E "^  customers|^ +[0-9]+ "
done

last="${month_ends[-1]}"
echo "== retrain as of $last, keeping the ids of the first model where segments match"
"$segflow" train --previous-model "$out/model" --input "$input" --as-of "$last" \
  --output "$out/model-retrained" --no-report --overwrite | sed -n '/^Segments matched/,/^$/p'

if "$segflow" migrate --help >/dev/null 2>&1; then
  prev="${month_ends[-2]}"
  echo "== migration $prev → $last"
  "$segflow" migrate --from "$out/segments/as_of=$prev" --to "$out/segments/as_of=$last" \
    --output "$out/migration"
fi
