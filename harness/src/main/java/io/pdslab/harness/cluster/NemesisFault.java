package io.pdslab.harness.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of fault the nemesis injects. */
public enum NemesisFault {
  /** SIGKILL, then a restart (a new JVM) a little later. */
  KILL,
  /** SIGSTOP, then SIGCONT. */
  PAUSE,
  /** A minority of the servers cut off from the rest for a few seconds. */
  PARTITION;

  /** Parses {@code kill,pause,partition} (any of them) or {@code none}. */
  public static List<NemesisFault> parse(String spec) {
    if (spec.isBlank() || spec.trim().equals("none")) {
      return List.of();
    }
    return Arrays.stream(spec.split(","))
        .map(
            s -> {
              try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "unknown nemesis fault '" + s + "'; use kill, pause, partition or none");
              }
            })
        .distinct()
        .toList();
  }

  /** The faults as {@link #parse} reads them. */
  public static String format(List<NemesisFault> faults) {
    return faults.isEmpty()
        ? "none"
        : faults.stream()
            .map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
  }
}
