package io.pdslab.harness.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Commands run on another host over ssh: the command line of {@code ssh host 'cmd'} with every word
 * quoted for the remote shell. The ssh command is {@code PDSLAB_SSH} split on spaces, else ssh
 * without prompts ({@code BatchMode}: key-based login).
 */
public final class RemoteShell {
  private RemoteShell() {}

  /** The ssh command and its options, before the host name. */
  public static List<String> defaultSsh() {
    String env = System.getenv("PDSLAB_SSH");
    if (env != null && !env.isBlank()) {
      return List.of(env.trim().split("\\s+"));
    }
    return List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10");
  }

  /** {@code ssh} (its command and options), then {@code host}, then {@code command} quoted. */
  public static List<String> onHost(List<String> ssh, String host, List<String> command) {
    List<String> cmd = new ArrayList<>(ssh);
    cmd.add(host);
    cmd.add(quote(command));
    return cmd;
  }

  /** The command as one POSIX shell line, every word single-quoted. */
  public static String quote(List<String> words) {
    return words.stream()
        .map(w -> "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
