package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;

/**
 * One simulated node across its incarnations: its lifecycle (start, crash, restart, pause, resume),
 * its disk and timers, and the runtime of its current incarnation. A crash drops the runtime; a
 * restart builds a fresh one from the factory.
 */
final class SimNode {

  /** Where a node is in its lifecycle. */
  enum Status {
    NEW,
    UP,
    PAUSED,
    CRASHED
  }

  private final Kernel kernel;
  private final String id;
  private final NodeRuntimeFactory<?> factory;
  private final ContextFactory contexts;
  private final NodeStorage storage;
  private final NodeTimers timers;
  private Status status = Status.NEW;
  private int incarnation;
  private NodeRuntime runtime;

  /** Builds the environment of each incarnation (it needs the network, which nodes do not). */
  @FunctionalInterface
  interface ContextFactory {
    NodeContext<?> create(SimNode node, int incarnation);
  }

  SimNode(
      Kernel kernel,
      String id,
      NodeRuntimeFactory<?> factory,
      ContextFactory contexts,
      NodeStorage.Settings storageSettings) {
    this.kernel = kernel;
    this.id = id;
    this.factory = factory;
    this.contexts = contexts;
    this.storage = new NodeStorage(kernel, this, storageSettings);
    this.timers = new NodeTimers(kernel, this);
  }

  String id() {
    return id;
  }

  Status status() {
    return status;
  }

  NodeStorage storage() {
    return storage;
  }

  NodeTimers timers() {
    return timers;
  }

  NodeRuntime runtime() {
    return runtime;
  }

  /** Whether {@code incarnation} is this node's running (or paused) incarnation. */
  boolean isCurrent(int incarnation) {
    return this.incarnation == incarnation && status != Status.CRASHED;
  }

  /** Starts a new incarnation; {@code how} is {@code start} or {@code restart} in the trace. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void start(String how) {
    status = Status.UP;
    kernel.trace().record(TraceEvent.node(how, id));
    NodeContext ctx = contexts.create(this, incarnation);
    handle(
        how,
        () -> {
          runtime = ((NodeRuntimeFactory) factory).create(ctx);
          runtime.start();
        });
  }

  /** Drops the instance, its volatile state and timers; the disk stays. */
  void crash(boolean loseUnsyncedWrites) {
    if (status == Status.CRASHED) {
      return;
    }
    status = Status.CRASHED;
    runtime = null;
    timers.clear();
    incarnation++;
    int lost = storage.crash(loseUnsyncedWrites);
    kernel.trace().record(TraceEvent.node("crash", id));
    if (lost > 0) {
      kernel.trace().log(id, "crash lost " + lost + " unsynced storage write(s)");
    }
  }

  void restart() {
    if (status != Status.CRASHED) {
      throw new IllegalStateException("cannot restart " + id + ": it is not crashed");
    }
    start("restart");
  }

  void pause() {
    if (status == Status.UP) {
      status = Status.PAUSED;
      kernel.trace().record(TraceEvent.node("pause", id));
    }
  }

  void resume() {
    if (status != Status.PAUSED) {
      return;
    }
    status = Status.UP;
    kernel.trace().record(TraceEvent.node("resume", id));
    timers.fireHeld();
  }

  /** Why a message cannot be delivered now ({@code crashed}, {@code paused}), or null. */
  String refusal() {
    return switch (status) {
      case CRASHED -> "crashed";
      case PAUSED -> "paused";
      default -> null;
    };
  }

  void deliver(String from, Object message, String type) {
    handle(type, () -> runtime.deliver(from, message));
  }

  /** Runs a step of this node, turning its exceptions into a run failure. */
  void handle(String what, Runnable step) {
    int inc = incarnation;
    try {
      step.run();
    } catch (SimulationFailure e) {
      if (kernel.failures().failed()) {
        throw e;
      }
      throw kernel.failures().fail("node " + id + ": " + e.getMessage(), e.getCause());
    } catch (RuntimeException | LinkageError e) {
      throw kernel
          .failures()
          .fail(
              "node " + id + " (incarnation " + inc + ") threw " + e + " while handling " + what,
              e);
    }
  }
}
