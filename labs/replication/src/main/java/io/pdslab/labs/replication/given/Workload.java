package io.pdslab.labs.replication.given;

import java.util.Random;

/**
 * The operations one client runs: a seeded mix of appends (60 %), gets (30 %) and puts (10 %) over
 * a few keys; appended and put values are unique ({@code "c<client>.<n> "}), so a history shows
 * which write a read saw and whether a write was applied twice.
 */
public final class Workload {

  private Workload() {}

  /** Runs {@code ops} operations through {@code clerk}, stopping early if one is abandoned. */
  public static void run(Clerk clerk, int ops, int keys, Random random) {
    for (int n = 1; n <= ops; n++) {
      String key = "k" + random.nextInt(keys);
      String value = "c" + clerk.clientId() + "." + n + " ";
      int kind = random.nextInt(10);
      boolean done;
      if (kind < 6) {
        done = clerk.append(key, value);
      } else if (kind < 9) {
        done = clerk.get(key) != null;
      } else {
        done = clerk.put(key, value);
      }
      if (!done) {
        return;
      }
    }
  }
}
