package io.pdslab.harness.cluster;

import java.util.List;
import java.util.Map;

/**
 * What the driver's half of an app is told.
 *
 * @param servers every server of the run, in id order
 * @param driver the driver's own address as the nodes reach it, with one free port
 * @param seed the run's seed
 * @param settings the lab's own settings ({@code --set key=value})
 */
public record DriverSpec(
    List<ServerAddress> servers, ServerAddress driver, long seed, Map<String, String> settings) {

  public DriverSpec {
    servers = List.copyOf(servers);
    settings = Map.copyOf(settings);
  }

  /** The servers' ids, in order. */
  public List<String> serverIds() {
    return servers.stream().map(ServerAddress::id).toList();
  }
}
