// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.segflow.pipelines.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Airflow DAG in docs/examples is Python that compiles (python3 -m py_compile; Airflow itself
 * is not installed here, so it is not run), and it names the exit codes the CLI documents.
 */
public class DagExampleSyntaxTest {
  static final Path DAG = Path.of("../docs/examples/segflow_dag.py");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theDagCompiles() throws Exception {
    Process probe;
    try {
      probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      probe.waitFor(30, TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      probe = null;
    }
    Assume.assumeTrue("python3 is not installed", probe != null && probe.exitValue() == 0);
    Path log = tmp.getRoot().toPath().resolve("py_compile.log");
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                DAG.toString(),
                tmp.getRoot().toPath().resolve("dag.pyc").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS), equalTo(true));
    assertThat(Files.readString(log), p.exitValue(), equalTo(0));
  }

  @Test
  public void theDagRetriesOnlyWhatARetryCanFix() throws Exception {
    String dag = Files.readString(DAG);
    assertThat(dag, containsString("skip_on_exit_code=sorted(FINAL)"));
    java.util.regex.Matcher block =
        java.util.regex.Pattern.compile("FINAL = \\{(.*?)\\}", java.util.regex.Pattern.DOTALL)
            .matcher(dag);
    assertThat(block.find(), equalTo(true));
    java.util.Set<Integer> listed = new java.util.TreeSet<>();
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("(?:^|[{,\\s])(\\d+):").matcher(block.group(1));
    while (key.find()) {
      listed.add(Integer.parseInt(key.group(1)));
    }
    // usage, input, no usable rows and failed checks repeat themselves; the rest may pass later
    assertThat(
        listed,
        equalTo(
            java.util.Set.of(
                ExitCode.USAGE.code(),
                ExitCode.INPUT.code(),
                ExitCode.NO_USABLE_ROWS.code(),
                ExitCode.CHECKS.code())));
  }
}
