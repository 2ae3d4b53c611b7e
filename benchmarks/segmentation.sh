#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Side-by-side benchmark of model training (preprocessing, k-scan, profiles, names) on the customers
# of a run's customers/ output: the current build against another build (a checkout of another
# commit, built with `mvn -pl benchmarks -am package -DskipTests`), each with its own
# SegmentationRun and libraries, in alternating fresh JVMs (ROUNDS each), so both see the same
# machine load. Prints per JVM the cold time (the first fit in the JVM, as in a pipeline run) and
# the median of the warm ones, the CPU seconds of the JVM, then medians and new/old ratios. Fails
# unless both builds chose the same k with the same labels; says whether the k-scan tables (k,
# WCSS and metrics to the last digit) are the same too.
#   benchmarks/segmentation.sh CUSTOMERS_DIR OLD_BUILD_DIR [ROUNDS=3] [FITS_PER_JVM=3]
# JVM flags: SEGMENTATION_JAVA_OPTS (default: the launcher's for inputs up to 256 MB).
# Needs `mvn -pl benchmarks -am package -DskipTests` first (target/benchmarks.jar and target/lib).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 CUSTOMERS_DIR OLD_BUILD_DIR [ROUNDS] [FITS_PER_JVM]" >&2; exit 2; }
customers="$1"; old_dir="$2"; rounds="${3:-3}"; fits="${4:-3}"
[ -d "$customers" ] || { echo "no directory $customers" >&2; exit 2; }
for b in "$here" "$old_dir/benchmarks"; do
  [ -f "$b/target/benchmarks.jar" ] || { echo "build first: mvn -f $b/../pom.xml -pl benchmarks -am package -DskipTests" >&2; exit 2; }
done
read -r -a opts <<<"${SEGMENTATION_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
new_cp="$here/target/benchmarks.jar:$here/target/lib/*"
old_cp="$old_dir/benchmarks/target/benchmarks.jar:$old_dir/benchmarks/target/lib/*"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "JVM flags: ${opts[*]}; $rounds rounds x $fits fits per JVM; customers: $customers"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
field() { sed -E "s/.*$1=([0-9]+).*/\\1/"; } # field NAME < lines
for r in $(seq "$rounds"); do
  for build in old new; do
    cp_var="${build}_cp"
    f="$out/$build.run$r"
    /usr/bin/time -f %U -o "$out/cpu" java "${opts[@]}" -cp "${!cp_var}" \
      io.segflow.benchmarks.segment.SegmentationRun "$customers" "$fits" >"$f" 2>"$out/err" \
      || { cat "$out/err" >&2; exit 1; }
    # cold: the first fit in the JVM; warm: the median of the others
    head -1 "$f" | field fit_ms >>"$out/$build.cold"
    head -1 "$f" | field kScan >>"$out/$build.cold-kscan"
    if [ "$fits" -gt 1 ]; then
      tail -n +2 "$f" | field fit_ms | median >>"$out/$build.warm"
      tail -n +2 "$f" | field kScan | median >>"$out/$build.warm-kscan"
    fi
    printf 'round %d %s: load %s, JVM CPU %6.1f s, cold fit %6d ms (k-scan %6d ms)' "$r" "$build" \
      "$(cut -d' ' -f1 /proc/loadavg)" "$(cat "$out/cpu")" \
      "$(tail -1 "$out/$build.cold")" "$(tail -1 "$out/$build.cold-kscan")"
    [ "$fits" -gt 1 ] && printf '; warm median %6d ms (k-scan %6d ms)' \
      "$(tail -1 "$out/$build.warm")" "$(tail -1 "$out/$build.warm-kscan")"
    echo
  done
done
for what in cold cold-kscan warm warm-kscan; do
  [ -f "$out/old.$what" ] || continue
  o="$(median <"$out/old.$what")"; n="$(median <"$out/new.$what")"
  awk -v w="$what" -v o="$o" -v n="$n" \
    'BEGIN { printf "median %-10s old %7d ms  new %7d ms  new/old %.3f\n", w, o, n, n / o }'
done
# k and labels must agree; the table may differ when one build scans a sample
outcome() { cat "$@" | grep -o 'k=[0-9]* labels_hash=[0-9a-f]*' | sort -u; }
table() { cat "$@" | sed -E 's/.* labels_hash=[0-9a-f]* //' | sort -u; }
if [ "$(outcome "$out"/old.run* | wc -l)" = 1 ] && [ "$(outcome "$out"/old.run*)" = "$(outcome "$out"/new.run*)" ]; then
  echo "same k and labels from both builds: $(outcome "$out/new.run1")"
else
  echo "RESULTS DIFFER:"; outcome "$out"/old.run* | sed 's/^/  old /'; outcome "$out"/new.run* | sed 's/^/  new /'
  exit 1
fi
if [ "$(table "$out"/old.run*)" = "$(table "$out"/new.run*)" ]; then
  echo "the same k-scan table to the last digit"
else
  echo "k-scan tables differ (new: $(grep -o 'scanned=[0-9]*' "$out/new.run1" | head -1)):"
  table "$out/old.run1" | cut -c1-200 | sed 's/^/  old /'; table "$out/new.run1" | cut -c1-200 | sed 's/^/  new /'
fi
