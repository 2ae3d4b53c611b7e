#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Parquet against gzip CSV: whole `segflow run`s, features only (--no-segmentation), through the
# launcher (fresh JVM each time), in interleaved rounds with the order alternating, so that both
# inputs see the same load. Per run: wall, CPU (user + system) and peak RSS from /usr/bin/time and
# the 1-minute load average before it; per round: Parquet over CSV for wall and for CPU.
#   benchmarks/parquet-vs-csv.sh CSV_FILE PARQUET_FILE [ROUNDS]      (ROUNDS default 3)
# The files: the same rows, e.g. the Online Retail file ten times over (replicate-retail.sh) and
# DuckDB's Parquet of it (docs/input.md, "Parquet against gzip CSV").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
csv="$1"
parquet="$2"
rounds="${3:-3}"
for f in "$csv" "$parquet"; do [ -f "$f" ] || { echo "no file $f" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

"$here/segflow" --version >/dev/null   # builds the jar and the class-data archive if needed

# run FILE: one run; prints "wall cpu" for the caller and a line for the reader on stderr
run() {
  rm -rf "$work/out"
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$here/segflow" run --input "$1" \
    --output "$work/out" --no-segmentation >"$work/stdout" 2>"$work/stderr" \
    || { cat "$work/stderr" >&2; exit 1; }
  local wall user sys kb
  read -r wall user sys kb <"$work/time"
  local cpu
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u + s}')"
  printf '  %-28s wall %6.1f s  cpu %5.1f s  peak RSS %5d MB  load before %s\n' \
    "$(basename "$1")" "$wall" "$cpu" "$((kb / 1024))" "$load" >&2
  echo "$wall $cpu"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $rounds interleaved rounds"
for r in $(seq "$rounds"); do
  echo "round $r"
  if (( r % 2 )); then
    read -r cw cc < <(run "$csv"); read -r pw pc < <(run "$parquet")
  else
    read -r pw pc < <(run "$parquet"); read -r cw cc < <(run "$csv")
  fi
  [ -n "${cw:-}" ] && [ -n "${pw:-}" ] || exit 1
  awk -v pw="$pw" -v cw="$cw" -v pc="$pc" -v cc="$cc" \
    'BEGIN {printf "  Parquet / CSV: wall %.2f, cpu %.2f\n", pw / cw, pc / cc}'
done
grep -E "rows (read|used)|customers" "$work/stdout" | sed 's/^/last run: /'
