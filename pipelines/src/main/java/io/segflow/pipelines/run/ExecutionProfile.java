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
 * @param oneJvm whether every worker runs in this JVM (the DirectRunner; Flink's embedded
 *     mini-cluster, {@code --flinkMaster=[local]}), so that the row stages' pool of one thread per
 *     core already uses all the workers' cores. Flink's default master {@code [auto]} counts as a
 *     cluster: under {@code flink run} it submits to one
 * @param workerSlots parallel workers: Flink's parallelism, else this machine's cores
 */
record ExecutionProfile(boolean direct, boolean oneJvm, int workerSlots) {

  /** Flink's name for its embedded mini-cluster. */
  static final String FLINK_LOCAL = "[local]";

  static ExecutionProfile of(PipelineOptions options) {
    int cores = Runtime.getRuntime().availableProcessors();
    boolean direct = DirectRunner.class.equals(options.getRunner());
    boolean oneJvm = direct;
    int slots = cores;
    if (FlinkRunner.class.equals(options.getRunner())) {
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      int parallelism = flink.getParallelism();
      slots = parallelism > 0 ? parallelism : cores;
      oneJvm = FLINK_LOCAL.equals(flink.getFlinkMaster());
    }
    return new ExecutionProfile(direct, oneJvm, slots);
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
   * Whether the row stages run as one step per file: wherever all workers share this JVM (a file's
   * blocks then spread over the cores through the step's pool, without a shuffle of the rows), and
   * wherever there are at least as many files as workers.
   */
  boolean stepPerFile(int inputFiles) {
    return oneJvm || inputFiles >= workerSlots;
  }

  /**
   * Whether a file's blocks are spread over workers when its rows are read as blocks (the row step
   * per stage, and the grouped rows, which have no pool): only with fewer files than workers.
   */
  boolean spreadsBlocks(int inputFiles) {
    return inputFiles < workerSlots;
  }

  /** Whether whole input files are spread over workers before reading (not on the DirectRunner). */
  boolean spreadsFiles() {
    return !direct;
  }
}
