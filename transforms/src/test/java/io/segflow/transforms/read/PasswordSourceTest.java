// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PasswordSourceTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aFileIsReadWhenAskedWithoutItsLineBreakAndNeverShown() throws Exception {
    Path file = tmp.newFile("pw").toPath();
    Files.writeString(file, "s3cr3t,with spaces\n");
    PasswordSource source = PasswordSource.fromFile(file.toString());
    assertThat(source.get(), equalTo("s3cr3t,with spaces"));
    assertThat(source.toString(), not(containsString("s3cr3t")));
    // What Beam serializes into the pipeline is the path, not the password.
    byte[] serialized = SerializableUtils.serializeToByteArray(source);
    assertThat(
        new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1),
        not(containsString("s3cr3t")));
    Files.writeString(file, "changed\r\n");
    assertThat(
        ((PasswordSource) SerializableUtils.deserializeFromByteArray(serialized, "pw")).get(),
        equalTo("changed"));
  }

  @Test
  public void aMissingVariableOrFileIsNamedInTheError() {
    IllegalStateException env =
        assertThrows(
            IllegalStateException.class,
            () -> PasswordSource.fromEnvironment("SEGFLOW_SURELY_UNSET_VARIABLE").get());
    assertThat(env.getMessage(), containsString("SEGFLOW_SURELY_UNSET_VARIABLE is not set"));
    IllegalStateException file =
        assertThrows(
            IllegalStateException.class, () -> PasswordSource.fromFile("/nonexistent/pw").check());
    assertThat(file.getMessage(), containsString("/nonexistent/pw"));
    assertThrows(IllegalArgumentException.class, () -> PasswordSource.fromEnvironment(" "));
  }
}
