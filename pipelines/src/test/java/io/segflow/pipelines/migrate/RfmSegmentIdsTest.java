// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The numbering of RFM segment names across two runs whose rule tables differ. */
public class RfmSegmentIdsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private RunCustomers run(String name, String modelJson, String... rfmSegments)
      throws IOException {
    Path dir = tmp.newFolder(name).toPath();
    if (modelJson != null) {
      Files.writeString(dir.resolve("model.json"), modelJson);
    }
    Map<String, RunCustomers.Segments> customers = new LinkedHashMap<>();
    for (int i = 0; i < rfmSegments.length; i++) {
      customers.put(name + i, new RunCustomers.Segments(1, "one", rfmSegments[i]));
    }
    return new RunCustomers(dir, name, LocalDate.of(2011, 12, 1), customers);
  }

  @Test
  public void laterTableThenEarlierThenUnlistedAlphabeticallyThenFallbacks() throws IOException {
    RunCustomers earlier =
        run(
            "earlier",
            "{\"rfm\":{\"segments_in_rule_order\":[\"Lost\",\"Loyal\",\"Champions\"],"
                + "\"fallback_segment\":\"Rest\"}}",
            "Loyal",
            "Rest",
            "Zebra");
    RunCustomers later =
        run(
            "later",
            "{\"rfm\":{\"segments_in_rule_order\":[\"Champions\",\"At risk\",\"Lost\"],"
                + "\"fallback_segment\":\"Others\"}}",
            "Champions",
            "Others",
            "Apple");
    Map<String, Integer> ids = RfmSegmentIds.of(earlier, later);
    assertThat(
        List.copyOf(ids.keySet()),
        equalTo(
            List.of("Champions", "At risk", "Lost", "Loyal", "Apple", "Zebra", "Others", "Rest")));
    assertThat(ids.get("Champions"), equalTo(1));
    assertThat(ids.get("Rest"), equalTo(8));
  }

  @Test
  public void aFallbackThatIsARuleInTheOtherTableKeepsItsRulePlace() throws IOException {
    RunCustomers earlier =
        run("earlier", "{\"rfm\":{\"segments_in_rule_order\":[\"A\",\"Others\"]}}", "Others");
    RunCustomers later =
        run(
            "later",
            "{\"rfm\":{\"segments_in_rule_order\":[\"B\"],\"fallback_segment\":\"Others\"}}",
            "B");
    assertThat(
        List.copyOf(RfmSegmentIds.of(earlier, later).keySet()),
        equalTo(List.of("B", "A", "Others")));
  }

  @Test
  public void runsWithoutModelJsonAreNumberedByName() throws IOException {
    RunCustomers earlier = run("earlier", null, "Lost", "Champions");
    RunCustomers later = run("later", null, "Loyal", "Champions");
    assertThat(
        List.copyOf(RfmSegmentIds.of(earlier, later).keySet()),
        equalTo(List.of("Champions", "Lost", "Loyal")));
  }
}
