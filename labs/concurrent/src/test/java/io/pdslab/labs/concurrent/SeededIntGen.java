package io.pdslab.labs.concurrent;

import java.util.Random;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Integer operation arguments drawn uniformly from {@code conf = "min:max"}, seeded from the test's
 * seed ({@link LincheckSettings#seed()}) like {@link SeededScenarios}: Lincheck's own {@code
 * IntGen} draws from a constant seed.
 */
public final class SeededIntGen implements ParameterGenerator<Integer> {
  private final Random random;
  private final int min;
  private final int max;

  /** Called by Lincheck for {@code @Param(gen = SeededIntGen.class, conf = "min:max")}. */
  public SeededIntGen(RandomProvider ignored, String conf) {
    String[] bounds = conf.split(":");
    if (bounds.length != 2) {
      throw new IllegalArgumentException(
          "SeededIntGen needs conf \"min:max\", got \"" + conf + "\"");
    }
    min = Integer.parseInt(bounds[0].trim());
    max = Integer.parseInt(bounds[1].trim());
    if (max < min) {
      throw new IllegalArgumentException("SeededIntGen: max < min in \"" + conf + "\"");
    }
    random = new Random(LincheckSettings.seed() * 0xBF58476D1CE4E5B9L + conf.hashCode());
  }

  @Override
  public Integer generate() {
    return min + random.nextInt(max - min + 1);
  }
}
