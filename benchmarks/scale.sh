#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scale benchmark: generated data of growing size through the plain-Java baseline (the hand-written
# floor), `segflow run` on the DirectRunner and `segflow run` on Flink's embedded mini-cluster, each
# a fresh JVM timed by /usr/bin/time (wall time and peak resident memory). Segflow's overhead is its
# wall time over the baseline's, measured in the same run on the same file.
#
#   benchmarks/scale.sh [options]
#     --sizes LIST       data sizes in rows, K/M suffixes allowed (default 0.5M,5M,50M; add 100M
#                        when wanted); customers = rows / 10
#     --runners LIST     baseline,direct,flink (default: all three)
#     --modes LIST       features,full (default: both): features = --no-segmentation; full = the
#                        default k-means segmentation as well
#     --features-only    same as --modes features
#     --reps N           runs per case; the table shows the median wall time and the largest peak
#                        memory (default 1)
#     --heap SIZE        -Xmx of every measured JVM (default: none, i.e. the launcher's
#                        -XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=30). Segflow runs with
#                        the launcher's flags for large inputs (the full JIT, the parallel GC, a
#                        young generation of at most 2 GB) and this heap, the baseline with the
#                        serial GC, the full JIT and the same heap;
#                        SEGFLOW_JAVA_OPTS and BASELINE_JAVA_OPTS replace either flag set
#     --parallelism N    Flink parallelism (default 2)
#     --files N          split each data set into N files (default 1; Segflow reads files in
#                        parallel, a single file is read by one worker)
#     --gzip             generate .csv.gz instead of plain .csv
#     --report           also write report.html in Segflow runs (left out by default: it reads the
#                        outputs back and is not part of the processing being compared)
#     --timeout SECONDS  stop a run after this long and record it as a timeout (default: none)
#     --work DIR         generated data and run outputs (default ${TMPDIR:-/tmp}/segflow-scale);
#                        data is kept there and reused by later runs with the same size
#     --results DIR      where results.md, results.csv, results.svg (chart), machine.txt and logs/ go
#                        (default benchmarks/results/scale-DATE-TIME)
#
# Needs /usr/bin/time (Debian package 'time'), Java 17 and Maven (the jars are built when missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sizes="0.5M,5M,50M"
runners="baseline,direct,flink"
modes="features,full"
reps=1
heap=""
parallelism=2
files=1
gzip=""
report="--no-report"
timeout_s=""
work="${TMPDIR:-/tmp}/segflow-scale"
results=""

usage() { sed -n '3,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runners) runners="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --features-only) modes="features"; shift ;;
    --reps) reps="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --parallelism) parallelism="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --gzip) gzip="--gzip"; shift ;;
    --report) report=""; shift ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "scale.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
results="${results:-$here/benchmarks/results/scale-$(date +%Y%m%d-%H%M%S)}"
# Transparent huge pages for both when the kernel offers them, as the launcher does.
thp=""
grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null \
  && thp=" -XX:+UseTransparentHugePages"
# The heap: the launcher's share of RAM for large inputs unless --heap fixes it. (A fixed -Xmx6g
# made the 5M DirectRunner run slower than the launcher's flags: 26 s against 21 s.)
heap_flag="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=30"
[ -n "$heap" ] && heap_flag="-Xmx$heap"
baseline_opts="${BASELINE_JAVA_OPTS:-$heap_flag -XX:+UseSerialGC$thp}"
# The launcher's own flags for large inputs (both sets: docs/performance.md, "JVM flags").
segflow_opts="${SEGFLOW_JAVA_OPTS:-$heap_flag -XX:+UseParallelGC -XX:MaxNewSize=2g$thp}"
mkdir -p "$work" "$results/logs"
work="$(cd "$work" && pwd)"
results="$(cd "$results" && pwd)"

# Rows as an integer: 0.5M -> 500000, 50K -> 50000, 1234 -> 1234.
rows_of() {
  awk -v s="$1" 'BEGIN { m = 1; u = toupper(substr(s, length(s)));
    if (u == "K") m = 1e3; else if (u == "M") m = 1e6; else if (u == "G") m = 1e9;
    if (m > 1) s = substr(s, 1, length(s) - 1);
    if (s !~ /^[0-9]+(\.[0-9]+)?$/) exit 1; printf "%d\n", s * m + 0.5 }' \
    || { echo "scale.sh: bad size '$1' (e.g. 0.5M, 50M, 200K)" >&2; exit 2; }
}

# --- build (only what is missing or older than the sources) ---------------------------------------
bench_jar="$here/benchmarks/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$here"/{models,transforms,benchmarks}/src/main \
    "$here/benchmarks/pom.xml" -newer "$bench_jar" -type f 2>/dev/null | head -1)" ]; then
  echo "scale.sh: building benchmarks/target/benchmarks.jar..." >&2
  (cd "$here" && mvn -q -B -ntp -DskipTests -pl benchmarks -am package) >"$results/logs/build.log" 2>&1 \
    || { cat "$results/logs/build.log" >&2; exit 1; }
fi
# After that build, which also packages segflow.jar: the launcher rebuilds the jar when stale and
# makes its class-data archive, here rather than inside the first timed run.
"$here/segflow" --version >/dev/null

# --- the machine -------------------------------------------------------------------------------------
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:      $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu:         $(nproc) cores, $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)"
  echo "memory:      $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:        $(java -version 2>&1 | head -1)"
  echo "os:          $(uname -sr)"
  echo "load (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs:        Flink parallelism $parallelism; $files file(s) per size${gzip:+, gzip}"
  echo "baseline JVM: $baseline_opts"
  echo "segflow JVM:  $segflow_opts"
} >"$results/machine.txt"
cat "$results/machine.txt"

csv="$results/results.csv"
echo "size,rows,customers,mode,runner,wall_s,rows_per_s,peak_rss_mb,overhead_vs_baseline,rows_used,customers_out,matches_baseline,load_1m,status" >"$csv"


# measure LOG CMD...: runs CMD under /usr/bin/time; sets wall, rss_kb and status.
measure() {
  local log="$1"; shift
  local tf="$work/time.$$"
  local t=()
  [ -n "$timeout_s" ] && t=(timeout --signal=TERM "$timeout_s")
  set +e
  /usr/bin/time -f "%e %M" -o "$tf" "${t[@]}" "$@" >"$log" 2>&1
  local rc=$?
  set -e
  read -r wall rss_kb < <(tail -1 "$tf")
  rm -f "$tf"
  if [ "$rc" -eq 0 ]; then status=ok
  elif [ "$rc" -eq 124 ]; then status="timeout after ${timeout_s}s"
  else status="failed (exit $rc, see logs/$(basename "$log"))"
  fi
}

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for size in ${sizes//,/ }; do
  rows="$(rows_of "$size")"
  customers=$((rows / 10))
  data="$work/data-$rows-$customers-f$files${gzip:+-gz}"
  if [ ! -f "$data/done" ]; then
    rm -rf "$data"
    echo "== generating $size rows ($customers customers) into $data"
    SEGFLOW_JAVA_OPTS="$heap_flag" /usr/bin/time -f "%e %M" -o "$results/logs/generate-$size.time" \
      "$here/segflow" generate --rows "$rows" --customers "$customers" --seed 42 --files "$files" \
      $gzip --output "$data" >"$results/logs/generate-$size.log" 2>&1 \
      || { cat "$results/logs/generate-$size.log" >&2; exit 1; }
    touch "$data/done"
  fi
  inputs=("$data"/transactions*.csv*)
  input_list="$(IFS=,; echo "${inputs[*]}")"
  base_wall=""; base_used=""; base_customers=""

  for mode in ${modes//,/ }; do
    seg_flags=()
    [ "$mode" = features ] && seg_flags=(--no-segmentation)
    for runner in ${runners//,/ }; do
      # The baseline computes features only: it is run once per size and is the reference of
      # both modes.
      if [ "$runner" = baseline ] && [ -n "$base_wall" ]; then continue; fi
      walls=(); peak=0; used=""; out_customers=""; status=ok
      load="$(cut -d' ' -f1 /proc/loadavg)"
      for rep in $(seq "$reps"); do
        log="$results/logs/$size-$mode-$runner-$rep.log"
        case "$runner" in
          baseline)
            log="$results/logs/$size-baseline-$rep.log"
            measure "$log" java $baseline_opts -cp "$bench_jar" \
              io.segflow.benchmarks.baseline.PlainJavaBaseline "${inputs[@]}"
            used="$(sed -n 's/.*rows_used=\([0-9]*\).*/\1/p' "$log")"
            out_customers="$(sed -n 's/.* customers=\([0-9]*\).*/\1/p' "$log")" ;;
          direct|flink)
            runner_flags=()
            [ "$runner" = flink ] && runner_flags=(--runner FlinkRunner "--flinkMaster=[local]" \
              "--parallelism=$parallelism")
            rm -rf "$work/out"
            SEGFLOW_JAVA_OPTS="$segflow_opts" measure "$log" "$here/segflow" run \
              --input "$input_list" --output "$work/out" "${seg_flags[@]}" \
              $report "${runner_flags[@]}"
            used="$(awk '/^ *rows used / {gsub(/,/, "", $3); print $3; exit}' "$log")"
            out_customers="$(awk '/^ *customers / {gsub(/,/, "", $2); print $2; exit}' "$log")"
            rm -rf "$work/out" ;;
          *) echo "scale.sh: unknown runner $runner (baseline, direct, flink)" >&2; exit 2 ;;
        esac
        [ "$status" = ok ] || break
        walls+=("$wall")
        [ "$rss_kb" -gt "$peak" ] && peak="$rss_kb"
      done
      if [ "$status" = ok ]; then
        w="$(printf '%s\n' "${walls[@]}" | median)"
        rps="$(awk -v r="$rows" -v w="$w" 'BEGIN {printf "%.0f", r / w}')"
        mb=$((peak / 1024))
      else
        w=""; rps=""; mb=""
      fi
      if [ "$runner" = baseline ]; then
        base_wall="$w"; base_used="$used"; base_customers="$out_customers"
        ratio="1.00"; matches="-"; row_mode="features"
      else
        ratio="$( [ -n "$w" ] && [ -n "$base_wall" ] \
          && awk -v a="$w" -v b="$base_wall" 'BEGIN {printf "%.2f", a / b}' || true)"
        matches="-"
        if [ -n "$base_used" ] && [ "$status" = ok ]; then
          if [ "$used" = "$base_used" ] && [ "$out_customers" = "$base_customers" ]; then
            matches=yes; else matches=NO; fi
        fi
        row_mode="$mode"
      fi
      echo "$size,$rows,$customers,$row_mode,$runner,$w,$rps,$mb,$ratio,$used,$out_customers,$matches,$load,$status" >>"$csv"
      printf '%-5s %-8s %-8s wall %8s s  %10s rows/s  peak RSS %6s MB  x%-5s  %s\n' \
        "$size" "$row_mode" "$runner" "${w:--}" "${rps:--}" "${mb:--}" "${ratio:--}" "$status"
    done
  done
done
echo "load (1/5/15 min) at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"

# --- the markdown table ----------------------------------------------------------------------------
{
  echo "# Segflow scale benchmark"
  echo
  echo '```'
  cat "$results/machine.txt"
  echo '```'
  echo
  echo "Wall time and peak RSS of the whole process (JVM start included), measured by /usr/bin/time;"
  echo "rows/s = generated rows / wall time; overhead = wall time / the baseline's wall time on the"
  echo "same file in this run. \"features\" runs compute customer features only (--no-segmentation),"
  echo "\"full\" runs add the k-means segmentation. \"matches\" = same rows used and customers as the"
  echo "baseline."
  echo
  echo "| rows | customers | mode | runner | wall (s) | rows/s | peak RSS (MB) | overhead vs baseline | matches | load at start | status |"
  echo "|---:|---:|---|---|---:|---:|---:|---:|---|---:|---|"
  tail -n +2 "$csv" | awk -F, '{
    printf "| %s | %\047d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
      $1, $3, $4, $5, ($6 == "" ? "-" : $6), ($7 == "" ? "-" : sprintf("%\047d", $7)),
      ($8 == "" ? "-" : $8), ($9 == "" ? "-" : $9 "x"), $12, $13, $14 }'
} >"$results/results.md"
# The chart: wall time against rows, one line per runner (SVG, opens in any browser).
java -cp "$here/pipelines/target/segflow.jar" io.segflow.pipelines.report.ScaleChart \
  "$results/results.svg" "$csv" || echo "scale.sh: could not draw results.svg" >&2
echo
echo "results: $results/results.md, results.csv and results.svg (logs in $results/logs)"
