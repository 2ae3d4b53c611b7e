// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.common.Secrets;
import org.junit.Test;

public class SecretsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void urlCredentialsAreMasked() {
    assertThat(
        Secrets.redact("jdbc:postgresql://seg:hunter2@db:5432/shop"),
        equalTo("jdbc:postgresql://***@db:5432/shop"));
    assertThat(
        Secrets.redact("s3://AKIAXYZ:verysecret@bucket/exports/*.csv"),
        not(containsString("verysecret")));
    assertThat(
        "no credentials, nothing changes",
        Secrets.redact("gs://bucket/a.csv"),
        equalTo("gs://bucket/a.csv"));
  }

  @Test
  public void inlineKeyValueSecretsAreMasked() {
    assertThat(
        Secrets.redact("https://api/x?user=a&password=hunter2&x=1"),
        equalTo("https://api/x?user=a&password=***&x=1"));
    assertThat(
        Secrets.redact("/data/token=abc123/orders.csv"), equalTo("/data/token=***/orders.csv"));
  }

  @Test
  public void secretLookingKeysAreMaskedAnywhereInATree() throws Exception {
    JsonNode tree =
        JSON.readTree(
            "{\"runner\":{\"options\":{\"dbPassword\":\"hunter2\","
                + "\"apiKey\":\"k-123\",\"parallelism\":\"2\"}},\"input\":{\"paths\":"
                + "[\"postgres://u:pw@h/db\"]},\"token\":null}");
    String out = JSON.writeValueAsString(Secrets.redact(tree));
    assertThat(out, not(containsString("hunter2")));
    assertThat(out, not(containsString("k-123")));
    assertThat(out, not(containsString(":pw@")));
    assertThat("ordinary values stay", out, containsString("\"parallelism\":\"2\""));
    assertThat("a null stays null", out, containsString("\"token\":null"));
  }
}
