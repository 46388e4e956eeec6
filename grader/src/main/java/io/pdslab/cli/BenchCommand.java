package io.pdslab.cli;

import io.pdslab.grader.bench.BenchJar;
import io.pdslab.grader.bench.BenchPage;
import io.pdslab.grader.bench.BenchPlot;
import io.pdslab.grader.bench.BenchResult;
import io.pdslab.grader.bench.HardwareLimits;
import io.pdslab.grader.bench.HostRuns;
import io.pdslab.grader.bench.HumanUnit;
import io.pdslab.grader.bench.JmhJson;
import io.pdslab.grader.bench.MachineInfo;
import io.pdslab.grader.bench.RoundRatios;
import io.pdslab.harness.cluster.Hosts;
import io.pdslab.harness.cluster.RemoteShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdslab bench SUITE}: runs the JMH benchmarks of package {@code io.pdslab.bench.SUITE} from
 * {@code benchmarks/target/benchmarks.jar} in a child JVM, once per thread count, and writes the
 * merged JMH JSON plus a self-contained HTML plot. A suite is just a package: adding one needs no
 * change here. Benchmark methods are named after the implementation they measure ({@code
 * reference}, {@code jdk}, ...), which is what {@code --impl} selects. {@code pdslab bench
 * calibrate} measures the machine's limits instead (see {@link HardwareLimits}), which the
 * concurrent suite also measures in the same run to show each throughput as a fraction of them.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a JMH benchmark suite over a thread sweep; write JMH JSON and an HTML plot.",
      "Example: pdslab bench concurrent --threads 1,2,4 --impl reference,jdk",
      "         pdslab bench calibrate   (this machine's CAS and cache-line hand-off)"
    })
final class BenchCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /**
   * JMH run lengths. A run is made of rounds, each running every benchmark of the suite once (one
   * fork): the implementations compared take turns, so a change in the machine's load, or in the
   * cores a hypervisor gives, falls on both sides rather than on whichever ran last.
   */
  enum Settings {
    /** A quick look (grading, CI): 1 round, 1 × 1 s warm-up, 3 × 1 s measurement. */
    SHORT(1, "-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s"),
    /** Numbers worth quoting: 4 rounds, each 4 × 1 s warm-up, 5 × 1 s measurement. */
    LONG(4, "-f", "1", "-wi", "4", "-w", "1s", "-i", "5", "-r", "1s");

    final int rounds;
    final List<String> jmhArgs;

    Settings(int rounds, String... jmhArgs) {
      this.rounds = rounds;
      this.jmhArgs = List.of(jmhArgs);
    }
  }

  @Parameters(
      index = "0",
      paramLabel = "SUITE",
      description = "Suite (package under io.pdslab.bench), e.g. concurrent.")
  String suite;

  @Option(
      names = "--threads",
      split = ",",
      paramLabel = "N",
      description = "Thread counts to sweep (default: 1,2,4).")
  List<Integer> threads = new ArrayList<>(List.of(1, 2, 4));

  @Option(
      names = "--impl",
      split = ",",
      paramLabel = "NAME",
      description =
          "Implementations (benchmark method names) to run, e.g. reference,jdk (default: all).")
  List<String> impls = new ArrayList<>();

  @Option(
      names = "--settings",
      paramLabel = "short|long",
      description =
          "Run lengths: SHORT (default, ~4 s per configuration) or LONG (4 rounds of ~10 s, the"
              + " implementations taking turns; ratios to the JDK are the median over the rounds).",
      converter = SettingsConverter.class)
  Settings settings = Settings.SHORT;

  @Option(
      names = "--prof",
      split = ",",
      paramLabel = "NAME",
      description = "JMH profilers, e.g. gc (bytes allocated per operation).")
  List<String> profilers = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: target/bench/SUITE under the project root).")
  Path out;

  @Option(
      names = "--jar",
      paramLabel = "JAR",
      description =
          "Benchmarks jar (default: benchmarks/target/benchmarks.jar, built when missing or"
              + " older than its sources or the labs' code).")
  Path jar;

  @Option(
      names = "--hosts",
      paramLabel = "FILE",
      description =
          "Run the suite once on each host over SSH (one 'host' per line), each run tagged with"
              + " its host (params.host), merged into one JSON and one plot. The project must be at"
              + " the same path on every host, on a shared folder. Default inside a Slurm"
              + " allocation: its hosts (scontrol show hostnames $SLURM_JOB_NODELIST). The limits of"
              + " --calibrate are measured only in a run on this machine.")
  Path hosts;

  @Option(
      names = "--ignore-lock",
      description =
          "Run even if another JMH run holds /tmp/jmh.lock (its load will skew both results).")
  boolean ignoreLock;

  @Option(
      names = "--calibrate",
      negatable = true,
      description =
          "Also measure this machine's limits (uncontended CAS, cache-line hand-off) in the same"
              + " run and show each throughput as a fraction of them (default: on for the"
              + " concurrent suite). The suite 'calibrate' measures only the limits.")
  Boolean calibrate;

  @Spec CommandSpec spec;

  /** The result files of each round run on this machine. */
  private final List<List<Path>> rounds = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    validate();
    Path root = Pdslab.root();
    Path benchJar = jar != null ? jar : root.resolve(BenchJar.PATH);
    if (jar != null) {
      if (!Files.isRegularFile(jar)) {
        throw new UserError("no benchmarks jar at " + jar);
      }
    } else {
      Optional<String> staleness = BenchJar.staleness(root);
      if (staleness.isPresent()) {
        buildJar(root, staleness.get(), err);
      }
    }
    Path dir = out != null ? out : root.resolve("target/bench").resolve(suite);
    Files.createDirectories(dir);
    MachineInfo machine = MachineInfo.now();
    List<String> hostNames = hostNames();
    List<Path> parts =
        hostNames.isEmpty() ? here(benchJar, dir, err) : acrossHosts(hostNames, benchJar, dir, err);
    if (parts == null) {
      return Pdslab.FAILED;
    }
    machine = machine.ended();
    Path merged = dir.resolve("jmh.json");
    JmhJson.merge(parts, merged);
    machine.write(dir.resolve("machine.json"));
    List<BenchResult> results = JmhJson.read(merged);
    if (results.isEmpty()) {
      throw new UserError(
          "no benchmark matched suite '"
              + suite
              + "'"
              + (impls.isEmpty() ? "" : " and --impl " + impls));
    }
    Optional<HardwareLimits> limits = HardwareLimits.find(results);
    List<List<BenchResult>> perRound = roundResults();
    List<Double> handoffs = handoffNanos(perRound);
    List<String> warnings = HardwareLimits.driftWarning(handoffs).stream().toList();
    List<RoundRatios.Ratio> ratios = RoundRatios.of(perRound);
    Path html = dir.resolve("report.html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      BenchPlot.render(
          new BenchPage(
              "pdslab bench " + suite + " (" + settings.name().toLowerCase(Locale.ROOT) + ")",
              results,
              Optional.of(machine),
              limits,
              "pdslab bench " + suite + " --settings long",
              warnings,
              ratios),
          w);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("machine: " + machine.describe());
    limits.ifPresent(l -> summarize(results, l, stdout));
    if (!handoffs.isEmpty()) {
      stdout.println(
          "cache-line hand-off in each round (ns): "
              + String.join(
                  ", ",
                  handoffs.stream().map(n -> String.format(Locale.ROOT, "%.1f", n)).toList()));
    }
    warnings.forEach(stdout::println);
    printRatios(ratios, perRound.size(), stdout);
    stdout.println("wrote " + merged + " and " + html);
    if (LatencyRun.present(benchJar, suite)) {
      Path latency = LatencyRun.run(benchJar, suite, settings == Settings.SHORT, merged, dir, err);
      if (latency == null) {
        return Pdslab.FAILED;
      }
      stdout.println("wrote " + latency);
    }
    return Pdslab.OK;
  }

  /**
   * The limits (when asked) and the thread sweep on this machine, in that order and under the same
   * load, once per round; each round's result files go to {@link #rounds}. Null if JMH failed.
   */
  private List<Path> here(Path benchJar, Path dir, PrintWriter err)
      throws IOException, InterruptedException {
    List<Path> parts = new ArrayList<>();
    boolean calibrating = suite.equals(HardwareLimits.SUITE);
    for (int round = 1; round <= settings.rounds; round++) {
      List<Path> roundParts = new ArrayList<>();
      String suffix = settings.rounds == 1 ? "" : "-round-" + round;
      if (calibrating || withLimits()) {
        for (HardwareLimits.Run run : HardwareLimits.runs()) {
          Path json = dir.resolve("jmh-calibrate-" + run.threads() + suffix + ".json");
          if (!runJmh(benchJar, run.include(), run.threads(), json, err)) {
            return null;
          }
          roundParts.add(json);
        }
      }
      if (!calibrating) {
        for (int t : threads) {
          Path json = dir.resolve("jmh-threads-" + t + suffix + ".json");
          if (!runJmh(benchJar, includeRegex(), t, json, err)) {
            return null;
          }
          roundParts.add(json);
        }
      }
      rounds.add(roundParts);
      parts.addAll(roundParts);
    }
    return parts;
  }

  /** Whether to measure the machine's limits beside the suite (by default: the concurrent one). */
  private boolean withLimits() {
    return calibrate != null ? calibrate : suite.equals("concurrent");
  }

  /** One line per result: its throughput and its fraction of the machine's limit. */
  private static void summarize(List<BenchResult> results, HardwareLimits l, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "limits: uncontended CAS %.1f M ops/s (%.1f ns); cache-line hand-off %.1f M/s (%.1f ns)%n",
        HumanUnit.of(l.cas().unit()).toHuman(l.cas().score()),
        BenchPlot.nanosEach(l.cas()),
        HumanUnit.of(l.handoff().unit()).toHuman(l.handoff().score()),
        BenchPlot.nanosEach(l.handoff()));
    for (BenchResult r : results) {
      if (HardwareLimits.isLimit(r)) {
        continue;
      }
      HumanUnit u = HumanUnit.of(r.unit());
      out.printf(
          Locale.ROOT,
          "%-14s %-28s %2d thr %10.3f ± %.3f %s  %.3f of the %s limit%n",
          r.group(),
          r.series(),
          r.threads(),
          u.toHuman(r.score()),
          u.toHuman(r.error()),
          u.label(),
          l.fraction(r),
          r.threads() <= 1 ? "CAS" : "hand-off");
    }
  }

  /** The results of each round run on this machine, in round order. */
  private List<List<BenchResult>> roundResults() {
    List<List<BenchResult>> perRound = new ArrayList<>();
    for (List<Path> round : rounds) {
      List<BenchResult> results = new ArrayList<>();
      round.forEach(part -> results.addAll(JmhJson.read(part)));
      perRound.add(results);
    }
    return perRound;
  }

  /**
   * The cache-line hand-off time measured in each round, when there are several (else empty): it
   * depends on which cores the two threads get, which can change within a run on a virtual machine.
   */
  private static List<Double> handoffNanos(List<List<BenchResult>> perRound) {
    List<Double> nanos = new ArrayList<>();
    if (perRound.size() >= 2) {
      for (List<BenchResult> round : perRound) {
        HardwareLimits.find(round).ifPresent(l -> nanos.add(BenchPlot.nanosEach(l.handoff())));
      }
    }
    return nanos;
  }

  /** Each implementation's median ratio to its JDK peer over the rounds, and their range. */
  private static void printRatios(List<RoundRatios.Ratio> ratios, int rounds, PrintWriter out) {
    if (ratios.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "ratio to the JDK's implementation (%s), median over %d round(s) [lowest, highest]:%n",
        RoundRatios.PEER,
        rounds);
    for (RoundRatios.Ratio r : ratios) {
      out.printf(
          Locale.ROOT,
          "%-14s %-28s %2d thr %6.2f  [%.2f, %.2f]%n",
          r.group(),
          r.series(),
          r.threads(),
          r.median(),
          r.min(),
          r.max());
    }
  }

  private boolean runJmh(Path benchJar, String include, int t, Path json, PrintWriter err)
      throws IOException, InterruptedException {
    Files.deleteIfExists(json);
    List<String> cmd = jmhCommand(benchJar, include, t, json);
    err.println("pdslab bench: " + suite + ", " + t + " thread(s): " + String.join(" ", cmd));
    err.flush();
    int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (code != 0 || !Files.isRegularFile(json)) {
      err.println("pdslab bench: JMH failed (exit " + code + ") for " + t + " thread(s)");
      return false;
    }
    return true;
  }

  /**
   * The thread sweep on every host at once (one JMH at a time per host, round after round), over
   * ssh; each host's results are tagged with it, its output goes to {@code jmh-HOST.log}. Null if
   * any run failed.
   */
  private List<Path> acrossHosts(List<String> hostNames, Path benchJar, Path dir, PrintWriter err)
      throws InterruptedException {
    List<Path> parts = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> runs = new ArrayList<>();
    for (String host : hostNames) {
      String tag = host.replaceAll("[^\\w.\\-]", "_");
      Path log = dir.resolve("jmh-" + tag + ".log");
      Thread run =
          new Thread(
              () -> {
                try {
                  Files.deleteIfExists(log);
                  for (int round = 1; round <= settings.rounds; round++) {
                    for (int t : threads) {
                      String suffix = settings.rounds == 1 ? "" : "-round-" + round;
                      Path json =
                          dir.resolve("jmh-" + tag + "-threads-" + t + suffix + ".json")
                              .toAbsolutePath();
                      Files.deleteIfExists(json);
                      List<String> cmd =
                          RemoteShell.onHost(
                              RemoteShell.defaultSsh(),
                              host,
                              jmhCommand(benchJar, includeRegex(), t, json));
                      int code =
                          new ProcessBuilder(cmd)
                              .redirectErrorStream(true)
                              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                              .start()
                              .waitFor();
                      if (code != 0 || !Files.isRegularFile(json)) {
                        failed.add(
                            host + " (" + t + " threads, exit " + code + ", see " + log + ")");
                        return;
                      }
                      HostRuns.tag(json, host);
                      parts.add(json);
                    }
                  }
                } catch (IOException | RuntimeException e) {
                  failed.add(host + ": " + e.getMessage());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  failed.add(host + ": interrupted");
                }
              },
              "bench-" + host);
      err.println("pdslab bench: " + suite + " on " + host + ", threads " + threads + ": " + log);
      runs.add(run);
      run.start();
    }
    err.flush();
    for (Thread run : runs) {
      run.join();
    }
    if (!failed.isEmpty()) {
      err.println("pdslab bench: JMH failed on " + String.join("; ", failed));
      return null;
    }
    List<Path> sorted = new ArrayList<>(parts);
    sorted.sort(null);
    return sorted;
  }

  /** The hosts to run on: {@code --hosts}, else the Slurm allocation's, else none (here). */
  private List<String> hostNames() throws IOException {
    try {
      List<String> entries =
          hosts != null
              ? Hosts.readFile(hosts.toAbsolutePath())
              : Hosts.fromSlurm(System.getenv()).orElse(List.of());
      return entries.stream().map(Hosts::hostName).distinct().toList();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * One JMH run of the benchmarks matching {@code include} at {@code t} threads, its JSON written
   * to {@code json}.
   */
  private List<String> jmhCommand(Path benchJar, String include, int t, Path json) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (ignoreLock) {
      cmd.add("-Djmh.ignoreLock=true");
    }
    cmd.add("-jar");
    cmd.add(benchJar.toAbsolutePath().toString());
    cmd.add(include);
    cmd.addAll(settings.jmhArgs);
    profilers.forEach(p -> cmd.addAll(List.of("-prof", p)));
    cmd.addAll(List.of("-t", Integer.toString(t), "-rf", "json", "-rff", json.toString()));
    return cmd;
  }

  /** Rejects bad input with one clear line. */
  void validate() {
    if (!NAME.matcher(suite).matches()) {
      throw new UserError(
          "suite must be a lower-case package name such as 'concurrent', got '" + suite + "'");
    }
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t == null || t < 1 || t > 1024)) {
      throw new UserError("--threads must be a list of counts between 1 and 1024, got " + threads);
    }
    for (String impl : impls) {
      if (!impl.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new UserError("--impl names are benchmark method names, got '" + impl + "'");
      }
    }
  }

  /** JMH include regex: every benchmark of the suite, or only the selected methods. */
  String includeRegex() {
    String methods = impls.isEmpty() ? "[^.]+" : "(" + String.join("|", impls) + ")";
    return "^io\\.pdslab\\.bench\\." + suite + "\\.[^.]+\\." + methods + "$";
  }

  private static void buildJar(Path root, String why, PrintWriter err)
      throws IOException, InterruptedException {
    err.println("pdslab bench: building " + BenchJar.PATH + " (" + why + ") ...");
    err.flush();
    Path log = root.resolve("target/bench-build.log");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(
                root.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-f",
                root.resolve("pom.xml").toString(),
                "-pl",
                "benchmarks",
                "-am",
                "package",
                "-DskipTests",
                "-Dspotless.check.skip=true")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (p.waitFor() != 0 || !Files.isRegularFile(root.resolve(BenchJar.PATH))) {
      throw new UncheckedIOException(new IOException("building the benchmarks failed; see " + log));
    }
  }

  /** Case-insensitive {@link Settings} names. */
  static final class SettingsConverter implements picocli.CommandLine.ITypeConverter<Settings> {
    @Override
    public Settings convert(String value) {
      try {
        return Settings.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected short or long, got '" + value + "'");
      }
    }
  }
}
