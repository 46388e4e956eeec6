package io.pdslab.harness.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short external command (a probe such as {@code bwrap … true}, {@code scontrol show hostnames})
 * run to its end or killed at a deadline. Its output goes to files rather than pipes, so the wait
 * for the deadline cannot hang on reading a pipe the command never closes.
 *
 * @param exitCode the command's exit code, or -1 when it was killed at the deadline
 * @param output what it printed on standard output
 * @param errors what it printed on standard error
 */
public record ShortCommand(int exitCode, String output, String errors) {

  /** Whether the command ended by itself with exit code 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Whether the command was killed at its deadline. */
  public boolean timedOut() {
    return exitCode == -1;
  }

  /**
   * Runs {@code command} with no input and waits at most {@code deadline} for it.
   *
   * @throws IOException if the command cannot be started (e.g. it is not installed)
   * @throws InterruptedException if this thread is interrupted while waiting
   */
  public static ShortCommand run(List<String> command, Duration deadline)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("pdslab-command", ".out");
    Path err = Files.createTempFile("pdslab-command", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      boolean ended = p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      return new ShortCommand(
          ended ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8).strip(),
          Files.readString(err, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
