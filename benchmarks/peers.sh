#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Side-by-side benchmark of Segflow and its peers on ONE input file in ONE invocation: interleaved
# rounds (every peer once, in the order below, then again), so that all see the same machine load.
# Each run is a fresh process timed by the wall clock (JVM or interpreter start included). Prints
# one table: each peer's median and min-max over the rounds, its ratio to Segflow's default run
# on the DirectRunner and, for the runs that compute features only, to Segflow's features-only run
# (ratios of medians); then the ratios the performance goals name, and the machine.
#
#   benchmarks/peers.sh [options] INPUT.csv[.gz]
#     --rounds N         rounds (default 3)
#     --peers LIST       which peers, comma-separated (default: all, in this order):
#                          segflow           segflow run, k auto (the launcher's defaults)
#                          segflow-features  segflow run --no-segmentation (features, the
#                                            value model, rejected rows, CRM file, report)
#                          segflow-etl       segflow run --no-segmentation --no-clv: the
#                                            features without the value model, the work
#                                            DuckDB's statement does plus the outputs
#                          flink             segflow run, k auto, on Flink [local]
#                          flink-features    segflow run --no-segmentation on Flink [local]
#                          baseline          PlainJavaBaseline: the features in plain Java
#                          duckdb            DuckDbPeer: the features as one SQL statement in
#                                            DuckDB (JDBC driver, in-process)
#                          pandas            benchmarks/peers/pandas_segmentation.py: the default
#                                            method in pandas + scikit-learn (k-scan 2..10)
#     --parallelism N    Flink parallelism (default 2)
#     --timeout SECONDS  stop a run after this long and record it as failed (default: none)
#     --results DIR      where table.md, goals.md, runs.csv, machine.txt and logs/ go
#                        (default benchmarks/results/peers-DATE-TIME)
#
# Before the rounds it builds what is missing or stale (./segflow's jar, benchmarks.jar) and checks,
# untimed, that DuckDB's statement finds the customers, rows used and total revenue Segflow's
# features-only run finds on the input (exit 1 at the end if not). Every timed run must find the
# same number of customers; the table shows it. A peer that cannot run here (pandas without a
# python3 that imports pandas and sklearn) is skipped and the table says so; nothing is installed.
# Environment: SEGFLOW_JAVA_OPTS (default: the launcher's flags for the input's size),
# BASELINE_JAVA_OPTS (default: -XX:+UseSerialGC), DUCKDB_JAVA_OPTS (default: none),
# PYTHON (default: the first of python3, /usr/bin/python3 that imports pandas and sklearn).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

rounds=3
peers="segflow,segflow-features,segflow-etl,flink,flink-features,baseline,duckdb,pandas"
parallelism=2
timeout_s=""
results=""
input=""

usage() { sed -n '3,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --parallelism) parallelism="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    -*) echo "peers.sh: unknown option $1" >&2; usage 2 ;;
    *) [ -z "$input" ] || { echo "peers.sh: one input file only" >&2; exit 2; }
       input="$1"; shift ;;
  esac
done
[ -n "$input" ] || { echo "peers.sh: no input file" >&2; usage 2; }
[ -f "$input" ] || { echo "peers.sh: no such file: $input" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "peers.sh: --rounds takes a number >= 1" >&2; exit 2; }
for p in ${peers//,/ }; do
  case "$p" in
    segflow|segflow-features|segflow-etl|flink|flink-features|baseline|duckdb|pandas) ;;
    *) echo "peers.sh: unknown peer $p" >&2; usage 2 ;;
  esac
done
input="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
results="${results:-$here/benchmarks/results/peers-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$results/logs"
results="$(cd "$results" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# --- build (only what is missing or older than the sources) ---------------------------------------
bench_jar="$here/benchmarks/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$here"/{models,transforms,benchmarks}/src/main \
    "$here/pom.xml" "$here/benchmarks/pom.xml" -newer "$bench_jar" -type f 2>/dev/null | head -1)" ]; then
  echo "peers.sh: building benchmarks/target/benchmarks.jar..." >&2
  (cd "$here" && mvn -q -B -ntp -DskipTests -pl benchmarks -am package) >"$results/logs/build.log" 2>&1 \
    || { cat "$results/logs/build.log" >&2; exit 1; }
fi
# After that build, which also packages segflow.jar: the launcher rebuilds the jar when stale and
# makes its class-data archive, here rather than inside the first timed run.
"$here/segflow" --version >/dev/null

# --- the peers that can run here -------------------------------------------------------------------
python=""
for candidate in ${PYTHON:-python3 /usr/bin/python3}; do
  if "$candidate" -c 'import pandas, sklearn' >/dev/null 2>&1; then python="$candidate"; break; fi
done
declare -A skipped=()
if [ -z "$python" ]; then
  skipped[pandas]="no python3 that imports pandas and sklearn (Debian: python3-pandas, python3-sklearn)"
fi
read -r -a baseline_opts <<<"${BASELINE_JAVA_OPTS:--XX:+UseSerialGC}"
read -r -a duckdb_opts <<<"${DUCKDB_JAVA_OPTS:-}"
flink_flags=(--runner FlinkRunner "--flinkMaster=[local]" "--parallelism=$parallelism")

# The command of one peer's run; its output goes to $work/out (removed after each run).
command_of() {
  case "$1" in
    segflow) cmd=("$here/segflow" run --input "$input" --output "$work/out" --quiet) ;;
    segflow-features) cmd=("$here/segflow" run --input "$input" --output "$work/out" --quiet \
        --no-segmentation) ;;
    segflow-etl) cmd=("$here/segflow" run --input "$input" --output "$work/out" --quiet \
        --no-segmentation --no-clv) ;;
    flink) cmd=("$here/segflow" run --input "$input" --output "$work/out" --quiet "${flink_flags[@]}") ;;
    flink-features) cmd=("$here/segflow" run --input "$input" --output "$work/out" --quiet \
        --no-segmentation "${flink_flags[@]}") ;;
    baseline) cmd=(java "${baseline_opts[@]}" -cp "$bench_jar" \
        io.segflow.benchmarks.baseline.PlainJavaBaseline "$input") ;;
    duckdb) cmd=(java "${duckdb_opts[@]}" -cp "$bench_jar" io.segflow.benchmarks.peers.DuckDbPeer \
        "$input") ;;
    pandas) cmd=("$python" "$here/benchmarks/peers/pandas_segmentation.py" "$input") ;;
  esac
}

# The customers a run's log reports.
customers_in() {
  case "$1" in
    segflow*|flink*) awk '/^ *customers / {gsub(/,/, "", $2); print $2; exit}' "$2" ;;
    baseline|duckdb) sed -n 's/.* customers=\([0-9]*\).*/\1/p' "$2" | head -1 ;;
    pandas) sed -n 's/.*, customers \([0-9,]*\).*/\1/p' "$2" | tr -d , | head -1 ;;
  esac
}

describe() {
  case "$1" in
    segflow) echo "Segflow default run, k auto (DirectRunner)" ;;
    segflow-features) echo "Segflow features only (DirectRunner)" ;;
    segflow-etl) echo "Segflow features without the value model (DirectRunner)" ;;
    flink) echo "Segflow default run, k auto (Flink [local], parallelism $parallelism)" ;;
    flink-features) echo "Segflow features only (Flink [local], parallelism $parallelism)" ;;
    baseline) echo "plain-Java baseline, features only (one thread)" ;;
    duckdb) echo "DuckDB $duckdb_version, features as one SQL statement (JDBC)" ;;
    pandas) echo "pandas $pandas_versions, the default method" ;;
  esac
}
features_only() { case "$1" in segflow-features|segflow-etl|flink-features|baseline|duckdb) return 0 ;; esac; return 1; }

# --- the machine -------------------------------------------------------------------------------------
duckdb_version="2.0"
pandas_versions=""
[ -n "$python" ] && pandas_versions="$("$python" -c \
  'import pandas, sklearn; print(pandas.__version__ + " + scikit-learn " + sklearn.__version__)')"
{
  echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:     $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "input:      $(basename "$input"), $(stat -c %s "$input") bytes"
  echo "cpu:        $(nproc) cores, $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)"
  echo "memory:     $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:       $(java -version 2>&1 | head -1)"
  echo "python:     ${python:-none}${pandas_versions:+ (pandas $pandas_versions)}"
  echo "rounds:     $rounds; peers: $peers"
  echo "load (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$results/machine.txt"
cat "$results/machine.txt"

# --- the DuckDB check, untimed -------------------------------------------------------------------------
check_status=""
if [[ ",$peers," == *,duckdb,* ]]; then
  echo "== check: DuckDB's statement against Segflow's features-only run on the input"
  "$here/segflow" run --input "$input" --output "$work/check" --quiet --no-segmentation \
    >"$results/logs/check-segflow.log" 2>&1 \
    || { cat "$results/logs/check-segflow.log" >&2; exit 1; }
  if java "${duckdb_opts[@]}" -cp "$bench_jar" io.segflow.benchmarks.peers.DuckDbPeer \
      --check "$work/check" "$input" >"$results/logs/check-duckdb.log" 2>&1; then
    check_status=ok
  else
    check_status=FAILED
  fi
  rm -rf "$work/check"
  sed 's/^/   /' "$results/logs/check-duckdb.log"
  duckdb_version="$(sed -n 's/^duckdb v\([^:]*\):.*/\1/p' "$results/logs/check-duckdb.log" | head -1)"
fi

# --- the rounds ------------------------------------------------------------------------------------------
csv="$results/runs.csv"
echo "round,peer,seconds,customers,status,load_1m" >"$csv"
for r in $(seq "$rounds"); do
  for p in ${peers//,/ }; do
    [ -z "${skipped[$p]:-}" ] || continue
    command_of "$p"
    log="$results/logs/$p-$r.log"
    t=()
    [ -n "$timeout_s" ] && t=(timeout --signal=TERM "$timeout_s")
    load="$(cut -d' ' -f1 /proc/loadavg)"
    rm -rf "$work/out"
    start="$(date +%s%N)"
    set +e
    "${t[@]}" "${cmd[@]}" >"$log" 2>&1
    rc=$?
    set -e
    end="$(date +%s%N)"
    rm -rf "$work/out"
    seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
    customers="$(customers_in "$p" "$log")"
    status=ok
    [ "$rc" -eq 0 ] || status="failed (exit $rc, see logs/$(basename "$log"))"
    [ "$rc" -eq 124 ] && [ -n "$timeout_s" ] && status="timed out after ${timeout_s} s"
    echo "$r,$p,$seconds,$customers,$status,$load" >>"$csv"
    printf 'round %d  %-17s %8s s  customers %-8s %s\n' "$r" "$p" "$seconds" "${customers:--}" "$status"
  done
done
echo "load (1/5/15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"

# --- the table -------------------------------------------------------------------------------------------
# summary PEER: "median min max runs customers" over its successful runs ("- - - 0 -" if none).
summary() {
  awk -F, -v p="$1" '$2 == p && $5 == "ok" { s[++n] = $3; c[$4] = 1 }
    END {
      if (n == 0) { print "- - - 0 -"; exit }
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
      m = (n % 2) ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
      cs = ""; k = 0; for (x in c) { cs = cs (k++ ? "/" : "") x }
      printf "%.2f %.2f %.2f %d %s\n", m, s[1], s[n], n, cs }' "$csv"
}
ratio() { [ "$1" != - ] && [ "$2" != - ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }' || echo -; }
read -r ref_default _ _ _ _ < <(summary segflow)
read -r ref_features _ _ _ _ < <(summary segflow-features)
{
  echo "| peer | median | min–max | runs | ÷ Segflow default | ÷ Segflow features only | customers |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for p in ${peers//,/ }; do
    if [ -n "${skipped[$p]:-}" ]; then
      echo "| $(describe "$p") | skipped: ${skipped[$p]} | | | | | |"
      continue
    fi
    read -r med lo hi n cust < <(summary "$p")
    fr="–"
    features_only "$p" && fr="$(ratio "$med" "$ref_features")"
    name="$(describe "$p")"
    [ "$p" = duckdb ] && [ "$check_status" = FAILED ] && name="$name (check FAILED)"
    if [ "$n" = 0 ]; then range="-"; med_s="failed"; else range="$lo–$hi s"; med_s="$med s"; fi
    echo "| $name | $med_s | $range | $n/$rounds | $(ratio "$med" "$ref_default") | $fr | $cust |"
  done
} >"$results/table.md"
# The goals' ratios: Segflow over the peer it is measured against, as the ratio of the medians and
# as each round's own ratio (the two runs of a round are minutes apart at most, so these follow the
# machine's load less than the medians do).
per_round() { # NUMERATOR_PEER DENOMINATOR_PEER: "r1, r2, ..." over the rounds both finished
  awk -F, -v a="$1" -v b="$2" '$5 == "ok" && $2 == a { x[$1] = $3 } $5 == "ok" && $2 == b { y[$1] = $3 }
    END { s = ""; for (r = 1; r <= 1000; r++) if ((r in x) && (r in y)) s = s (s == "" ? "" : ", ") sprintf("%.2f", x[r] / y[r]); print s }' "$csv"
}
goal() { # LABEL NUMERATOR_PEER DENOMINATOR_PEER GOAL
  local a b
  read -r a _ _ _ _ < <(summary "$2"); read -r b _ _ _ _ < <(summary "$3")
  [ "$a" = - ] || [ "$b" = - ] && return 0
  printf -- '- %s: %s (goal %s); round by round: %s\n' "$1" "$(ratio "$a" "$b")" "$4" \
    "$(per_round "$2" "$3")"
}
{
  goal "Segflow default run ÷ pandas + scikit-learn" segflow pandas "≤ 1.0 on Online Retail"
  goal "Segflow features only ÷ DuckDB" segflow-features duckdb "≤ 2 on ×10"
  goal "Segflow features without the value model ÷ DuckDB" segflow-etl duckdb "≤ 2 on ×10"
  goal "Flink [local] features only ÷ DirectRunner features only" flink-features segflow-features "≤ 1.3 on ×10"
  goal "Flink [local] default run ÷ DirectRunner default run" flink segflow "none"
} >"$results/goals.md"
echo
cat "$results/table.md"
echo
cat "$results/goals.md"
echo
sed -n 's/^\(load .*at \(start\|end\).*\)/\1/p' "$results/machine.txt"
echo "results: $results (table.md, goals.md, runs.csv, machine.txt, logs/)"
# Every run that finished must have found the same customers, and DuckDB must agree with Segflow.
if [ "$(awk -F, 'NR > 1 && $5 == "ok" { print $4 }' "$csv" | sort -u | wc -l)" -gt 1 ]; then
  echo "peers.sh: the peers found different numbers of customers (runs.csv)" >&2; exit 1
fi
[ "$check_status" != FAILED ] || { echo "peers.sh: DuckDB's check against Segflow FAILED" >&2; exit 1; }
