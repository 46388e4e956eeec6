package io.pdslab.grader.grade;

import io.pdslab.harness.process.ShortCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A performance JVM frozen with {@code SIGSTOP} while the other side measures a round, so that its
 * JIT compiler, garbage collector and waiting loop take no CPU from that round. The whole process
 * tree the grader started is stopped: in the sandbox that is bwrap and, in its own PID namespace,
 * the JVM (the grader sees both under their host process ids, as descendants of the process it
 * started); without the sandbox, the JVM itself.
 *
 * <p>A frozen JVM must never outlive the pause: {@link #close()} continues it (and kills it if it
 * cannot: a JVM that stayed frozen would only be called stuck later, its test lost all the same),
 * callers pause for one round only and close in a {@code finally}, and a shutdown hook continues
 * whatever is still paused when the grader exits or is interrupted. If the grader is killed
 * outright, bwrap's {@code --die-with-parent} kills the sandbox, stopped or not; an unsandboxed
 * child frozen at that moment stays frozen until someone kills it.
 */
final class PausedJvm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PausedJvm.class);
  private static final Duration SIGNAL_DEADLINE = Duration.ofSeconds(10);

  /** How often {@link #close()} tries to continue a tree (a loaded machine may time one out). */
  private static final int CONTINUE_ATTEMPTS = 3;

  /** Every paused process of this grader, continued by the shutdown hook. */
  private static final Set<PausedJvm> PAUSED = new LinkedHashSet<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(PausedJvm::continueAll, "pdslab-continue-paused-jvms"));
  }

  private final List<ProcessHandle> processes;

  private PausedJvm(List<ProcessHandle> processes) {
    this.processes = processes;
  }

  /**
   * Stops the process tree rooted at {@code root}.
   *
   * @return the pause to close, or null when nothing could be stopped (the tree is gone, or there
   *     is no {@code kill} command): the round then runs beside the unpaused JVM, as before
   */
  static PausedJvm pause(ProcessHandle root) {
    List<ProcessHandle> tree =
        Stream.concat(Stream.of(root), root.descendants()).filter(ProcessHandle::isAlive).toList();
    if (tree.isEmpty()) {
      return null;
    }
    PausedJvm paused = new PausedJvm(tree);
    synchronized (PAUSED) {
      PAUSED.add(paused); // before the signal: the hook must continue it if we die right after
    }
    boolean stopped = false;
    try {
      stopped = signal("-STOP", tree);
    } finally {
      if (!stopped) {
        paused.close(); // part of the tree may have been stopped all the same
      }
    }
    return stopped ? paused : null;
  }

  /** Continues the paused processes, else kills them (idempotent). */
  @Override
  public void close() {
    synchronized (PAUSED) {
      if (!PAUSED.remove(this)) {
        return;
      }
    }
    for (int attempt = 0; attempt < CONTINUE_ATTEMPTS; attempt++) {
      if (processes.stream().noneMatch(ProcessHandle::isAlive) || signal("-CONT", processes)) {
        return;
      }
    }
    LOG.error("cannot continue performance JVMs {}: killing them", processes);
    processes.forEach(ProcessHandle::destroyForcibly);
  }

  private static void continueAll() {
    List<PausedJvm> all;
    synchronized (PAUSED) {
      all = new ArrayList<>(PAUSED);
    }
    all.forEach(PausedJvm::close);
  }

  /** Sends a signal to the processes still alive; false if it could not be sent. */
  private static boolean signal(String signal, List<ProcessHandle> processes) {
    List<String> cmd = new ArrayList<>(List.of("kill", signal, "--"));
    processes.stream().filter(ProcessHandle::isAlive).forEach(p -> cmd.add(Long.toString(p.pid())));
    if (cmd.size() == 3) {
      return false;
    }
    try {
      ShortCommand r = ShortCommand.run(cmd, SIGNAL_DEADLINE);
      if (!r.succeeded()) {
        // A process may have exited since: the others got the signal all the same.
        LOG.debug("kill {} answered {}: {}", signal, r.exitCode(), r.errors());
      }
      return !r.timedOut();
    } catch (IOException e) {
      LOG.warn("cannot send {} to performance JVMs: {}", signal, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      if (!signal.equals("-CONT")) {
        Thread.currentThread().interrupt();
        return false;
      }
      // Never leave a JVM stopped because we were interrupted: once more, then keep the flag.
      try {
        return !ShortCommand.run(cmd, SIGNAL_DEADLINE).timedOut();
      } catch (IOException | InterruptedException again) {
        LOG.warn("cannot continue performance JVMs {}: {}", cmd, again.toString());
        return false;
      } finally {
        Thread.currentThread().interrupt();
      }
    }
  }
}
