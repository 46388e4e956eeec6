package io.pdslab.grader.bench;

/**
 * A JMH unit shown the way people read it: throughput in millions of operations per second (JMH's
 * {@code ops/us} is the same number), time in nanoseconds per operation.
 *
 * @param jmh the unit as JMH wrote it
 * @param label the unit shown
 * @param factor what a JMH value is multiplied by to be in {@code label}
 * @param throughput whether higher is better (operations per time)
 */
public record HumanUnit(String jmh, String label, double factor, boolean throughput) {
  /** The human unit for a JMH unit; an unknown unit is shown as is. */
  public static HumanUnit of(String jmhUnit) {
    String u = jmhUnit == null ? "" : jmhUnit.trim();
    return switch (u) {
      case "ops/ns" -> new HumanUnit(u, "M ops/s", 1e3, true);
      case "ops/us" -> new HumanUnit(u, "M ops/s", 1, true);
      case "ops/ms" -> new HumanUnit(u, "M ops/s", 1e-3, true);
      case "ops/s" -> new HumanUnit(u, "M ops/s", 1e-6, true);
      case "ops/min" -> new HumanUnit(u, "M ops/s", 1e-6 / 60, true);
      case "ns/op" -> new HumanUnit(u, "ns/op", 1, false);
      case "us/op" -> new HumanUnit(u, "ns/op", 1e3, false);
      case "ms/op" -> new HumanUnit(u, "ms/op", 1, false);
      case "s/op" -> new HumanUnit(u, "s/op", 1, false);
      default -> new HumanUnit(u, u, 1, u.startsWith("ops/"));
    };
  }

  /** {@code value} (in the JMH unit) in this unit. */
  public double toHuman(double value) {
    return value * factor;
  }
}
