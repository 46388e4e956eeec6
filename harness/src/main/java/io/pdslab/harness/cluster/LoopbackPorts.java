package io.pdslab.harness.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the ports of the servers of a run on loopback (and of tests that name them in hosts). A
 * server binds its exact ports again when it is restarted, so they must stay free while it is down:
 * they are taken below the kernel's ephemeral range, where no outgoing connection of any process is
 * given a local port (and none connects to itself, as one to a closed port in that range may). A
 * port found there in use by another program is skipped.
 */
public final class LoopbackPorts {
  /** Linux's ephemeral range; other systems use 49152-65535 (IANA), also read as the default. */
  private static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private static final int IANA_EPHEMERAL_LOW = 49152;

  /** The lowest port chosen: above the well-known and most registered services. */
  private static final int LOWEST = 10_000;

  private final int low;
  private final int high;
  private final Random random;

  private LoopbackPorts(int low, int high, Random random) {
    this.low = low;
    this.high = high;
    this.random = random;
  }

  /**
   * Ports below this machine's ephemeral range. The choice is random, not from the run's seed:
   * concurrent runs (two builds' tests with the same seed) must not pick the same ports.
   */
  public static LoopbackPorts belowEphemeralRange() {
    int ephemeralLow = ephemeralLow();
    int low = Math.max(1_024, Math.min(LOWEST, ephemeralLow - 5_000));
    if (ephemeralLow - low < 1_000) {
      // An ephemeral range that starts near 1024 leaves no room below it: the ports above are
      // the only ones, with the risk described above.
      return new LoopbackPorts(LOWEST, 65_536, new Random());
    }
    return new LoopbackPorts(low, ephemeralLow, new Random());
  }

  /**
   * The first ports of {@code n} blocks of {@code count} consecutive free ports, no two blocks
   * sharing a port.
   */
  public List<Integer> blocks(int n, int count) throws IOException {
    Set<Integer> taken = new HashSet<>();
    List<Integer> firsts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int first = consecutive(count, taken);
      for (int k = 0; k < count; k++) {
        taken.add(first + k);
      }
      firsts.add(first);
    }
    return firsts;
  }

  /**
   * The first of {@code count} consecutive ports, free on loopback and on every address now, none
   * of {@code taken}.
   */
  public int consecutive(int count, Set<Integer> taken) throws IOException {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int first = low + random.nextInt(high - low - count);
      boolean free = true;
      for (int k = 0; k < count && free; k++) {
        free = !taken.contains(first + k) && isFree(first + k);
      }
      if (free) {
        return first;
      }
    }
    throw new IOException(
        "found no " + count + " consecutive free ports on loopback in " + low + "-" + high);
  }

  /** The lowest port of the ephemeral range, where the kernel picks ports for connections. */
  static int ephemeralLow() {
    try {
      // Line by line: Files.readString trusts the size a /proc file reports, and reads one byte.
      String[] range =
          Files.readAllLines(LINUX_RANGE, StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return IANA_EPHEMERAL_LOW; // not Linux, or unreadable
    }
  }

  /**
   * Whether {@code port} can be bound on the wildcard address (so on loopback too) by a server that
   * sets {@code SO_REUSEADDR}, as the JDK's and Netty's server sockets do by default on Linux.
   *
   * <p>On Linux a connection in TIME_WAIT on the port stops such a bind only if its own socket did
   * not set {@code SO_REUSEADDR} (both sockets must): the connections a restarted node's previous
   * server accepted inherit the flag from it, so they do not block the restart, while one that
   * another program bound to the port without the flag does, and this probe then says the port is
   * taken (checked with a listener, an accepted and an outgoing socket, on Linux 6.18, Java 17).
   */
  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress((InetAddress) null, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
