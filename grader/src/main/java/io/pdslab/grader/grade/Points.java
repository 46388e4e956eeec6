package io.pdslab.grader.grade;

import java.util.Locale;

/** Formats points: whole numbers without decimals, others with two. */
public final class Points {
  private Points() {}

  /** {@code 6} for 6.0, {@code 2.33} for 7/3. */
  public static String format(double points) {
    return points == Math.rint(points)
        ? Long.toString((long) points)
        : String.format(Locale.ROOT, "%.2f", points);
  }
}
