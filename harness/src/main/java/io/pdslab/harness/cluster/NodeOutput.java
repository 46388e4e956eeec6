package io.pdslab.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a node's output to its log on a thread of its own, and takes out the lines meant for the
 * driver: the remote shell's process id ({@link #PID_MARK}) and the node's "I serve" line ({@link
 * #READY_MARK}).
 */
final class NodeOutput {
  /** The line a remote shell prints before it execs the JVM: {@code PDSLAB_PID <pid>}. */
  static final String PID_MARK = "PDSLAB_PID ";

  /** The line {@link ClusterNodeMain} prints once its server serves. */
  static final String READY_MARK = "PDSLAB_NODE_READY";

  private final CompletableFuture<Long> pid = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /** Starts copying {@code output} to the end of {@code log}. */
  NodeOutput(InputStream output, Path log, String name) {
    Thread pump =
        new Thread(
            () -> {
              try {
                copy(output, log);
              } catch (IOException | RuntimeException e) {
                pid.completeExceptionally(e);
              }
              pid.completeExceptionally(new IOException("the node's output ended"));
            },
            "output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /** Completed with the remote shell's pid, or exceptionally if the output ended first. */
  CompletableFuture<Long> pid() {
    return pid;
  }

  /** Whether the node said it serves. */
  boolean isReady() {
    return ready.isDone();
  }

  private void copy(InputStream output, Path log) throws IOException {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        OutputStream file =
            Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!pid.isDone() && line.startsWith(PID_MARK)) {
          pid.complete(Long.parseLong(line.substring(PID_MARK.length()).trim()));
          continue;
        }
        if (line.equals(READY_MARK)) {
          ready.complete(null);
        }
        file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        file.flush();
      }
    }
  }
}
