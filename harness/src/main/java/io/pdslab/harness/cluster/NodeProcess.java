package io.pdslab.harness.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running node JVM, on this machine or another, that the nemesis can kill, pause and partition.
 * Signals go through the {@code kill} command, run locally or, behind an ssh prefix, on the node's
 * host; commands go to the JVM's standard input, which the driver holds (through ssh too).
 */
final class NodeProcess {
  private final Process process;
  private final List<String> onHost;
  private final long pid;
  private final NodeOutput output;

  /**
   * @param process the local process whose life is the node's (the JVM, or the ssh session)
   * @param onHost the command prefix that runs a command on the node's host (empty: here)
   * @param pid the JVM's process id on its host
   * @param output the JVM's output, being copied to its log
   */
  NodeProcess(Process process, List<String> onHost, long pid, NodeOutput output) {
    this.process = process;
    this.onHost = List.copyOf(onHost);
    this.pid = pid;
    this.output = output;
  }

  /** Whether the node said it serves (joined its peers). */
  boolean isReady() {
    return output.isReady();
  }

  /** Whether the JVM still runs (a paused one does). */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The JVM's exit code once it ended. */
  int exitCode() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Why the node stopped, once its JVM has ended: the reason it gave, else its last output; null if
   * it wrote nothing.
   */
  String failure() throws InterruptedException {
    return output.failure();
  }

  /** Sends the node one command line on its standard input (see {@link ClusterNodeMain}). */
  void tell(String line) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** SIGKILL: the JVM dies at once, without running shutdown hooks. */
  void kill() throws IOException, InterruptedException {
    signal("KILL");
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** SIGSTOP: the JVM freezes, its sockets stay open. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a paused JVM resumes. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(onHost);
    cmd.addAll(List.of("kill", "-" + signal, Long.toString(pid)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    p.waitFor();
  }
}
