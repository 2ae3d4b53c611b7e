// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws the results of {@code benchmarks/scale.sh} ({@code results.csv}) as an SVG chart: wall time
 * against rows on log–log axes, one line per runner and mode, the plain-Java baseline first.
 *
 * <pre>java -cp pipelines/target/segflow.jar io.segflow.pipelines.report.ScaleChart OUT.svg CSV...
 * </pre>
 *
 * Several files may be given (e.g. small sizes from one run, 50M from another); where two give the
 * same runner, mode and size, the later file wins. Runs that did not finish are left out.
 */
public final class ScaleChart {
  private ScaleChart() {}

  /** One finished run: a line of results.csv. */
  record Run(String runner, String mode, long rows, double wallSeconds) {
    String series() {
      return runner.equals("baseline") ? "plain-Java baseline" : runner + " (" + mode + ")";
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ScaleChart OUTPUT.svg RESULTS.csv [RESULTS.csv ...]");
      System.exit(2);
    }
    List<Run> runs = new ArrayList<>();
    for (String csv : Arrays.asList(args).subList(1, args.length)) {
      runs.addAll(read(Path.of(csv)));
    }
    Files.writeString(Path.of(args[0]), svg(runs), StandardCharsets.UTF_8);
  }

  /** The finished runs of one results.csv (columns found by name; status last, may hold commas). */
  static List<Run> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(csv + " is empty: not a scale.sh results.csv");
    }
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int runner = column(header, "runner", csv);
    int mode = column(header, "mode", csv);
    int rows = column(header, "rows", csv);
    int wall = column(header, "wall_s", csv);
    int status = column(header, "status", csv);
    List<Run> runs = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", header.size());
      if (f.length < header.size() || !f[status].equals("ok") || f[wall].isEmpty()) {
        continue;
      }
      runs.add(new Run(f[runner], f[mode], Long.parseLong(f[rows]), Double.parseDouble(f[wall])));
    }
    return runs;
  }

  private static int column(List<String> header, String name, Path csv) throws IOException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IOException(csv + " has no column '" + name + "' (header: " + header + ")");
    }
    return i;
  }

  static String svg(List<Run> runs) {
    Map<String, TreeMap<Long, Double>> bySeries = new LinkedHashMap<>();
    runs.stream()
        .filter(r -> r.runner().equals("baseline"))
        .forEach(r -> bySeries.computeIfAbsent(r.series(), k -> new TreeMap<>()));
    for (Run r : runs) {
      bySeries.computeIfAbsent(r.series(), k -> new TreeMap<>()).put(r.rows(), r.wallSeconds());
    }
    List<SvgCharts.Series> series = new ArrayList<>();
    bySeries.forEach(
        (name, points) ->
            series.add(
                new SvgCharts.Series(
                    name,
                    points.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                    points.values().stream().mapToDouble(Double::doubleValue).toArray())));
    return SvgCharts.logLogLines(
        "Wall time against data size (benchmarks/scale.sh)",
        series,
        "rows (generated)",
        "wall time (s)");
  }
}
