// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/** Strict YAML: a config either means exactly what it says or is refused, naming the key. */
public class ConfigLoaderTest {

  @Test
  public void shippedRunConfigsLoadAndValidate() throws IOException {
    List<Path> configs;
    try (Stream<Path> s = Files.list(Path.of("../run-configs"))) {
      configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(configs, not(empty()));
    for (Path p : configs) {
      SegflowConfig c = ConfigLoader.load(p);
      c.input.paths = List.of("in.csv");
      c.output.path = "out";
      RunPlan.of(c); // throws ConfigException naming the problem
    }
  }

  @Test
  public void unknownNestedKeyIsNamedWithItsPath() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "cleaning:\n  non_product_codes:\n    enabeld: true\n", "x.yaml"));
    assertThat(e.getMessage(), containsString("cleaning.non_product_codes.enabeld"));
    assertThat(e.getMessage(), containsString("enabled"));
  }

  @Test
  public void scalarWhereAListBelongsIsRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("input:\n  paths: exports/a.csv\n", "x.yaml"));
    assertThat(e.getMessage(), containsString("input.paths"));
  }

  @Test
  public void valuesAreReadAsWritten() {
    SegflowConfig c =
        ConfigLoader.parse("cleaning:\n  cancellations: false\noutput:\n  shards: 3\n", "x.yaml");
    assertThat(c.cleaning.cancellations, equalTo(false));
    assertThat(c.output.shards, equalTo(3));
    assertThat("untouched keys keep their defaults", c.cleaning.duplicates, equalTo(true));
  }

  @Test
  public void illTypedScalarsAreRefusedNotCoerced() {
    ConfigException fraction =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.parse("output:\n  shards: 2.7\n", "x.yaml"));
    assertThat(fraction.getMessage(), containsString("output.shards"));
    ConfigException number =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("cleaning:\n  cancellations: 0\n", "x.yaml"));
    assertThat(number.getMessage(), containsString("cleaning.cancellations"));
  }
}
