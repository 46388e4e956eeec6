package io.pdslab.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts node JVMs on other machines over SSH. The remote shell prints its process id and then
 * {@code exec}s the JVM, so the JVM keeps that id and the nemesis can signal it with {@code ssh
 * host kill -STOP pid}. The remote machines need the same classpath at the same paths (a shared
 * folder, or the project copied to the same place) and key-based login ({@code BatchMode}: no
 * prompts).
 */
final class SshLauncher implements NodeLauncher {
  private static final String PID_MARK = "PDSLAB_PID ";

  private final List<String> ssh;

  /**
   * @param ssh the ssh command and its options, before the host name
   */
  SshLauncher(List<String> ssh) {
    this.ssh = List.copyOf(ssh);
  }

  /** The ssh command: {@code PDSLAB_SSH} split on spaces, else ssh without prompts. */
  static List<String> defaultCommand() {
    String env = System.getenv("PDSLAB_SSH");
    if (env != null && !env.isBlank()) {
      return List.of(env.trim().split("\\s+"));
    }
    return List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10");
  }

  @Override
  public NodeProcess start(String host, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(ssh);
    cmd.add(host);
    cmd.add("echo " + PID_MARK + "$$; exec " + quote(command));
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Long> pid = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, pid), "ssh-output-" + host);
    pump.setDaemon(true);
    pump.start();
    long remotePid;
    try {
      remotePid = pid.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(
          "ssh " + host + " did not start the node (see " + log + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while starting a node on " + host, e);
    }
    List<String> onHost = new ArrayList<>(ssh);
    onHost.add(host);
    return new NodeProcess(process, onHost, remotePid);
  }

  /** Copies the remote output to the log, taking the process id from its first line. */
  private static void pump(Process process, Path log, CompletableFuture<Long> pid) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out =
            Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!pid.isDone() && line.startsWith(PID_MARK)) {
          pid.complete(Long.parseLong(line.substring(PID_MARK.length()).trim()));
          continue;
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | NumberFormatException e) {
      pid.completeExceptionally(e);
    }
    pid.completeExceptionally(new IOException("ssh exited with code " + exit(process)));
  }

  private static int exit(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The command as one POSIX shell line, every word single-quoted. */
  static String quote(List<String> words) {
    return words.stream()
        .map(w -> "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
