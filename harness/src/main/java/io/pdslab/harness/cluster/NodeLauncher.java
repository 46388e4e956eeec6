package io.pdslab.harness.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts node JVMs: {@link LocalLauncher} on this machine, {@link SshLauncher} on others. */
interface NodeLauncher {

  /**
   * Starts {@code command} (a {@code java} command line) for a node on {@code host}, appending its
   * output to {@code log}.
   */
  NodeProcess start(String host, List<String> command, Path log) throws IOException;

  /** Sends {@code signal} ({@code KILL}, {@code STOP}, {@code CONT}) with the kill command. */
  static void signal(List<String> prefix, String signal, long pid)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(prefix);
    cmd.addAll(List.of("kill", "-" + signal, Long.toString(pid)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    p.waitFor();
  }
}
