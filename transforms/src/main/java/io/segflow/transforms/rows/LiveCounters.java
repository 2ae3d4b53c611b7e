// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A copy of the pipeline's counters in this JVM, updated the moment a worker counts, for progress
 * while the pipeline runs. Beam's own metrics reach the client only when a bundle commits (the
 * DirectRunner) or when the job ends (the FlinkRunner in batch); wherever the workers run in the
 * client's JVM (the DirectRunner, Flink {@code [local]}) these are live. On a remote cluster they
 * stay at zero. Counters only grow and are shared by every run in the JVM: take differences.
 */
public final class LiveCounters {
  private static final Map<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

  private LiveCounters() {}

  public static void add(String name, long n) {
    COUNTERS.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  /** Every counter's current value, by name. */
  public static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    COUNTERS.forEach((name, n) -> out.put(name, n.sum()));
    return out;
  }
}
