// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.schemas.SegmentRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * report.html from real runs on the shipped sample: written by default, self-contained, one chart
 * per section, data strings escaped (a hostile input file name and segment name), {@code
 * --no-report} and {@code segflow report DIR}.
 */
public class HtmlReportRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  static final Path SAMPLE = Paths.get("../run-configs/sample/online_retail_sample.csv.gz");
  static final String EVIL = "<script>alert(1)</script>\"'";

  private static Path output;
  private static CliRun run;
  private static String html;

  @BeforeClass
  public static void runOnSample() throws Exception {
    // The input's path carries markup and quotes: a folder "<script>alert(1)<" holding
    // "script>\"'.csv.gz" reads as <script>alert(1)</script>"'.csv.gz.
    Path dir = Files.createDirectories(TMP.getRoot().toPath().resolve("<script>alert(1)<"));
    Path input = dir.resolve("script>\"'.csv.gz");
    Files.copy(SAMPLE, input);
    output = TMP.getRoot().toPath().resolve("out");
    run = CliRun.of("run", "--input", input.toString(), "--output", output.toString());
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    html = Files.readString(output.resolve("report.html"), StandardCharsets.UTF_8);
  }

  private static List<SegmentRecord> segments(Path out) throws Exception {
    List<SegmentRecord> all = new ArrayList<>();
    for (Path p : parts(out.resolve("segments"))) {
      try (DataFileReader<SegmentRecord> r =
          new DataFileReader<>(p.toFile(), new SpecificDatumReader<>(SegmentRecord.class))) {
        r.forEach(all::add);
      }
    }
    return all;
  }

  private static List<Path> parts(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
  }

  private static String section(String page, String id) {
    int start = page.indexOf("<section id=\"" + id + "\">");
    assertThat("section " + id, start >= 0, is(true));
    return page.substring(start, page.indexOf("</section>", start));
  }

  static void assertSelfContained(String page) {
    Matcher m =
        Pattern.compile("(?i)\\b(src|href|action|data)\\s*=\\s*[\"']?\\s*(https?:)?//")
            .matcher(page);
    assertThat(
        "loads something from the network: " + (m.find() ? m.group() : ""), m.find(0), is(false));
    assertThat(page, not(containsString("<link")));
    assertThat(page, not(containsString("<img")));
    assertThat(page, not(containsString("@import")));
    assertThat(page, not(containsString("url(")));
    // The only script is the inert JSON data block.
    Matcher s = Pattern.compile("(?i)<script[^>]*>").matcher(page);
    while (s.find()) {
      assertThat(s.group(), equalTo("<script type=\"application/json\" id=\"segflow-data\">"));
    }
  }

  @Test
  public void reportIsWrittenAndListedInTheManifest() throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
    List<String> outputs = new ArrayList<>();
    manifest.path("outputs").forEach(o -> outputs.add(o.asText()));
    assertThat(outputs, hasItem("report.html"));
    assertThat(outputs.get(outputs.size() - 1), equalTo("report.html"));
    assertThat(html, containsString("<!DOCTYPE html>"));
    assertThat(html.trim().endsWith("</html>"), is(true));
  }

  @Test
  public void reportIsSelfContained() {
    assertSelfContained(html);
  }

  @Test
  public void everySectionHasAChart() {
    for (String id : List.of("data-quality", "eda", "model-selection", "segments", "rfm", "clv")) {
      assertThat(id, section(html, id), containsString("<svg"));
    }
    assertThat(section(html, "eda").split("<svg", -1).length - 1, greaterThanOrEqualTo(4));
    // WCSS, silhouette, CH and DB against k, with the chosen k marked on each.
    String model = section(html, "model-selection");
    assertThat(model.split("class=\"chosen\" cx=", -1).length - 1, equalTo(4));
    assertThat(model, containsString("Chosen k = 6"));
    assertThat(section(html, "run-facts"), containsString("Configuration"));
    // Predicted value: the fit, both grids, the CLV histogram and its concentration curve.
    String clv = section(html, "clv");
    assertThat(clv, containsString("BG/NBD"));
    assertThat(clv, containsString("Mean expected purchases over the horizon"));
    assertThat(clv, containsString("Mean P(alive)"));
    assertThat(clv, containsString("share of all CLV held by the top customers"));
    assertThat(clv.split("<svg", -1).length - 1, equalTo(4));
  }

  @Test
  public void showsTheCountsAndSegmentNames() throws Exception {
    String quality = section(html, "data-quality");
    assertThat(quality, containsString("27,621"));
    assertThat(quality, containsString("missing_customer_id"));
    assertThat(quality, containsString("2011-12-10"));
    for (SegmentRecord s : segments(output)) {
      String name = Html.esc(s.getSegmentName().toString());
      if (s.getKind().toString().equals("rfm")) {
        assertThat(section(html, "rfm"), containsString(name));
      } else {
        assertThat(section(html, "segments"), containsString(name));
      }
    }
    assertThat(html, containsString("High-value loyal"));
    assertThat(html, containsString("Champions"));
    assertThat(section(html, "eda"), containsString("top 1 % of customers"));
  }

  @Test
  public void hostileFileNameIsInert() {
    assertThat(html, not(containsString("<script>alert")));
    assertThat(html, not(containsString("</script>\"")));
    assertThat(html, containsString("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;.csv.gz"));
    assertSelfContained(html);
  }

  @Test
  public void reportCommandRebuildsTheReportAndEscapesSegmentNames() throws Exception {
    Path copy = TMP.getRoot().toPath().resolve("rebuilt");
    copyTree(output, copy);
    // Give the first segment a hostile name and drop the report; then rebuild it.
    Path part = parts(copy.resolve("segments")).get(0);
    List<SegmentRecord> segs = new ArrayList<>();
    try (DataFileReader<SegmentRecord> r =
        new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(SegmentRecord.class))) {
      r.forEach(segs::add);
    }
    segs.get(0).setSegmentName(EVIL);
    segs.get(0).setDescription("a & b <b>bold</b>");
    try (DataFileWriter<SegmentRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(SegmentRecord.class))) {
      w.create(SegmentRecord.getClassSchema(), part.toFile());
      segs.forEach(
          s -> {
            try {
              w.append(s);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    Files.delete(copy.resolve("report.html"));

    CliRun report = CliRun.of("report", copy.toString());
    assertThat(report.toString(), report.exitCode(), equalTo(0));
    String rebuilt = Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(rebuilt, not(containsString("<script>alert")));
    assertThat(rebuilt, not(containsString("<b>bold")));
    assertThat(
        section(rebuilt, "segments"),
        containsString("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"));
    assertThat(rebuilt, containsString("a &amp; b &lt;b&gt;bold&lt;/b&gt;"));
    // In the embedded JSON the name is there, with its markup escaped.
    assertThat(rebuilt, containsString("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assertSelfContained(rebuilt);
  }

  @Test
  public void reportCommandRefusesAFolderThatIsNotAnOutput() throws Exception {
    Path empty = TMP.newFolder("empty").toPath();
    CliRun report = CliRun.of("report", empty.toString());
    assertThat(report.toString(), report.exitCode(), equalTo(3));
    assertThat(Files.exists(empty.resolve("report.html")), is(false));
  }

  @Test
  public void noReportFlagWritesNoReport() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("no-report");
    CliRun r =
        CliRun.of(
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--no-report",
            "--k",
            "3");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    assertThat(Files.exists(out.resolve("manifest.json")), is(true));
    assertThat(Files.exists(out.resolve("report.html")), is(false));
    assertThat(Files.readString(out.resolve("manifest.json")), not(containsString("report.html")));
    CliRun report = CliRun.of("report", out.toString());
    assertThat(report.toString(), report.exitCode(), equalTo(0));
    assertThat(Files.exists(out.resolve("report.html")), is(true));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
