package io.pdslab.harness.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a node JVM is told, built by the driver and passed to {@link ClusterNodeMain} as one
 * JSON argument (through ssh too).
 *
 * @param app the {@link ClusterApp} class
 * @param self this server's address
 * @param servers every server of the run (this one included), in id order
 * @param driver the driver's address
 * @param data this node's data folder (kept across restarts)
 * @param seed the run's seed; the node's own stream derives from it, its id and incarnation
 * @param incarnation 0 at the first start, one more after each restart
 * @param fsync whether stable storage forces every write to disk
 * @param settings the lab's own settings ({@code --set key=value})
 */
public record NodeSpec(
    String app,
    ServerAddress self,
    List<ServerAddress> servers,
    ServerAddress driver,
    Path data,
    long seed,
    int incarnation,
    boolean fsync,
    Map<String, String> settings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every field but the numbers is required: a spec without one names no node to run. */
  public NodeSpec {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(servers, "servers");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(settings, "settings");
    servers = List.copyOf(servers);
    settings = Map.copyOf(settings);
  }

  /** This node's id. */
  public String id() {
    return self.id();
  }

  /** The servers' ids, in order. */
  public List<String> serverIds() {
    return servers.stream().map(ServerAddress::id).toList();
  }

  /** This spec as one line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a node spec", e);
    }
  }

  /** Reads a spec written by {@link #toJson}. */
  public static NodeSpec fromJson(String json) {
    try {
      return JSON.readValue(json, NodeSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a node spec: " + e.getOriginalMessage(), e);
    }
  }
}
