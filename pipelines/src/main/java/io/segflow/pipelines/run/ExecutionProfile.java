// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.transforms.rows.ShuffleEncoding;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The runner-dependent choices of a run, decided once from its pipeline options (see
 * docs/architecture.md, "Runner-dependent choices").
 *
 * @param direct whether the run is on the DirectRunner, which keeps every value in one JVM
 * @param workerSlots parallel workers: Flink's parallelism, else this machine's cores
 */
record ExecutionProfile(boolean direct, int workerSlots) {

  static ExecutionProfile of(PipelineOptions options) {
    int cores = Runtime.getRuntime().availableProcessors();
    int slots = cores;
    if (FlinkRunner.class.equals(options.getRunner())) {
      int parallelism = options.as(FlinkPipelineOptions.class).getParallelism();
      slots = parallelism > 0 ? parallelism : cores;
    }
    return new ExecutionProfile(DirectRunner.class.equals(options.getRunner()), slots);
  }

  /**
   * Large shuffled values (block summaries, rejected rows, sorted customer runs): handles to the
   * objects on the DirectRunner (its grouping would copy them through their coder again and again),
   * Snappy-compressed elsewhere (Flink writes shuffles and sort spills to disk).
   */
  ShuffleEncoding shuffle() {
    return ShuffleEncoding.forRunner(direct);
  }

  /**
   * Rows grouped by customer (the path for outlier rules, netted returns, tables and record files):
   * their own coder on the DirectRunner, where handles were not measured to pay on this path,
   * compressed elsewhere.
   */
  ShuffleEncoding groupedRowsShuffle() {
    return direct ? ShuffleEncoding.PLAIN : ShuffleEncoding.COMPRESSED;
  }

  /**
   * Whether the row stages run as one step per file: on the DirectRunner (a bundle runs on one
   * thread, so separate steps would not run side by side anyway), and wherever there are at least
   * as many files as workers.
   */
  boolean stepPerFile(int inputFiles) {
    return direct || inputFiles >= workerSlots;
  }

  /** Whether a file's blocks are spread over workers: only with fewer files than workers. */
  boolean spreadsBlocks(int inputFiles) {
    return inputFiles < workerSlots;
  }

  /** Whether whole input files are spread over workers before reading (not on the DirectRunner). */
  boolean spreadsFiles() {
    return !direct;
  }
}
