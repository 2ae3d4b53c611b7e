// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Makes an output folder of any number of customers from a real run's folder, for measuring what
 * reads whole outputs back ({@code segflow report}, {@code segflow load-db}) at sizes no run on
 * this machine makes quickly. Customer i is the real run's customer {@code i mod n} under the id
 * {@code C} + i (zero-padded, so ids sort as numbers); the parts are each sorted by id, as a run
 * writes them, and the manifest's customer count is set to match. The other files (manifest,
 * model.json, segments/) are the real run's.
 *
 * <pre>java -cp benchmarks.jar:lib/* io.segflow.benchmarks.output.LargeOutput RUN_DIR OUT_DIR
 * CUSTOMERS [PARTS=8]</pre>
 */
public final class LargeOutput {
  private LargeOutput() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: LargeOutput RUN_DIR OUT_DIR CUSTOMERS [PARTS=8]");
      System.exit(2);
    }
    Path run = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long customers = Long.parseLong(args[2]);
    int parts = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    List<CustomerRecord> template = new ArrayList<>();
    try (Stream<Path> files = Files.list(run.resolve("customers"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<CustomerRecord> r =
            new DataFileReader<>(f.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
          r.forEach(template::add);
        }
      }
    }
    if (template.isEmpty()) {
      throw new IllegalArgumentException(run + " has no customers");
    }
    Files.createDirectories(out.resolve("customers"));
    copyTree(run.resolve("segments"), out.resolve("segments"));
    for (String file : List.of("model.json", "comparison.json")) {
      if (Files.isRegularFile(run.resolve(file))) {
        Files.copy(run.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
    manifest.put("customers", customers);
    json.writerWithDefaultPrettyPrinter()
        .writeValue(out.resolve("manifest.json").toFile(), manifest);
    int width = Long.toString(customers).length();
    for (int p = 0; p < parts; p++) {
      Path file =
          out.resolve(String.format(Locale.ROOT, "customers/part-%05d-of-%05d.avro", p, parts));
      try (OutputStream os = Files.newOutputStream(file);
          DataFileWriter<CustomerRecord> w =
              new DataFileWriter<>(new SpecificDatumWriter<>(CustomerRecord.class))) {
        w.setCodec(CodecFactory.snappyCodec());
        w.create(CustomerRecord.getClassSchema(), os);
        for (long i = p; i < customers; i += parts) {
          CustomerRecord c = template.get((int) (i % template.size()));
          w.append(
              CustomerRecord.newBuilder(c)
                  .setCustomerId("C" + String.format(Locale.ROOT, "%0" + width + "d", i))
                  .build());
        }
      }
    }
    System.out.println(
        "wrote " + customers + " customers in " + parts + " parts to " + out.toAbsolutePath());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
