package io.pdslab.grader.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, shown beside its numbers: without it nobody can tell whether a
 * figure is slow or the machine was busy.
 *
 * @param cpu CPU model
 * @param cores processors the JVM sees
 * @param jdk the JDK's name and version
 * @param os operating system and architecture
 * @param loadBefore one-minute load average when the run started (NaN when unknown)
 * @param loadAfter one-minute load average when it ended (NaN when unknown)
 */
public record MachineInfo(
    String cpu, int cores, String jdk, String os, double loadBefore, double loadAfter) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /** This machine now; {@link #loadAfter} is the current load too until {@link #ended()}. */
  public static MachineInfo now() {
    double load = loadAverage();
    return new MachineInfo(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?"),
        System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?"),
        load,
        load);
  }

  /** The same machine with the load average at the end of the run. */
  public MachineInfo ended() {
    return new MachineInfo(cpu, cores, jdk, os, loadBefore, loadAverage());
  }

  /** One line for the page and the terminal. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %s, %s; load average %s at the start, %s at the end",
        cpu,
        cores,
        jdk,
        os,
        load(loadBefore),
        load(loadAfter));
  }

  /** Whether other work competed for the cores (load average above the core count). */
  public boolean busy() {
    return Math.max(loadBefore, loadAfter) > cores;
  }

  /** Writes this record as JSON (beside JMH's own, which stays as JMH wrote it). */
  public void write(Path file) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String load(double v) {
    return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static double loadAverage() {
    double v = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return v < 0 ? Double.NaN : v;
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(CPUINFO);
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture is all we know
    }
    return System.getProperty("os.arch", "unknown CPU");
  }
}
