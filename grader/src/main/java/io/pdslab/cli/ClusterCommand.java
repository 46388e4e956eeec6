package io.pdslab.cli;

import io.pdslab.grader.build.LabBuild;
import io.pdslab.grader.manifest.LabManifest;
import io.pdslab.grader.manifest.ManifestLoader;
import io.pdslab.harness.cluster.ClusterOptions;
import io.pdslab.harness.cluster.Hosts;
import io.pdslab.harness.cluster.NemesisFault;
import io.pdslab.harness.testrun.PdslabProperties;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pdslab cluster <lab>}: the lab's servers as real JVMs (on Pekko, JGroups, ... as the lab's
 * cluster app says), under a client workload and process faults, with the history checked for
 * linearizability. This command parses the options once into the harness's {@link ClusterOptions},
 * builds the lab, and hands the options as a JSON file to the harness's {@code ClusterRun} in a JVM
 * on the lab's classpath.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Run a lab's servers as real JVMs (one per server) under a client workload and process"
          + " faults, then check the clients' history for linearizability.",
      "Inside a Slurm allocation (SLURM_JOB_NODELIST set) the servers run on its hosts, as with"
          + " --hosts.",
      "Writes history.json, report.txt, events.txt and logs/ to the output folder."
    })
final class ClusterCommand implements Callable<Integer> {
  private static final String RUN_CLASS = "io.pdslab.harness.cluster.ClusterRun";

  @Parameters(paramLabel = "LAB", description = "The lab, e.g. raft.")
  String lab;

  @Option(
      names = "--nodes",
      defaultValue = "5",
      description = "Servers (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--clients",
      defaultValue = "3",
      description = "Closed-loop clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--duration",
      defaultValue = "30",
      paramLabel = "S",
      description = "Seconds of workload (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--nemesis",
      defaultValue = "kill,pause,partition",
      description =
          "Faults, comma-separated: kill (SIGKILL, then restart from disk), pause (SIGSTOP, then"
              + " SIGCONT), partition (a minority of the servers cut off from the rest for 1-4 s);"
              + " or none (default ${DEFAULT-VALUE}).")
  String nemesis;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the fault schedule and the workload (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default labs/<lab>/target/cluster).")
  Path out;

  @Option(
      names = "--hosts",
      paramLabel = "FILE",
      description =
          "Run the servers on other machines over SSH: one 'host' or 'host:port' per line, used"
              + " round robin. The project must be at the same path on every host; PDSLAB_SSH"
              + " overrides the ssh command. Default inside Slurm: the allocation's hosts"
              + " (scontrol show hostnames $SLURM_JOB_NODELIST).")
  Path hosts;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A setting of the lab's cluster app, e.g. --set replica=primary-backup (see the lab's"
              + " README).")
  Map<String, String> settings = new TreeMap<>();

  @Option(
      names = "--advertise",
      paramLabel = "HOST",
      description = "This machine's address as the servers reach it (with --hosts).")
  String advertise;

  @Option(
      names = "--fsync",
      description = "Force every write of stable storage to disk (survives power loss).")
  boolean fsync;

  @Override
  public Integer call() {
    LabManifest m = ManifestLoader.load(Pdslab.root(), lab);
    if (m.cluster() == null) {
      throw new UserError("lab " + lab + " has no cluster mode (no \"cluster\" in its lab.json)");
    }
    ClusterOptions options = options(m.cluster(), Pdslab.root().resolve("labs").resolve(lab));
    LabBuild build = LabBuild.build(Pdslab.root(), lab);
    Path file = options.out().resolve("options.json");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlogback.configurationFile=io/pdslab/harness/cluster/logback-cluster.xml",
            "-D" + PdslabProperties.ROOT_LEVEL + "=WARN",
            "-D" + PdslabProperties.PEKKO_LEVEL + "=ERROR",
            "-cp",
            build.mainClasspath().stream()
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)),
            RUN_CLASS,
            file.toString()));
    try {
      options.write(file);
      return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the cluster run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Pdslab.FAILED;
    }
  }

  /** The run's options, checked before anything is built or started. */
  private ClusterOptions options(String app, Path labDir) {
    try {
      List<String> hostList =
          hosts != null
              ? Hosts.readFile(hosts.toAbsolutePath())
              : Hosts.fromSlurm(System.getenv()).orElse(List.of());
      return new ClusterOptions(
          app,
          nodes,
          clients,
          duration,
          NemesisFault.parse(nemesis),
          seed,
          out != null ? out.toAbsolutePath() : labDir.resolve("target/cluster"),
          hostList,
          advertise,
          null,
          null,
          List.of(),
          fsync,
          settings);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read the hosts: " + e.getMessage());
    }
  }
}
