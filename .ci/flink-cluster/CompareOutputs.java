// SPDX-License-Identifier: GPL-3.0-or-later
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Compares two Segflow output folders record by record: customers/ (by customer_id), segments/
 * (by kind and segment_id) and rejected/ (by file, line and reason). Every field must be equal;
 * floating-point numbers may differ by a relative TOLERANCE (default 1e-9), since sums may be
 * added in another order on another runner. Also says whether the Avro files are byte-identical.
 *
 *   java -cp pipelines/target/segflow.jar .ci/flink-cluster/CompareOutputs.java EXPECTED ACTUAL [TOLERANCE]
 *
 * Prints one line per output and exits 1 at the first output that differs.
 */
public class CompareOutputs {
  private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("customers", List.of("customer_id"));
    KEYS.put("segments", List.of("kind", "segment_id"));
    KEYS.put("rejected", List.of("source_file", "line_number", "reason"));
  }

  public static void main(String[] args) throws IOException {
    Path expected = Path.of(args[0]);
    Path actual = Path.of(args[1]);
    double tolerance = args.length > 2 ? Double.parseDouble(args[2]) : 1e-9;
    boolean same = true;
    for (Map.Entry<String, List<String>> output : KEYS.entrySet()) {
      String name = output.getKey();
      Map<String, GenericRecord> a = read(expected.resolve(name), output.getValue());
      Map<String, GenericRecord> b = read(actual.resolve(name), output.getValue());
      List<String> differences = new ArrayList<>();
      for (String key : a.keySet()) {
        if (!b.containsKey(key)) {
          differences.add("missing " + key);
        } else {
          compare(a.get(key), b.get(key), key, tolerance, differences);
        }
      }
      for (String key : b.keySet()) {
        if (!a.containsKey(key)) {
          differences.add("unexpected " + key);
        }
      }
      if (differences.isEmpty()) {
        System.out.println(name + ": " + a.size() + " records equal"
            + (byteIdentical(expected.resolve(name), actual.resolve(name))
                ? " (files byte-identical)" : " (within relative tolerance " + tolerance + ")"));
      } else {
        same = false;
        System.out.println(name + ": " + differences.size() + " difference(s) in " + a.size()
            + " vs " + b.size() + " records, e.g.:");
        differences.stream().limit(10).forEach(d -> System.out.println("  " + d));
      }
    }
    System.exit(same ? 0 : 1);
  }

  private static List<Path> parts(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList();
    }
  }

  private static Map<String, GenericRecord> read(Path folder, List<String> keyFields)
      throws IOException {
    Map<String, GenericRecord> records = new TreeMap<>();
    for (Path part : parts(folder)) {
      try (DataFileReader<GenericRecord> reader =
          new DataFileReader<>(part.toFile(), new GenericDatumReader<>())) {
        for (GenericRecord r : reader) {
          StringBuilder key = new StringBuilder();
          for (String f : keyFields) {
            key.append(key.length() == 0 ? "" : "/").append(r.get(f));
          }
          String k = key.toString();
          for (int n = 2; records.containsKey(k); n++) {
            k = key + "#" + n; // the same key twice: compare them in file order
          }
          records.put(k, r);
        }
      }
    }
    return records;
  }

  private static void compare(Object a, Object b, String path, double tol, List<String> out) {
    if (a instanceof GenericRecord ra && b instanceof GenericRecord rb) {
      for (org.apache.avro.Schema.Field f : ra.getSchema().getFields()) {
        compare(ra.get(f.name()), rb.get(f.name()), path + "." + f.name(), tol, out);
      }
    } else if (a instanceof Collection<?> ca && b instanceof Collection<?> cb) {
      if (ca.size() != cb.size()) {
        out.add(path + ": " + ca.size() + " items vs " + cb.size());
        return;
      }
      List<?> la = new ArrayList<>(ca);
      List<?> lb = new ArrayList<>(cb);
      for (int i = 0; i < la.size(); i++) {
        compare(la.get(i), lb.get(i), path + "[" + i + "]", tol, out);
      }
    } else if ((a instanceof Double || a instanceof Float) && b instanceof Number nb) {
      double x = ((Number) a).doubleValue();
      double y = nb.doubleValue();
      boolean close = Double.compare(x, y) == 0
          || Math.abs(x - y) <= tol * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
      if (!close) {
        out.add(path + ": " + x + " vs " + y);
      }
    } else if (!String.valueOf(a).equals(String.valueOf(b))) {
      out.add(path + ": " + a + " vs " + b);
    }
  }

  private static boolean byteIdentical(Path a, Path b) throws IOException {
    List<Path> pa = parts(a);
    List<Path> pb = parts(b);
    if (pa.size() != pb.size()) {
      return false;
    }
    for (int i = 0; i < pa.size(); i++) {
      if (!pa.get(i).getFileName().equals(pb.get(i).getFileName())
          || Files.mismatch(pa.get(i), pb.get(i)) != -1) {
        return false;
      }
    }
    return true;
  }
}
