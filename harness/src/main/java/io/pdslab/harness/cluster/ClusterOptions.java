package io.pdslab.harness.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options of one cluster run, checked once when built. The {@code pdslab cluster} command
 * builds them from its command line and hands them to the driver JVM as a JSON file ({@link
 * #write}, {@link #read}); tests build them with {@link #defaults} and the {@code with} methods.
 *
 * @param app the lab's {@link ClusterApp} class
 * @param nodes how many servers
 * @param clients how many closed-loop clients
 * @param durationSeconds seconds of workload
 * @param nemesis the faults to inject (empty: none)
 * @param seed seed of the fault schedule and the workload
 * @param out the output folder
 * @param hosts where the servers run, one {@code host} or {@code host:port} each (used round
 *     robin); empty: child processes on loopback
 * @param advertise the driver's address as the servers reach it; null: loopback, or this host's
 *     name with {@code hosts}
 * @param java the java command of the node JVMs; null: this JVM's
 * @param heap the node JVMs' maximum heap, e.g. {@code 256m}
 * @param ssh the ssh command and its options, before the host name; empty: {@code PDSLAB_SSH}, else
 *     ssh without prompts
 * @param fsync whether nodes force every write of stable storage to disk
 * @param settings the lab's own settings, passed to both halves of its app
 */
public record ClusterOptions(
    String app,
    int nodes,
    int clients,
    int durationSeconds,
    List<NemesisFault> nemesis,
    long seed,
    Path out,
    List<String> hosts,
    String advertise,
    String java,
    String heap,
    List<String> ssh,
    boolean fsync,
    Map<String, String> settings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks the options; a mistake is an {@link IllegalArgumentException} that says which. */
  public ClusterOptions {
    if (app == null || app.isBlank()) {
      throw new IllegalArgumentException("no cluster app given");
    }
    if (nodes < 1 || clients < 1 || durationSeconds < 1) {
      throw new IllegalArgumentException("--nodes, --clients and --duration must be at least 1");
    }
    nemesis = nemesis == null ? List.of() : List.copyOf(nemesis);
    if (!nemesis.isEmpty() && nodes < 3) {
      throw new IllegalArgumentException("a nemesis needs at least 3 nodes to keep a majority");
    }
    if (out == null) {
      throw new IllegalArgumentException("no output folder given");
    }
    out = out.toAbsolutePath();
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    hosts.forEach(Hosts::parse);
    heap = heap == null ? "256m" : heap;
    ssh = ssh == null ? List.of() : List.copyOf(ssh);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** Five nodes, three clients, 30 s, every fault, seed 1, loopback. */
  public static ClusterOptions defaults(String app, Path out) {
    return new ClusterOptions(
        app,
        5,
        3,
        30,
        List.of(NemesisFault.values()),
        1,
        out,
        List.of(),
        null,
        null,
        null,
        List.of(),
        false,
        Map.of());
  }

  /** These options with {@code nodes} servers and {@code clients} clients. */
  public ClusterOptions withSize(int nodes, int clients) {
    return new ClusterOptions(
        app,
        nodes,
        clients,
        durationSeconds,
        nemesis,
        seed,
        out,
        hosts,
        advertise,
        java,
        heap,
        ssh,
        fsync,
        settings);
  }

  /** These options with another duration, nemesis and seed. */
  public ClusterOptions withRun(int durationSeconds, List<NemesisFault> nemesis, long seed) {
    return new ClusterOptions(
        app,
        nodes,
        clients,
        durationSeconds,
        nemesis,
        seed,
        out,
        hosts,
        advertise,
        java,
        heap,
        ssh,
        fsync,
        settings);
  }

  /** These options with servers on {@code hosts}, reached over {@code ssh}. */
  public ClusterOptions withHosts(List<String> hosts, String advertise, List<String> ssh) {
    return new ClusterOptions(
        app,
        nodes,
        clients,
        durationSeconds,
        nemesis,
        seed,
        out,
        hosts,
        advertise,
        java,
        heap,
        ssh,
        fsync,
        settings);
  }

  /** These options with the lab's own settings. */
  public ClusterOptions withSettings(Map<String, String> settings) {
    return new ClusterOptions(
        app,
        nodes,
        clients,
        durationSeconds,
        nemesis,
        seed,
        out,
        hosts,
        advertise,
        java,
        heap,
        ssh,
        fsync,
        settings);
  }

  /** Whether the servers run on other hosts (over ssh) rather than as children on loopback. */
  public boolean remote() {
    return !hosts.isEmpty();
  }

  /** Writes these options as JSON. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }

  /** Reads options written by {@link #write}; they are checked again. */
  public static ClusterOptions read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ClusterOptions.class);
  }
}
