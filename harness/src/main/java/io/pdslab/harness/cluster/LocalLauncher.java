package io.pdslab.harness.cluster;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;

/** Starts node JVMs as child processes of this one; signals go through {@code kill}. */
final class LocalLauncher implements NodeLauncher {

  @Override
  public NodeProcess start(String host, List<String> command, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()))
            .start();
    return new NodeProcess() {
      @Override
      public boolean isAlive() {
        return process.isAlive();
      }

      @Override
      public int exitCode() throws InterruptedException {
        return process.waitFor();
      }

      @Override
      public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Unix
        process.waitFor();
      }

      @Override
      public void pause() throws IOException, InterruptedException {
        NodeLauncher.signal(List.of(), "STOP", process.pid());
      }

      @Override
      public void resume() throws IOException, InterruptedException {
        NodeLauncher.signal(List.of(), "CONT", process.pid());
      }
    };
  }
}
