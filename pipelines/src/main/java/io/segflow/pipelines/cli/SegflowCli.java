// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.Versions;
import io.segflow.pipelines.output.TargetLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code segflow} command line: {@code segflow run ...}, {@code segflow --help}. */
@Command(
    name = "segflow",
    mixinStandardHelpOptions = true,
    versionProvider = SegflowCli.VersionProvider.class,
    description = "Customer segmentation: transactions in, per-customer features and segments out.",
    subcommands = {
      RunCommand.class,
      InspectCommand.class,
      TrainCommand.class,
      ScoreCommand.class,
      MigrateCommand.class,
      LoadDbCommand.class,
      ReportCommand.class,
      StatusCommand.class,
      GenerateCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 internal failure, 2 bad usage or config, "
          + "3 input missing/unreadable/missing column, 4 no usable rows, 5 output locked by "
          + "another run or unsafe output folder, "
          + "6 output database failed (files stay published), 7 a quality check failed "
          + "(nothing published)."
    })
public final class SegflowCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: try 'segflow run --help'");
  }

  /**
   * Weka probes for native BLAS through netlib-java and logs each miss although the pure-Java one
   * is then used. Held in a field: java.util.logging keeps loggers weakly, and would forget it.
   */
  private static final java.util.logging.Logger NETLIB =
      java.util.logging.Logger.getLogger("com.github.fommil.netlib");

  public static void main(String[] args) {
    NETLIB.setLevel(java.util.logging.Level.SEVERE);
    // Flink's embedded RPC (Pekko) would run its own JVM shutdown hook after its class loader is
    // closed and print a NoClassDefFoundError at exit; Flink shuts it down itself.
    System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    warmUpPipelineOptions();
    System.exit(execute(args));
  }

  /**
   * Beam checks every registered PipelineOptions interface (Flink's, the DirectRunner's, ...) the
   * first time options are made: about half a second of reflection on a cold JVM. A background
   * thread does it while the main thread parses the command line, the config and the inputs'
   * headers.
   */
  private static void warmUpPipelineOptions() {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                org.apache.beam.sdk.options.PipelineOptionsFactory.create();
              } catch (RuntimeException | LinkageError e) {
                // only a warm-up: the run makes its own options and reports any problem then
              }
            },
            "segflow-options-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** Runs the CLI and returns the exit code (for tests and embedding). */
  public static int execute(String... args) {
    TargetLock.setCommand(args);
    CommandLine cli = new CommandLine(new SegflowCli());
    cli.setExitCodeExceptionMapper(ErrorReporting::exitCodeOf);
    cli.setExecutionExceptionHandler(ErrorReporting::handle);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("segflow: " + Secrets.redact(e.getMessage()));
          e.getCommandLine()
              .getErr()
              .println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE.code();
        });
    return cli.execute(args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"segflow " + Versions.segflow(), "built with " + Versions.all()};
    }
  }
}
