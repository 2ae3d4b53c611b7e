// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.bench;

import io.segflow.transforms.read.CsvLine;
import io.segflow.transforms.read.PasswordSource;
import io.segflow.transforms.read.ReadTransactionTable;
import io.segflow.transforms.rows.RawBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * How fast rows come out of a PostgreSQL table as the engine's blocks, four ways
 * (docs/performance.md, "Database input"). Not a test: run it by hand against a table TABLE with an
 * integer column id and the Online Retail columns:
 *
 * <pre>java -cp ... io.segflow.pipelines.bench.JdbcReadBenchmark TABLE [REPS [NAME-PART]]</pre>
 *
 * with SEGFLOW_TEST_PG_URL, _USER and _PASSWORD set. Each way ends in blocks of 32,768 CSV records,
 * as the parser wants them, and counts the rows. Prints wall time and this JVM's CPU time (the
 * server's sort and send are not in the latter): on a busy machine the CPU time is the steadier
 * figure.
 */
public final class JdbcReadBenchmark {
  /** Runs only the ways whose name contains this (third argument). */
  private static String only = "";

  private JdbcReadBenchmark() {}

  // withCoder is deprecated, but JdbcIO cannot infer the coder of a method-reference row mapper.
  @SuppressWarnings("deprecation")
  public static void main(String[] args) {
    String table = args[0];
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    only = args.length > 2 ? args[2] : "";
    JdbcIO.DataSourceConfiguration ds =
        JdbcIO.DataSourceConfiguration.create(
                "org.postgresql.Driver", System.getenv("SEGFLOW_TEST_PG_URL"))
            .withUsername(System.getenv("SEGFLOW_TEST_PG_USER"))
            .withPassword(PasswordSource.fromEnvironment("SEGFLOW_TEST_PG_PASSWORD"));
    for (int r = 0; r < reps; r++) {
      time(
          "ReadTransactionTable, one cursor",
          p ->
              p.apply(
                  ReadTransactionTable.create()
                      .withDataSource(ds)
                      .fromTable(table)
                      .withRedistribution(false)));
      time(
          "ReadTransactionTable, 4 id ranges",
          p ->
              p.apply(
                  ReadTransactionTable.create()
                      .withDataSource(ds)
                      .fromTable(table)
                      .withPartitions("id", 4)
                      .withRedistribution(false)));
      time(
          "JdbcIO.read (row elements) + batching",
          p ->
              p.apply(
                      JdbcIO.<String>read()
                          .withDataSourceConfiguration(ds)
                          .withQuery("SELECT * FROM " + table + " ORDER BY 1")
                          .withFetchSize(10_000)
                          .withRowMapper(JdbcReadBenchmark::csv)
                          .withCoder(StringUtf8Coder.of()))
                  .apply(ParDo.of(new BatchFn()))
                  .setCoder(RawBlock.Coder.of()));
      time(
          "JdbcIO.read, no reshuffle + batching",
          p ->
              p.apply(
                      JdbcIO.<String>read()
                          .withDataSourceConfiguration(ds)
                          .withQuery("SELECT * FROM " + table + " ORDER BY 1")
                          .withFetchSize(10_000)
                          .withRowMapper(JdbcReadBenchmark::csv)
                          .withCoder(StringUtf8Coder.of())
                          .withOutputParallelization(false))
                  .apply(ParDo.of(new BatchFn()))
                  .setCoder(RawBlock.Coder.of()));
      time(
          "JdbcIO.readWithPartitions(id, 4) + batching",
          p ->
              p.apply(
                      JdbcIO.<String>readWithPartitions()
                          .withDataSourceConfiguration(ds)
                          .withTable(table)
                          .withPartitionColumn("id")
                          .withNumPartitions(4)
                          .withFetchSize(10_000)
                          .withRowMapper(JdbcReadBenchmark::csv)
                          .withCoder(StringUtf8Coder.of()))
                  .apply(ParDo.of(new BatchFn()))
                  .setCoder(RawBlock.Coder.of()));
    }
  }

  private static String csv(java.sql.ResultSet rs) throws java.sql.SQLException {
    int n = rs.getMetaData().getColumnCount();
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = rs.getString(i + 1);
    }
    return CsvLine.join(values);
  }

  private static void time(
      String name, java.util.function.Function<Pipeline, PCollection<?>> read) {
    if (!name.contains(only)) {
      return;
    }
    Pipeline p =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs(
                    "--runner=DirectRunner",
                    "--enforceImmutability=false",
                    "--enforceEncodability=false",
                    "--targetParallelism=2")
                .create());
    @SuppressWarnings("unchecked")
    PCollection<Object> out = (PCollection<Object>) read.apply(p);
    out.apply(ParDo.of(new CountFn()));
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    long rows = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("bench", "rows"))
                    .build())
            .getCounters()) {
      rows += c.getAttempted();
    }
    System.out.printf(
        "%-45s %,9d rows %6.2f s wall %,10.0f rows/s, client CPU %6.2f s (%,.0f rows per CPU s)%n",
        name, rows, seconds, rows / seconds, cpu, rows / cpu);
  }

  /** Gathers row elements into blocks, as the engine needs them. */
  static final class BatchFn extends DoFn<String, RawBlock> {
    private transient List<String> rows;

    @StartBundle
    public void start() {
      rows = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element String row, OutputReceiver<RawBlock> out) {
      rows.add(row);
      if (rows.size() == 32_768) {
        out.output(block());
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (!rows.isEmpty()) {
        c.output(
            block(),
            org.joda.time.Instant.now(),
            org.apache.beam.sdk.transforms.windowing.GlobalWindow.INSTANCE);
      }
    }

    private RawBlock block() {
      int n = rows.size();
      RawBlock b =
          new RawBlock(
              "t", "h", 9, new int[8], new long[n], rows.toArray(new String[0]), new byte[n]);
      rows = new ArrayList<>();
      return b;
    }
  }

  static final class CountFn extends DoFn<Object, Void> {
    private final Counter rows = Metrics.counter("bench", "rows");

    @ProcessElement
    public void process(@Element Object e) {
      rows.inc(e instanceof RawBlock b ? b.size() : 1);
    }
  }
}
