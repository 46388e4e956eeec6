package io.pdslab.cli;

import io.pdslab.grader.GraderException;
import io.pdslab.harness.testrun.PdslabProperties;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code pdslab} command line. Exit codes: 0 = ok, 1 = tests or grade failed, 2 = usage or
 * input error.
 */
@Command(
    name = "pdslab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Lab kit for parallel and distributed systems: test, replay, grade, bench.",
    subcommands = {
      ListCommand.class,
      TestCommand.class,
      ReplayCommand.class,
      HandoutCommand.class,
      GradeCommand.class,
      GradeMergeCommand.class,
      CheckHistoryCommand.class,
      BenchCommand.class,
      GradescopeCommand.class,
      ClusterCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Pdslab {
  /** Everything went well. */
  public static final int OK = 0;

  /** Tests ran and some failed, or a grade is below full marks where that matters. */
  public static final int FAILED = 1;

  /** Bad usage or bad input (a malformed manifest, history or submission). */
  public static final int USAGE = 2;

  /** {@code -v}: more output (repeat for debug); quiet (warnings only) by default. */
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "More output: -v progress and details, -vv debug.")
  void setVerbose(boolean[] flags) {
    Verbosity.set(flags.length);
  }

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; usage errors map to {@link #USAGE}. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** Runs the CLI with the given output and error writers (null: standard streams). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Pdslab());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExitCodeExceptionMapper(
        e -> isUsers(e) || e instanceof CommandLine.ParameterException ? USAGE : FAILED);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (isUsers(e)) {
            cmd.getErr().println("pdslab: " + e.getMessage());
            return USAGE;
          }
          throw e;
        });
    return cli.execute(args);
  }

  /** Whether an error is the user's to fix: reported in one line, without a stack trace. */
  private static boolean isUsers(Throwable e) {
    return e instanceof UserError || e instanceof GraderException;
  }

  /** The project root: {@code -Dpdslab.root} as set by the launcher, else the working directory. */
  public static Path root() {
    return Paths.get(System.getProperty(PdslabProperties.ROOT, ".")).toAbsolutePath().normalize();
  }
}
