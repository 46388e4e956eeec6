package io.pdslab.harness.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts node JVMs on other machines over SSH. The remote shell prints its process id and then
 * {@code exec}s the JVM, so the JVM keeps that id and the nemesis can signal it with {@code ssh
 * host kill -STOP pid}. The remote machines need the same classpath at the same paths (a shared
 * folder, or the project copied to the same place) and key-based login ({@code BatchMode}: no
 * prompts).
 */
final class SshLauncher implements NodeLauncher {
  private final List<String> ssh;

  /**
   * @param ssh the ssh command and its options, before the host name
   */
  SshLauncher(List<String> ssh) {
    this.ssh = List.copyOf(ssh);
  }

  @Override
  public NodeProcess start(String host, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(ssh);
    cmd.add(host);
    cmd.add("echo " + NodeOutput.PID_MARK + "$$; exec " + RemoteShell.quote(command));
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    NodeOutput output = new NodeOutput(process.getInputStream(), log, host);
    long remotePid;
    try {
      remotePid = output.pid().get(30, TimeUnit.SECONDS);
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
    return new NodeProcess(process, onHost, remotePid, output);
  }
}
