package io.pdslab.harness.cluster;

/**
 * Where a server of a run lives: its id, its host, and the first of its ports (it uses {@link
 * ClusterApp#portsPerNode()} consecutive ones).
 */
public record ServerAddress(String id, String host, int port) {

  /** The {@code k}-th port of this server, from 0. */
  public int port(int k) {
    return port + k;
  }

  @Override
  public String toString() {
    return id + "@" + host + ":" + port;
  }
}
