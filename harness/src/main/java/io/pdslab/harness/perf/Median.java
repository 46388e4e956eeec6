package io.pdslab.harness.perf;

import java.util.Arrays;

/** The median of repeated measurements, the summary every ratio of noisy rounds is read through. */
public final class Median {
  private Median() {}

  /**
   * The middle value of {@code xs}, or the mean of the two middle values when their number is even;
   * NaN when there is none. {@code xs} is not modified.
   */
  public static double of(double... xs) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
