package io.pdslab.harness.cluster;

import java.io.IOException;

/** A running node JVM, on this machine or another, that the nemesis can kill and pause. */
interface NodeProcess {

  /** Whether the JVM still runs (a paused one does). */
  boolean isAlive();

  /** The JVM's exit code once it ended. */
  int exitCode() throws InterruptedException;

  /** SIGKILL: the JVM dies at once, without running shutdown hooks. */
  void kill() throws IOException, InterruptedException;

  /** SIGSTOP: the JVM freezes, its sockets stay open. */
  void pause() throws IOException, InterruptedException;

  /** SIGCONT: a paused JVM resumes. */
  void resume() throws IOException, InterruptedException;
}
