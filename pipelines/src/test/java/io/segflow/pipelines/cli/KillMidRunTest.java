// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run killed with SIGKILL in the middle (a separate JVM) leaves no complete-looking output: no
 * folder under the output name, no _SUCCESS anywhere; the next run to the same output succeeds and
 * removes the dead run's staging folder.
 */
public class KillMidRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  /** ~400,000 lines of 4,000 customers: long enough to be killed while running. */
  private static Path bigInput() throws IOException {
    Path f = TMP.getRoot().toPath().resolve("big.csv.gz");
    try (Writer w =
        new java.io.OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(f)), StandardCharsets.UTF_8)) {
      w.write(
          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
      for (int i = 0; i < 400_000; i++) {
        int customer = 12_000 + i % 4_000;
        w.write(
            (500_000 + i / 5)
                + ",S"
                + (i % 997)
                + ",ITEM "
                + (i % 997)
                + ","
                + (1 + i % 12)
                + ",2011-"
                + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28)
                + " 10:00:00,"
                + (0.5 + (i % 40) / 4.0)
                + ","
                + customer
                + ",United Kingdom\n");
      }
    }
    return f;
  }

  private static Process start(Path input, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                SegflowCli.class.getName(),
                "run",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--no-segmentation"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(TMP.getRoot().toPath().resolve("child.log").toFile())
        .start();
  }

  private static List<Path> stagingFolders(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(
              p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".segflow-"))
          .collect(Collectors.toList());
    }
  }

  @Test
  public void killedRunPublishesNothingAndTheNextRunSucceeds() throws Exception {
    Path input = bigInput();
    Path out = TMP.getRoot().toPath().resolve("out");
    Process run = start(input, out);
    // Wait until the run is writing into its staging folder, then kill it without warning.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stagingFolders(out).isEmpty() && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertThat("the run was still going when killed", run.isAlive(), is(true));
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat("no folder under the output name", Files.exists(out), is(false));
    for (Path staging : stagingFolders(out)) {
      assertThat(
          "the dead run's staging folder is not complete-looking",
          Files.exists(staging.resolve("_SUCCESS"))
              || Files.exists(staging.resolve("manifest.json")),
          is(false));
    }

    Process again = start(input, out);
    assertThat(again.waitFor(180, TimeUnit.SECONDS), is(true));
    assertThat(
        Files.readString(TMP.getRoot().toPath().resolve("child.log")),
        again.exitValue(),
        equalTo(0));
    assertThat(Files.exists(out.resolve("_SUCCESS")), is(true));
    assertThat("the dead run's staging folder was removed", stagingFolders(out), is(empty()));
    assertThat(new File(out.toFile(), "customers").isDirectory(), is(true));
  }
}
