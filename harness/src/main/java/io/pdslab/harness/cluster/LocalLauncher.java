package io.pdslab.harness.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts node JVMs as child processes of this one. */
final class LocalLauncher implements NodeLauncher {

  @Override
  public NodeProcess start(String host, List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    NodeOutput output = new NodeOutput(process.getInputStream(), log, host);
    return new NodeProcess(process, List.of(), process.pid(), output);
  }
}
