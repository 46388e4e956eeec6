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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a node's output to its log on a thread of its own, and takes out the lines meant for the
 * driver: the remote shell's process id ({@link #PID_MARK}), the node's "I serve" line ({@link
 * #READY_MARK}) and why it stopped ({@link #FAILED_MARK}).
 */
final class NodeOutput {
  /** The line a remote shell prints before it execs the JVM: {@code PDSLAB_PID <pid>}. */
  static final String PID_MARK = "PDSLAB_PID ";

  /** The line {@link ClusterNodeMain} prints once its server serves. */
  static final String READY_MARK = "PDSLAB_NODE_READY";

  /**
   * The line {@link ClusterNodeMain} prints, before it exits, when its node stopped on an error:
   * {@code PDSLAB_NODE_FAILED <reason on one line>} (the stack trace is in the log above it).
   */
  static final String FAILED_MARK = "PDSLAB_NODE_FAILED ";

  /** How long {@link #failure} waits for the rest of the output of a JVM that has ended. */
  private static final long DRAIN_SECONDS = 5;

  /** How many of the last lines of output {@link #failure} gives when the node gave no reason. */
  private static final int LAST_LINES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(NodeOutput.class);

  private final String name;
  private final CompletableFuture<Long> pid = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile String failure;

  /** Why the log could not be written (its output is still read to its end), or null. */
  private volatile String logProblem;

  /** The last lines of output, for a JVM that died without saying why (e.g. it did not start). */
  private final Deque<String> lastLines = new ArrayDeque<>();

  /** Starts copying {@code output} to the end of {@code log}. */
  NodeOutput(InputStream output, Path log, String name) {
    this.name = name;
    Thread pump =
        new Thread(
            () -> {
              try {
                copy(output, log);
              } catch (IOException | RuntimeException e) {
                pid.completeExceptionally(e);
              }
              pid.completeExceptionally(new IOException("the node's output ended"));
              ended.complete(null);
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

  /**
   * Why the node stopped, once its JVM has ended (this waits a little for the rest of its output):
   * the reason it gave, else its last lines of output, followed by why its log could not be written
   * if it could not; null if it wrote nothing and its log was written.
   */
  String failure() throws InterruptedException {
    try {
      ended.get(DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Output still open (e.g. an ssh session that lingers): report what was read so far.
    }
    String reason = failure;
    if (reason == null) {
      synchronized (lastLines) {
        reason = lastLines.isEmpty() ? null : "last output: " + String.join(" | ", lastLines);
      }
    }
    String problem = logProblem;
    if (problem == null) {
      return reason;
    }
    return reason == null ? problem : reason + "; " + problem;
  }

  /** The process id on a {@link #PID_MARK} line, or null if it holds none. */
  private static Long parsePid(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void copy(InputStream output, Path log) throws IOException {
    OutputStream file = openLog(log);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!pid.isDone() && line.startsWith(PID_MARK)) {
          Long shell = parsePid(line.substring(PID_MARK.length()));
          if (shell != null) {
            pid.complete(shell);
            continue;
          }
          // Not the shell's line after all: an exception here would stop the copy, and a node
          // whose output is not read blocks on its next write.
        }
        if (line.equals(READY_MARK)) {
          ready.complete(null);
        }
        if (line.startsWith(FAILED_MARK)) {
          failure = line.substring(FAILED_MARK.length());
          continue;
        }
        synchronized (lastLines) {
          if (!line.isBlank()) {
            lastLines.addLast(line.strip());
          }
          if (lastLines.size() > LAST_LINES) {
            lastLines.removeFirst();
          }
        }
        file = append(file, line, log);
      }
    } finally {
      if (file != null) {
        file.close();
      }
    }
  }

  /** The log, opened for appending; null if it cannot be (then the output is only read). */
  private OutputStream openLog(Path log) {
    try {
      return Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      logFailed(log, e);
      return null;
    }
  }

  /**
   * Appends {@code line} to {@code file} (null: the log failed before) and returns the file to
   * write next, null once it failed: the output is still read to its end, since a node whose output
   * is not read blocks on its next write.
   */
  private OutputStream append(OutputStream file, String line, Path log) {
    if (file == null) {
      return null;
    }
    try {
      file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      file.flush();
      return file;
    } catch (IOException e) {
      logFailed(log, e);
      try {
        file.close();
      } catch (IOException closing) {
        // The first problem is the one reported.
      }
      return null;
    }
  }

  private void logFailed(Path log, IOException e) {
    logProblem = "its output could not be written to " + log + ": " + e;
    LOG.warn("node {}: {}", name, logProblem);
  }
}
