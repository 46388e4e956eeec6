package io.pdslab.harness.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --name value} command-line options of the cluster mains. The user-facing options are
 * parsed by the {@code pdslab cluster} command; these mains get them already checked, so a mistake
 * here is a clear error, not a help page.
 */
final class Args {
  private final Map<String, String> values = new TreeMap<>();

  Args(String[] args, Set<String> known) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      values.put(name, flag ? "true" : args[++i]);
    }
  }

  String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing option --" + name);
    }
    return v;
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int getInt(String name, int fallback) {
    long v = getLong(name, fallback);
    if (v != (int) v) {
      throw new IllegalArgumentException("--" + name + " is too large: " + v);
    }
    return (int) v;
  }

  long getLong(String name, long fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + v + "'");
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  static List<String> list(String commaSeparated) {
    return commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
  }
}
