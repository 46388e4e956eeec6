package io.pdslab.harness.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UnsharedRandomTest {

  @Test
  void givesTheNumbersOfJavaUtilRandom() {
    for (long seed : new long[] {0, 1, -7, 42, Long.MAX_VALUE}) {
      Random expected = new Random(seed);
      Random actual = new UnsharedRandom(seed);
      for (int i = 0; i < 1000; i++) {
        assertEquals(expected.nextDouble(), actual.nextDouble());
        assertEquals(expected.nextInt(100), actual.nextInt(100));
        assertEquals(expected.nextLong(), actual.nextLong());
        assertEquals(expected.nextGaussian(), actual.nextGaussian());
        assertEquals(expected.nextBoolean(), actual.nextBoolean());
      }
      expected.setSeed(seed + 1);
      actual.setSeed(seed + 1);
      assertEquals(expected.nextInt(), actual.nextInt());
    }
  }
}
