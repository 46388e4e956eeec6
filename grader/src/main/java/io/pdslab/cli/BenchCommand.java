package io.pdslab.cli;

import io.pdslab.grader.bench.BenchPlot;
import io.pdslab.grader.bench.BenchResult;
import io.pdslab.grader.bench.JmhJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * reference}, {@code jdk}, ...), which is what {@code --impl} selects. A suite with a latency
 * generator also gets its latency run and page ({@link LatencyRun}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a JMH benchmark suite over a thread sweep; write JMH JSON and an HTML plot.",
      "Example: pdslab bench concurrent --threads 1,2,4 --impl reference,jdk"
    })
final class BenchCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** JMH run lengths. */
  enum Settings {
    /** A quick look (grading, CI): 1 fork, 1 × 1 s warm-up, 3 × 1 s measurement. */
    SHORT("-f", "1", "-wi", "1", "-w", "1s", "-i", "3", "-r", "1s"),
    /** Numbers worth quoting: 2 forks, 5 × 2 s warm-up, 5 × 2 s measurement. */
    LONG("-f", "2", "-wi", "5", "-w", "2s", "-i", "5", "-r", "2s");

    final List<String> jmhArgs;

    Settings(String... jmhArgs) {
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
      description = "Run lengths: SHORT (default, ~4 s per configuration) or LONG (~20 s).",
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
      description = "Benchmarks jar (default: benchmarks/target/benchmarks.jar, built if missing).")
  Path jar;

  @Option(
      names = "--ignore-lock",
      description =
          "Run even if another JMH run holds /tmp/jmh.lock (its load will skew both results).")
  boolean ignoreLock;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    validate();
    Path root = Pdslab.root();
    Path benchJar = jar != null ? jar : root.resolve("benchmarks/target/benchmarks.jar");
    if (!Files.isRegularFile(benchJar)) {
      if (jar != null) {
        throw new UserError("no benchmarks jar at " + jar);
      }
      buildJar(root, err);
    }
    Path dir = out != null ? out : root.resolve("target/bench").resolve(suite);
    Files.createDirectories(dir);
    List<Path> parts = new ArrayList<>();
    for (int t : threads) {
      Path json = dir.resolve("jmh-threads-" + t + ".json");
      Files.deleteIfExists(json);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      if (ignoreLock) {
        cmd.add("-Djmh.ignoreLock=true");
      }
      cmd.add("-jar");
      cmd.add(benchJar.toString());
      cmd.add(includeRegex());
      cmd.addAll(settings.jmhArgs);
      profilers.forEach(p -> cmd.addAll(List.of("-prof", p)));
      cmd.addAll(List.of("-t", Integer.toString(t), "-rf", "json", "-rff", json.toString()));
      err.println("pdslab bench: " + suite + ", " + t + " thread(s): " + String.join(" ", cmd));
      err.flush();
      int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
      if (code != 0 || !Files.isRegularFile(json)) {
        err.println("pdslab bench: JMH failed (exit " + code + ") for " + t + " thread(s)");
        return Pdslab.FAILED;
      }
      parts.add(json);
    }
    Path merged = dir.resolve("jmh.json");
    JmhJson.merge(parts, merged);
    List<BenchResult> results = JmhJson.read(merged);
    if (results.isEmpty()) {
      throw new UserError(
          "no benchmark matched suite '"
              + suite
              + "'"
              + (impls.isEmpty() ? "" : " and --impl " + impls));
    }
    Path html = dir.resolve("report.html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      BenchPlot.render(
          "pdslab bench " + suite + " (" + settings.name().toLowerCase() + ")", results, w);
    }
    spec.commandLine().getOut().println("wrote " + merged + " and " + html);
    if (LatencyRun.present(benchJar, suite)) {
      Path latency = LatencyRun.run(benchJar, suite, settings == Settings.SHORT, merged, dir, err);
      if (latency == null) {
        return Pdslab.FAILED;
      }
      spec.commandLine().getOut().println("wrote " + latency);
    }
    return Pdslab.OK;
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

  private static void buildJar(Path root, PrintWriter err)
      throws IOException, InterruptedException {
    err.println("pdslab bench: building benchmarks/target/benchmarks.jar ...");
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
    if (p.waitFor() != 0
        || !Files.isRegularFile(root.resolve("benchmarks/target/benchmarks.jar"))) {
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
