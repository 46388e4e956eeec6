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
}
