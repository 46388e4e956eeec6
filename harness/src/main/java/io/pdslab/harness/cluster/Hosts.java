package io.pdslab.harness.cluster;

import io.pdslab.harness.process.ShortCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machines of a run on more than one host: from a hosts file, or from the Slurm allocation the
 * run is in. A host is {@code name} or {@code name:port}; nodes are placed on them round robin.
 */
public final class Hosts {
  /** The first port of a node given without one: 25521, plus its number times its ports. */
  static final int DEFAULT_PORT = 25521;

  /** The variable Slurm sets to the allocation's nodes (compressed, e.g. {@code n[01-04]}). */
  public static final String SLURM_NODELIST = "SLURM_JOB_NODELIST";

  private Hosts() {}

  /** A host entry: its name, and its first port if the entry gave one. */
  record Entry(String host, Integer port) {}

  /** Parses {@code host} or {@code host:port}; a bad one is an IllegalArgumentException. */
  static Entry parse(String line) {
    String s = line.trim();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? s : s.substring(0, colon);
    Integer port = null;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in '" + line + "'");
      }
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected host or host:port, got '" + line + "'");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("bad port in '" + line + "'");
    }
    return new Entry(host, port);
  }

  /** The host name of an entry ({@code host} or {@code host:port}). */
  public static String hostName(String entry) {
    return parse(entry).host();
  }

  /** The hosts of a file: one per line; {@code #} comments and blank lines are skipped. */
  public static List<String> readFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("hosts file " + file + " not found");
    }
    List<String> hosts =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(l -> l.replaceAll("#.*", "").trim())
            .filter(l -> !l.isEmpty())
            .toList();
    for (String h : hosts) {
      try {
        parse(h);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("hosts file " + file + " lists no host");
    }
    return hosts;
  }

  /**
   * The hosts of the Slurm allocation this process runs in ({@code scontrol show hostnames
   * $SLURM_JOB_NODELIST}, the first {@code scontrol} on the PATH), or empty outside Slurm.
   */
  public static Optional<List<String>> fromSlurm(Map<String, String> env) throws IOException {
    return fromSlurm(env, List.of("scontrol", "show", "hostnames"));
  }

  /** As {@link #fromSlurm(Map)}, with another command that expands a node list. */
  static Optional<List<String>> fromSlurm(Map<String, String> env, List<String> expand)
      throws IOException {
    String nodeList = env.get(SLURM_NODELIST);
    if (nodeList == null || nodeList.isBlank()) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>(expand);
    cmd.add(nodeList);
    ShortCommand expanded;
    try {
      expanded = ShortCommand.run(cmd, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking scontrol for the hosts", e);
    }
    if (!expanded.succeeded()) {
      throw new IOException(
          String.join(" ", cmd)
              + (expanded.timedOut() ? " did not answer within 30 s" : " failed")
              + (expanded.errors().isEmpty() ? "" : ": " + expanded.errors()));
    }
    List<String> hosts = new ArrayList<>();
    String out = expanded.output();
    for (String line : out.split("\\R")) {
      if (!line.isBlank()) {
        parse(line);
        hosts.add(line.trim());
      }
    }
    if (hosts.isEmpty()) {
      throw new IOException("scontrol listed no host for " + nodeList);
    }
    return Optional.of(List.copyOf(hosts));
  }

  /**
   * Places {@code n} servers {@code n0..} on {@code hosts} round robin. A server's first port is
   * its host entry's port, or {@link #DEFAULT_PORT}, plus room for the servers placed on that entry
   * before it ({@code portsPerNode} each).
   */
  static List<ServerAddress> place(List<String> hosts, int n, int portsPerNode) {
    List<ServerAddress> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry e = parse(hosts.get(i % hosts.size()));
      int base = e.port() != null ? e.port() + (i / hosts.size()) * portsPerNode : DEFAULT_PORT;
      int port = e.port() != null ? base : base + i * portsPerNode;
      out.add(new ServerAddress("n" + i, e.host(), port));
    }
    return out;
  }
}
