#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end benchmark of `segflow run` on the full UCI Online Retail data set (541,909 rows).
# Runs each configuration REPS times through the launcher (fresh JVM each time, as a scheduler
# would) and reports the median wall time and the peak resident memory measured by /usr/bin/time.
#   benchmarks/full-dataset.sh DATA_FILE [REPS]      (REPS default 5)
# DATA_FILE: the full Online Retail CSV (benchmarks/fetch-online-retail.sh fetches it), or any
# transaction file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
data="$1"
reps="${2:-5}"
[ -f "$data" ] || { echo "no data file $data (benchmarks/fetch-online-retail.sh fetches it)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

"$here/segflow" --version >/dev/null   # builds the jar and the class-data archive if needed

run_case() {
  local name="$1"; shift
  local walls=() rss=()
  for i in $(seq "$reps"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %M" -o "$work/time" "$here/segflow" run --input "$data" \
      --output "$work/out" "$@" >"$work/stdout" 2>"$work/stderr" \
      || { cat "$work/stderr" >&2; exit 1; }
    read -r wall kb <"$work/time"
    walls+=("$wall"); rss+=("$kb")
  done
  local med max
  med="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  max="$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)"
  printf '%-36s median wall %6.2f s  (runs: %s)  peak RSS %5d MB\n' "$name" "$med" \
    "$(IFS=,; echo "${walls[*]}")" "$((max / 1024))"
  grep -E "rows (read|used)|customers" "$work/stdout" | sed 's/^/    /'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "data: $data, $reps runs per case"
run_case "features only (--no-segmentation)" --no-segmentation
run_case "features + k-means (k auto, 2..10)"
run_case "features + k-means (k = 3)" --k 3
