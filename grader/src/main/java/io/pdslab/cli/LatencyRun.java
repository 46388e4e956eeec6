package io.pdslab.cli;

import io.pdslab.grader.bench.LatencyPlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The latency half of {@code pdslab bench SUITE}, for suites that have one: a main class {@code
 * io.pdslab.bench.SUITE.Latency} in the benchmarks jar (an open-loop load generator, not JMH). It
 * runs in a child JVM, writes {@code latency.json}, and {@link LatencyPlot} draws {@code
 * latency.html} from it, with the JMH results' allocation figures when there are any.
 */
final class LatencyRun {
  private LatencyRun() {}

  /** Whether {@code jar} holds a latency main for {@code suite}. */
  static boolean present(Path jar, String suite) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(mainClass(suite).replace('.', '/') + ".class") != null;
    }
  }

  /**
   * Runs the suite's latency main into {@code dir}; returns the HTML page written, or null if the
   * run failed.
   */
  static Path run(Path jar, String suite, boolean quick, Path jmhJson, Path dir, PrintWriter err)
      throws IOException, InterruptedException {
    Path json = dir.resolve("latency.json");
    Files.deleteIfExists(json);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", jar.toString(), mainClass(suite), json.toString()));
    if (quick) {
      cmd.add("--quick");
    }
    err.println("pdslab bench: " + suite + " latency: " + String.join(" ", cmd));
    err.flush();
    int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (code != 0 || !Files.isRegularFile(json)) {
      err.println("pdslab bench: the latency run failed (exit " + code + ")");
      return null;
    }
    Path html = dir.resolve("latency.html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      LatencyPlot.render("pdslab bench " + suite + ": latency", json, jmhJson, w);
    }
    return html;
  }

  private static String mainClass(String suite) {
    return "io.pdslab.bench." + suite + ".Latency";
  }
}
